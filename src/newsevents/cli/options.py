"""Options shared by several commands, and the Settings they build."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from newsevents.knowledge import DictionaryError
from newsevents.parse import ModelError
from newsevents.patterns import PatternError
from newsevents.pipeline import Settings
from newsevents.read import FORMATS

# Errors in what the user set up (model, dictionaries, patterns): one line, exit 2.
SETUP_ERRORS = (ModelError, DictionaryError, PatternError, OSError)


def iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def add_input_options(parser: argparse.ArgumentParser, paths_required: bool = False) -> None:
    parser.add_argument("paths", nargs="+" if paths_required else "*", metavar="PATH",
                        help="files or folders to read, or - for standard input (the default)")
    parser.add_argument("--date", type=iso_date, help="publication date of inputs that give none (YYYY-MM-DD)")
    parser.add_argument("--input-format", choices=FORMATS, help="force the input format instead of detecting it")
    parser.add_argument("--no-clean", action="store_true", help="take the text as it is, without cleaning")


def add_coder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm 3.8.0)")
    parser.add_argument("--patterns", help="an extra event pattern file (JSONL), tried before the package's")
    parser.add_argument("--people", help="an extra people file (TSV: name, aliases, country, sector, from, to)")
    parser.add_argument("--actors", action="append", default=[], metavar="FILE",
                        help="a PETRARCH/TABARI actor dictionary to add (repeatable)")
    parser.add_argument("--agents", action="append", default=[], metavar="FILE",
                        help="a PETRARCH/TABARI agent dictionary to add (repeatable)")


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings(
        model=getattr(args, "model", None),
        default_date=getattr(args, "date", None),
        clean=not getattr(args, "no_clean", False),
        input_format=getattr(args, "input_format", None),
        patterns=getattr(args, "patterns", None),
        people=getattr(args, "people", None),
        actors=tuple(getattr(args, "actors", ()) or ()),
        agents=tuple(getattr(args, "agents", ()) or ()),
    )


def input_paths(args: argparse.Namespace) -> list[str]:
    return list(args.paths) or ["-"]


def error(message: str) -> None:
    print(f"newsevents: {message}", file=sys.stderr)
