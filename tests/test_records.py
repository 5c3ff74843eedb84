"""Records: names and titles shown to people carry no invisible characters; the stored text keeps them."""
from __future__ import annotations

import json

from newsevents.api import coder_for
from newsevents.clean import clean_document
from newsevents.pipeline import Settings
from newsevents.records import Actor, Document, plain_label

RLO, ZWSP, LRI, PDI = "\u202e", "\u200b", "\u2066", "\u2069"


def test_plain_label_removes_bidi_controls_and_zero_width_characters():
    assert plain_label(f"{RLO}aissuR") == "aissuR"
    assert plain_label(f"Ser{ZWSP}gei {LRI}Lavrov{PDI}") == "Sergei Lavrov"
    assert plain_label("Лавров, ʿAbd al-Rahman") == "Лавров, ʿAbd al-Rahman"  # letters of any script stay
    assert plain_label(None) is None and plain_label("") == ""


def test_actor_names_are_plain_however_the_actor_is_built():
    actor = Actor(f"Lav{ZWSP}rov", f"Sergei {RLO}Lavrov", "RUSGOV", "RUS", "GOV", (0, 7))
    assert (actor.text, actor.name) == ("Lavrov", "Sergei Lavrov") and actor.span == (0, 7)


def test_titles_are_plain_and_the_clean_text_keeps_its_spans():
    raw = f"Iran and Russia signed an agreement on Friday.{ZWSP}"
    document = Document(id="d", raw=raw, title=f"{RLO}Deal signed", date="2013-08-10")
    assert clean_document(document, clean=False).title == "Deal signed"
    assert clean_document(document, clean=False).text == raw  # --no-clean: the text as given
    assert clean_document(document).title == "Deal signed"


def test_coded_actor_names_drop_invisible_characters_but_spans_point_at_the_text():
    text = f"Ir{ZWSP}an and Russia signed an agreement on Friday."
    events = coder_for(Settings()).code_text(text, date="2013-08-10")
    assert {(e.source.code, e.target.code, e.cameo) for e in events} >= {("RUS", "IRN", "057")}
    iran = next(a for e in events for a in (e.source, e.target) if a.span[0] == 0)
    assert ZWSP not in iran.name and ZWSP not in json.dumps(iran.to_dict(), ensure_ascii=False)
    assert text[slice(*iran.span)] == f"Ir{ZWSP}an"
