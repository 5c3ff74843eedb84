"""The `newsevents` command: a thin layer over the Python API, one module per group of commands.

Each module registers its subcommands with `register(subparsers)`; every handler takes the parsed
arguments and returns an exit code.
"""
from __future__ import annotations

import argparse
import atexit
import gc
import io
import logging
import os
import sys

from newsevents import __version__
from newsevents.cli import coding, dictionary, serving, storage
from newsevents.cli.options import UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsevents", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (coding, storage, serving, dictionary):
        module.register(subparsers)
    for subparser in subparsers.choices.values():  # a UsageError is reported with its command's usage
        subparser.set_defaults(parser=subparser)
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parsed arguments whose combination is checked too (`check` of the command): exit 2 when wrong."""
    args = build_parser().parse_args(argv)
    check = getattr(args, "check", None)
    try:
        if check is not None:
            check(args)
    except UsageError as exc:
        args.parser.error(str(exc))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # At exit the interpreter's collector walks every object left (the model, the tables: ~0.3 s
    # of CPU after the last line of output, as long for spaCy alone); frozen, they are only freed.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.handler(args)
    except BrokenPipeError:  # `newsevents query ... | head -1`: the reader has all it wanted
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("newsevents: interrupted", file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point stdout at devnull, so that flushing it at exit raises no second BrokenPipeError
    (what the Python documentation recommends for SIGPIPE); stderr stays for real errors."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # stdout replaced by one without a file
        pass
