"""Venues and a source's own people are not an event's parties: "talks in Moscow" and "the Minsk
talks" are where, whatever the kind of place; "withdrew its troops" targets the place withdrawn
from or no one. Each test asserts every event of its sentence (source, target, CAMEO code).
Sentences written for these tests."""
import pytest

MEETING = "040"


def events_of(coder, sentence):
    return coder.code_text(sentence, date="2019-06-01")


def dyads(events) -> set[tuple]:
    return {(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo) for e in events}


def both_ways(a: str, b: str, code: str = MEETING) -> set[tuple]:
    """A reciprocal meeting of coordinated subjects: each side towards the other."""
    return {(a, b, code), (b, a, code)}


# -- a place in a locative phrase is the venue, capital or not -------------------------------------

@pytest.mark.parametrize("sentence, expected, place", [
    ("Ukraine and Russia held talks on gas prices in Moscow.", both_ways("UKR", "RUS"), "Moscow"),
    ("Japan and India held talks in Tokyo.", both_ways("JPN", "IND"), "Tokyo"),
    ("Germany and France held a summit in Berlin.", both_ways("DEU", "FRA"), "Berlin"),
    ("Egypt and Jordan met in Cairo.", both_ways("EGY", "JOR"), "Cairo"),
    ("Egypt and Jordan met in Alexandria.", both_ways("EGY", "JOR"), "Alexandria"),
    ("Iran and Iraq began negotiations in Baghdad.", both_ways("IRN", "IRQ"), "Baghdad"),
])
def test_a_place_in_a_locative_phrase_is_the_venue_not_a_party(coder, sentence, expected, place):
    events = events_of(coder, sentence)
    assert dyads(events) == expected
    assert {e.location.name if e.location else None for e in events} == {place}


def test_a_venue_gives_the_same_dyads_as_no_place(coder):
    assert dyads(events_of(coder, "Japan and India held talks.")) == both_ways("JPN", "IND")


# -- a place before a meeting noun is the venue --------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("The Minsk talks between Russia and Ukraine ended without agreement.", both_ways("RUS", "UKR")),
    ("The Astana summit between Turkey and Iran ended.", both_ways("TUR", "IRN")),
    ("Turkey and Iran attended the Astana summit.", both_ways("TUR", "IRN")),
    ("Russia and Ukraine joined the Normandy format talks.", both_ways("RUS", "UKR")),
    ("The Geneva talks between Iran and Russia ended.", both_ways("IRN", "RUS")),
    ("Russia rejected the Minsk talks.", {("RUS", None, "125")}),
])
def test_a_place_before_a_meeting_noun_is_the_venue_not_a_party(coder, sentence, expected):
    assert dyads(events_of(coder, sentence)) == expected


def test_the_host_of_talks_is_a_party(coder):
    assert dyads(events_of(coder, "Qatar hosted talks between the United States and Afghanistan.")) == {
        ("QAT", "USA", "043"), ("QAT", "AFG", "043")}


# -- a capital as subject or object still stands for its government -----------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Moscow accused Kyiv of shelling.", {("RUSGOV", "UKRGOV", "112")}),
    ("Beijing criticized Washington.", {("CHNGOV", "USAGOV", "111")}),
    ("France condemned Damascus.", {("FRA", "SYRGOV", "111")}),
])
def test_a_capital_as_subject_or_object_is_its_government(coder, sentence, expected):
    assert dyads(events_of(coder, sentence)) == expected


def test_an_act_done_in_a_city_targets_its_country(coder):
    """Not a meeting: the country the act is done in is its target, as for a city that is no capital."""
    assert dyads(events_of(coder, "Israel struck targets in Damascus.")) == {("ISR", "SYR", "190")}


# -- a source's own forces, envoys and citizens are not its target ------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Russia withdrew its troops.", {("RUS", None, "087")}),
    ("Russia pulled its forces out of Aleppo.", {("RUS", "SYR", "087")}),
    ("Israel recalled its ambassador.", {("ISR", None, "161")}),
    ("Canada recalled its ambassador to Saudi Arabia.", {("CAN", "SAU", "161")}),
    ("Canada recalled its ambassador from Riyadh.", {("CAN", "SAU", "161")}),
    ("Britain withdrew its envoy from Iran.", {("GBR", "IRN", "161")}),
    ("Britain withdrew its ambassador from Tehran.", {("GBR", "IRN", "161")}),
    ("India evacuated its citizens from Yemen.", {("IND", "YEM", "166")}),
])
def test_the_sources_own_people_are_not_its_target(coder, sentence, expected):
    assert dyads(events_of(coder, sentence)) == expected


def test_expelling_anothers_diplomats_targets_that_state(coder):
    assert dyads(events_of(coder, "Poland expelled Russia's diplomats.")) == {("POL", "RUSGOV", "166")}


# -- the target's own place is not where an unnamed doer was ---------------------------------------

@pytest.fixture(scope="module")
def every_coder():
    """Events at every confidence: those with no doer named are set aside at the default threshold."""
    from newsevents.pipeline import Coder, Settings

    return Coder(Settings(min_confidence=0.0))


@pytest.mark.parametrize("sentence, expected", [
    # where it went: the destination is the target, not the doer's country
    ("Dozens of aid convoys went to Syria last week.", {(None, "SYR", "042")}),
    ("The unrest has now come to Bolivia.", {(None, "BOL", "042")}),
    # where it happened, named apart from the target, still places the doer
    ("A car bomb near Baghdad killed five policemen.", {("IRQ", "IRQCOP", "183")}),
])
def test_the_targets_own_place_does_not_name_the_doer(every_coder, sentence, expected):
    assert dyads(events_of(every_coder, sentence)) == expected


def test_an_act_with_no_doer_named_is_set_aside(coder, every_coder):
    sentence = "The unrest has now come to Bolivia."
    assert events_of(coder, sentence) == [] and len(events_of(every_coder, sentence)) == 1


# -- coordinated subjects of a reciprocal act are each other's party ---------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # a party named deeper, in what the talks pursue, is not their partner
    ("Kenya and Somalia held talks aimed at a deal for Ethiopian troops to leave the border.",
     both_ways("KEN", "SOM")),
    # a partner named on the act itself still is
    ("Russia and China held talks with Iran.", {("RUS", "IRN", MEETING), ("CHN", "IRN", MEETING)}),
])
def test_coordinated_parties_of_talks_meet_each_other(coder, sentence, expected):
    assert dyads(events_of(coder, sentence)) == expected
