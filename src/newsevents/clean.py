"""Clean stage: main text, title and language of a document.

HTML goes through trafilatura. A text scrape (a whole page saved as text: menus, share buttons,
widgets, headlines of other stories, often the article twice) is cleaned line by line:

1. near-duplicate lines are dropped, keeping the longest copy (hashes of word shingles, linear);
2. each line is classed jusText-style (good / near-good / short / bad) from its length, its
   stopword density in the document's language (justext stoplists), its shape and furniture
   patterns (data/clean/boilerplate.txt); lines in another language than the body are bad;
3. the body is the densest run of lines (maximum-sum segment) inside one block (blocks are split
   by MAX_GAP non-body lines in a row), lone paragraphs of a teaser list weighing less, so
   teasers, sidebars and navigation on either side fall away;
4. the title is the title-shaped line before the body that shares most words with it.

Text that is already clean prose (one line) passes through unchanged: gold sentences go through here.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsevents.records import Document, plain_label

# Lines longer than this are not sent whole to the language detector (its cost grows with length).
LANG_SAMPLE_CHARS = 400
SCRIPT_SAMPLE_CHARS = 200  # enough letters to tell a line's writing system
# At most this many lines per document are language-checked one by one; the rest keep their class.
MAX_LANG_CHECKS = 400
# Furniture patterns are only trusted on lines shorter than this (in words).
FURNITURE_MAX_WORDS = 25
# Residue patterns (data/clean/residue.txt: prompts, links, captions, bylines, credits) are only
# trusted on paragraphs of at most this many words; a tail paragraph of at most TAIL_MAX_WORDS
# words that ends no sentence (a caption, another story's headline, "Popular on ...") is dropped.
RESIDUE_MAX_WORDS = 40
# The [teasers] section of residue.txt marks where other stories begin inside a paragraph; the
# paragraph is cut there when at least this many words of body come before.
TEASERS = "teasers"
TEASER_CUT_MIN_WORDS = 30
# A person card glued to a name ends in "MORE" within this many characters of where it starts.
CARD_MAX_CHARS = 600
CARD_END = re.compile(r"\s+MORE\b")
CARD_NAME_CHARS = 40  # the name again, at the head of the card
TAIL_MAX_WORDS = 12
# A line of hard-wrapped prose has at least this many words (menu entries and tags have fewer).
WRAP_MIN_WORDS = 6
# Shingle size and the share of a line's shingles seen before that makes it a repeat.
SHINGLE = 5
REPEAT_SHARE = 0.7
# This many non-body lines in a row (menus, tags, bylines of teasers) end a run of body text: the
# body does not continue past them.
MAX_GAP = 6
# A block where at least this share of the prose (and MIN_TEASERS paragraphs) stands alone between
# short lines is a list of teasers; its prose weighs TEASER_FACTOR of a body's.
TEASER_SHARE = 0.6
MIN_TEASERS = 3
TEASER_FACTOR = 0.3

# Languages the detector chooses among (ISO 639-1): the news languages we expect. Restricting the
# set makes lingua faster and keeps it from guessing rare languages for short lines.
LANGUAGES = (
    "en ru uk kk de fr es pt it nl pl cs ro hu el bg tr ar fa he hi ur id ms vi th zh ja ko "
    "sv da nb fi et lv lt sk sl hr sr sq az ka hy"
).split()

# Under this many words a text's language is decided by a stopword vote among lingua's
# SHORT_TEXT_CANDIDATES likeliest languages (see _vote_short_text).
SHORT_TEXT_WORDS = 30
SHORT_TEXT_CANDIDATES = 3
SHORT_TEXT_MIN_CONFIDENCE = 0.05  # a candidate lingua all but rules out gets no vote (stoplists overlap)
CODER_LANGUAGES = ("en",)

# CJK ideographs and kana count one "word" each: those scripts put no spaces between words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+", re.UNICODE)
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$|[.!?。！？][\"'”’»)\]]*\s")
# A headline glued to its teaser ("...Troy SteakhouseA party of six left..."): a scrape artefact of
# teaser lists. The part before the glue is title case (no lowercase word of 3+ letters).
GLUE = re.compile(r"[a-z0-9?!’'\"][A-Z]")
ITEM_START = re.compile(r"^(?:\d{1,3}[a-zº°ª]?[.):]?\s|[-*•·–—▪►]\s*\S|\(\d{1,3}\)\s)")
# Upper bounds of code points and the script below them (coarse: enough to tell alphabets apart).
SCRIPTS = (
    (0x0250, "latin"), (0x0370, "other"), (0x0400, "greek"), (0x0530, "cyrillic"), (0x0590, "armenian"),
    (0x0600, "hebrew"), (0x0780, "arabic"), (0x0900, "other"), (0x0E00, "indic"), (0x0E80, "thai"),
    (0x1100, "other"), (0x1200, "hangul"), (0x1E00, "other"), (0x1F00, "latin"), (0x3040, "other"),
    (0xA000, "cjk"), (0xAC00, "other"), (0xD7B0, "hangul"), (0xF900, "other"), (0xFB00, "cjk"),
)
BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\r?\n")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# Invisible characters go before cleaning: control characters (not tab or line ends), zero-width and
# bidi marks, soft hyphens, BOMs. Inside words they break names ("Rus\u200bsia"); vertical tabs,
# form feeds and the C1/file separators, which Python counts as line ends, become spaces.
INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u206f\ufeff]+")
CONTROL_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85]")


@dataclass
class Line:
    """One non-empty line of a scrape with what the classifier knows about it."""

    index: int
    text: str
    tokens: list[str]
    kind: str = "short"  # good | neargood | item | short | bad
    repeat: bool = False  # a copy of a longer (or earlier) line: never output
    copies: int = 0  # how many copies of this line were dropped: a doubled body is still body

    @property
    def size(self) -> int:
        return len(self.tokens)


def clean_document(doc: Document, *, clean: bool = True) -> Document:
    """Return a copy of `doc` with `text` (clean body), `title`, `language` and metadata set."""
    if not clean:
        return dataclasses.replace(doc, text=doc.raw, title=plain_label(doc.title))
    doc = dataclasses.replace(doc, raw=CONTROL_BREAKS.sub(" ", INVISIBLE.sub("", doc.raw)))
    if doc.raw_format == "html":
        doc = _clean_html(doc)
    else:
        doc = _clean_text(doc)
    language = detect_language(doc.text)
    return dataclasses.replace(doc, language=language or doc.language, title=plain_label(doc.title))


# --- HTML ---------------------------------------------------------------------------------------


def _clean_html(doc: Document) -> Document:
    import trafilatura  # imported here: text-only runs should not pay for it

    result = trafilatura.bare_extraction(doc.raw, url=doc.url, with_metadata=True)
    if result is None:
        return dataclasses.replace(doc, text="")
    # trafilatura separates paragraphs by one newline; spans downstream want "\n\n".
    paragraphs = [p for p in (TABLE_PIPES.sub("", p.strip()) for p in (result.text or "").split("\n")) if p]
    text = "\n\n".join(strip_residue(without_heading(paragraphs, result.title)))
    return dataclasses.replace(
        doc,
        text=text,
        title=result.title or doc.title,
        date=doc.date or result.date,  # the reader's date comes from the input: it wins
        url=doc.url or result.url,
        source_name=result.sitename or doc.source_name,
    )


# The site's name after a page title: "... - SpaceNews.com", "... | Editorial", "... – TechCrunch".
TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{1,40}$")
# A heading repeated at the head of the body is cut from it when at least this many of its words
# match (shorter titles are too likely to open a sentence of the body by chance).
HEADING_MIN_WORDS = 4
TABLE_PIPES = re.compile(r"^\|[\s|]*")  # the cell marks trafilatura leaves before a table's text
AGENCY_GLUE = re.compile(r"^(\([A-Z][A-Za-z.&]{1,12}\))(?=[A-Z])")  # "(CNN)President": a dateline glued to the lead
_WORD = re.compile(r"\w+")


def without_heading(paragraphs: list[str], title: str | None) -> list[str]:
    """The body without the page's heading, which is the title (metadata), not body text: one of the
    first two paragraphs that repeats the title (case, punctuation and the site's name after it
    aside) is dropped; a first paragraph that opens with it ("Amnesty. More than 100 protesters
    killed in Iran unrest November 20, 2019 - ... - Verified video footage ...") loses it. An agency
    glued to the lead ("(CNN)President") is spaced from it, so that the dateline parts from the lead."""
    paragraphs = [AGENCY_GLUE.sub(r"\1 ", p, count=1) for p in paragraphs[:3]] + paragraphs[3:]
    if not title or not paragraphs:
        return paragraphs
    keys = {tuple(_WORD.findall(t.lower())) for t in (title, TITLE_SUFFIX.sub("", title.strip()))}
    keys.discard(())
    for position in range(min(2, len(paragraphs))):
        if tuple(_WORD.findall(paragraphs[position].lower())) in keys:
            return paragraphs[:position] + paragraphs[position + 1:]
    words = list(_WORD.finditer(paragraphs[0]))
    lowered = tuple(w.group().lower() for w in words)
    for key in sorted(keys, key=len, reverse=True):
        if len(key) >= HEADING_MIN_WORDS and lowered[:len(key)] == key and len(lowered) > len(key):
            rest = paragraphs[0][words[len(key) - 1].end():].lstrip(" .:|-–—")
            return [rest] + paragraphs[1:]
    return paragraphs


# --- text scrapes -------------------------------------------------------------------------------


def _clean_text(doc: Document) -> Document:
    raw = doc.raw or ""
    if sum(1 for text in raw.splitlines() if text.strip()) <= 1:
        # One line is either prose (a gold sentence, a paragraph) or nothing we can split safely;
        # checked before tokenizing, so a huge one-line input costs almost nothing.
        return dataclasses.replace(doc, text=raw.strip())
    lines = _split_lines(raw)
    language = detect_language(_language_sample(lines))
    if not BLANK_LINE.search(raw.strip()):
        # One block without blank lines: it may be a hard-wrapped paragraph (a scrape separates
        # its blocks by blank lines, and its menus would be joined to prose by this rule).
        lines = _join_wrapped(lines, _stopwords(language))
    counts = _line_counts(lines)
    _mark_repeats(lines)
    _classify(lines, language)
    body = _densest_run(lines)
    title_line = _pick_title(lines, body)
    title = doc.title
    if title_line is not None and not title:
        title = title_line.text
    kept = _body_lines(lines, body, title_line, counts)
    return dataclasses.replace(doc, text="\n\n".join(strip_residue([line.text for line in kept])), title=title)


def _split_lines(raw: str) -> list[Line]:
    lines = []
    for index, text in enumerate(raw.splitlines()):
        text = SPACES.sub(" ", text).strip()
        if text:
            lines.append(Line(index, text, TOKEN.findall(text.lower())))
    return lines


def _join_wrapped(lines: list[Line], stopwords: frozenset[str]) -> list[Line]:
    """Join hard-wrapped prose: a line that stops mid-sentence (no closing punctuation) continues
    on the next when that one starts in lowercase, or when it ends on a comma or a stopword
    ("... met in" / "Geneva on Monday"). Headlines and menu entries end on neither."""
    joined: list[Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        if last is not None and _continues(last, line, stopwords):
            last.text = f"{last.text} {line.text}"
            last.tokens.extend(line.tokens)
        else:
            joined.append(line)
    return joined


def _continues(line: Line, following: Line, stopwords: frozenset[str]) -> bool:
    if not line.tokens or SENTENCE_END.search(line.text) or not LETTER.match(following.text):
        return False
    if following.text[0].islower():
        return line.size >= WRAP_MIN_WORDS
    return line.text.endswith(",") or (line.size >= WRAP_MIN_WORDS and line.tokens[-1] in stopwords)


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
    owner: dict[int, Line] = {}
    for line in sorted(lines, key=lambda item: (-item.size, item.index)):
        if line.size < 4:
            continue  # short lines (table cells, menu items) are judged by their class instead
        shingles = _shingles(line.tokens)
        owners = [owner[shingle] for shingle in shingles if shingle in owner]
        if len(owners) >= REPEAT_SHARE * len(shingles):
            line.repeat = True
            max(owners, key=owners.count).copies += 1
        else:
            for shingle in shingles:
                owner.setdefault(shingle, line)


def _language_sample(lines: list[Line], limit: int = 1000) -> str:
    """The longest lines: on a scrape these are body paragraphs, not menus."""
    sample, total = [], 0
    for line in sorted(lines, key=lambda item: -len(item.text)):
        if line.repeat:
            continue
        sample.append(line.text[:1000])
        total += len(sample[-1])
        if total >= limit:
            break
    return "\n".join(sample)


def _classify(lines: list[Line], language: str | None) -> None:
    stopwords = _stopwords(language)
    script = _script(_language_sample(lines))
    checks = 0
    for line in lines:
        line.kind = _line_class(line, stopwords)
        if line.kind == "bad" or language is None or line.repeat:
            continue
        if _script(line.text) not in (script, None):
            line.kind = "bad"  # navigation in another alphabet (Russian menus on an English page)
        elif _worth_language_check(line, stopwords) and checks < MAX_LANG_CHECKS:
            checks += 1
            if _foreign(line, language):
                line.kind = "bad"
    _mark_items(lines)


def _line_class(line: Line, stopwords: frozenset[str]) -> str:
    words = line.size
    if not LETTER.search(line.text):
        return "short"  # numbers and symbols: table cells, scores; kept only inside the body
    if (words < FURNITURE_MAX_WORDS and _is_furniture(line.text)) or _glued_headline(line.text):
        return "bad"
    # Headlines and menu entries rarely end a sentence; body paragraphs nearly always do.
    sentence = bool(SENTENCE_END.search(line.text)) or bool(SENTENCE_END.search(line.text[:-1]))
    chars = len(line.text)
    if stopwords:
        density = _density(line.tokens, stopwords)
        if density >= 0.25 and ((chars >= 70 and sentence) or chars >= 200):
            return "good"
        if (density >= 0.15 and chars >= 40 and sentence) or (density >= 0.25 and chars >= 70):
            return "neargood"
        return "short"
    # No stoplist (Chinese, Japanese, Thai...): length and sentence punctuation alone decide.
    if words >= 40 and sentence:
        return "good"
    return "neargood" if words >= 15 and sentence else "short"


def _glued_headline(text: str) -> bool:
    """A headline glued to its teaser ("...Troy SteakhouseA party of six left..."): a scrape
    artefact of teaser lists. Before the glue: 3+ words, none a lowercase word of 3+ letters."""
    for glue in GLUE.finditer(text, 0, 200):
        head = text[: glue.start() + 1].split()
        if len(head) < 3 or any(word[0].islower() and len(word) >= 3 for word in head):
            return False  # a lowercase word rules out every later glue point too
        if len(text[glue.end() :].split()) >= 4:
            return True
    return False


def _density(tokens: list[str], stopwords: frozenset[str]) -> float:
    return sum(1 for token in tokens if token in stopwords) / max(len(tokens), 1)


def _mark_items(lines: list[Line]) -> None:
    """Short lines of a list or a table (numbered, bulleted, mostly numbers) that has 3+ rows.

    A body that is a league table or a list of offers is made of such lines; a lone one is noise.
    """
    candidates = [i for i, line in enumerate(lines) if line.kind == "short" and _item_shaped(line)]
    chosen = set()
    for a, b, c in zip(candidates, candidates[1:], candidates[2:]):
        if c - a <= 5:  # three rows close together (a link or a note may sit between rows)
            chosen.update((a, b, c))
    for position in chosen:
        lines[position].kind = "item"


def _item_shaped(line: Line) -> bool:
    if ITEM_START.match(line.text):
        return True
    numbers = sum(1 for token in line.tokens if token.isdigit())
    return line.size >= 3 and numbers / line.size >= 0.3


def _worth_language_check(line: Line, stopwords: frozenset[str]) -> bool:
    # Short lines are guessed badly by any detector, and a line full of the body language's
    # stopwords is in that language whatever the detector says.
    if line.kind not in ("good", "neargood", "short") or len(line.text) < 25 or line.size < 4:
        return False
    return not stopwords or _density(line.tokens, stopwords) < 0.15


def _foreign(line: Line, language: str) -> bool:
    """Prose in another language: the detector says so and that language's stopwords fill it."""
    found = detect_language(line.text[:LANG_SAMPLE_CHARS])
    if found is None or found == language:
        return False
    other = _stopwords(found)
    return not other or _density(line.tokens, other) >= 0.2


def _script(text: str) -> str | None:
    """The dominant writing system of the text's first letters (None: no letters)."""
    counts = Counter(map(_script_of, LETTER.findall(text[:SCRIPT_SAMPLE_CHARS])))
    return counts.most_common(1)[0][0] if counts else None


@functools.lru_cache(maxsize=4096)  # a page uses a few hundred distinct letters, looked up thousands of times
def _script_of(char: str) -> str:
    code = ord(char)
    for end, name in SCRIPTS:
        if code < end:
            return name
    return "other"


def _densest_run(lines: list[Line]) -> tuple[int, int]:
    """Positions [start, end) in `lines` of the maximum-sum run (Kadane), repeats skipped.

    Body lines weigh their length in words, furniture and short lines cost a fixed amount, so the
    run stretches over a caption or a subhead inside the body but not over a menu. MAX_GAP
    non-body lines in a row split the page into blocks: a run never crosses one. A block that is
    a list of teasers (each paragraph alone between headlines, bylines, dates) weighs less, so a
    long sidebar of other stories does not outweigh a shorter article.
    """
    teasers: set[int] = set()
    for first, last in _blocks(lines):
        teasers.update(_lone_paragraphs(lines, first, last))
    best, best_span = 0.0, (0, 0)
    for first, last in _blocks(lines):
        total, start = 0.0, first
        for position in range(first, last):
            line = lines[position]
            if line.repeat and line.kind in ("good", "neargood"):
                continue  # the second copy of the body: neutral, so the first copy stays one run
            weight = _weight(line)
            total += weight * TEASER_FACTOR if position in teasers else weight
            if total <= 0:
                total, start = 0.0, position + 1
            elif total > best:
                best, best_span = total, (start, position + 1)
    return best_span


def _blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Spans [first, last) of lines separated by MAX_GAP or more non-body lines in a row."""
    blocks, first, gap = [], 0, 0
    for position, line in enumerate(lines):
        if line.repeat and line.kind in ("good", "neargood"):
            continue
        if line.kind in ("short", "bad"):
            gap += 1
            continue
        if gap >= MAX_GAP and position - gap > first:
            blocks.append((first, position - gap))
            first = position - gap
        gap = 0
    blocks.append((first, len(lines)))
    return blocks


def _lone_paragraphs(lines: list[Line], first: int, last: int) -> list[int]:
    """Positions of a block's teasers: paragraphs standing alone between short lines (headline,
    byline, date), when they hold most of the block's prose; [] when the block is not such a list."""
    content = ("good", "item")  # a headline above a teaser is often near-good: not a neighbour
    alone, total = [], 0
    for position in range(first, last):
        line = lines[position]
        if line.kind not in ("good", "neargood") or line.repeat:
            continue
        total += line.size
        before = position > first and lines[position - 1].kind in content
        after = position + 1 < last and lines[position + 1].kind in content
        if not before and not after:
            alone.append(position)
    if len(alone) >= MIN_TEASERS and sum(lines[p].size for p in alone) >= TEASER_SHARE * total:
        return alone
    return []


