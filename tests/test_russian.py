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
    assert _dyads(coder, "Германия заявила, что разрешит возвращение наблюдателей ОБСЕ.") == {("DEU", "IGOSCE", "035")}


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



# -- who did it to whom (issue 15): structure on the Russian parse and the knowledge in data/ru/ --------

def test_coordinated_demonyms_each_give_an_actor(coder):
    # "американские и британские самолеты": both countries, as English "US and British planes"
    assert _dyads(coder, "Американские и британские самолеты нанесли удары по позициям талибов.") == {
        ("USA", "AFGREB", "195"), ("GBR", "AFGREB", "195")}
    assert _dyads(coder, "Армянские и азербайджанские дипломаты встретились в Женеве.") == {
        ("ARMGOV", "AZEGOV", "040"), ("AZEGOV", "ARMGOV", "040")}
    # a conjunct natasha may hang on a later noun belongs to the first ("Индийские и японские эсминцы")
    assert _dyads(coder, "Индийские и японские эсминцы провели совместные маневры в Бенгальском заливе.") == {
        ("IND", "JPN", "062"), ("JPN", "IND", "062")}


def test_a_people_takes_the_country_it_lives_in(coder):
    # "этнические узбеки": a people, not Uzbekistan; "венгры севера Румынии": of Romania
    assert _dyads(coder, "Киргизская милиция задержала пятерых этнических узбеков.") == {("KGZCOP", "KGZCVL", "173")}
    assert _dyads(coder, "Венгры севера Румынии потребовали от румынского правительства культурной автономии.") == {
        ("ROU", "ROUGOV", "100")}
    # negative: a people named alone is of its own country
    assert _dyads(coder, "Венгры потребовали от румынского правительства культурной автономии.") == {
        ("HUN", "ROUGOV", "100")}


def test_groups_in_the_genitive_and_in_apposition(coder):
    assert _dyads(coder, "Боевики «Хезболлы» обстреляли израильский поселок Метула.") == {("LBNREB", "ISR", "190")}
    # "Движение «Талибан» атаковало Пакистан": the accusative natasha may make a second subject is the object
    assert _dyads(coder, "Движение «Талибан» атаковало Пакистан.") == {("AFGREB", "PAK", "180")}
    assert _dyads(coder, "Экстремистская группировка «Боко Харам» пригрозила атаковать Нигер и Чад.") == {
        ("NGAREB", "NER", "138"), ("NGAREB", "TCD", "138")}


def test_titles_take_the_country_of_their_genitive(coder):
    assert _dyads(coder, "Министр обороны Украины встретился с министром обороны Польши.") == {
        ("UKRMIL", "POLMIL", "040")}
    assert _dyads(coder, "Руководитель МИД КНР провел консультации с главой внешнеполитического ведомства "
                         "Вьетнама.") == {("CHNGOV", "VNMGOV", "040")}
    assert _dyads(coder, "Власти Кении задержали четырех сомалийских пиратов.") == {("KENGOV", "SOMCRM", "173")}
    # a role of an actor named in the genitive takes its country ("офицеры угандийской армии",
    # "администрация Путина", "журналисты канадской газеты")
    assert _dyads(coder, "Администрация Путина обвинила Грузию в провокации.") == {("RUSGOV", "GEO", "112")}
    assert _dyads(coder, "Журналисты канадской газеты были высланы из Ирана.") == {("IRN", "CANMED", "174")}
    # "бульдозеры израильской армии": an actor noun belongs to its genitive
    assert _dyads(coder, "Бульдозеры израильской армии снесли палестинские дома.") == {("ISRMIL", "PSE", "1711")}


def test_roles_placed_by_a_preposition_and_forces_led_by_a_state(coder):
    assert _dyads(coder, "Полиция в Дакке разогнала демонстрантов.") == {("BGDCOP", "BGDCVL", "175")}
    assert _dyads(coder, "Силы под командованием США обстреляли деревню на востоке Афганистана.") == {
        ("USAMIL", "AFG", "190")}
    assert _dyads(coder, "Возглавляемые Вьетнамом силы открыли огонь по лагерям кампучийских партизан.") == {
        ("VNMMIL", "KHMREB", "190")}


