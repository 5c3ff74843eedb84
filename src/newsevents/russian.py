"""Russian: the coder's stages over the Russian parse (parse_ru.py) with Russian knowledge as data.

The actor and event coders are the English ones; what differs is data (data/ru/: countries,
IGOs, agents, people, places, verb patterns, negation and modality words) and three things of the
language, kept here:
  - actor phrases are matched on lemmas (the Doc's `norm`), so "России", "Россией" are "Россия";
  - a genitive after a noun is its "of" ("министр обороны России" = the defence minister of Russia);
  - a perfective future ("встретятся") says intent as English "will" does; "может" + infinitive
    is hypothetical as "could".
"""
from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span, Token

from newsevents.actors import _PLACE_KINDS, PLACE, ActorCoder, DocActors, is_international
from newsevents.arguments import place_actor, pobjs
from newsevents.clauses import Trigger, expand_actors, is_passive, subject_tokens
from newsevents.coreference import REACH_TOKENS
from newsevents.events import EventCoder
from newsevents.knowledge import (
    ADJECTIVE, COUNTRY, ETHNIC, PERSON, AGENT, Entry, Knowledge, _add_agents, _add_countries, _add_groups, _add_igos,
    _add_institutions, _add_nouns, _add_people, _rows,
)
from newsevents.patterns import Pattern, PatternIndex, governed_prep, objects, read_patterns

LANGUAGE = "ru"


def _data(*parts: str) -> Path:
    return Path(str(resources.files("newsevents").joinpath("data", LANGUAGE, *parts)))


# -- knowledge --------------------------------------------------------------------------------
def _add_pycountry_ru(knowledge: Knowledge) -> None:
    """Country names in Russian as pycountry's iso3166-1 translations give them."""
    import gettext

    try:
        ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:
        ru = None
    for country in pycountry.countries:
        knowledge.countries.add(country.alpha_3)
        if ru is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            translated = ru.gettext(name) if name else None
            if translated and translated != name and "," not in translated:
                knowledge.add(translated, Entry(COUNTRY, country.name, country=country.alpha_3))


def _add_places(knowledge: Knowledge, path: Path) -> None:
    """Cities and regions that place an actor in a country ("в Дамаске"), not its government."""
    for _, cells in _rows(path, 2):
        for phrase in cells[1].split("|"):
            if phrase.strip():
                knowledge.add(phrase.strip(), Entry(PLACE, phrase.strip(), country=cells[0]))


@lru_cache(maxsize=1)
def knowledge_ru() -> Knowledge:
    knowledge = Knowledge()
    _add_pycountry_ru(knowledge)
    _add_countries(knowledge, _data("countries.tsv"))
    _add_institutions(knowledge, _data("institutions.tsv"))
    _add_igos(knowledge, _data("igos.tsv"))
    _add_groups(knowledge, _data("groups.tsv"))
    _add_agents(knowledge, _data("agents.tsv"))
    _add_people(knowledge, _data("people.tsv"))
    _add_places(knowledge, _data("places.tsv"))
    _add_nouns(knowledge, _data("nouns.tsv"))
    return knowledge


# -- actors -----------------------------------------------------------------------------------
def _key(doc) -> str:
    return " ".join(t.norm_ for t in doc if not t.is_space)


