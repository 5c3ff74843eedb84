"""Actors stage: mentions in a parsed document -> CAMEO actor codes (RUSGOV, USAMIL, IGOUNO, SYRREB).

Phrases of the knowledge tables are found with spaCy's PhraseMatcher; a mention is the run of
name and title tokens around a noun (`Russian Defense Minister Sergei Shoigu`), and its code
combines what the phrases in it say: a country (name, demonym, capital) and a sector (a role).
People seen with a role are remembered for the rest of the document ("Lavrov" -> RUSGOV).
"""
from __future__ import annotations

import difflib
import hashlib
import json
import pickle
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newsevents.knowledge import (
    ADJECTIVE, AGENT, CAPITAL, COUNTRY, ETHNIC, IGO, PERSON, SEAT, Entry, Knowledge, default_knowledge,
    phrase_words,
)
from newsevents import cache

PLACE = "place"  # a city or region the gazetteer places in a country ("Baghdad" -> IRQ)
_STATE_KINDS = (COUNTRY, ADJECTIVE, CAPITAL, SEAT, PLACE)
_PLACE_KINDS = (COUNTRY, CAPITAL, SEAT, PLACE)
from newsevents.coreference import Coreference, _named_by_who
from newsevents.records import Actor
from newsevents.datelines import DATELINE_CHARS, dateline_spans

# Dependencies by which a modifier belongs to the noun phrase of its head.
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "case", "det", "nummod", "flat"}
_NAME_POS = {"PROPN"}
# Words that join coordinated modifiers ("US and Russian officials", "американские и британские самолеты").
_AND_WORDS = ("and", ",", "or", "и", "или")
# A people, not a state, before its demonym ("ethnic Albanians", "этнические албанцы"; the Russian by lemma).
_ETHNIC_WORDS = ("ethnic", "этнический")


@lru_cache(maxsize=None)
def actor_words(language: str) -> dict:
    """The words of a language the actor stage's mechanisms read: prepositions of belonging and
    affiliation, state bodies, determiners and pronouns (data/actors/grammar.json for English,
    data/<language>/grammar.json for the others)."""
    folder = "actors" if language == "en" else language
    return json.loads((Path(__file__).parent / "data" / folder / "grammar.json").read_text(encoding="utf-8"))
_STANCE_PREFIXES = ("anti", "pro")  # "an anti-Syria journalist" is no Syrian
_FUZZY_MIN_LENGTH, _FUZZY_CUTOFF = 6, 0.88  # "Quatar", "Afganistan", "Ethopia"
_INSTITUTION_SECTORS = {"LEG", "JUD", "GOV", "COP", "SPY", "MIL"}  # "the Senate", "the Interior Ministry"
# sectors whose people belong to the country a document is about when none is named ("prosecutors")
_DOMESTIC_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "CVL", "EDU", "HLH", "LAB", "MED", "BUS", "AGR",
                     "ELI", "OPP", "PTY"}
_GROUP_SECTORS = {"REB", "SEP", "RAD", "UAF", "CRM", "INS"}  # groups whose leaders are not a government
_SIDE_SECTORS = {"OPP"}  # a side that a modifier gives a generic role ("opposition activists": _side)
_GENERIC_ROLE_SECTORS = {"CVL", "PTY"}  # people at large, party people: what a side qualifies


def _plurals(phrase: str) -> list[str]:
    """A role phrase and its English plural ("foreign minister" -> "foreign ministers")."""
    words = phrase.split()
    last = words[-1]
    if last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es" if not last.endswith("s") else last
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith("man"):
        plural = last[:-3] + "men"
    else:
        plural = last + "s"
    return [phrase] if plural == last else [phrase, " ".join(words[:-1] + [plural])]


def _name_ends(name: str) -> tuple[str, str]:
    return "^" + name[0].lower(), name[-2:].lower() + "$"


class WordMatcher:
    """spaCy's PhraseMatcher(attr="LOWER") for phrases given as lower-case token strings: the same
    matches (every phrase at every start, shorter first), but adding a phrase needs no Doc, so no
    vocabulary entry for each of its words (~36,000 with the field's dictionaries, seconds)."""

    def __init__(self) -> None:
        self.phrases: set[tuple[str, ...]] = set()
        self.lengths: dict[str, tuple[int, ...]] = {}  # first word -> the lengths of its phrases

    def add(self, phrases: Iterable[tuple[str, ...]]) -> None:
        lengths: dict[str, set[int]] = {w: set(n) for w, n in self.lengths.items()}
        for words in phrases:
            if words:
                self.phrases.add(tuple(words))
                lengths.setdefault(words[0], set()).add(len(words))
        self.lengths = {w: tuple(sorted(n)) for w, n in lengths.items()}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        lower = [t.lower_ for t in doc]
        found = []
        for start, word in enumerate(lower):
            for size in self.lengths.get(word, ()):
                end = start + size
                if end <= len(lower) and (size == 1 or tuple(lower[start:end]) in self.phrases):
                    found.append((0, start, end))
        return found


def _index(tokenizer, knowledge: Knowledge) -> tuple:
    """What the actor coder looks phrases up in: the matcher of every phrase (and each role's
    plural) as lower-case words, the entries of each lower-case form, and the single-word country
    names and demonyms for misspelt names, by their first letter and last two."""
    matcher, entries_of = WordMatcher(), {}
    written: dict[str, str] = {}  # key -> a form as written: "u.n." splits where "U.N." does not
    for phrase, entries in knowledge.phrases.items():
        forms = _plurals(phrase) if any(e.kind == AGENT for e in entries) else [phrase]
        for form in forms:
            entries_of.setdefault(form.lower(), []).extend((phrase, e) for e in entries)
            written.setdefault(form.lower(), form)
    matcher.add(phrase_words(tokenizer, list(written.values())))  # tokenized once per machine
    # single-word country names and demonyms, for names misspelt in the news ("Quatar")
    fuzzy: dict[str, Entry] = {}
    for phrase, entries in knowledge.phrases.items():
        states = [e for e in entries if e.kind in (COUNTRY, ADJECTIVE)]
        if states and " " not in phrase and len(phrase) >= 4 and phrase[:1].isupper() and not phrase.isupper():
            fuzzy.setdefault(phrase, states[0])
    # compared only with names that share the first letter or the last two (a misspelling
    # rarely changes both): 1 ms a new name against all 680 names, 0.06 ms this way
    fuzzy_by_end: dict[str, list[str]] = {}
    for name in sorted(fuzzy):
        for end in _name_ends(name):
            fuzzy_by_end.setdefault(end, []).append(name)
    return matcher, entries_of, fuzzy, fuzzy_by_end


