"""Clean stage: main text, title and language of a document.

HTML goes through trafilatura. A text scrape (a whole page saved as text: menus, share buttons,
widgets, headlines of other stories, often the article twice) is cleaned line by line:

1. near-duplicate lines are dropped, keeping the longest copy (hashes of word shingles, linear);
2. each line is classed jusText-style (good / near-good / short / bad) from its length, its
   stopword density in the document's language (justext stoplists), its shape and furniture
   patterns (data/clean/boilerplate.txt); lines in another language than the body are bad;
3. the body is the densest run of lines (maximum-sum segment), so blocks of teasers and
   navigation on either side fall away;
4. the title is the title-shaped line before the body that shares most words with it.

Text that is already clean prose (one line) passes through unchanged: gold sentences go through here.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from importlib import resources

from newsevents.records import Document

# Lines longer than this are not sent whole to the language detector (its cost grows with length).
LANG_SAMPLE_CHARS = 400
# At most this many lines per document are language-checked one by one; the rest keep their class.
MAX_LANG_CHECKS = 400
# Furniture patterns are only trusted on lines shorter than this (in words).
FURNITURE_MAX_WORDS = 25
# Shingle size and the share of a line's shingles seen before that makes it a repeat.
SHINGLE = 5
REPEAT_SHARE = 0.7

# Languages the detector chooses among (ISO 639-1): the news languages we expect. Restricting the
# set makes lingua faster and keeps it from guessing rare languages for short lines.
LANGUAGES = (
    "en ru uk kk de fr es pt it nl pl cs ro hu el bg tr ar fa he hi ur id ms vi th zh ja ko "
    "sv da nb fi et lv lt sk sl hr sr sq az ka hy"
).split()

# CJK ideographs and kana count one "word" each: those scripts put no spaces between words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+", re.UNICODE)
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$|[.!?。！？][\"'”’»)\]]*\s")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


@dataclass
class Line:
    """One non-empty line of a scrape with what the classifier knows about it."""

    index: int
    text: str
    tokens: list[str]
    kind: str = "short"  # good | neargood | short | bad | repeat

    @property
    def size(self) -> int:
        return len(self.tokens)


def clean_document(doc: Document, *, clean: bool = True) -> Document:
    """Return a copy of `doc` with `text` (clean body), `title`, `language` and metadata set."""
    if not clean:
        return dataclasses.replace(doc, text=doc.raw)
    if doc.raw_format == "html":
        doc = _clean_html(doc)
    else:
        doc = _clean_text(doc)
    language = detect_language(doc.text)
    return dataclasses.replace(doc, language=language or doc.language)


# --- HTML ---------------------------------------------------------------------------------------


def _clean_html(doc: Document) -> Document:
    import trafilatura  # imported here: text-only runs should not pay for it

    result = trafilatura.bare_extraction(doc.raw, url=doc.url, with_metadata=True)
    if result is None:
        return dataclasses.replace(doc, text="")
    # trafilatura separates paragraphs by one newline; spans downstream want "\n\n".
    paragraphs = [p.strip() for p in (result.text or "").split("\n") if p.strip()]
    if paragraphs and result.title and paragraphs[0] == result.title.strip():
        paragraphs = paragraphs[1:]  # the heading is the title (metadata), not body text
    text = "\n\n".join(paragraphs)
    return dataclasses.replace(
        doc,
        text=text,
        title=result.title or doc.title,
        date=doc.date or result.date,  # the reader's date comes from the input: it wins
        url=doc.url or result.url,
        source_name=result.sitename or doc.source_name,
    )


# --- text scrapes -------------------------------------------------------------------------------


def _clean_text(doc: Document) -> Document:
    raw = doc.raw or ""
    lines = _split_lines(raw)
    if len(lines) <= 1:
        # One line is either prose (a gold sentence, a paragraph) or nothing we can split safely.
        return dataclasses.replace(doc, text=raw.strip())
    counts = _line_counts(lines)
    _mark_repeats(lines)
    language = detect_language(_language_sample(lines))
    _classify(lines, language)
    body = _densest_run(lines)
    title_line = _pick_title(lines, body)
    title = doc.title
    if title_line is not None and not title:
        title = title_line.text
    kept = _body_lines(lines, body, title_line, counts)
    return dataclasses.replace(doc, text="\n\n".join(line.text for line in kept), title=title)


def _split_lines(raw: str) -> list[Line]:
    lines = []
    for index, text in enumerate(raw.splitlines()):
        text = SPACES.sub(" ", text).strip()
        if text:
            lines.append(Line(index, text, TOKEN.findall(text.lower())))
    return lines


def _line_counts(lines: list[Line]) -> dict[str, int]:
    """How often each exact line occurs: a title is usually repeated (breadcrumb, heading)."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    return counts


def _shingles(tokens: list[str]) -> set[int]:
    if len(tokens) < SHINGLE:
        return {hash(tuple(tokens))}
    return {hash(tuple(tokens[i : i + SHINGLE])) for i in range(len(tokens) - SHINGLE + 1)}


