"""Serve stage: the REST API and the dashboard over one event database, read-only.

`create_app(db)` builds a FastAPI app; `newsevents serve` runs it with uvicorn on 127.0.0.1. Each
request reads through a short read-only DuckDB connection of its own, opened when it starts and
closed when it ends, so an ingest (another process) can take the file between requests to write a
batch; a request that finds the file held waits and retries (`LOCK_WAIT`, then 503). Every filter is a
bound parameter (`store.where`); the only names put into SQL text come from the whitelists below.
`POST /api/code` codes a text without storing it, in a pool of coder processes apart from the reads
(`codepool.CodingPool`: bounded, with a time budget); its body is limited to `MAX_BODY` bytes.

Requests from other sites are refused: the Host header must name this machine (loopback names or
the address served), so a page using DNS rebinding gets 400; POST bodies must be `application/json`,
which browsers cannot send cross-site without a CORS preflight (415 otherwise).

    >>> app = create_app("events.duckdb")  # then: uvicorn.run(app, host="127.0.0.1", port=8000)
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsevents import __version__
from newsevents import store as _store
from newsevents.centroids import centroid
from newsevents.codepool import ClientGone, CodingPool, PoolBusy, PoolTimeout, WorkerFailed
from newsevents.store import EVENT_COLUMNS, DatabaseLocked, Filters, StoreError

MAX_BODY = 1_000_000  # bytes accepted by POST /api/code
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000  # beyond any table here, and far below DuckDB's 64-bit limit
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
BUSY_RETRY_SECONDS = 10
LOCK_WAIT = 10.0  # seconds a request waits for a database an ingest is writing to, then 503
LOCKED_RETRY_SECONDS = 5
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # strictly YYYY-MM-DD: no timestamps, no "5 August"
# Every response gets these; the pages widen the policy for what they load (always from here).
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "X-Frame-Options": "DENY",
                    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'"}
DASHBOARD_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
STATIC = resources.files("newsevents").joinpath("static")

# Request value -> SQL text. Only these strings ever reach the SQL; request strings never do.
SORTABLE = {name: f"e.{name}" for name in (
    "date", "source_code", "target_code", "cameo", "plover_type", "quad_class", "goldstein",
    "num_mentions", "num_sources", "num_articles", "confidence")}
PERIOD_SQL = {"day": "'day'", "week": "'week'", "month": "'month'"}
SORT_PATTERN = "^-?(" + "|".join(SORTABLE) + ")$"

# Shapes of filter values; anything else is answered with 422 before it reaches the database.
ACTOR = r"^[A-Za-z0-9]{1,24}$"
DYAD = r"^[A-Za-z0-9]{0,24}:[A-Za-z0-9]{0,24}$"
CAMEO = r"^[0-9]{1,4}$"
PLOVER = r"^[A-Za-z_\-]{1,32}$"
LANGUAGE = r"^[a-z]{2}$"  # ISO 639-1, as lingua and Document.language give it
DOC_ID = 512


def event_filters(actor: Annotated[str | None, Query(pattern=ACTOR)] = None,
                  dyad: Annotated[str | None, Query(pattern=DYAD)] = None,
                  cameo: Annotated[str | None, Query(pattern=CAMEO)] = None,
                  plover: Annotated[str | None, Query(pattern=PLOVER)] = None,
                  quad: Annotated[int | None, Query(ge=1, le=4)] = None,
                  since: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD")] = None,
                  until: Annotated[str | None, Query(pattern=DATE, description="YYYY-MM-DD")] = None,
                  text: Annotated[str | None, Query(max_length=200, description="words that must all occur in "
                                                                              "one of the event's sentences")] = None,
                  language: Annotated[str | None, Query(pattern=LANGUAGE, description="the document's language: "
                                                                                      "en, ru")] = None
                  ) -> Filters:
    """The filters of `newsevents query` (a dependency, so every endpoint validates them alike)."""
    return Filters(actor=actor, dyad=dyad, cameo=cameo, plover=plover, quad=quad, since=_day(since),
                   until=_day(until), text=text, language=language)


def _day(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD value as a date; an impossible one ("2013-02-30") is a ValueError, answered 422."""
    return dt.date.fromisoformat(value) if value else None


