"""Events stage: CAMEO events from the dependency parse of each sentence.

A trigger (verb or event noun) matched by a pattern gives the code; its source and target come
from the dependency structure (subjects, objects, prepositional targets, passive agents), with
coordinated actors expanded into dyads. Modality and negation adjust the code as CAMEO does:
an intended meeting is "express intent to meet" (036), a refused one a rejection (125). Who reports
an event and what a report adds is `speech.py` (a mixin of `EventCoder`); the subjects and actors
of a clause are `clauses.py`.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsevents.actors import PLACE, DocActors, is_international
from newsevents.knowledge import COUNTRY
from newsevents.coreference import quoted as _quoted
from newsevents.arguments import (
    PartiesView, country_actor, localized, named_party, place_actor, placed, state_named, stationed, venue_tokens)
from newsevents.arguments import pobjs as _pobjs
from newsevents.cameo import lookup
from newsevents.clauses import (
    SUBJECT_DEPS, Trigger, expand_actors, is_passive, noun_owners, subject_tokens, unique_actors)
from newsevents.confidence import confidence
from newsevents.furniture import codable
from newsevents.issues import STATE_SECTORS, screened, story_discarded
from newsevents.modality import (
    condition, foreseen_clause, hypothetical, intended, judged_clause, modal_clause, negated, to_infinitive)
from newsevents.patterns import Pattern, PatternIndex, governed_prep, lemma_candidates, modality_words, objects
from newsevents.records import Actor, Event
from newsevents.reports import (
    background, contrasted, questioned, referred_act, referred_statement, wanted_clause, wanted_parties)
from newsevents.speech import ReportedSpeech
from newsevents.verbdict import choose, default_verbs, roles

_MODIFIER_DEPS = ("compound", "amod", "nmod")
_TIME_ENTITIES = ("DATE", "TIME")  # entity types of a date or an hour
# Modifiers that name who owns a noun ("Serbia's suppression", "Israeli army bulldozers", "US-led war").
_OWNER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")
# The speaker's own pronouns: inside a quotation they stand for whoever says it.
_FIRST_PERSON = {"we", "i"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your", "свой"}  # Russian by its norm
REFERENCE_SENTENCES = 5  # "condemned the move": the act is looked for this many sentences back
# Dyads one trigger may give before its actors are listed once each instead of paired (see _dyads).
_MOST_DYADS = 20


_NO_PATTERN = Pattern(lemmas=(), code="010")  # a verb searched for targets only


class EventCoder(ReportedSpeech):
    """Codes the events of a parsed document; build once, call `code(...)` per document."""

    def __init__(self, patterns: PatternIndex):
        self.patterns = patterns
        self.words = modality_words()
        self.verbs = default_verbs()  # the field's verb dictionary, a second source (verbdict.py)

    def code(self, doc: Doc, actors: DocActors, doc_id: str) -> list[Event]:
        events: list[Event] = []
        sports_story = story_discarded(doc.text)  # the field's story discards: a league, a tournament
        for index, sent in enumerate(doc.sents):
            if codable(sent):  # no caption, headline fragment or page furniture (furniture.py)
                # no sports result or show (the field's discards); each event with its issues (issues.py)
                events.extend(screened(sent, self.code_sentence(sent, index, actors, doc_id, group_base=len(events)),
                                       sports_story))
        self._referred_targets(doc, events)
        _placed_roles(events, self.words.get("force_sectors", ()))
        return events

    def _referred_targets(self, doc: Doc, events: list[Event]) -> None:
        """A reaction to an act a definite noun names with no actor in it ("The Arab League condemned
        the move", "faced criticism over the decision") targets whoever did the act: the source of
        the nearest earlier act (not a statement or another reaction) of another actor, within
        REFERENCE_SENTENCES sentences before (modality.json act_nouns, reaction_roots)."""
        roots = self.words.get("reaction_roots", ())
        statements = self.words["statement_roots"]
        for n, event in enumerate(events):
            if event.target is not None or event.source is None or event.cameo[:2] not in roots:
                continue
            trigger = doc.char_span(*event.trigger_span)
            noun = referred_act(trigger[0], self.words) if trigger is not None and len(trigger) else None
            if noun is None:
                continue
            said = noun.lemma_.lower() in self.words.get("said_act_nouns", ())  # "rejected the accusation"
            earlier = next((e for e in reversed(events[:n])
                            if event.sentence_index - REFERENCE_SENTENCES <= e.sentence_index < event.sentence_index
                            and e.source is not None and e.source.code != event.source.code
                            and (said or (e.cameo[:2] not in statements and e.cameo[:2] not in roots))), None)
            if earlier is not None:
                event.target = replace(earlier.source, text=noun.text, span=(noun.idx, noun.idx + len(noun.text)),
                                       also=())

    # -- triggers -------------------------------------------------------------------------------
    def triggers(self, sent: Span) -> list[Trigger]:
        """Triggers of a sentence, main clause first; an embedded verb yields to its governor,
        an event noun to the verb that takes it as object ("staged a hunger strike")."""
        found: dict[int, Trigger] = {}
        for token in sent:
            if token.dep_ in _MODIFIER_DEPS:
                continue  # "war" in "war games", "attack" in "attack helicopters" names no event
            if token.ent_type_ in _TIME_ENTITIES:
                continue  # a date names when, never what: "in March 2018" is no march
            if _inside_name(token):
                continue  # "the Volatiles Investigating Polar Exploration Rover" names a rover
            pattern = choose(self.patterns.match(token), token, self.verbs, self._event_noun)
            if pattern is not None:
                found[token.i] = Trigger(token, pattern, pattern.code)
        self._desires(sent, found)
        for trigger in sorted(found.values(), key=lambda t: -_depth(t.token)):  # innermost first
            if trigger.token.i not in found:
                continue
            governor = _governing_trigger(trigger.token, found, self.words["appeal_roots"])
            if governor is not None:
                del found[trigger.token.i]
                self._embed(governor, trigger)
        triggers = sorted(found.values(), key=lambda t: (_depth(t.token), t.token.i))
        for trigger in triggers:
            self._adjust(trigger)
        return triggers

    def _desires(self, sent: Span, found: dict[int, Trigger]) -> None:
        """"The US wants China to stop ...", "Australia hopes China will release ...": what one party
        wants another to do is a demand or an appeal to it (modality.json desire_verbs), and the act
        wanted has not happened: its trigger goes."""
        desires = self.words.get("desire_verbs", {})
        for token in sent:
            lemma = next((form for form in lemma_candidates(token) if form in desires), None)
            if lemma is None or token.i in found or token.pos_ not in ("VERB", "AUX"):
                continue
            if lemma == "like" and not any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in token.children):
                continue  # "would like Iran to free", not "like"
            if token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in token.children):
                continue  # "we had hoped that the office would try": a hope let down, said
            clause = wanted_clause(token)
            if clause is None or (lemma == "expect" and not to_infinitive(clause)):
                continue  # "expects Russia to withdraw" asks; "expects that pupils will ..." foresees
            if any(w.lemma_.lower() in self.words["opinion_sources"] for w in subject_tokens(token)):
                for inner in [i for i in found if clause.left_edge.i <= i <= clause.right_edge.i]:
                    del found[inner]  # "analysts expect the Fed to cut rates": a forecast, no event
                continue
            for inner in [i for i in found if clause.left_edge.i <= i <= clause.right_edge.i]:
                del found[inner]
            pattern = Pattern(lemmas=(lemma,), code=desires[lemma], origin="modality.json:desire_verbs")
            found[token.i] = Trigger(token, pattern, pattern.code, governor=clause)

    def _embed(self, governor: Trigger, inner: Trigger) -> None:
        """Code a governor and the event it embeds as one: "refused to meet" is a rejected
        meeting (125), "offered to mediate" an intent to mediate (039), "staged a hunger strike"
        the strike (142); a plain light verb keeps its own, more specific, pattern."""
        words = self.words
        lemma = governor.token.lemma_.lower()
        root = inner.code[:2]
        governor.governor = inner.token
        if inner.pattern.pos == "NOUN" and governor.code[:2] in words["appeal_roots"]:
            if not governor.pattern.dobj:  # "called for sanctions against China": asked for, not done
                governor.code = words["appeal_for_root"].get(root, governor.code)
        elif inner.pattern.pos == "NOUN":
            if inner.pattern.specificity > 0 or not governor.pattern.dobj:
                governor.code = inner.code
        elif lemma in words["negating_verbs"] and root in words["negated_by_root"]:
            governor.code = words["negated_by_root"][root]
        elif governor.pattern.xcomp and inner.token.lemma_.lower() in governor.pattern.xcomp:
            pass  # a pattern written for the pair keeps its code: "tried to assassinate" 185, not an intent
        elif self._embedded_transformation(inner.token, inner.code) is not None:
            governor.code = self._embedded_transformation(inner.token, inner.code)  # "attempted to assassinate": 185
        elif lemma in words["intent_verbs"] and root in words["intent_by_root"]:
            intent = words["intent_by_root"][root]
            if governor.code[:2] != "13" or intent[:2] == "13":  # "threatened to deliver blows": a threat
                governor.code = intent

    def _adjust(self, trigger: Trigger) -> None:
        """Modality and negation, as CAMEO codes them."""
        words = self.words
        token = trigger.token
        root = trigger.code[:2]
        if negated(token, words):
            if root in words["negated_by_root"]:
                trigger.code = words["negated_by_root"][root]
            elif root not in words["rejection_roots"]:
                trigger.negated = True
        elif hypothetical(token, words):
            trigger.modality = "hypothetical"
        elif intended(token, words):
            trigger.modality = "intended"
            trigger.code = words["intent_by_root"].get(root, trigger.code)
            transformed = self._embedded_transformation(token, trigger.pattern.code)
            if transformed is not None:  # "attempted to assassinate": the attempt is the act (185)
                trigger.code = transformed
                trigger.modality = "intended" if transformed[:2] in words["intent_roots"] else "asserted"
        elif root in words["statement_roots"] and modal_clause(token, words["demand_aux"]) is not None:
            trigger.stated, trigger.code = trigger.code, words["demand_code"]  # "declared that China must drop barriers"
        elif root in words["statement_roots"] and judged_clause(token, words.get("disapproval_words", ())) is not None:
            trigger.code = words["disapproval_code"]  # "said the request was inappropriate": a criticism
        elif (root == "13" and token.lemma_.lower() in words.get("warning_verbs", ()) and trigger.governor is None
              and foreseen_clause(token, words["intent_aux"]) is not None):
            trigger.code = words["warning_code"]  # "warned that the famine could kill thousands": no threat

    # -- actors ---------------------------------------------------------------------------------
    def code_sentence(self, sent: Span, index: int, actors: DocActors, doc_id: str,
                      group_base: int = 0) -> list[Event]:
        """The main event of a sentence (the highest trigger with an actor, a verb before an event
        noun, anything before a mere statement), and events of coordinated clauses with subjects
        of their own ("A attacked B and C arrested D"); participles and shared-subject verbs
        ("opened fire, killing one") describe the same event and add none."""
        coded = []
        doerless: set[int] = set()  # triggers with no doer named, before the place gives one
        # A statement with no speaker named (the place it happened in speaks for no one) is none.
        speakerless = self.words.get("speakerless_roots", ())
        venues = venue_tokens(sent, actors, self.words["venue_preps"], self.words["meeting_nouns"], self._event_noun)
        for trigger in self.triggers(sent):
            if questioned(trigger.token) or referred_statement(trigger.token, self.words):
                continue  # "Will Russia attack Ukraine again?" asks; nothing happened
            if _game_result(trigger.token) or self._placed_object(trigger):
                continue  # a match ("beat Gibraltar 6-0"), a thing put somewhere ("added landers to the contract")
            parties = PartiesView(actors, venues, self._venue(trigger), _event_words(trigger))
            sources, targets = self.arguments(trigger, parties)
            if not sources:
                doerless.add(trigger.token.i)
            if trigger.pattern.needs_target and (not targets or _clause_object(trigger.token)):
                continue  # "recognized the need", "recognized that it erred" are no diplomatic recognition
            if trigger.stated and not targets:
                trigger.code = trigger.stated  # "said the decision should be reviewed": demanded of nobody
            dyads = [self._situated(trigger, d, sent, actors)
                     for d in _dyads(sources, targets, trigger.pattern.symmetric or self._reciprocal(trigger.token))
                     if d != (None, None) and not (d[0] is None and trigger.code[:2] in speakerless)]
            dyads = _unique_dyads(self._audience(trigger, d) for d in dyads)
            if dyads:
                coded.append((trigger, dyads))
        coded = [c for c in coded if not self._opinion(c[0], actors)]  # "analysts say ...": nothing
        if not coded:
            return []
        plain = self.words["plain_statement_codes"]
        statements = self.words["statement_roots"]
        # stable; what nobody named did not do ("should not be forced"), an act a noun names with no
        # doer ("said that the call with Zelensky was not in line with ...") and a condition ("said
        # Russia would respond if the US deployed missiles") yield to the statement; the background
        # of a sentence ("X, whose troops killed ..., said", "after talks": reports.background) to all
        coded.sort(key=lambda c: (2 if background(c[0].token, self.words, self._event_noun) else int(
            c[0].code in plain or condition(c[0].token, self.words) or (
                c[0].token.i in doerless and (c[0].negated or c[0].pattern.pos == "NOUN"))), c[0].pattern.weak))
        main = coded[0][0]
        kept = [coded[0]] + [c for c in coded[1:] if _own_clause(c[0].token, main.token)
                             and c[0].code[:2] not in statements and not c[0].pattern.weak]
        kept += [c for c in coded[1:] if c not in kept and (self._means(c[0].token, main) or self._decided(c)
                                                             or self._drawn(c[0].token, main))]
        kept += [c for c in coded[1:] if c not in kept and self._contrasted(c, coded[0])]
        kept += self._own_statements(kept, coded)
        kept = self._transformed(kept, coded, actors)
        return [self._event(trigger, sent, index, doc_id, source, target, group, self._speaker(trigger, actors))
                for group, (trigger, dyads) in enumerate(kept, start=group_base)
                for source, target in dyads]

    def _means(self, token: Token, main: Trigger) -> bool:
        """The act is the means of the main one: "protected Syria by blocking Western resolutions",
        "retaliated by shelling the town" (modality.json means_preps); an act in its own right, by
        the main act's doer, where the parser hangs the phrase on any word of the main clause."""
        if token.dep_ != "pcomp" or token.head.lower_ not in self.words.get("means_preps", ()):
            return False
        verb = next((a for a in token.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        embedded = main.governor  # "sought to protect it by blocking": the phrase modifies "protect"
        return verb is not None and (verb.i == main.token.i or (embedded is not None and verb.i == embedded.i))

    def _contrasted(self, candidate: tuple, main: tuple) -> bool:
        """"Kenya praised the deal, while Somalia condemned it", "the UN stressed the move changed
        nothing, while the Arab League condemned it": two parties' acts set side by side are two
        events, a statement among them (reports.contrast_clause)."""
        one, other = candidate[0].token, main[0].token
        if not (contrasted(one, other, self.words) or contrasted(other, one, self.words)):
            return False
        doers = {source.code for source, _ in main[1] if source is not None}
        return any(source is not None and source.code not in doers for source, _ in candidate[1])

    def _drawn(self, noun: Token, main: Trigger) -> bool:
        """An act another party did in answer to the main one, told by a participle after it: "began
        joint drills, prompting a warning from Pyongyang", "drawing condemnation from Turkey"
        (modality.json undergoing_verbs; the doer is the noun's own "from" phrase)."""
        verb = self._undergoing_verb(noun)
        return (verb is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i == main.token.i
                and any(p.dep_ == "prep" and p.lower_ in ("from", "by") for p in (*noun.children, *verb.children)))

    def _decided(self, candidate: tuple) -> bool:
        """The act is what its owner decided, a fact beside the main event: "relations chilled over
        Moscow's decision to give Snowden a haven", "Japan protested China's move to ban imports"
        (modality.json decision_nouns; an intention or plan is no act: modality.intended)."""
        trigger, dyads = candidate
        token = trigger.token
        noun = token.head
        return (token.dep_ == "acl" and to_infinitive(token)
                and noun.lemma_.lower() in self.words.get("decision_nouns", ())
                and noun_owners(noun, token)
                and trigger.code[:2] not in self.words["statement_roots"]
                and any(source is not None for source, _ in dyads))


    def _event_noun(self, token: Token) -> bool:
        pattern = self.patterns.best(token)
        return pattern is not None and pattern.pos == "NOUN"

    def _situated(self, trigger: Trigger, dyad: tuple, sent: Span, actors: DocActors) -> tuple:
        """The dyad with the countries its actors lack, from where the event happened."""
        dyad = stationed(localized(dyad, sent, actors), sent, actors)
        return self._domestic(trigger, placed(dyad, trigger.token, self._venue(trigger), sent, actors))

    def _audience(self, trigger: Trigger, dyad: tuple) -> tuple:
        """A statement to the press ("told reporters", "заявил журналистам") is made to the public:
        no target (modality.json audience_sectors)."""
        source, target = dyad
        if target is not None and trigger.code[:2] in self.words["statement_roots"] \
                and target.sector in self.words.get("audience_sectors", ()):
            return source, None
        return dyad

    def _venue(self, trigger: Trigger) -> bool:
        """A meeting's place is its venue, not its target ("met in Geneva"); a place the pattern's
        own locative preposition takes is where the visitor goes, its target ("arrived in
        Moscow" -> RUS, as "travelled to Tokyo")."""
        if trigger.pattern.prep in self.words["venue_preps"] and not trigger.pattern.symmetric:
            return False
        return trigger.pattern.symmetric or trigger.code[:2] in self.words["venue_roots"]

    def _domestic(self, trigger: Trigger, dyad: tuple) -> tuple:
        """A protest, a repression or a domestic concession with no target named ("students staged
        demonstrations", "lifted the state of emergency") is aimed at the source's own country."""
        source, target = dyad
        if target is not None or source is None or not source.country:
            return dyad
        code = trigger.pattern.code
        if not any(code.startswith(prefix) for prefix in self.words["domestic_codes"]):
            return dyad
        return source, country_actor(source.country, trigger.token)

    def arguments(self, trigger: Trigger, actors: DocActors) -> tuple[list[Actor], list[Actor]]:
        token = trigger.token
        if trigger.pattern.pos == "NOUN":
            return self._noun_arguments(token, actors)
        subjects = subject_tokens(token)
        sources = self._controller(token, actors) or expand_actors(subjects, actors)
        if not sources and any(s.lower_ in _FIRST_PERSON and _quoted(s) for s in subjects):
            sources = self._quoted_speaker(token, actors)  # "“We implore you ...,” the doctors wrote"
        if trigger.pattern.origin == "modality.json:desire_verbs":  # whom the wanted act is asked of
            wanted = expand_actors(wanted_parties(token, trigger.governor), actors)
            return sources, [t for t in wanted if all(t.code != s.code for s in sources)]
        targets = self._targets(token, trigger.pattern, actors)
        if not sources and subjects and self.patterns.best(subjects[0]) is not None:
            # "An attack by Israel on Lebanon killed ten": the event noun names the actors
            sources, noun_targets = self._noun_arguments(subjects[0], actors)
            targets = noun_targets or targets
        if not sources:  # "Israeli army bulldozers demolished ...": the actor modifies the subject
            sources = unique_actors(a for s in subjects for a in _modifier_owners(s, actors))
        if not sources and not subjects:  # "в Кремле заявили", "в ЕС осудили": who speaks without a subject
            sources, phrase = self._impersonal_sources(trigger, actors)
            if sources:  # the phrase that names the speaker names no target
                targets = self._targets(token, trigger.pattern, _Without(actors, phrase))
        if not targets and trigger.governor is not None:
            targets = self._targets(trigger.governor, trigger.pattern, actors)
        if not targets:  # "told his French counterpart that Tehran was ready to resume talks"
            targets = self._addressees(trigger, sources, actors)
        if trigger.pattern.symmetric and len({s.country or s.code for s in sources}) > 1:
            targets = [t for t in targets if t in self._partners(token, actors)]
        if not targets and token.dep_ == "advcl" and token.tag_ == "VBG" and not is_passive(token):
            # "Sasse told Hawk Sawyer, repeatedly calling for an explanation": whom the clause's verb addressed
            targets = [t for t in self._targets(token.head, _NO_PATTERN, actors) if t not in sources]
        if is_passive(token):
            agent = [c for c in token.children if c.dep_ == "agent"]
            passive_sources = expand_actors([p for a in agent for p in _agent_nouns(a)], actors)
            # a subject naming no actor ("лагерь ... подвергся нападению"): who is in it ("для беженцев"),
            # whom it is for or of ("a camp for refugees was attacked"); what did an act its clause
            # names ("the deal, signed by A, was praised": A)
            undergoers = sources or unique_actors(a for s in subjects if s.dep_ == "nsubjpass" for a in self._inside_object(s, actors))
            targets = undergoers or [t for t in targets if t not in passive_sources] or [
                a for s in subjects for a in self._agents_of(s, actors)]
            sources = passive_sources
        if trigger.code == self.words.get("disapproval_code") and trigger.pattern.code[:2] in self.words["statement_roots"]:
            targets = self._judged(token, actors) or targets
        sources, targets = roles(trigger.pattern, token, sources, targets, lambda t: expand_actors(t, actors))
        # not the source itself, nor, in a statement, its own state named bare ("the Kremlin said
        # Russia would respond")
        statement = trigger.code[:2] in self.words["statement_roots"]
        targets = [t for t in targets if all(t.code != s.code and not (
            statement and t.code == s.country and state_named(t, actors)) for s in sources)]
        return sources, targets

    def _placed_object(self, trigger: Trigger) -> bool:
        """"added five companies to the contract": a speech verb with an object and "to" puts the
        object somewhere; it says nothing (modality.json placing_speech_verbs)."""
        token = trigger.token
        return trigger.pattern.code[:2] in self.words["statement_roots"] \
            and token.lemma_.lower() in self.words.get("placing_speech_verbs", ()) \
            and any(c.dep_ == "dobj" for c in token.children) \
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)

    def _controller(self, token: Token, actors: DocActors) -> list[Actor]:
        """"Washington persuaded Seoul to impose sanctions", "the agency selected the firms to
        conduct studies": the actor a verb takes as object does what the infinitive it governs
        says, not the verb's subject (modality.json subject_control_verbs: "promised Kyiv to")."""
        head = token.head
        if token.dep_ != "xcomp" or head.i == token.i or head.lemma_.lower() in self.words.get(
                "subject_control_verbs", ()) or not to_infinitive(token):
            return []
        return expand_actors([c for c in head.children if c.dep_ == "dobj" and c.i < token.i], actors)

    def _reciprocal(self, token: Token) -> bool:
        """An act whose object is "each other" or "one another" ("the army and the RSF accused each
        other") is each subject's act on the others (modality.json reciprocal_objects)."""
        phrases = self.words.get("reciprocal_objects", ())
        heads = list(objects(token)) + [p for prep in token.children if prep.dep_ == "prep" for p in _pobjs(prep)]
        return any(" ".join(t.lower_ for t in head.subtree) in phrases for head in heads)

    def _partners(self, token: Token, actors: DocActors) -> list[Actor]:
        """Who a reciprocal act's coordinated subjects do it with, named on the act itself (its
        object, "with" or "between" it or its object): "Washington and the Taliban held talks
        pursuing an agreement for US troops to leave" are talks of the two, not with US troops."""
        found = self._prep_targets(token, actors, self.words.get("partner_preps", []))
        for obj in objects(token):
            found += expand_actors([obj], actors) + self._inside_object(obj, actors)
        return found

    def _judged(self, token: Token, actors: DocActors) -> list[Actor]:
        """Whom a judgement is about: the subject of the judged clause, or its owner ("Trump's
        request was inappropriate" -> Trump)."""
        clause = judged_clause(token, self.words.get("disapproval_words", ()))
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")] if clause is not None else []
        return expand_actors(subjects, actors) or unique_actors(a for s in subjects for a in _modifier_owners(s, actors))

    def _impersonal_sources(self, trigger: Trigger, actors: DocActors) -> tuple[list[Actor], set[int]]:
        """A verbal act (roots 01-13) in the third person plural with no subject, by the body, seat
        or capital its locative names ("в Кремле заявили", "в МИД России осудили"; modality.json
        impersonal_preps); a country or a place there is only where ("в Сирии заявили" names nobody)."""
        token = trigger.token
        preps = self.words.get("impersonal_preps", ())
        if not preps or trigger.code[:2] > "13" or token.morph.get("Number") != ["Plur"] \
                or "Fin" not in token.morph.get("VerbForm"):
            return [], set()
        everyone = getattr(actors, "actors", actors)  # not as a venue: "в Кремле" speaks here
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i < token.i + 4:
                for pobj in _pobjs(child):
                    piece = everyone.pieces.get(pobj.i)
                    if piece is not None and piece[1].kind in (COUNTRY, PLACE):
                        continue
                    found = expand_actors([pobj], everyone)
                    if found:
                        return found, {t.i for t in child.subtree}
        return [], set()

    def _targets(self, token: Token, pattern: Pattern, actors: DocActors) -> list[Actor]:
        if pattern.prep:
            prep = governed_prep(token, pattern.prep)
            found = expand_actors(_pobjs(prep), actors) if prep is not None else []
            if found:
                return self._grievance_targets(token, pattern, actors) or found
        owned: list[Token] = []
        for obj in objects(token):
            if obj.dep_ == "nsubjpass":
                continue
            named = expand_actors([obj], actors)
            found = (named or self._agents_of(obj, actors) or _possessors(obj, actors) or self._inside_object(obj, actors)
                     or self._policy_owners(obj, actors))  # "criticised the US policy shift": the US
            if found and ((_own(obj) and not self._foreign(token, found, actors))
                          or (named and self._own_force(token, obj, found, actors))):
                owned.append(obj)  # "offered its troops to Lebanon": the troops are the source's
            elif found:
                return found
        for child in token.children:
            if child.dep_ == "dative":
                found = expand_actors([child] + _pobjs(child), actors)
                if found:
                    return found
        if owned:  # "withdrew its troops from Lebanon", "recalled its envoy from Cairo"
            return self._own_object_targets(token, owned, actors)
        statement = (pattern.code[:2] in self.words["statement_roots"] and pattern is not _NO_PATTERN
                     and not self._official(token, actors))
        # a complaint about someone ("пожаловался в ООН на израильские авиаудары") targets whom it is about
        return (self._grievance_targets(token, pattern, actors) or self._prep_targets(token, actors)
                or self._deeper_targets(token, actors, statement) or self._phrase_targets(token, actors))

    def _foreign(self, token: Token, found: list[Actor], actors: DocActors) -> bool:
        """An object its possessive does not make the source's own, for it names another country:
        "his Brazilian counterpart", "their Iranian hosts"."""
        own = {a.country for a in expand_actors(subject_tokens(token), actors)}
        return any(a.country and a.country not in own for a in found)

    def _own_object_targets(self, token: Token, owned: list[Token], actors: DocActors) -> list[Actor]:
        """Where an object the source owns goes or comes from ("withdrew its troops from Lebanon",
        "pulled its forces out of Aleppo", "recalled its ambassador to Saudi Arabia"), a place as its
        country; the source's own troops, envoys or citizens are never the target, so with no such
        phrase there is none ("Russia withdrew its troops")."""
        for prep_word in self.words["own_object_preps"]:
            for head in (token, *owned):  # the phrase hangs on the verb or on the object
                for pobj in _phrase_objects(governed_prep(head, prep_word)):
                    found = (place_actor(pobj, actors) or expand_actors([pobj], actors)
                             or _first_actor(_nominal_subtree(pobj)[1:], actors))  # "to its border with Finland"
                    if found:
                        return found
        return []

    def _own_force(self, token: Token, obj: Token, found: list[Actor], actors: DocActors) -> bool:
        """Forces with no country sent by a state somewhere ("Russia deployed troops to its border
        with Finland"): the state's own (modality.json own_force_sectors), as "its troops" are, so
        where they go is the target, not troops of that place."""
        sectors = self.words["own_force_sectors"]
        return (all(a.country is None and a.sector in sectors and not is_international(a) for a in found)
                and any(a.country for a in expand_actors(subject_tokens(token), actors))
                and bool(self._own_object_targets(token, [obj], actors)))

    def _grievance_targets(self, token: Token, pattern: Pattern, actors: DocActors) -> list[Actor]:
        """A complaint made to someone ("complained to the UN over Israeli air raids") targets whom
        it is about, not where it is lodged."""
        if not pattern.code.startswith("11"):
            return []
        for prep_word in self.words["grievance_preps"]:
            prep = governed_prep(token, prep_word)
            for pobj in _pobjs(prep) if prep is not None else []:
                # "complained over Israeli air raids": the raids' owner, whatever the patterns know of them
                found = expand_actors([pobj], actors) or self._noun_owners(pobj, actors) or _modifier_owners(pobj, actors)
                if found:
                    return found
        return []

    def _prep_targets(self, token: Token, actors: DocActors, prep_words: list[str] | None = None) -> list[Actor]:
        prep_words = prep_words or self.words["target_preps"]
        for prep_word in prep_words:
            prep = governed_prep(token, prep_word)
            found = expand_actors(_pobjs(prep), actors) if prep is not None else []
            if found:
                return found
        for prep_word in prep_words:  # "agreed to US mediation", "conceded to demands from UNITA"
            prep = governed_prep(token, prep_word)
            found = [a for p in _pobjs(prep) for a in self._noun_owners(p, actors) or self._policy_owners(p, actors)
                     ] if prep is not None else []
            if found:
                return unique_actors(found)
        return []

    def _policy_owners(self, noun: Token, actors: DocActors) -> list[Actor]:
        """Whose policy, decision or actions a target phrase names ("protested against US policy",
        "against the decision of Norway", "против политики США"): its owner, the modifier or the
        "of" / genitive after it (modality.json owner_nouns), not the scene's country."""
        owner_nouns = self.words.get("owner_nouns", ())
        if noun.lemma_.lower() not in owner_nouns and not any(  # "the US policy shift"
                c.dep_ == "compound" and c.lemma_.lower() in owner_nouns for c in noun.children):
            return []
        found = _modifier_owners(noun, actors)
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                found += expand_actors(_pobjs(child), actors)
            elif child.dep_ == "nmod" and "Gen" in child.morph.get("Case"):
                found += expand_actors([child], actors)
        return unique_actors(found)

    def _phrase_targets(self, token: Token, actors: DocActors) -> list[Actor]:
        """A target phrase naming no actor itself names one inside ("returned the paintings to a
        museum in Germany", "ready to contribute to UN peacekeeping operations"), not in a clause;
        only where something goes ("to"), not what it is about ("declined to comment on a Russian report")."""
        for prep_word in self.words["destination_preps"]:
            prep = governed_prep(token, prep_word)
            found = [a for p in _pobjs(prep) for a in _first_actor(_nominal_subtree(p), actors)] if prep else []
            if found:
                return unique_actors(found)
        return []

    def _noun_owners(self, noun: Token, actors: DocActors, depth: int = 2) -> list[Actor]:
        """Who does what an event noun names: "Serbia's suppression", "the US-led war", "demands
        from UNITA", "a ban by General Aoun", "the package proposed by the Commission"; through an
        event noun's own target ("assistance to the US-led war")."""
        if self.patterns.best(noun) is None:
            return []
        found = _modifier_owners(noun, actors) + expand_actors(_noun_agents(noun), actors)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                found += expand_actors(_pobjs(child), actors)
            elif child.dep_ == "acl":
                found += expand_actors([p for a in child.children if a.dep_ == "agent" for p in _agent_nouns(a)], actors)
        if not found and depth > 1:
            found = [a for child in noun.children if child.dep_ == "prep" and child.lower_ in self.words["target_preps"]
                     for p in _pobjs(child) for a in self._noun_owners(p, actors, depth - 1)]
        return unique_actors(found)

    def _official(self, token: Token, actors: DocActors) -> bool:
        """The speaker is a body of state or a finding speaker (police, prosecutors, a ministry, an
        NGO): whom its statement names, even by a common noun, it accuses or addresses ("The police
        said the traders had smuggled gold")."""
        finders = self.words["finding_speakers"]
        return any(a.sector in STATE_SECTORS or a.code[:3] in finders or a.sector in finders
                   for a in expand_actors(subject_tokens(token), actors))

    def _reported_party(self, clause: Token, actors: DocActors, statement: bool, depth: int = 3) -> list[Actor]:
        """Whom a reported clause is about: its subject ("demanded that the US cancel ..."), the
        owner of a subject that names no actor ("alleging that Trump's call was irregular" ->
        Trump), or, failing both, the subject of the clause it reports in turn ("“Today's hearing
        exposes that Schiff and the Democrats are blinded by hatred,” Grisham said"). For a
        statement, a party only a common noun names is what is spoken of, not a target
        ("Sometimes employees don't follow the rules, he said"; `arguments.named_party`)."""
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        found = expand_actors(subjects, actors) or unique_actors(  # an owner by name, not "inmate" in "inmate checks"
            a for s in subjects for a in _modifier_owners(s, actors) if named_party(a, actors.doc))
        if statement:
            found = [a for a in found if named_party(a, actors.doc)]
        if found or depth <= 1:
            return found
        for child in clause.children:
            if child.dep_ in ("ccomp", "conj") and child.pos_ in ("VERB", "AUX"):
                found = self._reported_party(child, actors, statement, depth - 1)
                if found:
                    return found
        return []

    def _deeper_targets(self, token: Token, actors: DocActors, statement: bool = False) -> list[Actor]:
        """Targets named inside the object ("rejected an Indian proposal", "praised Haiti's
        efforts", "demanded the withdrawal of Serbian forces"), by the subject of a reported
        clause ("demanded that the US cancel ..."), or by the clause a verb embeds ("offered to
        hand over to Britain")."""
        for obj in objects(token):
            if obj.dep_ == "nsubjpass":
                continue
            found = self._agents_of(obj, actors) or _first_actor(self._without_topics(obj), actors)
            if found:
                return found
        for child in token.children:
            if child.dep_ == "ccomp":
                found = self._reported_party(child, actors, statement)
                if found:
                    return found
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                found = self._targets(child, _NO_PATTERN, actors)
                if found:
                    return found
        return self._clause_targets(token, actors)

    def _without_topics(self, obj: Token) -> list[Token]:
        """The object's subtree without what it is about: a topic preposition's phrase ("a
        report about Iran", "доклад о Сирии"), and after a meeting noun the meeting's subject
        ("конференция по Сирии"); data/events/modality.json topic_preps, meeting_topic_preps."""
        topics = set(self.words.get("topic_preps", ()))
        meeting_topics = set(self.words.get("meeting_topic_preps", ()))
        meetings = self.words["meeting_nouns"]
        if not topics and not meeting_topics:
            return list(obj.subtree)
        skipped = {t.i for c in obj.subtree if c.dep_ == "prep" and c.i != obj.i and (
            c.lower_ in topics or (c.lower_ in meeting_topics and c.head.lemma_.lower() in meetings))
            for t in c.subtree}
        return [t for t in obj.subtree if t.i not in skipped]

    def _clause_targets(self, token: Token, actors: DocActors) -> list[Actor]:
        """Targets named around the verb's own phrase: an event noun it takes ("denounced as a crime
        Serbia's suppression of ..."), the actor of a condition ("threatened to stop talks if the
        United States goes ahead"), a verb sharing its subject ("established ties with and opened
        an embassy in Tehran")."""
        nouns = [p for c in token.children if c.dep_ == "prep" for p in _pobjs(c)]
        for noun in objects(token) + nouns + [a for n in nouns for a in n.children if a.dep_ == "appos"]:
            found = self._noun_owners(noun, actors)
            if found:
                return found
        for child in token.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.words["hypothetical_marks"]
                                             for m in child.children):
                found = expand_actors([c for c in child.children if c.dep_ == "nsubj"], actors)
                if found:
                    return found
        for child in token.children:
            if child.dep_ == "conj" and child.pos_ == "VERB" and not any(
                    c.dep_ in SUBJECT_DEPS + ("nsubjpass",) for c in child.children):
                found = self._targets(child, _NO_PATTERN, actors)
                if found:
                    return found
        for child in token.children:  # the purpose: "opened fire to disperse the demonstrators"
            if child.dep_ == "advcl" and _purpose(child) and not any(c.dep_ in SUBJECT_DEPS for c in child.children):
                found = expand_actors(objects(child), actors)
                if found:
                    return found
        return []

    def _agents_of(self, noun: Token, actors: DocActors) -> list[Actor]:
        """Who does the act a noun names, by its "by" phrase ("denounced the execution of four men
        by Iran" -> Iran, not the men): the act's doer is whom the verb is aimed at."""
        if noun.pos_ != "NOUN":
            return []
        heads = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)]
        if noun.dep_ == "dobj" and not is_passive(noun.head):
            heads.append(noun.head)  # the parser hangs "by Iran" on the active verb, which has no agent
        # "the agreement, which was signed by Israel and the UAE": the doers its relative clause names
        described = [p for c in noun.children if c.dep_ == "relcl" and is_passive(c)
                     for agent in c.children if agent.dep_ == "agent" for p in _agent_nouns(agent)]
        return expand_actors([p for h in heads for c in h.children
                        if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i for p in _pobjs(c)]
                       + _noun_agents(noun) + described, actors)

    def _inside_object(self, obj: Token, actors: DocActors) -> list[Actor]:
        """An actor inside a non-actor object: "signed a deal with Jordan", "sanctions on Iran"."""
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in self.words["object_target_preps"]:
                found = expand_actors(_pobjs(child), actors)
                if found:
                    return found
        return []

    def _noun_arguments(self, noun: Token, actors: DocActors) -> tuple[list[Actor], list[Actor]]:
        """"talks between A and B", "an attack by A on B", "A's visit to B"."""
        sources: list[Actor] = []
        targets: list[Actor] = []
        between: list[Actor] = []
        undergoers: list[Actor] = []
        owners_undergoing: list[Actor] = []
        for child in noun.children:  # a venue ("the Geneva talks") names no actor: see venue_tokens
            if child.dep_ == "poss" and self._possessor_undergoes(noun):
                owners_undergoing = expand_actors([child], actors)  # "their release": they were released
            elif child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and expand_actors([child], actors)):
                sources += expand_actors([child], actors)  # "Russian and Chinese criticism": both criticise
            elif child.dep_ == "agent" and child.pos_ in ("NOUN", "PROPN"):  # "подавление Сербией"
                sources += expand_actors([child], actors)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                sources += expand_actors(_pobjs(child), actors)
                if child.lower_ == "by":  # "the arrest of X by Y": X undergoes what Y does
                    undergoers = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                                  for a in expand_actors(_pobjs(c), actors)]
            elif child.dep_ == "prep" and child.lower_ == "between":
                between += expand_actors(_pobjs(child), actors)
            elif child.dep_ == "prep" and child.lower_ in self.words["target_preps"]:
                targets += expand_actors(_pobjs(child), actors)
        genitive = expand_actors([c for c in noun.children if c.dep_ == "nmod" and c.i > noun.i
                            and "Gen" in c.morph.get("Case")], actors)
        if genitive and not sources and not between:  # the Russian genitive: "встреча министров России и
            pattern = self.patterns.best(noun)  # Китая" (its parties), "нападение боевиков на участок" (its doer)
            if pattern is not None and pattern.symmetric:
                between = genitive
            else:
                sources = genitive
        undergoer = self._undergoing_verb(noun)
        if undergoer is not None:  # "Israel faced criticism from Egypt": Egypt criticises Israel
            sources = sources or expand_actors([p for prep in undergoer.children if prep.dep_ == "prep"
                                          and prep.lower_ in ("from", "by") for p in _pobjs(prep)], actors)
            undergoing = expand_actors(subject_tokens(undergoer), actors)
            return unique_actors(sources), unique_actors(t for t in undergoing if all(t.code != s.code for s in sources))
        if not sources:  # "Russia held talks with ...", "Moscow and Washington are in agreement"
            verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
            if noun.dep_ in ("dobj", "attr", "pobj") and verb.pos_ in ("VERB", "AUX") and is_passive(verb):
                # "a man was set on fire by a protester": the agent acts, the subject undergoes it
                sources = expand_actors([p for a in verb.children if a.dep_ == "agent" for p in _agent_nouns(a)], actors)
                targets = targets or expand_actors(subject_tokens(verb), actors)
            elif noun.dep_ in ("dobj", "attr", "pobj") and verb.pos_ in ("VERB", "AUX"):
                sources = expand_actors(subject_tokens(verb), actors)
                targets = targets or self._prep_targets(verb, actors)  # "sent a message to Egypt"
                # "launched mediation between Colombia and Venezuela": the parser hangs it on the verb
                between = between or expand_actors([p for c in verb.children if c.dep_ == "prep" and c.lower_ == "between"
                                              for p in _pobjs(c)], actors)
        targets = targets or owners_undergoing or (undergoers if sources else []) or _reported_subjects(noun, actors)
        if not targets and noun.dep_ == "dobj":  # "reiterated its demand that Israel ease ...": the
            targets = _reported_subjects(noun.head, actors)  # parser hangs the clause on the verb
        if sources and between:  # "Kuwait launched a mediation effort between Qatar and Saudi Arabia"
            targets = targets or between
        else:  # "talks between Russia and Ukraine"
            sources = sources or between
        return unique_actors(sources), unique_actors(t for t in targets if all(t.code != s.code for s in sources))

    def _possessor_undergoes(self, noun: Token) -> bool:
        """"Their release", "his arrest": the owner of an act done to someone, with no "of" phrase
        naming who underwent it, underwent it (modality.json patient_nouns)."""
        return (noun.lemma_.lower() in self.words.get("patient_nouns", ())
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children))

    def _undergoing_verb(self, noun: Token) -> Token | None:
        """The verb whose subject undergoes the act its noun names, rather than doing it: "faced
        criticism", "drew condemnation", "came under attack" (modality.json undergoing_verbs and
        undergoing_preps)."""
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.words.get("undergoing_verbs", ()):
            return noun.head
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in self.words.get("undergoing_preps", ()) \
                and prep.head.pos_ in ("VERB", "AUX"):
            return prep.head
        return None

    def _event(self, trigger: Trigger, sent: Span, index: int, doc_id: str,
               source: Actor | None, target: Actor | None, group: int,
               reported_by: Actor | None = None) -> Event:
        info = lookup(trigger.code)
        token = trigger.token
        return Event(
            doc_id=doc_id, sentence_index=index, sentence=sent.text,
            sentence_span=(sent.start_char, sent.end_char),
            source=source, target=target, cameo=info.code, cameo_name=info.name,
            plover=info.plover, quad_class=info.quad_class, goldstein=info.goldstein,
            trigger_text=token.text, trigger_span=(token.idx, token.idx + len(token.text)),
            negated=trigger.negated, modality=trigger.modality,
            confidence=confidence(trigger, sent, source, target, reported_by, background=background(
                token, self.words, self._event_noun) or condition(token, self.words)),
            group=group, reported_by=reported_by, pattern=_pattern_name(trigger.pattern.origin),
        )


