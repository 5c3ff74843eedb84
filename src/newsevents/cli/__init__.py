"""The `newsevents` command: a thin layer over the Python API, one module per group of commands.

Each module registers its subcommands with `register(subparsers)`; every handler takes the parsed
arguments and returns an exit code.
"""
from __future__ import annotations

import argparse
import logging
import sys

from newsevents import __version__
from newsevents.cli import coding, serving, storage


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsevents", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (coding, storage, serving):
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.handler(args)
    except BrokenPipeError:  # `newsevents code ... | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("newsevents: interrupted", file=sys.stderr)
        return 130
