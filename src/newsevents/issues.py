"""Issues and discards from the field's dictionaries (data/petrarch/), for the event coder.

- `discarded(sent)`: the sentence matches a phrase of Phoenix.discards.txt (sports results,
  shows, celebrities): it codes no event, unless a party of its events is a state body
  (`STATE_SECTORS`: a government, the police, the army, a court...), see `screened`. A phrase is matched at the start of a word, case aside;
  one ending in `_` must also end a word, else it is a stem. Bare years and "N years ago", which
  PETRARCH used against historical chronologies, are read but not applied (they would silence
  today's news: see `dictionaries.read_discards`).
- `story_discarded(text)`: the page names story phrases (`+PHRASE`: a league, a tournament, a
  player's position) again and again (PETRARCH dropped a story naming one): every sentence of the
  page is screened as if it matched a discard phrase, so a match report's "beat", "hit" and
  "clash" and its players' quotes code nothing, while a state body's acts on the page stay.
- `with_issues(sent, events)`: each event gets the issue codes of its sentence (Phoenix.IssueCoding.txt,
  `Event.issues`, in order of appearance), less those of a section whose ignore phrase (`~...`) is
  there ("won in a landslide" is no NATURAL_DISASTER, and still an ELECTION); an event
  whose CAMEO code leaves its PLOVER context empty takes the context of its first issue that
  `data/issue_contexts.tsv` maps.

`EventCoder.code` calls `screened` (both), one line, per sentence.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

from newsevents import cache
from newsevents.dictionaries import read_discards, read_issues
from newsevents.knowledge import _data_path

_WORD = re.compile(r"\w(?:[\w'.-]*\w)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class IssueTagger:
    def __init__(self, issues, contexts: dict[str, str]):
        self.table: dict[tuple[str, ...], str] = {}
        for phrase, code in issues.phrases.items():
            key = tuple(_words(phrase))
            if key:
                self.table.setdefault(key, code)
        # an ignore phrase cancels the issues of its own section only (see dictionaries.Issues)
        self.ignore: dict[tuple[str, ...], set[str]] = {}
        for phrase in issues.ignore:
            if _words(phrase):
                scopes = getattr(issues, "ignore_in", {}).get(phrase, {""})
                self.ignore.setdefault(tuple(_words(phrase)), set()).update(scopes)
        self.category = dict(issues.categories)
        self.longest = max((len(k) for k in self.table.keys() | self.ignore), default=1)
        self.contexts = contexts
        # a phrase's first word -> the lengths of the phrases (issue or ignore) it begins, shortest
        # first: a word begins none of them, most often, and then no longer key is built at all
        sizes: dict[str, set[int]] = {}
        for key in self.table.keys() | self.ignore.keys():
            sizes.setdefault(key[0], set()).add(len(key))
        self.sizes = {word: tuple(sorted(lengths)) for word, lengths in sizes.items()}

    def issues(self, text: str) -> list[str]:
        words = _words(text)
        found: dict[str, None] = {}
        cancelled: set[str] = set()
        for start in range(len(words)):
            for size in self.sizes.get(words[start], ()):
                if size > len(words) - start:
                    break
                key = tuple(words[start:start + size])
                if key in self.ignore:
                    cancelled |= self.ignore[key]
                code = self.table.get(key)
                if code is not None:
                    found.setdefault(code)
        if "" in cancelled:
            return []
        return [code for code in found if self.category.get(code, "") not in cancelled]


class Discarder:
    """`discarder()(text)`: whether `pattern` (every discard phrase, at the start of a word, case
    aside) is found in the text. The one expression tries its hundreds of phrases one by one at
    each word of the text; the same phrases grouped by their first character are tried only where
    a word begins with that character (`_starts`): the same answer, without trying each phrase at
    each word (in a Russian text, most often at none)."""

    def __init__(self, discards):
        phrases = sorted(discards.sentence + discards.story, key=lambda p: -len(p[0]))
        parts = [re.escape(p).replace(r"\ ", r"\s+") + (r"(?!\w)" if whole else "") for p, whole in phrases]
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE) if parts else None
        by_first: dict[str, list[str]] = {}
        for (phrase, _), part in zip(phrases, parts):
            by_first.setdefault(phrase[:1], []).append(part)
        self._groups: dict[str, re.Pattern] | None = None
        if by_first and all(first and not first.isspace() for first in by_first):
            self._groups = {first: re.compile(r"(?<!\w)(?:" + "|".join(group) + ")", re.IGNORECASE)
                            for first, group in by_first.items()}
            firsts = "".join(re.escape(first) for first in by_first)
            self._starts = re.compile(r"(?<!\w)[" + firsts + "]", re.IGNORECASE)
            self._groups_of: dict[str, list[re.Pattern]] = {}  # a character -> the groups it can begin

    def __call__(self, text: str) -> bool:
        if self._groups is None:
            return bool(self.pattern and self.pattern.search(text))
        for start in self._starts.finditer(text):
            char = start.group()
            groups = self._groups_of.get(char)
            if groups is None:  # the groups whose first character this is, case aside (as `pattern` reads it)
                groups = self._groups_of[char] = [pattern for first, pattern in self._groups.items()
                                                  if re.fullmatch(re.escape(first), char, re.IGNORECASE)]
            if any(pattern.match(text, start.start()) for pattern in groups):
                return True
        return False


def _contexts() -> dict[str, str]:
    contexts = {}
    with open(_data_path("issue_contexts.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                issue, context = line.rstrip("\n").split("\t")[:2]
                contexts[issue.strip()] = context.strip()
    return contexts


TAGGER_VERSION = 1  # the cached tagger's format


@lru_cache(maxsize=1)
def tagger() -> IssueTagger:
    """The issue tagger, kept in a pickle in the cache folder keyed by the sha1 of the issue file,
    the contexts table and the readers' code: reading Phoenix.IssueCoding.txt took 0.05-0.08 s of
    every `newsevents code`."""
    sources = [_data_path("petrarch", "Phoenix.IssueCoding.txt"), _data_path("issue_contexts.tsv"),
               Path(__file__), Path(__file__).with_name("dictionaries.py")]
    digest = hashlib.sha1(str(TAGGER_VERSION).encode())
    for path in sources:
        digest.update(path.read_bytes())
    return cache.cached(cache.cache_dir() / f"issues-{digest.hexdigest()}.pickle",
                        lambda: IssueTagger(read_issues(sources[0])[0], _contexts()),
                        lambda t: isinstance(t, IssueTagger), replaces="issues-*.pickle")


@lru_cache(maxsize=1)
def discarder() -> Discarder:
    return Discarder(read_discards(_data_path("petrarch", "Phoenix.discards.txt"))[0])


def discarded(sent) -> bool:
    """The sentence (a spaCy Span, or text) matches a discard phrase: it codes no event."""
    return discarder()(getattr(sent, "text", sent))


@lru_cache(maxsize=1)
def story_discarder() -> Discarder:
    return Discarder(replace(read_discards(_data_path("petrarch", "Phoenix.discards.txt"))[0], sentence=[]))


# A page that names a story phrase once or twice may be politics recalling a league or a cup in passing; a
# sports story names its league, tournament or players' positions again and again.
STORY_MENTIONS = 3


def story_discarded(text: str) -> bool:
    """The page (its whole text) names story phrases `STORY_MENTIONS` times: a sports story, whose
    contests are no conflict."""
    pattern = story_discarder().pattern
    return pattern is not None and len(list(islice(pattern.finditer(text), STORY_MENTIONS))) >= STORY_MENTIONS


# Sectors of state power. A discard phrase names a sport or a show, but where the police, the
# army, a court, a legislature or a government acts, the sentence is politics that happens to
# name one ("jailed 52 members ... for playing in a youth football tournament", "police clashed
# with football fans"): it keeps its events. Countries standing for teams carry no sector.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# An international organisation is no team or cast either: where the EU or the UN acts, a discard
# phrase (a disease such as EBOLA) names the subject of its politics ("The EU has provided aid to
# stem the Ebola outbreak": 071), not a story outside them.
STATE_PREFIXES = ("IGO",)


def _state_party(event) -> bool:
    return any(actor is not None and (actor.sector in STATE_SECTORS or (actor.code or "").startswith(STATE_PREFIXES))
               for actor in (event.source, event.target))


def screened(sent, events: Iterable, story: bool = False) -> list:
    """The events of a sentence as the coder keeps them: none when the sentence, or its story
    (`story`: `story_discarded`), matches a discard phrase and no party is a state body
    (`STATE_SECTORS`), else each with its issues (`with_issues`)."""
    events = list(events)
    if events and (story or discarded(sent)) and not any(_state_party(e) for e in events):
        return []
    return with_issues(sent, events)


def with_issues(sent, events: Iterable) -> list:
    """The events of a sentence, each with the sentence's issues and, where its PLOVER context is
    empty, the context its first mapped issue gives."""
    events = list(events)
    if not events:
        return events
    table = tagger()
    found = table.issues(getattr(sent, "text", sent))
    if not found:
        return events
    context = next((table.contexts[i] for i in found if i in table.contexts), None)
    for event in events:
        event.issues = list(found)
        if context and event.plover is not None and not event.plover.get("context"):
            event.plover = {**event.plover, "context": context}
    return events