def _mark_repeats(lines: list[Line]) -> None:
    """Mark lines whose words mostly occur in a longer (or earlier equal) line as repeats.

    Longest lines first, so of a truncated and a full copy the full one stays; each line is
    compared with one set of shingle hashes, so the cost is linear in the text.
    """
    seen: set[int] = set()
    for line in sorted(lines, key=lambda item: (-item.size, item.index)):
        if line.size < 4:
            continue  # short lines (table cells, menu items) are judged by their class instead
        shingles = _shingles(line.tokens)
        if len(shingles & seen) >= REPEAT_SHARE * len(shingles):
            line.kind = "repeat"
        else:
            seen |= shingles


def _language_sample(lines: list[Line], limit: int = 3000) -> str:
    """The longest lines: on a scrape these are body paragraphs, not menus."""
    sample, total = [], 0
    for line in sorted(lines, key=lambda item: -len(item.text)):
        if line.kind == "repeat":
            continue
        sample.append(line.text[:1000])
        total += len(sample[-1])
        if total >= limit:
            break
    return "\n".join(sample)


def _classify(lines: list[Line], language: str | None) -> None:
    stopwords = _stopwords(language)
    checks = 0
    for line in lines:
        if line.kind == "repeat":
            continue
        line.kind = _line_class(line, stopwords)
        if line.kind == "bad" or language is None or not _worth_language_check(line):
            continue
        checks += 1
        if checks <= MAX_LANG_CHECKS and _foreign(line, language):
            line.kind = "bad"


def _line_class(line: Line, stopwords: frozenset[str]) -> str:
    words = line.size
    if not LETTER.search(line.text):
        return "short"  # numbers and symbols: table cells, scores; kept only inside the body
    if words < FURNITURE_MAX_WORDS and _is_furniture(line.text):
        return "bad"
    sentence = bool(SENTENCE_END.search(line.text))
    if stopwords:
        density = sum(1 for token in line.tokens if token in stopwords) / words
        if words >= 10 and density >= 0.25:
            return "good"
        if words >= 5 and (density >= 0.2 or sentence):
            return "neargood"
        return "short"
    if words >= 25 and sentence:
        return "good"
    return "neargood" if words >= 8 and sentence else "short"


def _worth_language_check(line: Line) -> bool:
    # Short lines are guessed badly by any detector; names and numbers fit every language.
    return line.kind in ("good", "neargood", "short") and len(line.text) >= 25 and line.size >= 4


def _foreign(line: Line, language: str) -> bool:
    found = detect_language(line.text[:LANG_SAMPLE_CHARS])
    return found is not None and found != language


def _densest_run(lines: list[Line]) -> tuple[int, int]:
    """Positions [start, end) in `lines` of the maximum-sum run (Kadane), repeats skipped.

    Body lines weigh their length in words, furniture and short lines cost a fixed amount, so the
    run stretches over a caption or a subhead inside the body but not over a menu.
    """
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for position, line in enumerate(lines):
        if line.kind == "repeat":
            continue
        total += _weight(line)
        if total <= 0:
            total, start = 0.0, position + 1
        elif total > best:
            best, best_span = total, (start, position + 1)
    return best_span


def _weight(line: Line) -> float:
    if line.kind == "good":
        return float(line.size)
    if line.kind == "neargood":
        return line.size * 0.5
    if line.kind == "bad":
        return -15.0
    return -4.0


def _pick_title(lines: list[Line], body: tuple[int, int]) -> Line | None:
    """The title-shaped line before the body (or its first line) sharing most words with it."""
    start, end = body
    body_words = {token for line in lines[start:end] if line.kind in ("good", "neargood") for token in line.tokens}
    best, best_score = None, 0.0
    for line in lines[: start + 1]:
        if line.kind in ("bad", "repeat") or not 3 <= line.size <= 30 or line.text.endswith("."):
            continue
        distinct = set(line.tokens)
        score = len(distinct & body_words) / len(distinct)
        if score > best_score:
            best, best_score = line, score
    return best if best_score >= 0.5 else None


def _body_lines(lines: list[Line], body: tuple[int, int], title: Line | None, counts: dict[str, int]) -> list[Line]:
    start, end = body
    kept = []
    for line in lines[start:end]:
        if line.kind in ("bad", "repeat") or (title is not None and line.text == title.text):
            continue
        kept.append(line)
    return kept


# --- language -----------------------------------------------------------------------------------


@functools.cache
def _detector():  # built once, on first use: building it is slow
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    wanted = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*wanted).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    if not text or not LETTER.search(text):
        return None
    found = _detector().detect_language_of(text[:3000])
    return found.iso_code_639_1.name.lower() if found is not None else None


@functools.cache
def _stopwords(language: str | None) -> frozenset[str]:
    if language is None:
        return frozenset()
    import justext
    from lingua import IsoCode639_1, Language

    name = Language.from_iso_code_639_1(getattr(IsoCode639_1, language.upper())).name.title()
    name = {"Bokmal": "Norwegian_Bokmal"}.get(name, name)
    try:
        return frozenset(word.lower() for word in justext.get_stoplist(name))
    except ValueError:
        return frozenset()  # no stoplist (Chinese, Japanese, Thai): shape alone decides


@functools.cache
def _furniture_pattern() -> re.Pattern[str]:
    path = resources.files("newsevents") / "data" / "clean" / "boilerplate.txt"
    patterns = [
        line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _is_furniture(text: str) -> bool:
    return bool(_furniture_pattern().search(text))
