"""Which sentences the event coder codes: not page furniture, and not a fragment with no finite verb.

A caption ("Protesters in Hong Kong on Monday"), a headline fragment or a credit names no action;
a share prompt or an "Also on ..." link is another page's text. Headlines with a finite verb
("Minister resigns over scandal") and passive headlines with a subject ("Five detained in raid")
stay codable.
"""
from __future__ import annotations

from spacy.tokens import Span

from newsevents.clean import residue_kind

_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def codable(sent: Span) -> bool:
    """True when the sentence may hold an event: it has a finite verb and is not page residue."""
    return has_finite_verb(sent) and residue_kind(sent.text) is None


def has_finite_verb(sent: Span) -> bool:
    """A finite verb (by tag or morphology), or a verb root with a subject of its own (the parser
    tags some headline verbs as bare forms or participles: "Five detained in raid")."""
    for token in sent:
        if token.tag_ in _FINITE_TAGS or "Fin" in token.morph.get("VerbForm"):
            return True
    root = sent.root
    return root.pos_ in ("VERB", "AUX") and any(child.dep_ in _SUBJECT_DEPS for child in root.children)