def _weight(line: Line) -> float:
    bonus = 2.0 if line.copies else 1.0  # a page that prints a paragraph twice prints its body twice
    if line.kind == "good":
        return line.size * bonus
    if line.kind == "neargood":
        return line.size * 0.25 * bonus
    if line.kind == "item":
        return line.size * 0.5  # a table or list can be the whole body
    if line.kind == "bad":
        return -15.0
    return -3.0


def _pick_title(lines: list[Line], body: tuple[int, int]) -> Line | None:
    """The title-shaped line before the body (or its first line) sharing most words with it."""
    start, end = body
    body_words = {token for line in lines[start:end] if line.kind in ("good", "neargood") for token in line.tokens}
    best, best_score = None, 0.0
    for line in lines[: start + 1]:
        if line.kind == "bad" or line.repeat or not 3 <= line.size <= 30 or line.text.endswith("."):
            continue
        distinct = set(line.tokens)
        score = len(distinct & body_words) / len(distinct)
        if score > best_score:
            best, best_score = line, score
    return best if best_score >= 0.5 else None


def _body_lines(lines: list[Line], body: tuple[int, int], title: Line | None, counts: dict[str, int]) -> list[Line]:
    start, end = body
    run = [line for line in lines[start:end] if not line.repeat and line.kind != "bad"]
    if title is not None:
        run = [line for line in run if line.text != title.text]
    kept = []
    for position, line in enumerate(run):
        if line.kind == "short" and not _between_body(run, position):
            continue  # jusText's rule: a short line stays only inside body text (a subhead)
        kept.append(line)
    return kept


