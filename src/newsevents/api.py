"""The Python API: `code(text)` for events of one text, `open(db)` for the event database.

The CLI wraps these: each store command opens the database and calls the `EventStore` method of the
same name. Each method opens its own connection (read-only for reading) and closes it, so other
processes can read the database between calls.

    >>> import newsevents
    >>> newsevents.code("Iran and Russia signed an agreement.", date="2013-08-09")[0]["cameo"]
    '057'
    >>> store = newsevents.open("events.duckdb")
    >>> store.ingest(["news/"])
    >>> store.events(actor="RUS", cameo="04", since="2013-08-01")  # a pandas DataFrame
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache

import pandas as pd

from newsevents import export as _export
from newsevents import store as _store
from newsevents.pipeline import Coder, Settings
from newsevents.store import DEFAULT_DB, Filters, IngestCounts, StoreError

__all__ = ["code", "open", "EventStore", "StoreError", "Settings"]

_SETTING_NAMES = {f.name for f in fields(Settings)}


def settings_of(**settings) -> Settings:
    unknown = set(settings) - _SETTING_NAMES
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}; known: {', '.join(sorted(_SETTING_NAMES))}")
    if isinstance(settings.get("languages"), list):
        settings["languages"] = tuple(settings["languages"])
    return Settings(**settings)


def coder_for(settings: Settings) -> Coder:
    """One Coder per coder settings, kept for the life of the process (its model takes seconds to load)."""
    return _coder(Settings(model=settings.model, patterns=settings.patterns, people=settings.people,
                           languages=settings.languages, batch_size=settings.batch_size,
                           dictionaries=settings.dictionaries, min_confidence=settings.min_confidence))


@lru_cache(maxsize=4)
def _coder(settings: Settings) -> Coder:
    return Coder(settings)


def code(text: str, date: str | None = None, **settings) -> list[dict]:
    """Event records (dicts, as in PRODUCT.md) of one clean text; `settings` are `Settings` fields."""
    coder = coder_for(settings_of(**settings))
    return [event.to_dict() for event in coder.code_text(text, date=date)]


def open(db: str | os.PathLike = DEFAULT_DB) -> EventStore:  # noqa: A001 - `newsevents.open(db)`
    """The event database at `db` (created on the first ingest)."""
    return EventStore(db)


class EventStore:
    """An event database file; every method opens, uses and closes one connection."""

    def __init__(self, path: str | os.PathLike = DEFAULT_DB):
        self.path = os.fspath(path)

    def __repr__(self) -> str:
        return f"EventStore({self.path!r})"

    def ingest(self, paths: Iterable[str] | str, settings: Settings | None = None, *, coder: Coder | None = None,
               batch_size: int = _store.BATCH_DOCUMENTS, progress: bool | None = False,
               workers: int = 1, dask: str | None = None, stats=None) -> IngestCounts:
        """Read, clean, code and store `paths`; unchanged documents are skipped, changed ones replaced.

        `workers` > 1 cleans and codes in that many processes, `dask` ("tcp://host:8786" or "local")
        on a Dask cluster (see `newsevents.runner`); this process reads and writes either way.
        `stats` (a `runner.RunStats`) receives the workers' peak memory.
        """
        settings = settings or Settings()
        paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
        if dask or workers != 1:
            from newsevents import runner as _runner

            work = _runner.make_runner(settings, workers=workers or None, dask=dask)
            return _runner.ingest(self.path, [os.fspath(p) for p in paths], settings, work,
                                  batch_size=batch_size, progress=progress, stats=stats)
        # the file is opened read-write only while a batch is written: a server or query reads in between
        return _store.ingest(self.path, [os.fspath(p) for p in paths], settings,
                             coder or (lambda: coder_for(settings)), batch_size=batch_size, progress=progress)

    def events(self, **filters) -> pd.DataFrame:
        """Grouped events matching `filters` (actor, dyad, cameo, plover, quad, since, until, text, language, limit)."""
        return self._frame(*_store.events_query(Filters(**filters)))

    def series(self, by: str = "month", **filters) -> pd.DataFrame:
        """Per period (day, week, month) and dyad: events, mentions and mean Goldstein."""
        return self._frame(*_store.series_query(Filters(**filters), by))

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """One SELECT statement over a read-only connection without file, network or extension access.

        Anything else (several statements, COPY, PRAGMA, read_csv of a file, INSTALL ...) raises
        `store.QueryRefused` with the reason.
        """
        _store.check_select(query)  # before opening: a refused query needs no database
        with _store.connect(self.path, read_only=True, sandboxed=True) as con:
            return _store.select(con, query, params).df()

    def export(self, fmt: str, out: str | os.PathLike, partition_by: str | None = None,
               table: str = "events") -> int:
        """Write `gdelt`, `plover`, `csv` or `parquet` to `out`; the number of rows written."""
        with _store.connect(self.path, read_only=True) as con:
            return _export.export(con, fmt, os.fspath(out), partition_by=partition_by, table=table)

    def summary(self) -> str:
        with _store.connect(self.path, read_only=True) as con:
            return _export.summary(con)

    def check(self) -> list[str]:
        """Integrity problems; empty when every document is stored once and the counts agree."""
        with _store.connect(self.path, read_only=True) as con:
            return _store.check(con)

    def counts(self) -> dict[str, int]:
        with _store.connect(self.path, read_only=True) as con:
            return _store.table_counts(con)

    def _frame(self, query: str, params: list) -> pd.DataFrame:
        with _store.connect(self.path, read_only=True) as con:
            return con.execute(query, params).df()
