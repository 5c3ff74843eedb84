"""`newsevents code`, `newsevents clean` and `newsevents eval`: coding without storing."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import replace
from typing import TextIO

from newsevents.cli.options import (
    SETUP_ERRORS, add_coder_options, add_input_options, error, input_paths, int_at_least, refuse_with,
    settings_from,
)
from newsevents.pipeline import Counts, clean_all, process
from newsevents.records import Event, Reject

CSV_COLUMNS = ["event_id", "doc_id", "sentence_index", "date", "date_basis", "source_code", "source_text",
               "target_code", "target_text", "cameo", "cameo_name", "plover_type", "quad_class", "goldstein",
               "trigger", "negated", "modality", "location", "sentence"]


def register(subparsers) -> None:
    code = subparsers.add_parser("code", help="code events from files, folders or stdin, without storing")
    add_input_options(code)
    add_coder_options(code)
    code.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    code.set_defaults(handler=run_code)

    clean = subparsers.add_parser("clean", help="print cleaned documents")
    add_input_options(clean)
    clean.add_argument("--format", choices=("text", "jsonl"), default="text")
    clean.set_defaults(handler=run_clean)

    evaluate = subparsers.add_parser("eval", help="code a gold file and score it (PLOVER JSON or quad JSONL)")
    evaluate.add_argument("gold", help="gold file: PLOVER GSR JSON or quad-class JSONL")
    add_coder_options(evaluate)
    evaluate.add_argument("--worst", type=int_at_least(0), help="how many missed sentences to list (default 10)")
    evaluate.add_argument("--predictions", help="also write the predicted events (JSONL) to this file")
    evaluate.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    evaluate.add_argument("--half", choices=("tune", "check"),
                          help="score one fixed half of the file (newsevents.evaluate.half_of); default all")
    evaluate.set_defaults(handler=run_eval, check=check_eval)


def check_eval(args: argparse.Namespace) -> None:
    if args.json:
        refuse_with(args, "with --json, which prints the scores only", ("worst",))


def run_code(args: argparse.Namespace) -> int:
    counts = Counts()
    out = sys.stdout
    writer = csv.writer(out) if args.format == "csv" else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    try:
        for item in process(input_paths(args), settings_from(args), counts):
            if isinstance(item, Reject):
                error(f"{item.origin}: {item.reason}")
                continue
            if item.skipped:
                error(f"{item.document.origin}: skipped: {item.skipped}")
                continue
            for event in item.events:
                write_event(event, args.format, out, writer)
    except SETUP_ERRORS as exc:
        error(str(exc))
        return 2
    print(summary_line(counts), file=sys.stderr)
    return 0 if counts.coded else 1


def summary_line(counts: Counts) -> str:
    return (f"read {counts.read}, coded {counts.coded}, rejected {counts.rejected}, "
            f"skipped by language {counts.skipped_language}; {counts.events} events"
            + (f", {counts.set_aside} set aside under the confidence threshold" if counts.set_aside else ""))


def write_event(event: Event, fmt: str, out: TextIO, writer=None) -> None:
    record = event.to_dict()
    if fmt == "jsonl":
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer.writerow([_csv_value(record, column) for column in CSV_COLUMNS])
    else:
        out.write(table_row(record) + "\n")


def _csv_value(record: dict, column: str):
    if column.startswith(("source_", "target_")):
        side, field = column.split("_", 1)
        actor = record[side]
        return actor and actor["code" if field == "code" else "text"]
    if column == "plover_type":
        return record["plover"] and record["plover"]["type"]
    if column == "trigger":
        return record["trigger"]["text"]
    if column == "location":
        return record["location"] and record["location"]["name"]
    return record[column]


def table_row(record: dict) -> str:
    source = record["source"]["code"] if record["source"] else "-"
    target = record["target"]["code"] if record["target"] else "-"
    plover = record["plover"]["type"] if record["plover"] else ""
    flags = "".join([" NEG" if record["negated"] else "",
                     f" ({record['modality']})" if record["modality"] != "asserted" else ""])
    sentence = record["sentence"] if len(record["sentence"]) <= 110 else record["sentence"][:107] + "..."
    return (f"{record['doc_id']}#{record['sentence_index']:<3} {record['date'] or '':10}  "
            f"{source:>9} -> {target:<9} {record['cameo']:<4} {plover:<9} "
            f"{record['cameo_name'][:34]!s:34} [{record['trigger']['text']}]{flags}\n    {sentence}")


def run_clean(args: argparse.Namespace) -> int:
    counts = Counts()
    cleaned = 0
    for item in clean_all(input_paths(args), settings_from(args), counts):
        if isinstance(item, Reject):
            error(f"{item.origin}: {item.reason}")
            continue
        cleaned += 1
        if args.format == "jsonl":
            record = {"id": item.id, "url": item.url, "title": item.title, "date": item.date,
                      "language": item.language, "text": item.text}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"# {item.id}\n{item.title or ''}\n\n{item.text}\n\n")
    print(f"read {counts.read}, cleaned {cleaned}, rejected {counts.rejected}", file=sys.stderr)
    return 0 if cleaned else 1


def run_eval(args: argparse.Namespace) -> int:
    from newsevents.evaluate import evaluate_file, format_report

    try:
        # a gold sentence always holds an event: score every event the coder finds, unless told a threshold
        settings = replace(settings_from(args), min_confidence=args.min_confidence or 0.0)
        report = evaluate_file(args.gold, settings, predictions_path=args.predictions,
                               half=args.half)
    except SETUP_ERRORS as exc:
        error(str(exc))
        return 2
    except (ValueError, KeyError) as exc:
        error(f"{args.gold}: not a gold file newsevents can read ({exc})")
        return 2
    if args.json:
        print(json.dumps({k: v for k, v in report.items() if k != "misses"}))
    else:
        print(format_report(report, worst=10 if args.worst is None else args.worst))
    return 0
