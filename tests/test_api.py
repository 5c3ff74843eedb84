"""The Python API (newsevents.code, newsevents.open) and the query command that wraps it."""
from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import newsevents
from newsevents import api
from newsevents.cli import main
from newsevents.pipeline import Settings

TEXTS = {
    "a": ("2013-08-09", "Iran and Russia signed an agreement on nuclear energy cooperation on Friday."),
    "b": ("2013-08-09", "Iran and Russia signed an agreement on nuclear energy cooperation on Friday."),
    "c": ("2013-07-02", "Israeli troops attacked Hamas militants in the Gaza Strip on Tuesday."),
    "d": ("2013-08-07", "The UN Security Council condemned North Korea for launching a ballistic missile."),
    "e": ("2013-08-20", "Russia and the United States held talks in Geneva on Tuesday."),
}


@pytest.fixture(scope="module")
def coder():
    return api.coder_for(Settings())


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder) -> Path:
    folder = tmp_path_factory.mktemp("api")
    records = [{"id": k, "date": d, "text": t} for k, (d, t) in TEXTS.items()]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = folder / "events.duckdb"
    counts = newsevents.open(path).ingest(str(folder / "news.jsonl"), Settings(clean=False), coder=coder)
    assert counts.stored == len(TEXTS)
    return path


def cli_jsonl(capsys, *args: str) -> list[dict]:
    capsys.readouterr()
    assert main(["query", *args, "--format", "jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_code_returns_event_records(coder):
    records = newsevents.code("Iran and Russia signed an agreement on Monday.", date="2013-08-05")
    assert records and all(isinstance(r, dict) for r in records)
    signed = [r for r in records if r["cameo"] == "057"]
    assert {(r["source"]["code"], r["target"]["code"]) for r in signed} == {("IRN", "RUS"), ("RUS", "IRN")}
    assert signed[0]["date"] == "2013-08-05" and signed[0]["plover"]["type"]
    assert api.coder_for(Settings()) is coder  # one coder per settings, cached
    with pytest.raises(TypeError, match="unknown settings"):
        newsevents.code("text", colour="red")


def test_open_returns_a_store_with_dataframes(db):
    store = newsevents.open(db)
    assert isinstance(store, api.EventStore)
    frame = store.events()
    assert isinstance(frame, pd.DataFrame) and len(frame) >= 5
    assert frame["date"].is_monotonic_increasing


def test_filters(db):
    store = newsevents.open(db)
    irn = store.events(actor="IRN")
    assert len(irn) and all("IRN" in (s, t) for s, t in zip(irn.source_code, irn.target_code))
    dyad = store.events(dyad="IRN:RUS")
    assert set(dyad.cameo) >= {"057"} and set(dyad.source_code) == {"IRN"} and set(dyad.target_code) == {"RUS"}
    assert list(store.events(dyad="IRN:RUS", cameo="05").num_articles) == [2]
    assert set(store.events(cameo="19").cameo.str[:2]) == {"19"}
    assert set(store.events(plover="assault").plover_type) == {"ASSAULT"}
    assert set(store.events(quad=4).cameo.str[:2]) <= {"15", "16", "17", "18", "19", "20"}
    july = store.events(until="2013-07-31")
    assert len(july) and all(str(d)[:7] == "2013-07" for d in july.date)
    assert all(str(d) >= "2013-08-10" for d in store.events(since="2013-08-10").date)
    assert len(store.events(text="ballistic MISSILE")) >= 1
    assert store.events(text="ballistic banana").empty
    assert len(store.events(limit=2)) == 2


@pytest.mark.parametrize("field", ["actor", "dyad", "cameo", "plover", "text"])
def test_injection_attempts_are_plain_values(db, field):
    store = newsevents.open(db)
    before = len(store.events())
    attempt = "IRN' OR '1'='1" if field != "dyad" else "IRN' OR 1=1; DROP TABLE events; --:RUS"
    assert store.events(**{field: attempt}).empty
    assert len(store.events()) == before


def test_malformed_date_is_one_error_line(db, capsys):
    with pytest.raises(ValueError, match="not a date"):
        newsevents.open(db).events(since="2013-13-45")
    with pytest.raises(SystemExit) as usage_error:  # a usage error, as argparse reports one
        main(["query", "--db", str(db), "--since", "last tuesday"])
    assert usage_error.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "'last tuesday' is not a date of the form YYYY-MM-DD" in err.splitlines()[-1]


def test_api_and_cli_agree(db, capsys):
    store = newsevents.open(db)
    for args, filters in ((["--actor", "RUS"], {"actor": "RUS"}),
                          (["--cameo", "05", "--since", "2013-08-01"], {"cameo": "05", "since": "2013-08-01"}),
                          ([], {})):
        from_cli = cli_jsonl(capsys, "--db", str(db), *args)
        from_api = store.events(**filters)
        assert [r["event_id"] for r in from_cli] == list(from_api.event_id)
        assert [r["num_mentions"] for r in from_cli] == list(from_api.num_mentions)
        assert [r["date"] for r in from_cli] == [d.isoformat()[:10] for d in from_api.date]

    series_cli = cli_jsonl(capsys, "--db", str(db), "--series", "--by", "month")
    series_api = store.series(by="month")
    assert len(series_cli) == len(series_api) > 0
    assert [r["events"] for r in series_cli] == list(series_api.events)
    assert [r["mean_goldstein"] for r in series_cli] == list(series_api.mean_goldstein)


def test_series_counts_and_mean_goldstein_per_dyad(db):
    series = newsevents.open(db).series(by="month", dyad="IRN:RUS")
    assert list(series.period.astype(str)) == ["2013-08-01"]
    events = newsevents.open(db).events(dyad="IRN:RUS")
    assert series.events.iloc[0] == len(events)
    assert series.mean_goldstein.iloc[0] == pytest.approx(events.goldstein.mean(), abs=1e-3)
    with pytest.raises(ValueError, match="--by"):
        newsevents.open(db).series(by="fortnight")


def test_sql_is_read_only(db, capsys):
    frame = newsevents.open(db).sql("SELECT count(*) AS n FROM documents")
    assert frame.n.iloc[0] == len(TEXTS)
    assert main(["query", "--db", str(db), "--sql", "DELETE FROM events"]) == 2
    assert "refused: delete is not a select statement" in capsys.readouterr().err.lower()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    con.close()
    out = io.StringIO()
    from newsevents.cli.storage import write_frame

    write_frame(frame, "csv", out)
    assert out.getvalue().splitlines() == ["n", str(len(TEXTS))]
