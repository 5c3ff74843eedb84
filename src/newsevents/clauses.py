"""Clauses for the events stage: the trigger a pattern matched, and the subjects and actors of a
clause (climbing to the clause that governs it where it has none of its own; coordinated actors and
the actors of a relation noun expanded). Shared by the event coder (`events.py`), its reported
speech (`speech.py`) and the Russian coder (`russian.py`)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsevents.actors import DocActors
from newsevents.modality import INTENT_NOUNS, MEANS_NOUNS, to_infinitive
from newsevents.patterns import Pattern
from newsevents.records import Actor

SUBJECT_DEPS = ("nsubj", "csubj")
CLAUSE_UP_DEPS = ("xcomp", "conj", "advcl", "pcomp", "acomp")  # clauses that share their head's subject


RELATIVE_PRONOUNS = {"who", "which", "that", "который", "которая", "которое", "которые"}  # Russian by its forms
# Nouns that stand for the actors that modify them ("Russia-US relations", "Syrian-Turkish ties").
RELATION_NOUNS = {"relation", "relations", "tie", "ties", "side", "sides"}


@dataclass
class Trigger:
    token: Token
    pattern: Pattern
    code: str
    modality: str = "asserted"
    negated: bool = False
    governor: Token | None = None  # the matrix verb ("refused" in "refused to meet")
    stated: str | None = None  # the statement's code a reported "must"/"should" made a demand


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or _passive_participle(token)


def _passive_participle(token: Token) -> bool:
    """"Asked later for an example, he named ...", "Forced to choose, Xi will ...", "when pressed by
    reporters, she ...": a bare past participle modifying a clause says what its subject underwent,
    so the subject it shares is the act's target."""
    return token.dep_ == "advcl" and token.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "csubj") for c in token.children) \
        and nominal_predicate(token) is None  # "X - which has expelled ... - called for": the sentence's verb


def subject_tokens(token: Token) -> list[Token]:
    """Subjects of a verb, climbing to the governing clause when it has none of its own:
    "sought to protect it by blocking" -> the subject of "sought"; "Moscow's decision to give" -> Moscow."""
    for _ in range(6):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS + ("nsubjpass",)]
        subjects = [participle_subject(s) for s in subjects]
        if subjects:
            if token.dep_ == "relcl" and subjects[0].lower_ in RELATIVE_PRONOUNS:
                return [token.head]
            return subjects
        if token.dep_ in ("relcl", "acl") and _infinitive(token):
            verb = _means_taker(token.head)
            if verb is not None:  # "would take a series of measures to oppose it": who takes them acts
                token = verb
                continue
        if token.dep_ == "relcl":
            return [token.head]
        predicate_of = nominal_predicate(token)
        if predicate_of is not None:  # "The PA - which considers ... - called for": the noun acts
            return [predicate_of]
        if token.dep_ == "acl" and _perfect_participle(token):  # hung on a noun by the parser, it is adverbial
            token = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
            continue
        if token.dep_ == "acl":  # "Moscow's decision to give"; "groups donated": an active verb's noun acts
            owners = noun_owners(token.head, token)
            if owners or token.tag_ in ("VBG", "VBD"):
                return owners or [token.head]
            if token.head.dep_ == "dobj" and token.head.lemma_.lower() in INTENT_NOUNS:
                token = token.head.head  # "Iraq has no plans to cut ties": who has the plan acts
                continue
            return []
        if token.dep_ == "pcomp":  # "by blocking ...": the subject of the verb the phrase modifies
            token = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
            continue
        if token.dep_ not in CLAUSE_UP_DEPS or token.head.i == token.i:
            return []
        token = token.head
    return []


def _infinitive(token: Token) -> bool:
    return token.tag_ == "VB" and to_infinitive(token)