def _placed_roles(events: list[Event], forces) -> None:
    """A role with no country ("officers had earlier threatened ...") is of the country an earlier
    event placed a role of its kind in ("police besieged the Hong Kong campus" -> HKGCOP), within
    REFERENCE_SENTENCES sentences: the actor stage knew no main country, the event's place did.
    A state's police and army are of one kind (`forces`): "officers" may be either."""
    placed: dict[str, tuple[int, str]] = {}  # kind -> (sentence, country) of its latest placed role
    for event in events:
        for side in ("source", "target"):
            actor = getattr(event, side)
            if actor is None or not actor.sector:
                continue
            kind = "forces" if actor.sector in forces else actor.sector
            if actor.country:
                placed[kind] = (event.sentence_index, actor.country)
            elif actor.code == actor.sector and kind in placed \
                    and event.sentence_index - placed[kind][0] <= REFERENCE_SENTENCES:
                country = placed[kind][1]
                setattr(event, side, replace(actor, code=country + actor.sector, country=country))


def _pattern_name(origin: str) -> str:
    """`/.../patterns.jsonl:12` -> `patterns.jsonl:12`: the file and line that coded an event."""
    return origin.replace("\\", "/").rsplit("/", 1)[-1]


# -- dependency helpers -----------------------------------------------------------------------------