class _PackedEntries(dict):
    """Lower-case form -> its pickled (phrase, Entry) list, unpickled when first looked up: a
    sentence looks up a handful of the ~40,000 forms, and unpickling all their entries was most of
    the start-up the field's dictionaries added."""

    def get(self, form: str, default=None):
        value = dict.get(self, form)
        if value is None:
            return default
        if type(value) is bytes:
            value = pickle.loads(value)
            self[form] = value
        return value


INDEX_VERSION = 1  # the cached index's format


def _cached_index(tokenizer, knowledge: Knowledge) -> tuple | None:
    """`_index` of the default knowledge (`Knowledge.key`), kept in one pickle per machine keyed by
    the knowledge and the tokenizer (its rules, spaCy's version): the matcher, the entries of each
    form pickled apart (`_PackedEntries`) and the misspelling tables, read in ~0.05 s where building
    them from the knowledge took ~0.6 s with the field's dictionaries. None when the tokenizer
    cannot describe itself."""
    to_bytes = getattr(tokenizer, "to_bytes", None)
    if to_bytes is None:
        return None
    from spacy import __version__ as spacy_version

    rules = hashlib.sha1(spacy_version.encode() + to_bytes(exclude=["vocab"])).hexdigest()[:12]
    path = cache.cache_dir() / f"actors-{INDEX_VERSION}-{knowledge.key}-{rules}.pickle"

    def build() -> tuple:
        matcher, entries_of, fuzzy, fuzzy_by_end = _index(tokenizer, knowledge)
        packed = {form: pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL) for form, pairs in entries_of.items()}
        return ("actors", INDEX_VERSION, matcher, packed, fuzzy, fuzzy_by_end)

    value = cache.cached(path, build, lambda v: isinstance(v, tuple) and v[:2] == ("actors", INDEX_VERSION),
                         replaces=f"actors-{INDEX_VERSION}-*.pickle", keep=1)
    _, _, matcher, packed, fuzzy, fuzzy_by_end = value
    return matcher, _PackedEntries(packed), fuzzy, fuzzy_by_end


