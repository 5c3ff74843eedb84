"""Modality and negation of a trigger, read from the parse with the word lists of modality.json.

A trigger is negated ("did not attack", "had no intention of cutting ties", "refused to meet"),
hypothetical ("may impose", "if Russia attacks"), intended ("plans to visit", "will meet") or
asserted; a statement that reports a "must" clause is a demand. The event coder turns these into
CAMEO's codes (an intended meeting is 036, a refused one 125).
"""
from __future__ import annotations

from spacy.tokens import Token

from newsevents.patterns import modality_words

def modal_clause(token: Token, modals: list[str]) -> Token | None:
    """A clause reported with "must"/"should" ("said that Libya must hand over ..."); also a
    "that" clause the parser hung on a relative clause of the statement's object ("told teachers
    who filled the lawn that the legislature should ...")."""
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    clauses += [c for o in token.children if o.dep_ in ("dobj", "dative") for c in o.subtree
                if c.dep_ in ("ccomp", "relcl") and _misplaced_that_clause(c)]
    for child in clauses:
        if any(c.dep_ == "aux" and c.lower_ in modals for c in child.children):
            return child
    return None


def judged_clause(token: Token, words: list[str]) -> Token | None:
    """A clause a statement reports as a judgement ("said the call was inappropriate", "told
    lawmakers that the request was unlawful"): a copula whose predicate (an adjective, or a noun
    with its adjective) is one of `words` (modality.json disapproval_words), not negated."""
    for child in token.children:
        if child.dep_ != "ccomp" or any(c.dep_ == "neg" for c in child.children):
            continue
        if child.lemma_.lower() != "be" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            continue
        predicates = [c for c in child.children if c.dep_ in ("acomp", "attr")]
        predicates += [m for p in predicates for m in p.children if m.dep_ in ("conj", "amod")]
        if any(p.lemma_.lower() in words or p.lower_ in words for p in predicates):
            return child
    return None


def foreseen_clause(token: Token, future_aux: list[str]) -> Token | None:
    """What a warning foresees when it is no threat: a clause with a subject that is not a pronoun
    (which may be the warner's own act: "warned that it would retaliate"), nobody warned ("warned
    that the famine could kill thousands", not "warned Kyiv that ...") and no named party told
    what it will suffer ("warned that Hezbollah would pay a heavy price": a threat)."""
    if any(c.dep_ in ("dobj", "dative") for c in token.children):
        return None
    for child in token.children:
        subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if child.dep_ != "ccomp" or not subjects or any(s.pos_ == "PRON" and s.dep_ != "expl" for s in subjects):
            continue
        named = any(s.pos_ == "PROPN" for s in subjects)
        if not (named and any(c.dep_ == "aux" and c.lower_ in future_aux for c in child.children)):
            return child
    return None


def _misplaced_that_clause(clause: Token) -> bool:
    """A "that" clause with a subject of its own inside an object's phrase: no relative clause (whose
    "that" would be its subject or object), but the statement's complement the parser hung there."""
    children = list(clause.children)
    return (any(c.dep_ == "mark" and c.lower_ == "that" for c in children)
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in children))


INTENT_NOUNS = frozenset(modality_words().get("intent_nouns", ()))
MEANS_NOUNS = frozenset(modality_words().get("means_nouns", ()))


def to_infinitive(verb: Token) -> bool:
    """A verb the infinitive marker "to" governs ("refused to meet", "a decision to give")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def intent_noun(token: Token, words: dict) -> Token | None:
    """The noun of intent whose clause a verb is: "its intention to cut ties", "no plans to
    visit", "no intention of attacking", "plans for travelling" (modality.json intent_nouns)."""
    head = token.head
    if token.dep_ == "pcomp" and head.lower_ in ("of", "for"):
        head = head.head
    elif token.dep_ != "acl":
        return None
    return head if head.pos_ == "NOUN" and head.lemma_.lower() in words.get("intent_nouns", ()) else None


def negated(token: Token, words: dict) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    noun = intent_noun(token, words)
    if noun is not None and (any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
                             or any(c.dep_ == "neg" for c in noun.head.children)):
        return True  # "had no intention of cutting ties", "does not have any plans to visit"
    head = token.head
    if token.dep_ == "xcomp" and head.dep_ == "acomp" and head.lower_ in words.get("negating_adjectives", ()):
        return True  # "is unwilling to meet", "unlikely to agree"
    return token.dep_ == "xcomp" and head.lemma_.lower() in words["negating_verbs"]


def condition(token: Token, words: dict) -> bool:
    """The trigger is in a condition ("if the US deployed missiles", "unless Iran frees the
    tanker"): what may happen, which the sentence does not report as happening."""
    clause = token
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ in ("advcl", "ccomp") and any(
        c.dep_ == "mark" and c.lower_ in words["hypothetical_marks"] for c in clause.children)


def hypothetical(token: Token, words: dict) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in words["hypothetical_aux"] for c in token.children):
        return True
    clause = token
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if any(c.dep_ == "mark" and c.lower_ in words["hypothetical_marks"] for c in clause.children):
        return True  # the condition itself: "if Russia attacks"
    if any(c.dep_ == "aux" and c.lower_ in words["intent_aux"] for c in token.children):
        return False  # a conditional promise or threat: "would meet Japan if ...", "will cut aid unless ..."
    return any(c.dep_ == "advcl" and not _dashed_off(c, clause) and any(
        m.dep_ == "mark" and m.lower_ in words["hypothetical_marks"] for m in c.children)
        for c in clause.children)  # its consequence


def _dashed_off(condition: Token, verb: Token) -> bool:
    """"The PA - which has rejected the US as a mediator if talks are revived - called for": a
    condition that ends at the dash before the verb closes the parenthetical, whose verb it
    conditions, though the parser hangs it on the verb after the dash."""
    return (condition.i < verb.i and verb.doc[verb.i - 1].text in ("-", "—", "–")
            and condition.right_edge.i == verb.i - 2)


def intended(token: Token, words: dict) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in words["intent_aux"] for c in token.children):
        return True
    head = token.head
    if token.dep_ in ("xcomp", "dobj") and head.lemma_.lower() in words["intent_verbs"] + words["intent_adjectives"]:
        return True  # "plans to visit", "wants talks"
    if intent_noun(token, words) is not None:
        return True  # "announced its intention to cut ties"
    if token.dep_ in ("advcl", "xcomp") and to_infinitive(token) \
            and any(c.dep_ == "aux" and c.lower_ in words["intent_aux"] for c in head.children):
        return True  # "will take steps to prevent": what a future act is for is not done either
    return token.dep_ == "xcomp" and head.dep_ == "acomp" and head.lower_ in words["intent_adjectives"]
