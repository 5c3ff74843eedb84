"""Where an event's actors are: a sector or group with no country takes the country of the other
party or of the place named; an event with no doer or no target named takes the place's country;
a place named as the venue ("talks in Moscow", "the Minsk talks") is where, never who.
Helpers of `newsevents.events`, on spaCy tokens and the document's actors."""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from newsevents.actors import PLACE, DocActors, is_international
from newsevents.knowledge import CAPITAL, SEAT
from newsevents.patterns import objects
from newsevents.records import Actor

_GENERIC_FORCE = "IGOPKO"  # an unnamed peacekeeping force
# Sectors of people at large (civilians, workers, refugees, teachers, doctors, business, media, farmers):
# named only by a common noun, they are what a statement is about, not whom it is aimed at.
COMMON_SECTORS = {"CVL", "LAB", "REF", "EDU", "HLH", "BUS", "MED", "AGR"}
# Places that can be a venue: a city, a capital or a seat of government ("the Kremlin"). A country
# stays a party even before an event noun ("the Iran talks" are talks with Iran).
_VENUE_KINDS = (CAPITAL, SEAT, PLACE)


class Venues(NamedTuple):
    """Token indices of venues: named before a meeting noun ("the Minsk talks"), or in a locative
    phrase ("talks in Moscow", "postponed the rally in Baku"), with the word the phrase hangs on."""
    modifiers: set[int]
    locative: dict[int, int]


def venue_tokens(sent: Span, actors: DocActors, venue_preps: list[str], meeting_nouns: list[str],
                 is_event_noun) -> Venues:
    """Tokens of the places a sentence names as where something happened: the object of a locative
    preposition ("talks in Moscow", "met in Tokyo") or the modifier of a meeting noun ("the Minsk
    talks", "the Astana process"). A capital elsewhere (subject, object: "Moscow accused Kyiv";
    before an act: "a Beijing crackdown") still stands for its government; a city before any
    event noun is where it happened ("the Dayton accords"). `is_event_noun(token)`: a noun pattern
    matches it."""
    found = Venues(set(), {})
    for token in sent:
        piece = actors.pieces.get(token.i)
        if piece is None or piece[1].kind not in _VENUE_KINDS or piece[0].start <= token.head.i < piece[0].end:
            continue  # not a venue kind, or not the last word of the place's name
        noun = token.head
        before_event = noun.lower_ in meeting_nouns or noun.lemma_.lower() in meeting_nouns or (
            piece[1].kind == PLACE and is_event_noun(noun))
        if before_event and _modifies_alone(token, actors):
            found.modifiers.update(range(piece[0].start, piece[0].end))
        elif _in_locative_phrase(token, venue_preps):
            found.locative.update(dict.fromkeys(range(piece[0].start, piece[0].end), token.head.head.i))
    return found


def _in_locative_phrase(place: Token, venue_preps: list[str]) -> bool:
    return place.dep_ == "pobj" and place.head.lower_ in venue_preps


def _modifies_alone(place: Token, actors: DocActors) -> bool:
    """"The Minsk talks", "the US-Russia Geneva talks"; not "Moscow-Kyiv talks", where the place is
    paired with another one as the talks' two sides."""
    return place.dep_ in ("compound", "nmod") and not any(
        actors.place_country(side) for side in place.children if side.dep_ in ("compound", "nmod", "amod", "conj"))


class PartiesView:
    """The document's actors as an event's parties. A venue names none ("the Minsk talks", "talks
    in Moscow"), except that a place another act is done in stands for its country, not its
    government ("struck targets in Damascus" -> SYR), as `placed` codes it. Everything else is
    asked of the document's actors."""

    def __init__(self, actors: DocActors, venues: Venues, meeting: bool, event_words: set[int]):
        self.actors = actors
        self.venues = venues
        self.meeting = meeting
        self.event_words = event_words  # the trigger and the event nouns it takes: whose venue counts

    def actors_of(self, token: Token) -> list[Actor]:
        if token.i in self.venues.modifiers:
            return []
        if self.venues.locative.get(token.i) not in self.event_words:  # where something else happened
            return self.actors.actors_of(token)
        return [] if self.meeting else place_actor(token, self.actors)

    def __getattr__(self, name: str):
        return getattr(self.actors, name)


