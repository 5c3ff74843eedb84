"""Store stage: the event database (DuckDB) - schema, migrations, batched idempotent ingest, queries.

The schema is data (`data/store_schema.sql`, one comment per table). Ingest writes one transaction
per batch of documents, so an interrupted run loses at most the open batch; a document already
stored with the same content hash is skipped before coding, a changed one replaces its rows. The
`events` table groups mentions across documents (date, dyad, CAMEO code) and is recomputed for
the events each batch touches. Every query filter is a bound parameter, never spliced SQL.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import logging
import os
import random
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Protocol
from importlib import resources
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from newsevents.pipeline import Coder, Counts, Settings, clean_all
from newsevents.records import CodedDocument, Document, Event, Reject

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
# Seconds a command waits for a database another process holds (an ingest writing a batch, a reader),
# retrying with a growing pause, before it gives up with a message saying so.
LOCK_WAIT = float(os.environ.get("NEWSEVENTS_LOCK_WAIT", "30"))
WRITER_GAP = 0.2  # seconds an ingest leaves the file free between two batches
DEFAULT_DB = "newsevents.duckdb"
BATCH_DOCUMENTS = 50
TABLES = ("documents", "sentences", "actors", "events", "mentions", "rejects")
_DUCKDB_MAGIC = b"DUCK"  # bytes 8-12 of every DuckDB database file

# Registered migrations: MIGRATIONS[n] upgrades a database of schema version n to n + 1.
Migration = Callable[[duckdb.DuckDBPyConnection], None]
MIGRATIONS: dict[int, Migration] = {}


class StoreError(Exception):
    """A database that cannot be used as asked; the message is one line for the user."""


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register `function(con)` as the migration from schema `from_version` to the next."""
    def register(function: Migration) -> Migration:
        MIGRATIONS[from_version] = function
        return function
    return register


@migration(1)
def _add_language(con: duckdb.DuckDBPyConnection) -> None:
    """Schema 2: mentions and events say which language their document is in (issue 15), filled
    from documents.language (documents from before Russian are English)."""
    for table in ("mentions", "events"):
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS language VARCHAR")
    con.execute("UPDATE mentions SET language = coalesce((SELECT d.language FROM documents d "
                "WHERE d.doc_id = mentions.doc_id), 'en')")
    con.execute(f"UPDATE events SET language = coalesce((SELECT arg_min(m.language, {_FIRST}) FROM mentions m "
                "WHERE m.event_id = events.event_id), 'en')")


# --- opening and schema ---------------------------------------------------------------------------

