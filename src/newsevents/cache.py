"""Compiled knowledge kept between processes: pickles in one cache folder, keyed by what they are built from.

Building some tables takes a second or more (the field's dictionaries, the verb dictionary, the
gazetteer's index, tokenized phrases); each is pickled once (the gazetteer's index: an SQLite file,
`publish`) under a name that carries a hash of its sources, so a changed source makes a new file. A cache that cannot be read (absent, truncated,
from another Python) is rebuilt; one that cannot be written only costs the build.
"""
from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """$NEWSEVENTS_CACHE, else $XDG_CACHE_HOME/newsevents, else ~/.cache/newsevents."""
    if os.environ.get("NEWSEVENTS_CACHE"):
        return Path(os.environ["NEWSEVENTS_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsevents"


def read(path: Path, valid: Callable[[Any], bool]) -> Any | None:
    """The value pickled at `path` when it is there and `valid(value)`, else None."""
    enabled = gc.isenabled()
    gc.disable()  # tables of plain values, no cycles: the collector's passes over them are for nothing
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - absent, truncated, from another Python: built again
        return None
    finally:
        if enabled:
            gc.enable()
    return value if valid(value) else None


def write(path: Path, value: Any, replaces: str | None = None, keep: int = 0) -> None:
    """Pickle `value` at `path`, written whole and then renamed so a reader never sees half of it.
    `replaces`: a glob of older versions in the same folder to remove, all but the newest `keep`."""
    def dump(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    publish(path, dump, replaces, keep)


def publish(path: Path, fill: Callable[[Path], None], replaces: str | None = None, keep: int = 0) -> bool:
    """Make the file at `path` with `fill(temporary path)`, then rename it into place (a reader never
    sees half of it). `replaces` and `keep` as for `write`. False when the folder cannot be written."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if replaces:
            older = sorted(path.parent.glob(replaces), key=lambda p: p.stat().st_mtime)
            for old in older[:len(older) - keep] if keep else older:
                old.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)
        fill(temporary)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False


def cached(path: Path, build: Callable[[], Any], valid: Callable[[Any], bool], replaces: str | None = None,
           keep: int = 0) -> Any:
    """The value at `path`, else `build()` written there for the next process."""
    value = read(path, valid)
    if value is None:
        value = build()
        write(path, value, replaces, keep)
    return value