class ActorCoder:
    """Codes the actor mentions of a spaCy Doc; build once, call `code(doc, date)` per document."""

    language = "en"  # whose grammar.json the mechanisms read (`words`)

    @property
    def words(self) -> dict:
        return actor_words(self.language)

    def __init__(self, tokenizer, knowledge: Knowledge | None = None):
        """`tokenizer` turns a phrase into a Doc: `nlp.tokenizer` (or `nlp.make_doc`)."""
        self.knowledge = knowledge or default_knowledge()
        index = _cached_index(tokenizer, self.knowledge) if self.knowledge.key else None
        self.matcher, self._entries, self._fuzzy, self._fuzzy_by_end = index or _index(tokenizer, self.knowledge)
        # phrases that are never actors ("Cold War"), found like the actors' own phrases
        self.non_actor_matcher = PhraseMatcher(tokenizer.vocab, attr="LOWER")
        self.non_actor_matcher.add("NON_ACTOR", [tokenizer(p) for p in self.knowledge.non_actors])
        self._gazetteer = None
        self._fuzzy_seen: dict[str, Entry | None] = {}  # name -> its country, per coder

    def _places(self, doc: Doc, pieces: dict[int, tuple[Span, Entry]], blocked: set[int]) -> None:
        """Place names (GPE/LOC entities) the tables lack, placed in their country by the gazetteer."""
        for ent in doc.ents:
            # a NORP the parser gave a place after a preposition ("near Samarra") is a place too
            place_like = ent.label_ in ("GPE", "LOC") or (
                ent.label_ == "NORP" and all(t.pos_ == "PROPN" for t in ent) and ent.root.dep_ == "pobj")
            if not place_like or any(t.i in blocked for t in ent):
                continue
            inside = {pieces[t.i][1].country for t in ent if t.i in pieces}
            if inside and not self._wider_place(ent, pieces):
                continue
            found = self._gazetteer_lookup(ent.text)
            if found is not None and found.country and found.country not in inside:
                entry = Entry(PLACE, ent.text, country=found.country)
                for token in ent:
                    pieces[token.i] = (ent, entry)

    def _named_places(self, doc: Doc, pieces: dict[int, tuple[Span, Entry]], blocked: set[int]) -> None:
        """A name after a place noun and "of" ("the eastern city of Kharkiv", "the town of Khan
        Younis") is a place whatever the parser labelled it, or not; the gazetteer places it
        (grammar.json place_nouns)."""
        nouns = self.words.get("place_nouns", ())
        for token in doc:
            if (token.pos_ != "PROPN" or token.dep_ != "pobj" or token.head.lower_ != "of" or token.i in pieces
                    or token.i in blocked or token.head.head.lemma_.lower() not in nouns):
                continue
            name = doc[min(t.i for t in token.subtree if t.pos_ == "PROPN"):token.i + 1]
            found = self._gazetteer_lookup(name.text)
            if found is not None and found.country:
                entry = Entry(PLACE, name.text, country=found.country)
                for word in name:
                    pieces[word.i] = (name, entry)

    def _located_names(self, doc: Doc, pieces: dict[int, tuple[Span, Entry]], blocked: set[int]) -> None:
        """A one-word name a locative preposition takes ("a drone strike on Odesa", "fighting in
        Zaporizhzhia") is the place the gazetteer knows by it, whatever entity the parser saw there
        (grammar.json locative_preps; a person's two-word name is left alone)."""
        preps = self.words.get("locative_preps", ())
        for token in doc:
            if (token.pos_ != "PROPN" or token.dep_ != "pobj" or token.head.lower_ not in preps or token.i in pieces
                    or token.i in blocked or any(c.pos_ == "PROPN" for c in token.children)):
                continue
            found = self._gazetteer_lookup(token.text)
            if found is not None and found.country:
                pieces[token.i] = (doc[token.i:token.i + 1], Entry(PLACE, token.text, country=found.country))

    def _places_in_regions(self, doc: Doc, pieces: dict[int, tuple[Span, Entry]], blocked: set[int]) -> None:
        """A place named with the region or country it lies in after a comma ("Palm Beach, Florida",
        "San Ysidro, California") is in that region's country, whichever other place of that name
        the gazetteer knows better (Palm Beach, Queensland). A country or a capital of the tables
        keeps its own ("Moscow, Idaho" is rare; "Russia, China and Iran" is a list)."""
        ents = [e for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") and not any(t.i in blocked for t in e)]
        for place, region in zip(ents, ents[1:]):
            if region.start != place.end + 1 or doc[place.end].text != "," or region.label_ == "FAC":
                continue
            if any(t.i in pieces and pieces[t.i][1].kind != PLACE for t in place):
                continue
            country = self._region_country(region, pieces)
            if country is None:
                continue
            named = doc[place.start + (place[0].lower_ == "the"):place.end]
            entry = Entry(PLACE, named.text, country=country)
            for token in named:
                pieces[token.i] = (named, entry)

    def _region_country(self, region: Span, pieces: dict[int, tuple[Span, Entry]]) -> str | None:
        piece = pieces.get(region.start)
        if piece is not None and piece[0] == region and piece[1].kind == COUNTRY:
            return piece[1].country
        if self._gazetteer is None:
            from newsevents.whenwhere import gazetteer  # loaded on first need: it takes seconds
            self._gazetteer = gazetteer()
        return self._gazetteer.region_country(region.text)

    @staticmethod
    def _wider_place(ent: Span, pieces: dict[int, tuple[Span, Entry]]) -> bool:
        """A place whose name holds a country's ("New Mexico", "New Jersey", "Northern Ireland"):
        the tables matched only the country's words, so the gazetteer's place of the whole name
        decides (when it is in another country)."""
        spans = {pieces[t.i][0] for t in ent if t.i in pieces}
        return all(span.start >= ent.start and span.end <= ent.end and len(span) < len(ent) for span in spans) and all(
            pieces[t.i][1].kind in (COUNTRY, ADJECTIVE) for t in ent if t.i in pieces)

    def _gazetteer_lookup(self, name: str):
        if self._gazetteer is None:
            from newsevents.whenwhere import gazetteer  # loaded on first need: it takes seconds
            self._gazetteer = gazetteer()
        return self._gazetteer.lookup(name)

    def _misspelt(self, doc: Doc, pieces: dict[int, tuple[Span, Entry]], blocked: set[int]) -> None:
        """A capitalised name the tables lack that is one letter or two from a country's name or
        demonym ("Quatar's emir", "Afganistan", "Ethopia"): that country."""
        for token in doc:
            if (token.i in pieces or token.i in blocked or token.pos_ != "PROPN" or len(token.text) < _FUZZY_MIN_LENGTH
                    or not token.is_title or token.ent_type_ not in ("GPE", "NORP", "ORG", "LOC")):
                continue
            if token.text not in self._fuzzy_seen:
                if len(self._fuzzy_seen) > 50_000:  # a bound on memory over a long corpus
                    self._fuzzy_seen.clear()
                names = dict.fromkeys(n for end in _name_ends(token.text) for n in self._fuzzy_by_end.get(end, ()))
                close = difflib.get_close_matches(token.text, list(names), n=1, cutoff=_FUZZY_CUTOFF)
                self._fuzzy_seen[token.text] = self._fuzzy[close[0]] if close else None
                if close:  # a place the gazetteer knows is no misspelling: "Indiana" is not "India"
                    place = self._gazetteer_lookup(token.text)
                    if place is not None and place.country:
                        self._fuzzy_seen[token.text] = Entry(PLACE, token.text, country=place.country)
            entry = self._fuzzy_seen[token.text]
            if entry is not None:
                pieces[token.i] = (doc[token.i:token.i + 1], entry)

    # -- matching -------------------------------------------------------------------------------
    def _pieces(self, doc: Doc, date: str | None) -> dict[int, tuple[Span, Entry]]:
        """Token index -> the longest matched phrase covering it and what it says."""
        found: list[tuple[Span, Entry]] = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            found.extend((span, e) for e in self._entries_for(span, date))
        blocked, listed = self._non_actor_tokens(doc)
        # a country's name inside a person's ("Chad Wolf", "Robert Jordan") is part of the name
        names = {t.i: ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                 and all(w.text[:1].isupper() for w in ent) for t in ent}  # not "Ana Rojas of Chile"
        pieces: dict[int, tuple[Span, Entry]] = {}
        for span, entry in sorted(found, key=lambda f: len(f[0])):  # longer matches win
            # a country's full name outweighs the parser's label ("Christmas Island" is no DATE)
            stop = listed if len(span) > 1 and entry.kind in (COUNTRY, IGO) else blocked
            if any(t.i in stop for t in span) or _after_stance_prefix(span):
                continue
            if entry.kind == COUNTRY and span.start in names and len(span) < len(names[span.start]) \
                    and span.end <= names[span.start].end:
                continue
            for token in span:
                pieces[token.i] = (span, entry)
        self._places(doc, pieces, blocked)
        self._named_places(doc, pieces, blocked)
        self._located_names(doc, pieces, blocked)
        self._places_in_regions(doc, pieces, blocked)
        self._misspelt(doc, pieces, blocked)
        return pieces

    def _entries_for(self, span: Span, date: str | None) -> list[Entry]:
        """Entries whose phrase fits the text as written: names keep their capitals ("US" not "us")."""
        kept = []
        candidates = self._entries.get(span.text.lower(), [])
        for phrase, entry in candidates:
            if entry.kind == AGENT:  # roles are common nouns: any case, singular or plural
                kept.append(entry)
                continue
            if phrase.isupper() and span.text != phrase:
                continue
            if phrase[:1].isupper() and not span.text[:1].isupper():
                continue
            if entry.kind == PERSON and not entry.valid_on(date):
                continue
            kept.append(entry)
        people = [e for p, e in candidates if e.kind == PERSON and not e.strict_dates
                  and (p[:1].isupper() <= span.text[:1].isupper())]
        if people and not any(e.kind == PERSON for e in kept):
            # out of office on this date: still of their country, as an elite (CAMEO ELI)
            kept.append(replace(people[0], sector="ELI", valid_from=None, valid_to=None))
        return kept

    def _non_actor_tokens(self, doc: Doc) -> tuple[set[int], set[int]]:
        """Tokens of entities that are never actors (dates, events, ...) and, apart, of listed phrases."""
        blocked: set[int] = set()
        listed: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "MONEY", "PERCENT") and not _main_clause(ent):
                blocked.update(t.i for t in ent)
        for start, end in dateline_spans(doc.text[:DATELINE_CHARS]):  # "JERUSALEM, Aug 9 -" files, not acts
            span = doc.char_span(start, end, alignment_mode="expand")
            listed.update(t.i for t in span or ())
        for token in doc:
            if token.text.endswith("-") and token.i + 1 < len(doc) and _after_stance_prefix(doc[token.i + 1:token.i + 2]):
                listed.add(token.i + 1)
            if token.is_currency and token.i > 0 and doc[token.i - 1].is_upper:
                listed.add(token.i - 1)  # "US $50 million", "HK$": a currency, not an actor
        for _, start, end in self.non_actor_matcher(doc):
            listed.update(range(start, end))
        listed.update(_law_titles(doc, self.words.get("law_heads", ())))  # they outweigh a country's full name
        return blocked | listed, listed

    # -- mentions -------------------------------------------------------------------------------
    def code(self, doc: Doc, date: str | None = None) -> DocActors:
        pieces = self._pieces(doc, date)
        return DocActors(doc, pieces, self.knowledge.actor_nouns, self.knowledge.part_nouns)


