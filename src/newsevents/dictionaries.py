"""Readers for the field's standard actor and agent dictionaries (PETRARCH / TABARI `.txt` files).

Actor files give a name line, `+` synonym lines and `[CODE date-range]` code lines::

    BARACK_OBAMA
    +OBAMA
    +PRESIDENT_OBAMA
    [USAELI 19610804-20081231]
    [USAGOV >20090120]
    RUSSIA [RUS]                      # a name and its code on one line

Agent files give a role and its sector: `FARMER [~AGR]`, with optional plural forms in braces
(`MINISTER {MINISTERS} [~GOV]`), `[NGO~]` codes and `!PERSON!` substitution sets. Underscores join
words; `#` starts a comment. Both load into the (phrase, Entry) pairs `Knowledge.extend` takes, so
users' dictionaries join the package's own::

    knowledge = default_knowledge().merge(Knowledge().extend(load_petrarch_actors("my.actors.txt")))

The real files (the field's Phoenix dictionaries, shipped in `data/petrarch/`) are read whole: a
line that cannot be used is counted in the file's `Report` with its file:line and reason, never
raised. `read_dictionary(path)` reads any of them by its kind (actors, agents, discards, issues,
ontology, prepositions) and returns what it gave with its Report.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.knowledge import AGENT, COUNTRY, IGO, PERSON, Entry


@dataclass(frozen=True)
class Problem:
    """A dictionary line that could not be used: where it is and why (never a crash)."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class Report:
    """What one dictionary file gave: its lines, the entries read, and the lines skipped with reasons.

    Every line of the file is counted exactly once: `used` (gave or continued an entry), `ignored`
    (blank, comment, section marker) or one `Problem`; `accounted()` checks they add up to `lines`.
    Readers of other dictionary kinds (the verb dictionary) fill the same record.
    """

    path: str
    kind: str = ""
    lines: int = 0
    entries: int = 0
    used: int = 0
    ignored: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def skip(self, line: int, reason: str) -> None:
        self.problems.append(Problem(str(self.path), line, reason))

    def accounted(self) -> bool:
        return self.used + self.ignored + self.skipped == self.lines

    def summary(self) -> str:
        return (f"{self.path}: {self.kind or 'dictionary'}: {self.entries} entries from {self.lines} lines "
                f"({self.used} used, {self.ignored} blank or comment, {self.skipped} skipped)")

# CAMEO codes that are actors without being ISO countries: IGOs, NGOs, multinationals, militarized
# groups, unidentified actors, and the codebook's regions.
NON_STATE = frozenset(
    "IGO NGO IMG MNC UIS INT AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS "
    "SAS SAM SAF SEA SCN WAF WST".split()
)
# Country codes of states that no longer exist (or not in ISO 3166-1), which the dictionaries use
# for dated codes: the USSR, Yugoslavia, East Germany, Czechoslovakia, Serbia and Montenegro, East
# Timor before 2002, Kosovo.
HISTORICAL = frozenset("USR SUN YUG FRY SCG DDR CSK TMP KSV SRP ANG FRN BAH KRJ".split())
_CODE = re.compile(r"\[\s*([^\s\]]+)\s*([^\]]*)\]")
_DATE_RANGE = re.compile(r"^(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))$")
_REPLACEMENT = "\ufffd"


def _date(raw: str) -> str | None:
    """`YYYYMMDD` or `YYMMDD` (two-digit year <= 30 is 20YY, else 19YY) -> ISO; None if not a date."""
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year <= 30 else 1900 + year}{raw[2:]}"
    if len(raw) != 8:
        return None
    try:
        return datetime.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
    except ValueError:
        return None