class RussianActorCoder(ActorCoder):
    """The actor coder with phrases matched on lemmas (`norm`); no misspelling search (inflected
    forms are one letter or two from other names)."""

    language = "ru"  # data/ru/grammar.json

    def __init__(self, parser, knowledge: Knowledge | None = None):
        self.knowledge = knowledge or knowledge_ru()
        self.matcher = PhraseMatcher(parser.vocab, attr="NORM")
        self._entries = {}
        self._lemma = getattr(parser, "_lemma", None)
        patterns = {}
        phrases = list(self.knowledge.phrases)
        for phrase, doc in zip(phrases, parser.phrases(phrases)):
            entries = self.knowledge.phrases[phrase]
            key = _key(doc)
            self._entries.setdefault(key, []).extend((phrase, e) for e in entries)
            patterns.setdefault(key, doc)
        self.matcher.add("ACTOR", list(patterns.values()))
        self.non_actor_matcher = PhraseMatcher(parser.vocab, attr="NORM")
        self._gazetteer = None
        self._fuzzy, self._fuzzy_by_end, self._fuzzy_seen = {}, {}, {}

    def _misspelt(self, doc, pieces, blocked) -> None:
        return None

    def _places(self, doc, pieces, blocked) -> None:
        self._compounds(doc, pieces, blocked)  # Russian place names are in data/ru/places.tsv, matched on lemmas

    def _compounds(self, doc, pieces, blocked) -> None:
        """A hyphenated noun the tables lack as a whole ("боевики-националисты", "партизан-каренов",
        "жителей-мусульман"): the noun and its apposition in one word; the first part, else the
        second, says who (REB, MMR ...), each part lemmatized with the word's case and number."""
        if self._lemma is None:
            return
        for token in doc:
            if token.i in pieces or token.i in blocked or "-" not in token.text.strip("-") or token.pos_ not in ("NOUN", "PROPN"):
                continue
            feats = tuple(sorted(token.morph.to_dict().items()))
            found = []
            for part in token.text.split("-"):
                if len(part) < 3 or not part.isalpha():
                    continue
                key = self._lemma(part, "NOUN", feats).lower().replace("ё", "е")
                found += [e for _, e in self._entries.get(key, []) if e.kind in (AGENT, ADJECTIVE, ETHNIC)]
            if found:  # a part that names a country or group says more than a role ("партизан-каренов")
                pieces[token.i] = (doc[token.i:token.i + 1], next((e for e in found if e.country), found[0]))

    def _entries_for(self, span: Span, date: str | None) -> list[Entry]:
        kept = []
        candidates = self._entries.get(_key(span), [])
        for phrase, entry in candidates:
            if entry.kind == AGENT:
                kept.append(entry)
                continue
            if phrase.isupper() and len(phrase) > 1 and not span.text.isupper():
                continue
            if phrase[:1].isupper() and not span.text[:1].isupper():
                continue
            if entry.kind == PERSON and not entry.valid_on(date):
                continue
            kept.append(entry)
        people = [e for p, e in candidates if e.kind == PERSON]
        if people and not any(e.kind == PERSON for e in kept):
            kept.append(replace(people[0], sector="ELI", valid_from=None, valid_to=None))
        return kept

    def code(self, doc, date: str | None = None) -> DocActors:
        pieces = self._pieces(doc, date)
        return RussianDocActors(doc, pieces, self.knowledge.actor_nouns, self.knowledge.part_nouns)


def _genitives(head: Token) -> list[Token]:
    """Genitive nouns after `head`, through a chain ("министр обороны России": обороны, России)."""
    found, frontier = [], [head]
    while frontier:
        token = frontier.pop(0)
        for child in token.children:
            if child.dep_ == "nmod" and child.i > token.i and "Gen" in child.morph.get("Case"):
                found.append(child)
                frontier.append(child)
    return found


# Third-person pronouns by lemma: the kind of actor they can stand for (as actors.py's English table).
_SUBJECTS = ("nsubj", "nsubjpass")