@contextmanager
def connect(path: str, read_only: bool = False, sandboxed: bool = False,
            wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the database at `path`, created (writable) or migrated as needed.

    `sandboxed` (read-only only): SQL on it reaches nothing but this database's tables. A database
    another process holds is waited for, up to `wait` seconds (default `LOCK_WAIT`).
    """
    path = os.fspath(path)
    if sandboxed and not read_only:
        raise ValueError("a sandboxed connection is read-only")
    _check_file(path, read_only)
    if read_only and _schema_version_of(path, wait) < SCHEMA_VERSION:
        with connect(path, wait=wait):  # migrate once, writable, then reopen read-only
            pass
    con = _open(path, read_only, _SANDBOX if sandboxed else None, wait)
    try:
        _ensure_schema(con, path, read_only)
        yield con
    finally:
        con.close()


def _check_file(path: str, read_only: bool) -> None:
    if path == ":memory:":
        return
    if os.path.isdir(path):
        raise StoreError(f"{path} is a folder, not a DuckDB database")
    if not os.path.exists(path):
        if read_only:
            raise StoreError(f"no database at {path} (create one with `newsevents ingest PATH --db {path}`)")
        return
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head and head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(f"{path} is not a DuckDB database; nothing was written to it")


# Arbitrary SQL (`query --sql`, `EventStore.sql`) runs with no file, network or extension access
# (COPY TO, read_csv, ATTACH, INSTALL all fail), and the configuration locked so that a `SET` in
# the query cannot turn that access back on.
_SANDBOX = {"enable_external_access": False, "lock_configuration": True}


class DatabaseLocked(StoreError):
    """Another process held the database for longer than the wait allowed."""


def is_lock_error(exc: BaseException) -> bool:
    """DuckDB's refusal to open a file another process holds ("Could not set lock on file")."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and ("could not set lock" in text or "conflicting lock" in text)


def _open(path: str, read_only: bool, config: dict | None = None,
          wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open `path`; while another process holds it (one writer, or readers while a writer waits),
    retry with a growing, jittered pause for up to `wait` seconds, then raise `DatabaseLocked`."""
    wait = LOCK_WAIT if wait is None else wait
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config or {})
        except duckdb.Error as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if not is_lock_error(exc):
                raise StoreError(f"cannot open {path}: {first_line}") from None
            left = deadline - time.monotonic()
            if left <= 0:
                holder = re.search(r"\(PID (\d+)\)", first_line)
                by = f" by process {holder.group(1)}" if holder else " by another process"
                raise DatabaseLocked(
                    f"cannot open {path}: it stayed locked{by} for more than {wait:g} s (an ingest holds it only "
                    f"while it writes a batch; a server or query only while it reads): {first_line}") from None
            time.sleep(min(left, pause * (0.5 + random.random())))
            pause = min(pause * 2, 0.1)


def _schema_version_of(path: str, wait: float | None = None) -> int:
    con = _open(path, read_only=True, wait=wait)
    try:
        return _read_version(con)
    finally:
        con.close()


def _read_version(con: duckdb.DuckDBPyConnection) -> int:
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" not in tables:
        return 0 if tables & set(TABLES) else SCHEMA_VERSION  # no meta: old, or a fresh file
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else 0


def schema_sql() -> str:
    return resources.files("newsevents").joinpath("data", "store_schema.sql").read_text(encoding="utf-8")


def _ensure_schema(con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
    version = _read_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {version}, newer than this newsevents supports "
                         f"({SCHEMA_VERSION}); upgrade newsevents to use it")
    if read_only:
        return
    fresh = not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
                            ).fetchall()[0][0]
    if fresh:
        con.execute("BEGIN")
        con.execute(schema_sql())
        _set_meta(con, "schema_version", str(SCHEMA_VERSION))
        _set_meta(con, "created_at", _now().isoformat())
        con.execute("COMMIT")
        return
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreError(f"{path} has schema version {version} and no migration to {version + 1} exists")
        con.execute("BEGIN")
        step(con)
        version += 1
        _set_meta(con, "schema_version", str(version))
        _set_meta(con, f"migrated_to_{version}", _now().isoformat())
        con.execute("COMMIT")
        log.info("migrated %s to schema version %d", path, version)


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value])


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- ingest ---------------------------------------------------------------------------------------

@dataclass
class IngestCounts:
    """What one ingest did: read = stored + unchanged + rejected + skipped_language."""

    read: int = 0
    stored: int = 0  # coded documents written (new or replacing a changed one)
    replaced: int = 0  # of those, documents whose content had changed
    unchanged: int = 0  # already in the database with the same content: not recoded
    rejected: int = 0
    skipped_language: int = 0
    mentions: int = 0  # event mentions written
    undated: int = 0  # of the coded documents stored, those with no publication date (page or --date)
    events: int = 0  # rows of `events` in the database after the run
    batches: int = 0
    retried: int = 0  # batches a runner ran again because a worker died under them
    reasons: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        retried = f"; {self.retried} batches retried after a worker died" if self.retried else ""
        return (f"read {self.read}: stored {self.stored} (replaced {self.replaced}), unchanged {self.unchanged}, "
                f"rejected {self.rejected}, skipped by language {self.skipped_language}; "
                f"{self.mentions} event mentions written, {self.events} events in the database{retried}")


def ingest(con: duckdb.DuckDBPyConnection | str | os.PathLike, paths: Iterable[str], settings: Settings,
           coder: Coder | Callable[[], Coder], batch_size: int = BATCH_DOCUMENTS,
           progress: bool | None = None) -> IngestCounts:
    """read -> clean -> (skip unchanged) -> code -> store, one transaction per `batch_size` documents.

    `con` is a connection held by the caller, or the database's path: then the file is opened
    read-write only while a batch is written, and others may read it between batches.

    `coder` may be a function that makes one: it is called only when some document needs coding,
    so a rerun over stored documents loads no model.
    """
    from tqdm import tqdm

    counts = IngestCounts()
    pipeline_counts = Counts()
    writer = _BatchWriter(con, batch_size, counts)
    disable = (not progress) if progress is not None else None  # None: only on a terminal
    with tqdm(desc="ingest", unit="documents", disable=disable, delay=2.0, leave=False) as bar:
        def fresh() -> Iterator[Document]:
            for item in clean_all(list(paths), settings, pipeline_counts):
                if isinstance(item, Reject):
                    writer.add_reject(item)
                elif writer.admit(item):
                    yield item
                    continue
                bar.update()  # a coded document updates the bar once it is written

        documents = fresh()
        first = next(documents, None)
        if first is not None:
            coder = coder if isinstance(coder, Coder) else coder()
            for coded in coder.code_documents(itertools.chain([first], documents)):
                if isinstance(coded, Reject):
                    writer.add_reject(coded)
                else:
                    writer.add(coded)
                bar.update()
        writer.flush()
    counts.read = pipeline_counts.read
    counts.events = writer.event_count()
    return counts


class StoredDocument(Protocol):
    """What the ingest rules look at: a cleaned `Document`, or a runner's note that one is unchanged."""

    id: str
    content_hash: str
    origin: str


class _BatchWriter:
    """The ingest rules and the one writer: decides what each cleaned document becomes (rejected as a
    duplicate id, unchanged, new or replacing), collects coded documents and rejects, and writes each
    batch in one transaction. The in-process ingest and the runners (runner.py) both go through it,
    so the rules hold the same whoever codes."""

    def __init__(self, target: duckdb.DuckDBPyConnection | str | os.PathLike, batch_size: int,
                 counts: IngestCounts):
        # A connection is used as given (the caller holds the file); a path is opened read-write for
        # each batch and closed after it, so that servers and queries read between batches.
        self.con = target if isinstance(target, duckdb.DuckDBPyConnection) else None
        self.path = None if self.con is not None else os.fspath(target)
        self.batch_size, self.counts = max(1, batch_size), counts
        self._closed_at = 0.0
        self.documents: dict[str, CodedDocument] = {}
        self.rejects: list[Reject] = []
        self.first_seen: dict[str, tuple[str, str]] = {}  # id -> (content hash, origin) in this run
        # id -> content hash of what is stored, updated as documents are admitted; runners send
        # the hashes of a batch's ids to their workers so those skip unchanged documents before coding
        with self.session() as con:
            self.known: dict[str, str] = dict(con.execute("SELECT doc_id, content_hash FROM documents").fetchall())

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The writable connection for one batch: the one given, or the file opened now and closed after."""
        if self.con is not None:
            yield self.con
            return
        # Readers waiting for the file retry every tenth of a second or so: leave them a moment
        # between two batches written back to back, so that they see each batch land.
        time.sleep(max(0.0, self._closed_at + WRITER_GAP - time.monotonic()))
        try:
            with connect(self.path) as con:
                yield con
        finally:
            self._closed_at = time.monotonic()

    def event_count(self) -> int:
        with self.session() as con:
            return con.execute("SELECT count(*) FROM events").fetchall()[0][0]

    def admit(self, document: StoredDocument) -> bool:
        """True when `document` must be coded and stored; otherwise it is counted (unchanged) or rejected.

        Call it for every cleaned document, in read order: of two documents with one id and
        different texts the first read keeps it, a document whose clean text is stored already
        is unchanged, and one whose text changed is counted as replacing the stored one.
        """
        duplicate = self.duplicate(document)
        if duplicate is not None:
            self.add_reject(duplicate)
            return False
        if self.known.get(document.id) == document.content_hash:
            self.counts.unchanged += 1
            return False
        if document.id in self.known:
            self.counts.replaced += 1
        self.known[document.id] = document.content_hash
        return True

    def duplicate(self, document: StoredDocument) -> Reject | None:
        """A reject when another document of this run had `document`'s id and other content.

        The first one read keeps the id: inputs are read in a fixed order, so a rerun keeps the same one.
        Call it for every document, unchanged ones too, before deciding what to do with it.
        """
        first = self.first_seen.setdefault(document.id, (document.content_hash, document.origin))
        if first[0] == document.content_hash:
            return None
        return Reject(document.origin, f"duplicate id within the input: kept the first ({first[1]})", "store",
                      document.id)

    def add(self, coded: CodedDocument) -> None:
        duplicate = self.duplicate(coded.document)
        if duplicate is not None:  # never let a later document silently replace the first
            self.add_reject(duplicate)
            return
        self.documents[coded.document.id] = coded
        if coded.skipped:
            self.counts.skipped_language += 1
        else:
            self.counts.stored += 1
            self.counts.mentions += len(coded.events)
            self.counts.undated += not coded.document.date  # relative dates ("on Friday") need one
        if len(self.documents) >= self.batch_size:
            self.flush()

    def add_reject(self, reject: Reject) -> None:
        self.rejects.append(reject)
        self.counts.rejected += 1
        key = reject.reason.split(":")[0][:60]
        self.counts.reasons[key] = self.counts.reasons.get(key, 0) + 1

    def flush(self) -> None:
        if not self.documents and not self.rejects:
            return
        with _interrupt_deferred(), self.session() as con:
            self._write(con)
        self.counts.batches += 1
        log.info("committed batch %d (%d documents, %d rejects)", self.counts.batches,
                 len(self.documents), len(self.rejects))
        self.documents, self.rejects = {}, []

    def _write(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute("BEGIN")
        try:
            self._drop_stored_meanwhile(con)
            rows = _batch_rows(list(self.documents.values()), self.rejects)
            _write_batch(con, rows, list(self.documents))
            con.execute("COMMIT")
        except BaseException as exc:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed COMMIT has ended the transaction already: its own error is the one to tell
            if isinstance(exc, (duckdb.IOException, duckdb.FatalException)) or (
                    isinstance(exc, duckdb.Error) and "Failed to commit" in str(exc)):  # e.g. disk full
                detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise StoreError(f"cannot write a batch ({detail}); the batches committed before it are kept: "
                                 "fix the cause and run the same command again to resume") from None
            raise

    def _drop_stored_meanwhile(self, con: duckdb.DuckDBPyConnection) -> None:
        """Leave out documents that another writer stored with the same content since this run looked
        (two ingests of one folder, taking turns per batch): they are unchanged, not stored again."""
        if self.path is None or not self.documents:
            return
        ids = list(self.documents)
        stored = dict(con.execute("SELECT doc_id, content_hash FROM documents WHERE list_contains(?, doc_id)",
                                  [ids]).fetchall())
        for doc_id in ids:
            coded = self.documents[doc_id]
            if stored.get(doc_id) == coded.document.content_hash:
                del self.documents[doc_id]
                self.counts.unchanged += 1
                if coded.skipped:
                    self.counts.skipped_language -= 1
                else:
                    self.counts.stored -= 1
                    self.counts.mentions -= len(coded.events)
                    self.counts.undated -= not coded.document.date


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Ctrl-C while a batch is written takes effect once it is committed (or rolled back): an
    interrupted ingest stops between batches. Only the main thread can hold signals back."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(frame))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


BatchWriter = _BatchWriter  # the one writer: runners (runner.py) feed it the results of their workers


def _write_batch(con: duckdb.DuckDBPyConnection, rows: dict[str, list[dict]], doc_ids: list[str]) -> None:
    _insert(con, "batch_ids", [{"doc_id": d} for d in doc_ids], create_temp=True)
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT DISTINCT event_id FROM mentions "
                "WHERE doc_id IN (SELECT doc_id FROM batch_ids)")
    for table in ("documents", "sentences", "actors", "mentions"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM batch_ids)")  # noqa: S608
    for table in ("documents", "sentences", "actors", "mentions"):
        _insert(con, table, rows[table])
    _insert(con, "rejects", rows["rejects"], on_conflict=True)
    con.execute("INSERT INTO touched SELECT DISTINCT event_id FROM mentions "
                "WHERE doc_id IN (SELECT doc_id FROM batch_ids)")
    con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM touched)")
    con.execute(_EVENTS_FROM_MENTIONS + " WHERE m.event_id IN (SELECT event_id FROM touched) GROUP BY m.event_id")
    con.execute("DROP TABLE touched")
    con.execute("DROP TABLE batch_ids")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict], create_temp: bool = False,
            on_conflict: bool = False) -> None:
    if not rows:
        if create_temp:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} (doc_id VARCHAR)")
        return
    con.register("_batch_rows", pa.Table.from_pylist(rows))
    try:
        if create_temp:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _batch_rows")
        else:
            conflict = " ON CONFLICT DO NOTHING" if on_conflict else ""
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch_rows{conflict}")
    finally:
        con.unregister("_batch_rows")


# One row of `events` per event_id, from its mentions; descriptive fields from the first mention.
_FIRST = "m.doc_id || chr(1) || lpad(CAST(m.sentence_index AS VARCHAR), 8, '0') || m.mention_id"
_EVENTS_FROM_MENTIONS = f"""
INSERT INTO events BY NAME
SELECT m.event_id,
       any_value(m.date) AS date, any_value(m.source_code) AS source_code,
       any_value(m.target_code) AS target_code, any_value(m.cameo) AS cameo,
       left(any_value(m.cameo), 2) AS cameo_root, any_value(m.cameo_name) AS cameo_name,
       any_value(m.quad_class) AS quad_class, any_value(m.goldstein) AS goldstein,
       any_value(m.plover_type) AS plover_type, any_value(m.plover_mode) AS plover_mode,
       any_value(m.plover_context) AS plover_context,
       any_value(m.negated) AS negated, any_value(m.modality) AS modality,
       arg_min(m.source_name, {_FIRST}) AS source_name, arg_min(m.source_country, {_FIRST}) AS source_country,
       arg_min(m.source_sector, {_FIRST}) AS source_sector,
       arg_min(m.target_name, {_FIRST}) AS target_name, arg_min(m.target_country, {_FIRST}) AS target_country,
       arg_min(m.target_sector, {_FIRST}) AS target_sector,
       arg_min(m.location_name, {_FIRST}) AS location_name,
       arg_min(m.location_country, {_FIRST}) AS location_country,
       arg_min(m.location_lat, {_FIRST}) AS location_lat, arg_min(m.location_lon, {_FIRST}) AS location_lon,
       arg_min(m.location_adm1, {_FIRST}) AS location_adm1, arg_min(m.location_id, {_FIRST}) AS location_id,
       count(*) AS num_mentions, greatest(count(DISTINCT d.source), 1) AS num_sources,  -- GDELT never has 0
       count(DISTINCT m.doc_id) AS num_articles, bool_or(m.sentence_index = 0) AS is_root,
       avg(m.confidence) AS confidence,
       arg_min(m.doc_id, {_FIRST}) AS first_doc_id, arg_min(m.sentence_index, {_FIRST}) AS first_sentence_index,
       arg_min(s.text, {_FIRST}) AS sentence, arg_min(d.url, {_FIRST}) AS url,
       min(d.ingested_at) AS date_added, arg_min(m.language, {_FIRST}) AS language
FROM mentions m
JOIN documents d ON d.doc_id = m.doc_id
LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index
"""


def _batch_rows(documents: list[CodedDocument], rejects: list[Reject]) -> dict[str, list[dict]]:
    now = _now()
    rows: dict[str, list[dict]] = {"documents": [], "sentences": [], "actors": [], "mentions": [], "rejects": []}
    for coded in documents:
        rows["documents"].append(_document_row(coded, now))
        doc = coded.document
        for index, (start, end) in enumerate(coded.sentences):
            rows["sentences"].append({"doc_id": doc.id, "sentence_index": index, "start_char": start,
                                      "end_char": end, "text": doc.text[start:end]})
        for index, actor in enumerate(coded.actors):
            rows["actors"].append({"doc_id": doc.id, "actor_index": index, "text": actor.text,
                                   "name": actor.name, "code": actor.code, "country": actor.country,
                                   "sector": actor.sector, "start_char": actor.span[0], "end_char": actor.span[1]})
        seen: set[str] = set()
        for event in coded.events:
            row = _mention_row(event)
            if row["mention_id"] not in seen:  # the pipeline dedupes; the key makes sure
                seen.add(row["mention_id"])
                rows["mentions"].append(row)
    for reject in rejects:
        key = "|".join([reject.origin, reject.doc_id or "", reject.stage, reject.reason])
        rows["rejects"].append({"reject_id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
                                "origin": reject.origin, "doc_id": reject.doc_id, "stage": reject.stage,
                                "reason": reject.reason, "rejected_at": now})
    return rows


def _document_row(coded: CodedDocument, now: dt.datetime) -> dict:
    doc = coded.document
    return {"doc_id": doc.id, "content_hash": doc.content_hash, "status": "skipped" if coded.skipped else "coded",
            "skip_reason": coded.skipped, "url": doc.url, "title": doc.title, "date": _date(doc.date),
            "source_name": doc.source_name, "source": source_of(doc), "language": doc.language,
            "origin": doc.origin, "text": doc.text, "n_sentences": len(coded.sentences),
            "n_actors": len(coded.actors), "n_mentions": len({e.event_id for e in coded.events}),
            "ingested_at": now}


def source_of(doc: Document) -> str | None:
    """What NumSources counts: the site name, else the URL's host without `www.`."""
    if doc.source_name:
        return doc.source_name.strip().lower()
    host = urlsplit(doc.url).hostname if doc.url else None
    return host.removeprefix("www.") if host else None


def _mention_row(event: Event) -> dict:
    record = event.to_dict()
    row = {"mention_id": record["event_id"], "event_id": record["group_id"], "doc_id": event.doc_id,
           "sentence_index": event.sentence_index, "sentence_start": event.sentence_span[0],
           "sentence_end": event.sentence_span[1], "date": _date(event.date), "date_basis": event.date_basis,
           "cameo": event.cameo, "cameo_name": event.cameo_name, "quad_class": event.quad_class,
           "goldstein": event.goldstein, "trigger_text": event.trigger_text,
           "trigger_start": event.trigger_span[0], "trigger_end": event.trigger_span[1],
           "negated": event.negated, "modality": event.modality, "confidence": record["confidence"],
           "language": event.language,
           "record": json.dumps(record, ensure_ascii=False)}
    for side, actor in (("source", event.source), ("target", event.target)):
        row.update({f"{side}_code": actor and actor.code, f"{side}_text": actor and actor.text,
                    f"{side}_name": actor and actor.name, f"{side}_country": actor and actor.country,
                    f"{side}_sector": actor and actor.sector, f"{side}_start": actor and actor.span[0],
                    f"{side}_end": actor and actor.span[1]})
    plover = event.plover or {}
    row.update({"plover_type": plover.get("type"), "plover_mode": plover.get("mode"),
                "plover_context": plover.get("context")})
    place = event.location
    row.update({"location_name": place and place.name, "location_country": place and place.country,
                "location_lat": place and place.lat, "location_lon": place and place.lon,
                "location_adm1": place and place.adm1, "location_id": place and place.gazetteer_id})
    return row


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- queries --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """The filters of `query` and `EventStore.events`; each becomes a bound parameter."""

    actor: str | None = None  # a CAMEO actor code or its prefix (RUS, RUSGOV, IGO) or an ISO3 country
    dyad: str | None = None  # SRC:TGT, each side as `actor`; an empty side matches any
    cameo: str | None = None  # a CAMEO code or root: 04 matches 040, 042, 0421 ...
    plover: str | None = None  # a PLOVER type: CONSULT
    quad: int | None = None  # GDELT QuadClass 1-4
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    text: str | None = None  # words that must all occur in one of the event's sentences
    language: str | None = None  # a language some mention of the event is in: en, ru
    limit: int | None = None

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


def parse_date(value: str | dt.date | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"--{name}: {value!r} is not a date of the form YYYY-MM-DD") from None


def where(filters: Filters) -> tuple[str, list]:
    """The WHERE clause (over `events e`) and its parameters."""
    clauses: list[str] = []
    params: list = []
    if filters.actor:
        actor = filters.actor.strip().upper()
        clauses.append(f"({_side('source')} OR {_side('target')})")
        params += [actor, actor, actor, actor]
    if filters.dyad:
        if ":" not in filters.dyad:
            raise ValueError(f"--dyad: {filters.dyad!r} is not of the form SOURCE:TARGET")
        for side, value in zip(("source", "target"), filters.dyad.split(":", 1)):
            if value.strip():
                clauses.append(_side(side))
                params += [value.strip().upper()] * 2
    if filters.cameo:
        clauses.append("starts_with(e.cameo, ?)")
        params.append(filters.cameo.strip())
    if filters.plover:
        clauses.append("e.plover_type = ?")
        params.append(filters.plover.strip().upper())
    if filters.quad is not None:
        clauses.append("e.quad_class = ?")
        params.append(int(filters.quad))
    for name, operator in (("since", ">="), ("until", "<=")):
        value = parse_date(getattr(filters, name), name)
        if value is not None:
            clauses.append(f"e.date {operator} ?")
            params.append(value)
    if filters.language:
        clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id AND m.language = ?)")
        params.append(filters.language.strip().lower())
    words = (filters.text or "").lower().split()
    if words:
        contains = " AND ".join("contains(lower(s.text), ?)" for _ in words)
        clauses.append("EXISTS (SELECT 1 FROM mentions m JOIN sentences s ON s.doc_id = m.doc_id "
                       f"AND s.sentence_index = m.sentence_index WHERE m.event_id = e.event_id AND {contains})")
        params += words
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _side(side: str) -> str:
    return f"(starts_with(coalesce(e.{side}_code, ''), ?) OR e.{side}_country = ?)"


EVENT_COLUMNS = ("event_id", "date", "source_code", "target_code", "cameo", "cameo_name", "plover_type",
                 "quad_class", "goldstein", "negated", "modality", "num_mentions", "num_sources", "num_articles",
                 "source_name", "target_name", "location_name", "first_doc_id", "sentence", "language")


def events_query(filters: Filters) -> tuple[str, list]:
    clause, params = where(filters)
    sql = f"SELECT {', '.join('e.' + c for c in EVENT_COLUMNS)} FROM events e{clause} ORDER BY e.date, e.event_id"
    if filters.limit is not None:
        sql += " LIMIT ?"
        params.append(int(filters.limit))
    return sql, params


PERIODS = ("day", "week", "month")


def series_query(filters: Filters, by: str = "month") -> tuple[str, list]:
    """Per period and dyad: events, mentions and mean Goldstein."""
    if by not in PERIODS:
        raise ValueError(f"--by: {by!r} is not one of {', '.join(PERIODS)}")
    clause, params = where(filters)
    sql = (f"SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS period, e.source_code, e.target_code, "
           "count(*) AS events, sum(e.num_mentions) AS mentions, round(avg(e.goldstein), 3) AS mean_goldstein "
           f"FROM events e{clause} GROUP BY ALL ORDER BY period, events DESC, e.source_code, e.target_code")
    if filters.limit is not None:
        sql += " LIMIT ?"
        params.append(int(filters.limit))
    return sql, params


# --- arbitrary read-only SQL ----------------------------------------------------------------------

ALLOWED_SQL = ("one SELECT statement (SELECT, WITH ... SELECT, FROM ..., VALUES, DESCRIBE, SHOW, SUMMARIZE) "
               "over the database's own tables")


class QueryRefused(StoreError):
    """SQL that `query --sql` does not run: not one SELECT, or reaching outside the database."""


def check_select(query: str) -> None:
    """Refuse anything but exactly one SELECT-type statement, before any connection sees it.

    The sandboxed read-only connection would stop writes and file access anyway; checking the
    statement first gives a clear reason, and stops PRAGMA, CALL, SET or EXPLAIN, which it allows.
    """
    statements = duckdb.extract_statements(query)  # a syntax error raises duckdb.ParserException
    if len(statements) != 1:
        raise QueryRefused(f"SQL refused: {len(statements)} statements; allowed is {ALLOWED_SQL}")
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        keyword = (statement.query.split() or [statement.type.name])[0].upper()  # INSTALL, not its type LOAD
        raise QueryRefused(f"SQL refused: {keyword} is not a SELECT statement; allowed is {ALLOWED_SQL}")


def select(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> duckdb.DuckDBPyConnection:
    """Run one checked SELECT on a sandboxed connection; access outside the database is refused by name."""
    check_select(query)
    try:
        return con.execute(query, params or [])
    except duckdb.PermissionException as exc:
        reason = str(exc).strip().splitlines()[0]
        raise QueryRefused(f"SQL refused: it reaches outside the database ({reason}); "
                           f"allowed is {ALLOWED_SQL}") from None


# --- integrity ------------------------------------------------------------------------------------

_CHECKS = (
    ("documents stored more than once",
     "SELECT count(*) - count(DISTINCT doc_id) FROM documents"),
    ("mentions whose event is missing from `events`",
     "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = m.event_id)"),
    ("mentions whose document is missing",
     "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = m.doc_id)"),
    ("mentions whose sentence is missing",
     "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM sentences s "
     "WHERE s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index)"),
    ("events without mentions",
     "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id)"),
    ("events whose NumMentions or NumArticles disagree with `mentions`",
     "SELECT count(*) FROM events e JOIN (SELECT event_id, count(*) AS n, count(DISTINCT doc_id) AS a "
     "FROM mentions GROUP BY event_id) m USING (event_id) WHERE e.num_mentions <> m.n OR e.num_articles <> m.a"),
    ("documents whose mention count disagrees with `mentions`",
     "SELECT count(*) FROM documents d LEFT JOIN (SELECT doc_id, count(*) AS n FROM mentions GROUP BY doc_id) m "
     "USING (doc_id) WHERE d.n_mentions <> coalesce(m.n, 0)"),
    ("sentences, actors or mentions of documents not stored",
     "SELECT (SELECT count(*) FROM sentences WHERE doc_id NOT IN (SELECT doc_id FROM documents)) + "
     "(SELECT count(*) FROM actors WHERE doc_id NOT IN (SELECT doc_id FROM documents))"),
)


def check(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Problems found (empty when the database is consistent)."""
    problems = []
    version = _read_version(con)
    if version != SCHEMA_VERSION:
        problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
    for label, sql in _CHECKS:
        count = con.execute(sql).fetchall()[0][0]
        if count:
            problems.append(f"{count} {label}")
    return problems


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}  # noqa: S608
