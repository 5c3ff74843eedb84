"""Runners: the pipeline's stages over batches of read documents, in worker processes or on Dask.

The main process reads (`read_inputs`) and cuts the stream into small batches of raw documents;
workers clean and code each batch (`code_batch`: clean -> skip unchanged -> parse -> actors ->
events -> when/where) and send back the results, in any order; the main process is the one writer
(store's `BatchWriter`, a transaction per batch of documents). At most `slots` batches are in
flight, so a corpus larger than memory streams through.

Two executors share that loop and know nothing of what the stages do:
- `LocalRunner`: a `ProcessPoolExecutor` of N processes, each building its `Coder` once in the
  process initializer. A worker that dies (SIGKILL, segfault, out of memory) breaks the pool: the
  pool is rebuilt and the unfinished batches run again, alone, so the next death is the fault of
  the batch that was running; after two failures a batch is split and its documents run one by
  one, and a document that kills its worker twice is rejected ("worker died while coding this
  document").
- `DaskRunner`: the same batches as Dask tasks (`--dask tcp://host:8786`, or `local` for a
  LocalCluster of two single-threaded worker processes); tasks return coded results to the
  client, which writes them, so there is still one writer and each document is stored once.
"""
from __future__ import annotations

import concurrent.futures as cf
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from newsevents.pipeline import Coder, Settings, clean_one
from newsevents.read import read_inputs
from newsevents.records import CodedDocument, Document, Reject
from newsevents.store import BATCH_DOCUMENTS, BatchWriter, IngestCounts

log = logging.getLogger(__name__)

BATCH_RAW_DOCUMENTS = 8  # raw documents sent to a worker at a time (few: the workers finish together)
BATCH_RAW_CHARS = 4_000_000  # ... or fewer, when they are long
WORKER_DIED = "worker died while coding this document"
FAILURES_BEFORE_SPLIT = 2


# --- the task: what a worker does with one batch ---------------------------------------------------

@dataclass(frozen=True)
class Unchanged:
    """A document already stored with the same clean text: not coded again."""

    id: str
    content_hash: str
    origin: str


@dataclass
class BatchResult:
    outcomes: list[CodedDocument | Reject | Unchanged]
    pid: int
    peak_rss: int  # bytes: the worker process's peak resident memory so far
    cpu_s: float = 0.0  # the worker process's CPU time so far (start-up included)