class DocActors(Coreference):
    """The actors of one document: ask `actors_of(token)` for the actor(s) a noun phrase names."""

    language = "en"  # whose grammar.json the mechanisms read (`words`)

    def __init__(self, doc: Doc, pieces: dict[int, tuple[Span, Entry]],
                 actor_nouns: frozenset[str] | set[str] = frozenset(), part_nouns: frozenset[str] | set[str] = frozenset()):
        self.doc = doc
        self.pieces = pieces
        self.actor_nouns = actor_nouns
        self.part_nouns = part_nouns
        self.words = actor_words(self.language)
        self.people: dict[str, Actor] = {}  # surname or full name -> coded actor seen earlier
        self.acronyms: dict[str, Actor] = {}  # "NYAG" after "the New York State Attorney General (NYAG)"
        self._cache: dict[int, list[Actor]] = {}
        self._history: list[tuple[Token, Actor]] = []  # coded phrases so far, for pronouns
        self._main = self._main_country()  # for people the tables lack (_code_phrase)
        self._sentence_of: list[tuple[int, int]] | None = None  # each token's sentence bounds (_sentence)
        self._code_all()
        if self._main is None:
            self._main = self._mentioned_country()
            if self._main is not None:  # again, now that people the tables lack have a country
                self.people.clear()
                self.acronyms.clear()
                self._cache.clear()
                self._history.clear()
                self._code_all()
        self._place_institutions()
        self._resolve_descriptions()

    def _code_all(self) -> None:
        for token in self.doc:  # in document order, so that coreference sees earlier mentions first
            if token.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
                self.actors_of(token)

    def _place_institutions(self) -> None:
        """A national institution named without its country ("the Senate", "the Supreme Court",
        "Parliament") is of the document's country when the document names one country only."""
        countries = {entry.country for _, entry in self.pieces.values()
                     if entry.kind in _STATE_KINDS and entry.country}
        if len(countries) != 1:
            return
        country = countries.pop()
        for index, actors in self._cache.items():
            token = self.doc[index] if index >= 0 else None
            if token is None or not (token.pos_ == "PROPN" or (token.is_title and not token.is_sent_start)):
                continue  # a name ("the Senate"), not a sentence's first common noun ("Police said")
            self._cache[index] = [replace(a, code=country + a.code, country=country)
                                  if a.country is None and a.code in _INSTITUTION_SECTORS and a.code == a.sector else a
                                  for a in actors]

    def _resolve_descriptions(self) -> None:
        """In-document coreference of definite descriptions. A role noun with no country of its
        own ("the ministry", "the president", "the police", "prosecutors") takes the country of the
        nearest earlier actor of its sector; failing that, of the document's main country
        (`_main_country`) when its sector is a state's or its society's (_DOMESTIC_SECTORS), not
        an armed group's or a refugee's. A role named as a name ("the Interior Ministry") takes
        only the main country. A bare "the group", "the agency" is `_description`'s."""
        main = self._main
        by_sector: dict[str, Actor] = {}
        for index in sorted(i for i in self._cache if i >= 0):
            token, actors = self.doc[index], self._cache[index]
            resolved = []
            for actor in actors:
                if actor.country is None and actor.sector and actor.code == actor.sector:
                    domestic = main if actor.sector in _DOMESTIC_SECTORS else None
                    # a name ("the Interior Ministry", "Interior Minister Ana Rojas") borrows no
                    # earlier actor's country, but is of the document's country as a role is
                    country = domestic if token.pos_ == "PROPN" else (
                        by_sector[actor.sector].country if actor.sector in by_sector else domestic)
                    if country:
                        actor = replace(actor, code=country + actor.sector, country=country)
                resolved.append(actor)
                if actor.country and actor.sector:
                    by_sector[actor.sector] = actor
            self._cache[index] = resolved

    def _main_country(self) -> str | None:
        """The country a document is about: the one its state words (names, demonyms, capitals,
        seats, places) name most, when it has at least three of them and twice the next one's."""
        counts: dict[str, int] = {}
        for index, (span, entry) in self.pieces.items():
            if entry.kind in _STATE_KINDS and entry.country and index == span.start:
                counts[entry.country] = counts.get(entry.country, 0) + 1
        ranked = sorted(counts.values(), reverse=True) + [0]
        if not counts or ranked[0] < 3 or ranked[0] < 2 * ranked[1]:
            return None
        return max(counts, key=counts.get)

    def place_country(self, token: Token) -> str | None:
        """The country of a place the token names (a country, capital or gazetteer place such as
        "Samarra", whatever label the parser gave it), not of a demonym ("Iraqi")."""
        piece = self.pieces.get(token.i)
        return piece[1].country if piece and piece[1].kind in _PLACE_KINDS else None

    def is_place(self, token: Token) -> bool:
        """A city or region the gazetteer placed ("Geneva", "Samarra"), not a country or a capital
        that stands for its government ("Moscow")."""
        piece = self.pieces.get(token.i)
        return piece is not None and piece[1].kind == PLACE

    def is_city(self, token: Token) -> bool:
        """A capital or a gazetteer place, whatever the parser took it for (not a country's name,
        which is also a surname: "Jim Jordan")."""
        piece = self.pieces.get(token.i)
        return piece is not None and piece[1].kind in (CAPITAL, PLACE)

    def mentions(self) -> list[Actor]:
        """Every actor mention of the document, in order."""
        seen: dict[tuple[tuple[int, int], str], Actor] = {}
        for actors in self._cache.values():
            for actor in actors:
                seen.setdefault((actor.span, actor.code), actor)
        inside = _inside_others(seen.values())
        return [a for a in sorted(seen.values(), key=lambda a: a.span) if id(a) not in inside]

    def actors_of(self, token: Token) -> list[Actor]:
        """Actors named by the noun phrase around `token` (several for "US and Russian officials")."""
        head = phrase_head(token)
        if head.i != token.i and token.i in self.pieces and not self._names_actor(head):
            return self._modifier(token)  # "Israeli army bulldozers": the actor is "Israeli army"
        if head.i not in self._cache:
            if head.pos_ == "PRON":
                self._cache[head.i] = self._antecedent(head)
                # a later pronoun may stand for this one ("..., he said. He also said"): a chain
                self._history.extend((head, a) for a in self._cache[head.i])
            else:
                self._cache[head.i] = []  # guards against cycles while the phrase is coded
                start, end = phrase_bounds(head, self._sentence(head))
                own = self._code_segments(start, end) if self._names_actor(head) else []
                self._cache[head.i] = (self._pair(head) or self._described(head, own, start) or self._description(head)
                                       or self._named_in_apposition(head))
                self._history.extend((head, a) for a in self._cache[head.i])
                self._define_acronym(head)
        return self._cache[head.i]

    def _named_in_apposition(self, head: Token) -> list[Actor]:
        """"The suspect, Michael Webb, was convicted": a common noun that names no actor stands for
        the name its apposition gives."""
        if head.pos_ != "NOUN":
            return []
        return next((self.actors_of(c) for c in head.children
                     if c.dep_ == "appos" and c.i > head.i and c.pos_ == "PROPN"), [])

    def _define_acronym(self, head: Token) -> None:
        """An acronym in brackets after an actor's name ("the New York State Attorney General
        (NYAG)") names that actor wherever the document uses it later ("a spokesperson for the NYAG")."""
        doc, actors = self.doc, self._cache[head.i]
        for child in head.children:
            if (actors and child.dep_ == "appos" and child.i > head.i and _is_acronym(child.text)
                    and doc[child.i - 1].text == "(" and child.i + 1 < len(doc) and doc[child.i + 1].text == ")"):
                self.acronyms.setdefault(child.text, actors[0])

    def _sentence(self, token: Token) -> tuple[int, int]:
        """The bounds of the token's sentence, from a table of the document's made on first need:
        `token.sent` walks the sentence again on every call."""
        if self._sentence_of is None:
            self._sentence_of = [(s.start, s.end) for s in self.doc.sents for _ in range(s.start, s.end)]
        return self._sentence_of[token.i]

    def _described(self, head: Token, own: list[Actor], start: int) -> list[Actor]:
        """What the words after the head say about an actor the phrase leaves without a country:
        "the president of Armenia" -> ARMGOV, "police in Cairo" -> EGYCOP, "a group of Afghan
        refugees" -> AFGREF; and a person's apposition naming an organisation or a role ("Kenzo
        Oshima, the United Nations Emergency Relief Coordinator") -> that actor."""
        kinds = {self.pieces[i][1].kind for i in range(start, head.i + 1) if i in self.pieces}
        if head.pos_ == "PROPN" and kinds <= {PLACE}:  # a name the tables lack, or a place in it
            for child in head.children:
                if child.dep_ == "appos" and child.i > head.i:
                    described = self._affiliation(child) or [a for a in self.actors_of(child) if a.sector or not a.country]
                    if described:
                        name = self.doc[start:head.i + 1]
                        text, span = (own[0].text, own[0].span) if own else (name.text, (name.start_char, name.end_char))
                        person = _person_name(name)
                        found = [replace(a, text=text, span=span, name=person or text) for a in described]
                        if found[0].country or is_international(found[0]):
                            self._remember_described(found[0], person)
                        return found
        if any(a.country or is_international(a) for a in own):
            return self._people_of(head, own) or own
        lemma = head.lemma_.lower()
        part = lemma in self.part_nouns or head.lower_ in self.part_nouns
        if not own and not part and head.pos_ != "PROPN":  # a name: "Ana Rojas of Chile" is of Chile
            return own
        owned = self._owned(head, own)
        if owned:
            return owned
        # "a spokesperson for the British Foreign Office": the body a part speaks or acts for is
        # whose it is, as the whole after "of" is
        speaks_for = self.words.get("part_for_preps", ()) if part else ()
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in (*self.words["of_preps"], *speaks_for) or prep.i < head.i:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                # "the leaders of France and Germany": a role of each
                whole = part and (prep.lower_ == self.words["part_prep"] or prep.lower_ in speaks_for)
                found = [a for member in (pobj, *pobj.conjuncts)
                         for a in self._through(member, own, whole, prep.lower_ in self.words["origin_preps"])]
                if found:
                    return found
        return own

    def _owned(self, head: Token, own: list[Actor]) -> list[Actor]:
        """A role or body its possessor owns is the possessor's wherever it is ("its embassy in
        Baghdad" after "the State Department" -> USAGOV, not IRQGOV; "their troops in Syria")."""
        if not own or own[0].country is not None:
            return []
        owners = [a for c in head.children if c.dep_ == "poss" for a in self.actors_of(c)
                  if a.country or is_international(a)]
        sector = own[0].sector
        return [replace(o, code=o.country + sector if o.country and sector else o.code, sector=sector or o.sector,
                        text=own[0].text, span=own[0].span, name=own[0].name, also=()) for o in owners[:1]]

    def _affiliation(self, role: Token) -> list[Actor]:
        """The body a person's role is held at, where the apposition names one ("Philip Luther,
        Research Director for the Middle East at Amnesty International" -> NGOAMN, "local president
        of the prison workers' union" -> the union): the person speaks for it. A place ("attorney
        for the Southern District of New York") is no body: the role itself says more."""
        heads, unplaced = [role], []
        for _ in range(2):  # "director for the Americas at Amnesty": the body may follow another phrase
            objects = [p for head in heads for prep in head.children if prep.dep_ == "prep" and prep.i > head.i
                       and prep.lower_ in self.words["affiliation_preps"] for p in prep.children if p.dep_ == "pobj"]
            for pobj in objects:
                found = [a for a in self.actors_of(pobj) if a.sector or is_international(a)]
                if any(a.country or is_international(a) for a in found):
                    return found
                # "at the Department of Health Sciences at the U.K.'s University of York": a unit
                # with no country of its own belongs to the body after it, which has one
                unplaced = unplaced or found
            heads = objects
        return unplaced

    def _people_of(self, head: Token, own: list[Actor]) -> list[Actor]:
        """A people named by its demonym belongs to the state it is "of": "the Albanians of southern
        Serbia" -> SRB (an ethnic minority is coded to its country, as CAMEO does)."""
        if head.i not in self.pieces or self.pieces[head.i][1].kind != ADJECTIVE or head.pos_ == "ADJ":
            return []
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > head.i:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    piece = self.pieces.get(pobj.i)
                    if piece and piece[1].kind in (COUNTRY, PLACE) and piece[1].country != own[0].country:
                        country = piece[1].country
                        return [replace(a, code=country + (a.sector or ""), country=country) for a in own[:1]]
        return []

    def _through(self, pobj: Token, own: list[Actor], whole: bool, origin: bool = False) -> list[Actor]:
        """The actors a role or part takes from the object of its preposition; `origin` for "from",
        which names where people belong ("doctors from two American aid groups" -> USAHLH)."""
        everyone = self.actors_of(pobj)
        if whole and not own and everyone:
            return everyone  # "a group of refugees", "supporters of the former president"
        others = [a for a in everyone if a.country or len(a.code) > 3]
        state = pobj.i in self.pieces and self.pieces[pobj.i][1].kind in _STATE_KINDS
        # "the administration of US President Donald Trump": a government body led by a state's
        # leader is of that state, as "the government of Armenia" is
        led = bool(own) and own[0].sector == "GOV" and any(a.country and a.sector == "GOV" for a in others)
        if not others or not (whole or state or led or origin or any(a.country is None for a in others)):
            return []
        if own and own[0].country is None and len(own[0].code) > 3:  # a group with no country
            if not state:
                return []
            group = own[0]
            ethnic = group.code[:-len(group.sector)] if group.sector and group.code.endswith(group.sector) else group.code
            country = others[0].country
            return [replace(group, code=country + (group.sector or "") + ethnic, country=country)]
        sector = own[0].sector if own else None
        text = own[0].text if own else None
        found = []
        for other in others:
            if other.country and sector and (state or other.sector is None or origin):
                other = replace(other, code=other.country + sector, sector=sector)
            elif not whole and other.country is None and not own:
                continue
            found.append(replace(other, text=text, span=own[0].span, name=own[0].name) if own else other)
        return found

    def _modifier(self, token: Token) -> list[Actor]:
        """The run of known phrases around a modifier of a phrase that is not itself an actor."""
        key = -1 - token.i  # cached apart from the phrase the token belongs to
        if key not in self._cache:
            start = end = token.i
            sent = token.sent  # found by walking the sentence's tokens: once, not once a step
            while start - 1 >= sent.start and start - 1 in self.pieces:
                start -= 1
            while end + 1 < sent.end and end + 1 in self.pieces and self.doc[end + 1].dep_ != "poss":
                end += 1
            run = [self.pieces[i][1] for i in range(start, end + 1) if i in self.pieces]
            if token.pos_ == "ADJ" and all(e.kind == AGENT for e in run):
                self._cache[key] = []  # "terrorist activities", "military occupation": no actor
            else:
                self._cache[key] = self._code_segments(start, end + 1)
            self._history.extend((token, a) for a in self._cache[key])
        return self._cache[key]

    def _names_actor(self, head: Token) -> bool:
        """A phrase names an actor only when its head does: "Syria peace talks" is about talks."""
        if head.i in self.pieces or head.pos_ == "PROPN":
            return True
        if head.lemma_.lower() in self.actor_nouns or head.lemma_.lower() in self.part_nouns:
            return True
        return head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")

    def _code_segments(self, start: int, end: int) -> list[Actor]:
        """A phrase the parser joined across "and" ("Lavrov and Russian Defense Minister Sergei
        Shoigu") is coded as its parts; "US and Russian officials" stays one phrase."""
        cuts = [t.i for t in self.doc[start:end] if t.pos_ == "CCONJ" and _separates_names(t)]
        bounds = list(zip([start] + [c + 1 for c in cuts], cuts + [end]))
        return [a for s, e in bounds if e > s for a in self._code_phrase(s, e)]

    def _code_phrase(self, start: int, end: int) -> list[Actor]:
        doc = self.doc
        entries = [(i, self.pieces[i][1]) for i in range(start, end) if i in self.pieces]
        # "ethnic Albanians": a people, not the state of Albania; its country comes from the context
        ethnic = [(i, e) for i, e in entries if e.kind == ADJECTIVE and i > 0
                  and (doc[i - 1].lower_ in _ETHNIC_WORDS or doc[i - 1].norm_ in _ETHNIC_WORDS)]
        entries = [pair for pair in entries if pair not in ethnic]
        named = [t.text for t in doc[start:end] if t.pos_ != "DET"]
        if not entries and len(named) == 1 and named[0] in self.acronyms:
            span = doc[start:end]
            return [replace(self.acronyms[named[0]], text=span.text, span=(span.start_char, span.end_char), also=())]
        labelled = _person_name(doc[start:end])  # a person the parser labelled; else one known by other signs
        person = labelled or self._known_name(doc[start:end]) or _named_by_who(doc[start:end], self.words["person_relatives"])
        remembered = self._remembered(person)
        if person:  # "Kevin King", "King" after him: a role word inside a person's name is his surname
            alone = remembered is not None and len(person.split()) == 1
            entries = [(i, e) for i, e in entries if not (e.kind == AGENT and (
                (doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "I") or (alone and doc[i].text == person)))]
        if not entries and remembered is None:
            span = doc[start:end]
            if ethnic:
                return [Actor(span.text, span.text, "CVL", None, "CVL", (span.start_char, span.end_char))]
            if person and self._main and (labelled is None or all(t.ent_type_ == "PERSON" for t in span if t.pos_ == "PROPN")):
                # a person the tables lack, in a document about one country, is of that country
                return [self._keep(Actor(span.text, person, self._main, self._main, None,
                                         (span.start_char, span.end_char)), person)]
            return []
        igo = next((e for _, e in reversed(entries) if e.kind == IGO or (e.kind == ETHNIC and e.code)), None)
        groups = [e for _, e in entries if e.kind == ETHNIC and e.country]
        sector = _nearest(entries, lambda e: e.sector and e.kind in (AGENT, CAPITAL, SEAT, PERSON)
                          and not (e.kind == PERSON and e.sector == "ELI"), "sector")
        sector = _side(entries, _group_role(entries, igo, groups, sector, self.words["state_bodies"]))
        countries = _countries(entries, doc)
        if not countries and remembered:
            countries = [remembered.country] if remembered.country else []
            sector = sector or remembered.sector
        if groups and not countries:  # "Hamas" -> PSEREB, "Kurdish Taliban" keeps its group
            countries = [groups[-1].country]
            sector = sector or groups[-1].sector
        people = [e for _, e in entries if e.kind == PERSON]
        if people and not countries:
            countries = [people[-1].country]
        if people:
            sector = sector or people[-1].sector
        span = doc[start:end]
        text_span = (span.start_char, span.end_char)
        name = person or span.text
        if igo and not countries:
            kind = "IGO" if igo.kind == IGO else None
            code = igo.code + (sector or "") if igo.kind == ETHNIC else igo.code
            return [self._keep(Actor(span.text, igo.name, code, None, sector or kind, text_span), person)]
        if not countries:
            if sector is None:
                return []
            return [self._keep(Actor(span.text, name, sector, None, sector, text_span), person)]
        return [self._keep(Actor(span.text, name, c + (sector or ""), c, sector, text_span), person)
                for c in countries]


