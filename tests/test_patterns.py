"""Pattern files: reading, validation, and matching on hand-built parses (no model needed)."""
import json

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.patterns import PatternError, PatternIndex, load_patterns, read_patterns

NLP = spacy.blank("en")


def make_doc(words, heads, deps, pos, lemmas=None):
    return Doc(NLP.vocab, words=words, heads=heads, deps=deps, pos=pos,
               lemmas=lemmas or [w.lower() for w in words])


def write(tmp_path, *records):
    path = tmp_path / "patterns.jsonl"
    path.write_text("# a comment\n" + "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_package_patterns_load_and_cover_every_root():
    index = load_patterns()
    roots = {p.code[:2] for group in index.by_lemma.values() for p in group}
    assert {f"{n:02d}" for n in range(1, 21)} <= roots


def test_unknown_code_names_file_and_line(tmp_path):
    path = write(tmp_path, {"lemma": "meet", "code": "999"})
    with pytest.raises(PatternError, match=r"patterns.jsonl:2: '999' is not a CAMEO event code"):
        read_patterns(path)


def test_unknown_field_is_refused(tmp_path):
    path = write(tmp_path, {"lemma": "meet", "code": "040", "objekt": "talks"})
    with pytest.raises(PatternError, match="unknown field"):
        read_patterns(path)


def test_missing_lemma_is_refused(tmp_path):
    with pytest.raises(PatternError, match="needs 'lemma' and 'code'"):
        read_patterns(write(tmp_path, {"code": "040"}))


def test_most_specific_pattern_wins(tmp_path):
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "sign", "code": "057"},
        {"lemma": "impose", "dobj": ["sanction", "sanctions"], "code": "163"},
        {"lemma": "call", "code": "020"},
        {"lemma": "call", "prep": "for", "code": "100"},
    )))
    # "Russia called for talks"
    doc = make_doc(["Russia", "called", "for", "talks"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                   ["PROPN", "VERB", "ADP", "NOUN"], ["russia", "call", "for", "talk"])
    assert index.best(doc[1]).code == "100"
    # "Russia called Iran": no preposition, the general pattern
    doc = make_doc(["Russia", "called", "Iran"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"],
                   ["russia", "call", "iran"])
    assert index.best(doc[1]).code == "020"
    # "imposed fines": the object does not fit, so no pattern
    doc = make_doc(["EU", "imposed", "fines"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"],
                   ["eu", "impose", "fine"])
    assert index.best(doc[1]) is None


def test_modifier_and_prepositional_object_conditions(tmp_path):
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "strike", "pos": "NOUN", "mod": ["hunger"], "code": "142"},
        {"lemma": "remain", "prep": "on", "pobj": ["alert"], "code": "152"},
    )))
    doc = make_doc(["a", "hunger", "strike"], [2, 2, 2], ["det", "compound", "ROOT"], ["DET", "NOUN", "NOUN"])
    assert index.best(doc[2]).code == "142"
    doc = make_doc(["a", "general", "strike"], [2, 2, 2], ["det", "amod", "ROOT"], ["DET", "ADJ", "NOUN"])
    assert index.best(doc[2]) is None
    doc = make_doc(["troops", "remained", "on", "alert"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                   ["NOUN", "VERB", "ADP", "NOUN"], ["troop", "remain", "on", "alert"])
    assert index.best(doc[1]).code == "152"


def test_user_pattern_file_comes_first(tmp_path):
    path = write(tmp_path, {"lemma": "visit", "code": "043"})
    index = load_patterns(str(path))
    doc = make_doc(["Putin", "visited", "Paris"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"],
                   ["putin", "visit", "paris"])
    assert index.best(doc[1]).code == "043"


def test_inflected_form_recovers_a_wrong_lemma_and_needs_object(tmp_path):
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "stage", "dobj": ["protest"], "code": "141"},
        {"lemma": "return", "code": "084", "needs_object": True},
    )))
    doc = Doc(NLP.vocab, words=["Kurds", "staged", "a", "protest"], heads=[1, 1, 3, 1],
              deps=["nsubj", "ROOT", "det", "dobj"], pos=["PROPN", "VERB", "DET", "NOUN"],
              tags=["NNPS", "VBD", "DT", "NN"], lemmas=["Kurds", "stag", "a", "protest"])
    assert index.best(doc[1]).code == "141"
    doc = make_doc(["Iran", "returned", "home"], [1, 1, 1], ["nsubj", "ROOT", "advmod"], ["PROPN", "VERB", "ADV"],
                   ["iran", "return", "home"])
    assert index.best(doc[1]) is None


