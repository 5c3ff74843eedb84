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
_VERB_DEPS = {"prt", "dobj"}
_PROSE_WORDS = 15


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
    if root.pos_ in ("VERB", "AUX") and any(child.dep_ in _SUBJECT_DEPS for child in root.children):
        return True
    if _short_predicate(root):
        return True
    return _mistagged_verb(sent)


def _short_predicate(root) -> bool:
    """A predicate adjective in the short form with a subject, which in the present tense needs no
    verb (Russian "Китай намерен расширить ...", "Иран готов к переговорам")."""
    return (root.pos_ == "ADJ" and "Short" in root.morph.get("Variant")
            and any(c.dep_ in _SUBJECT_DEPS for c in root.children))


def _mistagged_verb(sent: Span) -> bool:
    """A verb the tagger read as a noun or a participle: a root noun with a subject and a particle
    or object of its own ("EU and UN hand over supplies"), or a participle right after the root
    noun that takes a particle or an object (active: "The air force carried out strikes"), or any
    modifier in a long sentence that ends like one ("A report called for sanctions against ...").
    A caption's participle ("A man wounded in the attack") has neither."""
    root = sent.root
    deps = {child.dep_ for child in root.children}
    if deps & _SUBJECT_DEPS and deps & _VERB_DEPS:
        return True
    for child in root.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i == root.i + 1:
            if {c.dep_ for c in child.children} & _VERB_DEPS:
                return True
            words = [t for t in sent if not t.is_punct]
            if len(words) >= _PROSE_WORDS and sent[-1].text in (".", "!", "?"):
                return True
    return False
