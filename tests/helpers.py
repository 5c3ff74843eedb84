"""What several test modules share: the installed command, short news texts, a read-only query."""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

NEWSEVENTS = Path(sys.executable).with_name("newsevents")

# Short English news sentences with one clear event each.
SHORT_TEXTS = [
    "Iran and Russia signed an agreement on nuclear energy cooperation on Monday.",
    "Israeli troops attacked Hamas militants in the Gaza Strip on Friday.",
    "The UN Security Council condemned North Korea for launching a ballistic missile.",
    "Egyptian police arrested dozens of protesters in Cairo on Thursday.",
]


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a query on a database file, through a read-only connection closed at once."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
