"""The CAMEO event ontology: names, quad classes, Goldstein scores, and the mapping to PLOVER.

All of it is read once from the package's data files (see data/SOURCES.md).
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    quad_class: int  # GDELT QuadClass: 1 verbal coop (01-05), 2 material coop, 3 verbal conflict, 4 material
    goldstein: float
    plover: dict[str, str | None] | None  # {"type", "mode", "context"}; None for roots 01 and 02


def _data_text(name: str) -> str:
    return resources.files("newsevents").joinpath("data", name).read_text(encoding="utf-8")


_PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#.*)?$")


def parse_plover_table(text: str) -> dict[str, dict[str, str | None]]:
    """Read lines `code: TYPE, mode, context # name`; root lines `03: AGREE` give the type alone."""
    table: dict[str, dict[str, str | None]] = {}
    for line in text.splitlines():
        match = _PLOVER_LINE.match(line.strip())
        if not match:
            continue
        code, fields = match.groups()
        parts = [p.strip() or None for p in fields.split(",")] + [None, None]
        if code in table:  # root 08 heads two types (CONCEDE, RETREAT): the first heading stands
            continue
        context = parts[2].split(";")[0].strip() if parts[2] else None
        table[code] = {"type": parts[0], "mode": parts[1], "context": context}
    return table


@lru_cache(maxsize=1)
def codebook() -> dict[str, CameoCode]:
    """Every CAMEO code with its name, quad class, Goldstein score and PLOVER mapping."""
    plover = parse_plover_table(_data_text("cameo_to_plover.txt"))
    plover.update(parse_plover_table(_data_text("plover_overrides.txt")))
    rows = list(csv.DictReader(_data_text("cameo_codes.tsv").splitlines(), delimiter="\t"))
    scores = {r["code"]: r["goldstein_phoenix"] for r in rows}
    book: dict[str, CameoCode] = {}
    for row in rows:
        code = row["code"]
        book[code] = CameoCode(
            code=code,
            name=row["name"],
            quad_class=quad_of_root(code),
            goldstein=_score_or_parent(code, scores),
            plover=_plover_or_parent(code, plover),
        )
    return book


def _score_or_parent(code: str, scores: dict[str, str]) -> float:
    """A code without a Goldstein score takes the score of its nearest parent."""
    while code:
        if scores.get(code):
            return float(scores[code])
        code = code[:-1]
    return 0.0


def _plover_or_parent(code: str, plover: dict[str, dict[str, str | None]]) -> dict[str, str | None] | None:
    if code[:2] in ("01", "02"):
        return None
    probe = code
    while len(probe) >= 2:
        if probe in plover:
            return dict(plover[probe])
        probe = probe[:-1]
    return None


def lookup(code: str) -> CameoCode:
    """The CameoCode for `code`; raises KeyError naming the code when it is not a CAMEO code."""
    try:
        return codebook()[code]
    except KeyError:
        raise KeyError(f"{code!r} is not a CAMEO event code") from None


def root(code: str) -> str:
    return code[:2]


def quad_of_root(code: str) -> int:
    """GDELT QuadClass of a code by its root: 1 verbal coop (01-05) ... 4 material conflict (15-20)."""
    r = int(code[:2])
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 14 else 4


@lru_cache(maxsize=1)
def plover_types() -> dict:
    return json.loads(_data_text("plover_types.json"))["event_types"]
