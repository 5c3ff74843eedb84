"""Reported speech: "X said Y did Z" codes Y -> Z with X as `reported_by`; a bare statement (010)
only where nothing codable is reported; opinion with no actor behind it ("analysts say") codes
nothing from what it reports. Sentences written for these tests."""

import pytest

import newsevents.pipeline


@pytest.fixture(scope="module")
def coder():
    return newsevents.pipeline.Coder()


def events(coder, sentence):
    return coder.code_text(sentence, date="2019-06-01")


def dyads(coder, sentence):
    """Every event of the sentence as {(source code, target code, cameo)}."""
    return {(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
            for e in events(coder, sentence)}


def reporters(coder, sentence):
    return {e.reported_by.code if e.reported_by else None for e in events(coder, sentence)}


@pytest.mark.parametrize("sentence, expected, reporter", [
    ("Erdogan said Greece had attacked Turkish fishing boats.", {("GRC", "TUR", "190")}, "TURGOV"),
    ("Greece attacked Turkish fishing boats, Erdogan said.", {("GRC", "TUR", "190")}, "TURGOV"),
    ("Erdogan told a rally that Greece had attacked Turkish fishing boats.", {("GRC", "TUR", "190")},
     "TURGOV"),
    ("According to Erdogan, Greece attacked Turkish fishing boats.", {("GRC", "TUR", "190")}, "TURGOV"),
])
def test_the_reported_event_is_the_event_and_the_speaker_reports_it(coder, sentence, expected, reporter):
    assert dyads(coder, sentence) == expected
    assert reporters(coder, sentence) == {reporter}


def test_reported_by_is_in_the_record(coder):
    [event] = events(coder, "Erdogan said Greece had attacked Turkish fishing boats.")
    record = event.to_dict()
    assert record["reported_by"]["code"] == "TURGOV" and record["reported_by"]["text"] == "Erdogan"
    assert record["source"]["code"] == "GRC"


def test_a_direct_event_has_no_reporter(coder):
    [event] = events(coder, "Greece attacked Turkish fishing boats.")
    assert event.reported_by is None and event.to_dict()["reported_by"] is None


def test_a_named_speaker_with_nothing_codable_reported_makes_a_statement(coder):
    sentence = "Erdogan said the harvest had been good this year."
    assert dyads(coder, sentence) == {("TURGOV", None, "010")}
    assert reporters(coder, sentence) == {None}  # the statement is the speaker's own event


@pytest.mark.parametrize("sentence", [
    "Analysts say Greece will attack Turkey.",
    "Greece will attack Turkey, analysts say.",
    "Experts believe that Greece will attack Turkey.",
    "Observers said Greek boats had attacked Turkish fishermen.",
    "Critics argue that Athens has threatened Ankara.",
    "According to analysts, Greece will attack Turkey.",
])
def test_opinion_with_no_actor_codes_nothing(coder, sentence):
    assert dyads(coder, sentence) == set()


def test_a_placed_expert_still_makes_a_statement(coder):
    sentence = "A Brussels-based energy expert said the winter would be hard."
    assert dyads(coder, sentence) == {("BELCVL", None, "010")}


def test_a_title_and_nationality_place_the_speaker(coder):
    sentence = "Peruvian Ombudsman Walter Gutierrez said police had arrested dozens of farmers."
    assert dyads(coder, sentence) == {("PERCOP", "PERAGR", "173")}
    assert reporters(coder, sentence) == {"PERGOV"}
    assert dyads(coder, "Peruvian Ombudsman Walter Gutierrez said the harvest had been good.") == {
        ("PERGOV", None, "010")}
