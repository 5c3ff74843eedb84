"""In-document coreference for the actors stage: who a pronoun, a definite description ("the
group", "the agency") or a name seen before ("Sasse" after "Sen. Ben Sasse", "Figgins" after
"Montell Figgins, who represents ...") stands for, and the country a document is about when its
state words leave it open. A mixin of `actors.DocActors` (the Russian coder overrides what a
pronoun can stand for: russian.py).

Subject pronouns continue the subject before them ("Montell Figgins, who represents Thomas, said
... He said": Figgins), "X said he ..." is X, a mention inside the quotation a pronoun attributes
is what was said, not who said it, and an object pronoun is not its own clause's subject ("Japan
praised it").
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.tokens import Span, Token

from newsevents.knowledge import AGENT
from newsevents.records import Actor

_OPENING_QUOTES = {"“", "‘", "«", "``"}
_CLOSING_QUOTES = {"”", "’", "»", "''"}
# How far back a pronoun or a description looks for what it stands for, in tokens before its sentence.
REACH_TOKENS = 80
MAIN_MENTIONS = 5  # coded actors of one country that make it the document's, failing its state words


class Coreference:
    """What `DocActors` resolves across the document (it sets doc, people, _cache, _history, and
    `words`: the language's grammar.json)."""

    def _mentioned_country(self) -> str | None:
        """The country a document is about when its state words leave it open ("Ukraine" as often as
        "US" in a story on Washington's impeachment hearings): the one its coded actors (people,
        institutions, places) belong to, when at least MAIN_MENTIONS of them and twice the next
        one's do."""
        counts: dict[str, int] = {}
        for actor in self.mentions():
            if actor.country:
                counts[actor.country] = counts.get(actor.country, 0) + 1
        ranked = sorted(counts.values(), reverse=True) + [0]
        if not counts or ranked[0] < MAIN_MENTIONS or ranked[0] < 2 * ranked[1]:
            return None
        return max(counts, key=counts.get)

    def _description(self, head: Token) -> list[Actor]:
        """A definite description with no actor of its own ("the group", "the agency";
        descriptions.tsv) stands for the nearest earlier actor of a compatible kind, not a person;
        a singular one rather for a body named before than for a plural of people ("workers")."""
        wanted = _DESCRIPTIONS.get(head.lemma_.lower())
        if not wanted or head.pos_ != "NOUN" or not any(
                c.dep_ == "det" and c.lower_ in self.words["definite_determiners"] for c in head.children):
            return []
        if any(m.pos_ == "PROPN" for m in head.lefts):
            return []  # "the Gush Etzion settlement bloc" names its own thing
        found = [(token, actor) for token, actor in reversed(self._history)
                 if (actor.sector in wanted or actor.code[:3] in wanted or (_STATE in wanted and _state(actor)))
                 and actor.name not in self.people]
        if head.tag_ == "NN":  # "the group" is rather an earlier body than "workers", "four physicians"
            found.sort(key=lambda pair: pair[0].tag_ == "NNS")  # stable: the nearest of each first
        for _, actor in found[:1]:
            return [replace(actor, text=head.text, span=(head.idx, head.idx + len(head.text)), also=())]
        return []

    def _pair(self, head: Token) -> list[Actor]:
        """"Both sides", "the two countries", "both governments": the last two actors of different
        countries named in the two sentences before (grammar.json pair_nouns, pair_words)."""
        words = self.words
        if head.lemma_.lower() not in words.get("pair_nouns", ()) or not any(
                c.dep_ in ("det", "predet", "nummod", "amod") and (c.lower_ in words["pair_words"] or c.norm_ in words["pair_words"])
                for c in head.children):
            return []
        floor = max(0, head.sent.start - REACH_TOKENS)
        pair: list[Actor] = []
        for token, actor in sorted(self._history, key=lambda pair: -pair[0].i):  # the nearest first
            if self.is_city(token) and token.dep_ == "pobj":
                continue  # "met Xi in Lima. The two leaders": where they met is neither
            if floor <= token.i < head.sent.start and actor.country and all(actor.country != a.country for a in pair):
                pair.append(replace(actor, text=head.text, span=(head.idx, head.idx + len(head.text)), also=()))
            if len(pair) == 2:
                return pair[::-1]
        return []

    def _antecedent(self, pronoun: Token) -> list[Actor]:
        """The nearest earlier actor a third-person pronoun can stand for, within two sentences:
        he/she/him/her -> a person; it/its -> a state or group; they/them -> any."""
        kind = self._pronoun_kind(pronoun)
        if kind is None:
            return []
        speaker = self._speaker_of_clause(pronoun, kind)
        if speaker:
            return speaker
        floor = max(0, pronoun.sent.start - REACH_TOKENS)
        candidates = [(token, actor) for token, actor in reversed(self._history)
                      if floor <= token.i < pronoun.i and self._can_stand_for(kind, pronoun, token, actor)
                      and not _quoted_for(token, pronoun) and not _clause_mate(token, pronoun)]
        if pronoun.dep_ in ("nsubj", "nsubjpass"):  # "..., he said": whoever was the subject before
            candidates.sort(key=lambda pair: not _salient(pair[0], pronoun))  # stable: nearest first
        return [candidates[0][1]] if candidates else []

    def _speaker_of_clause(self, pronoun: Token, kind: str) -> list[Actor]:
        """The subject of the verb whose clause a pronoun is the subject of, or owns the subject of:
        "The governor said he was waiting", "Figgins said his client chose" -> the governor,
        Figgins. A body ("the ministry said he") is no person."""
        subject = pronoun.head if pronoun.dep_ == "poss" else pronoun
        if subject.dep_ not in ("nsubj", "nsubjpass") or quoted(pronoun):
            return []  # "“They attacked Bolivia,” the minister said": in a quotation, someone else
        clause = subject.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            return []
        speakers = [c for c in clause.head.children if c.dep_ == "nsubj" and c.i != pronoun.i]
        if not speakers:
            return []
        speaker = speakers[0]
        if kind == "person" and not (speaker.pos_ == "PRON" or speaker.tag_ in ("NN", "NNP") and speaker.lemma_.lower()
                                     not in self.words["state_bodies"] and speaker.lemma_.lower() not in _DESCRIPTIONS):
            return []
        if kind == "group" and (speaker.ent_type_ == "PERSON" or speaker.tag_ in ("NNS", "NNPS")):
            return []
        return self.actors_of(speaker)

    def _pronoun_kind(self, pronoun: Token) -> str | None:
        """person, group or any: what a pronoun can stand for (None: not a third-person pronoun)."""
        return self.words["pronoun_kinds"].get(pronoun.lower_)

    def _can_stand_for(self, kind: str, pronoun: Token, token: Token, actor: Actor) -> bool:
        if _inside_other_relative(token, pronoun):
            return False  # "The EU, which has imposed sanctions on Moscow, said it ...": not Moscow
        if _singular(pronoun) and token.pos_ == "NOUN" and "Plur" in token.morph.get("Number"):
            return False  # "Israeli troops fired on its soldiers": "its" is no plural of common nouns
        is_person = token.ent_type_ == "PERSON" or (actor.name in self.people and (
            actor.name != actor.text or token.i not in self.pieces))  # a name, not a country's ("Jordan")
        if is_person and self.is_city(token):
            is_person = False  # a capital the parser took for a name ("travelled to Kyiv, where she met")
        return kind == "any" or (kind == "person") == is_person

    def _known_name(self, span: Span) -> str | None:
        """A name seen before as a person's, which the parser did not label a person this time
        ("Volker and Morrison said", "Figgins declined"): capitalised words only, no phrase of the
        tables in them."""
        words = [t for t in span if t.pos_ != "DET"]
        roles_named = len(words) == len(span)  # a role word may be a surname ("King" after "Kevin King"), not "the King"
        if not words or any(not t.text[:1].isupper() or (
                t.i in self.pieces and not (roles_named and self.pieces[t.i][1].kind == AGENT)) for t in words):
            return None
        name = " ".join(t.text for t in words)
        return name if name in self.people else None

    def _remembered(self, person: str | None) -> Actor | None:
        if not person:
            return None
        return self.people.get(person) or self.people.get(person.split()[-1])

    def _keep(self, actor: Actor, person: str | None) -> Actor:
        """Remember a person for later mentions of the name: one with a country, or with a role
        whose country the document gives later ("Sen. Ben Sasse" ... "Sasse said"); a country
        found later replaces a role alone."""
        if person and (actor.country or actor.sector):
            for key in (person, person.split()[-1]):
                if key not in self.people or (actor.country and not self.people[key].country):
                    self.people[key] = actor
        return actor

    def _remember_described(self, actor: Actor, person: str | None) -> None:
        """A person's apposition ("Ian Hamilton, an expert at the U.K.'s University of York") says
        who later mentions of the name are ("Hamilton said"), over the document's country that a
        person the tables lack was given (`_keep`); the caller keeps only a placed actor."""
        if person:
            for key in (person, person.split()[-1]):
                self.people[key] = actor


_STATE = "STATE"  # descriptions.tsv: the description stands for a state named before ("the country")


def _state(actor: Actor) -> bool:
    """A state named bare ("Iran", "Saudi Arabia"), which "the country" or "the kingdom" can stand for."""
    return actor.country is not None and actor.code == actor.country


def _singular(pronoun: Token) -> bool:
    """A pronoun of singular number ("it", "its"); "they" may stand for one body, "it" never for
    "troops" (a plural name such as "the Philippines" still can: only common nouns are ruled out)."""
    return "Sing" in pronoun.morph.get("Number")


def quoted(token: Token) -> bool:
    """Inside a quotation: an opening quotation mark before it in its sentence and none closing
    between ("“We will ...,” she said")."""
    opened = False
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.text in _OPENING_QUOTES or (t.text == '"' and not opened):
            opened = True
        elif t.text in _CLOSING_QUOTES or t.text == '"':
            opened = False
    return opened


def _clause_mate(token: Token, pronoun: Token) -> bool:
    """The subject of the verb whose object the pronoun is: "Japan praised it" is not Japan."""
    if pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return False
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    return token.head.i == verb.i and token.dep_ in ("nsubj", "nsubjpass") or any(
        c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i <= token.i <= c.right_edge.i for c in verb.children)


def _quoted_for(token: Token, pronoun: Token) -> bool:
    """A mention inside the quotation a pronoun outside it attributes ("“... the day Jeffrey Epstein
    died,” he said"): what was said, not who said it."""
    return token.sent.start == pronoun.sent.start and quoted(token) and not quoted(pronoun)


def _salient(token: Token, pronoun: Token) -> bool:
    """A mention a subject pronoun rather stands for: the subject of a clause of its own sentence or
    of one before, not one inside a relative clause, a quotation or a possessive ("Montell
    Figgins, who represents Thomas, said ... He said": Figgins)."""
    subject = token
    while subject.dep_ in ("compound", "flat", "amod") and subject.head.i != subject.i:
        subject = subject.head
    if subject.dep_ not in ("nsubj", "nsubjpass") or quoted(subject):
        return False
    return not any(clause.dep_ == "relcl" for clause in subject.ancestors if clause.sent.start == subject.sent.start
                   and clause.i != pronoun.i)


def _inside_other_relative(token: Token, pronoun: Token) -> bool:
    """A mention inside a relative clause of the pronoun's sentence that does not hold the pronoun:
    the clause describes its noun, and a pronoun after it stands for the main clause's actors."""
    if token.sent.start != pronoun.sent.start:
        return False
    for clause in (token, *token.ancestors):
        if clause.dep_ == "relcl":
            return not clause.left_edge.i <= pronoun.i <= clause.right_edge.i
    return False


def _read_descriptions() -> dict[str, frozenset[str]]:
    path = Path(__file__).parent / "data" / "actors" / "descriptions.tsv"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            noun, sectors = line.split("\t")[:2]
            table[noun.strip().lower()] = frozenset(s.strip() for s in sectors.split("|"))
    return table


_DESCRIPTIONS = _read_descriptions()


def _named_by_who(span: Span, relatives) -> str | None:
    """A name the parser did not label a person's, that a "who" clause shows is one ("Montell
    Figgins, who represents Thomas, said")."""
    words = [t for t in span if t.pos_ != "DET"]
    if len(words) < 2 or any(t.pos_ != "PROPN" or not t.is_title for t in words):
        return None
    for clause in span.root.children:
        if clause.dep_ == "relcl" and any(c.lower_ in relatives and c.i < clause.i for c in clause.children):
            return " ".join(t.text for t in words)
    return None


