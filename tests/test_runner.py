"""Runners: worker processes and Dask give the events of the in-process ingest, each document once,
and a worker that dies loses nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import SHORT_TEXTS, rows
from newsevents import api, runner
from newsevents.pipeline import Settings
from newsevents.runner import RunStats

TEXTS = [*SHORT_TEXTS, "Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in Washington."]
RAW = Settings(clean=False, default_date="2013-08-09")
N = 40


def write_corpus(path: Path, n: int = N, poison: int | None = None) -> Path:
    records = []
    for i in range(n):
        text = TEXTS[i % len(TEXTS)] + f" Officials spoke on day {i}."
        if i == poison:
            text += " POISON-PILL"
        records.append({"id": f"doc-{i:03d}", "date": f"2013-08-{1 + i % 28:02d}", "text": text})
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path




def events_of(db: Path) -> list[tuple]:
    return rows(db, "SELECT event_id, date, source_code, target_code, cameo, num_mentions, num_articles "
                    "FROM events ORDER BY event_id")


def mentions_of(db: Path) -> list[tuple]:
    return rows(db, "SELECT mention_id, doc_id, sentence_index, cameo FROM mentions ORDER BY mention_id")


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, Path]:
    """The corpus and its database from the in-process ingest (--workers 1)."""
    folder = tmp_path_factory.mktemp("reference")
    corpus = write_corpus(folder / "corpus.jsonl")
    db = folder / "events.duckdb"
    counts = api.open(db).ingest([str(corpus)], RAW, coder=api.coder_for(RAW))
    assert counts.stored == N and counts.mentions > N / 2
    return corpus, db


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(runner, "BATCH_RAW_DOCUMENTS", 4)  # 10 batches of the 40 documents


def test_two_workers_store_each_document_once_with_the_events_of_one(tmp_path, reference, small_batches,
                                                                      monkeypatch):
    corpus, reference_db = reference
    (tmp_path / "met").mkdir()
    monkeypatch.setenv("NEWSEVENTS_TEST_MEET", f"{tmp_path / 'met'}:2")  # both workers code a batch
    db = tmp_path / "events.duckdb"
    stats = RunStats()
    counts = api.open(db).ingest([str(corpus)], RAW, workers=2, stats=stats)
    assert (counts.read, counts.stored, counts.rejected, counts.retried) == (N, N, 0, 0)
    assert rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(N, N)]
    assert events_of(db) == events_of(reference_db)
    assert mentions_of(db) == mentions_of(reference_db)
    assert len(stats.peak_rss) == 2 and 0 < stats.max_peak_rss < 1 << 30  # two workers, each under 1 GB
    assert api.open(db).check() == []

    again = api.open(db).ingest([str(corpus)], RAW, workers=2)  # skip unchanged documents still works
    assert (again.stored, again.unchanged) == (0, N)


def test_a_changed_document_is_replaced_through_the_workers(tmp_path, reference, small_batches):
    corpus, _ = reference
    db = tmp_path / "events.duckdb"
    api.open(db).ingest([str(corpus)], RAW, workers=2)
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    records[7]["text"] = "Egyptian police arrested dozens of protesters in Cairo on Thursday."
    changed = tmp_path / "changed.jsonl"
    changed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    counts = api.open(db).ingest([str(changed)], RAW, workers=2)
    assert (counts.stored, counts.replaced, counts.unchanged) == (1, 1, N - 1)
    assert rows(db, "SELECT text FROM documents WHERE doc_id = 'doc-007'") == [(records[7]["text"],)]
    assert api.open(db).check() == []


def test_a_killed_worker_loses_no_document(tmp_path, reference, small_batches, monkeypatch):
    corpus, reference_db = reference
    monkeypatch.setenv("NEWSEVENTS_TEST_KILL_AFTER", "2")  # a worker SIGKILLs itself on its third batch
    monkeypatch.setenv("NEWSEVENTS_TEST_KILL_ONCE", str(tmp_path / "killed"))
    db = tmp_path / "events.duckdb"
    counts = api.open(db).ingest([str(corpus)], RAW, workers=2)
    assert (tmp_path / "killed").exists()  # a worker did die
    assert counts.retried >= 1 and "batches retried after a worker died" in counts.line()
    assert (counts.read, counts.stored, counts.rejected) == (N, N, 0)
    assert rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(N, N)]
    assert events_of(db) == events_of(reference_db)
    assert api.open(db).check() == []


def test_a_document_that_keeps_killing_its_worker_is_rejected_and_the_rest_stored(tmp_path, small_batches,
                                                                                  monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_TEST_KILL_ON", "POISON-PILL")
    corpus = write_corpus(tmp_path / "corpus.jsonl", n=12, poison=5)
    db = tmp_path / "events.duckdb"
    counts = api.open(db).ingest([str(corpus)], RAW, workers=2)
    assert (counts.read, counts.stored, counts.rejected) == (12, 11, 1)
    assert counts.retried >= 2
    assert rows(db, "SELECT doc_id, reason FROM rejects") == [("doc-005", runner.WORKER_DIED)]
    assert rows(db, "SELECT count(DISTINCT doc_id) FROM documents WHERE doc_id <> 'doc-005'") == [(11,)]


def test_a_local_dask_cluster_gives_the_events_of_one_process(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", n=6)
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    api.open(local_db).ingest([str(corpus)], RAW, coder=api.coder_for(RAW))
    counts = api.open(dask_db).ingest([str(corpus)], RAW, dask="local")  # a LocalCluster of two processes
    assert (counts.read, counts.stored, counts.rejected) == (6, 6, 0)
    assert rows(dask_db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(6, 6)]
    assert events_of(dask_db) == events_of(local_db) and len(events_of(local_db)) > 0


def test_of_two_documents_with_one_id_the_first_read_keeps_it(tmp_path, small_batches):
    corpus = write_corpus(tmp_path / "corpus.jsonl", n=12)
    lines = corpus.read_text().splitlines()
    late = json.loads(lines[1])
    late["text"] = "Egyptian police arrested dozens of protesters in Cairo on Thursday."
    corpus.write_text("\n".join(lines + [json.dumps(late)]) + "\n", encoding="utf-8")  # same id, 4th batch
    db = tmp_path / "events.duckdb"
    counts = api.open(db).ingest([str(corpus)], RAW, workers=2)
    assert (counts.read, counts.stored, counts.rejected) == (13, 12, 1)
    assert rows(db, "SELECT text FROM documents WHERE doc_id = 'doc-001'") == [(json.loads(lines[1])["text"],)]
    assert "duplicate id" in rows(db, "SELECT reason FROM rejects")[0][0]
