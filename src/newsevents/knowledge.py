"""Actor knowledge: countries, IGOs, agents and people, read once from the package's data files.

Country names come from pycountry (ISO 3166); the project's own `data/actors/countries.tsv` adds
aliases, demonyms, capitals and seats of government. Everything is a table of phrases -> entries;
the actor coder matches the phrases and combines the entries.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsevents import cache
from newsevents.cache import cache_dir

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
    # only on its dates: a dated person of the field's dictionaries, which gives an undated code
    # where one applies out of them ("[USAELI]"); the package's own people are elites (ELI) of their
    # country when out of office (actors.ActorCoder._entries_for)
    strict_dates: bool = False

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
    # the default knowledge's name for its compiled caches (`knowledge_key`; the actor coder's index
    # is kept under it): set by `cached_knowledge`, cleared by any change
    key: str | None = field(default=None, compare=False, repr=False)

    def add(self, phrase: str, entry: Entry) -> None:
        self.key = None
        phrase = " ".join(phrase.split())
        if phrase and entry not in self.phrases[phrase]:
            self.phrases[phrase].append(entry)

    def extend(self, pairs: Iterable[tuple[str, Entry]]) -> Knowledge:
        """Add (phrase, entry) pairs, such as a PETRARCH dictionary's (`newsevents.dictionaries`)."""
        for phrase, entry in pairs:
            self.add(phrase, entry)
        return self

    def override(self, other: Knowledge) -> Knowledge:
        """A user's files over everything: a phrase `other` has (in any case) keeps only `other`'s
        entries, whatever the package's tables or the field's dictionaries gave it. In place."""
        self.key = None
        mine = {phrase.lower() for phrase in other.phrases}
        for phrase in [p for p in self.phrases if p.lower() in mine]:
            del self.phrases[phrase]
        for phrase, entries in other.phrases.items():
            self.extend((phrase, e) for e in entries)
        self.non_actors |= other.non_actors
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
    import pycountry  # here: only a build reads it, the cached knowledge needs none (0.05 s to import)

    for country in pycountry.countries:
        knowledge.countries.add(country.alpha_3)
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            # "Korea, Republic of" is not how news writes a name: such forms come from countries.tsv
            if name and "," not in name:
                knowledge.add(name, Entry(COUNTRY, name, country=country.alpha_3))


def _add_countries(knowledge: Knowledge, path: Path) -> None:
    import pycountry  # as in _add_pycountry

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
    import pycountry  # as in _add_pycountry

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
        # matched in any case; written as the file writes it, so an abbreviation tokenizes as in
        # the news ("Gov." is one token, "gov." two)
        knowledge.add(cells[0], Entry(AGENT, cells[0], sector=cells[1]))


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


# The field's dictionaries shipped in data/petrarch/ (see its README): actors and agents.
DICTIONARY_ACTORS = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt")
DICTIONARY_AGENTS = ("Phoenix.agents.txt",)


def dictionary_files() -> list[Path]:
    return [_data_path("petrarch", name) for name in DICTIONARY_ACTORS + DICTIONARY_AGENTS]


def _usable(phrase: str, entry: Entry, common: set[str], roles: dict[str, str] | None = None) -> bool:
    """A dictionary phrase worth matching: not a word of the package's own vocabulary of roles and
    common nouns ("Police", "Army" as a person's alias), not one or two letters, and not a state
    body named by one of the package's own state roles (`roles`: agents.tsv's single words whose
    sector is one of `_STATE`) that the dictionary codes as a person of another sector: "US
    Congress" [USAGOV] is the US's LEG as the package composes it, "Bush Administration" (George
    Bush's dated codes, ELI out of office) a government only. The dictionaries' own roles keep
    their modifier's sector ("military spokesman" MIL, "guerilla army" REB), and a body of
    another kind its code ("World Jewish Congress" NGO)."""
    words = phrase.split()
    if len(phrase.replace(" ", "")) <= 2:
        return False
    head = (roles or {}).get(words[-1].lower())
    if len(words) > 1 and head in _STATE and entry.kind != AGENT and entry.sector != head:
        return False
    if entry.kind == AGENT:  # single-word roles are the package's own (agents.tsv): "naval", "deputy"
        return len(words) > 1   # gave MIL and COP to events of the PLOVER gold
    if entry.kind == IGO and (entry.code or "")[:3] not in _INTERNATIONAL:
        return False  # "[ELI]", "[MED]" with no country: Kofi Annan as ELI, the Washington Post as MED
    if len(words) == 1 and entry.kind != COUNTRY:
        return False  # "Hassan" (JOR), "Congress": a lone first or last name is anyone's
    return phrase.lower() not in common