def _dates(text: str) -> tuple[str | None, str | None]:
    """A date restriction -> (valid_from, valid_to), both inclusive; ValueError names what is wrong."""
    match = _DATE_RANGE.match(text.strip())
    if not match:
        raise ValueError(f"bad date restriction {text.strip()!r} (use >DATE, <DATE or DATE-DATE)")
    bound, single, low, high = match.groups()
    raws = [single] if single else [low, high]
    isos = [_date(r) for r in raws]
    bad = [r for r, iso in zip(raws, isos) if iso is None]
    if bad:
        raise ValueError(f"bad date {bad[0]!r} in {text.strip()!r} (YYYYMMDD or YYMMDD)")
    if single:
        return (isos[0], None) if bound == ">" else (None, isos[0])
    return isos[0], isos[1]


def _word(word: str, alone: bool) -> str:
    if any(c.isdigit() for c in word):
        return word
    if "." in word or (alone and len(word) <= 3) or not any(c in "AEIOUY" for c in word.upper()):
        return word.upper()  # "U.N.", "UN", "ANSF"-like acronyms keep their case
    return word.capitalize()


def _phrase(raw: str) -> str:
    """`BARACK_OBAMA` -> `Barack Obama` (matching ignores case; names keep their capitals)."""
    words = [w for w in raw.strip().strip("_").replace("!", "").replace("_", " ").split() if w]
    return " ".join(_word(w, len(words) == 1) for w in words)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _content_lines(path: Path, report: Report, ignored: tuple[str, ...] = ()) -> Iterator[tuple[int, str]]:
    """(line number, text without its comment) of each line with content; every line is counted in
    `report.lines`, and blank, comment-only and `ignored`-prefixed lines in `report.ignored`."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    report.lines = len(lines)
    for number, line in enumerate(lines, 1):
        text = _strip_comment(line).strip()
        if not text or (ignored and text.startswith(ignored)):
            report.ignored += 1
        else:
            yield number, text


def _country_codes() -> set[str]:
    import pycountry  # here: only reading a dictionary needs it, the cached knowledge none (0.05 s to import)

    return {c.alpha_3 for c in pycountry.countries} | HISTORICAL


def _entry(code: str, name: str, countries: set[str], valid_from=None, valid_to=None) -> Entry | None:
    """The Entry a CAMEO actor code gives (None for the null code `---`); ValueError if no code."""
    if not re.fullmatch(r"[A-Z0-9~-]{3,}", code):
        raise ValueError(f"bad actor code {code!r}")
    head, rest = code[:3], code[3:]
    if head == "---":
        return None  # unknown country: nothing PETRARCH would code either
    if head in countries:
        if not rest:
            return Entry(COUNTRY, name, country=head)
        return Entry(PERSON, name, country=head, sector=rest[:3], valid_from=valid_from, valid_to=valid_to)
    if not head.isalpha():
        raise ValueError(f"unknown country code {head!r} in [{code}]")
    # IGOs, NGOs, multinationals, regions, religions: the code as it stands
    return Entry(IGO, name, code=code, sector=head if head in ("IGO", "NGO") else None,
                 valid_from=valid_from, valid_to=valid_to)


def _complement(ranges: list[tuple[str | None, str | None]]) -> list[tuple[str | None, str | None]]:
    """The date intervals that none of `ranges` covers: where a default code applies."""
    if any(low is None and high is None for low, high in ranges):
        return []
    day = datetime.timedelta(days=1)
    spans = sorted((low or "0001-01-01", high or "9999-12-31") for low, high in ranges)
    gaps, cursor = [], None  # cursor: last covered day
    for low, high in spans:
        if cursor is None:
            if low > "0001-01-01":
                gaps.append((None, (datetime.date.fromisoformat(low) - day).isoformat()))
        elif low > cursor:
            start = (datetime.date.fromisoformat(cursor) + day).isoformat()
            end = (datetime.date.fromisoformat(low) - day).isoformat()
            if start <= end:
                gaps.append((start, end))
        cursor = high if cursor is None or high > cursor else cursor
    if cursor and cursor < "9999-12-31":
        gaps.append(((datetime.date.fromisoformat(cursor) + day).isoformat(), None))
    return gaps


class _Block:
    """One actor record: its names (with their lines) and its codes."""

    def __init__(self):
        self.names: list[str] = []
        self.lines: list[int] = []
        self.codes: list[tuple[str, str | None, str | None, bool]] = []  # code, from, to, dated

    def entries(self, countries: set[str]) -> list[Entry]:
        dated = [(f, t) for _, f, t, d in self.codes if d]
        out: list[Entry] = []
        for code, valid_from, valid_to, is_dated in self.codes:
            intervals = [(valid_from, valid_to)] if is_dated or not dated else _complement(dated)
            for low, high in intervals:
                entry = _entry(code, self.names[0], countries, low, high)
                if entry is not None and entry not in out:
                    out.append(entry)
        return out


def read_actors(path: str | Path) -> tuple[list[tuple[str, Entry]], Report]:
    """(phrase, Entry) pairs of a PETRARCH/TABARI actor dictionary and the file's Report.

    A record is a name line (`NAME [CODE]` or `NAME`), `+` alias lines and tab-indented code
    lines `[CODE date-restriction]`; consecutive name lines with no code between them share the
    codes that follow. A code with no date restriction is the default: it applies on the dates no
    dated code covers. A line that cannot be used (a bad date, an alias whose accents were lost to
    U+FFFD, a record with no code) is a Problem in the Report.
    """
    path = Path(path)
    report = Report(str(path), "actors")
    countries = _country_codes()
    pairs: list[tuple[str, Entry]] = []
    block = _Block()

    def close(current: _Block) -> None:
        if not current.names:
            return
        if not current.codes:
            report.used -= len(current.lines)
            for number in current.lines:
                report.skip(number, f"actor {current.names[0]!r} has no [CODE] line")
            return
        entries = current.entries(countries)
        report.entries += len(entries) * len(current.names)
        pairs.extend((name, entry) for name in current.names for entry in entries)

    def add_names(raw: str, number: int) -> bool:
        names = [_phrase(part) for part in raw.split("+")]
        names = [n for n in names if n]
        if not names:
            report.skip(number, f"cannot read a name in {raw.strip()!r}")
            return False
        if any(_REPLACEMENT in n for n in names):
            report.skip(number, f"name {raw.strip()!r} lost its accented letters (U+FFFD): it matches no text")
            return False
        block.names.extend(n for n in names if n not in block.names)
        block.lines.append(number)
        report.used += 1
        return True

    def add_codes(text: str, number: int) -> bool:
        found = _CODE.findall(text)
        rest = _CODE.sub("", text)
        # a tab after the code starts notes ("[MNCMED]\tNewspapers/Magazines\t$137,000,000")
        if not found or rest.split("\t", 1)[0].strip(" ;"):
            if not found or not re.search(r"\]\s*\S[^\t]*\t", text):
                return False
            found = found[:1]
        codes = []
        for code, restriction in found:
            valid_from = valid_to = None
            if restriction.strip():
                valid_from, valid_to = _dates(restriction)
            _entry(code, "?", countries)  # validates the code
            codes.append((code, valid_from, valid_to, bool(restriction.strip())))
        block.codes.extend(codes)
        return True

    for number, text in _content_lines(path, report):
        if text.startswith("+"):
            if not block.names and not block.codes:
                report.skip(number, f"alias {text!r} before any actor name")
                continue
            if block.codes:  # an alias after the codes: PETRARCH adds it to the record all the same
                pass
            add_names(text[1:], number)
            continue
        if text.startswith("["):
            if not block.names:
                report.skip(number, f"code line {text!r} before any actor name")
                continue
            try:
                if not add_codes(text, number):
                    report.skip(number, f"expected [CODE] or [CODE date-restriction], got {text!r}")
                    continue
            except ValueError as error:
                report.skip(number, str(error))
                continue
            report.used += 1
            continue
        name, bracket, tail = text.partition("[")
        if block.codes or bracket:
            close(block)
            block = _Block()
        if not add_names(name, number):
            continue
        if bracket:
            try:
                if not add_codes("[" + tail, number):
                    report.used -= 1
                    block.lines.pop()
                    report.skip(number, f"expected NAME [CODE], got {text!r}")
            except ValueError as error:
                report.used -= 1
                block.lines.pop()
                report.skip(number, str(error))
            if not block.codes:  # its code was bad: the record has nothing to give
                close(block)
                block = _Block()
    close(block)
    return pairs, report


def load_petrarch_actors(path: str | Path) -> list[tuple[str, Entry]]:
    """(phrase, Entry) pairs of an actor dictionary; unusable lines are skipped (see `read_actors`)."""
    return read_actors(path)[0]


_AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]\s]+)\s*[\]}]\s*;?$")
_SUBSTITUTION = re.compile(r"^!([A-Z]+)!\s*=\s*(.+)$")


def read_agents(path: str | Path) -> tuple[list[tuple[str, Entry]], Report]:
    """(phrase, Entry) pairs of an agent dictionary (`FARMER [~AGR]`, `MINISTER {MINISTERS} [~GOV]`,
    `HUMAN_RIGHTS_BODY [NGO~]`, `CONGRESS!PERSON! [~LEG]` with `!PERSON! = MAN, MEN, ...`) and its Report.

    The sector is the code's first three letters (`~GOVFRM` -> GOV); phrases are lower case (roles
    are common nouns); regular plurals are made by the actor coder, irregular ones come in braces.
    """
    path = Path(path)
    report = Report(str(path), "agents")
    pairs: list[tuple[str, Entry]] = []
    sets: dict[str, list[str]] = {}
    for number, text in _content_lines(path, report, ignored=("<!--",)):
        substitution = _SUBSTITUTION.match(text)
        if substitution:
            sets[substitution.group(1)] = [w.strip() for w in substitution.group(2).split(",") if w.strip()]
            report.used += 1
            continue
        match = _AGENT.match(text)
        if not match:
            report.skip(number, f"expected `PHRASE [~SECTOR]`, got {text!r}")
            continue
        code = match["code"]
        sector = code.strip("~")[:3]
        if not re.fullmatch(r"[A-Z]{3}", sector) or "~" not in code:
            report.skip(number, f"bad agent code {code!r} (use [~SEC] or [SEC~])")
            continue
        forms = [match["phrase"], *(match["plurals"].split() if match["plurals"] else [])]
        expanded: list[str] = []
        unknown = None
        for form in forms:
            marker = re.search(r"!([A-Z]+)!", form)
            if marker:
                if marker.group(1) not in sets:
                    unknown = marker.group(1)
                    break
                expanded.extend(form.replace(marker.group(0), w) for w in sets[marker.group(1)])
            else:
                expanded.append(form)
        if unknown:
            report.skip(number, f"substitution set !{unknown}! is not defined before its use")
            continue
        if any(_REPLACEMENT in form for form in expanded):
            report.skip(number, f"phrase {text!r} lost its accented letters (U+FFFD)")
            continue
        added = 0
        for form in expanded:
            words = " ".join(form.replace("_", " ").split()).lower()
            if words:
                pairs.append((words, Entry(AGENT, words, sector=sector)))
                added += 1
        report.entries += added
        report.used += 1
    return pairs, report


def load_petrarch_agents(path: str | Path) -> list[tuple[str, Entry]]:
    """(phrase, Entry) pairs of an agent dictionary; unusable lines are skipped (see `read_agents`)."""
    return read_agents(path)[0]


@dataclass
class Discards:
    """Phrases that mark a sentence (or with `+`, a whole story) as not codable: sports, shows..."""

    sentence: list[tuple[str, bool]] = field(default_factory=list)  # (lower-case phrase, whole word)
    story: list[tuple[str, bool]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # read, but not applied (see `read_discards`)


# Discard lines that would silence modern news rather than sports and shows: a bare year (PETRARCH
# codes one sentence at a time and used them against historical chronologies) and "N years ago".
_NOT_APPLIED = re.compile(r"^(1[89]\d\d|20\d\d|(months?|years?|weeks?|days?) (later|ago)|fifty years ago)$")


def read_discards(path: str | Path) -> tuple[Discards, Report]:
    """The discard list: `PHRASE` (sentence), `+PHRASE` (story); a phrase ending in `_` must end a word."""
    path = Path(path)
    report = Report(str(path), "discards")
    discards = Discards()
    for number, text in _content_lines(path, report):
        story = text.startswith("+")
        phrase = text.lstrip("+").strip()
        whole = phrase.endswith("_")
        phrase = " ".join(phrase.strip("_").replace("_", " ").split()).lower()
        if not phrase:
            report.skip(number, f"empty discard phrase {text!r}")
            continue
        report.used += 1
        report.entries += 1
        if _NOT_APPLIED.match(phrase):
            discards.dropped.append(phrase)
            continue
        (discards.story if story else discards.sentence).append((phrase, whole))
    return discards, report


@dataclass
class Issues:
    """Issue keywords -> issue codes, and phrases that cancel the issues of their sentence."""

    phrases: dict[str, str] = field(default_factory=dict)  # lower-case phrase -> issue code
    ignore: set[str] = field(default_factory=set)
    categories: dict[str, str] = field(default_factory=dict)  # issue code -> its <ISSUE CATEGORY>
    # ignore phrase -> the categories whose issues it cancels: a `~` line belongs to its section
    # ("~election" under NATURAL_DISASTER undoes 'landslide', not ELECTION); "" (outside any
    # section) cancels every issue of the sentence
    ignore_in: dict[str, set[str]] = field(default_factory=dict)


def _noun_forms(word: str) -> list[str]:
    if word.endswith(("s", "x", "ch", "sh")):
        return [word, word + "es"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word, word[:-1] + "ies"]
    return [word, word + "s"]


def _verb_forms(word: str) -> list[str]:
    stem = word[:-1] if word.endswith("e") else word
    return [word, word + "s", stem + "ed", stem + "ing"]


def _issue_forms(phrase: str) -> list[str]:
    """`n:massacre` -> massacre/massacres, `v:purge` -> purge/purges/purged/purging, `al+zarqawi` ->
    `al zarqawi`/`al-zarqawi`: every combination of the words' forms."""
    forms = [""]
    for word in phrase.lower().split():
        choices = []
        for piece in ([word.replace("+", " "), word.replace("+", "-")] if "+" in word else [word]):
            if "n:" in piece:
                before, _, after = piece.partition("n:")
                choices.extend(before + f for f in _noun_forms(after))
            elif "v:" in piece:
                before, _, after = piece.partition("v:")
                choices.extend(before + f for f in _verb_forms(after))
            else:
                choices.append(piece)
        forms = [f"{f} {c}".strip() for f in forms for c in dict.fromkeys(choices)]
    return forms