def test_object_of_a_quantity_fits_the_object_condition(tmp_path):
    index = PatternIndex(read_patterns(write(tmp_path, {"lemma": "send", "dobj": ["food"], "code": "073"})))
    # "sent tons of food"
    doc = make_doc(["Iran", "sent", "tons", "of", "food"], [1, 1, 1, 2, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"],
                   ["PROPN", "VERB", "NOUN", "ADP", "NOUN"], ["iran", "send", "ton", "of", "food"])
    assert index.best(doc[1]).code == "073"


def test_an_object_of_two_words_needs_its_modifier(tmp_path):
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "withdraw", "dobj": ["peacekeeping force"], "code": "1661"},
        {"lemma": "withdraw", "dobj": ["force"], "code": "087"},
    )))

    def withdrawn(modifier):  # "Kenya withdrew its <modifier> force"
        words = ["Kenya", "withdrew", "its", modifier, "force"]
        return index.best(make_doc(words, [1, 1, 4, 4, 1], ["nsubj", "ROOT", "poss", "compound", "dobj"],
                                   ["PROPN", "VERB", "PRON", "NOUN", "NOUN"],
                                   ["kenya", "withdraw", "its", modifier, "force"])[1]).code

    assert withdrawn("peacekeeping") == "1661"
    assert withdrawn("naval") == "087"


def test_subject_condition_and_a_verb_tagged_as_noun(tmp_path):
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "arrive", "subj": ["peacekeeper", "peacekeeping"], "code": "074"},
        {"lemma": "arrive", "code": "042"},
        {"lemma": "hand", "dobj": ["supplies"], "code": "073"},
    )))
    # "a unit of peacekeeping troops arrived": what the subject is a group of names them
    doc = make_doc(["unit", "of", "peacekeeping", "troops", "arrived"], [4, 0, 3, 1, 4],
                   ["nsubj", "prep", "compound", "pobj", "ROOT"], ["NOUN", "ADP", "NOUN", "NOUN", "VERB"],
                   ["unit", "of", "peacekeeping", "troop", "arrive"])
    assert index.best(doc[4]).code == "074"
    doc = make_doc(["troops", "arrived"], [1, 1], ["nsubj", "ROOT"], ["NOUN", "VERB"], ["troop", "arrive"])
    assert index.best(doc[1]).code == "042"
    # a headline's "EU hand supplies": a root noun with its own subject and object is a verb
    doc = make_doc(["EU", "hand", "supplies"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "NOUN", "NOUN"],
                   ["eu", "hand", "supplies"])
    assert index.best(doc[1]).code == "073"