_STATE = frozenset("GOV LEG JUD MIL COP SPY".split())  # a state's own bodies
_INTERNATIONAL = frozenset("IGO NGO IMG MNC UIS INT NGM".split())


def _add_dictionaries(knowledge: Knowledge) -> None:
    """The field's actor and agent dictionaries, under the package's own files: a phrase the
    package's files already have (in any case) keeps only the package's entries."""
    from newsevents.dictionaries import read_actors, read_agents

    own = {phrase.lower() for phrase in knowledge.phrases}
    common = own | {n for n in knowledge.actor_nouns} | {n for n in knowledge.part_nouns} | set(knowledge.non_actors)
    roles = {phrase.lower(): e.sector for phrase, entries in knowledge.phrases.items() for e in entries
             if e.kind == AGENT and " " not in phrase and e.sector}
    for name in DICTIONARY_ACTORS + DICTIONARY_AGENTS:
        reader = read_agents if name in DICTIONARY_AGENTS else read_actors
        pairs, _ = reader(_data_path("petrarch", name))
        for phrase, entry in pairs:
            if phrase.lower() not in own and _usable(phrase, entry, common, roles):
                if entry.kind == PERSON and (entry.valid_from or entry.valid_to):
                    entry = replace(entry, strict_dates=True)
                knowledge.add(phrase, entry)


def build_knowledge(extra_people: Path | None = None, dictionaries: bool = False) -> Knowledge:
    """The package's own tables (data/actors/) and, under them, the field's dictionaries
    (data/petrarch/): an entry of the package's own files wins for its phrase."""
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
    if dictionaries:
        _add_dictionaries(knowledge)
    return knowledge


def knowledge_key() -> str:
    """sha1 of everything the default knowledge is built from: data files and the readers' code."""
    digest = hashlib.sha1()
    files = sorted(_data_path("actors").glob("*")) + dictionary_files()
    files += [Path(__file__), Path(__file__).with_name("dictionaries.py")]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class _Compiled(Knowledge):
    """The default knowledge as read from its cache, its phrase table unpickled on first use: the
    ~40,000 phrases' entries took 0.3-0.4 s to unpickle, and the actor coder of the default
    knowledge reads its own cached index instead (`actors.ActorCoder`), so `newsevents code`
    never needs them. Anything that asks for `phrases` gets them, as from any Knowledge."""

    def __getattr__(self, name: str):
        if name == "phrases" and "_packed" in self.__dict__:
            phrases = defaultdict(list, pickle.loads(self.__dict__.pop("_packed")))
            self.__dict__["phrases"] = phrases
            return phrases
        raise AttributeError(name)


def _pack(knowledge: Knowledge) -> tuple:
    """What the cache keeps: the small sets, and the phrase table as one pickled string."""
    return ("knowledge", 2, knowledge.non_actors, knowledge.countries, knowledge.actor_nouns,
            knowledge.part_nouns, pickle.dumps(dict(knowledge.phrases), protocol=pickle.HIGHEST_PROTOCOL))