def _group_role(entries: list[tuple[int, Entry]], igo: Entry | None, groups: list[Entry], sector: str | None,
                state_bodies: list[str]) -> str | None:
    """A leader, official or commander of an armed or radical group is of that group, not of a
    government: "al-Qaida leaders" -> IMGREB, "Hamas officials" -> PSEREB. A group's own
    government or administration ("the Hamas government") stays GOV."""
    if sector not in ("GOV", "MIL"):
        return sector
    group = groups[-1] if groups else igo if igo is not None and igo.kind == ETHNIC else None
    if group is None:
        return sector
    own = group.sector if group.country else (group.code or "")[3:] or None
    if own not in _GROUP_SECTORS:
        return sector
    role = next((e for _, e in reversed(entries) if e.kind == AGENT and e.sector == sector), None)
    if role is not None and role.name.lower() in state_bodies:
        return sector
    return own if group.country else None


def _side(entries: list[tuple[int, Entry]], sector: str | None) -> str | None:
    """A role of people at large or of a party that a side qualifies is of that side, as CAMEO
    codes it: "opposition activists", "opposition politicians" -> OPP, not CVL or PTY."""
    if sector not in _GENERIC_ROLE_SECTORS:
        return sector
    return next((e.sector for _, e in entries if e.kind == AGENT and e.sector in _SIDE_SECTORS), sector)


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _law_titles(doc: Doc, heads) -> set[int]:
    """Tokens of names headed by a capitalised "Act" or "Treaty" ("the Hong Kong Human Rights and
    Democracy Act", "The Iran Freedom Bill"): a law's title, whatever label the recogniser gave it,
    so the place in it acts in nothing. A head inside a longer name ("Bill Gates") heads no title."""
    return {t.i for head in doc if head.is_title and head.lower_ in heads and head.dep_ not in ("compound", "nmod")
            for t in doc[head.left_edge.i:head.i + 1]}