class RussianDocActors(DocActors):
    language = "ru"  # data/ru/grammar.json

    def _pronoun_kind(self, pronoun: Token) -> str | None:
        return self.words["pronoun_kinds"].get(pronoun.norm_)

    def _can_stand_for(self, kind: str, pronoun: Token, token: Token, actor) -> bool:
        """An earlier actor of the pronoun's number and gender (grammatical: "его" may be a regime
        or a man), not the subject of the pronoun's own verb ("Иран осудил их": not Iran)."""
        if token.i >= pronoun.i or not _agrees(pronoun, token):
            return False
        return not (pronoun.dep_ not in _SUBJECTS and token.dep_ in _SUBJECTS and token.head.i == pronoun.head.i)

    def _antecedent(self, pronoun: Token) -> list:
        """A subject pronoun continues the topic: the nearest earlier subject it can stand for
        ("Израиль атаковал Ливан. Он также ...": Israel); any other, the nearest actor."""
        kind = self._pronoun_kind(pronoun)
        if kind is None:
            return []
        floor = max(0, pronoun.sent.start - REACH_TOKENS)
        candidates = []
        for token, actor in reversed(self._history):
            if token.i < floor:
                break
            if self._can_stand_for(kind, pronoun, token, actor):
                candidates.append((token, actor))
        if not candidates:
            return []
        if pronoun.norm_ in ("он", "она") and pronoun.dep_ in _SUBJECTS:
            # "трибунал предъявил обвинение премьер-министру, и он уйдет в отставку": a person first
            people = [(t, a) for t, a in candidates if "Anim" in t.morph.get("Animacy") and t.sent == pronoun.sent]
            candidates = people or candidates
        if pronoun.dep_ in _SUBJECTS:
            subject = next((a for t, a in candidates if t.dep_ in _SUBJECTS), None)
            if subject is not None:
                return [subject]
        return [candidates[0][1]]

    def _described(self, head: Token, own, start: int):
        found = super()._described(head, own, start)
        lemma = head.lemma_.lower()
        role = lemma in self.part_nouns or lemma in self.actor_nouns or (
            head.i in self.pieces and self.pieces[head.i][1].kind == AGENT)
        if any(a.country for a in found):
            return self._people_of(head, found) or found
        if head.pos_ == "PROPN" and not found and not role:
            return found  # a name is its own actor; a role word the tagger capitalised is not ("Парламент Польши")
        if any(is_international(a) for a in found):
            return found
        named = self._named_by_apposition(head)
        if named:  # "сеть «Аль-Каида»", "движение «Хамас»": the name is the actor
            return named
        part = lemma in self.part_nouns or lemma in self.actor_nouns  # "бульдозеры израильской армии"
        if not found and not part:
            return found
        led = self._led_by(head, found)
        if led:
            return led
        for genitive in _genitives(head):
            group = self._group(genitive)
            if group and found:  # "боевики ХАМАС", "лидеры талибов": the group's
                return [replace(a, text=found[0].text, span=found[0].span) for a in group]
            # a role in the genitive belongs where its genitive does ("офицеры панамской армии" ->
            # PANMIL, "администрация Буша" -> USAGOV), as English "from" says where people belong
            through = [a for g in [genitive, *genitive.conjuncts] for a in self._through(g, found, part, origin=True)]
            if through:  # "представители США и России": one actor of each
                return through
        return found

    def _group(self, token: Token) -> list:
        """The actors of an armed, political or religious group a token names (data/ru/groups.tsv)."""
        piece = self.pieces.get(token.i)
        if piece is None or piece[1].kind != ETHNIC or not (piece[1].sector or len(piece[1].code or "") > 3):
            return []
        return [a for a in self.actors_of(token) if len(a.code) > 3 or is_international(a)]

    def _named_by_apposition(self, head: Token) -> list:
        """A common noun with its name in apposition ("террористическая сеть «Аль-Каида»")."""
        if head.pos_ != "NOUN":
            return []
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and (child.pos_ == "PROPN" or child.i in self.pieces):
                named = [a for a in self.actors_of(child) if a.country or is_international(a) or len(a.code) > 3]
                if named:
                    return named
        return []

    def _led_by(self, head: Token, own) -> list:
        """Forces led by an actor ("возглавляемые Вьетнамом силы", "силы под командованием США"):
        of its country, with their own sector."""
        leaders = [a for c in head.children if c.dep_ in ("acl", "amod") and c.lemma_.lower() in self.words["lead_verbs"]
                   for a in c.children if a.dep_ in ("agent", "obl") and "Ins" in a.morph.get("Case")]
        leaders += [g for p in head.children if p.dep_ == "prep" and p.lower_ == "под"
                    for n in p.children if n.dep_ == "pobj" and n.lemma_.lower() in self.words["lead_nouns"]
                    for g in _genitives(n)[:1]]
        sector = own[0].sector if own else None
        for leader in leaders:
            countries = [a.country for a in self.actors_of(leader) if a.country]
            if countries:
                text, span = (own[0].text, own[0].span) if own else (head.text, (head.idx, head.idx + len(head.text)))
                return [replace(own[0] if own else self.actors_of(leader)[0], code=countries[0] + (sector or ""),
                                country=countries[0], sector=sector, text=text, span=span)]
        return []

    def _people_of(self, head: Token, own) -> list:
        """A people named by its demonym belongs to the state in the genitive after it ("албанцы
        юга Сербии" -> SRB), as English "the Albanians of southern Serbia"."""
        if head.i not in self.pieces or self.pieces[head.i][1].kind != ADJECTIVE or head.pos_ == "ADJ":
            return []
        for genitive in _genitives(head):
            piece = self.pieces.get(genitive.i)
            if piece and piece[1].kind in _PLACE_KINDS and piece[1].country != own[0].country:
                country = piece[1].country
                return [replace(a, code=country + (a.sector or ""), country=country) for a in own[:1]]
        return []


