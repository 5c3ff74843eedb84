"""The stages chained: read -> clean -> parse -> actors -> events -> when/where.

`Settings` is the one settings object; `Coder` runs the NLP stages over cleaned documents in
batches; `process` drives everything from paths and yields coded documents and rejects. The
runners (CLI, store, workers) call these and know nothing of what the stages do.
"""
from __future__ import annotations

import logging
from pathlib import Path
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from newsevents import whenwhere
from newsevents.confidence import MIN_CONFIDENCE, dated
from newsevents.datelines import dateline_location
from newsevents.actors import ActorCoder
from newsevents.clean import clean_document
from newsevents.dictionaries import read_actors, read_agents
from newsevents.events import EventCoder
from newsevents.knowledge import DictionaryError, Knowledge, _add_people, default_knowledge, dictionaries_on
from newsevents.parse import load_model
from newsevents.patterns import load_patterns
from newsevents.read import read_inputs
from newsevents.records import Actor, CodedDocument, Document, Event, Reject

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; the CLI, API and workers all build one of these."""

    model: str | None = None  # spaCy pipeline name; default en_core_web_sm 3.8.0
    default_date: str | None = None  # publication date of inputs that give none
    clean: bool = True
    input_format: str | None = None  # force text | html | jsonl | warc
    patterns: str | None = None  # a user's extra pattern file
    people: str | None = None  # a user's extra people file
    actors: tuple[str, ...] = ()  # PETRARCH/TABARI actor dictionaries to add
    agents: tuple[str, ...] = ()  # PETRARCH/TABARI agent dictionaries to add
    # the field's dictionaries (data/petrarch/) under the package's tables; None: NEWSEVENTS_DICTIONARIES,
    # else off (knowledge.dictionaries_on)
    dictionaries: bool | None = None
    languages: tuple[str, ...] = ("en", "ru")  # languages the coder supports (ru: natasha, russian.py)
    batch_size: int = 32
    max_chars: int = 1_000_000  # longer clean texts are rejected, so one page cannot stall a batch
    # events less likely right than this are set aside (CodedDocument.set_aside), not output
    min_confidence: float = MIN_CONFIDENCE


@dataclass
class Counts:
    read: int = 0
    coded: int = 0
    rejected: int = 0
    skipped_language: int = 0
    events: int = 0
    set_aside: int = 0  # events under Settings.min_confidence
    reasons: dict[str, int] = field(default_factory=dict)

    def reject(self, reason: str) -> None:
        self.rejected += 1
        key = reason.split(":")[0][:60]
        self.reasons[key] = self.reasons.get(key, 0) + 1


# Loads what the stages load on first need (gazetteer index ~0.1 s from its cache, ~0.7 s built;
# dateparser ~0.4 s) at start-up.
_WARM_UP = "Two weeks ago, Russian officials met Chinese diplomats in Geneva."


class Coder:
    """parse -> actors -> events -> when/where, over documents whose `text` is clean.

    `warm_up`: code a sentence at start, so that what the stages load on first need (the gazetteer,
    dateparser) loads now and not in the first document: for coders that serve many documents (the
    ingest workers, the server, the API). A one-shot run (`process`, `newsevents code`) skips it:
    there it would only add the warm-up sentence's own work to start-up."""

    def __init__(self, settings: Settings = Settings(), warm_up: bool = True):
        self.settings = settings
        self.nlp = load_model(settings.model)
        self.actor_coder = ActorCoder(self.nlp.tokenizer, _knowledge(settings))
        self.event_coder = EventCoder(load_patterns(settings.patterns))
        self._other: dict = {}  # language -> its parser and coders (russian.RussianCoders), on first need
        if warm_up:
            self.code_text(_WARM_UP, date="2020-01-01")  # the gazetteer and dateparser load now, not in document 1

    def code_text(self, text: str, date: str | None = None, doc_id: str = "text", language: str = "en") -> list[Event]:
        """Events of one clean text (no reading or cleaning)."""
        document = Document(id=doc_id, raw=text, text=text, date=date, language=language)
        result = next(self.code_documents([document]))
        if isinstance(result, Reject):
            raise ValueError(result.reason)
        return result.events

    def code_documents(self, documents: Iterable[Document]) -> Iterator[CodedDocument | Reject]:
        """Code documents in batches (nlp.pipe); each comes out once, in order, coded or rejected."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.settings.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Document]) -> Iterator[CodedDocument | Reject]:
        codable = [d for d in batch if self._skip_reason(d) is None and not self._coders(d)]
        parsed = iter(self.nlp.pipe((d.text for d in codable), batch_size=self.settings.batch_size))
        for document in batch:
            reason = self._skip_reason(document)
            if reason is not None:
                yield CodedDocument(document, skipped=reason)
                continue
            other = self._coders(document)
            try:
                doc = other.nlp(document.text) if other else next(parsed)
            except Exception as exc:  # a text the other language's parser cannot take
                yield Reject(document.origin, f"parsing failed: {type(exc).__name__}: {exc}", "code", document.id)
                continue
            try:
                yield self._code_parsed(document, doc)
            except Exception as exc:  # one document that breaks a rule must not stop the batch
                log.debug("coding failed on %s", document.origin, exc_info=True)
                yield Reject(document.origin, f"coding failed: {type(exc).__name__}: {exc}", "code", document.id)

    def _skip_reason(self, document: Document) -> str | None:
        if document.language and document.language not in self.settings.languages:
            return f"language {document.language} is not supported by the coder"
        return None

    def _coders(self, document: Document):
        """The parser and coders of a document's language other than English (None for English)."""
        if document.language != "ru" or "ru" not in self.settings.languages:
            return None
        if "ru" not in self._other:
            from newsevents.russian import RussianCoders  # natasha loads only when Russian comes

            self._other["ru"] = RussianCoders()
        return self._other["ru"]

    def _code_parsed(self, document: Document, doc) -> CodedDocument:
        coders = self._coders(document) or self
        actors = coders.actor_coder.code(doc, document.date)
        events = _one_event_per_dyad(_dedupe_repeated_sentences(coders.event_coder.code(doc, actors, document.id)))
        self._place_and_date(doc, document, events)
        for event in events:
            event.language = document.language or "en"
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        threshold = self.settings.min_confidence
        kept = [e for e in events if e.confidence >= threshold]
        aside = [e for e in events if e.confidence < threshold]
        return CodedDocument(document, kept, sentences, actors.mentions(), set_aside=aside)

    def _place_and_date(self, doc, document: Document, events: list[Event]) -> None:
        dateline = dateline_location(doc)
        countries = {a.country for e in events for a in (e.source, e.target) if a and a.country}
        sentences = list(doc.sents)
        index_of = {(s.start_char, s.end_char): i for i, s in enumerate(sentences)}
        entities = whenwhere.Entities(doc)
        for event in events:
            index = index_of[event.sentence_span]
            sent = sentences[index]
            trigger = doc.char_span(*event.trigger_span)
            token = trigger[0] if trigger is not None and len(trigger) else None
            when = whenwhere.resolve_date(sent, document.date, token, entities=entities)
            event.date, event.date_basis = when.date, when.basis
            event.date_text, event.date_precision = when.text, when.precision
            event.confidence = dated(event.confidence, when.date, when.basis, document.date)
            event.location = whenwhere.locate(sent, token, dateline=dateline, doc_countries=countries,
                                              context=_paragraph_before(sentences, index), entities=entities)