FilterDep = Annotated[Filters, Depends(event_filters)]


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., min_length=1, description="clean text to code")
    date: str | None = Field(None, pattern=DATE, description="publication date, YYYY-MM-DD")

    @field_validator("date")
    @classmethod
    def real_date(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)  # "2013-02-30" is refused as well as "0" or "5 August"
        return value


class Database:
    """The database file the app reads, through a short read-only connection per request.

    No connection is held between requests, so an ingest (another process) can take the file to
    write a batch; a request that finds it held waits and retries, up to `lock_wait` seconds (then
    503 with Retry-After). Each request reads through one connection, so what it answers comes
    from one committed state: a batch is either wholly in it or not at all.
    """

    def __init__(self, path: str | os.PathLike, lock_wait: float = LOCK_WAIT):
        self.path = os.fspath(path)
        self.lock_wait = lock_wait
        with _store.connect(self.path, read_only=True):  # checks (and migrates) with the store's messages
            pass

    def close(self) -> None:
        pass  # nothing is held between requests

    @contextmanager
    def connect(self) -> Iterator[Reader]:
        con = _store._open(self.path, read_only=True, wait=self.lock_wait)
        try:
            yield Reader(con)
        finally:
            con.close()

    def rows(self, sql: str, params: list | None = None) -> list[dict[str, Any]]:
        with self.connect() as reader:
            return reader.rows(sql, params)

    def value(self, sql: str, params: list | None = None) -> Any:
        with self.connect() as reader:
            return reader.value(sql, params)


class Reader:
    """One request's read-only connection: `rows` and `value` read the same committed state."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def execute(self, sql: str, params: list | None = None) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, params or [])

    def rows(self, sql: str, params: list | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def value(self, sql: str, params: list | None = None) -> Any:
        return self.con.execute(sql, params or []).fetchall()[0][0]


@dataclass(frozen=True)
class CodingLimits:
    """How much `POST /api/code` may take: coder processes, texts waiting, seconds per text."""

    workers: int = 1
    max_waiting: int = 4
    budget: float = 60.0
    max_rss_mb: int = 1500
    warm: bool = False  # start the coders with the app (the `serve` command) rather than on first need


def create_app(db_path: str | os.PathLike, *, code_settings: dict | None = None,
               cors_origins: list[str] | tuple[str, ...] = (), max_body: int = MAX_BODY,
               allowed_hosts: list[str] | tuple[str, ...] = (), coding: CodingLimits = CodingLimits(),
               lock_wait: float = LOCK_WAIT) -> FastAPI:
    """The app over the database at `db_path` (read-only). CORS is off unless `cors_origins` is given;
    requests must name this machine (loopback names) or one of `allowed_hosts` in their Host header.
    A request waits up to `lock_wait` seconds for a database that an ingest is writing to, then 503."""
    db = Database(db_path, lock_wait=lock_wait)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.pool = CodingPool(code_settings or {}, workers=coding.workers, max_waiting=coding.max_waiting,
                                    budget=coding.budget, max_rss_mb=coding.max_rss_mb, warm=coding.warm)
        try:
            yield
        finally:
            app.state.pool.close()
            db.close()

    app = FastAPI(title="newsevents", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Political events (CAMEO, PLOVER) from a newsevents database, read-only.")
    app.state.db = db
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type"])
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _add_error_handlers(app, {*LOOPBACK_HOSTS, *(h.lower() for h in allowed_hosts)})
    _add_pages(app)
    _add_event_routes(app, db)
    _add_place_routes(app, db)
    _add_document_routes(app, db)
    _add_code_route(app, max_body)
    return app


def _add_error_handlers(app: FastAPI, allowed_hosts: set[str]) -> None:
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        headers = {"Retry-After": str(LOCKED_RETRY_SECONDS)} if isinstance(exc, DatabaseLocked) else None
        return JSONResponse({"detail": str(exc)}, status_code=503, headers=headers)

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(duckdb.Error)
    async def database_error(request: Request, exc: duckdb.Error) -> JSONResponse:
        return JSONResponse({"detail": f"database error: {type(exc).__name__}"}, status_code=500)

    app.add_middleware(GuardMiddleware, allowed_hosts=allowed_hosts)


class GuardMiddleware:
    """Refuses requests whose Host names another site (DNS rebinding) and adds the security headers
    to every answer. Plain ASGI rather than `@app.middleware`: that wrapper hides a client's
    disconnect from the endpoint, and a coder must be freed when its client leaves."""

    def __init__(self, app, allowed_hosts: set[str]):
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
                         if name.lower().encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        header = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        host = host_name(header)
        if host not in self.allowed_hosts:
            refusal = JSONResponse({"detail": f"Host {host or '(none)'!r} is not served here; "
                                              "start the server with --allow-host NAME to serve it"}, status_code=400)
            return await refusal(scope, receive, send_with_headers)
        await self.app(scope, receive, send_with_headers)


def host_name(header: str) -> str:
    """The host of a Host header, without its port: "[::1]:8000" -> "::1", "LocalHost:80" -> "localhost"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _add_pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(STATIC.joinpath("index.html")), headers={"Content-Security-Policy": DASHBOARD_CSP})

    @app.get("/docs", include_in_schema=False)
    def docs():
        page = get_swagger_ui_html(openapi_url=app.openapi_url, title="newsevents API",
                                   swagger_js_url="/static/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.png")
        page.headers["Content-Security-Policy"] = _docs_policy(page.body.decode())
        return page