def _game_result(token: Token) -> bool:
    """A name the verb takes as object followed by a score ("beat Gibraltar 6-0", "thrashed
    Southampton 9-0") is a team; "killed 20-30 people" counts people, who follow their number."""
    doc = token.doc
    for obj in objects(token):
        if obj.pos_ == "PROPN" and obj.i + 3 < len(doc) and doc[obj.i + 1].like_num \
                and doc[obj.i + 2].text in ("-", "–") and doc[obj.i + 3].like_num:
            return True
    return False


def _inside_name(token: Token) -> bool:
    """A capitalised word between two others of one name the parser found ("Volatiles Investigating
    Polar Exploration Rover") is part of the name, unless the whole sentence is capitalised (a
    headline: "NASA Picks SpaceX to Join Lander Project")."""
    sent = token.sent
    if token.ent_iob_ != "I" or not token.is_title or token.i + 1 >= sent.end:
        return False
    if token.doc[token.i + 1].ent_iob_ != "I":
        return False
    words = [t for t in sent if t.is_alpha and t.i > sent.start]
    return sum(t.is_title for t in words) * 2 < len(words)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _governing_trigger(token: Token, found: dict[int, Trigger], appeal_roots: list[str]) -> Trigger | None:
    """The trigger whose clause embeds this one ("agreed to meet": agree governs meet), or the
    appeal whose object it is ("called for sanctions", "demanded an inquiry")."""
    if token.dep_ in ("xcomp", "pcomp") and token.head.i in found:
        return found[token.head.i]
    head = found.get(token.head.i)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.dep_ == "prep":
        appeal = found.get(token.head.head.i)
        if (appeal is not None and appeal.code[:2] in appeal_roots and appeal.pattern.prep == token.head.lower_
                and token.head.head.i != token.head.i):
            return appeal
    if (token.dep_ == "dobj" and head is not None and head.code[:2] in appeal_roots
            and token.pos_ in ("NOUN", "PROPN")):
        return head
    if (token.dep_ == "dobj" and head is not None and head.pattern.dobj and token.i in found
            and found[token.i].pattern.specificity > 0):
        return head  # "launched cyber warfare": the light verb takes the noun's specific code
    return None