def _between_body(run: list[Line], position: int) -> bool:
    body = ("good", "neargood", "item")
    before = position > 0 and run[position - 1].kind in body
    after = position + 1 < len(run) and run[position + 1].kind in body
    return before and after


# --- language -----------------------------------------------------------------------------------


@functools.cache
def _detector():  # built once, on first use: building it is slow
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    wanted = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    # Low-accuracy mode uses trigram models only: it loads in milliseconds instead of ~15 s, and the
    # cleaner asks about whole lines and pages, where trigrams are enough.
    return LanguageDetectorBuilder.from_languages(*wanted).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    if not text or not LETTER.search(text):
        return None
    sample = text[:1000]  # enough for a page; cost grows with length
    words = [w.lower() for w in TOKEN.findall(sample)]
    if len(words) >= SHORT_TEXT_WORDS:
        found = _detector().detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found is not None else None
    return _vote_short_text(sample)


def _vote_short_text(sample: str) -> str | None:
    """Letter statistics mislead on a sentence ("Turkey expelled the Dutch ambassador." looks
    Swedish to trigrams): among lingua's likeliest languages, the one whose stopwords the text
    uses most wins. On a tie the coder's language wins (dropping an English sentence loses its
    events; coding a foreign one finds none), then lingua's order."""
    ranked = [c for c in _detector().compute_language_confidence_values(sample)[:SHORT_TEXT_CANDIDATES]
              if c.value >= SHORT_TEXT_MIN_CONFIDENCE]
    if not ranked:
        return None
    codes = [c.language.iso_code_639_1.name.lower() for c in ranked]
    # names are no function words: "Israel" is on the Indonesian stoplist, so only words written in
    # lower case (and the text's first word) vote
    written = TOKEN.findall(sample)
    voters = [w.lower() for i, w in enumerate(written) if i == 0 or w.islower()]
    votes = [sum(w in _stopwords(code) for w in voters) for code in codes]
    return codes[max(range(len(codes)), key=lambda i: (votes[i], codes[i] in CODER_LANGUAGES, -i))]