def _docs_policy(html: str) -> str:
    """The dashboard's policy, with the one inline script of the API docs page allowed by its hash
    (and inline styles, which Swagger UI sets on its elements)."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
                      for script in re.findall(r"<script>(.*?)</script>", html, flags=re.S))
    return f"{DASHBOARD_CSP}; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'"


def _add_event_routes(app: FastAPI, db: Database) -> None:
    @app.get("/api/health", tags=["meta"])
    def health() -> dict:
        """Liveness, the row counts of the database, and the coders of POST /api/code (busy, waiting)."""
        with db.connect() as reader:
            counts = _store.table_counts(reader.con)
        return {"status": "ok", "version": __version__, "db": os.path.basename(db.path), "counts": counts,
                "coders": app.state.pool.status()}

    @app.get("/api/events", tags=["events"])
    def events(filters: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
               sort: Annotated[str, Query(pattern=SORT_PATTERN, description="column, '-' for descending")] = "date"
               ) -> dict:
        """Grouped events matching the filters, a page at a time, with the total."""
        clause, params = _store.where(filters)
        column = SORTABLE[sort.lstrip("-")]
        order = "DESC" if sort.startswith("-") else "ASC"
        columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        with db.connect() as reader:  # the page and its total from one committed state
            rows = reader.rows(f"SELECT {columns} FROM events e{clause} ORDER BY {column} {order} NULLS LAST, "
                               "e.event_id LIMIT ? OFFSET ?", [*params, limit, offset])
            total = reader.value(f"SELECT count(*) FROM events e{clause}", params)
        return {"total": total, "limit": limit, "offset": offset, "sort": sort, "events": rows}

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: Annotated[str, Path(max_length=64)]) -> dict:
        """One grouped event with every mention of it (document, sentence, spans, full record)."""
        with db.connect() as reader:
            found = reader.rows("SELECT * FROM events WHERE event_id = ?", [event_id])
            mentions = reader.rows("SELECT mention_id, doc_id, sentence_index, sentence_start, sentence_end, record "
                                   "FROM mentions WHERE event_id = ? ORDER BY doc_id, sentence_index, mention_id",
                                   [event_id])
        if not found:
            raise HTTPException(404, f"no event {event_id!r}")
        for mention in mentions:
            mention["record"] = json.loads(mention["record"]) if mention["record"] else None
        return {**found[0], "mentions": mentions}

    @app.get("/api/actors", tags=["events"])
    def actors(filters: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200) -> dict:
        """Actor codes of the matching events with their counts as source, as target and in all."""
        clause, params = _store.where(filters)
        rows = db.rows(
            "WITH e AS (SELECT e.* FROM events e" + clause + "), sides AS ("
            " SELECT source_code AS code, any_value(source_country) AS country, count(*) AS as_source, 0 AS as_target,"
            " sum(num_mentions) AS mentions FROM e WHERE source_code IS NOT NULL GROUP BY 1"
            " UNION ALL SELECT target_code, any_value(target_country), 0, count(*), sum(num_mentions)"
            " FROM e WHERE target_code IS NOT NULL GROUP BY 1)"
            " SELECT code, any_value(country) AS country, sum(as_source + as_target) AS events,"
            " sum(as_source) AS as_source, sum(as_target) AS as_target, sum(mentions) AS mentions"
            " FROM sides GROUP BY code ORDER BY events DESC, code LIMIT ?", [*params, limit])
        return {"actors": rows}

    @app.get("/api/dyads", tags=["events"])
    def dyads(filters: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 300) -> dict:
        """Source-target pairs of the matching events: event count, mentions and mean Goldstein (the network)."""
        clause, params = _store.where(filters)
        extra = " AND " if clause else " WHERE "
        rows = db.rows(
            f"SELECT e.source_code AS source, e.target_code AS target, count(*) AS events, "
            f"sum(e.num_mentions) AS mentions, round(avg(e.goldstein), 3) AS mean_goldstein FROM events e{clause}"
            f"{extra}e.source_code IS NOT NULL AND e.target_code IS NOT NULL GROUP BY ALL "
            "ORDER BY events DESC, source, target LIMIT ?", [*params, limit])
        return {"dyads": rows}

    @app.get("/api/series", tags=["events"])
    def series(filters: FilterDep, by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month") -> dict:
        """Per period: events, mentions, mean Goldstein and events of each quad class (1-2 cooperation, 3-4
        conflict); `undated`: matching events with no date, which no period holds."""
        clause, params = _store.where(filters)
        quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS quad{q}" for q in (1, 2, 3, 4))
        with db.connect() as reader:
            rows = reader.rows(
                f"SELECT CAST(date_trunc({PERIOD_SQL[by]}, e.date) AS DATE) AS period, count(*) AS events, "
                f"sum(e.num_mentions) AS mentions, round(avg(e.goldstein), 3) AS mean_goldstein, {quads} "
                f"FROM events e{clause}{' AND ' if clause else ' WHERE '}e.date IS NOT NULL GROUP BY 1 ORDER BY 1",
                params)
            # events with no date (documents ingested without a page date or --date) have no period: counted apart
            undated = reader.value(f"SELECT count(*) FROM events e{clause}"
                                   f"{' AND ' if clause else ' WHERE '}e.date IS NULL", params)
        return {"by": by, "series": rows, "undated": undated}


@functools.lru_cache(maxsize=1)
def _iso_numeric() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> numeric (as the map's country shapes are keyed: world-atlas ids)."""
    import pycountry

    return {c.alpha_3: c.numeric for c in pycountry.countries}