def _agrees(pronoun: Token, token: Token) -> bool:
    """Number and gender agreement of a pronoun with the head of an actor phrase; a coordinated
    phrase is plural, and a word the morphology leaves without number or gender agrees."""
    number = pronoun.morph.get("Number")
    other = ["Plur"] if list(token.conjuncts) else token.morph.get("Number")
    if number and other and number != other:
        return False
    gender, other_gender = pronoun.morph.get("Gender"), token.morph.get("Gender")
    if number == ["Sing"] and gender and other_gender:
        return (gender == ["Fem"]) == (other_gender == ["Fem"])
    return True


# -- events -----------------------------------------------------------------------------------
def _instrumental_agents(noun: Token, actors: DocActors) -> list:
    """Actors in the instrumental right after an event noun, without a preposition (the noun's
    agent, as English "by": "подавление Сербией волнений", "захват заложников боевиками")."""
    if noun.pos_ != "NOUN":
        return []
    return expand_actors([c for c in noun.children if c.dep_ in ("nmod", "obl") and c.i > noun.i
                    and "Ins" in c.morph.get("Case") and not any(g.dep_ == "case" for g in c.children)], actors)


@lru_cache(maxsize=1)
def modality_words_ru() -> dict:
    """The English words' keys with Russian words where the language has its own (codes by root
    and other language-neutral settings come from data/events/modality.json)."""
    from newsevents.patterns import modality_words

    words = dict(modality_words())
    words.update(json.loads(_data("modality.json").read_text(encoding="utf-8")))
    return words


@lru_cache(maxsize=4)
def load_patterns_ru(extra: str | None = None) -> PatternIndex:
    patterns = read_patterns(_data("patterns.jsonl"))
    if extra:
        patterns = read_patterns(Path(extra)) + patterns
    return PatternIndex(patterns)


