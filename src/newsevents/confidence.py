"""Confidence of an event: a documented product of named factors, so that users can threshold it.

Each factor has named levels (`CONFIDENCE_FACTORS`); `confidence_factors` says which level an event
takes, `confidence` multiplies their weights, `dated` adds the time factor once the event is dated.
The pipeline sets aside events under `MIN_CONFIDENCE` (Settings.min_confidence). README
"Confidence" shows the explained share and the must recall of the dev pages at each threshold
(bench/documents.py --confidence).
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsevents.records import Actor

if TYPE_CHECKING:
    from newsevents.clauses import Trigger

# Confidence factors (multiplied; README "Confidence"). An actor is resolved when it has a country
# or is an international body (IGO..., NGO...), sector-only when the text gave a role and no state.
CONFIDENCE_FACTORS = {
    # unnamed: a passive with no agent ("were charged", "have been killed"), which names no doer on purpose;
    # none: an active clause whose subject names no actor ("slaughter is coming to Hong Kong"), under
    # MIN_CONFIDENCE whatever else holds: every such event at 0.5 on the gold-less dev pages was wrong
    "source": {"resolved": 1.0, "unnamed": 0.8, "sector": 0.6, "none": 0.45},
    "target": {"resolved": 1.0, "none": 0.9, "sector": 0.6},
    "pattern": {"specific": 1.0, "bare": 0.9},  # verb+object/prep/xcomp/particle vs the bare lemma
    "distance": {"near": 1.0, "mid": 0.9, "far": 0.8},  # tree edges trigger -> farthest actor: <=2, <=4, more
    "reported": {"asserted": 1.0, "reported": 0.85},  # "X said Y attacked Z": Y -> Z on X's word
    "modality": {"asserted": 1.0, "hypothetical": 0.9, "intended": 0.9, "negated": 0.85},
    # background: a relative clause or an infinitive describing a noun, an act in a phrase of time,
    # a condition ("X, whose troops killed ...", "a duty to ensure", "after talks", "if the US deploys")
    "clause": {"main": 1.0, "background": 0.7},
    # history: dated more than HISTORY_DAYS before the document's publication ("annexed in 1938");
    # set with the date (`dated`), after the event coder
    "time": {"current": 1.0, "history": 0.6},
}
HISTORY_DAYS = 365
# Events under this confidence are set aside, not output (Settings.min_confidence; README
# "Confidence"): on the dev pages' tune half the threshold that keeps every must-find event and
# raises the explained share most. 0 keeps everything.
MIN_CONFIDENCE = 0.5


def confidence_factors(trigger: Trigger, sent: Span, source: Actor | None, target: Actor | None,
                       reported_by: Actor | None = None, background: bool = False) -> dict[str, str]:
    """The named level of each confidence factor for one event (keys of CONFIDENCE_FACTORS)."""
    distances = [d for d in (_tree_distance(trigger.token, a, sent) for a in (source, target)) if d is not None]
    far = max(distances, default=0)
    return {
        "source": "unnamed" if source is None and _agentless_passive(trigger.token) else _resolution(source),
        "target": _resolution(target),
        "pattern": "specific" if trigger.pattern.specificity > 0 else "bare",
        "distance": "near" if far <= 2 else "mid" if far <= 4 else "far",
        "reported": "reported" if reported_by is not None else "asserted",
        "modality": "negated" if trigger.negated else trigger.modality if trigger.modality in (
            "hypothetical", "intended") else "asserted",
        "clause": "background" if background else "main",
    }


def confidence(trigger: Trigger, sent: Span, source: Actor | None, target: Actor | None,
               reported_by: Actor | None = None, background: bool = False) -> float:
    """How far an event can be trusted, in (0, 1]: the product of its factors' weights
    (CONFIDENCE_FACTORS): both actors resolved to a state, a specific pattern, actors near the
    trigger in the parse, asserted rather than reported, neither hypothetical nor negated, and in
    the sentence's main clause give 1.0; an event with no source is at most 0.45, one with a role
    and no state at most 0.6. The time factor comes with the date (`dated`)."""
    score = 1.0
    for factor, level in confidence_factors(trigger, sent, source, target, reported_by, background).items():
        score *= CONFIDENCE_FACTORS[factor][level]
    return round(score, 3)


def time_level(date: str | None, basis: str | None, publication: str | None) -> str:
    """history: the event's own date (not the publication's) is more than HISTORY_DAYS before the
    publication date; else current."""
    if not date or not publication or basis not in ("explicit", "relative"):
        return "current"
    try:
        days = (dt.date.fromisoformat(publication[:10]) - dt.date.fromisoformat(date[:10])).days
    except ValueError:
        return "current"
    return "history" if days > HISTORY_DAYS else "current"


def dated(score: float, date: str | None, basis: str | None, publication: str | None) -> float:
    """An event's confidence with its time factor, once it is dated."""
    return round(score * CONFIDENCE_FACTORS["time"][time_level(date, basis, publication)], 3)


def _agentless_passive(token: Token) -> bool:
    children = list(token.children)
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in children) and not any(c.dep_ == "agent" for c in children)


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
