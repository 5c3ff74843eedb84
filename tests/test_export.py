"""Exports: GDELT 2.0 event rows, PLOVER JSON lines, CSV, Parquet (one file or month partitions)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from newsevents import api
from newsevents.cli import main
from newsevents.export import gdelt_columns
from newsevents.pipeline import Settings

TEXTS = {
    "a": ("2013-08-09", "Iran and Russia signed an agreement on nuclear energy cooperation on Friday."),
    "b": ("2013-08-09", "Iran and Russia signed an agreement on nuclear energy cooperation on Friday."),
    "c": ("2013-07-02", "Israeli troops attacked Hamas militants in the Gaza Strip on Tuesday."),
    "d": ("2013-08-07", "The UN Security Council condemned North Korea for launching a ballistic missile."),
}


@pytest.fixture(scope="module")
def coder():
    return api.coder_for(Settings())


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder) -> Path:
    folder = tmp_path_factory.mktemp("export")
    records = [{"id": k, "date": d, "url": f"https://{k}.example.org/story", "text": t}
               for k, (d, t) in TEXTS.items()]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = folder / "events.duckdb"
    api.open(path).ingest([str(folder / "news.jsonl")], Settings(clean=False), coder=coder)
    return path


def events_by_id(db: Path) -> dict[str, dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = con.execute("SELECT * FROM events").df()
    finally:
        con.close()
    return {row["event_id"]: row for row in frame.to_dict(orient="records")}


def test_gdelt_columns_come_from_the_data_file():
    columns = gdelt_columns()
    assert len(columns) == 61
    assert columns[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert columns[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                              "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert columns[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_export_has_61_columns_matching_the_records(db, tmp_path):
    out = tmp_path / "events.tsv"
    assert main(["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    events = events_by_id(db)
    assert len(lines) == len(events) > 3
    names = gdelt_columns()
    by_gdelt_id = {int(k[:15], 16): v for k, v in events.items()}
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == 61
        row = dict(zip(names, fields))
        event = by_gdelt_id[int(row["GLOBALEVENTID"])]
        assert row["EventCode"] == event["cameo"]
        assert row["EventRootCode"] == event["cameo"][:2] and row["EventBaseCode"] == event["cameo"][:3]
        assert row["Actor1Code"] == (event["source_code"] or "")
        assert row["Actor2Code"] == (event["target_code"] or "")
        assert row["SQLDATE"] == event["date"].strftime("%Y%m%d")
        assert row["MonthYear"] == event["date"].strftime("%Y%m") and row["Year"] == str(event["date"].year)
        assert int(row["QuadClass"]) == event["quad_class"]
        assert float(row["GoldsteinScale"]) == event["goldstein"]
        assert int(row["NumMentions"]) == event["num_mentions"]
        assert int(row["NumArticles"]) == event["num_articles"]
        assert row["AvgTone"] == "" and row["Actor1Religion1Code"] == ""
        assert row["SOURCEURL"].startswith("https://") and len(row["DATEADDED"]) == 14
    agreement = [dict(zip(names, line.split("\t"))) for line in lines]
    signed = [r for r in agreement if r["EventCode"] == "057" and r["Actor1Code"] == "IRN"]
    assert len(signed) == 1
    assert (signed[0]["SQLDATE"], signed[0]["NumMentions"], signed[0]["NumArticles"], signed[0]["NumSources"]) \
        == ("20130809", "2", "2", "2")
    assert signed[0]["Actor2Code"] == "RUS" and signed[0]["QuadClass"] == "1"


def test_plover_export_gives_one_json_record_per_typed_event(db, tmp_path):
    out = tmp_path / "events.jsonl"
    rows = api.open(db).export("plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == rows > 0
    events = events_by_id(db)
    for record in records:
        event = events[record["id"]]
        assert record["event_type"] == event["plover_type"] and record["event_type"]
        assert record["date"] == event["date"].strftime("%Y-%m-%d")
        assert record["text"] == event["sentence"]
        assert {"source", "target", "mode", "context", "cameo", "num_mentions"} <= set(record)
    assault = [r for r in records if r["cameo"].startswith("19")]
    assert assault and assault[0]["event_type"] == "ASSAULT" and assault[0]["date"] == "2013-07-02"


def test_csv_and_parquet_exports(db, tmp_path):
    store = api.open(db)
    n = len(events_by_id(db))
    assert store.export("csv", tmp_path / "events.csv") == n
    with open(tmp_path / "events.csv", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == n and "num_mentions" in table[0]

    assert store.export("parquet", tmp_path / "events.parquet") == n
    assert pq.read_table(tmp_path / "events.parquet").num_rows == n

    assert main(["export", "--db", str(db), "--format", "parquet", "--partition-by", "month",
                 "--out", str(tmp_path / "parts")]) == 0
    months = sorted(p.name for p in (tmp_path / "parts").iterdir())
    assert months == ["month=2013-07", "month=2013-08"]
    assert pq.read_table(tmp_path / "parts").num_rows == n

    assert store.export("csv", tmp_path / "mentions.csv", table="mentions") > n - 1


def test_unknown_export_format_is_an_argparse_error(db, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--db", str(db), "--format", "xml", "--out", str(tmp_path / "x")])
    assert exit_info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_summary_names_cameo_roots_and_shows_examples(db, capsys):
    assert main(["summary", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    assert "documents: 4 (4 coded" in text
    assert "05 ENGAGE IN DIPLOMATIC COOPERATION" in text and "19 FIGHT" in text
    assert "IRN -> RUS" in text and "signed an agreement" in text
    assert main(["check", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("OK")


def test_gdelt_num_sources_is_at_least_one_for_documents_without_a_source(tmp_path, coder):
    # no url and no site name: nothing for `num_sources` to count, yet each event has a source
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"id": k, "date": d, "text": t}) + "\n" for k, (d, t) in TEXTS.items()),
                    encoding="utf-8")
    store = api.open(tmp_path / "events.duckdb")
    store.ingest([str(news)], Settings(clean=False), coder=coder)
    out = tmp_path / "events.tsv"
    assert store.export("gdelt", out) > 3
    index = gdelt_columns().index("NumSources")
    assert {line.split("\t")[index] for line in out.read_text(encoding="utf-8").splitlines()} == {"1"}
    store.export("plover", tmp_path / "events.jsonl")
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["num_sources"] for r in records} == {1}
