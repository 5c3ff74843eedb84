"""What a sentence reports, and how: the clauses that are its background, questions, quotations that
run over several sentences, and what one party wants another to do. Helpers of `newsevents.events`
on the spaCy parse (issue 14: whole pages, where these are what a page is made of besides its news).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.clauses import nominal_predicate, noun_owners
from newsevents.modality import INTENT_NOUNS, to_infinitive

QUOTE_MARKS = {"“", '"', "‘", "«"}
QUOTE_SENTENCES = 4  # a quotation is followed over at most this many sentences to where it closes
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")  # what a relative clause or a participle can describe


def background(token: Token, words: dict, names_act=lambda noun: False) -> bool:
    """The word is background to its sentence: inside a relative clause ("X, whose troops killed ...,
    said") or an infinitive describing a noun ("a duty to ensure", "efforts to end"), or an act named
    in a phrase of time ("after legal consultation", "during the talks"). Not background: a relative
    clause inside what a speaker reports ("footage reveals killings by forces, which used force to
    crush protests, said Amnesty"), a participle describing a noun ("Palestinians wounded by Israeli
    gunfire": in wire sentences the news itself), an infinitive after a noun that names the act
    (`names_act`: an event noun, "an agreement to exchange prisoners") or has an owner ("Moscow's
    decision to give")."""
    if token.dep_ == "pobj" and token.head.lower_ in words.get("time_preps", ()):
        return True  # the language's prepositions of time (modality.json time_preps)
    for clause in (token, *token.ancestors):
        if clause.pos_ in ("VERB", "AUX") and nominal_predicate(clause) is not None:
            return False  # the sentence's own verb the parser hung inside a parenthetical
        if clause.dep_ == "ccomp" and parenthetical_participle(clause.head):
            return True  # "physicians, alarmed that the administration is denying ..., are urging"
        if clause.dep_ in ("relcl", "acl") and clause.pos_ in ("VERB", "AUX") and clause.head.pos_ in NOMINAL:
            if clause.dep_ == "acl" and clause.head.lemma_.lower() in INTENT_NOUNS:
                return False  # "announced its intention to cut ties": the act intended (modality.intended)
            if to_infinitive(clause):
                # "a duty to ensure", "efforts to end": what may, must or is meant to be done, no act;
                # "an agreement to exchange prisoners", "Moscow's decision to give" name the act itself
                noun = clause.head
                return not (names_act(noun) or noun_owners(noun, clause))
            if clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBG"):
                return False  # "Palestinians wounded by Israeli gunfire", "troops firing on protesters": the news
            return not any(a.dep_ == "ccomp" and a.head.lemma_.lower() in words["speech_verbs"]
                                         for a in clause.ancestors)
    return False


def parenthetical_participle(verb: Token) -> bool:
    """A participle set off by commas after the subject that the parser made the sentence's root
    ("A group of physicians, alarmed that ..., is urging DHS ..."): the verb coordinated with it that
    has an auxiliary of its own and no subject is the sentence's predicate, what the participle takes
    its background."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBN") or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children):
        return False
    return any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
               and any(a.dep_ == "aux" and a.tag_ in ("VBZ", "VBP", "VBD") for a in c.children) for c in verb.children)


def questioned(token: Token) -> bool:
    """In a question: the first sentence-ending mark after the word, in its sentence, is a question
    mark ("Will Russia attack Ukraine again?" the paper asked: the attack, not the asking)."""
    for following in token.doc[token.i + 1:token.sent.end]:
        if following.text in (".", "!", "?"):
            return following.text == "?"
    return False


def referred_statement(token: Token, words: dict) -> bool:
    """"less than what McKinley said", "What the minister said was false": a saying whose object is
    the free relative "what", inside another clause, names words said before as a thing; it
    reports no statement."""
    return token.dep_ != "ROOT" and token.lemma_.lower() in words["speech_verbs"] and any(
        c.dep_ == "dobj" and c.tag_ == "WP" for c in token.children)


def contrast_clause(token: Token, words: dict) -> bool:
    """"..., while the Arab League condemned the move": a clause with a subject of its own set
    after a comma beside the clause it hangs on (modality.json contrast_marks); the parser hangs it
    on the last verb before it, often inside what a speaker said, which it is not part of. Without
    the comma "while" tells when ("fired while protesters fled")."""
    if token.dep_ != "advcl" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False
    mark = next((c for c in token.children if c.dep_ == "mark"), None)
    return (mark is not None and mark.lower_ in words.get("contrast_marks", ())
            and mark.i > 0 and mark.doc[mark.i - 1].text == ",")


def contrasted(inner: Token, outer: Token, words: dict) -> bool:
    """`inner` heads a contrast clause hung, at any depth, under `outer`."""
    return contrast_clause(inner, words) and any(a.i == outer.i for a in inner.ancestors)


def reported_by(token: Token, speech: Token) -> bool:
    """`token` is inside the clause `speech` reports, at any depth, a relative clause of that
    clause included ("Footage reveals killings by forces, which used force to crush protests, said
    Amnesty": the crushing is Amnesty's finding too)."""
    return any(child.dep_ == "ccomp" and child.left_edge.i <= token.i <= child.right_edge.i
               for child in speech.children)


def closes_quote(token: Token) -> bool:
    return token.text in ("”", "»", "''") or (token.text == '"' and token.i > token.sent.start
                                              and not token.doc[token.i - 1].is_space and token.whitespace_ != "")


def wanted_clause(verb: Token) -> Token | None:
    """The clause of what a verb of wanting wants another party to do: one with a subject of its own
    ("wants China to stop", "hopes China will release"), or an infinitive after an object ("needs
    Turkey to keep refugees"); not "wants to stop", which is the wanter's own intent."""
    for clause in verb.children:
        if clause.dep_ in ("ccomp", "xcomp") and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return clause
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        for clause in verb.children:  # after the object: "To win the state, he would need ..." is his aim
            if clause.dep_ in ("xcomp", "advcl") and clause.i > objects[0].i and to_infinitive(clause):
                return clause
    return None


def wanted_parties(verb: Token, clause: Token) -> list[Token]:
    return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")] or [
        c for c in verb.children if c.dep_ == "dobj"]


def quote_attributions(sent: Span) -> list[Span]:
    """Where to look for the speaker of a sentence that opens a quotation and names no speaker: the
    sentence where the quotation closes ("“We should support Ukraine's democracy. These are the heart
    of what we should be doing,” Volker said"), else, for a sentence that is a quotation whole, the
    sentence before it when that one closes a quotation ("“We pray for ...,” said Grisham. “We thank
    the Afghan government ...”")."""
    doc = sent.doc
    if sent.text.lstrip()[:1] not in QUOTE_MARKS:
        return []
    following = sent
    for _ in range(QUOTE_SENTENCES):
        if any(closes_quote(t) for t in following[1:]):
            break
        if following.end >= len(doc):
            return []
        following = doc[following.end].sent
    else:
        return []
    found = [following] if following is not sent else []
    if sent.start > 0:
        before = doc[sent.start - 1].sent
        if any(closes_quote(t) for t in before):
            found.append(before)
    return found


def referred_act(trigger: Token, words: dict) -> Token | None:
    """The act a reaction is to, named by a definite noun with no actor in it ("condemned the move",
    "criticism over the decision", "rejected these accusations"): the noun, whose doer an earlier
    sentence named (modality.json act_nouns: move, decision, policy, ...; reaction_preps,
    definite_determiners)."""
    nouns = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    preps, definite = words.get("reaction_preps", ()), words.get("definite_determiners", ())
    nouns += [p for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in preps
              for p in prep.children if p.dep_ == "pobj"]
    for noun in nouns:
        if (noun.lemma_.lower() in (*words.get("act_nouns", ()), *words.get("said_act_nouns", ())) and noun.pos_ == "NOUN"
                and any(c.dep_ == "det" and c.lower_ in definite for c in noun.children)
                and not any(c.dep_ in ("relcl", "acl", "appos", "poss") for c in noun.children)):
            return noun  # "the agreement, which Israel signed", "Moscow's decision" say who did it here
    return None
