"""Russian: natasha's parse turned into the coder's labels, Russian knowledge matched on lemmas,
and the same actor and event mechanisms (patterns, negation, modality, coordination, dates)."""
from __future__ import annotations

import pytest

pytest.importorskip("natasha")

from newsevents.pipeline import Coder, Settings  # noqa: E402


@pytest.fixture(scope="module")
def coder():
    return Coder(Settings())


def _code(coder, text, date="2013-08-10"):
    return [(e.source and e.source.code, e.target and e.target.code, e.cameo, e.modality, e.date)
            for e in coder.code_text(text, date=date, language="ru")]


def test_parse_keeps_text_and_converts_labels():
    from newsevents.parse_ru import load_parser

    text = "Лавров встретился с Керри.\n\nРоссия не осудила нападение."
    doc = load_parser()(text)
    assert doc.text == text and doc.lang_ == "ru"
    deps = {t.text: (t.dep_, t.head.text) for t in doc}
    assert deps["с"] == ("prep", "встретился") and deps["Керри"] == ("pobj", "с")
    assert deps["не"][0] == "neg" and deps["нападение"][0] == "dobj"
    assert len(list(doc.sents)) == 2


def test_meeting_with_inflected_people_and_date(coder):
    events = _code(coder, "Лавров и министр обороны России Сергей Шойгу в пятницу встретились с "
                          "госсекретарем США Джоном Керри.")
    assert ("RUSGOV", "USAGOV", "040", "asserted", "2013-08-09") in events


def test_genitive_country_and_coordination_give_both_sides(coder):
    events = _code(coder, "Лавров добавил, что официальные представители США и России вновь встретятся в конце месяца.")
    codes = {(s, t, c, m) for s, t, c, m, _ in events}
    assert {("USAGOV", "RUSGOV", "036", "intended"), ("RUSGOV", "USAGOV", "036", "intended")} <= codes


def test_condemnation_and_negation(coder):
    assert ("USA", "FRA", "111", "asserted", "2013-08-10") in _code(coder, "США осудили Францию.")
    negated = coder.code_text("США не осудили Францию.", date="2013-08-10", language="ru")
    assert negated and negated[0].negated


def test_refusal_to_meet_is_a_rejection(coder):
    assert any(c.startswith("12") for _, _, c, _, _ in _code(coder, "Иран отказался встретиться с представителями ЕС."))


def test_threat_and_sanctions(coder):
    assert any(c.startswith("13") for _, _, c, _, _ in _code(coder, "Иран пригрозил прекратить поставки газа Турции."))
    assert any(c == "163" and s == "IGOEU" for s, _, c, _, _ in _code(coder, "ЕС ввел санкции против России."))


def test_dates_in_russian():
    from newsevents.dates_ru import date_spans, to_english

    text = "в пятницу, 9 августа, и в конце месяца"
    assert [text[s:e] for s, e in date_spans(text)] == ["пятницу", "9 августа", "в конце месяца"]
    assert to_english("9 августа") == "August 9" and to_english("в конце месяца") == "the end of the month"


def test_english_is_unchanged_by_the_russian_coder(coder):
    events = coder.code_text("Russia condemned the United States.", date="2013-08-10")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [("RUS", "USA", "111")]


def test_language_is_on_events_in_the_store_and_kazakh_is_skipped(tmp_path):
    import json

    import duckdb

    import newsevents
    from newsevents.api import coder_for

    records = [{"id": "ru1", "date": "2013-08-10", "text": "Лавров и министр обороны России Сергей Шойгу в пятницу "
                "встретились с госсекретарем США Джоном Керри в Вашингтоне."},
               {"id": "kk1", "date": "2013-08-10", "text": "Қазақстан Республикасының Президенті бүгін Астанада "
                "Ресей Федерациясының Сыртқы істер министрімен кездесті және екі ел арасындағы ынтымақтастықты талқылады."}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    path = tmp_path / "events.duckdb"
    counts = newsevents.open(path).ingest([str(tmp_path / "in.jsonl")], Settings(), coder=coder_for(Settings()))
    assert counts.skipped_language == 1 and counts.stored == 1  # the Kazakh page is kept, skipped
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT doc_id, status, language FROM documents ORDER BY doc_id").fetchall() == [
        ("kk1", "skipped", "kk"), ("ru1", "coded", "ru")]
    assert {r[0] for r in con.execute("SELECT language FROM mentions").fetchall()} == {"ru"}
    assert ("RUSGOV", "USAGOV", "040", "ru") in con.execute(
        "SELECT source_code, target_code, cameo, language FROM events").fetchall()
    con.close()
    assert set(newsevents.open(path).events(language="ru")["language"]) == {"ru"}
    assert newsevents.open(path).events(language="en").empty