def _main_clause(ent: Span) -> bool:
    """An entity holding its sentence's main verb is a clause the recogniser took for a title
    ("Officers arrested Webb" as a WORK_OF_ART after a quotation), whose subject may be an actor."""
    return ent.root.dep_ == "ROOT" and ent.root.pos_ in ("VERB", "AUX")


def is_international(actor: Actor) -> bool:
    """An IGO, NGO or international militarized group: its own code, no country to find."""
    return actor.country is None and actor.code[:3] in ("IGO", "NGO", "IMG", "NGM", "MNC", "INT", "UIS")


def _after_stance_prefix(span: Span) -> bool:
    """A name in "anti-Syria", "pro-Moscow": the stance of another actor, not its country."""
    doc, start = span.doc, span.start
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _STANCE_PREFIXES:
        return True
    return start >= 1 and doc[start - 1].lower_.rstrip("-") in _STANCE_PREFIXES and doc[start - 1].text.endswith("-")


def _separates_names(conj: Token) -> bool:
    before = conj.nbor(-1) if conj.i > 0 else None
    return before is not None and before.pos_ == "PROPN" and before.ent_type_ not in ("GPE", "NORP")


def _inside_others(actors: Iterable[Actor]) -> set[int]:
    """Ids of the mentions that are part of a longer mention of the same actor ("State John" in
    "Secretary of State John Kerry"); spans are unique per code. One sort and a sweep: checking
    every mention against every other took 16 of 31 s on a 150 KB text."""
    inside: set[int] = set()
    last_code, reach = None, -1
    # by code, then start, longer first: a span is inside another iff an earlier one reaches its end
    for actor in sorted(actors, key=lambda a: (a.code, a.span[0], -a.span[1])):
        if actor.code != last_code:
            last_code, reach = actor.code, -1
        if reach >= actor.span[1]:
            inside.add(id(actor))
        reach = max(reach, actor.span[1])
    return inside


