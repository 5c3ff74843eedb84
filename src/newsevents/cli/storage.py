"""`newsevents ingest`, `query`, `export`, `summary`, `check`: the event database.

Each command opens the database through `newsevents.api.EventStore` and calls the method of the
same name; this module only parses arguments and prints.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from typing import TYPE_CHECKING

from newsevents.cli.options import (
    DEFAULT_DB, EXPORT_FORMATS, EXPORT_TABLES, PERIODS, UsageError, add_coder_options, add_input_options, error,
    int_at_least, iso_date, positive_seconds, refuse_with, settings_from,
)
from newsevents.parse import ModelError

if TYPE_CHECKING:
    import pandas as pd

    from newsevents.api import EventStore


def _filter_names() -> tuple[str, ...]:
    from newsevents.store import Filters

    return Filters.names()


def _open(db: str) -> EventStore:
    """`newsevents.api.EventStore(db)`, imported when a store command runs: it brings pandas, which
    the other commands (`newsevents code`) do not need (0.3 s of their start-up)."""
    from newsevents.api import EventStore

    return EventStore(db)


def register(subparsers) -> None:
    ingest = subparsers.add_parser(
        "ingest", help="clean, code and store documents in the event database",
        usage="%(prog)s [options] PATH [PATH ...]\n       %(prog)s [options] --watch FOLDER [--every SECONDS]")
    add_input_options(ingest, paths_required=True)
    next(a for a in ingest._actions if a.dest == "paths").nargs = "*"  # none with --watch: check_ingest decides
    ingest.add_argument("--watch", metavar="FOLDER",
                        help="code the files of FOLDER as they land or change, until Ctrl-C (one heartbeat line a "
                             "cycle); a file still being written is taken on a later cycle")
    ingest.add_argument("--every", type=positive_seconds, metavar="SECONDS",
                        help=f"with --watch: seconds between two scans of the folder (default {WATCH_EVERY:g})")
    add_coder_options(ingest)
    _add_db(ingest)
    ingest.add_argument("--batch", type=int_at_least(1), default=50, help="documents per transaction (default 50)")
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")
    ingest.add_argument("--workers", type=int_at_least(1), metavar="N",
                        help="processes that clean and code (default: the number of cores; 1 = in this process)")
    ingest.add_argument("--dask", metavar="ADDRESS",
                        help="clean and code on a Dask cluster: tcp://scheduler:8786, or `local` for two local workers")
    ingest.set_defaults(handler=run_ingest, check=check_ingest)

    query = subparsers.add_parser("query", help="events from the database, filtered, or one read-only SELECT")
    _add_db(query)
    query.add_argument("--actor", help="actor code or prefix (RUS, RUSGOV, IGO) or ISO3 country, either side")
    query.add_argument("--dyad", help="SOURCE:TARGET, each side as --actor; an empty side matches any")
    query.add_argument("--cameo", help="CAMEO code or root (04 matches 040, 042, ...)")
    query.add_argument("--plover", help="PLOVER event type (CONSULT, ASSAULT, ...)")
    query.add_argument("--quad", type=int, choices=(1, 2, 3, 4), help="GDELT QuadClass")
    query.add_argument("--since", type=iso_date, help="first date, YYYY-MM-DD")
    query.add_argument("--until", type=iso_date, help="last date, YYYY-MM-DD")
    query.add_argument("--text", help="words that must all occur in one of the event's sentences")
    query.add_argument("--language", help="the language of the event's document (en, ru)")
    query.add_argument("--limit", type=int_at_least(0), help="at most this many rows")
    query.add_argument("--series", action="store_true", help="counts and mean Goldstein per dyad per period")
    query.add_argument("--by", choices=PERIODS, help="period of --series (default month)")
    query.add_argument("--sql", help="run this one SELECT statement instead of the filters, on a read-only "
                                     "connection that cannot reach files, the network or extensions")
    query.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    query.set_defaults(handler=run_query, check=check_query)

    export = subparsers.add_parser("export", help="write the events as GDELT TSV, PLOVER JSON, CSV or Parquet")
    _add_db(export)
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("--out", required=True,
                        help="output file, - for standard output (a folder with --partition-by)")
    export.add_argument("--partition-by", choices=("month",), help="Parquet: one partition folder per month")
    export.add_argument("--table", choices=EXPORT_TABLES, help="table for csv and parquet (default events)")
    export.set_defaults(handler=run_export, check=check_export)

    summary = subparsers.add_parser("summary", help="a readable summary of the database")
    _add_db(summary)
    summary.set_defaults(handler=run_summary)

    check = subparsers.add_parser("check", help="check the database's integrity; non-zero on problems")
    _add_db(check)
    check.set_defaults(handler=run_check)


WATCH_EVERY = 5.0


def check_ingest(args: argparse.Namespace) -> None:
    if args.dask:
        refuse_with(args, "with --dask: the cluster's workers clean and code", ("workers",))
    if args.watch is None:
        refuse_with(args, "without --watch", ("every",))
        if not args.paths:
            raise UsageError("the following arguments are required: PATH (a file, a folder, or - for standard "
                             "input), or --watch FOLDER")
    else:
        refuse_with(args, "with --watch, which ingests the files of FOLDER", ("paths",))
        if not os.path.isdir(args.watch):
            raise UsageError(f"--watch {args.watch}: not a folder")


def check_query(args: argparse.Namespace) -> None:
    if args.sql is not None:
        refuse_with(args, "with --sql, which runs the query as written (put filters and LIMIT in the SQL)",
                    (*_filter_names(), "series", "by"))
    elif not args.series:
        refuse_with(args, "without --series", ("by",))


def check_export(args: argparse.Namespace) -> None:
    if args.format in ("gdelt", "plover"):
        refuse_with(args, f"to --format {args.format}, which exports the grouped events", ("table",))
    if args.format != "parquet":
        refuse_with(args, f"to --format {args.format}: partitions are Parquet folders", ("partition_by",))
    elif args.out == "-":
        refuse_with(args, "to --out -: partitions are folders, not one stream", ("partition_by",))


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")


def _guarded(handler):
    """Store errors, bad filter values and SQL errors become one line on stderr and exit code 2."""
    def run(args: argparse.Namespace) -> int:
        import duckdb

        from newsevents.store import StoreError

        try:
            return handler(args)
        except BrokenPipeError:
            raise  # not an error of the database: the reader of stdout left (`| head`); main ends quietly
        except (StoreError, ValueError, ModelError) as exc:
            error(str(exc))
        except duckdb.Error as exc:
            error(f"SQL error: {str(exc).strip().splitlines()[0]}")
        except OSError as exc:
            error(f"{exc.filename or ''}: {exc.strerror or exc}")
        return 2
    run.__doc__ = handler.__doc__
    return run


@_guarded
def run_ingest(args: argparse.Namespace) -> int:
    if args.watch is not None:
        return run_watch(args)
    start = time.perf_counter()
    counts = _open(args.db).ingest(list(args.paths), settings_from(args), batch_size=args.batch,
                                        progress=False if args.no_progress else None,
                                        workers=args.workers or os.cpu_count() or 1, dask=args.dask)
    seconds = time.perf_counter() - start
    rate = counts.read / seconds if seconds else 0.0
    print(f"{counts.line()} ({seconds:.1f} s, {rate:.1f} documents/s) -> {args.db}", file=sys.stderr)
    for reason, number in sorted(counts.reasons.items(), key=lambda kv: -kv[1]):
        print(f"  rejected {number}: {reason}", file=sys.stderr)
    if counts.undated:
        print(undated_warning(counts.undated), file=sys.stderr)
    return 0


def run_watch(args: argparse.Namespace) -> int:
    """`ingest --watch FOLDER`: a cycle every --every seconds until Ctrl-C, which stops between batches."""
    from newsevents.watch import Watcher

    store, settings = _open(args.db), settings_from(args)
    events = store.counts()["events"] if os.path.exists(args.db) else 0

    def ingest(paths: list[str]):
        return store.ingest(paths, settings, batch_size=args.batch, progress=False, workers=args.workers or 1,
                            dask=args.dask)

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    every = args.every or WATCH_EVERY
    say(f"watching {args.watch} every {every:g} s -> {args.db} (Ctrl-C to stop)")
    try:
        Watcher(args.watch, ingest, events).run(every, say)
    except KeyboardInterrupt:
        say(f"stopped watching {args.watch}: the batches written are kept; files not stored yet are taken "
            "when the watcher starts again")
    return 0


def undated_warning(undated: int) -> str:
    documents = "1 document" if undated == 1 else f"{undated} documents"
    return (f"warning: {documents} had no publication date (none in the page and no --date), so their events "
            "may have no date; give inputs without one a date with --date YYYY-MM-DD (a document already "
            "stored is recoded only when its text changes: ingest those into a new database)")


@_guarded
def run_query(args: argparse.Namespace) -> int:
    store = _open(args.db)
    if args.sql:
        frame = store.sql(args.sql)
    else:
        filters = {name: getattr(args, name) for name in _filter_names()}
        frame = store.series(by=args.by or "month", **filters) if args.series else store.events(**filters)
    write_frame(frame, args.format, sys.stdout)
    return 0


def write_frame(frame: pd.DataFrame, fmt: str, out) -> None:
    if fmt == "csv":
        frame.to_csv(out, index=False, date_format="%Y-%m-%d")
    elif fmt == "jsonl":
        for record in frame.to_dict(orient="records"):
            out.write(json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n")
    else:
        _write_table(frame, out)


def _json_value(value):
    from pandas import NaT  # loaded already: the frame is pandas'

    if value is None or value is NaT or (isinstance(value, float) and value != value):
        return None  # pandas gives a missing date as NaT: printed empty (table, csv) or null (jsonl)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if type(value).__name__ in ("date", "Timestamp") else value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _write_table(frame: pd.DataFrame, out) -> None:
    if frame.empty:
        print("(no rows)", file=sys.stderr)
        return
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(["" if _json_value(v) is None else _cell(_json_value(v)) for v in row])


def _cell(value) -> str:
    text = str(value)
    return text if len(text) <= 100 else text[:97] + "..."


@_guarded
def run_export(args: argparse.Namespace) -> int:
    rows = _open(args.db).export(args.format, args.out, partition_by=args.partition_by,
                                      table=args.table or "events")
    where = "standard output" if args.out == "-" else args.out
    print(f"wrote {rows} rows ({args.format}) to {where}", file=sys.stderr)
    return 0


@_guarded
def run_summary(args: argparse.Namespace) -> int:
    print(_open(args.db).summary())
    return 0


@_guarded
def run_check(args: argparse.Namespace) -> int:
    problems = _open(args.db).check()
    if not problems:
        print(f"OK {args.db}")
        return 0
    for problem in problems:
        print(f"problem: {problem}")
    return 1
