"""Options shared by several commands, and the Settings they build."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from newsevents.confidence import MIN_CONFIDENCE
from newsevents.knowledge import DictionaryError
from newsevents.parse import ModelError
from newsevents.patterns import PatternError
from newsevents.pipeline import Settings
from newsevents.read import FORMATS

# Errors in what the user set up (model, dictionaries, patterns): one line, exit 2.
SETUP_ERRORS = (ModelError, DictionaryError, PatternError, OSError)

# The choices and defaults the store commands' parsers show, as newsevents.store and newsevents.export
# define them (tests/test_cli.py checks they agree): building the parser imports neither, so that
# `newsevents code` does not load duckdb and pyarrow (~0.1 s of its start-up).
DEFAULT_DB = "newsevents.duckdb"  # store.DEFAULT_DB
PERIODS = ("day", "week", "month")  # store.PERIODS
EXPORT_FORMATS = ("gdelt", "plover", "csv", "parquet")  # export.FORMATS
EXPORT_TABLES = ("events", "mentions", "documents", "rejects")  # export.TABLES


def iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date of the form YYYY-MM-DD") from None


class UsageError(Exception):
    """Options that do not go together: the command's usage and this message on stderr, exit 2."""


def int_at_least(minimum: int):
    """An argparse type: an integer >= `minimum`, else a usage error naming the value."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{number} is below the least allowed value, {minimum}")
        return number
    return parse


def unit_interval(value: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def positive_seconds(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number of seconds")
    return number


def refuse_with(args: argparse.Namespace, reason: str, names: tuple[str, ...]) -> None:
    """A UsageError when any option of `names` (dest names) was given: they do not apply, because `reason`.

    Options checked this way default to None, so that given and not given can be told apart.
    """
    given = [f"--{name.replace('_', '-')}" for name in names if _given(getattr(args, name))]
    if given:
        raise UsageError(f"{', '.join(given)} {'does' if len(given) == 1 else 'do'} not apply {reason}")


def _given(value) -> bool:
    return value is not None and value is not False and value != []  # 0 and "" are values given


def add_input_options(parser: argparse.ArgumentParser, paths_required: bool = False) -> None:
    where = "or - for standard input" if paths_required else "or - for standard input (the default)"
    parser.add_argument("paths", nargs="+" if paths_required else "*", metavar="PATH",
                        help=f"files or folders to read, {where}")
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
    parser.add_argument("--dictionaries", action=argparse.BooleanOptionalAction, default=None,
                        help="the field's PETRARCH actor and agent dictionaries under the package's tables "
                             "(default: off, or NEWSEVENTS_DICTIONARIES=1)")
    parser.add_argument("--min-confidence", type=unit_interval, default=None, metavar="C",
                        help=f"set aside events less confident than C, 0 to 1 (default {MIN_CONFIDENCE}; 0 keeps all)")


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
        dictionaries=getattr(args, "dictionaries", None),
        min_confidence=MIN_CONFIDENCE if getattr(args, "min_confidence", None) is None else args.min_confidence,
    )


def input_paths(args: argparse.Namespace) -> list[str]:
    return list(args.paths) or ["-"]


def error(message: str) -> None:
    print(f"newsevents: {message}", file=sys.stderr)