def _means_taker(noun: Token) -> Token | None:
    """The verb whose object is a means noun (modality.json means_nouns: "took steps", "would
    take a series of measures"), whose subject does what the means are to do."""
    if noun.lemma_.lower() not in MEANS_NOUNS:
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # "a series of measures"
    return noun.head if noun.dep_ == "dobj" else None


def noun_owners(noun: Token, clause: Token) -> list[Token]:
    """Whose plan or decision a noun is, before the clause it governs: "Moscow's decision to give",
    "the decision by the United States to lift"."""
    return [c for c in noun.children if c.dep_ == "poss"] or [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" and c.i < clause.i
        for p in c.children if p.dep_ == "pobj"]


DASHES = ("-", "—", "–")


def nominal_predicate(token: Token) -> Token | None:
    """"The Palestinian Authority - which considers the US biased - called for a meeting", "The
    group, a coalition of staff, formed ... and sent a letter": after a parenthetical (a relative
    clause or an apposition) the parser may take the sentence's verb for a participle describing
    its subject, the noun then the sentence's root, or, after a closing dash, for a clause of the
    parenthetical's last verb. A verb with no subject, mark, doer ("by ...") or passive auxiliary
    of its own, right after the parenthetical's closing mark, is the predicate: its subject is the
    noun returned. A caption's participle ("pears, cored and peeled") follows no parenthetical."""
    noun = token.sent.root
    if token.tag_ not in ("VBN", "VBD") or noun.pos_ not in ("NOUN", "PROPN") or noun.i > token.i:
        return None
    if not token.doc[token.i - 1].is_punct or any(
            c.dep_ in ("agent", "auxpass", "mark", "nsubj", "nsubjpass") for c in token.children):
        return None
    parentheticals = [c for c in noun.children if c.dep_ in ("relcl", "appos") and noun.i < c.i < token.i]
    if token.dep_ == "acl" and token.head.i == noun.i and parentheticals:
        return noun
    closing = token.doc[token.i - 1].text in DASHES and token.doc[noun.i + 1].text in DASHES
    inside = any(c.left_edge.i < token.i <= c.right_edge.i for c in parentheticals)
    return noun if token.dep_ in ("advcl", "conj") and closing and inside else None


def _perfect_participle(token: Token) -> bool:
    """"..., having been annexed by Germany", "having met the envoy, ...": a perfect participle (its
    auxiliary a participle itself) says what the subject of the clause around it did or underwent;
    it does not describe a noun, though the parser may hang it on one ("argued for decades ...,
    having been annexed")."""
    return any(c.dep_ == "aux" and c.tag_ == "VBG" for c in token.children)


def participle_subject(subject: Token) -> Token:
    """"The Red Cross operating in Iraq said": the parser makes the participle the subject, with the
    actor as its own subject."""
    if subject.tag_ == "VBG" and subject.dep_ == "nsubj":
        inner = [c for c in subject.children if c.dep_ == "nsubj" and c.i < subject.i]
        if inner:
            return inner[0]
    return subject


def expand_actors(tokens: list[Token], actors: DocActors) -> list[Actor]:
    """Actors of the given noun phrases and of those coordinated with them ("A and B"); a phrase
    about a relation between actors ("Russia-US relations") gives the actors that modify it."""
    found: list[Actor] = []
    for token in tokens:
        for member in (token, *token.conjuncts):
            found.extend(actors.actors_of(member) or relation_actors(member, actors))
    return unique_actors(found)


def relation_actors(token: Token, actors: DocActors) -> list[Actor]:
    if token.lemma_.lower() not in RELATION_NOUNS:
        return []
    return [a for child in token.lefts if child.dep_ in ("compound", "amod", "nmod")
            for member in (child, *child.conjuncts, *child.lefts) for a in actors.actors_of(member)]


def unique_actors(actors) -> list[Actor]:
    seen: dict[tuple, Actor] = {}
    for actor in actors:
        seen.setdefault((actor.code, actor.span), actor)
    return list(seen.values())
