"""`newsevents eval`: the fixed tune/check split of the dev gold, and figures identical to those of
../shared/bench/score_events.py on the same predictions."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import NEWSEVENTS
from newsevents.evaluate import half_of, select_half

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "data" / "gold"
SCORER = SHARED / "bench" / "score_events.py"


def shared_file(path: Path) -> Path:
    """The path, or a loud failure in CI (which keeps ../shared beside the repository), else a skip."""
    if path.exists():
        return path
    message = f"{path} is absent (CI keeps ../shared beside the repository)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_absent_data_fails_in_ci_and_skips_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="absent"):
        shared_file(tmp_path / "missing.json")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        shared_file(tmp_path / "missing.json")


# -- the split -----------------------------------------------------------------------------------

def test_the_split_is_fixed():
    # Pinned: a change of the split would move sentences someone tuned on into `check`.
    halves = [half_of({"id": i}) for i in ("PLOVER-GSR01-AGREE-0003", "PLOVER-GSR01-AGREE-0004",
                                           "CB-train-6b598f834c", "CB-train-1912b3a6ed")]
    assert halves == ["check", "tune", "tune", "check"]


def test_the_split_is_about_half_and_half():
    checks = sum(half_of({"id": f"sentence-{n}"}) == "check" for n in range(1000))
    assert 450 < checks < 550


def test_a_translation_a_news_sentence_and_a_record_with_no_id_follow_their_key():
    assert half_of({"id": "PLOVER-GSR01-AGREE-0004-ru"}) == half_of({"id": "PLOVER-GSR01-AGREE-0004"}) == "tune"
    page = "c7e39ac4" + "0" * 56  # a page of documents_dev.json and two of its sentences
    assert half_of({"id": page}) == half_of({"id": "c7e39ac4-s03"}) == half_of({"id": "c7e39ac4-s17"}) == "check"
    assert half_of({"text": "CB-train-1912b3a6ed"}) == "check"  # no id: the text is the key


def test_select_half_partitions_the_records():
    records = [{"id": f"r{n}"} for n in range(40)]
    tune, check = select_half(records, "tune"), select_half(records, "check")
    assert tune and check and sorted(map(str, tune + check)) == sorted(map(str, records))
    assert select_half(records, None) == records
    with pytest.raises(ValueError):
        select_half(records, "test")


def test_the_russian_translations_fall_in_the_halves_of_their_originals():
    english = json.loads(shared_file(GOLD / "plover_gsr_dev.json").read_text(encoding="utf-8"))
    russian = json.loads(shared_file(GOLD / "plover_gsr_dev_ru.json").read_text(encoding="utf-8"))
    pairs = {r["id"]: half_of(r) for r in english}
    assert len(russian) == len(english) > 100
    assert all(pairs[r["id"].removesuffix("-ru")] == half_of(r) for r in russian)


# -- the same figures as the shared scorer -------------------------------------------------------

def eval_and_score(tmp_path: Path, gold_records: list, suffix: str) -> tuple[dict, dict, int]:
    """`newsevents eval --half check` on the records, and score_events.py on the same predictions
    against the check records alone."""
    write = (lambda rs: "".join(json.dumps(r) + "\n" for r in rs)) if suffix == ".jsonl" else json.dumps
    gold, check_gold = tmp_path / f"gold{suffix}", tmp_path / f"check{suffix}"
    gold.write_text(write(gold_records), encoding="utf-8")
    check = [r for r in select_half(gold_records, "check") if r.get("event") != "DOCUMENT"]
    check_gold.write_text(write(check), encoding="utf-8")
    predictions = tmp_path / "predictions.jsonl"
    ours = subprocess.run([str(NEWSEVENTS), "eval", str(gold), "--half", "check", "--json",
                           "--predictions", str(predictions)], capture_output=True, text=True, timeout=600)
    assert ours.returncode == 0, ours.stderr
    theirs = subprocess.run([sys.executable, str(shared_file(SCORER)), "score", str(check_gold), str(predictions),
                             "--json"], capture_output=True, text=True, timeout=600)
    assert theirs.returncode == 0, theirs.stderr
    assert predictions.read_text(encoding="utf-8").strip()  # something was coded, so the match means something
    return json.loads(ours.stdout), json.loads(theirs.stdout), len(check)


def test_plover_figures_equal_the_shared_scorers(tmp_path):
    records = json.loads(shared_file(GOLD / "plover_gsr_dev.json").read_text(encoding="utf-8"))[:41]
    ours, theirs, n = eval_and_score(tmp_path, records, ".json")
    assert (ours["half"], ours["sentences"]) == ("check", n) and n > 10
    assert (ours["type"], ours["full"]) == (theirs["type"], theirs["full"])
    assert 0 < ours["full"]["f1"] < 1  # hits and misses both present: the comparison covers both paths


def test_quad_figures_equal_the_shared_scorers(tmp_path):
    lines = shared_file(GOLD / "conflibert_quad_dev.jsonl").read_text(encoding="utf-8").splitlines()[:60]
    ours, theirs, n = eval_and_score(tmp_path, [json.loads(line) for line in lines], ".jsonl")
    assert (ours["half"], ours["sentences"]) == ("check", n) and n > 10
    assert ours["accuracy"] == theirs["accuracy"] and 0 < ours["accuracy"] < 1
    assert ours["confusion_gold_by_pred"] == theirs["confusion_gold_by_pred"]


# -- quality gates on the check halves -----------------------------------------------------------
# The rules are tuned on the `tune` halves; the gates measure `check`. Figures of 2 Dec 2026 (tune /
# check): PLOVER type F1 0.877 / 0.870, full 0.698 / 0.753; quad accuracy 0.801 / 0.812; news
# sentences type 0.330 / 0.281, full 0.047 / 0.113.

def check_gate(report: dict, floors: dict[str, float]) -> None:
    """Fail naming every figure below its floor; floors name "type" or "full" (F1) or "accuracy"."""
    figures = {name: report["accuracy"] if name == "accuracy" else report[name]["f1"] for name in floors}
    below = {name: f"{figures[name]:.3f} < {floor}" for name, floor in floors.items() if figures[name] < floor}
    assert not below, f"{report.get('half', 'all')} half below its gate: {below}"


def gate(name: str, floors: dict[str, float]) -> None:
    from newsevents.evaluate import evaluate_file

    report = evaluate_file(str(shared_file(GOLD / name)), half="check")
    assert report["half"] == "check" and report["sentences"] > 50
    check_gate(report, floors)


def test_gate_plover_check_half():
    """At the issue's targets, met on the check half (type 0.870, full 0.753)."""
    gate("plover_gsr_dev.json", {"type": 0.85, "full": 0.70})


