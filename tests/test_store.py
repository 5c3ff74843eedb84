"""The event database: idempotent ingest, replacement of changed documents, rejects, crash safety,
schema versions and integrity."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from helpers import NEWSEVENTS, SHORT_TEXTS, rows
from newsevents import api, store
from newsevents.pipeline import Settings
from newsevents.store import StoreError

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "tengrinews-syria-talks.txt"
RAW = Settings(clean=False, default_date="2013-08-09")


@pytest.fixture(scope="module")
def coder():
    return api.coder_for(Settings())  # the cached coder the CLI and API use too


@pytest.fixture
def sample() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"the sample scrape is not present at {SAMPLE}")
    return SAMPLE


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path




def test_ingesting_the_sample_twice_adds_nothing(tmp_path, sample, coder):
    db = api.open(tmp_path / "events.duckdb")
    first = db.ingest([str(sample)], Settings(default_date="2013-08-10"), coder=coder)
    assert (first.read, first.stored, first.unchanged) == (1, 1, 0)
    counts = db.counts()
    assert counts["documents"] == 1 and counts["events"] > 5 and counts["mentions"] >= counts["events"]

    second = db.ingest([str(sample)], Settings(default_date="2013-08-10"), coder=coder)
    assert (second.read, second.stored, second.unchanged, second.mentions) == (1, 0, 1, 0)
    assert db.counts() == counts
    assert second.events == counts["events"]
    assert db.check() == []
    # the Lavrov/Shoigu - Kerry/Hagel meeting: one event, one mention (the sentence, its other two
    # actors in the record's source.also and target.also), stored once although the body comes twice
    meeting = rows(tmp_path / "events.duckdb",
                   "SELECT e.num_mentions, e.num_articles, (SELECT list(m.record) FROM mentions m "
                   "WHERE m.event_id = e.event_id) FROM events e WHERE source_code = 'RUSGOV' "
                   "AND target_code = 'USAGOV' AND starts_with(cameo, '04') AND date = DATE '2013-08-09'")
    assert len(meeting) == 1
    mentions, articles, records = meeting[0]
    assert mentions == len(records) == 1 and articles == 1
    record = json.loads(records[0])
    assert [a["name"] for a in record["source"]["also"]] == ["Sergei Shoigu"]
    assert [a["name"] for a in record["target"]["also"]] == ["Chuck Hagel"]


def test_a_changed_document_replaces_its_events(tmp_path, coder):
    path = tmp_path / "news.jsonl"
    db_path = tmp_path / "events.duckdb"
    db = api.open(db_path)
    write_jsonl(path, [{"id": "a", "date": "2013-08-09", "text": SHORT_TEXTS[0]},
                       {"id": "b", "date": "2013-08-09", "text": SHORT_TEXTS[0]}])
    db.ingest([str(path)], RAW, coder=coder)
    # two articles with the same event: one event row, two mentions, two articles
    assert rows(db_path, "SELECT cameo, num_mentions, num_articles FROM events WHERE cameo = '057' "
                         "AND source_code = 'IRN'") == [("057", 2, 2)]

    write_jsonl(path, [{"id": "a", "date": "2013-08-09", "text": SHORT_TEXTS[1]},
                       {"id": "b", "date": "2013-08-09", "text": SHORT_TEXTS[0]}])
    counts = db.ingest([str(path)], RAW, coder=coder)
    assert (counts.stored, counts.replaced, counts.unchanged) == (1, 1, 1)
    assert rows(db_path, "SELECT count(*) FROM documents") == [(2,)]
    assert rows(db_path, "SELECT DISTINCT cameo FROM mentions WHERE doc_id = 'a'") == [("190",)]
    assert rows(db_path, "SELECT content_hash FROM documents WHERE doc_id = 'a'")[0][0] != \
        rows(db_path, "SELECT content_hash FROM documents WHERE doc_id = 'b'")[0][0]
    # the agreement is now reported by b alone
    assert rows(db_path, "SELECT num_mentions, num_articles FROM events WHERE cameo = '057' "
                         "AND source_code = 'IRN'") == [(1, 1)]
    assert db.check() == []


def test_rejects_are_stored_with_their_reasons_once(tmp_path, coder):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SHORT_TEXTS[2], encoding="utf-8")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write_jsonl(folder / "bad.jsonl", [{"id": "x", "text": 42}])
    db = api.open(tmp_path / "events.duckdb")
    counts = db.ingest([str(folder)], RAW, coder=coder)
    assert counts.read == counts.stored + counts.unchanged + counts.rejected + counts.skipped_language
    assert (counts.stored, counts.rejected) == (1, 2)
    rejects = rows(tmp_path / "events.duckdb", "SELECT origin, stage, reason FROM rejects ORDER BY origin")
    assert len(rejects) == 2
    assert all(stage and reason for _, stage, reason in rejects)
    assert any("PNG" in reason for _, _, reason in rejects)
    db.ingest([str(folder)], RAW, coder=coder)
    assert db.counts()["rejects"] == 2


def test_a_killed_ingest_resumes_with_each_document_once(tmp_path):
    n = 200
    path = write_jsonl(tmp_path / "many.jsonl", [
        {"id": f"doc-{i:04d}", "date": f"2013-08-{1 + i % 28:02d}", "text": SHORT_TEXTS[i % len(SHORT_TEXTS)]}
        for i in range(n)])
    db = tmp_path / "events.duckdb"
    command = [str(NEWSEVENTS), "-v", "ingest", str(path), "--no-clean", "--db", str(db), "--batch", "10",
               "--no-progress"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    committed = 0
    deadline = time.monotonic() + 60
    try:
        for line in process.stderr:
            committed += "committed batch" in line
            if committed >= 3 or time.monotonic() > deadline:
                break
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert committed >= 3 and process.returncode == -signal.SIGKILL
    stored_before = rows(db, "SELECT count(*) FROM documents")[0][0]
    assert 30 <= stored_before < n  # some batches committed, not all

    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(n, n)]
    summary = finished.stderr.strip().splitlines()[-1]
    assert f"stored {n - stored_before} " in summary and f"unchanged {stored_before}," in summary
    assert api.open(db).check() == []
    # every document has the mentions of its text, once
    per_doc = rows(db, "SELECT min(n_mentions), max(n_mentions) FROM documents WHERE doc_id IN "
                       "(SELECT doc_id FROM documents WHERE text = ?)", [SHORT_TEXTS[0]])
    assert per_doc[0][0] == per_doc[0][1] > 0


def test_a_newer_schema_is_refused(tmp_path, coder):
    db_path = tmp_path / "events.duckdb"
    db = api.open(db_path)
    db.ingest([], RAW, coder=coder)  # creates an empty database
    con = duckdb.connect(str(db_path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(store.SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer than this newsevents supports"):
        db.events()
    with pytest.raises(StoreError, match="newer"):
        db.ingest([], RAW, coder=coder)


def test_an_older_schema_is_migrated_by_registered_migrations(tmp_path, coder, monkeypatch):
    db_path = tmp_path / "events.duckdb"
    api.open(db_path).ingest([], RAW, coder=coder)
    version = store.SCHEMA_VERSION
    monkeypatch.setattr(store, "SCHEMA_VERSION", version + 1)
    monkeypatch.setitem(store.MIGRATIONS, version,
                        lambda con: con.execute("ALTER TABLE documents ADD COLUMN tone DOUBLE"))
    assert api.open(db_path).events().empty  # a read opens it writable once to migrate
    assert rows(db_path, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(version + 1),)]
    assert rows(db_path, "SELECT count(*) FROM meta WHERE key = ?", [f"migrated_to_{version + 1}"]) == [(1,)]
    assert "tone" in [r[0] for r in rows(db_path, "DESCRIBE documents")]


def test_a_file_that_is_not_duckdb_is_refused_untouched(tmp_path, coder):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a DuckDB database"):
        api.open(path).ingest([], RAW, coder=coder)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.duckdb"]
    result = subprocess.run([str(NEWSEVENTS), "summary", "--db", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "not a DuckDB database" in result.stderr


def test_check_reports_problems(tmp_path, coder):
    db_path = tmp_path / "events.duckdb"
    write_jsonl(tmp_path / "one.jsonl", [{"id": "a", "date": "2013-08-09", "text": SHORT_TEXTS[1]}])
    db = api.open(db_path)
    db.ingest([str(tmp_path / "one.jsonl")], RAW, coder=coder)
    assert db.check() == []
    con = duckdb.connect(str(db_path))
    con.execute("DELETE FROM events")
    con.close()
    problems = db.check()
    assert any("mentions whose event is missing" in p for p in problems)


def test_the_sandboxed_connection_cannot_switch_external_access_back_on(tmp_path):
    path = tmp_path / "events.duckdb"
    outside = tmp_path / "outside.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    with store.connect(str(path)):
        pass
    with store.connect(str(path), read_only=True, sandboxed=True) as con:
        # straight on the connection, past the statement check: the locked configuration holds
        with pytest.raises(duckdb.Error, match="Cannot change configuration option"):
            con.execute("SET enable_external_access = true")
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"SELECT * FROM read_csv('{outside}')")
        assert con.execute("SELECT count(*) FROM events").fetchall() == [(0,)]


@pytest.mark.parametrize("sql, reason", [
    ("SELECT 1; SELECT 2", "2 statements"), ("", "0 statements"), ("PRAGMA version", "PRAGMA is not a SELECT"),
    ("SET threads = 1", "SET is not a SELECT"), ("ATTACH 'other.duckdb'", "ATTACH is not a SELECT"),
    ("EXPLAIN SELECT 1", "EXPLAIN is not a SELECT"),
])
def test_sql_other_than_one_select_is_refused_by_the_api(tmp_path, sql, reason):
    path = tmp_path / "events.duckdb"
    with store.connect(str(path)):
        pass
    with pytest.raises(store.QueryRefused, match=reason):
        api.open(path).sql(sql)
    assert api.open(path).sql("WITH n AS (SELECT 2 AS x) FROM n").to_dict(orient="records") == [{"x": 2}]


def test_ingest_counts_the_documents_stored_without_a_date(tmp_path, coder):
    news = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "dated", "date": "2013-08-09", "text": SHORT_TEXTS[0]},
        {"id": "undated", "text": SHORT_TEXTS[1]},
    ])
    counts = api.open(tmp_path / "events.duckdb").ingest([str(news)], Settings(clean=False), coder=coder)
    assert (counts.stored, counts.undated) == (2, 1)
    assert rows(tmp_path / "events.duckdb", "SELECT doc_id FROM documents WHERE date IS NULL") == [("undated",)]


def test_a_schema_1_database_gets_the_language_columns(tmp_path, coder):
    path = tmp_path / "events.duckdb"
    old = store.schema_sql().replace("    record JSON,\n", "    record JSON\n").replace(
        "    date_added TIMESTAMP,", "    date_added TIMESTAMP")
    old = "\n".join(line for line in old.splitlines() if not line.startswith("    language VARCHAR      "))
    con = duckdb.connect(str(path))
    con.execute(old)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    assert "language" not in {r[0] for r in con.execute("DESCRIBE mentions").fetchall()}
    con.close()
    db = api.open(path)
    db.ingest([str(write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": SHORT_TEXTS[2]}]))], RAW, coder=coder)
    assert rows(path, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(store.SCHEMA_VERSION),)]
    assert rows(path, "SELECT DISTINCT language FROM events") == [("en",)]
    assert rows(path, "SELECT DISTINCT language FROM mentions") == [("en",)]