def _dyads(coder, text, date="2013-08-10", language="ru"):
    return {(e.source and e.source.code, e.target and e.target.code, e.cameo)
            for e in coder.code_text(text, date=date, language=language)}


def test_speaker_after_quote_sets_the_scene(coder):
    # "«...», — сказал X в Y": the speech verb is the main clause; its place is the next sentences' scene
    text = ("«Нам надо быстрее договориться», — сказала Меркель журналистам в Берлине. "
            "Меркель в среду встретилась с президентом Франции Эммануэлем Макроном.")
    events = coder.code_text(text, date="2019-05-10", language="ru")
    assert {(e.source and e.source.code, e.target and e.target.code, e.cameo) for e in events} == {
        ("DEUGOV", None, "010"), ("DEUGOV", "FRAGOV", "040")}
    assert all(e.location and e.location.name == "Berlin" for e in events)


def test_control_noun_genitive_agent_does_the_infinitive(coder):
    # "из-за решения X предоставить убежище Y": X grants Y asylum
    assert _dyads(coder, "Связи двух стран ухудшились из-за решения Эквадора предоставить убежище "
                         "Муаммару Каддафи.", date="2012-08-20") == {("ECU", "LBYELI", "075")}


def test_topic_is_no_party(coder):
    # "конференция по X", "доклад о X": X is what it is about
    assert _dyads(coder, "Франция и Германия пытаются организовать конференцию по Ливии.") == {
        ("FRA", "DEU", "036"), ("DEU", "FRA", "036")}


def test_press_is_an_audience_not_a_target(coder):
    assert _dyads(coder, "Министр иностранных дел Японии сообщил журналистам, что визит отложен.") == {
        ("JPNGOV", None, "010")}
    assert _dyads(coder, "The Japanese foreign minister told reporters that the visit was delayed.",
                  language="en") == {("JPNGOV", None, "010")}


def test_reporting_clause_after_the_report_is_the_main_clause(coder):
    # ", подтвердил X": natasha coordinates it with the report and hangs the report's subject on it
    assert _dyads(coder, "Перу и Чили решили встретиться снова, сообщил чилийский дипломат.") == {
        ("PER", "CHL", "036"), ("CHL", "PER", "036")}


def test_reported_clause_without_its_own_subject_is_the_event(coder):
    # "заявила, что поддержит": the support (as English "said it would support"), not the statement
    assert _dyads(coder, "Франция заявила, что поддержит Мали.") == {("FRA", "MLI", "032")}
    assert _dyads(coder, "Германия заявила, что разрешит возвращение наблюдателей ОБСЕ.") == {("DEU", "IGOSCE", "030")}


def test_undergoing_an_event_is_a_passive(coder):
    # "X подвергся нападению Y" / "... обстрелу со стороны Y": Y is the source, X the target
    assert _dyads(coder, "Посольство Дании подверглось нападению сирийских демонстрантов.") == {("SYRCVL", "DNKGOV", "180")}
    assert _dyads(coder, "Колонна полиции Ирака подверглась обстрелу со стороны турецкой армии.") == {
        ("TURMIL", "IRQCOP", "190")}
    assert _dyads(coder, "Оппозиция Беларуси подвергается преследованию со стороны властей.") == {
        ("BLRGOV", "BLROPP", "175")}


def test_reported_must_of_another_actor_is_a_demand(coder):
    # "заявила, что X должна ...": as English "said that X must ...", a demand of X
    assert _dyads(coder, "Франция заявила, что Мали должна провести выборы.") == {("FRA", "MLI", "100")}
    assert _dyads(coder, "Оппозиция Сирии заявила, что Россия должна вывести свои войска.") == {("SYROPP", "RUS", "100")}


