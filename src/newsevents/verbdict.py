"""The field's verb dictionary (PETRARCH's CAMEO.2.0.txt) read, compiled and applied over the parse.

`read_verbs(path)` reads a PETRARCH verb dictionary: synsets (`&NAME` and `+member` lines), verb
sets (`--- NAME [code] ---` then verb lines: `SAY {SAYS SAID SAYING}`, `+CALL_OFF [160]`,
`WIRE_+TAP`), and patterns::

    - * {HUMANITARIAN AID} (TO +)     [073]    # DELIVER

`*` is the verb; words before it are the subject's (or the verb's adverbs: `WILL NOT *`), words
after it the object's (its head, compound and adjective modifiers, or the verb's particle);
`{A B}` is one noun phrase (all words), `(PREP ...)` a prepositional phrase of the verb or its
object, `&NAME` any member of a synset; `$` marks the phrase that is the source, `+` the target
(else subject and object are); `^` and `%` (TABARI's skip and compound markers) are read and
ignored. Codes: `[042]`, `[042:043]` (the event and its reverse, target -> source: a visit made
and hosted; the first is coded), `[:173]` (only the reverse: "appeared before the court" is the
court's act on the subject) and `[---]` (not an event: the pattern blocks the verb's event).
Every line is used or reported as a `Problem(path, line, reason)`; nothing raises.

`VerbDictionary.match(token)` finds the verb set of a verb's lemma (or irregular form) and the
longest pattern whose words all match the verb's dependents; `dictionary_pattern` turns it into
a `Pattern` for the event coder, naming the file and line (`origin`) so a user can see why an
event was coded and fix a wrong entry in data. The coder prefers its own pattern wherever that
matched as many words (see `choose`). Verbs too general to select a verb set are listed in
`GENERAL_VERBS` (see the README's "Pattern files"). The file's transformations (`~ a (b . ATTACK)
CLAIM = a b 112`) are read as `Transformation`s; `VerbDictionary.transform` finds the one for an
embedded event, and the event coder applies it over reported speech and embedded verbs.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from newsevents import cache
from newsevents.patterns import Pattern, lemma_candidates, object_heads

from newsevents.dictionaries import Problem, Report

CACHE_VERSION = 2  # 2: transformations read
NULL = "---"
# Lemmas that select no verb set: they carry no event by themselves and their dictionary patterns
# code what their object or clause says, which the coder's own rules (statements, light verbs,
# reported speech, event nouns) already handle; see the README's "Pattern files".
GENERAL_VERBS = frozenset({"be", "have", "do", "say", "tell", "make", "take", "give", "get", "go", "come",
                           "put", "set", "keep", "hold", "see", "show", "let", "become", "seem", "use",
                           "find", "leave", "turn", "bring", "call", "run"})

_BLOCK = re.compile(r"^---\s*(.*?)\s*(?:\[([^\]]*)\])?\s*---\s*$")
_CODE = re.compile(r"^\s*(\d{2,4}|---)?\s*(?::\s*(\d{2,4}|---)?)?\s*$")
_VERB = re.compile(r"^([A-Z0-9_+'.-]+)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?\s*$")
# `~ a (b . ATTACK) SAY = a b 112`: the speaker, the embedded event's source, target and verb, the
# verb that embeds it, then the resulting event's source, target and code (Q: the embedded event's).
_TRANSFORMATION = re.compile(r"^~\s*(\w)\s*\(\s*([\w.]+)\s+([\w.]+)\s+(\w+)\s*\)\s*(\w+)\s*=\s*(\w)\s+(\w)\s+(\w+)\s*$")


# -- records ------------------------------------------------------------------------------------

Element = tuple[tuple[str, ...], ...]  # alternatives, each a phrase (words): a word or a synset


@dataclass(frozen=True)
class Prep:
    prep: str
    groups: tuple[tuple[Element, ...], ...] = ()  # noun phrases the preposition's object must match
    role: str | None = None  # "source" / "target": the object of this preposition is that party


@dataclass(frozen=True)
class VerbPattern:
    line: int
    code: str | None  # None: [---], no event
    reverse: str | None  # the target -> source code of `[A:B]`
    pre: tuple[tuple[Element, ...], ...] = ()  # noun phrases before the verb
    post: tuple[tuple[Element, ...], ...] = ()  # noun phrases after it
    preps: tuple[Prep, ...] = ()
    source: str | None = None  # "subject" / "object" / "prep:<p>"
    target: str | None = None
    found_for: str = ""  # the verb the comment says the pattern was written for ("# TAKE")

    @property
    def general(self) -> bool:
        """No object word, only the subject's or a bare preposition ("&MILITARY *" for "take",
        "* (FOR)" for "head for"): true of the verb it was written for, not of its synonyms."""
        return not self.post and all(not p.groups for p in self.preps)

    @property
    def size(self) -> int:
        """Words the pattern matches: each word or synset once, each preposition once."""
        return (sum(len(g) for g in self.pre) + sum(len(g) for g in self.post)
                + sum(1 + sum(len(g) for g in p.groups) for p in self.preps))


@dataclass(frozen=True)
class Verb:
    lemma: str
    set_name: str
    line: int
    code: str | None  # the isolated verb's code (its own, else its set's)
    reverse: str | None = None
    before: tuple[str, ...] = ()  # words of a multi-word verb before / after the verb word
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Transformation:
    """A verb-to-verb rule: `~ a (b . ATTACK) SAY = a b 112` ("a says b attacked" is a's accusation
    of b). `inner_source` is the speaker's own letter (`a`), another actor (`b`) or none of its own
    (`_`: "wants to attack b"); `inner_target` a letter or `.` (anyone or nobody); `inner_verb` and
    `outer_verb` name verbs of the dictionary, whose verb sets stand for their classes (`Q`: any
    event); the result is `source target code`, `Q` for the embedded event's own code."""

    line: int
    text: str  # the rule as written, spaces normalized
    inner_source: str
    inner_target: str
    inner_verb: str
    outer_verb: str
    source: str
    target: str
    code: str


