"""Coding for the server: a bounded pool of coder processes, apart from the process that answers reads.

A text posted to `POST /api/code` is coded in a worker process, so that a long text can neither
hold the server's interpreter (reads and `/api/health` keep answering) nor grow its memory. The
pool bounds everything a client can take:

- `workers` texts are coded at once, at most `max_waiting` more wait for a worker (more: `PoolBusy`,
  answered 503 with Retry-After);
- each text has `budget` seconds, waiting included; past it the worker is stopped (`PoolTimeout`, 503);
- a client that disconnects has its worker stopped at once, which frees its slot;
- a worker whose memory grew past `max_rss_mb` after a text is replaced before the next one.

A stopped worker is replaced by a new process that loads the model again (a few seconds).

    >>> pool = CodingPool({}, workers=1, budget=60)
    >>> records = await pool.code("Iran and Russia signed an agreement.", "2013-08-09", gone=lambda: False)
"""
from __future__ import annotations

import asyncio
import multiprocessing
import resource
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

_POLL_SECONDS = 0.05  # how often a waiting request checks its worker and its client
_READY = "ready"


class PoolBusy(Exception):
    """Every worker is coding and the waiting line is full."""


class PoolTimeout(Exception):
    """A text was not coded within the budget."""


class WorkerFailed(Exception):
    """The worker died or raised while coding a text."""


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: Connection

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class CodingPool:
    """`workers` coder processes with a waiting line and a time budget per text."""

    def __init__(self, settings: dict, *, workers: int = 1, max_waiting: int = 4, budget: float = 60.0,
                 max_rss_mb: int = 1500, warm: bool = True):
        """`warm`: start the workers now (their model loads while the server starts), else on first need."""
        self.settings = dict(settings)
        self.budget = budget
        self.max_waiting = max_waiting
        self.max_rss_mb = max_rss_mb
        self.workers = workers
        self._context = multiprocessing.get_context("spawn")  # the server has threads: no fork
        self._idle: list[_Worker | None] = [self._start() if warm else None for _ in range(workers)]
        self._free = asyncio.Semaphore(workers)
        self._waiting = 0

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve_texts, args=(theirs, self.settings, self.max_rss_mb),
                                        name="newsevents-coder", daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    async def code(self, text: str, date: str | None, gone: Callable[[], Awaitable[bool]]) -> list[dict]:
        """The event records of `text`; `gone()` says whether the client has disconnected."""
        deadline = time.monotonic() + self.budget
        if self._free.locked() and self._waiting >= self.max_waiting:
            raise PoolBusy(f"{self.max_waiting} texts are already waiting for a coder")
        self._waiting += 1
        try:
            await asyncio.wait_for(self._free.acquire(), timeout=max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            raise PoolTimeout(f"no coder was free within the budget of {self.budget:g} s") from None
        finally:
            self._waiting -= 1
        worker = self._idle.pop() or self._start()
        try:
            return await self._run(worker, text, date, deadline, gone)
        finally:
            self._free.release()

    async def _run(self, worker: _Worker, text: str, date: str | None, deadline: float, gone) -> list[dict]:
        """The records of `text`; the worker, or its replacement, goes back to the idle ones."""
        try:
            await self._send(worker, (text, date), deadline)
            kind, value = await self._reply(worker, deadline, gone)
        except BaseException as exc:
            worker.stop()  # timed out, client gone, died or cancelled: a busy worker is never reused
            self._idle.append(self._start())
            if isinstance(exc, (OSError, EOFError)):
                raise WorkerFailed(f"the coder process failed: {exc}") from None
            raise
        if kind == "retire":  # coded, and its memory grew past the limit: replaced for the next text
            worker.stop()
            worker = self._start()
        self._idle.append(worker)
        if kind == "error":
            raise WorkerFailed(value)
        return value

    async def _send(self, worker: _Worker, message: tuple, deadline: float) -> None:
        """Send in a thread: a megabyte fills the pipe until the worker reads it (after loading its
        model), and the event loop must go on answering meanwhile."""
        try:
            await asyncio.wait_for(asyncio.to_thread(worker.conn.send, message),
                                   timeout=max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            raise PoolTimeout(f"the coder took no text within the budget of {self.budget:g} s") from None

    async def _reply(self, worker: _Worker, deadline: float, gone) -> tuple[str, object]:
        while True:
            if worker.conn.poll():
                message = await asyncio.to_thread(worker.conn.recv)  # megabytes of records: off the loop
                if message == _READY:
                    continue
                return message
            if not worker.process.is_alive():
                raise WorkerFailed("the coder process died while coding (out of memory?)")
            if time.monotonic() > deadline:
                raise PoolTimeout(f"coding took longer than the budget of {self.budget:g} s; "
                                  "send a shorter text, or start the server with a larger --code-timeout")
            if await gone():
                raise ClientGone()
            await asyncio.sleep(_POLL_SECONDS)

    def status(self) -> dict[str, int]:
        """Workers, how many are coding and how many texts wait (for /api/health)."""
        return {"workers": self.workers, "busy": self.workers - len(self._idle), "waiting": self._waiting}

    def close(self) -> None:
        for worker in filter(None, self._idle):
            worker.stop()
        self._idle.clear()


class ClientGone(Exception):
    """The client closed its connection before its text was coded."""


def _serve_texts(conn: Connection, settings: dict, max_rss_mb: int) -> None:
    """A worker's life: load the coder, then code each text sent until the pipe closes."""
    from newsevents import api

    api.coder_for(api.settings_of(**settings))  # load the model before the first text
    conn.send(_READY)
    while True:
        try:
            text, date = conn.recv()
        except EOFError:
            return
        try:
            records = api.code(text, date=date, **settings)
        except Exception as exc:  # a text that breaks the coder is answered, not fatal
            conn.send(("error", f"coding failed: {type(exc).__name__}: {exc}"))
            continue
        _add_sentence_spans(text, records)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024 > max_rss_mb
        conn.send(("retire" if grown else "ok", records))
        if grown:
            return


def _add_sentence_spans(text: str, records: list[dict]) -> None:
    """Where each event's sentence starts in the text, for highlighting."""
    for record in records:
        sentence = record["sentence"]
        end = record["trigger"]["span"][0] + len(sentence)
        start = text.rfind(sentence, max(0, end - 2 * len(sentence)), end)
        record["sentence_span"] = [start, start + len(sentence)] if start >= 0 else None
