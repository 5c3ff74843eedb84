"""`newsevents eval`: code a gold file's sentences and score them.

The figures follow the definitions of the field's sentence-level scorer (as in
../shared/bench/score_events.py): per sentence, a predicted PLOVER type matches the gold type;
"full" also needs a gold source country among the sources and, where the gold names targets, a
gold target among the targets (either way round where the gold gives no target). Precision counts
distinct predicted (type, source, target) triples. Quad gold (JSONL with `quad`) is scored by the
quad class of each sentence's first event.

Sentences are coded with no confidence threshold (`evaluate_file`'s default settings, and
`newsevents eval` unless --min-confidence is given): every gold sentence holds an event, so the threshold, which sets aside
what a page yields that is least likely right, is measured on whole pages (bench/documents.py).

The dev gold files are split into two fixed halves (`half_of`): rules are tuned on `tune`, and the
quality gates of the tests measure `check`, so a gate says something about sentences a rule was
not written for (as long as nobody tunes on `check`).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from newsevents.cameo import quad_of_root
from newsevents.pipeline import Coder, Settings

# Older PLOVER type names used by the gold standard, and their current names.
OLD_TYPE_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OLD_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


HALVES = ("tune", "check")


def half_of(record: dict) -> str:
    """The fixed half of a dev gold file a record belongs to: "tune" or "check".

    sha1 of the record's split key (`split_key`); the parity of its first byte splits about half and
    half. sha1 rather than hash(), which Python salts per process.
    """
    return HALVES[hashlib.sha1(split_key(record).encode("utf-8")).digest()[0] % 2]


def split_key(record: dict) -> str:
    """The record's id (its text where it has none), with what ties records together removed:
    the "-ru" of a translation (a sentence and its translation fall in the same half) and the
    sentence number of a news sentence ("d90bda7e-s01"), whose page, in documents_dev.json under
    its full 64-digit id, then falls in the same half as all its sentences."""
    key = str(record.get("id") or record.get("text") or "").removesuffix("-ru")
    page = re.fullmatch(r"([0-9a-f]{8})(?:[0-9a-f]{56}|-s\d+)", key)
    return page.group(1) if page else key


def select_half(records: list[dict], half: str | None) -> list[dict]:
    """The records of one half, or all of them when `half` is None."""
    if half is None:
        return records
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, not {half!r}")
    return [record for record in records if half_of(record) == half]


def country_of(code) -> str | None:
    if not code or not isinstance(code, str):
        return None
    head = code.strip().upper()[:3]
    return OLD_COUNTRY_CODES.get(head, head) or None


def load_gold(path: str) -> list[dict]:
    """Gold sentences as {id, text, date, kind, events:[{type, src, tgt}] | quad}."""
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as handle:
            return [dict(json.loads(line), kind="quad") for line in handle if line.strip()]
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError("expected a JSON array of PLOVER gold records or a .jsonl quad file")
    gold = []
    for record in data:
        if record.get("event") in (None, "DOCUMENT"):
            continue
        gold.append({
            "id": record["id"], "text": record["text"].strip(), "date": record.get("date") or None,
            "kind": "plover", "language": record.get("language") or "en",
            "events": [{"type": OLD_TYPE_NAMES.get(record["event"], record["event"]),
                        "src": _countries(record.get("source")), "tgt": _countries(record.get("target"))}],
        })
    return gold


def _countries(actors) -> set[str]:
    return {country_of(a.get("code")) for a in (actors or []) if isinstance(a, dict)} - {None}


def _triples(events: list[dict]) -> set[tuple]:
    triples = set()
    for event in events:
        plover = (event.get("plover") or {}).get("type")
        source = country_of((event.get("source") or {}).get("code"))
        target = country_of((event.get("target") or {}).get("code"))
        if (plover, source, target) != (None, None, None):
            triples.add((plover, source, target))
    return triples


def _full_match(triple: tuple, gold_event: dict) -> bool:
    kind, source, target = triple
    if kind != gold_event["type"]:
        return False
    if not gold_event["tgt"]:
        return bool({source, target} & gold_event["src"])
    return source in gold_event["src"] and target in gold_event["tgt"]


def _prf(hits_p: int, n_p: int, hits_r: int, n_r: int) -> dict[str, float]:
    p = hits_p / n_p if n_p else 0.0
    r = hits_r / n_r if n_r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score_plover(gold: list[dict], predicted: dict[str, list[dict]]) -> dict:
    totals: Counter = Counter()
    confusion: Counter = Counter()
    misses = []
    for sentence in gold:
        triples = _triples(predicted.get(sentence["id"], []))
        types = {t for t, _, _ in triples if t}
        gold_types = {e["type"] for e in sentence["events"]}
        totals["gold"] += len(sentence["events"])
        totals["pred_types"] += len(types)
        totals["pred_triples"] += len(triples)
        totals["type_hits_p"] += len(types & gold_types)
        totals["type_hits_r"] += sum(e["type"] in types for e in sentence["events"])
        full_hits = [e for e in sentence["events"] if any(_full_match(t, e) for t in triples)]
        totals["full_hits_r"] += len(full_hits)
        totals["full_hits_p"] += sum(any(_full_match(t, e) for e in sentence["events"]) for t in triples)
        for gold_type in gold_types:
            confusion[(gold_type, gold_type if gold_type in types else (sorted(types)[0] if types else "-"))] += 1
        if len(full_hits) < len(sentence["events"]):
            misses.append({"id": sentence["id"], "text": sentence["text"],
                           "gold": [{"type": e["type"], "src": sorted(e["src"]), "tgt": sorted(e["tgt"])}
                                    for e in sentence["events"]],
                           "predicted": sorted(map(list, ((str(x) for x in t) for t in triples)))})
    return {"sentences": len(gold), "gold_events": totals["gold"],
            "type": _prf(totals["type_hits_p"], totals["pred_types"], totals["type_hits_r"], totals["gold"]),
            "full": _prf(totals["full_hits_p"], totals["pred_triples"], totals["full_hits_r"], totals["gold"]),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())}, "misses": misses}


def score_quad(gold: list[dict], predicted: dict[str, list[dict]]) -> dict:
    confusion: Counter = Counter()
    misses = []
    for sentence in gold:
        events = predicted.get(sentence["id"], [])
        first = _quad(events[0]) if events else 0
        confusion[(sentence["quad"], first)] += 1
        if first != sentence["quad"]:
            misses.append({"id": sentence["id"], "text": sentence["text"], "gold": sentence["quad"],
                           "predicted": first, "cameo": [e["cameo"] for e in events]})
    n = len(gold)
    accuracy = sum(v for (g, p), v in confusion.items() if g == p) / n if n else 0.0
    table = [[confusion[(g, p)] for p in range(5)] for g in range(5)]
    return {"sentences": n, "accuracy": round(accuracy, 4), "confusion_gold_by_pred": table, "misses": misses}


def _quad(event: dict) -> int:
    root = event["cameo"][:2]
    return 0 if root in ("01", "02") else quad_of_root(root)


def evaluate_file(path: str, settings: Settings = Settings(min_confidence=0.0), predictions_path: str | None = None,
                  half: str | None = None) -> dict:
    gold = select_half(load_gold(path), half)
    coder = Coder(settings)
    predicted: dict[str, list[dict]] = defaultdict(list)
    out = open(predictions_path, "w", encoding="utf-8") if predictions_path else None
    try:
        for sentence in gold:
            for event in coder.code_text(sentence["text"], sentence.get("date"), doc_id=sentence["id"],
                                         language=sentence.get("language", "en")):
                record = event.to_dict()
                predicted[sentence["id"]].append(record)
                if out:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    if gold and gold[0]["kind"] == "quad":
        return {"kind": "quad", "half": half or "all", **score_quad(gold, predicted)}
    return {"kind": "plover", "half": half or "all", **score_plover(gold, predicted)}


def format_report(report: dict, worst: int = 10) -> str:
    lines = [f"half {report.get('half', 'all')}"]
    if report["kind"] == "quad":
        lines.append(f"sentences {report['sentences']}  accuracy {report['accuracy']:.3f}")
        lines.append("confusion (rows gold 0-4, columns predicted 0-4):")
        lines += ["  " + " ".join(f"{v:4d}" for v in row) for row in report["confusion_gold_by_pred"]]
    else:
        lines.append(f"sentences {report['sentences']}  gold events {report['gold_events']}")
        for level in ("type", "full"):
            r = report[level]
            lines.append(f"{level:5s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}")
        lines.append("confusion by PLOVER type (gold -> predicted, '-' = nothing):")
        wrong = {k: v for k, v in report["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
        lines += [f"  {k:28s} {v}" for k, v in sorted(wrong.items(), key=lambda kv: -kv[1])]
    if worst:
        lines.append(f"missed sentences (first {worst}):")
        for miss in report["misses"][:worst]:
            lines.append(f"  {miss['id']}: gold {miss['gold']} predicted {miss['predicted']}")
            lines.append(f"      {miss['text'][:160]}")
    return "\n".join(lines)