def read_issues(path: str | Path) -> tuple[Issues, Report]:
    """The issue dictionary (Phoenix.IssueCoding.txt): `phrase [CODE]` lines in `<ISSUE>` sections,
    `n:`/`v:` word forms, `+` (space or hyphen), `~phrase` (cancels the sentence's issues)."""
    path = Path(path)
    report = Report(str(path), "issues")
    issues = Issues()
    category = ""
    for number, text in _content_lines(path, report):
        if text.startswith("<"):
            opened = re.match(r'<ISSUE\s+CATEGORY="([^"]+)"', text)
            if opened:
                category = opened.group(1)
            elif text.startswith("</ISSUE"):
                category = ""
            else:
                report.skip(number, f"unknown section marker {text!r}")
                continue
            report.ignored += 1
            continue
        if text.startswith("~"):
            phrase = text.lstrip("~").strip()
            for form in _issue_forms(phrase):
                issues.ignore.add(form)
                issues.ignore_in.setdefault(form, set()).add(category)
            report.used += 1
            continue
        match = re.match(r"^(.+?)\s*\[([A-Z][A-Z0-9_-]*)\]$", text)
        if not match:
            report.skip(number, f"expected `phrase [ISSUE_CODE]`, got {text!r}")
            continue
        phrase, code = match.groups()
        for form in _issue_forms(phrase):
            issues.phrases.setdefault(form, code)
            report.entries += 1
        issues.categories.setdefault(code, category)
        report.used += 1
    return issues, report