def test_hyphenated_nouns_are_a_role_and_its_apposition(coder):
    assert _dyads(coder, "Чеченские боевики-сепаратисты захватили двух российских полицейских.") == {
        ("RUSREB", "RUSCOP", "190")}
    # the part that names a people says more than the role ("партизан-каренов": Karen, of Myanmar)
    assert _dyads(coder, "Мьянманская армия разрушила склады партизан-каренов у реки Салуин.") == {
        ("MMRMIL", "MMRREB", "1711")}


def test_pronouns_agree_and_prefer_the_subject(coder):
    # "их" (plural) is not Iran, the subject of its own verb, but the US named before
    assert _dyads(coder, "Его поддержали США. Иран осудил их.") == {("IRN", "USA", "111")}
    # a subject pronoun continues the earlier subject, not the nearest actor
    assert _dyads(coder, "Эквадор разорвал отношения с Колумбией. Он обвинил ее в нарушении границы.") == {
        ("ECU", "COL", "161"), ("ECU", "COL", "112")}


def test_passive_and_nominal_agents_in_the_instrumental(coder):
    assert _dyads(coder, "Турецкий дипломат был выслан властями Ирака.") == {("IRQGOV", "TURGOV", "174")}
    # "поддержку Грецией": the instrumental after an event noun is its doer; "как вмешательство" no object
    assert _dyads(coder, "Турция осудила как недопустимое вмешательство поддержку Грецией кипрских "
                         "радикалов.") == {("TUR", "GRC", "111")}


def test_arguments_natasha_hangs_on_the_wrong_word(coder):
    # an infinitive right after a verb is its complement, not that of a later clause's verb
    assert _dyads(coder, "Итальянский министр пригрозил закрыть порты для австрийских грузовиков, в то время как "
                         "премьеры обеих стран старались смягчить спор.") == {("ITAGOV", "AUT", "131")}
    # the place of an act whose object natasha hangs elsewhere: the subject stays the doer
    assert _dyads(coder, "В рамках программы сокращения Пакистан отведет войска от линии контроля в Кашмире.") \
        == {("PAK", "INDMIL", "035")}


def test_what_is_demanded_and_what_for(coder):
    # "потребовали, чтобы Италия ...": the subject of the чтобы-clause is whom the demand is made of
    assert _dyads(coder, "Представители Ливии потребовали, чтобы Италия выплатила компенсацию за колониальное "
                         "прошлое.") == {("LBYGOV", "ITA", "100")}
    # "открыла огонь, чтобы рассеять толпу": the purpose names the target
    assert _dyads(coder, "Малайзийская полиция открыла огонь, чтобы рассеять толпу.") == {("MYSCOP", "MYSCVL", "190")}
    # a complaint lodged with a body is about whom it names ("на турецкие обстрелы"); the relative
    # clause after it is no event of its own
    assert _dyads(coder, "Сирия пожаловалась в Совбез на турецкие обстрелы, в ходе которых, как утверждает "
                         "Дамаск, погибли мирные жители.") == {("SYR", "TUR", "114")}


def test_forces_inside_an_object_are_not_the_sources_own(coder):
    # "перемирие с шиитскими ополченцами": the militia are the other side, not the source's own forces
    assert _dyads(coder, "Ливанские христиане потребовали перемирия с шиитскими ополченцами в южном Ливане.") == {
        ("LBN", "LBNMOSREB", "1056")}
    # negative: a state's own troops sent somewhere still target where they go
    assert _dyads(coder, "Россия перебросила свои войска к границе с Финляндией.") == {("RUS", "FIN", "154")}


def test_where_it_happened_names_the_country_of_an_unnamed_doer(coder):
    assert _dyads(coder, "Взрыв заминированного автомобиля вблизи города Кандагар ранил двух канадских "
                         "солдат.") == {("AFG", "CANMIL", "183")}
    assert _dyads(coder, "Активист был убит в пригороде Багдада.") == {("IRQ", "IRQCVL", "186")}
    # the genitive after an event noun is its doer ("нападение боевиков на участок")
    assert _dyads(coder, "Нападение боевиков на полицейский участок в Дагестане унесло жизни пяти человек.") == {
        ("RUSREB", "RUS", "180")}
    # the passive's subject names no actor: who is in it ("колонна миротворцев")
    assert _dyads(coder, "Колонна миротворцев подверглась нападению суданских ополченцев.") == {
        ("SDNREB", "SDNMIL", "180")}