def country_actor(country: str, at: Token) -> Actor:
    """A country as an event's party where no phrase names it (its span: the trigger's start)."""
    return Actor(text="", name=country, code=country, country=country, sector=None, span=(at.idx, at.idx))


def place_actor(token: Token, actors: DocActors) -> list[Actor]:
    """The country of a place a token names, as a party ("from Riyadh" -> SAU, not its government)."""
    country = actors.place_country(token)
    if country is None:
        return []
    name = actors.pieces[token.i][0]
    return [Actor(text=name.text, name=country, code=country, country=country, sector=None,
                  span=(name.start_char, name.end_char))]


def localized(dyad: tuple, sent: Span, actors: DocActors) -> tuple:
    """A sector with no country ("police", "the judge", "demonstrators") acts where the event is:
    it takes the other party's country, else that of the first country named in the sentence
    ("Police in Cairo arrested demonstrators" -> EGYCOP, EGYCVL)."""
    if not any(_countryless(a) for a in dyad):
        return dyad
    known = [a.country for a in dyad if a is not None and a.country]
    country = known[0] if known else _sentence_country(sent, actors)
    source, target = dyad
    if _countryless(target) and not _countryless(source):  # victims are of where it happened
        country = _sentence_country(sent, actors, places_only=True) or country
    if country is None:
        return dyad
    return tuple(replace(a, code=country + a.code, country=country) if _countryless(a) else a for a in dyad)


def stationed(dyad: tuple, sent: Span, actors: DocActors) -> tuple:
    """A target that is an unnamed multinational force stationed somewhere ("troops to an
    international peace-keeping force in Liberia") stands for the country it is in."""
    source, target = dyad
    if target is None or target.code != _GENERIC_FORCE:
        return dyad
    span = sent.doc.char_span(target.span[0], target.span[1], alignment_mode="expand")
    if span is None:
        return dyad
    for prep in span.root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "inside"):
            for pobj in pobjs(prep):
                country = next((a.country for a in actors.actors_of(pobj) if a.country), None)
                if country and (source is None or source.country != country):
                    return source, replace(target, name=country, code=country, country=country, sector=None)
    return dyad


def state_named(actor: Actor, actors: DocActors) -> bool:
    """The actor is a state named as such ("Russia", "Moscow"), not a person of it coded to it."""
    if actor.sector or actor.code != actor.country:
        return False
    span = actors.doc.char_span(actor.span[0], actor.span[1], alignment_mode="expand")
    return span is not None and any(actors.place_country(t) for t in span)


def named_party(actor: Actor, doc: Doc) -> bool:
    """A party named by a name, a state, an international body, or a body of state or politics
    (the government, prosecutors, rebels), not a common noun for people at large ("employees",
    "the inmate", "migrants"), whom a statement speaks of without being aimed at them."""
    if actor.sector in COMMON_SECTORS:
        span = doc.char_span(actor.span[0], actor.span[1], alignment_mode="expand")
        return span is not None and any(t.pos_ == "PROPN" for t in span)
    return True


def _countryless(actor: Actor | None) -> bool:
    """A sector, religion or ethnic group with no country (MIL, MOSRAD), not an international body."""
    return actor is not None and actor.country is None and not is_international(actor)


def placed(dyad: tuple, token: Token, venue: bool, sent: Span, actors: DocActors) -> tuple:
    """An event with no actor named as its doer ("A roadside bombing near Samarra killed ...") is
    coded to the country where it happened; one with no target, done in another country than the
    source's ("opened an embassy in Tehran", "eased emergency rule in Montenegro"), targets it."""
    source, target = dyad
    if source is not None and target is not None:
        return dyad
    if source is None:  # where it happened, not where it went: the target's own place is no doer
        place = _sentence_country(sent, actors, places_only=True, besides=target)
        return (country_actor(place, token), target) if place else dyad
    if _sentence_country(sent, actors, places_only=True) is None:
        return dyad
    place = _trigger_place(token, actors)
    if place and source.country and source.country != place and not venue:  # "met in Geneva": a venue
        return source, country_actor(place, token)
    return dyad


