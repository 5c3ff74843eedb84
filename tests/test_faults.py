"""Faults as real processes: `newsevents ingest` killed with SIGKILL at random points, a full disk, a
database locked by another writer. After each, a rerun ends with every document exactly once and
`newsevents check` passes."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from helpers import NEWSEVENTS, SHORT_TEXTS, rows



def feed(path: Path, n: int) -> Path:
    """`n` good documents and a few bad lines (which must end up in `rejects`, once)."""
    lines = [json.dumps({"id": f"doc-{i:04d}", "date": f"2013-08-{1 + i % 28:02d}",
                         "text": SHORT_TEXTS[i % len(SHORT_TEXTS)] + " Officials said more talks would follow." * (i % 3)})
             for i in range(n)]
    lines[5:5] = ['{"id": "broken", "text": "cut', '{"id": "typed", "text": 7}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command(path: Path, db: Path, batch: int = 5) -> list[str]:
    return [str(NEWSEVENTS), "-v", "ingest", str(path), "--db", str(db), "--batch", str(batch), "--no-clean",
            "--no-progress", "--workers", "1"]




def assert_complete(db: Path, n: int) -> None:
    """Every document once, each with the mentions of its text, both rejects once, check OK."""
    assert rows(db, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(n, n)]
    assert rows(db, "SELECT count(*) FROM rejects") == [(2,)]
    per_text = rows(db, "SELECT count(DISTINCT n_mentions) FROM documents GROUP BY text")
    assert all(distinct == 1 for (distinct,) in per_text)
    assert rows(db, "SELECT min(n_mentions) FROM documents") [0][0] > 0
    check = subprocess.run([str(NEWSEVENTS), "check", "--db", str(db)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def kill_at_random_points(path: Path, db: Path, runs: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    stored = []
    for _ in range(runs):
        process = subprocess.Popen(command(path, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 7.0))  # model load takes ~3 s: some kills land before, most during writes
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        stored.append(rows(db, "SELECT count(*) FROM documents")[0][0] if db.exists() else 0)
    return stored


def test_killed_ingests_resume_with_every_document_once(tmp_path):
    n = 120
    path, db = feed(tmp_path / "feed.jsonl", n), tmp_path / "events.duckdb"
    stored = kill_at_random_points(path, db, runs=3, seed=10)
    assert stored == sorted(stored)  # a kill never loses a committed batch
    finished = subprocess.run(command(path, db), capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    assert_complete(db, n)


@pytest.mark.slow
def test_many_killed_ingests_resume_with_every_document_once(tmp_path):
    n = 400
    path, db = feed(tmp_path / "feed.jsonl", n), tmp_path / "events.duckdb"
    kill_at_random_points(path, db, runs=10, seed=11)
    finished = subprocess.run(command(path, db), capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert_complete(db, n)


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs, when this process may mount one (root, `mount` present)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("disk-full test needs root and mount(8) to mount a small tmpfs")
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mountpoint
    subprocess.run(["umount", str(mountpoint)], check=False)


def test_a_full_disk_fails_with_one_line_and_a_rerun_completes(tmp_path, small_disk):
    n = 300
    path, db = feed(tmp_path / "feed.jsonl", n), small_disk / "events.duckdb"
    full = subprocess.run(command(path, db)[:1] + command(path, db)[2:], capture_output=True, text=True, timeout=180)
    assert full.returncode == 2
    message = full.stderr.strip().splitlines()
    assert len(message) == 1 and "No space left on device" in message[0] and "run the same command again" in message[0]
    committed = rows(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < committed < n
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    finished = subprocess.run(command(path, db), capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    assert_complete(db, n)


def test_a_database_locked_by_another_writer_fails_cleanly(tmp_path):
    n = 20
    path, db = feed(tmp_path / "feed.jsonl", n), tmp_path / "events.duckdb"
    assert subprocess.run(command(path, db), capture_output=True, timeout=180).returncode == 0
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM documents WHERE doc_id >= 'doc-0010'")  # leave something for the ingest to do
    con.close()
    before = db.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "con.execute('BEGIN'); print('ready', flush=True); time.sleep(120)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        locked = subprocess.run(command(path, db)[:1] + command(path, db)[2:], capture_output=True, text=True,
                                timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert locked.returncode == 2
    lines = locked.stderr.strip().splitlines()
    assert len(lines) == 1 and "lock" in lines[0].lower(), locked.stderr
    assert db.read_bytes() == before  # nothing half-written
    finished = subprocess.run(command(path, db), capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    assert_complete(db, n)
