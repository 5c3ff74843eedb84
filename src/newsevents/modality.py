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
    """A clause reported with "must"/"should" ("said that Libya must hand over ...")."""
    for child in token.children:
        if child.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in modals for c in child.children):
            return child
    return None


INTENT_NOUNS = frozenset(modality_words().get("intent_nouns", ()))


def intent_noun(token: Token, words: dict) -> Token | None:
    """The noun of intent whose clause a verb is: "its intention to cut ties", "no plans to
    visit", "no intention of attacking" (modality.json intent_nouns)."""
    head = token.head
    if token.dep_ == "pcomp" and head.lower_ == "of":
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
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words["hypothetical_marks"]
                                         for m in c.children) for c in clause.children)  # its consequence


def intended(token: Token, words: dict) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in words["intent_aux"] for c in token.children):
        return True
    head = token.head
    if token.dep_ in ("xcomp", "dobj") and head.lemma_.lower() in words["intent_verbs"] + words["intent_adjectives"]:
        return True  # "plans to visit", "wants talks"
    if intent_noun(token, words) is not None:
        return True  # "announced its intention to cut ties"
    return token.dep_ == "xcomp" and head.dep_ == "acomp" and head.lower_ in words["intent_adjectives"]
