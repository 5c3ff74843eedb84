"""The analyst's desk: `serve` and `ingest` on one database file at once, a watched folder, centroids.

Real processes: the server and the ingest are separate `newsevents` commands, as a user runs them.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import NEWSEVENTS, SHORT_TEXTS, rows

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install 'newsevents[serve]')")


def feed(path: Path, n: int, prefix: str = "doc") -> Path:
    lines = [json.dumps({"id": f"{prefix}-{i:04d}", "date": f"2013-08-{1 + i % 28:02d}",
                         "text": SHORT_TEXTS[i % len(SHORT_TEXTS)] + f" Talks resumed {i} times."})
             for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest_command(path: Path | str, db: Path, *extra: str) -> list[str]:
    return [str(NEWSEVENTS), "ingest", str(path), "--db", str(db), "--no-clean", "--no-progress",
            "--workers", "1", *extra]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


class Poller(threading.Thread):
    """Asks the server for its counts and an events page, again and again, and keeps every answer."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.answers, self.stop = base, [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            health = get(self.base + "/api/health")
            page = get(self.base + "/api/events?limit=5")
            self.answers.append((time.monotonic(), health, page))
            time.sleep(0.05)


def test_serve_and_ingest_at_once_on_one_file(tmp_path):
    db, batch, n = tmp_path / "desk.duckdb", 3, 30
    first = subprocess.run(ingest_command(feed(tmp_path / "first.jsonl", 3, "first"), db),
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    port = free_port()
    server = subprocess.Popen([str(NEWSEVENTS), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                if get(base + "/api/health")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        poller = Poller(base)
        poller.start()
        ingest = subprocess.run(ingest_command(feed(tmp_path / "news.jsonl", n), db, "--batch", str(batch)),
                                capture_output=True, text=True, timeout=300)
        time.sleep(0.5)  # a few answers after the last batch
        poller.stop.set()
        poller.join(timeout=60)
        assert ingest.returncode == 0, ingest.stderr
        assert f"stored {n} " in ingest.stderr
        answers = poller.answers
        assert len(answers) > 10
        # the API answered throughout, and never showed part of a batch
        assert all(health[0] == 200 and page[0] == 200 for _, health, page in answers), \
            [a for a in answers if a[1][0] != 200 or a[2][0] != 200][:3]
        documents = [health[1]["counts"]["documents"] for _, health, _ in answers]
        assert documents == sorted(documents), "the counts went back"
        assert all((d - 3) % batch == 0 for d in documents), documents
        assert len(set(documents)) > 2, f"no batch was seen landing: {documents}"  # it grew as batches committed
        final = get(base + "/api/health")[1]["counts"]
        assert final["documents"] == n + 3
        events = rows(db, "SELECT count(*) FROM events")[0][0]
        assert final["events"] == events and f"{events} events in the database" in ingest.stderr
        assert get(base + "/api/events?limit=1")[1]["total"] == events
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(n + 3, n + 3)]
    check = subprocess.run([str(NEWSEVENTS), "check", "--db", str(db)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_reader_waits_for_a_writer_then_says_it_is_locked(tmp_path):
    db = tmp_path / "held.duckdb"
    assert subprocess.run(ingest_command(feed(tmp_path / "a.jsonl", 2), db), capture_output=True).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(float(sys.argv[2])); con.close(); "
                               "time.sleep(60)", str(db), "2"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        waited = subprocess.run([str(NEWSEVENTS), "query", "--sql", "SELECT count(*) FROM documents", "--db", str(db)],
                                capture_output=True, text=True, timeout=120)
        assert waited.returncode == 0, waited.stderr  # it waited for the writer rather than failing
        assert time.monotonic() - started > 1.0
    finally:
        holder.kill()
        holder.wait()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        locked = subprocess.run([str(NEWSEVENTS), "summary", "--db", str(db)], capture_output=True, text=True,
                                timeout=120, env={**os.environ, "NEWSEVENTS_LOCK_WAIT": "1"})
    finally:
        holder.kill()
        holder.wait()
    assert locked.returncode == 2
    lines = locked.stderr.strip().splitlines()
    assert len(lines) == 1 and "stayed locked by process" in lines[0] and "more than 1 s" in lines[0], locked.stderr


def test_a_watched_folder_codes_files_as_they_land(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "watch.duckdb"
    folder.mkdir()
    (folder / "early.txt").write_text(SHORT_TEXTS[0], encoding="utf-8")  # there before the watcher starts
    watcher = subprocess.Popen([str(NEWSEVENTS), "ingest", "--watch", str(folder), "--db", str(db), "--no-progress",
                                "--workers", "1", "--every", "0.5", "--date", "2013-08-10"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(watcher.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        def wait_for(condition, what: str, timeout: float = 180) -> None:
            deadline = time.monotonic() + timeout
            while not condition():
                assert watcher.poll() is None, "".join(lines)
                assert time.monotonic() < deadline, f"{what}:\n" + "".join(lines)
                time.sleep(0.1)

        wait_for(lambda: stored(db) == {"early"}, "the file there at the start was not coded")
        (folder / "quick.txt").write_text(SHORT_TEXTS[1], encoding="utf-8")
        (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)  # rejected, once
        (folder / "draft.txt.part").write_text("half a sentence", encoding="utf-8")  # never taken
        text = SHORT_TEXTS[2] + " " + SHORT_TEXTS[3]
        with open(folder / "slow.txt", "w", encoding="utf-8") as slow:  # written over several cycles
            for start in range(0, len(text), 12):
                slow.write(text[start:start + 12])
                slow.flush()
                time.sleep(0.2)
        wait_for(lambda: stored(db) == {"early", "quick", "slow"}, "the files dropped were not all coded")
        (folder / "quick.txt").write_text(SHORT_TEXTS[1] + " " + SHORT_TEXTS[0], encoding="utf-8")  # changed
        wait_for(lambda: read(db, "SELECT count(*) FROM documents WHERE doc_id = 'quick' AND text LIKE '%Iran%'")
                 == [(1,)], "the changed file was not recoded")
        time.sleep(1.5)  # a few idle cycles
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=60)
        reader.join(timeout=10)
    assert watcher.returncode == 0, "".join(lines)
    assert rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(3, 3)]
    slow_text = rows(db, "SELECT text FROM documents WHERE doc_id = 'slow'")[0][0]
    assert slow_text.endswith(SHORT_TEXTS[3])  # the whole file, not the part written when first seen
    assert rows(db, "SELECT count(*) FROM rejects WHERE origin LIKE '%photo.txt'") == [(1,)]
    beats = [line for line in lines if line.startswith("watch ")]
    assert len(beats) >= 5, "".join(lines)
    assert all("files seen" in b and "documents coded" in b and "rejected" in b and "events added" in b for b in beats)
    assert any("1 rejected" in b for b in beats) and any("still changing" in b and " 0 still" not in b for b in beats)
    added = sum(int(b.split(" events added")[0].rsplit(" ", 1)[1]) for b in beats)
    assert added == rows(db, "SELECT count(*) FROM events")[0][0] > 0
    assert "stopped watching" in lines[-1]
    check = subprocess.run([str(NEWSEVENTS), "check", "--db", str(db)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def read(db: Path, sql: str) -> list[tuple]:
    """Rows of a query while a writer may hold the file: waits for it, as every reader of newsevents does."""
    from newsevents import store

    with store.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def stored(db: Path) -> set[str]:
    return {doc_id for (doc_id,) in read(db, "SELECT doc_id FROM documents")} if db.exists() else set()


def test_country_level_events_export_with_the_centroid_and_actor_geography(tmp_path):
    from newsevents.centroids import centroid
    from newsevents.export import gdelt_columns

    texts = tmp_path / "talks.jsonl"
    texts.write_text(json.dumps({"id": "talks", "date": "2013-08-20",
                                 "text": "Russia and the United States held talks in France on Tuesday."}) + "\n")
    db = tmp_path / "geo.duckdb"
    assert subprocess.run(ingest_command(texts, db), capture_output=True).returncode == 0
    out = subprocess.run([str(NEWSEVENTS), "export", "--db", str(db), "--format", "gdelt", "--out", "-"],
                         capture_output=True, text=True, check=True).stdout
    records = [dict(zip(gdelt_columns(), line.split("\t"))) for line in out.splitlines()]
    row = next(r for r in records if r["Actor1Code"] == "RUS")
    # France as a whole: GDELT geo type 1 at the country's centroid (Natural Earth, metropolitan France)
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == ("1", "France", "FR")
    lat, lon = float(row["ActionGeo_Lat"]), float(row["ActionGeo_Long"])
    assert abs(lat - 46.6) < 0.5 and abs(lon - 2.5) < 0.5, (lat, lon)  # GDELT's own FR centroid is 46, 2
    assert (row["Actor1Geo_Type"], row["Actor1Geo_CountryCode"], row["Actor1Geo_FullName"]) == ("1", "RS", "Russia")
    assert (float(row["Actor1Geo_Lat"]), float(row["Actor1Geo_Long"])) == centroid("RUS")
    usa = next(r for r in records if r["Actor1Code"] == "USA")
    assert usa["Actor1Geo_CountryCode"] == "US" and abs(float(usa["Actor1Geo_Long"]) + 99) < 3  # the contiguous states
    assert 60 < centroid("RUS")[0] < 63 and 95 < centroid("RUS")[1] < 105  # across the antimeridian, still Siberia
    assert centroid("US-CA") == pytest.approx((36.7, -118.8), abs=0.5)  # a first-level region
