"""Event patterns: verbs and nouns with their particles, prepositions and objects -> CAMEO codes.

Patterns are JSON lines in `data/events/patterns.jsonl` (one object a line; see the README's
"Pattern files"): adding a pattern needs no code change. Fields:
  lemma   a lemma or a list of lemmas (required)
  code    the CAMEO code (required), or "---" (the verb dictionary's `[---]`) for a sense that is
          no event: where it is the most specific pattern that matches, the word is no trigger,
          whatever the field's verb dictionary says ("fight" "corruption" is none, "fight" rebels
          still 190 by the bare "fight"); a more specific pattern with a code still wins over it.
          It takes no flag that describes an event (weak, symmetric, needs_target)
  pos     "VERB" (default) or "NOUN"
  prt     a particle (or a list of them) the verb must have ("carry out")
  prep    a preposition the trigger must govern; its object is the target ("call on", "meet with")
  dobj    object lemmas, one of which the trigger must take ("sign" an "agreement"); an entry of two
          words is a modifier and the object ("withdraw" its "peacekeeping force")
  xcomp   lemmas of a verb the trigger must embed ("agree to" "meet")
  mod     modifier lemmas (compound or amod) the trigger must have ("hunger" strike, "war" games)
  notmod  modifier lemmas the trigger must not have, before it or as the object of its preposition:
          a "press" or "news" release frees nobody, a "request for comment" is a reporter's question
  pobj    object lemmas the preposition `prep` must take ("on" "alert", "under" "arrest"), or
          a modifier of that object ("in" "peacekeeping" operations)
  oprd    lemmas of the object's predicate the verb must take ("called the vote a" "sham")
  subj    lemmas the subject, a modifier of it, or what it is a group of must name ("peacekeepers"
          arrive, "a contingent of peacekeeping troops" arrives)
  weak    true for nouns that name an event only when no verb does ("explosion", "violence")
  symmetric  true where "A and B <verb>" means each acted on the other
  needs_target  true where the word is an event only with an actor as target ("recognize" a state)
  needs_object  true where the verb is an event only with a direct object ("return" weapons, not
                "return to Geneva")
  passive  true where the pattern holds only in the passive voice ("was charged with" a crime is a
           legal charge, 173; "charged its neighbour with" an accusation, 112); a condition
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from newsevents.cameo import codebook


# Nouns that measure or contain what matters ("tons of food", "part of the program").
_CONTAINER_WORDS = {"ton", "tons", "tonne", "tonnes", "worth", "part", "day", "days", "week", "weeks",
                    "batch", "shipment", "consignment", "package", "series", "round", "wave", "number",
                    "million", "billion", "thousand", "hundred", "dozen", "lot", "kind", "type", "host",
                    # Russian lemmas, whose "of" is the genitive after them ("часть войск", "тонн продовольствия")
                    "тонна", "часть", "число", "количество", "партия", "тысяча", "сотня", "десяток", "миллион",
                    "миллиард", "тыс", "млн", "млрд",
                    "ряд", "волна", "серия", "пакет", "продолжительность", "срок", "объем", "большинство",
                    "половина", "контингент", "группа"}
# Regular inflections by Penn tag: suffix -> base endings to try.
_INFLECTIONS = {"VBD": (("ed", ("e", "")),), "VBN": (("ed", ("e", "")),),
                "VBG": (("ing", ("e", "")),), "VBZ": (("es", ("e", "")), ("s", ("",)))}

NO_EVENT = "---"  # the code of a sense that is no event (the verb dictionary's `[---]`)
# Flags that describe the event a pattern codes, meaningless on a sense that is none.
_EVENT_FLAGS = ("weak", "symmetric", "needs_target")

_FIELDS = {"lemma", "code", "pos", "prt", "prep", "dobj", "xcomp", "mod", "pobj", "oprd", "subj", "notmod", "weak", "symmetric",
           "needs_target", "needs_object", "passive"}


class PatternError(ValueError):
    """A pattern line is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Pattern:
    lemmas: tuple[str, ...]
    code: str
    pos: str = "VERB"
    prt: tuple[str, ...] = ()
    prep: str | None = None
    dobj: tuple[str, ...] = ()
    xcomp: tuple[str, ...] = ()
    mod: tuple[str, ...] = ()
    pobj: tuple[str, ...] = ()
    oprd: tuple[str, ...] = ()
    subj: tuple[str, ...] = ()
    notmod: tuple[str, ...] = ()
    weak: bool = False
    symmetric: bool = False
    needs_target: bool = False
    needs_object: bool = False
    passive: bool = False
    origin: str = ""

    @property
    def specificity(self) -> int:
        conditions = (self.prt, self.prep, self.dobj, self.xcomp, self.mod, self.pobj, self.oprd, self.subj,
                      self.passive)
        return sum(bool(x) for x in conditions)

    @property
    def blocks(self) -> bool:
        """A sense that is no event: the word is no trigger."""
        return self.code == NO_EVENT

    def matches(self, token: Token) -> bool:
        if self.passive and not any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
            return False
        if self.needs_object and not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children):
            return False
        if self.prt and not any(c.dep_ == "prt" and c.lower_ in self.prt for c in token.children):
            return False
        if self.prep and not self._prep_matches(token):
            return False
        if self.dobj and not any(self._object_matches(o) for o in object_heads(token)):
            return False
        if self.xcomp and not any(c.dep_ == "xcomp" and c.lemma_.lower() in self.xcomp for c in token.children):
            return False
        if self.mod and not any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in self.mod
                                for c in token.children):
            return False
        if self.notmod and any(w.lemma_.lower() in self.notmod for w in _modifier_words(token)):
            return False
        if self.oprd and not any(c.dep_ == "oprd" and c.lemma_.lower() in self.oprd for c in token.children):
            return False
        if self.subj and not self._subject_matches(token):
            return False
        return True

    def _object_matches(self, obj: Token) -> bool:
        heads = (obj.lemma_.lower(), obj.lower_)
        if any(head in self.dobj for head in heads):
            return True
        return any(f"{m.lower_} {head}" in self.dobj for m in obj.children if m.dep_ in ("compound", "amod")
                   for head in heads)

    def _subject_matches(self, token: Token) -> bool:
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        groups = [p for s in subjects for prep in s.children if prep.dep_ == "prep" and prep.lower_ == "of"
                  for p in prep.children if p.dep_ == "pobj"]  # "a contingent of peacekeeping troops"
        return any(w.lemma_.lower() in self.subj or w.lower_ in self.subj
                   for head in subjects + groups
                   for w in [head] + [m for m in head.children if m.dep_ in ("compound", "amod", "nmod")])

    def _prep_matches(self, token: Token) -> bool:
        prep = governed_prep(token, self.prep)
        if prep is None:
            return False
        return not self.pobj or any(c.lemma_.lower() in self.pobj or any(  # "in peacekeeping operations"
            m.dep_ in ("compound", "amod") and m.lemma_.lower() in self.pobj for m in c.lefts)
            for c in prep.children if c.dep_ == "pobj")


