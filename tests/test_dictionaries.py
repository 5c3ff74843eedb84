"""PETRARCH/TABARI dictionary reader: actors with synonyms and dated codes, agents, errors."""
import pytest

from newsevents.dictionaries import load_petrarch_actors, load_petrarch_agents
from newsevents.knowledge import AGENT, IGO, PERSON, DictionaryError, Knowledge


def write(tmp_path, text, name="dict.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actor_with_synonyms_and_date_ranges(tmp_path):
    path = write(tmp_path, "# comment\nBARACK_OBAMA\n+OBAMA  # inline\n+PRESIDENT_OBAMA\n"
                           "[USAELI 19610804-20090119]\n[USAGOV >20090120]\n\nRUSSIA [RUS]\nUNITED_NATIONS [IGOUNO]\n")
    pairs = load_petrarch_actors(path)
    phrases = {p for p, _ in pairs}
    assert {"Barack Obama", "Obama", "President Obama", "Russia", "United Nations"} <= phrases
    obama = [e for p, e in pairs if p == "Obama"]
    assert {(e.country, e.sector, e.valid_from, e.valid_to) for e in obama} == {
        ("USA", "ELI", "1961-08-04", "2009-01-19"), ("USA", "GOV", "2009-01-20", None)}
    assert all(e.kind == PERSON for e in obama)
    assert obama[1].valid_on("2013-08-10") and not obama[0].valid_on("2013-08-10")
    un = next(e for p, e in pairs if p == "United Nations")
    assert un.kind == IGO and un.code == "IGOUNO"


def test_until_date(tmp_path):
    pairs = load_petrarch_actors(write(tmp_path, "SOMEONE [FRAGOV <20000101]\n"))
    assert pairs[0][1].valid_to == "2000-01-01" and pairs[0][1].valid_from is None


def test_unknown_country_is_an_error_with_line(tmp_path):
    path = write(tmp_path, "RUSSIA [RUS]\nNOWHERE_MAN [XYZGOV]\n")
    with pytest.raises(DictionaryError, match=r"dict.txt:2: unknown country code 'XYZ'"):
        load_petrarch_actors(path)


@pytest.mark.parametrize("text, line", [
    ("+ORPHAN_SYNONYM\n", 1),
    ("[USAGOV]\n", 1),
    ("OBAMA\n[USAGOV 2009]\n", 2),
    ("OBAMA\n[USAGOV] trailing\n", 2),
    ("OBAMA\nKERRY [USAGOV]\n", 2),
])
def test_malformed_actor_files(tmp_path, text, line):
    with pytest.raises(DictionaryError, match=rf"dict.txt:{line}:"):
        load_petrarch_actors(write(tmp_path, text))


def test_actor_without_code_at_end(tmp_path):
    with pytest.raises(DictionaryError, match="no \\[CODE\\]"):
        load_petrarch_actors(write(tmp_path, "RUSSIA [RUS]\nLONELY_NAME\n"))


def test_agents(tmp_path):
    pairs = load_petrarch_agents(write(tmp_path, "FARMER [~AGR]\nMINISTER {MINISTERS} [~GOV]\n"
                                                 "RIOT_POLICE_ [~COP]  # police\n"))
    assert {(p, e.sector) for p, e in pairs} == {("farmer", "AGR"), ("minister", "GOV"),
                                                  ("ministers", "GOV"), ("riot police", "COP")}
    assert all(e.kind == AGENT for _, e in pairs)


@pytest.mark.parametrize("text", ["FARMER AGR\n", "FARMER [~XXX]\n"])
def test_malformed_agents(tmp_path, text):
    with pytest.raises(DictionaryError, match="dict.txt:1:"):
        load_petrarch_agents(write(tmp_path, text))


def test_loaded_pairs_merge_into_knowledge(tmp_path):
    base = Knowledge()
    extra = Knowledge().extend(load_petrarch_actors(write(tmp_path, "VLADIMIR_PUTIN\n+PUTIN\n[RUSGOV >20000507]\n")))
    merged = base.merge(extra)
    assert merged.phrases["Putin"][0].country == "RUS"
    assert "Putin" not in base.phrases