def test_a_body_named_by_the_locative_of_an_impersonal_statement(coder):
    # "в Кремле осудили": the Kremlin condemned; a country there is only where ("в Сирии убили")
    assert _dyads(coder, "В Кремле осудили решение Эстонии.") == {("RUSGOV", "EST", "111")}
    assert _dyads(coder, "В Пентагоне опровергли сообщения о потерях.") == {("USAMIL", None, "016")}
    assert _dyads(coder, "В Сирии убили двух журналистов.") == {("SYR", "SYRMED", "186")}


def test_knowledge_people_igos_and_words_that_are_no_actors(coder):
    assert _dyads(coder, "Кофи Аннан призвал Эфиопию вывести войска.", date="2000-05-10") == {("IGOUNO", "ETH", "020")}
    assert _dyads(coder, "Президент Венесуэлы Уго Чавес обвинил Вашингтон в подготовке переворота.",
                  date="2002-04-15") == {("VENGOV", "USAGOV", "112")}
    # negative: treaties named after a capital and the Persian Gulf are no actors
    assert _dyads(coder, "Франция призвала выполнять Минские соглашения.") == {("FRA", None, "020")}
    assert _dyads(coder, "Иран провел военные учения в Персидском заливе.") == {("IRN", None, "062")}
# -- breadth (issue 15): the common verbs of Russian news for each CAMEO root, both aspects, light
# verbs with their nouns; each sentence with its full event set
@pytest.mark.parametrize("text, expected", [
    # 03 intent and agreement
    ("Египет и Израиль достигли договоренности об обмене пленными.", {("EGY", "ISR", "030"), ("ISR", "EGY", "030")}),
    ("Франция пообещала предоставить Мали военную помощь.", {("FRA", "MLI", "033")}),
    ("Германия выразила готовность предоставить Украине кредит.", {("DEU", "UKR", "030")}),
    ("Россия и Китай договорились расширить торговлю.", {("CHN", "RUS", "031"), ("RUS", "CHN", "031")}),
    # 04 consultation and visits
    ("Египет и Судан обсудили ситуацию на границе.", {("EGY", "SDN", "040"), ("SDN", "EGY", "040")}),
    ("Президент Турции побывал в Иране.", {("TURGOV", "IRN", "042")}),
    ("Президент Казахстана принял в Астане министра обороны России.", {("KAZGOV", "RUSMIL", "043")}),
    # 05 diplomatic cooperation
    ("Госсекретарь США похвалил Израиль за сдержанность.", {("USAGOV", "ISR", "051")}),
    ("Китай приветствовал решение Пакистана.", {("CHN", "PAK", "051")}),
    ("Германия признала независимость Хорватии.", {("DEU", "HRV", "054")}),
    ("США восстановили дипломатические отношения с Ливией.", {("USA", "LBY", "051")}),
    # 06 material cooperation
    ("Индия и Россия провели совместные военные учения.", {("IND", "RUS", "062"), ("RUS", "IND", "062")}),
    ("Испания выдала Франции подозреваемого в терроризме.", {("ESP", "FRA", "063")}),
    # 07 aid
    ("Япония направила Гаити гуманитарную помощь.", {("JPN", "HTI", "070")}),
    ("США выделили Пакистану 50 млн долларов.", {("USA", "PAK", "071")}),
    ("США поставили Украине противотанковые ракеты.", {("USA", "UKR", "072")}),
    ("Норвегия направила в Судан миротворцев.", {("NOR", "SDN", "074")}),
    # 08 concessions, release, withdrawal
    ("США смягчили санкции против Кубы.", {("USA", "CUB", "081")}),
    ("Армения пошла на уступки Азербайджану.", {("ARM", "AZE", "080")}),
    ("Израиль вывел свои войска из Ливана.", {("ISR", "LBN", "087")}),
    ("Сирийские повстанцы сложили оружие.", {("SYRREB", None, "0873")}),
    # 09, 11 investigation and disapproval
    ("ООН начала расследование действий армии Мьянмы.", {("IGOUNO", "MMRMIL", "090")}),
    ("Китай обвинил Японию в провокациях.", {("CHN", "JPN", "112")}),
    ("Пакистан возложил на Индию ответственность за теракт.", {("PAK", "IND", "112")}),
    ("Греция направила Турции ноту протеста.", {("GRC", "TUR", "114")}),
    ("Германия вызвала посла Турции.", {("DEU", "TURGOV", "114")}),
    ("Украина подала иск против России в Международный суд.", {("UKR", "RUS", "115")}),
    # 10 demands
    ("Ирак потребовал вывода американских войск.", {("IRQ", "USAMIL", "1056")}),
    ("Франция потребовала от Ирана освободить французских граждан.", {("FRA", "IRN", "100")}),
    # 12 rejection
    ("Иран отклонил предложение Франции о переговорах.", {("IRN", "FRA", "125")}),
    ("США наложили вето на резолюцию по Израилю.", {("USA", "ISR", "129")}),
    ("Россия заблокировала проект резолюции по Сирии.", {("RUS", "SYR", "129")}),
    # 13 threats
    ("Иран пригрозил закрыть Ормузский пролив.", {("IRN", None, "131")}),
    ("Ереван предъявил Баку ультиматум.", {("ARMGOV", "AZEGOV", "139")}),
    # 14 protest
    ("Греческие рабочие объявили всеобщую забастовку.", {("GRCLAB", "GRC", "143")}),
    ("Демонстранты перекрыли центральную улицу Киева.", {("UKRCVL", "UKRGOV", "144")}),
    # 15 force posture
    ("Индия перебросила войска к границе с Пакистаном.", {("IND", "PAK", "154")}),
    ("КНДР привела армию в состояние полной боевой готовности.", {("PRK", "PRKMIL", "152")}),
    # 16 reduced relations, sanctions
    ("Россия разорвала дипломатические отношения с Грузией.", {("RUS", "GEO", "161")}),
    ("Саудовская Аравия отозвала посла из Катара.", {("SAU", "QATGOV", "161")}),
    ("Индия прекратила торговлю с Пакистаном.", {("IND", "PAK", "162")}),
    ("Россия запретила импорт турецких овощей.", {("RUS", "TUR", "163")}),
    ("Россия закрыла границу с Грузией.", {("RUS", "GEO", "160")}),
    # 17 coercion
    ("Иран захватил британский танкер.", {("IRN", "GBR", "171")}),
    ("Россия аннексировала Крым.", {("RUS", "UKR", "192")}),
    # 18-19 violence
    ("Израильская авиация нанесла удар по сектору Газа.", {("ISRMIL", "PSE", "195")}),
    ("Российские войска вторглись на территорию Украины.", {("RUSMIL", "UKR", "190")}),
    ("Армения и Азербайджан вступили в бой.", {("ARM", "AZE", "190"), ("AZE", "ARM", "190")}),
])
def test_breadth_of_russian_verbs_by_cameo_root(coder, text, expected):
    assert _dyads(coder, text) == expected


