"""The REST API (newsevents.serve) through FastAPI's TestClient, over a database built once here."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed (pip install 'newsevents[serve]')")
from fastapi.testclient import TestClient  # noqa: E402

import newsevents  # noqa: E402
from newsevents.api import coder_for  # noqa: E402
from newsevents.cli import build_parser  # noqa: E402
from newsevents.pipeline import Settings  # noqa: E402
from newsevents.serve import MAX_BODY, create_app  # noqa: E402
from newsevents.store import StoreError  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "tengrinews-syria-talks.txt"
SAMPLE_RU = SAMPLE.with_name("tengrinews-syria-talks.ru.txt")
TEXTS = {
    "deal": ("2013-08-09", "Iran and Russia signed an agreement on nuclear energy cooperation on Friday."),
    "strike": ("2013-07-02", "Israeli troops attacked Hamas militants in the Gaza Strip on Tuesday."),
    "talks": ("2013-08-20", "Russia and the United States held talks in Geneva on Tuesday."),
    "quiet": ("2013-08-21", "The weather in Geneva was mild on Wednesday."),
}
LOCAL = "http://127.0.0.1"  # the server answers only Host headers that name this machine
INJECTIONS = ["RUS' OR '1'='1", "x'; DROP TABLE events; --", "1) OR (1=1", "RUS\" --", "%' UNION SELECT 1 --"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    records = [{"id": k, "date": d, "text": t} for k, (d, t) in TEXTS.items()]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = folder / "events.duckdb"
    store = newsevents.open(path)
    coder = coder_for(Settings())
    store.ingest([str(folder / "news.jsonl")], Settings(clean=False), coder=coder)
    if SAMPLE.exists():
        store.ingest([str(SAMPLE)], Settings(default_date="2013-08-10"), coder=coder)
    if SAMPLE_RU.exists():
        store.ingest([str(SAMPLE_RU)], Settings(default_date="2013-08-10"), coder=coder)
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url=LOCAL) as client:
        yield client


def events(client, **params) -> list[dict]:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return response.json()["events"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["counts"]["documents"] >= len(TEXTS) and body["counts"]["events"] > 3


def test_events_filter_by_actor(client):
    rows = events(client, actor="RUS")
    assert rows and all((r["source_code"] or "").startswith("RUS") or (r["target_code"] or "").startswith("RUS") for r in rows)
    everything = events(client)
    assert len(everything) > len(rows)


def test_events_filters(client):
    dyad = events(client, dyad="IRN:RUS")
    assert dyad and {r["source_code"][:3] for r in dyad} == {"IRN"} and {r["target_code"][:3] for r in dyad} == {"RUS"}
    assert "057" in {r["cameo"] for r in dyad}
    assert {r["cameo"][:2] for r in events(client, cameo="05")} == {"05"}
    assert {r["plover_type"] for r in events(client, plover="assault")} == {"ASSAULT"}
    assert {r["quad_class"] for r in events(client, quad=4)} == {4}
    july = events(client, until="2013-07-31")
    assert july and all(r["date"] <= "2013-07-31" for r in july)
    assert all(r["date"] >= "2013-08-15" for r in events(client, since="2013-08-15"))
    assert all("geneva" in r["sentence"].lower() for r in events(client, text="Geneva talks"))
    assert events(client, actor="RUS", cameo="05", since="2013-08-01")


def test_events_pagination_and_sort(client):
    first = client.get("/api/events", params={"limit": 2, "offset": 0, "sort": "-goldstein"}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2, "sort": "-goldstein"}).json()
    assert first["total"] == second["total"] > 4 and len(first["events"]) == 2
    assert not {e["event_id"] for e in first["events"]} & {e["event_id"] for e in second["events"]}
    scores = [e["goldstein"] for e in first["events"] + second["events"]]
    assert scores == sorted(scores, reverse=True)
    dates = [e["date"] for e in events(client, sort="date")]
    assert dates == sorted(dates)
    for bad in ({"sort": "event_id; DROP TABLE events"}, {"sort": "sentence"}, {"limit": 0}, {"limit": 5000},
                {"offset": -1}, {"quad": 7}, {"since": "yesterday"}, {"dyad": "RUS"}, {"limit": "ten"},
                {"offset": "9223372036854775808"}, {"offset": 10**12}, {"since": "0"}, {"since": "20130809"},
                {"until": "2013-02-30"}, {"since": "2013-8-9"}):
        assert client.get("/api/events", params=bad).status_code == 422, bad


def test_event_by_id(client):
    row = events(client, dyad="IRN:RUS", cameo="057")[0]
    body = client.get(f"/api/events/{row['event_id']}").json()
    assert body["event_id"] == row["event_id"] and body["cameo"] == "057"
    assert body["mentions"] and body["mentions"][0]["record"]["source"]["code"].startswith("IRN")
    assert client.get("/api/events/0000000000000000").status_code == 404
    assert client.get("/api/events/" + "x" * 100).status_code == 422


def test_document_spans_point_at_the_text(client):
    doc = client.get("/api/documents/deal").json()
    text = doc["text"]
    assert doc["doc_id"] == "deal" and text.startswith("Iran and Russia signed")
    assert {text[a["span"][0]:a["span"][1]] for a in doc["actors"]} >= {"Iran", "Russia"}
    assert all(text[a["span"][0]:a["span"][1]] == a["text"] for a in doc["actors"])
    signed = [e for e in doc["events"] if e["cameo"] == "057"]
    assert signed and all(text[slice(*e["trigger"]["span"])] == "signed" for e in signed)
    for e in doc["events"]:
        for side in ("source", "target"):
            if e[side]:
                assert text[slice(*e[side]["span"])] == e[side]["text"]
    assert [s["index"] for s in doc["sentences"]] == list(range(len(doc["sentences"])))
    assert client.get("/api/documents/no-such-document").status_code == 404


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"the sample scrape is not present at {SAMPLE}")
def test_document_of_the_sample(client):
    doc = client.get("/api/documents/tengrinews-syria-talks").json()
    met = [e for e in doc["events"] if e["trigger"]["text"] == "met"]
    assert met and {(e["source"]["code"], e["target"]["code"]) for e in met} == {("RUSGOV", "USAGOV")}
    assert {doc["text"][slice(*e["source"]["span"])] for e in met} >= {"Lavrov"}


def test_actors(client):
    actors = client.get("/api/actors").json()["actors"]
    codes = {a["code"]: a for a in actors}
    assert {"IRN", "RUS"} <= set(codes)
    assert all(a["events"] == a["as_source"] + a["as_target"] for a in actors)
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    only = client.get("/api/actors", params={"actor": "IRN"}).json()["actors"]
    assert "IRN" in {a["code"] for a in only} and "ISR" not in {a["code"] for a in only}


def test_dyads(client):
    dyads = client.get("/api/dyads", params={"actor": "RUS"}).json()["dyads"]
    assert dyads and all(d["source"].startswith("RUS") or d["target"].startswith("RUS") for d in dyads)
    deal = [d for d in dyads if (d["source"], d["target"]) == ("IRN", "RUS")]
    assert deal and deal[0]["mean_goldstein"] > 0


def test_series(client):
    body = client.get("/api/series", params={"actor": "RUS", "by": "month"}).json()
    assert body["by"] == "month" and body["series"]
    for row in body["series"]:
        assert row["period"].endswith("-01")
        assert row["events"] == row["quad1"] + row["quad2"] + row["quad3"] + row["quad4"]
    strike = client.get("/api/series", params={"dyad": "ISRMIL:", "by": "day"}).json()["series"]
    assert strike == [] or strike[0]["quad4"] >= 1
    days = client.get("/api/series", params={"by": "day"}).json()["series"]
    assert len(days) >= len(body["series"])
    assert client.get("/api/series", params={"by": "year"}).status_code == 422
    assert client.get("/api/series", params={"by": "'day'); DROP TABLE events; --"}).status_code == 422


def test_code_returns_events_without_storing(client, db):
    before = client.get("/api/health").json()["counts"]
    response = client.post("/api/code", json={"text": "Iran and Russia signed an agreement on Monday.",
                                               "date": "2013-08-05"})
    assert response.status_code == 200, response.text
    body = response.json()
    signed = [e for e in body["events"] if e["cameo"] == "057"]
    assert body["count"] == len(body["events"]) and signed
    assert {(e["source"]["code"], e["target"]["code"]) for e in signed} == {("IRN", "RUS"), ("RUS", "IRN")}
    assert signed[0]["date"] == "2013-08-05" and signed[0]["sentence_span"] == [0, 46]
    assert client.get("/api/health").json()["counts"] == before


def test_code_rejects_malformed_and_oversized(client):
    post = client.post
    assert post("/api/code", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 422
    assert post("/api/code", json={"date": "2013-08-05"}).status_code == 422  # no text
    assert post("/api/code", json={"text": ""}).status_code == 422
    for date in ("5 August", 0, 1376000000, "1376000000", "2013-02-30", "2013-08-09T10:00:00", "13-08-09"):
        assert post("/api/code", json={"text": "x", "date": date}).status_code == 422, date
    assert post("/api/code", json={"text": "x", "unknown": 1}).status_code == 422
    assert post("/api/code", json=["text"]).status_code == 422
    assert post("/api/code", json={"text": 42}).status_code == 422
    big = json.dumps({"text": "a" * MAX_BODY}).encode()
    assert post("/api/code", content=big, headers={"Content-Type": "application/json"}).status_code == 413
    chunks = iter([b'{"text": "', b"a" * MAX_BODY, b'"}'])  # streamed without Content-Length
    assert post("/api/code", content=chunks, headers={"Content-Type": "application/json"}).status_code == 413
    assert post("/api/code", content=b"{}", headers={"Content-Type": "application/json",
                                                     "Content-Length": "99999999"}).status_code == 413


@pytest.mark.parametrize("name", ["actor", "dyad", "cameo", "plover", "quad", "since", "until", "text", "language"])
def test_sql_injection_in_each_filter(client, db, name):
    before = client.get("/api/health").json()["counts"]
    for attempt in INJECTIONS:
        value = f"RUS:{attempt}" if name == "dyad" else attempt
        for path in ("/api/events", "/api/actors", "/api/dyads", "/api/series"):
            response = client.get(path, params={name: value})
            assert response.status_code in (200, 422), (path, name, value, response.text)
            if response.status_code == 200:
                assert not next(v for v in response.json().values() if isinstance(v, list)), (path, name, value)
    assert client.get("/api/health").json()["counts"] == before
    for attempt in INJECTIONS:
        assert client.get(f"/api/documents/{attempt}").status_code == 404
        assert client.get(f"/api/events/{attempt}").status_code == 404


def test_read_only(client, db):
    before = digest(db)
    app = client.app
    with app.state.db.connect() as con, pytest.raises(duckdb.Error, match="read-only"):
        con.execute("CREATE TABLE intruder (x INTEGER)")
    with app.state.db.connect() as con, pytest.raises(duckdb.Error, match="read-only"):
        con.execute("DELETE FROM events")
    for method in ("post", "put", "delete", "patch"):
        for path in ("/api/events", "/api/documents/deal", "/api/actors"):
            assert getattr(client, method)(path).status_code == 405
    client.get("/api/events")
    assert digest(db) == before
    tables = {r[0] for r in duckdb.connect(str(db), read_only=True).execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    assert "intruder" not in tables and "events" in tables


def test_docs_and_dashboard_are_served_from_the_package(client):
    docs = client.get("/docs").text
    assert "/static/swagger-ui-bundle.js" in docs and "/static/swagger-ui.css" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/swagger-ui.css").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/actors", "/api/series",
            "/api/code", "/api/health"} <= set(schema["paths"])
    page = client.get("/")
    assert page.status_code == 200 and "dashboard.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text
    assert client.get("/static/../serve.py").status_code == 404


def test_cors_off_by_default(client, db):
    headers = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in client.get("/api/health", headers=headers).headers
    assert "access-control-allow-origin" not in client.options("/api/events", headers=headers).headers
    with TestClient(create_app(db, cors_origins=["https://elsewhere.example"]), base_url=LOCAL) as allowed:
        response = allowed.get("/api/health", headers=headers)
        assert response.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_missing_database(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        create_app(tmp_path / "none.duckdb")
    assert not (tmp_path / "none.duckdb").exists()


def test_serve_command(tmp_path, capsys):
    args = build_parser().parse_args(["serve", "--db", str(tmp_path / "none.duckdb")])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert args.handler(args) == 2
    assert "no database" in capsys.readouterr().err


def test_series_counts_undated_events_apart(tmp_path):
    (tmp_path / "news.jsonl").write_text(json.dumps(
        {"id": "undated", "text": "Iran and Russia signed an agreement on nuclear energy cooperation."}) + "\n")
    path = tmp_path / "undated.duckdb"
    newsevents.open(path).ingest([str(tmp_path / "news.jsonl")], Settings(clean=False), coder=coder_for(Settings()))
    with TestClient(create_app(path), base_url=LOCAL) as client:
        body = client.get("/api/series").json()
        assert body["series"] == [] and body["undated"] == 2  # IRN -> RUS and RUS -> IRN 057, no date


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example",
                                  "localhost.", "", "[::2]:8000"])
def test_other_hosts_are_refused(client, host):
    """A page on another site that rebinds its name to 127.0.0.1 sends its own name as Host."""
    response = client.get("/api/events", headers={"Host": host})
    assert response.status_code == 400 and "is not served here" in response.json()["detail"]
    assert "events" not in response.json()


@pytest.mark.parametrize("host", ["localhost:8000", "LOCALHOST", "127.0.0.1:8000", "[::1]:8000", "::1"])
def test_loopback_hosts_are_served(client, host):
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


def test_allowed_host_is_served(db):
    with TestClient(create_app(db, allowed_hosts=["newsdesk.lan"]), base_url="http://newsdesk.lan:8000") as lan:
        assert lan.get("/api/health").status_code == 200
        assert lan.get("/api/health", headers={"Host": "other.lan"}).status_code == 400


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", None])
def test_code_needs_a_json_body(client, content_type):
    """Forms and plain text cross sites without a CORS preflight; JSON does not."""
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/api/code", content=b'{"text": "Iran and Russia signed an agreement."}', headers=headers)
    assert response.status_code == 415 and "application/json" in response.json()["detail"]


def test_every_page_and_answer_has_the_security_headers(client):
    for path in ("/", "/docs", "/api/health", "/openapi.json", "/static/dashboard.js", "/api/events/x"):
        headers = client.get(path).headers
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
    docs = client.get("/docs")
    policy = docs.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    inline = docs.text.split("<script>")[1].split("</script>")[0]
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy  # the page's own inline script runs, no other


def test_places_for_the_map(client):
    answer = client.get("/api/places")
    assert answer.status_code == 200
    data = answer.json()
    geneva = [p for p in data["places"] if p["name"] == "Geneva"]
    assert geneva and geneva[0]["lat"] is not None and geneva[0]["lon"] is not None
    assert geneva[0]["events"] == len(geneva[0]["sample"]) and geneva[0]["sample"][0]["doc_id"] == "talks"
    assert sum(p["events"] for p in data["places"]) + data["unplaced"] == client.get("/api/events").json()["total"]
    numeric = {c["country"]: c["numeric"] for c in data["countries"]}
    assert numeric[geneva[0]["country"]] in ("756", "840")  # ISO 3166 numeric, as the map's shapes are keyed
    quad = client.get("/api/places", params={"quad": 4}).json()
    assert all(p["quad4"] == p["events"] for p in quad["places"])
    assert client.get("/api/places", params={"quad": 9}).status_code == 422


def test_a_request_waits_for_an_ingest_then_answers_503(db, tmp_path):
    import subprocess
    import sys

    copy = tmp_path / "held.duckdb"
    copy.write_bytes(db.read_bytes())
    with TestClient(create_app(copy, lock_wait=0.5), base_url=LOCAL) as held_client:
        assert held_client.get("/api/health").status_code == 200  # no connection is kept between requests
        holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                                   "print('ready', flush=True); time.sleep(60)", str(copy)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "ready"
            answer = held_client.get("/api/events")
        finally:
            holder.kill()
            holder.wait()
        assert answer.status_code == 503 and int(answer.headers["retry-after"]) > 0
        assert "stayed locked" in answer.json()["detail"]
        assert held_client.get("/api/events").status_code == 200  # the writer is gone: answered again


def test_events_filter_by_language_and_find_cyrillic_words(client):
    if not SAMPLE_RU.exists():
        pytest.skip("the Russian sample is not here")
    russian = events(client, language="ru")
    assert russian and len(russian) < len(events(client))  # events some Russian mention tells
    assert any(e["language"] == "ru" for e in russian)
    found = events(client, text="Лавров")  # Cyrillic words are searched as any others
    assert found  # only the Russian mentions hold the word (an event told in both shows its first sentence)
    assert any(e["cameo"] == "040" and e["source_code"] == "RUSGOV" for e in events(client, language="ru", text="встретились"))
    assert client.get("/api/events", params={"language": "russian"}).status_code == 422
