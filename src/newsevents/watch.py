"""`newsevents ingest --watch FOLDER`: code files as they land in a folder or change, until Ctrl-C.

Every `every` seconds the folder is scanned (its files, not its subfolders; hidden files and
partial downloads `*.part`, `*.tmp`, `*.crdownload` are left alone). A file is taken once its size
and modification time are the same on two scans in a row, so a file still being written waits
for a later cycle; a file whose size or time changes after it was taken is taken again (its
document is recoded and replaces the stored one, as a rerun of `ingest` does). The files taken in
a cycle are ingested as `ingest` does (a transaction per batch, unchanged documents skipped), and
each cycle ends with one heartbeat line. Ctrl-C stops between batches: a batch being written is
committed first, and what was not stored is taken again when the watcher starts next.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from newsevents.store import IngestCounts

PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".swp")

Signature = tuple[int, int]  # size, modification time (ns)


@dataclass
class Cycle:
    """What one scan found and did."""

    seen: int = 0  # files in the folder
    taken: int = 0  # of them, new or changed and settled: ingested this cycle
    waiting: int = 0  # new or changed but still changing: taken on a later cycle
    counts: IngestCounts | None = None
    events_added: int = 0
    events: int = 0

    def line(self, folder: str) -> str:
        counts = self.counts or IngestCounts()
        when = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        return (f"watch {folder} {when}: {self.seen} files seen, {self.taken} taken, {self.waiting} still changing; "
                f"{counts.stored} documents coded, {counts.unchanged} unchanged, {counts.rejected} rejected, "
                f"{self.events_added} events added ({self.events} events in the database)")


class Watcher:
    """Scans `folder` and ingests its settled new or changed files with `ingest(paths) -> IngestCounts`."""

    def __init__(self, folder: str, ingest: Callable[[list[str]], IngestCounts], events: int = 0):
        self.folder = folder
        self.ingest = ingest
        self.events = events  # events in the database, as last known
        self.last_scan: dict[str, Signature] = {}
        self.taken: dict[str, Signature] = {}

    def scan(self) -> dict[str, Signature]:
        found: dict[str, Signature] = {}
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return found
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            try:
                if not entry.is_file():
                    continue
                info = entry.stat()
            except OSError:
                continue  # gone between the listing and the look
            found[entry.path] = (info.st_size, info.st_mtime_ns)
        return found

    def cycle(self) -> Cycle:
        now = self.scan()
        cycle = Cycle(seen=len(now))
        fresh = [path for path, signature in now.items() if self.taken.get(path) != signature]
        ready = sorted(path for path in fresh if self.last_scan.get(path) == now[path])
        cycle.waiting = len(fresh) - len(ready)
        self.last_scan = now
        if ready:
            counts = self.ingest(ready)
            for path in ready:
                self.taken[path] = now[path]
            cycle.counts = counts
            cycle.events_added = counts.events - self.events
            self.events = counts.events
        cycle.taken = len(ready)
        cycle.events = self.events
        return cycle

    def run(self, every: float, say: Callable[[str], None], cycles: int | None = None) -> None:
        """Scan, ingest and report every `every` seconds, forever (or `cycles` times)."""
        done = 0
        while cycles is None or done < cycles:
            started = time.monotonic()
            say(self.cycle().line(self.folder))
            done += 1
            time.sleep(max(0.0, every - (time.monotonic() - started)))