@dataclass
class VerbSet:
    name: str
    line: int
    code: str | None
    reverse: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    path: str
    sha1: str = ""
    lines: int = 0
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    sets: list[VerbSet] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)  # irregular form -> lemma
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # line kind -> lines
    index: dict[str, list[tuple[Verb, VerbSet]]] = field(default_factory=dict)  # lemma -> its verbs
    transformations: list[Transformation] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def report(self) -> Report:
        """The file's `dictionaries.Report`, as every dictionary reader gives: entries are the verb
        and pattern lines read; lines are used, blank or comment, or one Problem each."""
        counts = self.counts
        ignored = counts.get("comment or blank", 0)
        used = sum(n for kind, n in counts.items() if kind not in ("comment or blank", "problem"))
        entries = sum(len(s.verbs) + len(s.patterns) for s in self.sets)
        return Report(self.path, "verbs", lines=self.lines, entries=entries, used=used, ignored=ignored,
                      problems=list(self.problems))

    def compile(self) -> VerbDictionary:
        """The lemma -> (verb, verb set) index, patterns longest first (file order among equals)."""
        self.index = {}
        for verb_set in self.sets:
            verb_set.patterns.sort(key=lambda p: -p.size)
            for verb in verb_set.verbs:
                self.index.setdefault(verb.lemma, []).append((verb, verb_set))
        return self

    # -- matching -------------------------------------------------------------------------------
    def match(self, token: Token) -> tuple[VerbPattern | Verb, str] | None:
        """The longest pattern of the verb's sets that matches its dependents (a `VerbPattern`),
        else the verb line (its isolated code), with the lemma; None when no set has the verb."""
        if token.pos_ not in ("VERB", "AUX"):
            return None
        entries = self._entries(token)
        if not entries:
            return None
        view = _Dependents(token)
        best: tuple[VerbPattern | Verb, str] | None = None
        for verb, verb_set in entries:
            if not view.has_words(verb.before, verb.after):
                continue
            for pattern in verb_set.patterns:  # longest first
                if best is not None and isinstance(best[0], VerbPattern) and pattern.size <= best[0].size:
                    break
                if pattern.general and pattern.found_for != verb.lemma:
                    continue  # "&MILITARY * [192]" written for "take", "* (FOR)" for "head"
                if view.matches(pattern, self.synsets):
                    best = (pattern, verb.lemma)
                    break
            if best is None:
                best = (verb, verb.lemma)
        return best

    def transform(self, outer: str, inner_code: str, own_source: str,
                  skipped: frozenset[str] | set[str] = frozenset()) -> tuple[Transformation, str] | None:
        """The first transformation (file order) for an event coded `inner_code` that the verb `outer`
        (a lemma) embeds, whose source is the speaker's own (`a`), another actor (`b`) or none of its
        own (`_`); with the code it gives (`Q`: the embedded event's). A rule's verb stands for its
        verb set ("SAY": say, tell, state, announce ...; "CLAIM": claim, allege ...); an embedded verb
        for its set's codes, by root where the code is a root's general one ("ATTACK" [190]: any 19x,
        and 18x for the set's [180] verbs), else by the code itself ("ASSASSINATE" [186])."""
        for rule in self.transformations:
            if rule.text in skipped:
                continue
            if rule.inner_source != own_source or not self._verb_class(rule.outer_verb, outer):
                continue
            if rule.inner_verb != "q" and not any(inner_code.startswith(p) for p in self._code_class(rule.inner_verb)):
                continue
            return rule, inner_code if rule.code == "Q" else rule.code
        return None

    def _verb_class(self, name: str, lemma: str) -> bool:
        return any(v.lemma == lemma and not v.before and not v.after
                   for _, verb_set in self.index.get(name, []) for v in verb_set.verbs)

    def _code_class(self, name: str) -> set[str]:
        codes = {c for _, verb_set in self.index.get(name, []) for c in [verb_set.code] + [v.code for v in verb_set.verbs]}
        return {c[:2] if len(c) == 3 and c.endswith("0") else c for c in codes if c}

    def _entries(self, token: Token) -> list[tuple[Verb, VerbSet]]:
        for form in lemma_candidates(token):
            form = self.forms.get(form, form)
            if form in GENERAL_VERBS:
                return []
            if form in self.index:
                return self.index[form]
        return []