def _paragraph_before(sentences: list, index: int, most: int = 3) -> list:
    """Up to `most` sentences before sentence `index` in its paragraph, nearest first."""
    before = []
    for sent in reversed(sentences[max(0, index - most):index]):
        # The text between the two sentences, without building the whole document's text (Doc.text).
        last = sent.doc[sent.end - 1]
        gap = sent.doc[last.i:sentences[index].start].text_with_ws[len(last.text):]
        if "\n" in gap or "\n" in sent.text:
            break
        before.append(sent)
    return before


def _knowledge(settings: Settings):
    """The package's actor knowledge (with the field's dictionaries under it when they are on) and
    the user's files over both: a phrase of the user's people, actor or agent files keeps only
    the user's entries."""
    dictionaries = dictionaries_on(settings.dictionaries)
    if not (settings.people or settings.actors or settings.agents):
        return default_knowledge(dictionaries)
    knowledge = default_knowledge(dictionaries).merge(Knowledge())  # a copy: the default is shared
    user = Knowledge(countries=knowledge.countries)
    if settings.people:
        _add_people(user, Path(settings.people))
    for paths, reader in ((settings.actors, read_actors), (settings.agents, read_agents)):
        for path in paths:
            pairs, report = reader(path)
            if report.problems:  # the user's own file: a line it cannot use is an error, not a skip
                raise DictionaryError(str(report.problems[0]))
            user.extend(pairs)
    return knowledge.override(user)


