"""Where an event's actors are: a sector or group with no country takes the country of the other
party or of the place named; an event with no doer or no target named takes the place's country.
Helpers of `newsevents.events`, on spaCy tokens and the document's actors."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from newsevents.actors import DocActors, is_international
from newsevents.patterns import objects
from newsevents.records import Actor

_GENERIC_FORCE = "IGOPKO"  # an unnamed peacekeeping force


def country_actor(country: str, at: Token) -> Actor:
    """A country as an event's party where no phrase names it (its span: the trigger's start)."""
    return Actor(text="", name=country, code=country, country=country, sector=None, span=(at.idx, at.idx))


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
    place = _sentence_country(sent, actors, places_only=True)
    if place is None:
        return dyad
    if source is None:
        return country_actor(place, token), target
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


def _sentence_country(sent: Span, actors: DocActors, places_only: bool = False) -> str | None:
    """The country of the first actor named in the sentence; with `places_only`, of the first place
    ("in Tel Aviv"), not of a nationality ("Palestinian bombers")."""
    for token in sent:
        in_phrase = token.head.dep_ == "prep" or token.dep_ == "pobj"
        if places_only and not (in_phrase and (token.ent_type_ in ("GPE", "LOC", "FAC") or actors.place_country(token))):
            continue
        if token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "NORP"):
            country = next((a.country for a in actors.actors_of(token) if a.country), None)
            if country:
                return country
    return None


def pobjs(prep: Token | None) -> list[Token]:
    """Objects of a preposition; one left without ("asylum to five officers holed up in ...") takes
    the noun after it that the parser made the subject of a participle."""
    if prep is None:
        return []
    found = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if found or prep.i + 1 >= len(prep.doc):
        return found
    head = prep.doc[prep.i + 1]
    while head.head.i != head.i and head.head.i > prep.i and head.dep_ not in ("nsubj", "csubj"):
        head = head.head
    return [head] if head.dep_ == "nsubj" and head.head.tag_ in ("VBN", "VBG") and head.left_edge.i == prep.i + 1 else []