@dataclass(frozen=True)
class TestHooks:
    """Fault injection for tests, read from the environment of the process that starts the pool.

    NEWSEVENTS_TEST_KILL_AFTER=N: a worker SIGKILLs itself when handed its (N+1)th batch;
    NEWSEVENTS_TEST_KILL_ONCE=FILE: ... only the first time (FILE marks that it happened);
    NEWSEVENTS_TEST_KILL_ON=TEXT: a worker SIGKILLs itself on a document whose raw text holds TEXT;
    NEWSEVENTS_TEST_MEET=DIR:N: a worker's first batch waits (up to a minute) until N workers have
    reached theirs, so a test of N workers is not raced by one that loaded its model first.
    """

    kill_after: int | None = None
    kill_once: str | None = None
    kill_on: str | None = None
    meet: str | None = None

    @classmethod
    def from_environment(cls) -> TestHooks:
        after = os.environ.get("NEWSEVENTS_TEST_KILL_AFTER")
        return cls(int(after) if after else None, os.environ.get("NEWSEVENTS_TEST_KILL_ONCE") or None,
                   os.environ.get("NEWSEVENTS_TEST_KILL_ON") or None, os.environ.get("NEWSEVENTS_TEST_MEET") or None)

    def before_batch(self, batches_done: int, documents: list[Document]) -> None:
        if self.meet and batches_done == 0:
            self._meet_the_others()
        if self.kill_on and any(self.kill_on in d.raw for d in documents):
            os.kill(os.getpid(), signal.SIGKILL)
        if self.kill_after is not None and batches_done >= self.kill_after and self._first_time():
            os.kill(os.getpid(), signal.SIGKILL)

    def _meet_the_others(self, timeout: float = 60.0) -> None:
        folder, expected = self.meet.rsplit(":", 1)  # type: ignore[union-attr]
        Path(folder, str(os.getpid())).touch()
        deadline = time.monotonic() + timeout
        while len(os.listdir(folder)) < int(expected) and time.monotonic() < deadline:
            time.sleep(0.05)

    def _first_time(self) -> bool:
        if not self.kill_once:
            return True
        try:
            os.close(os.open(self.kill_once, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True


class SetupFailed(Exception):
    """A worker could not build its coder (no model, a bad dictionary): the run stops with args[0]."""


@dataclass
class _WorkerState:
    """What one worker process keeps between batches: its coders (one per settings) and hooks."""

    coders: dict[Settings, Coder] = field(default_factory=dict)
    hooks: TestHooks = TestHooks()
    batches: int = 0
    setup_error: Exception | None = None

    def coder(self, settings: Settings) -> Coder:
        if settings not in self.coders:
            self.coders[settings] = Coder(settings)
        return self.coders[settings]


_WORKER = _WorkerState()  # per process: the coder must outlive one task

# Math libraries start a thread per core in every process: N workers on N cores would run N x N
# threads that spin against each other (measured: x1.28 CPU time with 2 workers on 2 cores).
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _share_cores(workers: int) -> None:
    """Give each worker its share of the cores as math threads. Workers inherit the environment
    of the forkserver, which starts after this (once per process); variables the user set win."""
    threads = str(max(1, (os.cpu_count() or 1) // workers))
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, threads)


def init_worker(settings: Settings, hooks: TestHooks = TestHooks(), main_pid: int | None = None) -> None:
    """Process initializer: load the model and knowledge once, before the first batch."""
    _WORKER.hooks = hooks
    if main_pid is not None:
        threading.Thread(target=_exit_with, args=(main_pid,), daemon=True, name="watch-main").start()
    try:
        _WORKER.coder(settings)
    except Exception as exc:  # noqa: BLE001 - sent back with the first batch, where the runner stops
        _WORKER.setup_error = exc
    clean_one(Document(id="warm-up", raw="Officials met in Geneva on Monday.\n" * 3), settings)  # language id loads
    # The model, knowledge and gazetteer live as long as the worker: kept out of the collector's
    # full passes, which would otherwise walk their ~400,000 objects again and again.
    gc.freeze()


def _exit_with(main_pid: int, every: float = 1.0) -> None:
    """A worker outlives no killed ingest (a pool's workers would wait on their queue for ever)."""
    while True:
        time.sleep(every)
        try:
            os.kill(main_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def code_batch(settings: Settings, documents: list[Document], known: dict[str, str]) -> BatchResult:
    """clean -> skip those whose clean text is stored (`known`: id -> content hash) -> code."""
    if _WORKER.setup_error is not None:
        raise SetupFailed(_WORKER.setup_error)
    try:
        coder = _WORKER.coder(settings)  # built by the initializer; on Dask, by the first task
    except Exception as exc:  # noqa: BLE001
        raise SetupFailed(exc) from None
    _WORKER.hooks.before_batch(_WORKER.batches, documents)
    _WORKER.batches += 1
    outcomes: list[CodedDocument | Reject | Unchanged | None] = []
    fresh: list[tuple[int, Document]] = []
    for document in documents:
        cleaned = clean_one(document, settings)
        if isinstance(cleaned, Reject):
            outcomes.append(cleaned)
        elif known.get(cleaned.id) == cleaned.content_hash:
            outcomes.append(Unchanged(cleaned.id, cleaned.content_hash, cleaned.origin))
        else:
            fresh.append((len(outcomes), cleaned))
            outcomes.append(None)
    if fresh:
        coded = coder.code_documents(d for _, d in fresh)
        for (index, _), result in zip(fresh, coded):
            outcomes[index] = result
    return BatchResult(outcomes, os.getpid(), peak_rss(), time.process_time())  # type: ignore[arg-type]


def peak_rss() -> int:
    """This process's peak resident set size in bytes (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- executors -------------------------------------------------------------------------------------

class LocalRunner:
    """N worker processes on this machine (forkserver: clean children, spaCy imported once)."""

    isolates_failures = True  # a dead worker breaks every batch in flight: rerun them alone

    def __init__(self, settings: Settings, workers: int | None = None):
        self.settings = settings
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.slots = 2 * self.workers
        self.hooks = TestHooks.from_environment()
        _share_cores(self.workers)
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["newsevents.runner"])
        self._pool: cf.ProcessPoolExecutor | None = None

    def submit(self, documents: list[Document], known: dict[str, str]) -> cf.Future:
        if self._pool is None:
            self._pool = cf.ProcessPoolExecutor(self.workers, mp_context=self._context, initializer=init_worker,
                                                initargs=(self.settings, self.hooks, os.getpid()))
        return self._pool.submit(code_batch, self.settings, documents, known)

    def restart(self) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskRunner:
    """Batches as tasks on a Dask cluster: `tcp://host:8786`, or `local` for a LocalCluster of two."""

    isolates_failures = False  # a task's failure (KilledWorker after Dask's own retries) is its own

    def __init__(self, settings: Settings, address: str = "local"):
        from distributed import Client, LocalCluster

        self.settings = settings
        self.cluster = None
        if address == "local":
            logging.getLogger("distributed").setLevel(logging.WARNING)  # its scheduler runs in this process
            self.cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                        dashboard_address=None, silence_logs=logging.WARNING)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
        threads = sum(self.client.nthreads().values()) or 1
        self.workers = len(self.client.nthreads()) or 1
        self.slots = 2 * threads
        self._executor = self.client.get_executor(pure=False)  # a batch sent again is a new task

    def submit(self, documents: list[Document], known: dict[str, str]) -> cf.Future:
        return self._executor.submit(code_batch, self.settings, documents, known)

    def restart(self) -> None:
        """Dask replaces dead workers itself."""

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


Runner = LocalRunner | DaskRunner


def make_runner(settings: Settings, workers: int | None = None, dask: str | None = None) -> Runner:
    return DaskRunner(settings, dask) if dask else LocalRunner(settings, workers)


# --- the loop: read, send batches, write results ---------------------------------------------------

@dataclass
class _Batch:
    documents: list[Document]
    seq: int = 0  # position in the read order; results are written in this order
    failures: int = 0
    parent: _Batch | None = None  # a batch split into single documents: its outcomes gather here
    index: int = 0  # ... at this position
    outcomes: list = field(default_factory=list)
    waiting: int = 0


@dataclass
class RunStats:
    """What the runner saw besides the store's counts: peak memory of each worker process."""

    peak_rss: dict[int, int] = field(default_factory=dict)  # pid -> bytes
    cpu_s: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds

    @property
    def max_peak_rss(self) -> int:
        return max(self.peak_rss.values(), default=0)


def ingest(con: duckdb.DuckDBPyConnection | str | os.PathLike, paths: Iterable[str], settings: Settings, runner: Runner,
           batch_size: int = BATCH_DOCUMENTS, progress: bool | None = None,
           stats: RunStats | None = None) -> IngestCounts:
    """store.ingest with the cleaning and coding done by `runner`'s workers; the caller's process writes
    (on `con`, or on the database at that path, opened only while a batch is written)."""
    from tqdm import tqdm

    counts = IngestCounts()
    stats = stats if stats is not None else RunStats()
    writer = BatchWriter(con, batch_size, counts)
    disable = (not progress) if progress is not None else None
    with tqdm(desc="ingest", unit="documents", disable=disable, delay=2.0, leave=False) as bar:
        loop = _Loop(runner, writer, counts, stats, bar)
        try:
            loop.run(_raw_batches(paths, settings, counts, writer, bar))
        finally:
            runner.close()
        writer.flush()
    counts.events = writer.event_count()
    return counts


def _raw_batches(paths: Iterable[str], settings: Settings, counts: IngestCounts, writer: BatchWriter,
                 bar) -> Iterator[_Batch]:
    """Read documents into batches of at most BATCH_RAW_DOCUMENTS (and BATCH_RAW_CHARS); rejects go to the writer."""
    batch: list[Document] = []
    chars = seq = 0
    for item in read_inputs(list(paths), input_format=settings.input_format, default_date=settings.default_date):
        counts.read += 1
        if isinstance(item, Reject):
            writer.add_reject(item)
            bar.update()
            continue
        batch.append(item)
        chars += len(item.raw)
        if len(batch) >= BATCH_RAW_DOCUMENTS or chars >= BATCH_RAW_CHARS:
            yield _Batch(batch, seq)
            batch, chars, seq = [], 0, seq + 1
    if batch:
        yield _Batch(batch, seq)


class _Loop:
    """Keeps `runner.slots` batches in flight, writes results in read order, reruns failed batches.

    Writing in read order keeps the store's rules of the in-process ingest: of two documents with
    one id and different texts the first read keeps it. Finished batches wait for earlier ones in
    `ready` (at most 4 x slots), so memory stays bounded even behind a slow batch.
    """

    def __init__(self, runner: Runner, writer: BatchWriter, counts: IngestCounts, stats: RunStats, bar):
        self.runner, self.writer, self.counts, self.stats = runner, writer, counts, stats
        self.bar = bar
        self.pending: dict[cf.Future, _Batch] = {}
        self.retry: deque[_Batch] = deque()  # run again, with the others
        self.suspects: deque[_Batch] = deque()  # run again, alone
        self.ready: dict[int, list] = {}  # seq -> outcomes, waiting for the batches before it
        self.next_seq = 0

    def run(self, batches: Iterator[_Batch]) -> None:
        exhausted = False
        while True:
            if self.suspects:
                if not self.pending:
                    self._submit(self.suspects.popleft())
            else:
                while len(self.pending) < self.runner.slots:
                    if self.retry:  # always: the batch the others wait for may be among them
                        self._submit(self.retry.popleft())
                        continue
                    if exhausted or len(self.ready) >= 4 * self.runner.slots:
                        break
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    self._submit(batch)
            if not self.pending:
                if exhausted and not self.retry and not self.suspects:
                    assert not self.ready, "a batch was lost"  # noqa: S101
                    return
                continue
            done, _ = cf.wait(self.pending, return_when=cf.FIRST_COMPLETED)
            for future in done:
                if future in self.pending:
                    self._collect(future)

    def _submit(self, batch: _Batch) -> None:
        stored = self.writer.known
        known = {d.id: stored[d.id] for d in batch.documents if d.id in stored}
        self.pending[self.runner.submit(batch.documents, known)] = batch

    def _collect(self, future: cf.Future) -> None:
        batch = self.pending.pop(future)
        try:
            result = future.result()
        except BrokenProcessPool:
            self._pool_broke(batch)
            return
        except SetupFailed as exc:
            raise exc.args[0] from None
        except Exception as exc:  # noqa: BLE001 - a task's own failure (Dask's KilledWorker, a bug)
            log.warning("batch of %d documents failed: %s: %s", len(batch.documents), type(exc).__name__, exc)
            self._failed(batch, alone=True, reason=f"worker failed: {type(exc).__name__}: {exc}"[:300])
            return
        self._finished(batch, result)

    def _pool_broke(self, batch: _Batch) -> None:
        """A worker died: every batch in flight is lost unless it had finished; rebuild and rerun."""
        lost = [batch]
        for future, other in list(self.pending.items()):
            del self.pending[future]
            if future.done() and not future.cancelled() and future.exception() is None:
                self._finished(other, future.result())  # finished before the pool broke: keep it
            else:
                lost.append(other)
        log.warning("a worker died; rerunning %d unfinished batches", len(lost))
        self.runner.restart()
        alone = len(lost) == 1
        for each in lost:
            self._failed(each, alone=alone, reason=WORKER_DIED)

    def _failed(self, batch: _Batch, alone: bool, reason: str) -> None:
        batch.failures += 1
        if batch.failures >= FAILURES_BEFORE_SPLIT and alone:
            if len(batch.documents) == 1:
                document = batch.documents[0]
                self._done(batch, [Reject(document.origin, reason, "code", document.id)])
                return
        self.counts.retried += 1
        queue = self.suspects if self.runner.isolates_failures else self.retry
        if batch.failures >= FAILURES_BEFORE_SPLIT and alone:
            log.warning("splitting a batch of %d documents to find the one that fails", len(batch.documents))
            batch.outcomes, batch.waiting = [None] * len(batch.documents), len(batch.documents)
            queue.extend(_Batch([d], parent=batch, index=i) for i, d in enumerate(batch.documents))
        else:
            queue.append(batch)

    def _finished(self, batch: _Batch, result: BatchResult) -> None:
        self.stats.peak_rss[result.pid] = max(result.peak_rss, self.stats.peak_rss.get(result.pid, 0))
        self.stats.cpu_s[result.pid] = max(result.cpu_s, self.stats.cpu_s.get(result.pid, 0.0))
        self._done(batch, result.outcomes)

    def _done(self, batch: _Batch, outcomes: list) -> None:
        parent = batch.parent
        if parent is not None:  # one document of a split batch
            parent.outcomes[batch.index] = outcomes[0]
            parent.waiting -= 1
            if parent.waiting == 0:
                self._done(parent, parent.outcomes)
            return
        self.ready[batch.seq] = outcomes
        while self.next_seq in self.ready:
            self._write(self.ready.pop(self.next_seq))
            self.next_seq += 1

    def _write(self, outcomes: list) -> None:
        for outcome in outcomes:
            self.bar.update()
            if isinstance(outcome, Reject):
                self.writer.add_reject(outcome)
                continue
            # The worker skipped an Unchanged one against the hashes stored when its batch was sent;
            # the writer's rules decide again here, in read order, as the in-process ingest does.
            # An Unchanged is never admitted: its hash is the one known, unless an earlier document
            # took its id, and then it is a duplicate.
            document = outcome if isinstance(outcome, Unchanged) else outcome.document
            if self.writer.admit(document):
                self.writer.add(outcome)