def _trigger_place(token: Token, actors: DocActors) -> str | None:
    """The country of a place the trigger or its object is "in", "into" or "near"."""
    for head in (token, *objects(token)):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "into", "near", "inside"):
                for pobj in pobjs(prep):
                    if pobj.ent_type_ in ("GPE", "LOC", "FAC") or any(
                            m.ent_type_ in ("GPE", "LOC", "FAC") for m in pobj.lefts):
                        country = next((a.country for a in actors.actors_of(pobj) if a.country), None)
                        if country:
                            return country
    return None


def _sentence_country(sent: Span, actors: DocActors, places_only: bool = False,
                      besides: Actor | None = None) -> str | None:
    """The country of the first actor named in the sentence; with `places_only`, of the first place
    ("in Tel Aviv"), not of a nationality ("Palestinian bombers"); never one named within the
    actor `besides` ("coming to Hong Kong" does not place its doer in Hong Kong)."""
    for token in sent:
        if besides is not None and besides.span[0] <= token.idx < besides.span[1]:
            continue
        in_phrase = token.head.dep_ == "prep" or token.dep_ == "pobj" or _named_in_phrase(token, actors)
        if places_only and not (in_phrase and (token.ent_type_ in ("GPE", "LOC", "FAC") or actors.place_country(token))):
            continue
        if token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "NORP"):
            country = next((a.country for a in actors.actors_of(token) if a.country), None)
            if country:
                return country
    return None


# Nouns of a place whose name follows them in the genitive ("на юге Сербии", "в районе Хеврона").
_PLACE_NOUNS = {"юг", "север", "запад", "восток", "юго-восток", "юго-запад", "северо-восток", "северо-запад",
                "центр", "окраина", "пригород", "окрестность", "район", "квартал", "город", "столица",
                "провинция", "регион", "область", "округ", "территория", "деревня", "село", "поселок",
                "лагерь", "граница", "побережье", "часть", "зона", "сектор", "берег", "south", "north",
                "east", "west", "outskirts", "suburb", "district", "city", "capital", "province", "region"}


def _named_in_phrase(token: Token, actors: DocActors) -> bool:
    """A place named after a noun of a prepositional phrase, in apposition or in the genitive
    ("вблизи города Самарра", "в квартале Восточного Бейрута", "на юге Сербии"), as English "of
    eastern Beirut"; a country only after a noun of place, not in the genitive of an act ("с
    момента вторжения США")."""
    piece = actors.pieces.get(token.i)
    city = piece is not None and piece[1].kind in _VENUE_KINDS
    for _ in range(3):
        if token.dep_ not in ("appos", "nmod", "flat") or token.head.i == token.i:
            return False
        if token.dep_ == "nmod" and not city and token.head.lemma_.lower() not in _PLACE_NOUNS:
            return False
        token = token.head
        if token.dep_ == "pobj":
            return True
    return False


def _clause_subject(clause: Token, prep: Token) -> Token:
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and prep.i < c.i < clause.i), None)
    return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else clause


def pobjs(prep: Token | None) -> list[Token]:
    """Objects of a preposition; one left without ("asylum to five officers holed up in ...") takes
    the noun after it that the parser made the subject of a participle (or of a past tense: it
    reads "holed" as one as often). A clause the preposition
    governs stands for its subject when that subject follows the preposition ("pleaded with the
    government to reverse ..." -> the government)."""
    if prep is None:
        return []
    if prep.dep_ == "mark":  # "with" made the mark of "the administration to reconsider": its subject
        return [c for c in prep.head.children if c.dep_ == "nsubj" and c.i > prep.i]
    found = [_clause_subject(c, prep) if c.dep_ == "pcomp" else c
             for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if found or prep.i + 1 >= len(prep.doc):
        return found
    head = prep.doc[prep.i + 1]
    while head.head.i != head.i and head.head.i > prep.i and head.dep_ not in ("nsubj", "csubj"):
        head = head.head
    return [head] if head.dep_ == "nsubj" and head.head.tag_ in ("VBN", "VBG", "VBD") and head.left_edge.i == prep.i + 1 else []