def test_gate_quad_check_half():
    """At the issue's target, met on the check half (accuracy 0.812)."""
    gate("conflibert_quad_dev.jsonl", {"accuracy": 0.80})


def test_gate_news_check_half():
    """No target met here: floors pinned about 0.02 below today's check figures (type F1 0.346,
    full 0.139), so that a loss fails; raise them as the news sentences improve."""
    gate("plover_news_dev.json", {"type": 0.32, "full": 0.12})


def gold_as_predictions(gold: list[dict]) -> dict[str, list[dict]]:
    """Event records that code each gold sentence exactly as its gold says (first actor each side)."""
    def record(sentence_id, event):
        return {"doc_id": sentence_id, "plover": {"type": event["type"]},
                "source": {"code": min(event["src"])} if event["src"] else None,
                "target": {"code": min(event["tgt"])} if event["tgt"] else None}
    return {s["id"]: [record(s["id"], e) for e in s["events"]] for s in gold}


def test_the_gate_fails_on_predictions_that_score_below_it():
    from newsevents.evaluate import load_gold, score_plover

    gold = select_half(load_gold(str(shared_file(GOLD / "plover_gsr_dev.json"))), "check")
    perfect = gold_as_predictions(gold)
    check_gate(score_plover(gold, perfect), {"type": 0.85, "full": 0.70})  # 1.0 and 1.0 pass
    lost = dict(list(perfect.items())[: int(len(perfect) * 0.7)])  # 30% of sentences coded as nothing
    report = score_plover(gold, lost)
    assert report["type"]["f1"] < 0.85
    with pytest.raises(AssertionError, match="type"):
        check_gate(report, {"type": 0.85, "full": 0.70})


def test_gate_documents_check_half():
    """Whole pages (documents_dev.json), check half, through bench/documents.py and the shared scorer.
    Issue 14's targets (must recall 0.75, explained 0.70) on all 14 dev pages (0.81 / 0.77 today);
    on the check half, which was never studied, floors just under today's 0.65 / 0.60 (the figures
    the issue expects on held-out pages); no event twice in a sentence."""
    shared_file(GOLD / "documents_dev.json")
    bench = Path(__file__).resolve().parents[1] / "bench" / "documents.py"
    result = subprocess.run([sys.executable, str(bench)], capture_output=True, text=True, check=True, timeout=900)
    for half, (least_recall, least_explained) in {"check ": (0.62, 0.57), "all ": (0.75, 0.70)}.items():
        line = next(line for line in result.stdout.splitlines() if line.startswith(half))
        recall, explained, duplicates = (float(x) for x in re.search(
            r"must recall ([\d.]+) .* explained ([\d.]+) of \d+ events, (\d+) duplicates", line).groups())
        assert recall >= least_recall and explained >= least_explained and duplicates == 0, line
