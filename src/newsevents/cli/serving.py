"""`newsevents serve`: the REST API and the dashboard over an event database, read-only."""
from __future__ import annotations

import argparse
import sys

from newsevents.cli.options import DEFAULT_DB, add_coder_options, error, int_at_least, positive_seconds


def register(subparsers) -> None:
    serve = subparsers.add_parser("serve", help="REST API and dashboard over the database (read-only)")
    serve.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                       help="allow cross-origin requests from ORIGIN (repeatable; default: none)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="answer requests whose Host header is NAME (repeatable; loopback names and the "
                            "--host address always are; any other Host gets 400)")
    serve.add_argument("--code-workers", type=int_at_least(1), default=1, metavar="N",
                       help="coder processes for POST /api/code (default 1; each holds a model, ~0.5 GB)")
    serve.add_argument("--code-queue", type=int_at_least(0), default=4, metavar="N",
                       help="texts that may wait for a coder; more get 503 with Retry-After (default 4)")
    serve.add_argument("--code-timeout", type=positive_seconds, default=60.0, metavar="SECONDS",
                       help="time budget of one text, waiting included; then 503 (default 60)")
    add_coder_options(serve)
    serve.set_defaults(handler=run_serve)


def coder_settings(args: argparse.Namespace) -> dict:
    """The coder options given, as `newsevents.code` keyword arguments (for POST /api/code)."""
    settings = {name: getattr(args, name) for name in ("model", "patterns", "people") if getattr(args, name)}
    settings.update({name: tuple(getattr(args, name)) for name in ("actors", "agents") if getattr(args, name)})
    if getattr(args, "dictionaries", None) is not None:
        settings["dictionaries"] = args.dictionaries
    return settings


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from newsevents.serve import CodingLimits, create_app
        from newsevents.store import StoreError
    except ImportError as exc:
        error(f"serve needs the `serve` extra: pip install 'newsevents[serve]' ({exc.name} is missing)")
        return 2
    try:
        limits = CodingLimits(workers=args.code_workers, max_waiting=args.code_queue, budget=args.code_timeout,
                              warm=True)
        app = create_app(args.db, code_settings=coder_settings(args), cors_origins=args.cors,
                         allowed_hosts=[args.host, *args.allow_host], coding=limits)
    except StoreError as exc:
        error(str(exc))
        return 2
    print(f"newsevents: serving {args.db} read-only at http://{args.host}:{args.port}/ (API docs at /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