def test_more_verbs_by_cameo_root(coder):
    assert _dyads(coder, "Египет выразил соболезнования Франции.") == {("EGY", "FRA", "018")}
    assert _dyads(coder, "Полиция Кении разогнала демонстрантов.") == {("KENCOP", "KENCVL", "175")}
    assert _dyads(coder, "Президент Чили нанес визит в Перу.") == {("CHLGOV", "PER", "042")}


def test_complex_preposition_and_light_verb_with_noun(coder):
    # "выступить с угрозами/критикой в адрес X": the noun codes the verb, "в адрес" + genitive is the target
    assert _dyads(coder, "Иран выступил с угрозами в адрес Израиля.") == {("IRN", "ISR", "130")}
    assert _dyads(coder, "Сирия выступила с критикой в адрес Турции.") == {("SYR", "TUR", "111")}
    assert _dyads(coder, "Иран выдвинул обвинения в адрес Израиля.") == {("IRN", "ISR", "112")}


def test_apposition_naming_an_organisations_official_gives_the_organisation(coder):
    # "X, координатор ... ООН, ...": the person is the organisation's (as English '..., the UN coordinator')
    assert _dyads(coder, "Хироси Танака, координатор гуманитарной помощи ООН, потребовал от властей Судана "
                         "открыть границу.") == {("IGOUNO", "SDNGOV", "100")}
    assert _dyads(coder, "Эмиссар Франции встретился с президентом Мали.") == {("FRAGOV", "MLIGOV", "040")}


def test_calling_off_a_strike_is_a_concession(coder):
    # both aspects, and a reported clause with no subject of its own is the event
    assert _dyads(coder, "Профсоюз шахтеров Чили приостановил забастовку.") == {("CHLLAB", "CHL", "082")}
    assert _dyads(coder, "Профсоюз шахтеров Чили объявил в среду, что прекращает голодовку.") == {
        ("CHLLAB", "CHL", "082")}


def test_protest_against_a_policy_targets_its_owner(coder):
    # "против политики X" / "against X's policy": X, not the protesters' own country
    assert _dyads(coder, "Студенты Египта протестовали против политики Израиля.") == {("EGYEDU", "ISR", "140")}
    assert _dyads(coder, "Students in Cairo protested against US policy.", language="en") == {
        ("EGYEDU", "USA", "141")}


def test_accepting_a_proposal_and_imperfective_verbs(coder):
    assert _dyads(coder, "Грузия приняла предложение Франции.") == {("GEO", "FRA", "030")}
    assert _dyads(coder, "Армения высылает дипломатов Азербайджана.") == {("ARM", "AZEGOV", "174")}
    assert _dyads(coder, "Япония замораживает помощь Мьянме.") == {("JPN", "MMR", "160")}


def test_fronted_object_the_noun_root_before_its_verb_is_the_subject(coder):
    # "Кому-то X предъявил обвинение": natasha makes X the root and the verb its conj
    assert _dyads(coder, "Губернатору провинции Кабул суд Афганистана предъявил обвинение.") == {
        ("AFGJUD", "AFGGOV", "1121")}


def test_a_quantity_or_part_object_is_matched_by_its_genitive(coder):
    # "партию продовольствия", "часть санкций": the pattern's object is the genitive, as English "tons of food"
    assert _dyads(coder, "Япония выделила Мьянме партию продовольствия.") == {("JPN", "MMR", "070")}


def test_lemmas_are_those_of_natashas_morph_vocab():
    """parse_ru.Lemmatizer (pymorphy2's analyses, UD grammemes once per tag) lemmatizes as natasha's
    MorphVocab does, with the tagger's POS and features and with others."""
    from natasha import MorphVocab

    from newsevents.parse_ru import load_parser

    parser, vocab = load_parser(), MorphVocab()
    text = ("Министр иностранных дел России Сергей Лавров встретился с госсекретарём США Джоном Керри, "
            "и они договорились провести переговоры о Сирии; боевики обстреляли Алеппо.")
    words = [t.text for t in parser.segmenter.tokenize(text)]
    morph = next(iter(parser.morph.map([words])))
    for word, token in zip(words, morph.tokens):
        for pos, feats in ((token.pos, dict(token.feats or {})), ("NOUN", {}), ("VERB", {"VerbForm": "Inf"})):
            ours = parser.lemmatizer.lemmatize(word, pos, feats)
            assert ours == vocab.lemmatize(word, pos, feats), (word, pos)
