"""PETRARCH/TABARI dictionary readers: actors with synonyms and dated codes, agents, discards,
issues, the coding ontology; unusable lines are reported (file:line, reason), never raised; and
the real dictionaries of ../shared read whole, every line accounted for."""
import os
from pathlib import Path

import pytest

from newsevents.dictionaries import (
    Problem, Report, kind_of, load_petrarch_actors, load_petrarch_agents, read_actors, read_agents,
    read_dictionary, read_discards, read_issues, read_ontology,
)
from newsevents.knowledge import AGENT, COUNTRY, IGO, PERSON, Knowledge

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch"


def write(tmp_path, text, name="dict.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actor_with_synonyms_and_date_ranges(tmp_path):
    path = write(tmp_path, "# comment\nBARACK_OBAMA\n+OBAMA  # inline\n+PRESIDENT_OBAMA\n"
                           "[USAELI 19610804-20090119]\n[USAGOV >20090120]\n\nRUSSIA [RUS]\nUNITED_NATIONS [IGOUNO]\n")
    pairs, report = read_actors(path)
    phrases = {p for p, _ in pairs}
    assert {"Barack Obama", "Obama", "President Obama", "Russia", "United Nations"} <= phrases
    obama = [e for p, e in pairs if p == "Obama"]
    assert {(e.country, e.sector, e.valid_from, e.valid_to) for e in obama} == {
        ("USA", "ELI", "1961-08-04", "2009-01-19"), ("USA", "GOV", "2009-01-20", None)}
    assert all(e.kind == PERSON for e in obama)
    un = next(e for p, e in pairs if p == "United Nations")
    assert un.kind == IGO and un.code == "IGOUNO"
    assert report.accounted() and report.lines == 9 and not report.problems


def test_six_digit_dates_and_default_code(tmp_path):
    """PETRARCH's YYMMDD: a two-digit year <= 30 is 20YY, else 19YY; an undated code is the default
    where no dated code applies (the issue's line 106 of Phoenix.Countries.actors.txt)."""
    path = write(tmp_path, "MOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt\n\t[AFGELI 320101-331108]\n"
                           "\t[AFGGOV 331108-730717]\n\t[AFGELI 730717-070723]\n"
                           "ABDUL_QADIR_\n\t[AFGELI 620101-780427]\n\t[AFGGOV 780427-780430]\n\t[AFGELI]\n")
    pairs, report = read_actors(path)
    shah = {(e.sector, e.valid_from, e.valid_to) for p, e in pairs if p == "Mohammad Zahir Shah"}
    assert ("ELI", "1932-01-01", "1933-11-08") in shah and ("ELI", "1973-07-17", "2007-07-23") in shah
    qadir = [e for p, e in pairs if p == "Abdul Qadir"]
    assert [e.sector for e in qadir if e.valid_on("1978-04-28")] == ["GOV"]
    assert [e.sector for e in qadir if e.valid_on("1990-01-01")] == ["ELI"]  # the default, after
    assert report.accounted() and not report.problems


def test_historical_and_null_codes(tmp_path):
    pairs, report = read_actors(write(tmp_path, "SOVIET_UNION [USR]\nNOBODY [---]\nGORBACHEV\n[USRGOV 850311-911225]\n"))
    soviet = [e for p, e in pairs if p == "Soviet Union"]
    assert soviet[0].kind == COUNTRY and soviet[0].country == "USR"
    assert [e.country for p, e in pairs if p == "Gorbachev"] == ["USR"]
    assert "Nobody" not in {p for p, _ in pairs} and report.accounted() and not report.problems


@pytest.mark.parametrize("text, line, reason", [
    ("+ORPHAN_SYNONYM\n", 1, "before any actor name"),
    ("[USAGOV]\n", 1, "before any actor name"),
    ("OBAMA\n[USAGOV 2009]\n", [2, 1], "bad date"),  # and then the name has no code
    ("OBAMA\n[USAGOV 20090231-20100101]\n", [2, 1], "bad date '20090231'"),
    ("OBAMA\n[USAGOV] trailing\n", [2, 1], "expected [CODE]"),
    ("RUSSIA [RUS]\nLONELY_NAME\n", 2, "has no [CODE] line"),
    ("+COTE_D\ufffdIVOIRE_\n", 1, "before any actor name"),
    ("IVORY_COAST [CIV]\n+COTE_D\ufffdIVOIRE_\n", 2, "U+FFFD"),
])
def test_unusable_actor_lines_are_reported_not_raised(tmp_path, text, line, reason):
    pairs, report = read_actors(write(tmp_path, text))
    lines = line if isinstance(line, list) else [line]
    assert [p.line for p in report.problems] == lines
    assert reason in report.problems[0].reason and str(report.problems[0]).startswith(f"{tmp_path}/dict.txt:{lines[0]}: ")
    assert report.accounted()
    assert load_petrarch_actors(write(tmp_path, text)) == pairs  # the loader skips them too


def test_agents(tmp_path):
    pairs, report = read_agents(write(tmp_path, "FARMER [~AGR]\nMINISTER {MINISTERS} [~GOV]\n"
                                                "RIOT_POLICE_ [~COP]  # police\n!PERSON! = MAN, WOMAN\n"
                                                "CONGRESS!PERSON! [~LEG]\nHUMAN_RIGHTS_BODY  [NGO~]\nFOREIGN_MINISTER [~GOVFRM]\n"
                                                "FARMER AGR\nCHAIR!SEAT! [~GOV]\n"))
    assert {(p, e.sector) for p, e in pairs} == {
        ("farmer", "AGR"), ("minister", "GOV"), ("ministers", "GOV"), ("riot police", "COP"),
        ("congressman", "LEG"), ("congresswoman", "LEG"), ("human rights body", "NGO"), ("foreign minister", "GOV")}
    assert all(e.kind == AGENT for _, e in pairs)
    assert [(p.line, p.reason.split()[0]) for p in report.problems] == [(8, "expected"), (9, "substitution")]
    assert report.accounted()
    assert load_petrarch_agents(write(tmp_path, "FARMER [~AGR]\n")) == [("farmer", pairs[0][1])]


def test_discards_issues_ontology(tmp_path):
    discards, report = read_discards(write(tmp_path, "WORLD CUP\n+ACADEMY AWARD   # x\nGROUP A_\n1994\n"))
    assert discards.sentence == [("world cup", False), ("group a", True)] and discards.story == [("academy award", False)]
    assert discards.dropped == ["1994"] and report.accounted()
    issues, report = read_issues(write(tmp_path, '<ISSUE CATEGORY="X" TYPE="ALL">\nn:refugee [REFUGEES]\n'
                                                 'al+zarqawi network [TERROR]\n~refugee status\nnothing here\n</ISSUE>\n'))
    assert issues.phrases["refugees"] == "REFUGEES" and issues.phrases["al-zarqawi network"] == "TERROR"
    assert "refugee status" in issues.ignore and [p.line for p in report.problems] == [5] and report.accounted()
    ontology, report = read_ontology(write(tmp_path, "# head\r\n030:0x3000#Intend\r\n040:0x0040\r\n033:0x3040\r\nbad\r\n"))
    assert ontology.combine("030", "040") == "033" and ontology.names["030"] == "Intend"
    assert [p.line for p in report.problems] == [5] and report.accounted()


def test_loaded_pairs_merge_into_knowledge(tmp_path):
    base = Knowledge()
    extra = Knowledge().extend(load_petrarch_actors(write(tmp_path, "VLADIMIR_PUTIN\n+PUTIN\n[RUSGOV >20000507]\n")))
    merged = base.merge(extra)
    assert merged.phrases["Putin"][0].country == "RUS"
    assert "Putin" not in base.phrases


def test_problem_and_report_types():
    report = Report("a.txt", "verbs", lines=3, used=1, ignored=1)
    report.skip(2, "bad pattern")
    assert report.problems == [Problem("a.txt", 2, "bad pattern")] and report.accounted()
    assert "1 skipped" in report.summary()


# -- the real files ---------------------------------------------------------------------------------
def _shared_files():
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must have ../shared/data/petrarch")
        pytest.skip("../shared/data/petrarch is not here")
    return sorted(p for p in SHARED.glob("*.txt") if kind_of(p) != "verbs")


@pytest.mark.parametrize("name", ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                  "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt", "Phoenix.discards.txt",
                                  "Phoenix.IssueCoding.txt", "PETR.Internal.Coding.Ontology.txt",
                                  "Phoenix.prepositions.txt"])