# -- reading ------------------------------------------------------------------------------------

def _plurals(word: str) -> list[str]:
    if word.endswith("_"):
        return [word.rstrip("_")]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return [word, word[:-1] + "ies"]
    if word.endswith(("ss", "sh", "ch", "x")):
        return [word, word + "es"]
    return [word, word + "s"]


def _code(text: str | None) -> tuple[str | None, str | None] | None:
    """`[042]` -> ("042", None); `[042:043]` -> ("042", "043"); `[:173]` -> (None, "173");
    `[---]` -> (None, None); a code that is not one -> None."""
    if text is None:
        return (None, None)
    text = text.strip().rstrip("!")  # `[080!]`: TABARI's marker of an uncertain code
    match = _CODE.match(text)
    if not match or not text:
        return None
    first, second = match.groups()
    return (None if first in (None, NULL) else first, None if second in (None, NULL) else second)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\{[^}]*\}|\(|\)|[^\s(){}]+", text)


class _PatternError(ValueError):
    pass


def _element(word: str, synsets: dict) -> Element:
    if word.startswith("&"):
        if word not in synsets:
            raise _PatternError(f"synset {word} is not defined before it is used")
        return synsets[word]
    return (tuple(w for w in word.lower().split("_") if w),)


def _group(token: str, synsets: dict) -> tuple[Element, ...]:
    words = token.strip("{}").split() if token.startswith("{") else [token]
    if not words:
        raise _PatternError("empty phrase {}")
    return tuple(_element(w, synsets) for w in words)