def test_a_short_predicate_adjective_governs_like_a_verb(coder):
    # "намерен/готов + infinitive" and "готов к + event noun": intent; negated, a refusal
    assert _dyads(coder, "Китай намерен расширить сотрудничество с Россией.") == {("CHN", "RUS", "031")}
    assert _dyads(coder, "Иран готов к переговорам с Францией.") == {("IRN", "FRA", "036")}
    assert _dyads(coder, "Иран не готов к переговорам с Францией.") == {("IRN", "FRA", "125")}


def test_a_negated_governing_verb_refuses_or_negates_what_it_governs(coder):
    # "не стала выдавать" is "declined to extradite"; "не смогли договориться" as "failed to agree"
    assert _dyads(coder, "Россия не стала выдавать Великобритании подозреваемого.") == {("RUS", "GBR", "121")}
    assert _dyads(coder, "Иран не намерен выполнять требования Франции.") == {("IRN", "FRA", "124")}
    assert _dyads(coder, "Египет и Израиль не смогли договориться.") == {("EGY", "ISR", "120"), ("ISR", "EGY", "120")}
    # a negated verb that governs nothing coded stays negated, not a rejection
    events = coder.code_text("Турция не будет вводить санкции против России.", date="2013-08-10", language="ru")
    assert [(e.source.code, e.target.code, e.cameo, e.negated) for e in events] == [("TUR", "RUS", "163", True)]


def test_passive_agent_is_the_source_and_the_genitive_inside_a_non_actor_subject(coder):
    assert _dyads(coder, "Британские моряки были освобождены Ираном.") == {("IRN", "GBR", "0841")}
    # an opposition activist is of the opposition (actors._side), in Russian as in English
    assert _dyads(coder, "Оппозиционный активист был задержан полицией Египта.") == {("EGYCOP", "EGYOPP", "173")}
    # the subject is what underwent the act: its genitive owner is the target
    assert _dyads(coder, "Предложение России было отвергнуто Францией.") == {("FRA", "RUS", "125")}
    # the subject is the event noun itself (sanctions introduced): its genitive did it
    assert _dyads(coder, "Против России введены новые санкции США.") == {("USA", "RUS", "163")}
    assert _dyads(coder, "Гуманитарная помощь была направлена Японией в Гаити.") == {("JPN", "HTI", "070")}


