"""`newsevents dictionaries [FILE ...] [--verbose]`: what each PETRARCH dictionary file gives.

One line per file: its kind, the entries read, its lines used, blank or comment, and skipped;
with --verbose every skipped line follows as `file:line: reason`. With no FILE, the dictionaries
shipped in the package (data/petrarch/). Exit status 0, or 1 when a file cannot be read at all.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from newsevents.dictionaries import kind_of, read_dictionary
from newsevents.knowledge import _data_path


def register(subparsers) -> None:
    parser = subparsers.add_parser("dictionaries", help="report what each PETRARCH dictionary file gives",
                                   description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", metavar="FILE", help="dictionary files (default: the shipped ones)")
    parser.add_argument("--verbose", dest="details", action="store_true", help="list every skipped line with its reason")
    parser.set_defaults(handler=run)


def shipped() -> list[Path]:
    return sorted(p for p in _data_path("petrarch").glob("*.txt"))


def run(args: argparse.Namespace) -> int:
    status = 0
    for path in [Path(f) for f in args.files] or shipped():
        try:
            _, report = read_dictionary(path)
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read: {error}")
            status = 1
            continue
        print(report.summary())
        if args.details:
            for problem in report.problems:
                print(f"    {problem}")
    return status


__all__ = ["register", "run", "kind_of"]
