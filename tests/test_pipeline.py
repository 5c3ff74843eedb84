"""The stages chained: read -> clean -> parse -> actors -> events -> when/where."""
from __future__ import annotations

import json

import pytest

from newsevents.pipeline import Counts, Settings, process
from newsevents.records import CodedDocument, Reject

RECORD_FIELDS = {"event_id", "doc_id", "sentence_index", "sentence", "date", "date_basis", "source", "target",
                 "cameo", "cameo_name", "plover", "quad_class", "goldstein", "trigger", "negated", "modality",
                 "location", "confidence"}


def run(paths, coder, **settings):
    counts = Counts()
    items = list(process([str(p) for p in paths], Settings(**settings), counts, coder=coder))
    return items, counts


def coded(items) -> list[CodedDocument]:
    return [i for i in items if isinstance(i, CodedDocument)]


def test_sample_codes_the_russia_us_meeting_once_with_spans(coder, sample_path):
    items, counts = run([sample_path], coder, default_date="2013-08-10")
    [document] = coded(items)
    meetings = [e for e in document.events if e.trigger_text == "met"]
    assert {(e.source.country, e.target.country) for e in meetings} == {("RUS", "USA")}
    assert all(e.cameo.startswith("04") for e in meetings)
    # Lavrov and Shoigu met Kerry and Hagel: one RUSGOV -> USAGOV 040, once although the body comes
    # twice, with Shoigu and Hagel beside Lavrov and Kerry
    assert [(e.source.code, e.target.code, e.cameo) for e in meetings] == [("RUSGOV", "USAGOV", "040")]
    text = document.document.text
    [meeting] = meetings
    assert [text[slice(*a.span)] for a in (meeting.source, *meeting.source.also)] == [
        "Lavrov", "Russian Defense Minister Sergei Shoigu"]
    assert [a.name for a in (meeting.target, *meeting.target.also)] == ["John Kerry", "Chuck Hagel"]
    for event in meetings:
        start, end = event.trigger_span
        assert text[start:end] == "met"
        assert text[slice(*event.source.span)] == event.source.text
        assert event.sentence.startswith("Lavrov and Russian Defense Minister Sergei Shoigu met")
        assert event.date == "2013-08-09"  # "Friday" before the publication date
        assert event.date_basis == "relative"
        # no place in the sentence: the main clause two sentences before sets the scene
        assert (event.location.name, event.location.country) == ("Washington", "USA")
    assert counts.read == 1 and counts.coded == 1 and counts.rejected == 0


def test_sample_codes_its_five_central_events(coder, sample_path):
    items, _ = run([sample_path], coder, default_date="2013-08-10")
    [document] = coded(items)
    found = {(e.source.country if e.source else None, e.target.country if e.target else None, e.cameo)
             for e in document.events}
    assert {("RUS", "USA", "030"), ("USA", "RUS", "030")} <= found  # agreement on the need for talks
    assert ("RUS", "USA", "036") in found  # officials to meet again at the end of the month
    assert ("RUS", "USA", "040") in found  # the meeting on Friday
    assert ("RUS", "SYR", "033") in found  # Russia has sought to protect the Syrian regime ...
    assert ("RUS", None, "129") in found  # ... by blocking Western resolutions at the Security Council
    assert ("RUS", "USA", "075") in found  # Moscow's decision to give Snowden a haven
    keys = [(e.sentence_index, e.source and e.source.code, e.target and e.target.code, e.cameo) for e in document.events]
    assert len(keys) == len(set(keys))  # no event twice


def test_one_event_per_sentence_and_dyad_with_the_other_actors_listed(coder):
    events = coder.code_text("Germany and France condemned Iran and Syria, and Italy condemned Iran.",
                             date="2019-06-01")
    by_dyad = {(e.source.code, e.target.code, e.cameo): e for e in events}
    assert set(by_dyad) == {("DEU", "IRN", "111"), ("DEU", "SYR", "111"), ("FRA", "IRN", "111"),
                            ("FRA", "SYR", "111"), ("ITA", "IRN", "111")}
    assert all(not e.source.also and not e.target.also for e in events)  # each dyad of other countries


