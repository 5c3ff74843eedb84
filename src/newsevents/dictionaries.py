"""Readers for the field's standard actor and agent dictionaries (PETRARCH / TABARI `.txt` files).

Actor files give a name line, `+` synonym lines and `[CODE date-range]` code lines::

    BARACK_OBAMA
    +OBAMA
    +PRESIDENT_OBAMA
    [USAELI 19610804-20081231]
    [USAGOV >20090120]
    RUSSIA [RUS]                      # a name and its code on one line

Agent files give a role and its sector: `FARMER [~AGR]`, with optional plural forms in braces
(`MINISTER {MINISTERS} [~GOV]`). Underscores join words; `#` starts a comment. Both load into the
(phrase, Entry) pairs `Knowledge.extend` takes, so users' dictionaries join the package's own::

    knowledge = default_knowledge().merge(Knowledge().extend(load_petrarch_actors("my.actors.txt")))
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from newsevents.knowledge import AGENT, COUNTRY, IGO, PERSON, SECTORS, DictionaryError, Entry


@dataclass(frozen=True)
class Problem:
    """A dictionary line that could not be used: where it is and why (never a crash)."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class Report:
    """What one dictionary file gave: its lines, the entries read, and the lines skipped with reasons.

    Every line of the file is counted exactly once: `used` (gave or continued an entry), `ignored`
    (blank, comment, section marker) or one `Problem`; `accounted()` checks they add up to `lines`.
    Readers of other dictionary kinds (the verb dictionary) fill the same record.
    """

    path: str
    kind: str = ""
    lines: int = 0
    entries: int = 0
    used: int = 0
    ignored: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def skip(self, line: int, reason: str) -> None:
        self.problems.append(Problem(str(self.path), line, reason))

    def accounted(self) -> bool:
        return self.used + self.ignored + self.skipped == self.lines

    def summary(self) -> str:
        return (f"{self.path}: {self.kind or 'dictionary'}: {self.entries} entries from {self.lines} lines "
                f"({self.used} used, {self.ignored} blank or comment, {self.skipped} skipped)")

# CAMEO codes that are actors without being ISO countries: IGOs, NGOs, multinationals, militarized
# groups, unidentified actors, and the codebook's regions.
NON_STATE = frozenset(
    "IGO NGO IMG MNC UIS INT AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS "
    "SAS SAM SAF SEA SCN WAF WST".split()
)
_CODE = re.compile(r"\[\s*([~A-Z0-9]+)\s*([^\]]*)\]")
_DATES = re.compile(r"^(?:>(\d{8})|<(\d{8})|(\d{8})-(\d{8}))$")


def _iso(compact: str) -> str:
    return f"{compact[:4]}-{compact[4:6]}-{compact[6:8]}"


def _phrase(raw: str) -> str:
    """`BARACK_OBAMA` -> `Barack Obama` (matching ignores case; names keep their capitals)."""
    words = raw.strip().strip("_").replace("!", "").split("_")
    return " ".join(w.capitalize() if not any(c.isdigit() for c in w) else w for w in words if w)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _country_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries}


def _entry(code: str, dates: str, name: str, where: str, countries: set[str]) -> Entry:
    valid_from = valid_to = None
    if dates:
        match = _DATES.match(dates.strip())
        if not match:
            raise DictionaryError(f"{where}: bad date range {dates!r} (use >YYYYMMDD, <YYYYMMDD or A-B)")
        start, until, low, high = match.groups()
        valid_from = _iso(start or low) if (start or low) else None
        valid_to = _iso(until or high) if (until or high) else None
    head, rest = code[:3], code[3:]
    if head in countries:
        return Entry(PERSON if rest else COUNTRY, name, country=head, sector=rest[:3] or None,
                     valid_from=valid_from, valid_to=valid_to)
    if head in NON_STATE:
        return Entry(IGO, name, code=code, sector=head if head in ("IGO", "NGO") else None,
                     valid_from=valid_from, valid_to=valid_to)
    raise DictionaryError(f"{where}: unknown country code {head!r} in [{code}]")


def load_petrarch_actors(path: str | Path) -> list[tuple[str, Entry]]:
    """(phrase, Entry) pairs of a PETRARCH/TABARI actor dictionary; DictionaryError names file:line."""
    path = Path(path)
    countries = _country_codes()
    pairs: list[tuple[str, Entry]] = []
    names: list[str] = []  # the current actor's name and synonyms
    codes_seen = True  # the current actor has its code lines (a new name line may start)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{number}"
        text = _strip_comment(line).strip()
        if not text:
            continue
        if text.startswith("+"):
            if not names:
                raise DictionaryError(f"{where}: synonym {text!r} before any actor name")
            names.append(_phrase(text[1:]))
            continue
        if text.startswith("["):
            if not names:
                raise DictionaryError(f"{where}: code line {text!r} before any actor name")
            pairs.extend(_codes(text, names, where, countries))
            codes_seen = True
            continue
        if not codes_seen and names:
            raise DictionaryError(f"{where}: actor {names[0]!r} has no [CODE] line")
        name, bracket, tail = text.partition("[")
        if not _phrase(name):
            raise DictionaryError(f"{where}: cannot read {text!r}")
        names = [_phrase(name)]
        codes_seen = bool(bracket)
        if bracket:
            pairs.extend(_codes("[" + tail, names, where, countries))
    if names and not codes_seen:
        raise DictionaryError(f"{path}: actor {names[0]!r} at the end of the file has no [CODE] line")
    return pairs


def _codes(text: str, names: list[str], where: str, countries: set[str]) -> list[tuple[str, Entry]]:
    found = _CODE.findall(text)
    if not found or _CODE.sub("", text).strip():
        raise DictionaryError(f"{where}: expected [CODE] or [CODE date-range], got {text!r}")
    pairs = []
    for code, dates in found:
        entry = _entry(code, dates, names[0], where, countries)
        pairs.extend((name, entry) for name in names)
    return pairs


def load_petrarch_agents(path: str | Path) -> list[tuple[str, Entry]]:
    """(phrase, Entry) pairs of an agent dictionary (`FARMER [~AGR]`, `MINISTER {MINISTERS} [~GOV]`)."""
    path = Path(path)
    pairs: list[tuple[str, Entry]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{number}"
        text = _strip_comment(line).strip()
        if not text:
            continue
        match = re.match(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]{3})[A-Z0-9]*\]\s*$", text)
        if not match:
            raise DictionaryError(f"{where}: expected `PHRASE [~SECTOR]`, got {text!r}")
        phrase, plurals, sector = match.groups()
        if sector not in SECTORS:
            raise DictionaryError(f"{where}: unknown sector code {sector!r}")
        forms = [phrase, *(plurals.split() if plurals else [])]
        for form in forms:
            words = _phrase(form).lower()
            if words:
                pairs.append((words, Entry(AGENT, words, sector=sector)))
    return pairs