def test_reported_clause_after_chto_and_speaker_after_the_report(coder):
    # natasha's parataxis after "объявил, что" is the complement; a speaker it hangs on the report
    # as a second subject belongs to the speech verb
    assert _dyads(coder, "Профсоюз шахтеров Чили объявил, что прекратил забастовку.") == {("CHLLAB", "CHL", "082")}
    assert _dyads(coder, "Япония направит Гаити 10 тыс. тонн риса, сообщило министерство иностранных дел "
                         "Японии.") == {("JPN", "HTI", "033")}


def test_objects_natasha_labels_otherwise(coder):
    # a counted noun ("тысячи беженцев"), the dative event noun of "подвергнуть", an instrumental object
    assert _dyads(coder, "Швеция приняла тысячи сирийских беженцев.") == {("SWE", "SYRREF", "075")}
    assert _dyads(coder, "Российская авиация подвергла бомбардировке грузинский город Гори.") == {("RUSMIL", "GEO", "195")}
    assert _dyads(coder, "Иран подверг резкой критике Великобританию.") == {("IRN", "GBR", "111")}
    assert _dyads(coder, "Афганистан делится опытом с Пакистаном.") == {("AFG", "PAK", "061")}
    assert _dyads(coder, "НАТО пригрозило Сербии авиаударами.") == {("IGONAT", "SRB", "130")}


def test_an_actor_inside_the_patterns_phrase_and_a_visits_destination(coder):
    assert _dyads(coder, "Россия отказалась от переговоров с Японией.") == {("RUS", "JPN", "125")}
    assert _dyads(coder, "Премьер-министр Японии прибыл с официальным визитом в США.") == {("JPNGOV", "USA", "042")}
    assert _dyads(coder, "Премьер-министр Японии отправился с визитом в Москву.") == {("JPNGOV", "RUS", "042")}


def test_no_event_where_nobody_acts(coder):
    # a danger that faces someone is no threat; "заключение" of an agreement is no detention; a
    # sentence without an action has nothing
    assert _dyads(coder, "Им грозит тюремное заключение в Турции.") == set()
    assert _dyads(coder, "Президент Судана после заключения мирного соглашения ушел в отставку.") == {
        ("SDNGOV", None, "0831")}
    assert _dyads(coder, "Погода в Москве будет теплой.") == set()


def test_reflexive_passives_and_parties_between(coder):
    # the -ся form takes the light verb's noun as its subject; "между" names the parties
    assert _dyads(coder, "Против Ирана вводятся новые санкции Евросоюза.") == {("IGOEU", "IRN", "163")}
    assert _dyads(coder, "Переговоры между Арменией и Азербайджаном проводятся в Москве.") == {
        ("ARM", "AZE", "040"), ("AZE", "ARM", "040")}
    assert _dyads(coder, "В Женеве проходят переговоры между Россией и США.") == {
        ("RUS", "USA", "040"), ("USA", "RUS", "040")}


def test_force_one_says_one_may_use_is_a_threat(coder):
    # "может применить силу" / "закроет пролив, если ...": threats, as CAMEO codes them
    events = coder.code_text("Турция заявила, что может применить военную силу против Греции.", date="2013-08-10",
                             language="ru")
    assert [(e.source.code, e.target.country, e.cameo[:2]) for e in events] == [("TUR", "GRC", "13")]
    # the actor of the condition is the target, as in English "threatened to ... if the US ..."
    assert _dyads(coder, "Иран заявил, что закроет Ормузский пролив, если США введут новые санкции.") == {
        ("IRN", "USA", "138")}


def test_calls_for_a_leaders_resignation_or_a_release_are_demands(coder):
    assert _dyads(coder, "Оппозиция призвала к отставке президента Египта.") == {("EGYOPP", "EGYGOV", "1041")}
    assert _dyads(coder, "Южная Корея предложила КНДР провести переговоры на высшем уровне.") == {("KOR", "PRK", "036")}