def _read_pattern(text: str, number: int, synsets: dict, comment: str = "") -> VerbPattern:
    body, bracket, tail = text[1:].partition("[")
    if not bracket:
        raise _PatternError("pattern has no [code]")
    code = _code(tail.split("]", 1)[0])
    if code is None:
        raise _PatternError(f"bad code [{tail.split(']', 1)[0]}]")
    if tail.split("]", 1)[1].strip():
        raise _PatternError("text after the [code]")
    tokens = _tokens(body)
    if tokens.count("*") != 1:
        raise _PatternError("a pattern needs exactly one * (the verb)")
    pre: list = []
    post: list = []
    preps: list[Prep] = []
    roles: dict[str, str] = {}
    after = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "*":
            after = True
        elif token == "(":
            close = tokens.index(")", i) if ")" in tokens[i:] else -1
            if close < 0:
                raise _PatternError("unclosed (")
            inner = tokens[i + 1:close]
            if not inner or inner[0] in "$+^%" or inner[0].startswith(("{", "&")):
                raise _PatternError("a prepositional phrase starts with its preposition")
            prep, role, groups = inner[0].lower(), None, []
            for word in inner[1:]:
                if word in ("$", "+"):
                    role = "source" if word == "$" else "target"
                    roles[role] = "prep:" + prep
                elif word not in ("^", "%"):
                    groups.append(_group(word, synsets))
            preps.append(Prep(prep, tuple(groups), role))
            i = close
        elif token == ")":
            raise _PatternError("unopened )")
        elif token in ("$", "+"):
            roles.setdefault("source" if token == "$" else "target", "object" if after else "subject")
        elif token in ("^", "%"):
            pass
        else:
            (post if after else pre).append(_group(token, synsets))
        i += 1
    found_for = (comment.split() or [""])[0].strip(",").lower().split("_")[0]
    return VerbPattern(number, code[0], code[1], tuple(pre), tuple(post), tuple(preps),
                       roles.get("source"), roles.get("target"), found_for)


def _read_verb(text: str, number: int, verb_set: VerbSet) -> list[tuple[Verb, list[str]]]:
    match = _VERB.match(text)
    if not match:
        raise _PatternError("not a verb line (VERB {FORMS} [code])")
    phrase, forms, code_text = match.groups()
    code = _code(code_text) if code_text is not None else (verb_set.code, verb_set.reverse)
    if code is None:
        raise _PatternError(f"bad code [{code_text}]")
    words = [w for w in phrase.lower().split("_") if w]
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    if len(words) > 1 and len(marked) != 1:
        raise _PatternError("a multi-word verb marks its verb word with + once")
    at = marked[0] if marked else 0
    lemma = words[at].lstrip("+")
    if not lemma or not re.match(r"^[a-z][a-z'.-]*$", lemma):
        raise _PatternError(f"bad verb {phrase!r}")
    irregular = []
    for form in (forms or "").split():
        form_words = [w for w in form.lower().split("_") if w]
        verb_word = next((w for w in form_words if w.startswith("+")), form_words[0] if form_words else "")
        if verb_word.lstrip("+"):
            irregular.append(verb_word.lstrip("+"))
    verb = Verb(lemma, verb_set.name, number, code[0], code[1], tuple(words[:at]), tuple(words[at + 1:]))
    return [(verb, irregular)]


def _read_transformation(text: str, number: int) -> Transformation | None:
    match = _TRANSFORMATION.match(text)
    if match is None:
        return None
    speaker, inner_source, inner_target, inner_verb, outer_verb, source, target, code = match.groups()
    letters = {speaker, "b"}
    if (inner_source not in letters | {"_"} or inner_target not in letters | {"."} or source not in letters
            or target not in letters or not (code == "Q" or _code(code) not in (None, (None, None)))):
        return None
    return Transformation(number, " ".join(text.split()), "a" if inner_source == speaker else inner_source,
                          "a" if inner_target == speaker else inner_target, inner_verb.lower(), outer_verb.lower(),
                          "a" if source == speaker else source, "a" if target == speaker else target, code)