def test_actors_that_code_the_same_share_one_event(coder):
    text = "Chinese Foreign Minister Wang Yi and Chinese Premier Li Keqiang met Japanese officials."
    events = coder.code_text(text, date="2019-06-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("CHNGOV", "JPNGOV", "040")]
    [meeting] = events
    assert [text[slice(*a.span)] for a in (meeting.source, *meeting.source.also)] == [
        "Chinese Foreign Minister Wang Yi", "Chinese Premier Li Keqiang"]
    assert meeting.to_dict()["source"]["also"][0]["name"] == "Li Keqiang"


def test_one_trigger_gives_a_dyad_once_at_its_most_specific():
    from newsevents.pipeline import _one_event_per_dyad
    from newsevents.records import Actor, Event

    def event(source: Actor, target: Actor | None) -> Event:
        return Event("d", 0, "s", (0, 60), source, target, "111", "Criticize", None, 3, -2.0, "criticised", (30, 40))

    usa = Actor("Washington", "Washington", "USA", "USA", None, (0, 10))
    usagov = Actor("the US administration", "the US administration", "USAGOV", "USA", "GOV", (12, 28))
    iran = Actor("Iran", "Iran", "IRN", "IRN", None, (41, 45))
    iraq = Actor("Iraq", "Iraq", "IRQ", "IRQ", None, (50, 54))
    kept = _one_event_per_dyad([event(usa, iran), event(usagov, iran), event(usa, iraq)])
    assert [(e.source.code, e.target.code) for e in kept] == [("USAGOV", "IRN"), ("USA", "IRQ")]
    assert [a.span for a in kept[0].source.also] == [(0, 10)]


def test_the_same_event_told_twice_is_one_group(coder):
    text = ("Chile expels Peruvian diplomats\n\nChile expelled two Peruvian diplomats, the foreign ministry said. "
            "Peru condemned the decision.")
    events = coder.code_text(text, date="2019-06-04")
    records = [e.to_dict() for e in events]
    expelled = [r for r in records if r["cameo"] == "166"]
    assert {(r["source"]["code"], r["target"]["code"]) for r in expelled} == {("CHL", "PERGOV")}
    assert [r["sentence_index"] for r in expelled] == [0, 1]  # headline and lead: two mentions ...
    assert len({r["group_id"] for r in expelled}) == 1  # ... of one event
    assert len({r["event_id"] for r in expelled}) == 2
    others = {r["group_id"] for r in records} - {expelled[0]["group_id"]}
    assert others  # Peru's condemnation is another event


def test_sample_codes_nothing_from_buttons_navigation_or_widgets(coder, sample_path):
    items, _ = run([sample_path], coder, default_date="2013-08-10")
    [document] = coded(items)
    for event in document.events:
        assert "button" not in event.sentence
        assert "Exchange Rates" not in event.sentence
        assert "Dropper cell" not in event.sentence


def test_records_carry_every_field_of_the_product_record(coder, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": "Russia attacked Ukraine on Monday.", "date": "2022-02-28"}) + "\n")
    items, _ = run([path], coder)
    [document] = coded(items)
    [event] = document.events
    record = event.to_dict()
    assert RECORD_FIELDS <= set(record)
    assert (record["doc_id"], record["source"]["code"], record["target"]["code"]) == ("d1", "RUS", "UKR")
    assert record["cameo"].startswith("19") and record["plover"]["type"] == "ASSAULT"
    assert record["quad_class"] == 4 and record["goldstein"] < 0


def test_jsonl_lines_are_documents_with_their_ids(coder, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [{"id": "a", "text": "Iran and Russia signed an agreement on oil.", "date": "2020-01-02"},
             {"id": "b", "text": "Police arrested protesters in Paris.", "date": "2020-01-03"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    items, counts = run([path], coder)
    assert [d.document.id for d in coded(items)] == ["a", "b"]
    assert coded(items)[0].events[0].doc_id == "a"
    assert counts.coded == 2


def test_bad_inputs_are_rejected_and_the_batch_goes_on(coder, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Israel attacked Hamas in Gaza on Tuesday.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    items, counts = run([empty, binary, missing, good], coder)
    rejects = {r.origin: r.reason for r in items if isinstance(r, Reject)}
    assert set(rejects) == {str(empty), str(binary), str(missing)}
    assert "empty" in rejects[str(empty)]
    assert "binary" in rejects[str(binary)]
    assert "no such file" in rejects[str(missing)].lower()
    assert [d.document.id for d in coded(items)] == ["good"]
    assert counts.read == 4 and counts.rejected == 3 and counts.coded == 1


def test_documents_in_other_languages_are_kept_and_counted_as_skipped(coder, tmp_path):
    path = tmp_path / "de.jsonl"
    text = ("Die Bundesregierung hat am Montag in Berlin neue Gespräche mit Frankreich angekündigt, "
            "wie ein Sprecher des Auswärtigen Amtes mitteilte.")
    path.write_text(json.dumps({"id": "de1", "text": text}) + "\n")
    items, counts = run([path], coder)
    [document] = coded(items)
    assert document.skipped and "de" in document.skipped
    assert counts.skipped_language == 1 and counts.coded == 0


@pytest.mark.parametrize("text", ["", "   "])
def test_code_text_of_nothing_gives_no_events(coder, text):
    assert coder.code_text(text) == []


def test_a_place_in_a_subordinate_clause_of_an_earlier_sentence_is_not_inherited(coder):
    text = ("Moscow agreed to give the activist a haven in Russia. "
            "Later, the US criticised the decision.")
    events = coder.code_text(text, date="2013-08-10")
    [criticism] = [e for e in events if e.trigger_text == "criticised"]
    assert criticism.location is None


_PARAGRAPHS = ("Iranian officials met Iraqi diplomats in Baghdad on Monday.\n\n"
               "Russian Foreign Minister Sergei Lavrov met Chinese officials in Geneva on Friday. "
               "Lavrov said they agreed.\n\n"
               "Turkish troops attacked Syrian rebels near Aleppo last week.")


def _placed_and_dated(events) -> list[tuple]:
    return [(e.sentence_index, e.source and e.source.code, e.target and e.target.code, e.cameo, e.date,
             e.location and e.location.name) for e in events]


def test_each_event_gets_the_date_and_place_of_its_own_sentence_or_paragraph(coder):
    assert _placed_and_dated(coder.code_text(_PARAGRAPHS, date="2013-08-10")) == [
        (0, "IRNGOV", "IRQGOV", "040", "2013-08-05", "Baghdad"),
        (1, "RUSGOV", "CHNGOV", "040", "2013-08-09", "Geneva"),
        (2, "RUSGOV", None, "030", "2013-08-10", "Geneva"),  # from the sentence before, same paragraph
        (3, "TURMIL", "SYRREB", "190", "2013-07-29", "Aleppo"),
    ]


def test_a_body_scraped_twice_gives_its_events_once(coder):
    body = _PARAGRAPHS + "\n\n"  # each copy ends as the other does: a sentence keeps its trailing space
    once = coder.code_text(body, date="2013-08-10")
    twice = coder.code_text(body + body, date="2013-08-10")
    assert _placed_and_dated(twice) == _placed_and_dated(once)
    assert [e.sentence_span for e in twice] == [e.sentence_span for e in once]