def test_support_for_a_plan_and_an_apology_not_accepted(coder):
    assert _dyads(coder, "Италия поддержала инициативу Евросоюза.") == {("ITA", "IGOEU", "050")}
    assert _dyads(coder, "Иран не принял извинения Великобритании.") == {("IRN", "GBR", "120")}


def test_instrumental_agent_of_an_event_noun_complaints_and_purpose_clauses(coder):
    # "захват Ираном": the seizure by Iran is what is condemned
    assert _dyads(coder, "Норвегия раскритиковала захват Ираном норвежского танкера.") == {("NOR", "IRN", "111")}
    # a complaint lodged with the UN targets whom it is about ("пожаловался в ООН на ...")
    assert _dyads(coder, "Ливан пожаловался в ООН на израильские авиаудары.") == {("LBN", "ISR", "114")}
    # "чтобы разогнать демонстрантов": as English "opened fire to disperse the demonstrators"
    assert _dyads(coder, "Полиция Египта открыла огонь, чтобы разогнать демонстрантов.") == {("EGYCOP", "EGYCVL", "190")}
    # "в отношении X" is one preposition, as "в адрес X"
    assert _dyads(coder, "Суд Чили начал расследование в отношении министра обороны Перу.") == {("CHLJUD", "PERMIL", "090")}


def test_relative_clause_subject_is_its_head_noun(coder):
    # "Боевики, которые напали ...": "которые" stands for the noun the clause describes
    assert _dyads(coder, "Боевики, которые напали на базу армии Нигерии, скрылись в лесу.") == {("NGAREB", "NGAMIL", "180")}


def test_assurances_a_humanitarian_convoy_and_leaving_talks(coder):
    assert _dyads(coder, "США заверили КНДР в готовности к диалогу.") == {("USA", "PRK", "030")}
    assert _dyads(coder, "Турция направила в Сирию гуманитарный конвой.") == {("TUR", "SYR", "073")}
    assert _dyads(coder, "Россия вышла из переговоров с Японией.") == {("RUS", "JPN", "164")}
    assert _dyads(coder, "МИД России выразил возмущение действиями США.") == {("RUSGOV", "USA", "111")}


def test_guesses_and_background_nouns_are_no_events(coder):
    # what experts or analysts think ("считают", "полагают") is nobody's act, nor a threat
    assert _dyads(coder, "Эксперты считают, что Россия может напасть на Грузию.") == set()
    assert _dyads(coder, "Аналитики полагают, что Иран введет санкции против Турции.") == set()
    # an event noun in a time phrase yields to the verb; with no actor it is nothing
    assert _dyads(coder, "После переговоров с Японией Китай ввел санкции против Южной Кореи.") == {("CHN", "KOR", "163")}
    assert _dyads(coder, "Переговоры пройдут в Женеве.") == set()
    # a plain negation is a negated event, not a rejection
    events = coder.code_text("Россия не вводила санкции против Турции.", date="2013-08-10", language="ru")
    assert [(e.source.code, e.target.code, e.cameo, e.negated) for e in events] == [("RUS", "TUR", "163", True)]


def test_voting_and_speaking_against_and_threat_forms(coder):
    # "против X": the actor of the phrase or its genitive is the target
    assert _dyads(coder, "Россия проголосовала против резолюции ООН по Сирии.") == {("RUS", "IGOUNO", "120")}
    assert _dyads(coder, "Индия выступила против политики Китая.") == {("IND", "CHN", "111")}
    # a threat with its clause, its instrumental, or its infinitive
    assert _dyads(coder, "КНДР пригрозила, что нанесет удар по США.") == {("PRK", "USA", "138")}
    assert _dyads(coder, "Россия угрожает Грузии войной.") == {("RUS", "GEO", "138")}
    assert _dyads(coder, "Китай предостерег Японию от вмешательства.") == {("CHN", "JPN", "130")}


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


def test_each_other_makes_coordinated_subjects_each_others_targets(coder):
    """"друг друга" as "each other" (modality.json reciprocal_objects): each accused the other."""
    events = _code(coder, "Армения и Азербайджан обвинили друг друга в нарушении перемирия.")
    assert {(s, t, c) for s, t, c, _, _ in events} == {("ARM", "AZE", "112"), ("AZE", "ARM", "112")}
    events = _code(coder, "Армения обвинила Азербайджан в нарушении перемирия.")
    assert {(s, t, c) for s, t, c, _, _ in events} == {("ARM", "AZE", "112")}
