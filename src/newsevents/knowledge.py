"""Actor knowledge: countries, IGOs, agents and people, read once from the package's data files.

Country names come from pycountry (ISO 3166); the project's own `data/actors/countries.tsv` adds
aliases, demonyms, capitals and seats of government. Everything is a table of phrases -> entries;
the actor coder matches the phrases and combines the entries.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

# Kinds of entry, from most to least specific about who acts.
COUNTRY, ADJECTIVE, CAPITAL, SEAT, IGO, AGENT, PERSON, ETHNIC = (
    "country", "adjective", "capital", "seat", "igo", "agent", "person", "ethnic",
)
# CAMEO sector codes a dictionary or table may use (CAMEO 1.1b3 agents, plus IGO/NGO kinds).
SECTORS = frozenset(
    "GOV MIL REB OPP COP JUD LEG CVL REF MED BUS EDU LAB AGR HLH ELI CRM SPY UAF NGO IGO PTY SEP REL "
    "MOD RAD INS ENV HRI DEV IMG ITP SET UIS".split()
)


class DictionaryError(ValueError):
    """A knowledge or dictionary file is malformed: the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """What one phrase tells about an actor."""

    kind: str
    name: str
    country: str | None = None  # ISO alpha-3 (or a CAMEO ethnic/IGO-level code)
    sector: str | None = None  # CAMEO sector (GOV, MIL, REB, ...)
    code: str | None = None  # a full code given by the entry itself (IGOs)
    valid_from: str | None = None
    valid_to: str | None = None

    def valid_on(self, date: str | None) -> bool:
        if not date:
            return True
        return (not self.valid_from or self.valid_from <= date) and (not self.valid_to or date <= self.valid_to)


@dataclass
class Knowledge:
    """Phrases (as written) -> entries, plus phrases that are never actors."""

    phrases: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    non_actors: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    actor_nouns: set[str] = field(default_factory=set)  # heads that are actors with no role ("warship")
    part_nouns: set[str] = field(default_factory=set)  # "a group of", "members of", "leader of"

    def add(self, phrase: str, entry: Entry) -> None:
        phrase = " ".join(phrase.split())
        if phrase and entry not in self.phrases[phrase]:
            self.phrases[phrase].append(entry)

    def extend(self, pairs: Iterable[tuple[str, Entry]]) -> Knowledge:
        """Add (phrase, entry) pairs, such as a PETRARCH dictionary's (`newsevents.dictionaries`)."""
        for phrase, entry in pairs:
            self.add(phrase, entry)
        return self

    def merge(self, other: Knowledge) -> Knowledge:
        """A new Knowledge with the phrases of both; `other`'s entries come after this one's."""
        merged = Knowledge(non_actors=self.non_actors | other.non_actors, countries=self.countries | other.countries,
                           actor_nouns=self.actor_nouns | other.actor_nouns,
                           part_nouns=self.part_nouns | other.part_nouns)
        for source in (self, other):
            for phrase, entries in source.phrases.items():
                merged.extend((phrase, e) for e in entries)
        return merged


def _data_path(*parts: str) -> Path:
    return Path(str(resources.files("newsevents").joinpath("data", *parts)))