def _add_place_routes(app: FastAPI, db: Database) -> None:
    @app.get("/api/places", tags=["events"])
    def places(filters: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 500) -> dict:
        """The map: matching events grouped by place (a point per place: events, mentions, mean Goldstein, events
        per quad class, the first 20 events) and by the country of their place. A country or region stored
        without coordinates (a database ingested before centroids) is placed at its centroid."""
        clause, params = _store.where(filters)
        both = " AND " if clause else " WHERE "
        quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS quad{q}" for q in (1, 2, 3, 4))
        aggregates = (
            f"any_value(e.location_name) AS name, any_value(e.location_country) AS country, count(*) AS events, "
            f"sum(e.num_mentions) AS mentions, round(avg(e.goldstein), 3) AS mean_goldstein, {quads}, "
            "list({'event_id': e.event_id, 'date': e.date, 'source_code': e.source_code, "
            "'target_code': e.target_code, 'cameo': e.cameo, 'cameo_name': e.cameo_name, "
            "'quad_class': e.quad_class, 'goldstein': e.goldstein, 'doc_id': e.first_doc_id} "
            "ORDER BY e.date NULLS LAST, e.event_id)[1:20] AS sample")
        with db.connect() as reader:
            points = reader.rows(
                f"SELECT e.location_lat AS lat, e.location_lon AS lon, {aggregates} FROM events e{clause}{both}"
                "e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL GROUP BY 1, 2 "
                "ORDER BY events DESC, lat, lon LIMIT ?", [*params, limit])
            named = reader.rows(
                f"SELECT e.location_id AS place_id, {aggregates} FROM events e{clause}{both}e.location_lat IS NULL "
                "AND e.location_country IS NOT NULL GROUP BY 1 ORDER BY events DESC, place_id LIMIT ?",
                [*params, limit])
            countries = reader.rows(
                f"SELECT e.location_country AS country, count(*) AS events, round(avg(e.goldstein), 3) AS "
                f"mean_goldstein FROM events e{clause}{both}e.location_country IS NOT NULL "
                "GROUP BY 1 ORDER BY events DESC, country", params)
            unplaced = reader.value(f"SELECT count(*) FROM events e{clause}{both}e.location_country IS NULL "
                                    "AND e.location_lat IS NULL", params)
        for row in named:
            place_id = row.pop("place_id") or ""
            point = centroid(place_id.split(":", 1)[1] if place_id.startswith("iso3166-2:") else row["country"])
            if point is None:
                unplaced += row["events"]
                continue
            points.append({"lat": point[0], "lon": point[1], **row})
        points.sort(key=lambda p: (-p["events"], p["lat"], p["lon"]))
        numeric = _iso_numeric()
        for row in countries:
            row["numeric"] = numeric.get(row["country"])
        return {"places": points[:limit], "countries": countries, "unplaced": unplaced}


