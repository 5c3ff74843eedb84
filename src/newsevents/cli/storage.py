"""`newsevents ingest`, `query`, `export`, `summary`, `check`: the event database."""
from __future__ import annotations


def register(subparsers) -> None:
    """Commands of the store are added here."""
