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
    assert set(reasons) == {21, 22, 23, 24}
    assert "not defined" in reasons[21] and "bad code" in reasons[22] and "no [code]" in reasons[23]
    assert "transformation" in reasons[24]
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
    assert len(verbs.problems) == counts["problem"] == 17
    assert sum("transformation" in p.reason for p in verbs.problems) == 8
    assert all(isinstance(p, VerbPattern) for s in verbs.sets for p in s.patterns)


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