def read_verbs(path: str | Path) -> VerbDictionary:
    """A PETRARCH verb dictionary; lines it cannot use are `problems`, never an exception."""
    path = Path(path)
    raw = path.read_bytes()
    found = VerbDictionary(str(path), sha1=hashlib.sha1(raw).hexdigest())
    counts = found.counts
    lines = raw.decode("utf-8", errors="replace").splitlines()
    found.lines = len(lines)
    synset: str | None = None
    verb_set: VerbSet | None = None

    def count(kind: str) -> None:
        counts[kind] = counts.get(kind, 0) + 1

    def problem(number: int, reason: str) -> None:
        found.problems.append(Problem(str(path), number, reason))
        count("problem")

    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        text = stripped.split("#", 1)[0].strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<!--"):
            count("comment or blank")
            continue
        if not text:
            count("comment or blank")
            continue
        if ";" in text:  # TABARI's comment mark, left on a few lines: `SCRAP {...};shan 8/30/93`
            text = text.split(";", 1)[0].strip()
        if text.startswith("&"):
            name = text.split()[0]
            if len(text.split()) > 1:
                problem(number, f"text after the synset name {name}")
                synset = None
                continue
            if verb_set is not None:
                problem(number, "synset defined among the verb sets (define synsets first)")
                synset = None
                continue
            synset = name
            found.synsets[name] = ()
            count("synset")
            continue
        if text.startswith("+") and synset is not None and verb_set is None:
            member = text[1:].strip().lower()
            if not member or " " in member:
                problem(number, f"bad synset member {text!r}")
                continue
            no_plural = synset.endswith("_") or member.endswith("_")
            phrases = [member.rstrip("_")] if no_plural else _plurals(member)
            found.synsets[synset] += tuple(tuple(w for w in p.split("_") if w) for p in phrases)
            count("synset member")
            continue
        if text.startswith("---"):
            match = _BLOCK.match(text)
            code = _code(match.group(2)) if match else None
            if match is None or code is None:
                problem(number, "bad verb set header (--- NAME [code] ---)")
                verb_set = None
                continue
            synset = None
            verb_set = VerbSet(match.group(1).strip(), number, code[0], code[1])
            found.sets.append(verb_set)
            count("verb set")
            continue
        if text.startswith("~"):
            rule = _read_transformation(text, number)
            if rule is None:
                problem(number, "bad transformation (~ a (b . VERB) VERB = a b CODE)")
            else:
                found.transformations.append(rule)
                count("transformation")
            continue
        if verb_set is None:
            problem(number, "line outside any verb set or synset")
            continue
        try:
            if text.startswith("-"):
                comment = stripped.split("#", 1)[1] if "#" in stripped else ""
                verb_set.patterns.append(_read_pattern(text, number, found.synsets, comment))
                count("pattern")
            else:
                for verb, irregular in _read_verb(text, number, verb_set):
                    verb_set.verbs.append(verb)
                    for form in irregular:
                        found.forms.setdefault(form, verb.lemma)
                count("verb")
        except _PatternError as exc:
            problem(number, str(exc))
    return found.compile()


# -- matching over the parse --------------------------------------------------------------------

_PHRASE_MODS = ("compound", "amod", "nmod", "poss", "nummod", "advmod", "npadvmod")