def test_a_passive_pattern_holds_only_in_the_passive_and_counts_as_a_condition(tmp_path):
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "charge", "code": "112"},
        {"lemma": "charge", "passive": True, "code": "173"},
    )))
    passive = make_doc(["Smith", "was", "charged"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
                       ["PROPN", "AUX", "VERB"], ["smith", "be", "charge"])
    active = make_doc(["Chile", "charged", "Peru"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                      ["PROPN", "VERB", "PROPN"], ["chile", "charge", "peru"])
    assert index.best(passive[2]).code == "173" and index.best(active[1]).code == "112"


def test_a_forbidden_modifier_before_the_trigger_or_after_its_preposition(tmp_path):
    """`notmod` refuses a modifier before the noun ("a press release") and the object of its
    preposition ("a request for comment": a reporter's question, no appeal)."""
    index = PatternIndex(read_patterns(write(
        tmp_path, {"lemma": "request", "pos": "NOUN", "notmod": ["comment", "press"], "code": "020"})))
    doc = make_doc(["a", "request", "for", "comment"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                   ["DET", "NOUN", "ADP", "NOUN"])
    assert index.best(doc[1]) is None
    doc = make_doc(["a", "press", "request"], [2, 2, 2], ["det", "compound", "ROOT"], ["DET", "NOUN", "NOUN"])
    assert index.best(doc[2]) is None
    doc = make_doc(["a", "request", "for", "aid"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                   ["DET", "NOUN", "ADP", "NOUN"])
    assert index.best(doc[1]).code == "020"


def test_a_phrase_that_only_dates_the_act_is_not_the_patterns_preposition(tmp_path):
    """"called his counterpart on Tuesday" is no "call on": a preposition whose object is a date
    or a time does not satisfy a pattern's `prep`."""
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "call", "code": "041"},
        {"lemma": "call", "prep": "on", "code": "020"},
    )))
    words = ["India", "called", "Japan", "on", "Tuesday"]
    heads, deps = [1, 1, 1, 1, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"]
    pos = ["PROPN", "VERB", "PROPN", "ADP", "PROPN"]
    dated = Doc(NLP.vocab, words=words, heads=heads, deps=deps, pos=pos,
                lemmas=["india", "call", "japan", "on", "tuesday"], ents=["O", "O", "O", "O", "B-DATE"])
    assert index.best(dated[1]).code == "041"
    # "India called on Japan": the same preposition with an actor
    doc = make_doc(["India", "called", "on", "Japan"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                   ["PROPN", "VERB", "ADP", "PROPN"], ["india", "call", "on", "japan"])
    assert index.best(doc[1]).code == "020"
    # a name the parser labelled a time ("at Kyiv overnight" as TIME) is still the preposition's object
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "fire", "dobj": ["missile", "missiles"], "code": "150"},
        {"lemma": "fire", "dobj": ["missile", "missiles"], "prep": "at", "code": "195"},
    )))
    words = ["Russia", "fired", "missiles", "at", "Kyiv", "overnight"]
    doc = Doc(NLP.vocab, words=words, heads=[1, 1, 1, 1, 3, 1], deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "advmod"],
              pos=["PROPN", "VERB", "NOUN", "ADP", "PROPN", "ADV"],
              lemmas=["russia", "fire", "missile", "at", "kyiv", "overnight"], ents=["B-GPE", "O", "O", "O", "B-TIME", "I-TIME"])
    assert index.best(doc[1]).code == "195"


def test_a_sense_that_is_no_event_wins_only_where_it_is_the_most_specific(tmp_path):
    index = PatternIndex(read_patterns(write(
        tmp_path,
        {"lemma": "fight", "code": "190"},
        {"lemma": "fight", "dobj": ["corruption", "poverty"], "code": "---"},
        {"lemma": "fight", "dobj": ["corruption"], "prep": "with", "code": "060"},
    )))
    def fight(obj, *rest):  # "police fight <obj> [with <rest>]"
        words = ["police", "fight", obj] + (["with", rest[0]] if rest else [])
        heads, deps = [1, 1, 1, 1, 3][:len(words)], ["nsubj", "ROOT", "dobj", "prep", "pobj"][:len(words)]
        pos = ["NOUN", "VERB", "NOUN", "ADP", "PROPN"][:len(words)]
        return make_doc(words, heads, deps, pos)[1]
    assert index.best(fight("rebels")).code == "190"  # the bare verb: no sense condition meets "rebels"
    assert index.match(fight("poverty")).blocks and index.best(fight("poverty")) is None
    assert index.best(fight("corruption", "Interpol")).code == "060"  # more specific than the "no event"


def test_a_sense_that_is_no_event_silences_the_verb_dictionary(tmp_path):
    from newsevents.verbdict import choose, default_verbs
    index = PatternIndex(read_patterns(write(tmp_path, {"lemma": "launch", "dobj": ["campaign"], "code": "---"})))
    doc = make_doc(["Ohio", "launched", "a", "campaign"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                   ["PROPN", "VERB", "DET", "NOUN"], ["ohio", "launch", "a", "campaign"])
    verbs = default_verbs()
    assert choose(None, doc[1], verbs).code == "020"  # the dictionary's "LAUNCH - * CAMPAIGN [020]"
    assert choose(index.match(doc[1]), doc[1], verbs) is None


@pytest.mark.parametrize("record, message", [
    ({"lemma": "fight", "dobj": ["poverty"], "code": "-"}, "'-' is not a CAMEO event code"),
    ({"lemma": "fight", "dobj": ["poverty"], "code": None}, "None is not a CAMEO event code"),
    ({"lemma": "rally", "pos": "NOUN", "code": "---", "weak": True}, "a sense that is no event .* takes none of"),
    ({"lemma": "meet", "code": "---", "symmetric": True}, "a sense that is no event .* takes none of"),
])
def test_a_malformed_no_event_sense_names_file_and_line(tmp_path, record, message):
    with pytest.raises(PatternError, match=r"patterns.jsonl:2: " + message):
        read_patterns(write(tmp_path, record))