@dataclass
class Ontology:
    """PETRARCH's internal coding ontology: CAMEO code <-> PICO value (hex), for combining codes."""

    to_pico: dict[str, str] = field(default_factory=dict)  # "033" -> "0x3040"
    names: dict[str, str] = field(default_factory=dict)  # "030" -> "Intend"

    def combine(self, upper: str, lower: str) -> str | None:
        """The CAMEO code of `upper` governing `lower` ("will" 030 over "help" 040 -> 033), when the
        PICO values add to a code of the ontology; else None."""
        try:
            value = int(self.to_pico[upper], 16) + int(self.to_pico[lower], 16)
        except (KeyError, ValueError):
            return None
        wanted = f"{value:#06x}".lower()
        return next((c for c, v in self.to_pico.items() if v.lower() == wanted), None)


def read_ontology(path: str | Path) -> tuple[Ontology, Report]:
    """PETR.Internal.Coding.Ontology.txt: `CAMEO:0xPICO#name` lines; compound values
    (`-0xFFFF+0x0070`, `0x1000-0xFFFF`: negations) are read as written."""
    path = Path(path)
    report = Report(str(path), "ontology")
    ontology = Ontology()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()  # CRLF line ends too
    report.lines = len(lines)
    for number, line in enumerate(lines, 1):
        text, _, comment = line.partition("#")
        text = text.strip()
        if not text:
            report.ignored += 1
            continue
        match = re.match(r"^(\d{2,4}|---):([-+0-9A-Fa-fx]+)$", text)  # `---`: the null code
        if not match:
            report.skip(number, f"expected `CAMEO:0xPICO`, got {text!r}")
            continue
        code, value = match.groups()
        ontology.to_pico[code] = value
        if comment.strip() and len(code) == 3:
            ontology.names[code] = comment.strip()
        report.used += 1
        report.entries += 1
    return ontology, report


