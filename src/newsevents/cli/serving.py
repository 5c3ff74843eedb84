"""`newsevents serve`: the REST API and the dashboard over an event database, read-only."""
from __future__ import annotations

import argparse
import sys

from newsevents.cli.options import add_coder_options, error
from newsevents.store import DEFAULT_DB, StoreError


def register(subparsers) -> None:
    serve = subparsers.add_parser("serve", help="REST API and dashboard over the database (read-only)")
    serve.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                       help="allow cross-origin requests from ORIGIN (repeatable; default: none)")
    add_coder_options(serve)
    serve.set_defaults(handler=run_serve)


def coder_settings(args: argparse.Namespace) -> dict:
    """The coder options given, as `newsevents.code` keyword arguments (for POST /api/code)."""
    settings = {name: getattr(args, name) for name in ("model", "patterns", "people") if getattr(args, name)}
    settings.update({name: tuple(getattr(args, name)) for name in ("actors", "agents") if getattr(args, name)})
    return settings


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from newsevents.serve import create_app
    except ImportError as exc:
        error(f"serve needs the `serve` extra: pip install 'newsevents[serve]' ({exc.name} is missing)")
        return 2
    try:
        app = create_app(args.db, code_settings=coder_settings(args), cors_origins=args.cors)
    except StoreError as exc:
        error(str(exc))
        return 2
    print(f"newsevents: serving {args.db} read-only at http://{args.host}:{args.port}/ (API docs at /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