def _unpack(value: tuple, key: str) -> Knowledge:
    knowledge = _Compiled.__new__(_Compiled)
    _, _, knowledge.non_actors, knowledge.countries, knowledge.actor_nouns, knowledge.part_nouns, packed = value
    knowledge.__dict__["_packed"] = packed
    knowledge.key = key
    return knowledge


def cached_knowledge(folder: Path | None = None) -> Knowledge:
    """The default knowledge, from a pickle keyed by `knowledge_key()` when one is there; else built
    (a few seconds for the 18,000 dictionary actors) and written for the next process. Its phrase
    table is unpickled on first use (`_Compiled`)."""
    key = knowledge_key()
    path = (folder or cache_dir()) / f"knowledge-{key}.pickle"
    value = cache.cached(path, lambda: _pack(build_knowledge(dictionaries=True)),
                         lambda v: isinstance(v, tuple) and v[:2] == ("knowledge", 2), replaces="knowledge-*.pickle")
    return _unpack(value, key)


PHRASES_VERSION = 2  # the phrase cache's format: a list of tuples of lower-case token strings


def phrase_words(tokenizer, phrases: list[str], folder: Path | None = None) -> list[tuple[str, ...]]:
    """Each phrase as its tokens' lower-case strings, what the actor coder matches text against.
    Tokenized once per machine: kept in a pickle keyed by the tokenizer (its rules and spaCy's
    version) and the phrases, beside the knowledge cache. With the field's dictionaries ~39,000
    phrases took most of the actor coder's set-up, in the tokenizer and in the ~36,000 vocabulary
    entries the Docs of a PhraseMatcher need (`actors.WordMatcher` needs none). A tokenizer that
    cannot describe itself (a function) tokenizes every time; a cache that cannot be read or
    written only costs the tokenizing."""
    to_bytes = getattr(tokenizer, "to_bytes", None)
    if to_bytes is None:
        return [tuple(t.lower_ for t in tokenizer(p)) for p in phrases]
    from spacy import __version__ as spacy_version

    rules = hashlib.sha1(spacy_version.encode() + to_bytes(exclude=["vocab"])).hexdigest()[:12]
    digest = hashlib.sha1("\n".join(phrases).encode("utf-8")).hexdigest()
    folder = folder or cache_dir()
    path = folder / f"phrases-{PHRASES_VERSION}-{rules}-{digest}.pickle"

    def valid(words) -> bool:
        return isinstance(words, list) and len(words) == len(phrases) and all(type(w) is tuple for w in words)

    # the last three sets are kept (dictionaries on, off, a user's)
    return cache.cached(path, lambda: [tuple(t.lower_ for t in tokenizer(p)) for p in phrases], valid,
                        replaces=f"phrases-{PHRASES_VERSION}-{rules}-*.pickle", keep=2)


# The field's dictionaries (data/petrarch/) are off unless asked for: on the check halves they
# cost the real-news gold type F1 (see the README's "The field's dictionaries" for the figures).
DICTIONARIES_DEFAULT = False


def dictionaries_on(setting: bool | None = None) -> bool:
    """Whether the field's dictionaries join the package's knowledge: the setting when given
    (Settings.dictionaries, `--dictionaries` / `--no-dictionaries`), else NEWSEVENTS_DICTIONARIES
    (1 or 0), else `DICTIONARIES_DEFAULT`."""
    if setting is not None:
        return bool(setting)
    value = os.environ.get("NEWSEVENTS_DICTIONARIES", "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return DICTIONARIES_DEFAULT


def default_knowledge(dictionaries: bool | None = None) -> Knowledge:
    """The package's knowledge, built once per process (and, with the dictionaries, compiled once
    per machine: see `cached_knowledge`); `dictionaries` as `dictionaries_on` decides."""
    return _default_knowledge(dictionaries_on(dictionaries))


@lru_cache(maxsize=2)
def _default_knowledge(dictionaries: bool) -> Knowledge:
    return cached_knowledge() if dictionaries else build_knowledge()
