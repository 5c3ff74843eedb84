"""Confidence of an event: a documented product of named factors, so that users can threshold it.

Each factor has named levels (`CONFIDENCE_FACTORS`); `confidence_factors` says which level an event
takes, `confidence` multiplies their weights. README "Confidence" shows the explained share of the
dev pages rising with the threshold (bench/documents.py --confidence).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsevents.records import Actor

if TYPE_CHECKING:
    from newsevents.events import Trigger

# Confidence factors (multiplied; README "Confidence"). An actor is resolved when it has a country
# or is an international body (IGO..., NGO...), sector-only when the text gave a role and no state.
CONFIDENCE_FACTORS = {
    "source": {"resolved": 1.0, "sector": 0.6, "none": 0.5},
    "target": {"resolved": 1.0, "none": 0.9, "sector": 0.6},
    "pattern": {"specific": 1.0, "bare": 0.9},  # verb+object/prep/xcomp/particle vs the bare lemma
    "distance": {"near": 1.0, "mid": 0.9, "far": 0.8},  # tree edges trigger -> farthest actor: <=2, <=4, more
    "reported": {"asserted": 1.0, "reported": 0.85},  # "X said Y attacked Z": Y -> Z on X's word
    "modality": {"asserted": 1.0, "hypothetical": 0.9, "intended": 0.9, "negated": 0.85},
}


def confidence_factors(trigger: Trigger, sent: Span, source: Actor | None, target: Actor | None,
                       reported_by: Actor | None = None) -> dict[str, str]:
    """The named level of each confidence factor for one event (keys of CONFIDENCE_FACTORS)."""
    distances = [d for d in (_tree_distance(trigger.token, a, sent) for a in (source, target)) if d is not None]
    far = max(distances, default=0)
    return {
        "source": _resolution(source),
        "target": _resolution(target),
        "pattern": "specific" if trigger.pattern.specificity > 0 else "bare",
        "distance": "near" if far <= 2 else "mid" if far <= 4 else "far",
        "reported": "reported" if reported_by is not None else "asserted",
        "modality": "negated" if trigger.negated else trigger.modality if trigger.modality in (
            "hypothetical", "intended") else "asserted",
    }


def confidence(trigger: Trigger, sent: Span, source: Actor | None, target: Actor | None,
               reported_by: Actor | None = None) -> float:
    """How far an event can be trusted, in (0, 1]: the product of its factors' weights
    (CONFIDENCE_FACTORS): both actors resolved to a state, a specific pattern, actors near the
    trigger in the parse, asserted rather than reported, and neither hypothetical nor negated
    give 1.0; an event with no source is at most 0.5, one with a role and no state at most 0.6."""
    score = 1.0
    for factor, level in confidence_factors(trigger, sent, source, target, reported_by).items():
        score *= CONFIDENCE_FACTORS[factor][level]
    return round(score, 3)


def _resolution(actor: Actor | None) -> str:
    if actor is None:
        return "none"
    return "resolved" if actor.country or actor.code[:3] in ("IGO", "NGO") or len(actor.code) > 3 else "sector"


def _tree_distance(trigger: Token, actor: Actor | None, sent: Span) -> int | None:
    """Dependency edges between the trigger and the head of the actor's mention in this sentence
    (None when the mention is elsewhere: a pronoun's antecedent, a venue's country)."""
    if actor is None or not (sent.start_char <= actor.span[0] < sent.end_char):
        return None
    span = sent.doc.char_span(actor.span[0], actor.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    up = {}
    token, steps = trigger, 0
    while True:
        up[token.i] = steps
        if token.head.i == token.i:
            break
        token, steps = token.head, steps + 1
    token, steps = head, 0
    while token.i not in up:
        if token.head.i == token.i:
            return None
        token, steps = token.head, steps + 1
    return steps + up[token.i]