def _rows(path: Path, min_columns: int) -> list[tuple[int, list[str]]]:
    """Tab-separated rows with their line numbers; `#` comments and blank lines skipped."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.rstrip("\n").split("\t")]
            if len(cells) < min_columns or not cells[0]:
                raise DictionaryError(f"{path}:{number}: expected {min_columns} tab-separated columns")
            rows.append((number, cells))
    return rows


def _alternatives(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _add_pycountry(knowledge: Knowledge) -> None:
    for country in pycountry.countries:
        knowledge.countries.add(country.alpha_3)
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            # "Korea, Republic of" is not how news writes a name: such forms come from countries.tsv
            if name and "," not in name:
                knowledge.add(name, Entry(COUNTRY, name, country=country.alpha_3))


def _add_countries(knowledge: Knowledge, path: Path) -> None:
    kinds = (COUNTRY, ADJECTIVE, CAPITAL, SEAT)
    for number, cells in _rows(path, 2):
        code = cells[0]
        if code not in knowledge.countries:
            raise DictionaryError(f"{path}:{number}: unknown country code {code!r}")
        known = pycountry.countries.get(alpha_3=code)
        name = getattr(known, "common_name", None) or getattr(known, "name", None) or code
        for kind, cell in zip(kinds, cells[1:]):
            for phrase in _alternatives(cell):
                phrase, _, sector = phrase.partition(":") if kind == SEAT else (phrase, "", "")
                sector = sector or ("GOV" if kind in (CAPITAL, SEAT) else None)
                knowledge.add(phrase, Entry(kind, name, country=code, sector=sector))


def _add_institutions(knowledge: Knowledge, path: Path) -> None:
    """Agencies, legislatures, courts and forces of one country ("FBI" -> USA COP), read as seats."""
    for number, cells in _rows(path, 3):
        code, sector = cells[0], cells[1]
        if code not in knowledge.countries:
            raise DictionaryError(f"{path}:{number}: unknown country code {code!r}")
        if sector not in SECTORS:
            raise DictionaryError(f"{path}:{number}: unknown sector code {sector!r}")
        known = pycountry.countries.get(alpha_3=code)
        name = getattr(known, "common_name", None) or getattr(known, "name", None) or code
        for phrase in _alternatives(cells[2]):
            knowledge.add(phrase, Entry(SEAT, name, country=code, sector=sector))


def _add_igos(knowledge: Knowledge, path: Path) -> None:
    for _, cells in _rows(path, 2):
        names = _alternatives(cells[1])
        for phrase in names:
            knowledge.add(phrase, Entry(IGO, names[0], code=cells[0]))


def _add_groups(knowledge: Knowledge, path: Path) -> None:
    """Ethnic, religious and armed groups: a code tied to a country (AFGREB) or CAMEO's own (KUR)."""
    for number, cells in _rows(path, 2):
        code, names = cells[0], _alternatives(cells[1])
        country = code[:3] if code[:3] in knowledge.countries else None
        sector = code[3:] or None if country else None
        if country is None and not (code.isalpha() and code.isupper() and 3 <= len(code) <= 9):
            raise DictionaryError(f"{path}:{number}: group code {code!r} is not a CAMEO code")
        for phrase in names:
            knowledge.add(phrase, Entry(ETHNIC, names[0], country=country, sector=sector,
                                        code=None if country else code))


def _add_agents(knowledge: Knowledge, path: Path) -> None:
    for number, cells in _rows(path, 2):
        if cells[1] not in SECTORS:
            raise DictionaryError(f"{path}:{number}: unknown sector code {cells[1]!r}")
        knowledge.add(cells[0].lower(), Entry(AGENT, cells[0], sector=cells[1]))


def _add_people(knowledge: Knowledge, path: Path) -> None:
    for number, cells in _rows(path, 4):
        cells += [""] * (6 - len(cells))
        name, aliases, country, sector, valid_from, valid_to = cells[:6]
        if country not in knowledge.countries:
            raise DictionaryError(f"{path}:{number}: unknown country code {country!r} for {name}")
        entry = Entry(PERSON, name, country=country, sector=sector or None,
                      valid_from=valid_from or None, valid_to=valid_to or None)
        for phrase in [name, *_alternatives(aliases)]:
            knowledge.add(phrase, entry)


def _add_non_actors(knowledge: Knowledge, path: Path) -> None:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                knowledge.non_actors.add(line.strip())


def _add_nouns(knowledge: Knowledge, path: Path) -> None:
    kinds = {"actor": knowledge.actor_nouns, "part": knowledge.part_nouns}
    for number, cells in _rows(path, 2):
        if cells[1] not in kinds:
            raise DictionaryError(f"{path}:{number}: unknown noun kind {cells[1]!r} (actor or part)")
        kinds[cells[1]].add(cells[0].lower())


def build_knowledge(extra_people: Path | None = None) -> Knowledge:
    knowledge = Knowledge()
    _add_pycountry(knowledge)
    _add_countries(knowledge, _data_path("actors", "countries.tsv"))
    _add_institutions(knowledge, _data_path("actors", "institutions.tsv"))
    _add_igos(knowledge, _data_path("actors", "igos.tsv"))
    _add_groups(knowledge, _data_path("actors", "groups.tsv"))
    _add_agents(knowledge, _data_path("actors", "agents.tsv"))
    _add_people(knowledge, _data_path("actors", "people.tsv"))
    if extra_people:
        _add_people(knowledge, extra_people)
    _add_non_actors(knowledge, _data_path("actors", "non_actors.txt"))
    _add_nouns(knowledge, _data_path("actors", "nouns.tsv"))
    return knowledge


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    """The package's knowledge, built once per process."""
    return build_knowledge()
