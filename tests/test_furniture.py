"""Tests of furniture.codable: the coder skips captions, headline fragments and page residue."""
from __future__ import annotations

import pytest

from newsevents.furniture import codable, has_finite_verb
from newsevents.parse import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def first_sentence(nlp, text: str):
    return next(iter(nlp(text).sents))


@pytest.mark.parametrize("text", [
    "Demonstrators outside the parliament building in Lisbon on Tuesday",  # caption, no verb
    "A general view of the harbour after the storm",
    "Tell your friends about this story!",  # imperative prompt: no finite verb
])
def test_fragments_without_finite_verb_are_not_codable(nlp, text):
    sent = first_sentence(nlp, text)
    assert has_finite_verb(sent) is False
    assert codable(sent) is False


@pytest.mark.parametrize("text", [
    "Also on example.com Farmers in the north threatened with eviction by the army",
    "Read more: Senate rejects the new budget plan",
    "Related: Navy seizes a tanker in the gulf",
    "By Maria Lopez, Reuters",
    "Reporting by Anna Berg; Editing by Tom Fields",
    "Follow us on Twitter for the latest updates.",
    "Sign up for our daily newsletter to get the news first.",
])
def test_page_furniture_is_not_codable(nlp, text):
    assert codable(nlp(text)[:]) is False


@pytest.mark.parametrize("text", [
    "Brazil recalls its ambassador from Caracas",  # headline with a finite verb
    "Merkel meets Macron in Paris",
    "The two countries share a long border and agreed to reopen it on Monday.",
    "Related to the talks, the minister said both sides would meet again in March.",
    "By Friday, the rebels had withdrawn from the town.",
    "The president was accused by the opposition of rigging the vote.",
])
def test_sentences_with_a_finite_verb_are_codable(nlp, text):
    sent = first_sentence(nlp, text)
    assert has_finite_verb(sent) is True
    assert codable(sent) is True


def test_headline_with_finite_verb_is_coded(coder):
    events = coder.code_text("Brazil recalls its ambassador from Venezuela", "2020-01-10")
    assert [(e.source.country, e.target.country) for e in events] == [("BRA", "VEN")]


def test_caption_gives_no_event_but_its_article_sentence_does(coder):
    text = ("Police officers and protesters in Santiago on Monday\n\n"
            "Chilean police arrested dozens of protesters in Santiago on Monday.")
    events = coder.code_text(text, "2020-01-10")
    assert events and all(e.sentence.startswith("Chilean police arrested") for e in events)


def _parsed(nlp, words, tags, pos, heads, deps):
    """A hand-built parse with the tagger's mistakes the rule is for (the model's own parse varies)."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps, sent_starts=[True] + [False] *
               (len(words) - 1))[:]


def test_a_verb_tagged_as_a_participle_after_the_root_noun_keeps_the_sentence(nlp):
    # "The air force carried out strikes ." with "carried" read as a participle modifying "force"
    words = ["The", "air", "force", "carried", "out", "strikes", "."]
    sent = _parsed(nlp, words, ["DT", "NN", "NN", "VBN", "RP", "NNS", "."],
                   ["DET", "NOUN", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
                   [2, 2, 2, 2, 3, 3, 2], ["det", "compound", "ROOT", "acl", "prt", "dobj", "punct"])
    assert has_finite_verb(sent)


def test_a_verb_tagged_as_a_noun_with_subject_and_particle_keeps_the_sentence(nlp):
    # "Donors hand over supplies" with "hand" read as the root noun
    sent = _parsed(nlp, ["Donors", "hand", "over", "supplies"], ["NNS", "NN", "RP", "NNS"],
                   ["NOUN", "NOUN", "ADP", "NOUN"], [1, 1, 1, 1], ["nsubj", "ROOT", "prt", "dobj"])
    assert has_finite_verb(sent)


def test_a_captions_participle_is_still_no_verb(nlp):
    # "A man wounded in the attack" : a participle with neither particle nor object, short, no full stop
    sent = _parsed(nlp, ["A", "man", "wounded", "in", "the", "attack"], ["DT", "NN", "VBN", "IN", "DT", "NN"],
                   ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN"], [1, 1, 1, 2, 5, 3],
                   ["det", "ROOT", "acl", "prep", "det", "pobj"])
    assert not has_finite_verb(sent)


# -- datelines (issue 14): the lead starts a sentence of its own -------------------------------------

@pytest.mark.parametrize("text, dateline", [
    ("MOSCOW (Reuters) - Russia said on Friday.", "MOSCOW (Reuters) - "),
    ("KYIV, Ukraine (AP) — Ukraine's president spoke on Monday.", "KYIV, Ukraine (AP) — "),
    ("WASHINGTON, Aug 9 -- The US said.", "WASHINGTON, Aug 9 -- "),
    ("Sacramento – Nurses rallied.", "Sacramento – "),
    ("(Reuters) — The attorney general is investigating the firm.", "(Reuters) — "),
    ("(CNN) President Ana Rojas made a trip.", "(CNN) "),
    ("November 20, 2019 - 11:28 AMT ExampleNews.Net - Video footage shows the police.",
     "November 20, 2019 - 11:28 AMT ExampleNews.Net - "),
])
def test_dateline_shapes(text, dateline):
    from newsevents.datelines import dateline_spans

    assert [text[s:e] for s, e in dateline_spans(text)] == [dateline]


@pytest.mark.parametrize("text", [
    "Pelosi – a Democrat – said the vote would come on Friday.",  # a name, not a place
    "Russia, US want Syria talks 'as soon as possible': Lavrov",
])
def test_no_dateline(text):
    from newsevents.datelines import dateline_spans

    assert dateline_spans(text) == []


def test_the_lead_after_a_dateline_is_its_own_sentence(nlp):
    sentences = list(nlp("Sacramento – Hundreds of nurses in white scrubs marched on the Capitol.").sents)
    assert [s.text for s in sentences] == ["Sacramento –", "Hundreds of nurses in white scrubs marched on the Capitol."]
    assert codable(sentences[0]) is False