class RussianEventCoder(EventCoder):
    """The event coder with Russian patterns and words; the English verb dictionary is not used."""

    def __init__(self, patterns: PatternIndex | None = None):
        self.patterns = patterns or load_patterns_ru()
        self.words = modality_words_ru()
        self.verbs = None

    def _embed(self, governor: Trigger, inner: Trigger) -> None:
        """A reported clause without a subject of its own ("Венгрия заявила, что поддержит
        резолюцию": parse_ru makes it the speech verb's xcomp so that it shares the speaker) is the
        event, as English "Hungary said it would support" codes the support, not the statement."""
        if (governor.code[:2] in self.words["statement_roots"] and inner.token.dep_ == "xcomp"
                and inner.token.pos_ in ("VERB", "AUX") and inner.code[:2] not in self.words["statement_roots"]
                and any(c.dep_ == "mark" or c.lower_ in ("что", "чтобы") for c in inner.token.children)):
            governor.token, governor.pattern, governor.code = inner.token, inner.pattern, inner.code
            governor.governor = None
            return
        super()._embed(governor, inner)

    def arguments(self, trigger: Trigger, actors: DocActors):
        """A passive whose subject names no actor ("Предложение России было отвергнуто ЕС",
        "Против России введены санкции США"): the actor inside the subject. Where the subject is
        an event noun the pattern takes (the sanctions introduced) its genitive did it, the source,
        and the target is the verb's own phrase; otherwise the genitive owns what underwent the
        event, the target, as English "rejected Russia's proposal"."""
        sources, targets = super().arguments(trigger, actors)
        token = trigger.token
        if trigger.pattern.pos != "VERB" or not is_passive(token):
            return sources, targets
        subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        if not subjects or expand_actors(subjects, actors):
            return sources, targets
        owners = expand_actors([g for s in subjects for g in _genitives(s)], actors)
        if any(trigger.pattern._object_matches(s) and self._event_noun(s) for s in subjects):
            sources = sources or owners or self._noun_arguments(subjects[0], actors)[0]
            # the genitive did it, so it is no target even where the object search found it inside
            targets = [t for t in targets if t not in owners] or self._prep_targets(token, actors)
        else:
            targets = targets or owners
        return sources, [t for t in targets if all(t.code != s.code for s in sources)]

    def _targets(self, token: Token, pattern: Pattern, actors: DocActors):
        """Where the pattern's own phrase names no actor, an actor inside it: "отказалась от
        переговоров с Японией" (as English "rejected talks with Japan"), its genitive ("против
        резолюции ООН"), and for a visit the place it goes to, "прибыл с визитом в США"."""
        found = super()._targets(token, pattern, actors)
        if found or not pattern.prep:
            return found
        for noun in pobjs(governed_prep(token, pattern.prep)):
            found = self._inside_object(noun, actors) or expand_actors(_genitives(noun)[:1], actors)
            if not found and pattern.code in self.words.get("destination_codes", ()):
                found = [a for child in noun.children if child.dep_ == "prep"
                         and child.lower_ in self.words["destination_preps"]
                         for p in pobjs(child) for a in expand_actors([p], actors) or place_actor(p, actors)]
            if found:
                return found
        return []

    def _agents_of(self, noun: Token, actors: DocActors):
        """Who does the act a noun names: English "by" phrases, and the Russian instrumental after an
        event noun ("подавление Сербией волнений": the suppression by Serbia)."""
        return super()._agents_of(noun, actors) or _instrumental_agents(noun, actors)

    def _noun_owners(self, noun: Token, actors: DocActors, depth: int = 2):
        found = super()._noun_owners(noun, actors, depth)
        if found or self.patterns.best(noun) is None:
            return found
        return _instrumental_agents(noun, actors)

    def _clause_targets(self, token: Token, actors: DocActors):
        """As English "opened fire to disperse the demonstrators": the object of a purpose clause
        ("открыла огонь, чтобы разогнать демонстрантов") without a subject of its own."""
        found = super()._clause_targets(token, actors)
        if found:
            return found
        for child in token.children:
            if (child.dep_ in ("advcl", "xcomp", "ccomp") and "Inf" in child.morph.get("VerbForm")
                    and any(m.dep_ == "mark" and m.lower_ == "чтобы" for m in child.children)):
                found = expand_actors(objects(child), actors)
                if found:
                    return found
        return []

    def _noun_arguments(self, noun: Token, actors: DocActors):
        """The parties "между" names ("переговоры между Россией и США"); an event noun after a
        predicate adjective of intent ("Россия готова к переговорам с Украиной"): the adjective's
        subject acts, as the subject of a verb that takes the noun."""
        adjective = self._intent_adjective(noun)
        if adjective is None:
            sources, targets = super()._noun_arguments(noun, actors)
            if not sources:  # "переговоры между Россией и США", as "talks between Russia and the US"
                sources = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "между"
                           for a in expand_actors(pobjs(c), actors)]
            return sources, [t for t in targets if all(t.code != s.code for s in sources)]
        sources = expand_actors(subject_tokens(adjective), actors)
        _, targets = super()._noun_arguments(noun, actors)
        return sources, [t for t in targets if all(t.code != s.code for s in sources)]

    def _intent_adjective(self, noun: Token) -> Token | None:
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in ("к", "на"):
            return None
        head = noun.head.head
        return head if head.pos_ == "ADJ" and head.lemma_.lower() in self.words["intent_adjectives"] else None

    def _venue(self, trigger: Trigger) -> bool:
        """A visit's place is where the visitor goes, its target ("прибыл с визитом в США"), not the
        venue of a meeting."""
        if trigger.code in self.words.get("destination_codes", ()):
            return False
        return super()._venue(trigger)

    def _adjust(self, trigger: Trigger) -> None:
        if self._negated_governor(trigger):
            return
        super()._adjust(trigger)
        if trigger.pattern.pos == "NOUN" and self._intent_adjective(trigger.token) is not None:
            adjective = self._intent_adjective(trigger.token)
            root = trigger.code[:2]
            if any(c.dep_ == "neg" for c in adjective.children):  # "не готова к переговорам": a refusal
                if root in self.words["negated_by_root"]:
                    trigger.code = self.words["negated_by_root"][root]
                else:
                    trigger.negated = True
            else:  # "готова к переговорам": as "ready for talks", an intent
                trigger.modality = "intended"
                trigger.code = self.words["intent_by_root"].get(root, trigger.code)
            return
        if trigger.negated or trigger.modality != "asserted" or trigger.code != trigger.pattern.code:
            return
        token = trigger.token
        words = self.words
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in words["hypothetical_verbs"]:
            trigger.modality = "hypothetical"
            modal = token.head
            if (trigger.code[:2] in words.get("possible_force_roots", ()) and modal.dep_ == "xcomp"
                    and modal.head.lemma_.lower() in words["speech_verbs"]):
                # "заявила, что может применить силу": a coercion the speaker says it may use is a
                # threat (a clause with a subject of its own, "эксперты считают, что Россия может
                # напасть", is somebody's guess)
                trigger.code = words["intent_by_root"].get(trigger.code[:2], trigger.code)
        elif "Fut" in token.morph.get("Tense") or any(
                c.dep_ == "aux" and c.lemma_.lower() in words["intent_aux"] for c in token.children):
            trigger.modality = "intended"  # "встретятся", "будут вести": as English "will meet"
            trigger.code = words["intent_by_root"].get(trigger.code[:2], trigger.code)


    def _negated_governor(self, trigger: Trigger) -> bool:
        """An infinitive under a negated verb that is no trigger itself: "не стала выдавать" (did not
        go on to extradite: a refusal, as English "refused to extradite"; modality.json
        refusing_when_negated), "не намерена вводить санкции", "не смогли договориться" (no intent, no
        act: negated). True when it decided the trigger's code and negation."""
        token, words = trigger.token, self.words
        head = token.head
        if token.dep_ != "xcomp" or head.i == token.i or not any(c.dep_ == "neg" for c in head.children) \
                or any(c.dep_ == "neg" for c in token.children):
            return False
        root = trigger.code[:2]
        if head.lemma_.lower() in words.get("refusing_when_negated", ()):
            if root in words["negated_by_root"]:
                trigger.code = words["negated_by_root"][root]
            elif root not in words["rejection_roots"]:
                trigger.negated = True
        else:
            trigger.negated = True
        return True


class RussianCoders:
    """The parser and the two coders for Russian, built once."""

    def __init__(self, patterns: str | None = None):
        from newsevents.parse_ru import load_parser

        self.nlp = load_parser()
        self.actor_coder = RussianActorCoder(self.nlp)
        self.event_coder = RussianEventCoder(load_patterns_ru(patterns) if patterns else None)