def _words(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _phrase_words(head: Token) -> set[str]:
    found = set(_words(head))
    for child in head.children:
        if child.dep_ in _PHRASE_MODS:
            found |= _words(child)
            for grand in child.children:
                if grand.dep_ in ("compound", "amod", "hyph"):
                    found |= _words(grand)
    return found


class _Dependents:
    """A verb's dependents as word sets: subject phrases, object phrases, prepositional phrases."""

    def __init__(self, verb: Token):
        children = list(verb.children)
        subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        objects = object_heads(verb) + [c for c in children if c.dep_ in ("acomp", "oprd", "ccomp", "xcomp")
                                        and c.pos_ in ("ADJ", "NOUN", "PROPN")]
        self.pre = [_phrase_words(s) for s in subjects for s in (s, *s.conjuncts)]
        self.pre.append(set().union(*(_words(c) for c in children
                                      if c.dep_ in ("aux", "neg", "advmod") and c.i < verb.i)))
        self.post = [_phrase_words(o) for o in objects]
        self.post.append(set().union(*(_words(c) for c in children
                                       if c.dep_ in ("prt", "advmod", "npadvmod") and c.i > verb.i)))
        self.preps = _preps([verb])  # the verb's own phrases; its object's count for patterns that
        self.object_preps = _preps([o for o in objects if o.dep_ == "dobj"])  # name the object too
        self.all = set().union(*(_words(c) for c in children))

    def has_words(self, before: tuple[str, ...], after: tuple[str, ...]) -> bool:
        return all(w in self.all for w in before + after)

    def matches(self, pattern: VerbPattern, synsets: dict) -> bool:
        return (all(_group_in(g, self.pre) for g in pattern.pre)
                and all(_group_in(g, self.post) for g in pattern.post)
                and all(self._prep(p, bool(pattern.post)) for p in pattern.preps))

    def _prep(self, prep: Prep, post: bool) -> bool:
        phrases = self.preps.get(prep.prep, []) + (self.object_preps.get(prep.prep, []) if post else [])
        if not phrases:
            return False
        return all(_group_in(g, phrases) for g in prep.groups)


def _preps(holders: list[Token]) -> dict[str, list[set[str]]]:
    found: dict[str, list[set[str]]] = {}
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent", "dative"):
                pobjs = [p for p in child.children if p.dep_ in ("pobj", "pcomp")]
                found.setdefault(child.lower_, []).extend(_phrase_words(p) for p in pobjs for p in (p, *p.conjuncts))
                if not pobjs:
                    found[child.lower_].append(set())
    return found


def _group_in(group: tuple[Element, ...], phrases: list[set[str]]) -> bool:
    """One phrase has every element of the group (a word, or a member of a synset)."""
    return any(all(any(all(w in words for w in alternative) for alternative in element) for element in group)
               for words in phrases)


# -- the coder's view ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DictionaryPattern(Pattern):
    """A verb dictionary entry as the coder's `Pattern`: `origin` names its file and line;
    `source_at`/`target_at` the phrases its `$`/`+` mark; `reverse` that the code is the target's
    act on the source (`[:173]`); `size` the words it matched."""

    size: int = 0
    source_at: str | None = None
    target_at: str | None = None
    reverse: bool = False
    blocks: bool = False  # `[---]`: no event


def dictionary_pattern(found: tuple[VerbPattern | Verb, str], name: str) -> DictionaryPattern:
    entry, lemma = found
    code, reverse = entry.code, entry.reverse
    swapped = code is None and reverse is not None
    if isinstance(entry, VerbPattern):
        size, source_at, target_at = entry.size, entry.source, entry.target
        prep = target_at[5:] if target_at and target_at.startswith("prep:") else None
        objects = tuple(w for g in entry.post for e in g for alt in e[:1] for w in alt)
    else:
        size, source_at, target_at, prep, objects = 0, None, None, None, ()
    return DictionaryPattern(lemmas=(lemma,), code=(reverse if swapped else code) or "010", prep=prep,
                             dobj=objects, origin=f"{name}:{entry.line}", size=size, source_at=source_at,
                             target_at=target_at, reverse=swapped, blocks=(code or reverse) is None,
                             weak=True)  # a second source: yields to any event of the package's own


def own_words(pattern: Pattern, token: Token) -> int:
    """Words the package's own pattern matched beyond the trigger: one a condition, two for an
    object entry of two words ("withdraw" its "peacekeeping force")."""
    words = pattern.specificity
    if any(" " in entry for entry in pattern.dobj) and any(
            f"{m.lower_} {head}" in pattern.dobj for o in object_heads(token) for m in o.children
            if m.dep_ in ("compound", "amod") for head in (o.lemma_.lower(), o.lower_)):
        words += 1
    return words


def choose(own: Pattern | None, token: Token, verbs: VerbDictionary | None, event_noun=None) -> Pattern | None:
    """The trigger's pattern. The package's own wherever one matches: on the dev tune half, letting
    the dictionary's longer patterns recode the package's verbs changed 14 of 97 sentences, mostly
    to finer CAMEO codes the gold does not share ("killed ... in a gunbattle" 193, "war games"
    150, "protest violations" 110) and lost type F1 on both halves (check 0.870 -> 0.857); so the
    dictionary overrides only with `[---]` (not an event) when it matched more words
    (`own_words`). Where the package has no pattern, the dictionary's longest pattern codes the
    verb ("died in custody": the custodian's 184 on the subject); its isolated verb codes do not
    ("hear", "consider" [040]). An object that is an event noun of the package's own patterns
    ("launched a mediation effort") is coded by them (`event_noun(token)`), the verb being light.
    A sense the package's own patterns call no event (`own.blocks`: "fight" "corruption") is none,
    whatever the dictionary says."""
    if own is not None and own.blocks:
        return None
    if verbs is None or token.pos_ not in ("VERB", "AUX"):
        return own
    found = verbs.match(token)
    if found is None or not isinstance(found[0], VerbPattern):
        return own  # the isolated verb's code: the coder's own patterns decide (see README)
    if own is not None and (own_words(own, token) >= found[0].size or found[0].code is not None):
        return own  # measured: the dictionary's codes over the package's own lost 0.013 type F1
    if event_noun is not None and any(event_noun(o) for o in object_heads(token) if o.dep_ == "dobj"):
        return own
    pattern = dictionary_pattern(found, verbs.name)
    return None if pattern.blocks else pattern


def roles(pattern: Pattern, token: Token, sources: list, targets: list, expand) -> tuple[list, list]:
    """Sources and targets as the dictionary pattern's `$`/`+` mark them (`expand(tokens)` gives
    the actors of noun phrases); the coder's own choice where the marked phrase names none."""
    if not isinstance(pattern, DictionaryPattern):
        return sources, targets
    if pattern.reverse:
        sources, targets = targets, sources
    at = {"source": pattern.source_at, "target": pattern.target_at}
    found = {}
    for role, where in at.items():
        if where is None:
            continue
        if where == "subject":
            tokens = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif where == "object":
            tokens = [c for c in token.children if c.dep_ in ("dobj", "attr")]
        else:
            tokens = [p for c in token.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ == where[5:]
                      for p in c.children if p.dep_ == "pobj"]
        actors = expand(tokens)
        if actors:
            found[role] = actors
    if "source" in found and "target" not in found and at["source"] != "subject":
        targets = sources  # "$" on another phrase: the subject is the target
    if "target" in found and "source" not in found and at["target"] == "subject":
        sources = targets
    return found.get("source", sources), found.get("target", targets)


# -- the package's dictionary, compiled once ----------------------------------------------------

def _data_path() -> Path:
    return Path(str(resources.files("newsevents").joinpath("data", "petrarch", "CAMEO.2.0.txt")))


def compiled(path: str | Path) -> VerbDictionary:
    """The dictionary at `path`, from a pickle keyed by its sha1 in the cache folder when there is
    one, else read (and the pickle written for the next process)."""
    path = Path(path)
    sha1 = hashlib.sha1(path.read_bytes()).hexdigest()
    found = cache.cached(cache.cache_dir() / f"verbs-{CACHE_VERSION}-{sha1}.pickle", lambda: read_verbs(path),
                         lambda v: isinstance(v, VerbDictionary) and v.sha1 == sha1,
                         replaces=f"verbs-{CACHE_VERSION}-*.pickle")
    found.path = str(path)
    return found


@lru_cache(maxsize=1)
def default_verbs() -> VerbDictionary | None:
    """The package's CAMEO.2.0.txt, compiled; None when the file is not installed or the
    environment sets NEWSEVENTS_VERBDICT=0 (to compare the coder without it)."""
    path = _data_path()
    if os.environ.get("NEWSEVENTS_VERBDICT") == "0":
        return None
    return compiled(path) if path.is_file() else None
