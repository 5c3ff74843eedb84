"""The server stays up while it codes: a real uvicorn server on a loopback port, a megabyte posted.

Coding runs in a pool of coder processes apart from the reads (newsevents.codepool): reads answer
while a long text is coded, a text has a time budget, a full pool answers 503 with Retry-After, and a
client that disconnects frees its coder.
"""
from __future__ import annotations

import http.client
import json
import multiprocessing
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install 'newsevents[serve]')")
import uvicorn  # noqa: E402

import newsevents  # noqa: E402
from newsevents.api import coder_for  # noqa: E402
from newsevents.pipeline import Settings  # noqa: E402
from newsevents.serve import MAX_BODY, CodingLimits, create_app  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
MEGABYTE_BODY = 990_000  # bytes of JSON: just under the 1 MB body limit


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("limits")
    (folder / "news.jsonl").write_text(json.dumps(
        {"id": "deal", "date": "2013-08-09", "text": "Iran and Russia signed an agreement on Friday."}) + "\n")
    path = folder / "events.duckdb"
    newsevents.open(path).ingest([str(folder / "news.jsonl")], Settings(clean=False), coder=coder_for(Settings()))
    return path


def long_text(body_bytes: int = MEGABYTE_BODY) -> str:
    """News paragraphs of the example corpus, repeated until the text's JSON body is `body_bytes` long."""
    paragraphs = [p.strip() for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text().split("\n\n") if p.strip()]
    out, length, i = [], 0, 0
    while length < body_bytes:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        length += len(paragraph) + 2
        i += 1
    text = "\n\n".join(out)
    while len(code_body(text, check=False)) > body_bytes:  # escapes and Cyrillic take more bytes than characters
        text = text[:body_bytes - len(code_body(text, check=False)) + len(text) - 1000]
    return text


class Server:
    """The app under uvicorn in a thread, on a free loopback port."""

    def __init__(self, app):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "uvicorn did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)

    def request(self, method: str, path: str, body: bytes | None = None, timeout: float = 120
                ) -> tuple[int, dict, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(response.read() or b"null")
        finally:
            connection.close()

    def post_text(self, text: str, timeout: float = 120) -> tuple[int, dict, dict]:
        return self.request("POST", "/api/code", code_body(text), timeout)


def code_body(text: str, check: bool = True) -> bytes:
    body = json.dumps({"text": text, "date": "2013-08-10"}, ensure_ascii=False).encode()
    assert len(body) <= MAX_BODY or not check
    return body


def coder_pids() -> set[int]:
    return {p.pid for p in multiprocessing.active_children() if p.name == "newsevents-coder"}


def test_reads_answer_while_a_megabyte_is_coded(db):
    budget = 20.0
    with Server(create_app(db, coding=CodingLimits(budget=budget))) as server:
        delays: list[float] = []
        done = threading.Event()

        def poll_health() -> None:
            while not done.is_set():
                started = time.monotonic()
                status, _, body = server.request("GET", "/api/health", timeout=5)
                assert status == 200 and body["status"] == "ok"
                delays.append(time.monotonic() - started)
                time.sleep(0.5)

        poller = threading.Thread(target=poll_health, daemon=True)
        poller.start()
        started = time.monotonic()
        status, _, body = server.post_text(long_text())
        took = time.monotonic() - started
        done.set()
        poller.join(timeout=10)
    assert took <= budget + 3, f"the megabyte took {took:.1f} s against a budget of {budget} s"
    if status == 503:  # longer than the budget on this machine: stopped and said so
        assert "budget" in body["detail"]
    else:
        assert status == 200 and body["count"] > 100
    assert len(delays) >= budget // 2 * 0.5 and max(delays) < 1.0, delays


def test_a_full_pool_says_when_to_retry_and_a_client_that_leaves_frees_its_coder(db):
    limits = CodingLimits(workers=1, max_waiting=0, budget=300.0)
    with Server(create_app(db, coding=limits)) as server:
        body = code_body(long_text())
        leaving = socket.create_connection(("127.0.0.1", server.port))
        leaving.sendall(b"POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        deadline = time.monotonic() + 90
        while not (coder_pids() and server.request("GET", "/api/health")[2]["coders"]["busy"] == 1):
            assert time.monotonic() < deadline, "the long text never reached a coder"
            time.sleep(0.2)
        busy_coder = coder_pids()
        status, headers, answer = server.post_text("Iran and Russia signed an agreement.", timeout=10)
        assert status == 503 and int(headers["retry-after"]) > 0 and "waiting" in answer["detail"]
        leaving.close()
        deadline = time.monotonic() + 30
        while busy_coder & coder_pids():
            assert time.monotonic() < deadline, "the coder of a client that left is still running"
            time.sleep(0.2)
        status, _, answer = server.post_text("Iran and Russia signed an agreement.", timeout=240)
        assert status == 200
        assert {(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in answer["events"]} == {
            ("IRN", "RUS", "057"), ("RUS", "IRN", "057")}


def test_a_text_over_its_budget_is_stopped_and_the_next_is_coded(db):
    with Server(create_app(db, coding=CodingLimits(budget=3.0))) as server:
        status, _, answer = server.post_text(long_text(), timeout=30)
        assert status == 503 and "budget of 3 s" in answer["detail"]
        assert not coder_pids() or server.request("GET", "/api/health")[2]["coders"]["busy"] == 0