@functools.cache
def _stopwords(language: str | None) -> frozenset[str]:
    if language is None:
        return frozenset()
    from importlib.util import find_spec

    from lingua import IsoCode639_1, Language

    name = Language.from_iso_code_639_1(getattr(IsoCode639_1, language.upper())).name.title()
    name = {"Bokmal": "Norwegian_Bokmal"}.get(name, name)
    # justext's stoplist file, read as justext.get_stoplist does, without importing justext (its
    # package imports lxml: 0.05-0.1 s of a one-sentence `newsevents code`)
    spec = find_spec("justext")
    try:
        words = (Path(spec.origin).parent / "stoplists" / f"{name}.txt").read_bytes().splitlines()
    except (OSError, TypeError):
        return frozenset()  # no stoplist (Chinese, Japanese, Thai): shape alone decides
    return frozenset(word.decode("utf8").lower() for word in words)


@functools.cache
def _furniture_pattern() -> re.Pattern[str]:
    path = resources.files("newsevents") / "data" / "clean" / "boilerplate.txt"
    patterns = [
        line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _is_furniture(text: str) -> bool:
    return bool(_furniture_pattern().search(text))


# --- page residue: prompts, links to other stories, captions, bylines, credits ---------------------


@functools.cache
def _residue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) for each section of data/clean/residue.txt."""
    return tuple((name, _alternatives(patterns)) for name, patterns in _residue_sections().items())


def _alternatives(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.cache
def _residue_sections() -> dict[str, list[str]]:
    path = resources.files("newsevents") / "data" / "clean" / "residue.txt"
    sections: dict[str, list[str]] = {}
    kind = "residue"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind = line[1:-1]
            continue
        sections.setdefault(kind, []).append(line)
    return sections


@functools.cache
def _residue_tests() -> tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    """(kind, anchored, other) for each section but the teasers: its patterns that begin with ^ as
    one expression to match at the start of the text, the others as one to search for. The section
    matches where its single expression (`_residue_patterns`) is found: a ^ matches only at the
    start, and there the anchored patterns are tried once instead of at every character."""
    tests = []
    for kind, patterns in _residue_sections().items():
        if kind == TEASERS:
            continue
        anchored = [p for p in patterns if _anchored(p)]
        other = [p for p in patterns if not _anchored(p)]
        tests.append((kind, *(_alternatives(group) if group else None for group in (anchored, other))))
    return tuple(tests)


def _anchored(pattern: str) -> bool:
    """Whether every match of the pattern starts with ^ (no alternative at its top level is without it)."""
    try:
        from re import _constants, _parser  # the parse the re module compiles from (Python 3.11+)

        parsed = _parser.parse(pattern, re.IGNORECASE)
        return bool(parsed.data) and parsed.data[0] == (_constants.AT, _constants.AT_BEGINNING)
    except Exception:  # not a parse this Python has: searched for everywhere, as before
        return False


def residue_kind(text: str) -> str | None:
    """The kind of page residue `text` (a paragraph or a sentence) is ("prompt", "link", "caption",
    "byline", "credit"), or None for text that may be body."""
    text = SPACES.sub(" ", text).strip()
    if not text or len(text.split()) > RESIDUE_MAX_WORDS:
        return None
    for kind, anchored, other in _residue_tests():
        if (anchored is not None and anchored.match(text)) or (other is not None and other.search(text)):
            return kind
    return None


def strip_residue(paragraphs: list[str]) -> list[str]:
    """The body paragraphs without page residue, and without the short lines after the body that
    end no sentence (captions, other stories' headlines, "Popular on ..." labels)."""
    kept = [p for p in (cut_teasers(without_cards(p)) for p in paragraphs) if p and residue_kind(p) is None]
    while kept and _tail_furniture(kept[-1]):
        kept.pop()
    return kept


def without_cards(paragraph: str) -> str:
    """The paragraph without the person cards a site glues to a name: the name again, headlines of
    other stories about the person, then "MORE" ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ... |
    Senators call for ... MORE (D-Minn.)" -> "Rep. Ilhan Omar (D-Minn.)"). A card starts where a
    word runs into a capital and the words after the join name the word before it again."""
    if " MORE" not in paragraph:
        return paragraph
    for more in reversed(list(CARD_END.finditer(paragraph))):
        start = max(0, more.start() - CARD_MAX_CHARS)
        for glue in GLUE.finditer(paragraph, start, more.start()):
            before = paragraph[:glue.start() + 1].split()
            after = paragraph[glue.start() + 1:min(more.start(), glue.start() + 1 + CARD_NAME_CHARS)]
            if before and len(before[-1]) > 2 and before[-1] in after:
                paragraph = paragraph[:glue.start() + 1] + paragraph[more.end():]
                break
    return paragraph


def cut_teasers(paragraph: str) -> str:
    """The paragraph up to a list of other stories the extractor ran into it (a heading such as
    "Top stories" after a sentence end: the [teasers] section of data/clean/residue.txt), when at
    least TEASER_CUT_MIN_WORDS words of body come before the heading."""
    for kind, pattern in _residue_patterns():
        if kind == TEASERS:
            for match in pattern.finditer(paragraph):
                if len(paragraph[:match.start()].split()) >= TEASER_CUT_MIN_WORDS:
                    return paragraph[:match.start()].rstrip()
    return paragraph


def _tail_furniture(text: str) -> bool:
    words = text.split()
    if not re.search(r"\w", text):
        return True  # a rule of underscores or stars before the credits
    if len(words) > TAIL_MAX_WORDS or not LETTER.search(text) or ITEM_START.match(text):
        return False  # a list or a table may end a body
    return not SENTENCE_END.search(text)
