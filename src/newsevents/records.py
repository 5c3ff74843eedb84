"""Typed records passed between the pipeline stages.

One `Document` flows through read -> clean -> parse -> actors -> events -> when/where -> store.
Each stage fills in its own fields; `Event.to_dict()` gives the JSON event record of PRODUCT.md.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

# Bidirectional controls and zero-width characters: invisible, and able to make a name display as
# another ("\u202eLIAM" shows as "MAIL"). Removed from names and titles, never from the stored text
# (its spans must not move).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                    "\u2060\u2066\u2067\u2068\u2069\u061c\ufeff"))
_ANY_INVISIBLE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")


def plain_label(text: str | None) -> str | None:
    """`text` without bidirectional controls and zero-width characters, for names and titles (a
    name has none, most often: then the text itself, without translating it character by character)."""
    return text.translate(_INVISIBLE) if text and _ANY_INVISIBLE.search(text) else text


@dataclass
class Document:
    """A news document as it moves through the pipeline."""

    id: str
    raw: str = ""  # text as read (decoded), before cleaning
    raw_format: str = "text"  # text | html
    text: str = ""  # clean text: every span points into this
    url: str | None = None
    title: str | None = None
    date: str | None = None  # publication date, ISO YYYY-MM-DD
    source_name: str | None = None
    language: str | None = None
    origin: str = ""  # path (and record number) it was read from, for messages

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


@dataclass
class Reject:
    """A document (or input) that could not be processed, with the reason."""

    origin: str
    reason: str
    stage: str
    doc_id: str | None = None


@dataclass
class Actor:
    """An actor mention coded to a CAMEO actor code (e.g. RUSGOV)."""

    text: str
    name: str
    code: str
    country: str | None
    sector: str | None
    span: tuple[int, int]
    # other mentions in the sentence that code the same and take part in the same event
    # ("Lavrov and Shoigu met ...": Lavrov, with Shoigu here), so that one event is counted once
    also: tuple[Actor, ...] = ()

    def __post_init__(self) -> None:
        self.text, self.name = plain_label(self.text), plain_label(self.name)

    def to_dict(self) -> dict[str, Any]:
        record = {name: value for name, value in asdict(self).items() if name != "also"}
        record["span"] = list(self.span)
        record["also"] = [{"text": a.text, "name": a.name, "span": list(a.span)} for a in self.also]
        return record


@dataclass
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    adm1: str | None = None
    gazetteer_id: str | None = None


@dataclass
class Event:
    """One coded event: source does `cameo` to target, traced to its sentence."""

    doc_id: str
    sentence_index: int
    sentence: str
    sentence_span: tuple[int, int]
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_name: str
    plover: dict[str, str | None] | None
    quad_class: int
    goldstein: float
    trigger_text: str
    trigger_span: tuple[int, int]
    negated: bool = False
    modality: str = "asserted"  # asserted | intended | hypothetical
    date: str | None = None
    date_basis: str | None = None  # explicit | relative | publication
    date_text: str | None = None
    date_precision: str | None = None  # day | month | year
    location: Location | None = None
    confidence: float = 0.5
    group: int = 0  # events from one clause expanded into dyads share a group
    # who said so, when the event is reported speech ("X said Y attacked Z": Y -> Z, reported by X)
    reported_by: Actor | None = None
    # what coded it, as file:line ("patterns.jsonl:12", "CAMEO.2.0.txt:1138"): why, and where to fix it
    pattern: str = ""
    # the issues its sentence names (Phoenix.IssueCoding.txt codes: REFUGEES, ELECTION...; issues.py)
    issues: list[str] = field(default_factory=list)
    # the language of its document ("en", "ru"): which coder read it
    language: str = "en"

    @property
    def event_id(self) -> str:
        """Stable id: the same document, sentence, dyad and code give the same id."""
        key = "|".join(
            [
                self.doc_id,
                str(self.sentence_index),
                self.cameo,
                self.source.code if self.source else "",
                str(self.source.span) if self.source else "",
                self.target.code if self.target else "",
                str(self.target.span) if self.target else "",
                str(self.trigger_span),
            ]
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def group_id(self) -> str:
        """The event this record is a mention of: records with the same date, dyad and code (and
        negation and modality where not plainly asserted) are one event told several times (a
        headline and its lead, a quote and its paraphrase, other articles), as GDELT groups them.
        The database's `events.event_id`."""
        parts = [self.date or "", self.source.code if self.source else "", self.target.code if self.target else "",
                 self.cameo]
        if self.negated or self.modality != "asserted":
            parts += ["negated" if self.negated else "", self.modality]
        return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "group_id": self.group_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_basis": self.date_basis,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_name": self.cameo_name,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "trigger": {"text": self.trigger_text, "span": list(self.trigger_span)},
            "negated": self.negated,
            "modality": self.modality,
            "location": asdict(self.location) if self.location else None,
            "confidence": round(self.confidence, 3),
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "pattern": self.pattern,
            "issues": list(self.issues),
            "language": self.language,
        }


@dataclass
class CodedDocument:
    """A document with the events coded from it (what `code` and `ingest` produce)."""

    document: Document
    events: list[Event] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence spans
    actors: list[Actor] = field(default_factory=list)  # every actor mention found
    skipped: str | None = None  # reason the coder skipped it (e.g. unsupported language)
    # events under the confidence threshold (Settings.min_confidence): kept here, not output
    set_aside: list[Event] = field(default_factory=list)