def _modifier_words(token: Token) -> list[Token]:
    """What modifies a trigger: a compound, an adjective or a noun before it ("press release"), and
    the object of a preposition it governs ("a request for comment")."""
    before = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    return before + [p for prep in token.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"]


def tagged_as_noun_verb(token: Token) -> bool:
    """A main verb the tagger took for a noun, as in headlines' present tense ("EU and UN hand over
    supplies to Nigeria"): a sentence root with a subject and a direct object of its own."""
    return (token.pos_ == "NOUN" and token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children)
            and any(c.dep_ == "dobj" for c in token.children))


def objects(token: Token) -> list[Token]:
    """Direct objects of a verb (and of the verbs coordinated with it); for a passive, its subject."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")] or _up_to_quantity(token) \
        or _shifted_past_as(token)
    return found + [conj for o in found for conj in o.conjuncts]


def _shifted_past_as(token: Token) -> list[Token]:
    """"denounced as an ugly crime Serbia's crackdown": a long object put after the "as" phrase,
    which the parser reads as that phrase's apposition, is the verb's object."""
    return [appos for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "as"
            for pobj in prep.children if pobj.dep_ == "pobj"
            for appos in pobj.children if appos.dep_ == "appos" and appos.i > pobj.i]


def _up_to_quantity(token: Token) -> list[Token]:
    """"kidnapped up to 16 Russian advisers": the parser reads "up" as the verb's particle and the
    object as the object of "to"; a counted noun there is the verb's object."""
    return [pobj for prt in token.children if prt.dep_ == "prt" and prt.lower_ == "up"
            for prep in prt.children if prep.dep_ == "prep" and prep.lower_ == "to"
            for pobj in prep.children if pobj.dep_ == "pobj" and any(c.dep_ == "nummod" for c in pobj.children)]


def object_heads(token: Token) -> list[Token]:
    """Objects and, for a quantity or part, what it is of: "10 days of war games", "tons of food",
    "part of an aid program", "$20 million in aid"."""
    found = objects(token)
    return found + [p for o in found if o.lemma_.lower() in _CONTAINER_WORDS or o.like_num or o.ent_type_
                    in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT")
                    for prep in o.children if prep.dep_ == "prep" and prep.lower_ in ("of", "in")
                    for p in prep.children if p.dep_ == "pobj"] + [
        g for o in found if o.lemma_.lower() in _CONTAINER_WORDS or o.like_num
        for g in o.children if g.dep_ == "nmod" and g.i > o.i and "Gen" in g.morph.get("Case")]