def _dedupe_repeated_sentences(events: list[Event]) -> list[Event]:
    """The same event from the same sentence text is kept once (a body scraped twice)."""
    seen: set[tuple] = set()
    kept = []
    for event in events:
        offset = event.sentence_span[0]  # spans relative to the sentence: the same in both copies
        key = (event.sentence, event.cameo, event.trigger_span[0] - offset,
               *(_relative(actor, offset) for actor in (event.source, event.target)))
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _one_event_per_dyad(events: list[Event]) -> list[Event]:
    """One event per sentence per (source code, target code, CAMEO code): "Lavrov and Shoigu met
    Kerry and Hagel" is one RUSGOV -> USAGOV 040 with Shoigu in `source.also` and Hagel in
    `target.also`, so that counts are honest and every mention stays traceable. One trigger that
    gave the same dyad at two levels of detail (USA and USAGOV) keeps the more specific."""
    by_code: dict[tuple, Event] = {}
    for event in events:
        _merge_into(by_code, (event.sentence_span, *_codes(event), event.cameo), event)
    by_trigger: dict[tuple, Event] = {}
    for event in sorted(by_code.values(), key=lambda e: -sum(len(code or "") for code in _codes(e))):
        countries = tuple(code and code[:3] for code in _codes(event))
        _merge_into(by_trigger, (event.sentence_span, event.trigger_span, event.cameo, *countries), event)
    kept = {id(event) for event in by_trigger.values()}
    return [event for event in events if id(event) in kept]  # in document order


def _codes(event: Event) -> tuple[str | None, str | None]:
    return (event.source.code if event.source else None, event.target.code if event.target else None)


def _merge_into(kept: dict[tuple, Event], key: tuple, event: Event) -> None:
    """Keep `event` under `key`, or list its actors beside those of the event kept there."""
    first = kept.setdefault(key, event)
    if first is not event:
        first.source = _with_also(first.source, event.source)
        first.target = _with_also(first.target, event.target)


def _with_also(actor: Actor | None, other: Actor | None) -> Actor | None:
    """`actor` with `other` among its `also`, unless it is the same mention."""
    if actor is None or other is None or other.span in {actor.span, *(a.span for a in actor.also)}:
        return actor
    return replace(actor, also=(*actor.also, replace(other, also=())))


def _relative(actor, offset: int) -> tuple | None:
    return actor and (actor.code, actor.span[0] - offset)


def clean_all(paths: Sequence[str], settings: Settings, counts: Counts | None = None
              ) -> Iterator[Document | Reject]:
    """read -> clean: clean documents and rejects, counted."""
    counts = counts if counts is not None else Counts()
    for item in read_inputs(paths, input_format=settings.input_format, default_date=settings.default_date):
        counts.read += 1
        result = item if isinstance(item, Reject) else clean_one(item, settings)
        if isinstance(result, Reject):
            counts.reject(result.reason)
        yield result


def clean_one(document: Document, settings: Settings) -> Document | Reject:
    """clean one read document: the clean document, or a reject with its reason (never raises)."""
    try:
        cleaned = clean_document(document, clean=settings.clean)
    except Exception as exc:  # a page that breaks the cleaner must not stop the batch
        log.debug("clean failed on %s", document.origin, exc_info=True)
        return Reject(document.origin, f"cleaning failed: {type(exc).__name__}: {exc}", "clean", document.id)
    reason = _clean_reject_reason(cleaned, settings)
    if reason:
        return Reject(cleaned.origin, reason, "clean", cleaned.id)
    return cleaned


def _clean_reject_reason(document: Document, settings: Settings) -> str | None:
    if not document.text.strip():
        return "no text left after cleaning"
    if len(document.text) > settings.max_chars:
        return f"clean text of {len(document.text)} characters is over the limit of {settings.max_chars}"
    return None


def process(paths: Sequence[str], settings: Settings = Settings(), counts: Counts | None = None,
            coder: Coder | None = None) -> Iterator[CodedDocument | Reject]:
    """read -> clean -> code: coded documents (or skipped ones) and rejects, in input order.
    The coder, unless given, is built without the warm-up (a one-shot run: see `Coder`)."""
    counts = counts if counts is not None else Counts()
    coder = coder or Coder(settings, warm_up=False)
    rejects: list[Reject] = []

    def documents() -> Iterator[Document]:
        for item in clean_all(paths, settings, counts):
            if isinstance(item, Reject):
                rejects.append(item)
            else:
                yield item

    for coded in coder.code_documents(documents()):
        while rejects:
            yield rejects.pop(0)
        if isinstance(coded, Reject):
            counts.reject(coded.reason)
        elif coded.skipped:
            counts.skipped_language += 1
        else:
            counts.coded += 1
            counts.events += len(coded.events)
            counts.set_aside += len(coded.set_aside)
        yield coded
    while rejects:
        yield rejects.pop(0)
