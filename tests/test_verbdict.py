"""The field's verb dictionary (PETRARCH's CAMEO.2.0.txt): the reader on hand-written snippets of
each construct and on the real file, and the dictionary applied over the parse. Sentences written
for these tests."""
import os
from pathlib import Path

import pytest

from newsevents.verbdict import VerbPattern, read_verbs

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch" / "CAMEO.2.0.txt"
PACKAGED = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data" / "petrarch" / "CAMEO.2.0.txt"

SNIPPET = """\
# a comment
&FOOD
+BREAD
+RICE_
+BABY
&AUX_
+WILL

####### VERB PATTERNS #######
---  DELIVER   [070]  ---
DELIVER
BRING {BRINGS BRINGING BROUGHT }
+HAND_OVER {+HANDS_OVER +HANDED_OVER }
- * &FOOD (TO +)                                      [073]         # DELIVER
- * {SHARP REBUKE}                                    [111]         # DELIVER
- * DEFEAT                                            [---]         # DELIVER
- $ * (INTO +)                                        [042:043]     # BRING
- * (BEFORE COURT)                                    [:173]        # BRING
---  WAIT   [---]  ---
LINGER [023]
- * &UNDEFINED                                        [010]
- * WORDS [abc]
- * (TO
~ a (a b ATTACK) SAY = a b 015
~ a (b c ATTACK SAY = a b 112
"""


@pytest.fixture
def snippet(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(SNIPPET, encoding="utf-8")
    return read_verbs(path)


def test_synsets_with_plurals_unless_marked(snippet):
    assert set(snippet.synsets["&FOOD"]) == {("bread",), ("breads",), ("rice",), ("baby",), ("babies",)}
    assert snippet.synsets["&AUX_"] == (("will",),)


def test_verb_sets_forms_and_codes(snippet):
    deliver, wait = snippet.sets
    assert (deliver.name, deliver.code, wait.code) == ("DELIVER", "070", None)
    assert [(v.lemma, v.after, v.code) for v in deliver.verbs] == [
        ("deliver", (), "070"), ("bring", (), "070"), ("hand", ("over",), "070")]
    assert snippet.forms["brought"] == "bring" and snippet.forms["handed"] == "hand"
    assert wait.verbs[0].code == "023"  # a verb's own code beats its set's


def test_patterns_words_phrases_markers_and_codes(snippet):
    by_line = {p.line: p for p in snippet.sets[0].patterns}
    food = by_line[14]
    assert food.code == "073" and food.target == "prep:to" and food.preps[0].role == "target"
    assert food.size == 2 and ("rice",) in food.post[0][0]
    assert by_line[15].post == (((("sharp",),), (("rebuke",),)),) and by_line[15].code == "111"
    assert by_line[16].code is None and by_line[16].reverse is None  # [---]
    assert (by_line[17].code, by_line[17].reverse, by_line[17].source, by_line[17].target) == (
        "042", "043", "subject", "prep:into")
    assert (by_line[18].code, by_line[18].reverse) == (None, "173")


def test_lines_it_cannot_use_are_problems_with_file_and_line(snippet):
    reasons = {p.line: p.reason for p in snippet.problems}
    assert set(reasons) == {21, 22, 23, 25}
    assert "not defined" in reasons[21] and "bad code" in reasons[22] and "no [code]" in reasons[23]
    assert "transformation" in reasons[25]  # line 24 is a transformation read (see below)
    assert all(p.path.endswith("verbs.txt") for p in snippet.problems)
    assert sum(snippet.counts.values()) == snippet.lines  # every line read or reported


def test_the_packaged_file_is_the_shared_one():
    if not SHARED.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing")
        pytest.skip("no shared data")
    assert PACKAGED.read_bytes() == SHARED.read_bytes()


def test_the_real_file_every_line_read_or_reported():
    verbs = read_verbs(PACKAGED)
    counts = verbs.counts
    assert verbs.lines == 9187 and sum(counts.values()) == verbs.lines
    assert counts["verb set"] == len(verbs.sets) == 397
    assert counts["pattern"] == sum(len(s.patterns) for s in verbs.sets) == 4659
    assert counts["pattern"] + 9 == 4668  # the 9 unusable pattern lines are among the problems
    assert counts["verb"] == 1817 and counts["synset"] == 40 and counts["synset member"] == 558
    assert len(verbs.problems) == counts["problem"] == 9
    assert counts["transformation"] == len(verbs.transformations) == 8  # the ninth is commented out
    assert all(isinstance(p, VerbPattern) for s in verbs.sets for p in s.patterns)


def test_transformations_are_read_with_their_letters_and_verbs(snippet):
    rule, = snippet.transformations
    assert (rule.line, rule.inner_source, rule.inner_target, rule.inner_verb, rule.outer_verb) == (
        24, "a", "b", "attack", "say")
    assert (rule.source, rule.target, rule.code, rule.text) == ("a", "b", "015", "~ a (a b ATTACK) SAY = a b 015")


def test_a_transformation_names_verb_classes_by_the_dictionary_s_verb_sets():
    verbs = read_verbs(PACKAGED)
    # "SAY" is the set of say (tell, state, announce ...), "CLAIM" the set of claim (allege ...)
    assert verbs.transform("tell", "190", "b")[1] == "112" and verbs.transform("allege", "193", "b")[1] == "112"
    assert verbs.transform("announce", "183", "a")[1] == "015"  # "a says a attacked b": a claims it
    # "ATTACK" [190] is the roots of its set's codes (19, and 18 for its [180] verbs), not 17
    assert verbs.transform("say", "182", "b") and verbs.transform("say", "173", "b") is None
    assert verbs.transform("say", "040", "a")[1] == "040"  # "Q": a's own act is the event as coded
    assert verbs.transform("attempt", "186", "_")[1] == "185"  # "ASSASSINATE" [186] by its code
    assert verbs.transform("attempt", "190", "_") is None and verbs.transform("eat", "190", "b") is None
    skip = {"~ a (b . ATTACK) SAY = a b 112"}
    assert verbs.transform("say", "190", "b", skip) is None and verbs.transform("claim", "190", "b", skip)


@pytest.fixture(scope="module")
def coder():
    """Every event, whatever its confidence: these tests are about what codes each (a death in
    custody names no doer, and its event is under the default threshold)."""
    from newsevents.pipeline import Coder, Settings

    return Coder(Settings(min_confidence=0.0))


def dyads(coder, sentence):
    return {(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo, e.pattern)
            for e in coder.code_text(sentence, date="2019-06-01")}


def test_the_dictionary_codes_what_the_package_does_not(coder):
    # DIE set: "- * (IN &DETENTION) [:184]": the custodian's act on the one who died
    assert dyads(coder, "A Kenyan journalist died in Ugandan police custody on Sunday.") == {
        (None, "KENMED", "184", "CAMEO.2.0.txt:8647")}


def test_the_package_patterns_stay_and_are_named(coder):
    found = dyads(coder, "Nigeria closed its embassy in Ghana.")
    assert {d[:3] for d in found} == {("NGA", "GHA", "160")}
    assert all(d[3].startswith("patterns.jsonl:") for d in found)
    record = coder.code_text("Nigeria closed its embassy in Ghana.", date="2019-06-01")[0].to_dict()
    assert record["pattern"].startswith("patterns.jsonl:")