def lemma_candidates(token: Token) -> tuple[str, ...]:
    """The lemma, the word, and base forms of a regular inflection the tagger lemmatized wrongly
    ("staged" -> "stag")."""
    lower = token.lower_
    forms = [token.lemma_.lower(), lower]
    for suffix, endings in _INFLECTIONS.get(token.tag_, ()):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms += [lower[: -len(suffix)] + e for e in endings]
    return tuple(dict.fromkeys(forms))


def governed_prep(token: Token, prep: str) -> Token | None:
    """The preposition `prep` attached to the trigger (or to its object: "held talks with")."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep and not _when(child):
            return child
    for clause in token.children:  # "pleaded with the administration to reconsider": the parser
        if clause.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
            # makes "with" the mark of a clause whose subject is the preposition's object
            mark = next((m for m in clause.children if m.dep_ == "mark" and m.tag_ == "IN" and m.lower_ == prep), None)
            if mark is not None:
                return mark
    return None


def _when(prep: Token) -> bool:
    """A phrase that only dates the act ("called his counterpart on Tuesday" is no "call on"); a
    name the parser took for a time ("at Kyiv overnight" as TIME) still names a place."""
    pobjs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(pobjs) and all(p.ent_type_ == "DATE" or (p.ent_type_ == "TIME" and p.pos_ != "PROPN") for p in pobjs)


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(v.lower() for v in ([value] if isinstance(value, str) else value))


def read_patterns(path: Path) -> list[Pattern]:
    patterns = []
    known_codes = codebook()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PatternError(f"{where}: not a JSON object ({exc.msg})") from None
            if not isinstance(record, dict) or "lemma" not in record or "code" not in record:
                raise PatternError(f"{where}: a pattern needs 'lemma' and 'code'")
            unknown = set(record) - _FIELDS
            if unknown:
                raise PatternError(f"{where}: unknown field(s) {sorted(unknown)}")
            if record["code"] != NO_EVENT and record["code"] not in known_codes:
                raise PatternError(f"{where}: {record['code']!r} is not a CAMEO event code (nor {NO_EVENT!r}, no event)")
            if record["code"] == NO_EVENT and any(record.get(flag) for flag in _EVENT_FLAGS):
                raise PatternError(f"{where}: a sense that is no event ({NO_EVENT!r}) takes none of {list(_EVENT_FLAGS)}")
            patterns.append(Pattern(
                lemmas=_tuple(record["lemma"]), code=record["code"], pos=record.get("pos", "VERB"),
                prt=_tuple(record.get("prt")), prep=record.get("prep"), dobj=_tuple(record.get("dobj")),
                xcomp=_tuple(record.get("xcomp")), mod=_tuple(record.get("mod")),
                pobj=_tuple(record.get("pobj")), oprd=_tuple(record.get("oprd")), subj=_tuple(record.get("subj")),
                notmod=_tuple(record.get("notmod")), weak=bool(record.get("weak")),
                symmetric=bool(record.get("symmetric")),
                needs_target=bool(record.get("needs_target")),
                needs_object=bool(record.get("needs_object")), passive=bool(record.get("passive")), origin=where,
            ))
    return patterns


class PatternIndex:
    """Patterns by lemma; `match(token)` gives the most specific pattern that matches a word, `best(token)`
    the same when it codes an event (None for a sense that is none)."""

    def __init__(self, patterns: list[Pattern]):
        self.by_lemma: dict[tuple[str, str], list[Pattern]] = {}
        for pattern in patterns:
            for lemma in pattern.lemmas:
                self.by_lemma.setdefault((lemma, pattern.pos), []).append(pattern)
        for group in self.by_lemma.values():
            group.sort(key=lambda p: -p.specificity)  # stable: file order among equals

    def best(self, token: Token) -> Pattern | None:
        pattern = self.match(token)
        return None if pattern is None or pattern.blocks else pattern

    def match(self, token: Token) -> Pattern | None:
        pos = "NOUN" if token.pos_ in ("NOUN", "PROPN") and not tagged_as_noun_verb(token) else "VERB"
        if pos == "VERB" and token.pos_ not in ("VERB", "AUX") and not tagged_as_noun_verb(token):
            return None
        for key in lemma_candidates(token):
            for pattern in self.by_lemma.get((key, pos), []):
                if pattern.matches(token):
                    return pattern
        return None


def _data_path(*parts: str) -> Path:
    return Path(str(resources.files("newsevents").joinpath("data", *parts)))


@lru_cache(maxsize=4)
def load_patterns(extra: str | None = None) -> PatternIndex:
    """The package's patterns, plus a user's pattern file when given; read once."""
    patterns = read_patterns(_data_path("events", "patterns.jsonl"))
    if extra:
        patterns = read_patterns(Path(extra)) + patterns  # the user's come first among equals
    return PatternIndex(patterns)


@lru_cache(maxsize=1)
def modality_words() -> dict:
    return json.loads(_data_path("events", "modality.json").read_text(encoding="utf-8"))
