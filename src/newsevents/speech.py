"""Reported speech for the events stage: the word that reports an event ("X said Y attacked Z",
"..., X said", "according to X") and its speaker (`reported_by`), opinions that report no event
("analysts say"), the speaker's own statement beside what it reports, quotations whose speaker
another sentence names, and the verb dictionary's transformations (a claim that another attacked
is an accusation). A mixin of `events.EventCoder`: it reads the coder's `words` and `verbs`."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.actors import DocActors
from newsevents.clauses import SUBJECT_DEPS, Trigger, expand_actors, subject_tokens, unique_actors
from newsevents.coreference import quoted as _quoted
from newsevents.patterns import Pattern
from newsevents.records import Actor
from newsevents.reports import contrast_clause, quote_attributions, reported_by


class ReportedSpeech:
    """Who reports what: the methods of `EventCoder` on reported speech."""

    def _reporter(self, token: Token) -> Token | None:
        """The word that reports the clause of `token`: the speech verb whose complement it is
        ("Putin said China attacked Japan", "China attacked Japan, Putin said"), a speech verb
        beside it ("..., he said" as parataxis), or "according to X" (then the preposition)."""
        speech = self.words["speech_verbs"]
        while True:
            for child in token.children:
                if child.dep_ == "parataxis" and child.lemma_.lower() in speech:
                    return child
                if child.dep_ == "prep" and child.lower_ == "according":
                    return child
            if token.head.i == token.i:
                return None
            if token.dep_ == "ccomp" and token.head.lemma_.lower() in speech:
                return token.head
            if token.dep_ in ("relcl", "acl", "appos") or contrast_clause(token, self.words):
                return None  # a clause inside a noun phrase, or set beside the said one, is not what was said
            token = token.head

    def _reporter_words(self, reporter: Token) -> list[Token]:
        if reporter.lower_ == "according":
            return [p for to in reporter.children for p in to.children if p.dep_ == "pobj"]
        return subject_tokens(reporter)

    def _opinion(self, trigger: Trigger, actors: DocActors) -> bool:
        """Reported by opinion ("analysts say", "experts believe", "according to observers"): what
        they report is no event. Their own statement stands only where they are placed ("a
        Washington-based trade expert said": USACVL 010)."""
        sources = self.words["opinion_sources"]
        reporter = self._reporter(trigger.token)
        if reporter is not None and any(w.lemma_.lower() in sources for w in self._reporter_words(reporter)):
            return True
        if trigger.code not in self.words["plain_statement_codes"]:
            return False
        subjects = subject_tokens(trigger.token)
        return (any(w.lemma_.lower() in sources for w in subjects)
                and not any(a.country for a in expand_actors(subjects, actors)))

    def _own_statements(self, kept: list[tuple], coded: list[tuple]) -> list[tuple]:
        """The speaker's own statement beside the event it reports, where the statement is an
        event itself: a speech act of its own ("prosecutors alleged that ...": not a plain 010),
        or the word of a speaker whose finding is news (modality.json finding_speakers: "Amnesty
        said police killed ..."). "Erdogan said Greece attacked ..." stays Greece's attack alone,
        and a speaker telling of its own act ("the judge opened an inquiry, the court said") adds
        nothing."""
        plain, finders = self.words["plain_statement_codes"], self.words["finding_speakers"]
        extra: list[tuple] = []
        for trigger, dyads in kept:
            reporter = self._reporter(trigger.token)
            actors_of_event = {s.code for s, _ in dyads if s is not None}
            for statement in coded:
                if statement in kept or statement in extra or not (
                        (reporter is not None and statement[0].token.i == reporter.i)
                        or reported_by(trigger.token, statement[0].token)):
                    continue
                if {s.code for s, _ in statement[1] if s is not None} <= actors_of_event:
                    continue
                if statement[0].code not in plain or any(
                        source is not None and (source.code[:3] in finders or source.sector in finders)
                        for source, _ in statement[1]):
                    extra.append(statement)
        return extra

    def _embedded_transformation(self, token: Token, code: str) -> str | None:
        """The code a transformation of the verb dictionary gives an event embedded with no subject
        of its own by the verb that governs it ("~ a (_ b ASSASSINATE) ATTEMPT = a b 185")."""
        if self.verbs is None or token.dep_ != "xcomp" or any(c.dep_ in SUBJECT_DEPS for c in token.children):
            return None
        found = self.verbs.transform(token.head.lemma_.lower(), code, "_", set(self.words.get("skipped_transformations", ())))
        return None if found is None or found[0].code == "Q" else found[1]

    def _transformed(self, kept: list[tuple], coded: list[tuple], actors: DocActors) -> list[tuple]:
        """`kept` with the speaker's own event first where a transformation of the verb dictionary
        says a report is one (CAMEO.2.0.txt, TRANSFORMATIONS): "Syria claimed Israel attacked the
        convoy" is also Syria's accusation of Israel (112, "~ a (b . ATTACK) CLAIM = a b 112"), "the
        group said it attacked the convoy" its claim of responsibility (015; the speaker's own
        forces are its own). Only a speaker who opens the report: "..., police said" after it
        attributes the news and makes no act of its own. The reported event stays as it is; the
        speaker's plain statement ("said", 010) gives way to the event the rule makes."""
        if self.verbs is None or not self.verbs.transformations:
            return kept
        plain = self.words["plain_statement_codes"]
        skipped = set(self.words.get("skipped_transformations", ()))
        made: dict[int, tuple[Trigger, list]] = {}
        for trigger, dyads in kept:
            if trigger.negated or trigger.modality != "asserted" or trigger.code[:2] in self.words["statement_roots"]:
                continue
            reporter = self._reporter(trigger.token)
            if reporter is None or reporter.lower_ == "according" or reporter.i in made or reporter.i > trigger.token.i:
                continue  # "..., police said" after the report attributes it: no act of the speaker's own
            if any(t.token.i == reporter.i and t.code not in plain for t, _ in kept):
                continue  # the report is an event of its own already ("prosecutors alleged that ...")
            statement = next((d for t, d in coded if t.token.i == reporter.i), None)
            speakers = [s for s, _ in statement or [] if s is not None] or expand_actors(self._reporter_words(reporter), actors)
            pairs: list[tuple] = []
            rules = set()
            for speaker in unique_actors(speakers):
                for source, target in dyads:
                    if source is None:
                        continue
                    own = "a" if source.code == speaker.code or (source.country and source.country == speaker.country) else "b"
                    found = self.verbs.transform(reporter.lemma_.lower(), trigger.code, own, skipped)
                    if found is None or found[0].code == "Q":
                        continue  # "Q": the speaker's own act, coded already
                    rule, code = found
                    roles = {"a": speaker, "b": source if own == "b" else target}
                    pair = (roles[rule.source], roles[rule.target])
                    if pair[0] is not None and pair not in pairs and (pair[1] is None or pair[0].code != pair[1].code):
                        pairs.append(pair)
                        rules.add((rule.line, code))
            if pairs:
                line, code = min(rules)
                pattern = Pattern(lemmas=(reporter.lemma_.lower(),), code=code, origin=f"{self.verbs.path}:{line}")
                made[reporter.i] = (Trigger(reporter, pattern, code, governor=trigger.token), pairs)
        if not made:
            return kept
        # what the speaker says it did or what it accuses another of is the sentence's main event
        # ("the Taliban claimed that they attacked ...": 015 first, then the attack)
        return list(made.values()) + [(t, d) for t, d in kept if not (t.token.i in made and t.code in plain)]

    def _quoted_speaker(self, token: Token, actors: DocActors) -> list[Actor]:
        """Who says the quotation `token` is in ("“We ...,” the doctors wrote": the doctors); for a
        quotation with no speaker in its sentence, the speaker named where it closes or just before
        it (`_continued_speaker`)."""
        reporter = self._reporter(token)
        if reporter is None:
            return self._continued_speaker(token.sent, actors)
        if reporter.lower_ == "according":
            return []
        return expand_actors(self._reporter_words(reporter), actors)

    def _continued_speaker(self, sent: Span, actors: DocActors) -> list[Actor]:
        """The speaker of a quotation its own sentence does not attribute (reports.quote_attributions)."""
        for sentence in quote_attributions(sent):
            found = self._attribution(sentence, actors)
            if found:
                return found
        return []

    def _attribution(self, sent: Span, actors: DocActors) -> list[Actor]:
        """The speaker a sentence names outside its quotations ("..., Volker said")."""
        for token in sent:
            if token.lemma_.lower() in self.words["speech_verbs"] and not _quoted(token):
                found = expand_actors([c for c in token.children if c.dep_ == "nsubj" and not _quoted(c)], actors)
                if found:
                    return found
        return []

    def _addressees(self, trigger: Trigger, sources: list[Actor], actors: DocActors) -> list[Actor]:
        """Whom a speaker tells of its own side's intent, offer or warning ("Pezeshkian told his French
        counterpart that Tehran was ready to resume talks": FRAGOV) when the act names no party of its
        own: the object of the verb that reports it (modality.json addressed_roots)."""
        reporter = self._reporter(trigger.token)
        if reporter is None or reporter.lower_ == "according" or trigger.code[:2] not in self.words.get("addressed_roots", ()):
            return []
        speakers = {a.country for a in expand_actors(self._reporter_words(reporter), actors)}
        if not sources or not all(s.country and s.country in speakers for s in sources):
            return []
        told = expand_actors([c for c in reporter.children if c.dep_ in ("dobj", "dative", "iobj")], actors)
        return [a for a in told if a.sector not in self.words.get("audience_sectors", ())]  # not "told reporters"

    def _speaker(self, trigger: Trigger, actors: DocActors) -> Actor | None:
        """Who reported the event ("X said Y attacked Z": X), for the record's `reported_by`."""
        if trigger.code in self.words["plain_statement_codes"]:
            return None  # the statement is the speaker's own event
        reporter = self._reporter(trigger.token)
        if reporter is None:
            return None
        found = expand_actors(self._reporter_words(reporter), actors)
        return found[0] if found else None