def _nearest(entries: list[tuple[int, Entry]], wanted, attr: str) -> str | None:
    """The attribute of the wanted entry nearest to the phrase's head (its last token)."""
    for _, entry in reversed(entries):
        if wanted(entry):
            return getattr(entry, attr)
    return None


def _countries(entries: list[tuple[int, Entry]], doc: Doc) -> list[str]:
    """Countries named in a phrase: the one nearest its head, and those coordinated with it
    ("US and Russian officials" -> USA, RUS); "Russia's ally Syria" keeps SYR alone."""
    found = [(i, e.country, e.kind) for i, e in entries if e.kind in _STATE_KINDS and e.country]
    # "Bosnian Serb forces": a nationality right after a country name or demonym is an ethnic
    # qualifier of the first ("Bosnian Croat" -> BIH), not another country
    found = [(i, c) for n, (i, c, kind) in enumerate(found)
             if not (n and kind == ADJECTIVE and found[n - 1][0] == i - 1 and found[n - 1][1] != c
                     and entries_kind_at(entries, i - 1) in (ADJECTIVE, COUNTRY))]
    if not found:
        return []
    kept = [found[-1][1]]
    for (i, country), (j, _) in zip(reversed(found[:-1]), reversed(found[1:])):
        between = doc[i + 1:j]
        if not any(t.lower_ in _AND_WORDS for t in between):
            break
        if country not in kept:
            kept.insert(0, country)
    return kept