def _add_document_routes(app: FastAPI, db: Database) -> None:
    @app.get("/api/documents/{doc_id:path}", tags=["documents"])
    def document(doc_id: str) -> dict:
        """A document's clean text with the spans of its sentences, actors, and every event's actors and trigger."""
        if len(doc_id) > DOC_ID:
            raise HTTPException(422, "document id too long")
        with db.connect() as reader:
            found = reader.rows("SELECT doc_id, title, url, date, source, language, status, text FROM documents "
                                "WHERE doc_id = ?", [doc_id])
            sentences = reader.rows("SELECT sentence_index AS index, start_char AS start, end_char AS end "
                                    "FROM sentences WHERE doc_id = ? ORDER BY sentence_index", [doc_id])
            actors = reader.rows("SELECT text, name, code, country, sector, [start_char, end_char] AS span "
                                 "FROM actors WHERE doc_id = ? ORDER BY start_char, actor_index", [doc_id])
            mentions = reader.rows(
                "SELECT mention_id, event_id, sentence_index, date, cameo, cameo_name, plover_type, quad_class,"
                " goldstein, negated, modality, {'code': source_code, 'text': source_text, 'span': [source_start, source_end]}"
                " AS source, {'code': target_code, 'text': target_text, 'span': [target_start, target_end]} AS target,"
                " {'text': trigger_text, 'span': [trigger_start, trigger_end]} AS trigger"
                " FROM mentions WHERE doc_id = ? ORDER BY sentence_index, trigger_start, mention_id", [doc_id])
        if not found:
            raise HTTPException(404, f"no document {doc_id!r}")
        for mention in mentions:
            for side in ("source", "target"):
                if mention[side]["code"] is None and mention[side]["text"] is None:
                    mention[side] = None
        return {**found[0], "sentences": sentences, "actors": actors, "events": mentions}


def _add_code_route(app: FastAPI, max_body: int) -> None:
    @app.post("/api/code", tags=["coding"], status_code=200, responses={
        413: {"description": "body too large"}, 415: {"description": "not application/json"},
        503: {"description": "the coders are busy (Retry-After) or the text took longer than the time budget"}},
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": CodeRequest.model_json_schema()}}}})
    async def code_text(request: Request) -> dict:
        """Events of a text (JSON `{"text": ..., "date": "YYYY-MM-DD"}`), coded and returned, not stored."""
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise HTTPException(415, f"the body must be application/json, not {media_type or 'unnamed'!r}")
        body = await _read_limited(request, max_body)
        try:
            parsed = CodeRequest.model_validate_json(body)
        except ValidationError as exc:
            raise HTTPException(422, json.loads(exc.json(include_url=False, include_input=False))) from None
        try:
            events = await app.state.pool.code(parsed.text, parsed.date, gone=request.is_disconnected)
        except PoolBusy as exc:
            raise HTTPException(503, f"{exc}; try again later",
                                headers={"Retry-After": str(BUSY_RETRY_SECONDS)}) from None
        except PoolTimeout as exc:
            raise HTTPException(503, str(exc)) from None
        except WorkerFailed as exc:
            raise HTTPException(500, str(exc)) from None
        except ClientGone:
            return JSONResponse({"detail": "client closed the connection"}, status_code=499)
        return {"count": len(events), "events": events}


async def _read_limited(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is (or says it will be) longer than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPException(400, "bad Content-Length")
        if int(declared) > limit:
            raise HTTPException(413, f"request body larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body larger than {limit} bytes")
    return bytes(body)
