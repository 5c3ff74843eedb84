"""The hostile corpus through a real `newsevents ingest`: it finishes, every good document is
stored with its events, every bad input is a reject with its reason, and the counts add up.
Also the regression tests of the failures the corpus found, one per cause."""
from __future__ import annotations

import gzip
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

import hostile
from helpers import NEWSEVENTS, rows
from newsevents import api
from newsevents.clean import clean_document
from newsevents.pipeline import Settings
from newsevents.read import read_inputs
from newsevents.records import Document, Reject

HANG_GUARD = 900  # seconds: stops a hung ingest only (about 20 s measured); speed is bench/'s business
SUMMARY = re.compile(r"read (\d+): stored (\d+) \(replaced (\d+)\), unchanged (\d+), rejected (\d+), "
                     r"skipped by language (\d+)")




def ingest(corpus_root: Path, db: Path) -> subprocess.CompletedProcess:
    # One worker: the serial path of store.ingest (runner.py's worker path is another module's tests).
    command = [str(NEWSEVENTS), "ingest", str(corpus_root), "--db", str(db), "--date", hostile.DATE,
               "--no-progress", "--workers", "1"]
    return subprocess.run(command, capture_output=True, text=True, timeout=HANG_GUARD)


def summary_counts(stderr: str) -> dict[str, int]:
    found = SUMMARY.search(stderr)
    assert found, stderr
    names = ("read", "stored", "replaced", "unchanged", "rejected", "skipped")
    return dict(zip(names, map(int, found.groups())))


def check_outcomes(corpus: hostile.Corpus, db: Path) -> None:
    """Every input became what the corpus says: stored with its events, skipped, or rejected with its reason."""
    documents = {origin: (doc_id, status) for doc_id, status, origin in
                 rows(db, "SELECT doc_id, status, origin FROM documents")}
    rejects: dict[str, list[str]] = {}
    for origin, reason in rows(db, "SELECT origin, lower(reason) FROM rejects"):
        rejects.setdefault(origin, []).append(reason)
    problems = []
    for item in corpus.expected:
        stored = documents.get(item.origin)
        if item.outcome in ("stored", "skipped"):
            status = "coded" if item.outcome == "stored" else "skipped"
            if stored is None or stored[1] != status or (item.doc_id and stored[0] != item.doc_id):
                problems.append(f"{item.origin}: expected {item.outcome} as {item.doc_id}, got {stored} "
                                f"(rejects: {rejects.get(item.origin)})")
                continue
            coded = set(rows(db, "SELECT source_code, target_code, cameo FROM mentions WHERE doc_id = ?", [stored[0]]))
            missing = [event for event in item.events if event not in coded]
            if missing:
                problems.append(f"{item.origin}: events {missing} missing among {sorted(coded, key=str)}")
        elif item.outcome == "rejected":
            reasons = rejects.get(item.origin, [])
            if stored is not None or not any(item.reason in reason for reason in reasons):
                problems.append(f"{item.origin}: expected a reject with {item.reason!r}, got {reasons} / {stored}")
        elif item.outcome == "stored_or_rejected":
            if (stored is None) == (not rejects.get(item.origin)):
                problems.append(f"{item.origin}: expected stored or rejected, got {stored} / {rejects.get(item.origin)}")
    assert not problems, "\n".join(problems)
    assert all(stage and reason for stage, reason in rows(db, "SELECT stage, reason FROM rejects"))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = hostile.build(root / "corpus")
    db = root / "events.duckdb"
    return corpus, db, ingest(corpus.root, db)


def test_the_hostile_corpus_is_ingested(ingested):
    _, db, result = ingested
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_every_input_is_stored_skipped_or_rejected_with_its_reason(ingested):
    corpus, db, result = ingested
    assert result.returncode == 0, result.stderr
    check_outcomes(corpus, db)


def test_the_summary_adds_up(ingested):
    corpus, db, result = ingested
    counts = summary_counts(result.stderr)
    assert counts["read"] == counts["stored"] + counts["unchanged"] + counts["rejected"] + counts["skipped"]
    (documents,) = rows(db, "SELECT count(*) FROM documents")[0]
    assert documents == counts["stored"] + counts["skipped"]
    assert counts["replaced"] == 0  # a duplicate id never replaces the first document
    assert counts["unchanged"] == len(corpus.of("unchanged"))
    (rejects,) = rows(db, "SELECT count(*) FROM rejects")[0]
    assert rejects == counts["rejected"]