def entries_kind_at(entries: list[tuple[int, Entry]], index: int) -> str | None:
    return next((e.kind for i, e in entries if i == index), None)


def _person_name(span: Span) -> str | None:
    names = [t for t in span if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG"))]
    people = [t for t in span if t.ent_type_ == "PERSON" and not _with_article(t)]
    if not people:
        return None
    run = [t for t in names if t.i >= people[0].i]
    return " ".join(t.text for t in run) if run else None


def _with_article(token: Token) -> bool:
    """A name the definite article heads is no person's, whatever the parser labelled it: "fly to
    the Moon", "a role for the Gateway". One modifying a noun still is ("the Obama administration")."""
    before = token.doc[token.i - 1] if token.i > token.sent.start else None
    return (before is not None and token.dep_ not in ("compound", "flat", "poss")
            and "Art" in before.morph.get("PronType") and "Def" in before.morph.get("Definite"))


def phrase_head(token: Token) -> Token:
    """The noun a modifier belongs to: "Russian" in "Russian officials" -> "officials"."""
    # A possessor is an actor of its own: "Moscow's decision" names Moscow, not a decision.
    while token.dep_ in _MODIFIER_DEPS - {"poss"} and token.head.i != token.i and token.head.i > token.i:
        token = token.head
    return token


def phrase_bounds(token: Token, sentence: tuple[int, int] | None = None) -> tuple[int, int]:
    """The run of tokens naming one actor around `token`: its left modifiers and flat name parts.
    `sentence`: the bounds of the token's sentence, when the caller knows them."""
    if sentence is None:
        sentence = (token.sent.start, token.sent.end)
    sent_start, sent_end = sentence
    start = token.i
    for child in token.lefts:
        if child.dep_ in _MODIFIER_DEPS:
            start = min(start, child.left_edge.i)
    start = _extend_left_over_names(token, start, sent_start)
    end = token.i + 1
    while end < sent_end and _joins_right(token.doc[end], token):
        end += 1
    return start, end


def _extend_left_over_names(token: Token, start: int, floor: int) -> int:
    doc = token.doc
    while start > floor and doc[start - 1].pos_ in _NAME_POS and doc[start].pos_ in _NAME_POS:
        cases = doc[start - 1].morph.get("Case"), doc[start].morph.get("Case")
        if all(cases) and not set(cases[0]) & set(cases[1]):
            break  # the parts of one name agree in case: "в России Эдварду Сноудену" is two names
        start -= 1
    return start


def _joins_right(nxt: Token, head: Token) -> bool:
    """Title-case name parts that follow (a mis-attached "Chuck Hagel" after "Defense Secretary")."""
    if nxt.ent_type_ in ("DATE", "TIME"):
        return False
    if nxt.pos_ in _NAME_POS and nxt.dep_ in ("compound", "appos", "flat") and nxt.is_title:
        return head.pos_ in _NAME_POS or head.is_title
    return False