def test_every_line_of_the_real_dictionaries_is_read_or_reported(name):
    files = {p.name: p for p in _shared_files()}
    assert name in files, f"{name} missing from {SHARED}"
    path = files[name]
    _, report = read_dictionary(path)
    lines = len(path.read_text(encoding="utf-8", errors="replace").splitlines())
    assert report.lines == lines
    assert report.used + report.ignored + report.skipped == lines, report.summary()
    assert report.entries > 0
    assert report.skipped <= max(20, lines // 100), [str(p) for p in report.problems]
    assert all(p.reason and 1 <= p.line <= lines for p in report.problems)


def test_real_countries_file_past_the_issues_lines():
    """The issue: line 106 (`320101-331108`) and the USSR's `USR` codes stopped the reader."""
    path = {p.name: p for p in _shared_files()}["Phoenix.Countries.actors.txt"]
    pairs, report = read_actors(path)
    assert report.entries > 30_000 and not any(p.line == 106 for p in report.problems)
    assert any(e.country == "USR" for _, e in pairs)
    assert any(p == "Mohammad Zahir Shah" and e.valid_from == "1932-01-01" for p, e in pairs)
    assert len(pairs) == len(load_petrarch_actors(path))


def test_verb_dictionary_reports_through_the_same_types(tmp_path):
    """verbdict.py fills dictionaries.Report with dictionaries.Problem (one definition), and the
    `newsevents dictionaries` command reports the shipped CAMEO.2.0.txt among the others."""
    import newsevents.verbdict as verbdict
    from newsevents.cli.dictionary import shipped

    assert verbdict.Problem is Problem
    path = write(tmp_path, "&PEOPLE\n+CIVILIAN\n\n--- MEET [040] ---\nMEET {MET MEETING}\n- * &PEOPLE [043]\n"
                           "- * &NOSUCH [043]\n~ TRANSFORM\n", "CAMEO.test.txt")
    verbs, report = read_dictionary(path)
    assert isinstance(report, Report) and report.kind == "verbs" and report.accounted()
    assert report.lines == 8 and report.ignored == 1 and report.entries == 2
    assert [p.line for p in report.problems] == [7, 8] and all(isinstance(p, Problem) for p in report.problems)
    assert "CAMEO.2.0.txt" in {p.name for p in shipped()}


def test_phrase_words_cached_and_matched_as_the_phrase_matcher_does(tmp_path):
    """The actor coder's phrases are tokenized once per machine (knowledge.phrase_words, keyed by the
    tokenizer and the phrases) and matched without Docs (actors.WordMatcher), as spaCy's
    PhraseMatcher(attr="LOWER") matches them: same spans, same order."""
    import spacy
    from spacy.matcher import PhraseMatcher

    from newsevents.actors import WordMatcher
    from newsevents.knowledge import phrase_words

    nlp = spacy.blank("en")
    phrases = ["U.N. Security Council", "Security Council", "Kofi Annan", "the U.S.", "Annan"]
    words = phrase_words(nlp.tokenizer, phrases, folder=tmp_path)
    assert words == [tuple(t.lower_ for t in nlp.tokenizer(p)) for p in phrases]
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == 1
    assert phrase_words(nlp.tokenizer, phrases, folder=tmp_path) == words  # from the cache
    ours = WordMatcher()
    ours.add(words)
    theirs = PhraseMatcher(nlp.vocab, attr="LOWER")
    theirs.add("ACTOR", [nlp.tokenizer(p) for p in phrases])
    doc = nlp("The u.n. security council heard Kofi Annan; the U.S. and ANNAN spoke to the Security Council.")
    assert [m[1:] for m in ours(doc)] == [m[1:] for m in theirs(doc)] and ours(doc)


def test_the_switch_and_the_precedence(monkeypatch):
    """Settings.dictionaries / --dictionaries over NEWSEVENTS_DICTIONARIES over the default (off);
    the user's files over the package's tables and the field's dictionaries (Knowledge.override)."""
    from newsevents.knowledge import DICTIONARIES_DEFAULT, Entry, dictionaries_on

    monkeypatch.delenv("NEWSEVENTS_DICTIONARIES", raising=False)
    assert dictionaries_on() is DICTIONARIES_DEFAULT is False
    monkeypatch.setenv("NEWSEVENTS_DICTIONARIES", "1")
    assert dictionaries_on() and not dictionaries_on(False)
    monkeypatch.setenv("NEWSEVENTS_DICTIONARIES", "0")
    assert not dictionaries_on() and dictionaries_on(True)
    package = Knowledge().extend([("Putin", Entry(PERSON, "Putin", country="RUS", sector="GOV")),
                                  ("Kremlin", Entry(COUNTRY, "Kremlin", country="RUS"))])
    user = Knowledge().extend([("PUTIN", Entry(PERSON, "Putin", country="RUS", sector="ELI"))])
    merged = package.override(user)
    assert "Putin" not in merged.phrases and [e.sector for e in merged.phrases["PUTIN"]] == ["ELI"]
    assert "Kremlin" in merged.phrases


def test_cli_switch_reaches_the_settings():
    import argparse

    from newsevents.cli.options import add_coder_options, settings_from

    parser = argparse.ArgumentParser()
    add_coder_options(parser)
    assert settings_from(parser.parse_args([])).dictionaries is None
    assert settings_from(parser.parse_args(["--dictionaries"])).dictionaries is True
    assert settings_from(parser.parse_args(["--no-dictionaries"])).dictionaries is False
