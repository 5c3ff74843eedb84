"""The field's discards and issues in the event coder (issues.py): a sports result or show codes
nothing, every event carries its sentence's issue codes, and an issue fills the PLOVER context the
CAMEO crosswalk leaves empty (data/issue_contexts.tsv). Sentences written for these tests."""
import pytest

import newsevents.pipeline
from newsevents.dictionaries import Issues
from newsevents import issues
from newsevents.issues import IssueTagger, discarded, tagger


@pytest.fixture(scope="module")
def coder():
    return newsevents.pipeline.Coder()


def events(coder, sentence):
    return coder.code_text(sentence, date="2013-08-10")


def test_refugee_sentence_gets_its_issue_and_context(coder):
    found = events(coder, "Turkey accused Syria of forcing refugees across the border.")
    assert [(e.source.code, e.target.code, e.cameo) for e in found] == [("TUR", "SYR", "112")]
    assert found[0].issues == ["REFUGEES"]
    assert found[0].plover["context"] == "asylum"  # 112 gives no context; REFUGEES -> asylum
    assert found[0].to_dict()["issues"] == ["REFUGEES"]


def test_crosswalk_context_is_kept(coder):
    """An issue fills only an empty context: aid keeps the crosswalk's own."""
    found = events(coder, "Kenya sent aid to thousands of Somali refugees on Monday.")
    assert [e.cameo for e in found] == ["071"] and found[0].issues == ["REFUGEES"]
    assert found[0].plover["context"] == "economic"


def test_sentence_without_issue(coder):
    found = events(coder, "Kenya criticized Somalia on Tuesday.")
    assert [e.cameo for e in found] == ["111"] and found[0].issues == [] and found[0].to_dict()["issues"] == []


def test_sports_result_codes_nothing(coder):
    sentence = "Brazil beat Argentina 2-1 in the World Cup qualifying round on Sunday."
    assert discarded(sentence)
    assert events(coder, sentence) == []


def test_discards_match_words_not_pieces():
    assert not discarded("Judges ruled on the case.")  # JUDO is a discard; 'Judges' is not judo
    assert not discarded("Fifty years ago the war ended.")  # read, not applied (dictionaries.read_discards)


def test_ignore_phrase_cancels_its_own_section_only():
    """`~election` under NATURAL_DISASTER undoes 'landslide' there, and leaves ELECTION alone."""
    table = tagger()
    assert table.issues("A landslide buried the village.") == ["NATURAL_DISASTER"]
    assert table.issues("The party won in a landslide election.") == ["ELECTION"]
    issues = Issues(phrases={"landslide": "NATURAL_DISASTER", "vote": "ELECTION", "floods": "NATURAL_DISASTER"},
                    ignore={"election", "anywhere"},
                    categories={"NATURAL_DISASTER": "DISASTER", "ELECTION": "ELECTIONS"},
                    ignore_in={"election": {"DISASTER"}, "anywhere": {""}})
    small = IssueTagger(issues, {})
    assert small.issues("landslide in the vote and the election, floods") == ["ELECTION"]
    assert small.issues("landslide vote anywhere") == []


def test_state_party_keeps_a_sentence_that_names_a_sport(coder):
    """Police clashing with football fans is politics that names a sport: a state body
    (issues.STATE_SECTORS) keeps the events a discard phrase would silence."""
    sentence = "Police clashed with football fans in Cairo."
    assert discarded(sentence)
    assert [(e.source.code, e.cameo) for e in events(coder, sentence)] == [("EGYCOP", "190")]


def test_discarder_by_first_character_answers_as_its_one_pattern():
    """The discards tried only where a word begins with a phrase's first character give the answer
    of the one expression of every phrase, case aside (Unicode case pairs too: "ſ" reads as "s")."""
    from newsevents.dictionaries import read_discards
    from newsevents.issues import discarder
    from newsevents.knowledge import _data_path

    discards = discarder()
    listed = read_discards(_data_path("petrarch", "Phoenix.discards.txt"))[0]
    phrases = [phrase for phrase, _ in listed.sentence + listed.story][:80]
    texts = ["Россия и США провели переговоры в Женеве.", "Kenya criticized Somalia on Tuesday.", ""]
    for phrase in phrases:
        texts += [phrase, f"Officials said {phrase.upper()} today.", f"x{phrase}", f"{phrase}s.",
                  f"В Москве {phrase.title()}", phrase.replace("s", "\u017f").replace("k", "\u212a")]
    answers = [discards(text) for text in texts]
    assert answers == [bool(discards.pattern.search(text)) for text in texts]
    assert any(answers) and not all(answers)


def test_issue_tagger_tries_only_the_lengths_a_word_begins():
    """Issues found by the first words of the phrases, as by every run of words up to the longest."""
    table = tagger()

    def every_length(text):
        from newsevents.issues import _words

        words, found, cancelled = _words(text), {}, set()
        for start in range(len(words)):
            for size in range(1, min(table.longest, len(words) - start) + 1):
                key = tuple(words[start:start + size])
                cancelled |= table.ignore.get(key, set())
                if key in table.table:
                    found.setdefault(table.table[key])
        return [] if "" in cancelled else [c for c in found if table.category.get(c, "") not in cancelled]

    texts = ["Turkey accused Syria of forcing refugees across the border.", "Россия осудила удар.",
             "The election was won in a landslide after the earthquake and the flood.", ""]
    texts += [" ".join(key) + " and refugees" for key in list(table.table)[:200] + list(table.ignore)[:50]]
    assert [table.issues(text) for text in texts] == [every_length(text) for text in texts]


# -- a sports story: the field's story discards (`+PHRASE`), named again and again on the page ----------

def test_sports_story_codes_no_contest_nor_quote(coder):
    """A page naming its league three times is a sports story: 'beat' there is a match, not an
    assault, and a player's accusation no politics (issues.story_discarded)."""
    page = ("The NFL suspended two players. Serbia beat Croatia in Belgrade on Sunday. "
            "The quarterback accused the referee of bias. NFL officials fined him.")
    assert issues.story_discarded(page)
    assert events(coder, page) == []


def test_sentence_alone_keeps_its_event(coder):
    """The same result outside a sports story codes as before: the story, not the words, decides."""
    found = events(coder, "Serbia beat Croatia in Belgrade on Sunday.")
    assert [(e.source.code, e.target.code, e.cameo) for e in found] == [("SRB", "HRV", "182")]


def test_state_body_keeps_its_event_in_a_sports_story(coder):
    page = ("The NFL suspended two players. The Serbian government accused Croatia of provoking the fans. "
            "NFL officials fined the quarterback.")
    assert [(e.source.code, e.target.code, e.cameo) for e in events(coder, page)] == [("SRBGOV", "HRV", "112")]


def test_league_named_in_passing_keeps_the_page(coder):
    """Two mentions may be politics recalling a league: the page's events stay."""
    page = "The NBA and the NFL postponed games. Iran accused Israel of attacking its tanker in the Red Sea."
    assert not issues.story_discarded(page)
    assert [(e.source.code, e.target.code, e.cameo) for e in events(coder, page)] == [("IRN", "ISR", "112")]