def read_prepositions(path: str | Path) -> tuple[list[str], Report]:
    """Phoenix.prepositions.txt: one preposition a line."""
    path = Path(path)
    report = Report(str(path), "prepositions")
    words: list[str] = []
    for number, text in _content_lines(path, report):
        if re.fullmatch(r"[\w'-]+", text):
            words.append(text.replace("_", " ").lower())
            report.used += 1
            report.entries += 1
        else:
            report.skip(number, f"expected one preposition, got {text!r}")
    return words, report


def kind_of(path: str | Path) -> str:
    """The kind of a dictionary file, from its name (`*.actors.txt`, `*agents*`, `*discards*`, ...)."""
    name = Path(path).name.lower()
    for kind, marks in (("actors", (".actors", "actors.")), ("agents", ("agent",)), ("discards", ("discard",)),
                        ("issues", ("issue",)), ("ontology", ("ontology",)), ("prepositions", ("preposition",)),
                        ("verbs", ("cameo.", "verb"))):
        if any(m in name for m in marks):
            return kind
    return "unknown"


def read_dictionary(path: str | Path, kind: str | None = None):
    """(what the file gave, Report) for any dictionary file; the kind comes from its name if not given."""
    kind = kind or kind_of(path)
    readers = {"actors": read_actors, "agents": read_agents, "discards": read_discards, "issues": read_issues,
               "ontology": read_ontology, "prepositions": read_prepositions}
    if kind == "verbs":  # the verb dictionary's reader (verbdict.py) fills the same Report
        from newsevents.verbdict import read_verbs
        verbs = read_verbs(path)
        return verbs, verbs.report
    if kind not in readers:
        raise ValueError(f"{path}: cannot tell the dictionary kind from the name ({', '.join(readers)}, verbs)")
    return readers[kind](path)
