"""Knowledge tables: every ISO country, the listed IGOs, agents and groups load from the data files."""
import pycountry
import pytest

from newsevents.knowledge import (
    ADJECTIVE, CAPITAL, ETHNIC, IGO, DictionaryError, Entry, Knowledge, _add_people, build_knowledge,
    default_knowledge,
)


@pytest.fixture(scope="module")
def knowledge():
    return default_knowledge()


def test_every_iso_country_has_a_name_and_a_row(knowledge):
    named = {e.country for entries in knowledge.phrases.values() for e in entries if e.country}
    missing = {c.alpha_3 for c in pycountry.countries} - named
    assert not missing


@pytest.mark.parametrize("phrase, country", [
    ("US", "USA"), ("U.S.", "USA"), ("Britain", "GBR"), ("UK", "GBR"), ("the Palestinians", "PSE"),
    ("North Korea", "PRK"), ("South Korea", "KOR"), ("Iran", "IRN"), ("Syria", "SYR"), ("Vietnam", "VNM"),
    ("Ivory Coast", "CIV"), ("Burma", "MMR"), ("Russia", "RUS"), ("Turkey", "TUR"), ("Laos", "LAO"),
])
def test_aliases(knowledge, phrase, country):
    assert country in {e.country for e in knowledge.phrases[phrase]}


@pytest.mark.parametrize("phrase, country", [
    ("Russian", "RUS"), ("Syrian", "SYR"), ("Israeli", "ISR"), ("Iraqi", "IRQ"), ("Afghan", "AFG"),
    ("Ugandan", "UGA"), ("Filipino", "PHL"), ("Burmese", "MMR"),
])
def test_demonyms(knowledge, phrase, country):
    assert any(e.kind == ADJECTIVE and e.country == country for e in knowledge.phrases[phrase])


@pytest.mark.parametrize("phrase, country", [("Moscow", "RUS"), ("Washington", "USA"), ("Baghdad", "IRQ"),
                                              ("Beijing", "CHN"), ("Kiev", "UKR"), ("Kyiv", "UKR")])
def test_capitals_are_governments(knowledge, phrase, country):
    assert any(e.kind == CAPITAL and e.country == country and e.sector == "GOV" for e in knowledge.phrases[phrase])


def test_seats_with_their_own_sector(knowledge):
    assert knowledge.phrases["the Kremlin"][0].country == "RUS"
    assert knowledge.phrases["Downing Street"][0].country == "GBR"
    assert knowledge.phrases["Pentagon"][0].sector == "MIL"
    assert knowledge.phrases["Knesset"][0].sector == "LEG"


@pytest.mark.parametrize("phrase, code", [
    ("United Nations", "IGOUNO"), ("UN Security Council", "IGOUNO"), ("European Union", "IGOEU"),
    ("NATO", "IGONAT"), ("African Union", "IGOAFU"), ("Arab League", "IGOARL"), ("OPEC", "IGOOPC"),
    ("OSCE", "IGOSCE"), ("IAEA", "IGOIAE"), ("World Health Organization", "IGOWHO"), ("World Bank", "IGOWBK"),
    ("IMF", "IGOIMF"), ("ASEAN", "IGOASN"), ("Organization of American States", "IGOOAS"),
    ("International Criminal Court", "IGOICC"), ("UNHCR", "IGOUNOHCR"), ("Red Cross", "NGOCRC"),
    ("Amnesty International", "NGOAMN"), ("Human Rights Watch", "NGOHRW"),
])
def test_igos(knowledge, phrase, code):
    assert any(e.kind == IGO and e.code == code for e in knowledge.phrases[phrase])


def test_groups(knowledge):
    assert knowledge.phrases["Kurds"][0] == Entry(ETHNIC, "Kurd", code="KUR")
    hamas = knowledge.phrases["Hamas"][0]
    assert (hamas.country, hamas.sector) == ("PSE", "REB")


@pytest.mark.parametrize("phrase, sector", [("foreign minister", "GOV"), ("rebel", "REB"), ("insurgent", "REB"),
                                            ("police", "COP"), ("judge", "JUD"), ("lawmaker", "LEG"),
                                            ("refugee", "REF"), ("journalist", "MED"), ("troops", "MIL")])
def test_agents(knowledge, phrase, sector):
    assert knowledge.phrases[phrase][0].sector == sector


def test_people_file_with_unknown_country_is_an_error(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text("Nobody\t\tXYZ\tGOV\t\t\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="people.tsv:1"):
        _add_people(build_knowledge(), path)


def test_merge_keeps_both():
    a, b = Knowledge(countries={"RUS"}), Knowledge(countries={"USA"})
    a.add("Moscow", Entry(CAPITAL, "Russia", country="RUS", sector="GOV"))
    b.add("Moscow", Entry(CAPITAL, "Moscow, Idaho", country="USA"))
    merged = a.merge(b)
    assert [e.country for e in merged.phrases["Moscow"]] == ["RUS", "USA"]
    assert merged.countries == {"RUS", "USA"}


def test_actor_and_part_nouns(knowledge):
    assert {"warship", "network"} <= knowledge.actor_nouns
    assert {"member", "supporter", "group"} <= knowledge.part_nouns
    assert not {"talks", "relations", "crisis", "border"} & (knowledge.actor_nouns | knowledge.part_nouns)


def test_nouns_file_with_unknown_kind_is_an_error(tmp_path):
    from newsevents.knowledge import _add_nouns
    path = tmp_path / "nouns.tsv"
    path.write_text("warship\tvehicle\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="nouns.tsv:1"):
        _add_nouns(Knowledge(), path)


def test_merge_keeps_the_nouns():
    merged = Knowledge(actor_nouns={"warship"}).merge(Knowledge(part_nouns={"member"}))
    assert merged.actor_nouns == {"warship"} and merged.part_nouns == {"member"}


# -- the field's dictionaries under the package's own files (issue 13) ---------------------------
def test_dictionary_actors_join_and_the_package_wins():
    from newsevents.knowledge import build_knowledge
    knowledge = build_knowledge(dictionaries=True)
    army = knowledge.phrases["Afghan National Army"]
    assert any(e.country == "AFG" and e.sector == "MIL" for e in army)  # only in Phoenix.Countries.actors.txt
    own = build_knowledge(dictionaries=False)
    for phrase in ("Russia", "United Nations", "UN"):  # in both: the package's entries alone
        assert knowledge.phrases[phrase] == own.phrases[phrase]
    assert "Hassan" not in knowledge.phrases  # a lone name from the dictionaries is not kept


def test_compiled_knowledge_is_cached(tmp_path):
    from newsevents.knowledge import cached_knowledge, knowledge_key
    first = cached_knowledge(tmp_path)
    assert (tmp_path / f"knowledge-{knowledge_key()}.pickle").is_file()
    again = cached_knowledge(tmp_path)
    assert again.phrases == first.phrases and again is not first
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert cached_knowledge(blocked / "sub").phrases == first.phrases  # unwritable: built all the same