def test_the_database_passes_the_check_and_a_rerun_adds_nothing(ingested, tmp_path):
    corpus, db, result = ingested
    before = {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("documents", "mentions", "events", "rejects")}  # noqa: S608
    again = ingest(corpus.root, db)
    assert again.returncode == 0, again.stderr
    counts = summary_counts(again.stderr)
    assert counts["stored"] == 0 and counts["unchanged"] == before["documents"] + len(corpus.of("unchanged"))
    assert {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in before} == before  # noqa: S608
    check = subprocess.run([str(NEWSEVENTS), "check", "--db", str(db)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_a_50_mb_single_line_is_rejected_without_stalling(tmp_path):
    corpus = hostile.build(tmp_path / "corpus", big_mb=50)
    result = ingest(corpus.root, tmp_path / "events.duckdb")
    assert result.returncode == 0, result.stderr
    check_outcomes(corpus, tmp_path / "events.duckdb")


# --- regressions: one per failure the corpus found -------------------------------------------------

def test_a_nul_byte_in_one_jsonl_line_rejects_only_that_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Russia attacked Ukraine."}\n\x00\x01 junk\n{"id": "b", "text": "x y"}\n')
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Document", "Reject", "Document"]
    assert items[1].origin.endswith(":2") and "not JSON" in items[1].reason


def test_a_warc_cut_inside_a_record_rejects_that_record(tmp_path):
    pages = [("http://a.example/1", hostile.html_page("One", "Russia attacked Ukraine.")),
             ("http://a.example/2", hostile.html_page("Two", "x " * 20_000))]
    data = hostile.warc_bytes(pages, compress=False)
    first = len(hostile.warc_bytes(pages[:1], compress=False))
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: first + (len(data) - first) // 2])
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Reject) and "truncated WARC record" in items[1].reason and len(items) == 2


def test_a_file_of_mixed_encodings_is_decoded_line_by_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(hostile.RUSSIAN.encode("utf-8") + b"\n" + hostile.RUSSIAN.encode("cp1251") + b"\nRussia attacked Ukraine.\n")
    (item,) = read_inputs([str(path)])
    assert isinstance(item, Document)
    assert item.raw.splitlines() == [hostile.RUSSIAN, hostile.RUSSIAN, "Russia attacked Ukraine."]


def test_invisible_and_control_characters_do_not_split_words_or_lines():
    raw = "Rus\u200bsia\u00ad at\u200dtacked\x07 Ukr\u2060aine\x1b on \ufeffMon\x0bday.\x7f \u202bX\u202c"
    assert clean_document(Document(id="c", raw=raw)).text == "Russia attacked Ukraine on Mon day. X"
    assert clean_document(Document(id="c", raw="\u200b\u200e\n\ufeff")).text == ""


def test_a_second_document_with_the_same_id_is_rejected_not_swapped_in(tmp_path, coder):
    path = tmp_path / "feed.jsonl"
    lines = [{"id": "d", "text": "China criticized Japan."}, {"id": "d", "text": "Russia attacked Ukraine."},
             {"id": "d", "text": "China criticized Japan."}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    store = api.open(tmp_path / "events.duckdb")
    for run in range(2):  # the rerun keeps the same first document
        counts = store.ingest([str(path)], Settings(clean=False), coder=coder)
        assert (counts.stored, counts.unchanged, counts.rejected) == ((1, 1, 1) if run == 0 else (0, 2, 1))
        assert store.sql("SELECT text FROM documents")["text"].tolist() == ["China criticized Japan."]
        reasons = store.sql("SELECT origin, reason FROM rejects").values.tolist()
        assert reasons == [[f"{path}:2", f"duplicate id within the input: kept the first ({path}:1)"]]


def test_a_long_sentence_is_coded(coder):
    words = "the of and to in officials said government talks week region army border minister".split()
    text = "Russia attacked Ukraine, " + " ".join(words[i % len(words)] for i in range(5000)) + "."
    events = coder.code_text(text, date="2020-03-02")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("RUS", "UKR", "190")]


def test_each_date_expression_of_a_sentence_is_read_once_not_once_per_event(coder, monkeypatch):
    # What made a long sentence take ~11 s was dateparser re-reading the sentence's dates for every
    # event; count the reads rather than time them (speed is measured by bench/speed.py).
    from dateparser.date import DateDataParser

    from newsevents import whenwhere

    reads, read = Counter(), DateDataParser.get_date_data
    monkeypatch.setattr(DateDataParser, "get_date_data",
                        lambda self, text, *a, **k: reads.update([text]) or read(self, text, *a, **k))
    whenwhere._parse_with_dateparser.cache_clear()
    events = coder.code_text("Russia attacked Ukraine last week and Peru accused Chile last week, officials said.",
                             date="2020-03-02")
    assert [(e.cameo, e.date) for e in events] == [("190", "2020-02-24"), ("112", "2020-02-24")]
    assert reads == Counter({"last week": 1})


def test_a_gzipped_html_page_in_cp1251_is_coded(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(hostile.html_page("T", "Russia attacked Ukraine.", charset="windows-1251")
                                   .encode("cp1251")))
    (item,) = read_inputs([str(path)])
    assert isinstance(item, Document) and "Russia attacked Ukraine." in item.raw


def test_a_short_english_sentence_is_english():
    from newsevents.clean import detect_language

    assert detect_language(hostile.GOOD["india-pakistan"][0]) == "en"