def _clause_object(token: Token) -> bool:
    """What the verb takes is a finite clause ("recognized that they erred"), not a noun phrase (nor
    a bare infinitive: "help Haiti cope")."""
    return (any(c.dep_ == "ccomp" and (c.tag_ in ("VBD", "VBZ", "VBP") or any(
                m.dep_ in ("mark", "aux") and m.tag_ in ("IN", "MD", "VBD", "VBZ", "VBP") for m in c.children))
                for c in token.children)
            and not any(c.dep_ in ("dobj", "dative") for c in token.children))


def _own_clause(token: Token, main: Token) -> bool:
    """A verb coordinated with the main one that has a subject of its own."""
    return (token.dep_ == "conj" and token.head.i == main.i
            and any(c.dep_ in SUBJECT_DEPS + ("nsubjpass",) for c in token.children))


def _possessors(obj: Token, actors: DocActors) -> list[Actor]:
    """Whose the object is, named before it ("ratified Finland's accession to NATO": Finland, not
    NATO); a possessive pronoun is the subject's own (`_own`)."""
    return expand_actors([c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"], actors)


def _reported_subjects(noun: Token, actors: DocActors) -> list[Actor]:
    """The subject of the clause a noun reports: "its demand that Israel withdraw", "a call for
    Japan to apologize"."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "advcl") and any(m.dep_ == "mark" and m.lower_ in ("that", "for")
                                                          for m in child.children):
            return expand_actors([c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")], actors)
    return []


class _Without:
    """The parties of an event less the tokens of one phrase (one that named the speaker)."""

    def __init__(self, actors: DocActors, excluded: set[int]):
        self.actors, self.excluded = actors, excluded

    def actors_of(self, token: Token) -> list[Actor]:
        return [] if token.i in self.excluded else self.actors.actors_of(token)

    def __getattr__(self, name: str):
        return getattr(self.actors, name)


def _noun_agents(noun: Token) -> list[Token]:
    """Who does what a noun names where a case marks it (Russian instrumental: "подавление Сербией";
    parse_ru labels it agent)."""
    return [c for c in noun.children if c.dep_ == "agent" and c.pos_ in ("NOUN", "PROPN") and c.i > noun.i]


def _purpose(clause: Token) -> bool:
    """A clause of purpose: "to disperse" (English), an infinitive ("чтобы разогнать")."""
    return to_infinitive(clause) or (
        clause.pos_ == "VERB" and clause.morph.get("VerbForm") == ["Inf"])


def _unique_dyads(dyads) -> list[tuple]:
    kept = []
    for dyad in dyads:
        if dyad not in kept:
            kept.append(dyad)
    return kept


def _first_actor(tokens, actors: DocActors) -> list[Actor]:
    for token in tokens:  # a possessive pronoun too: "investigate the circumstances of his death"
        if (token.pos_ in ("PROPN", "NOUN", "ADJ") or token.dep_ == "poss") and token.dep_ not in ("relcl",):
            found = actors.actors_of(token)
            if found:
                return found
    return []


def _nominal_subtree(noun: Token) -> list[Token]:
    """A noun phrase's tokens, without the clauses inside it ("for playing in Lagos")."""
    found = [noun]
    for child in noun.children:
        if child.pos_ not in ("VERB", "AUX") and child.dep_ not in ("pcomp", "acl", "relcl", "advcl", "ccomp"):
            found += _nominal_subtree(child)
    return sorted(found, key=lambda t: t.i)


def _event_words(trigger: Trigger) -> set[int]:
    """The trigger, the verb it embeds or yields to, and their objects ("held talks in Tokyo"): the
    words whose locative phrase says where this event happened."""
    verbs = [trigger.token] + ([trigger.governor] if trigger.governor is not None else [])
    return {t.i for v in verbs for t in (v, *objects(v))}


def _phrase_objects(prep: Token | None) -> list[Token]:
    """Objects of a preposition, through a second one ("out of Syria", "away from the border")."""
    found = _pobjs(prep)
    if prep is not None and not found:
        found = [p for inner in prep.children if inner.dep_ == "prep" for p in _pobjs(inner)]
    return found


def _agent_nouns(agent: Token) -> list[Token]:
    """The passive's agent: the object of "by", or the agent noun itself where a case marks it
    (Russian instrumental: "арестован полицией")."""
    if agent.pos_ in ("NOUN", "PROPN", "PRON"):
        return [agent]
    return [p for p in agent.children if p.dep_ == "pobj"]


def _own(obj: Token) -> bool:
    """An object the subject owns: "its troops", "their ambassador"."""
    return any(c.dep_ == "poss" and (c.lower_ in _POSSESSIVE_PRONOUNS or c.norm_ in _POSSESSIVE_PRONOUNS)
               for c in obj.children)


def _modifier_owners(noun: Token, actors: DocActors) -> list[Actor]:
    """Actors among a noun's left modifiers ("Israeli army bulldozers", "the US-led war")."""
    found = [a for m in noun.lefts if m.dep_ in _OWNER_DEPS
             for a in actors.actors_of(m) or [a for c in m.children if c.dep_ in ("npadvmod", "compound")
                                              for a in actors.actors_of(c)]]
    return unique_actors(found)


def _dyads(sources: list[Actor], targets: list[Actor], symmetric: bool, most: int = _MOST_DYADS):
    """Each source with each target; "A and B agreed" with no target gives A-B and B-A. Long lists
    ("ministers of fifteen states met") would give hundreds of dyads: past `most`, every actor
    appears once (each source with the first target, each target with the first source; each party
    of a many-sided meeting alone)."""
    if targets:
        pairs = [(s, t) for s in sources or [None] for t in targets if s is None or s.code != t.code]
        if len(pairs) <= most:
            return pairs
        first_source, first_target = (sources or [None])[0], targets[0]
        return _unique_pairs([(s, first_target) for s in sources or [None]]
                             + [(first_source, t) for t in targets[1:]])
    parties = len({s.code for s in sources})
    if symmetric and 1 < parties and parties * (parties - 1) <= most:
        return [(s, t) for s in sources for t in sources if s is not t and s.code != t.code]
    return [(s, None) for s in sources] or [(None, None)]


def _unique_pairs(pairs: list[tuple]) -> list[tuple]:
    seen: dict[tuple, tuple] = {}
    for s, t in pairs:
        key = (s.code if s else None, t.code if t else None)
        if s is None or t is None or key[0] != key[1]:
            seen.setdefault(key, (s, t))
    return list(seen.values())
