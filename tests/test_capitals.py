"""Shouting capitals: emphasis words found, acronyms, numerals and layout caps left alone."""

from __future__ import annotations

import pytest

from scorer.extract import extract
from scorer.lexicon import Lexicon

from .conftest import SEED_HEADLINES


def shouted(headline: str, lexicon: Lexicon) -> list[str]:
    return [s.text for s in extract(headline, lexicon).spans_of("shouting")]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (SEED_HEADLINES[0], ["CHILLING", "RIOTS", "WILL"]),
        (SEED_HEADLINES[1], ["RIOTS", "FIRE"]),
        (SEED_HEADLINES[2], ["CRISIS"]),
        ("ÉCHEC total pour le gouvernement", ["ÉCHEC"]),
        ("Police say NO to march as city braces for DISASTER", ["NO", "DISASTER"]),
        ("TRUMP'S fury at EU trade deal", ["TRUMP'S"]),
        ("Prices SKY-HIGH as NHS waits grow", ["SKY-HIGH"]),
        ("Emoji 🔥 then SHOCK claim", ["SHOCK"]),
        ("ШОК: цены на хлеб снова растут", ["ШОК"]),
        ("ΣΟΚ για την κυβέρνηση μετά την ψηφοφορία", ["ΣΟΚ"]),
        ("Архив СССР открыт, КАТАСТРОФА для историков", ["КАТАСТРОФА"]),
        # MIX reads as a roman numeral (1009), but it is a word: shouted. XIV stays a numeral.
        ("DJ drops his summer MIX as Louis XIV exhibit opens", ["MIX"]),
        # Three-letter English words in capitals are shouted; three-letter initialisms are not.
        ("WAR looms as FCA talks FAIL", ["WAR", "FAIL"]),
        ("OMG you WON the lottery", ["OMG", "WON"]),
        ("SEX scandal rocks TUC conference", ["SEX"]),
        # Words whose consonants begin or end English words: still shouted.
        ("STRANGLED by debt: the TWELFTH family SHOULDN'T have to pay", ["STRANGLED", "TWELFTH", "SHOULDN'T"]),
        ("Fans SCREAM as SPRING tour sells out in WARMTH of June", ["SCREAM", "SPRING", "WARMTH"]),
    ],
)
def test_caps_finds_shouted_words(headline: str, expected: list[str], lexicon: Lexicon) -> None:
    assert shouted(headline, lexicon) == expected


@pytest.mark.parametrize(
    "headline",
    [
        "NATO and EU leaders meet FBI and NHS chiefs in the UK",
        "US and UK sign deal as COVID cases fall, says WHO",
        "CEO of BBC apologises to MPs over TV coverage",
        "Pope Benedict XVI and King Charles III attend World War II memorial",
        "G7 leaders agree on COVID-19 vaccine plan for UNICEF",
        "IMF warns of slowdown in GDP growth across ASEAN and OPEC nations",
        "A day in the life of an NHS nurse",
        "PSG beat RB Leipzig in UEFA Champions League",
        # Three-letter initialisms not on the list: not English words, so not shouting.
        "FCA fines TSB over IT failure",
        "TUC calls for four-day working week",
        "ESA and JAXA agree joint Mars sample mission",
        "BOE holds rates as ONS figures show slowdown",
        # Names in capitals that read as words, on the list.
        "NVIDIA and SONY shares rise as NASDAQ closes higher",
        "CERN physicists report new particle measurement",
        # Initialisms not on the list that begin or end with consonants no English word has there.
        "ASML and TSMC shares fall on export curbs",
        "OLPC laptop plan unveiled in Lagos",
        "FTSE closes higher as NCAA and ESPN agree deal",
        "NYPD and LAPD chiefs meet on ADHD drug thefts",
    ],
)
def test_caps_ignores_acronyms_numerals_and_digits(headline: str, lexicon: Lexicon) -> None:
    assert shouted(headline, lexicon) == []


def test_whole_headline_in_capitals_is_layout_not_shouting(lexicon: Lexicon) -> None:
    headline = "GOVERNMENT ANNOUNCES NEW BUDGET FOR SCHOOLS"
    extraction = extract(headline, lexicon)
    assert extraction.spans_of("shouting") == []
    (layout,) = extraction.spans_of("all_caps")
    assert layout.text == headline
    assert "layout" in layout.explanation
    assert extraction.features["all_caps"] == 1.0


@pytest.mark.parametrize(
    "headline",
    [
        "APPLE UNVEILS NEW iPhone",
        "APPLE UNVEILS NEW iPHONE",
        "SHOCK AS eBay SELLER JAILED",
        "McDonald's PROFITS SOAR AS PRICES RISE",
    ],
)
def test_a_brand_in_its_own_case_keeps_an_all_caps_headline_layout(headline: str, lexicon: Lexicon) -> None:
    extraction = extract(headline, lexicon)
    assert extraction.spans_of("shouting") == []
    assert [s.text for s in extraction.spans_of("all_caps")] == [headline]


def test_a_capitalised_word_still_counts_against_layout(lexicon: Lexicon) -> None:
    assert shouted("Venezuela RIOTS CHILLING WARNING", lexicon) == ["RIOTS", "CHILLING", "WARNING"]


def test_mostly_lower_case_headline_is_not_layout(lexicon: Lexicon) -> None:
    extraction = extract("Storm FURY: homes FLATTENED as winds HIT the coast", lexicon)
    assert extraction.spans_of("all_caps") == []
    assert [s.text for s in extraction.spans_of("shouting")] == ["FURY", "FLATTENED", "HIT"]


@pytest.mark.parametrize(
    "headline",
    [
        "ANALYSIS: Why inflation is proving sticky",
        "OPINION | The case for a carbon tax",
        "CORRECTION: Mayor did not resign",
        "Storm hits the coast (VIDEO)",
        "Storm hits the coast [WATCH]",
        "Storm hits the coast – LIVE",
        "FBI investigates AT&T security breach",
        "M&S and B&Q report higher sales",
        "TSLA, NVDA lead Nasdaq lower",
        "ACLU sues over new UCLA policy",
        "IN PICTURES: Floods sweep through northern England",  # labels of several words
        "FACT CHECK: Claims about migrant numbers examined",
        "LIVE UPDATES: Election results",
        "Election night – AS IT HAPPENED",
        "Floods sweep through northern England [IN PICTURES]",
        "UPDATE 2-Oil steadies as traders eye Fed",  # a wire service's numbered update
        "UPDATE 2 - Oil steadies as traders eye Fed",
    ],
)
def test_section_labels_ampersand_names_and_tickers_are_not_shouting(headline: str, lexicon: Lexicon) -> None:
    assert shouted(headline, lexicon) == []


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("WATCH this man's CRAZY stunt", ["WATCH", "CRAZY"]),  # a label word that is not in a label's place
        ("Voters WATCH as the LIVE count goes on", ["WATCH", "LIVE"]),
        ("SHOCKING: You won't believe this", ["SHOCKING"]),  # not a section label
        ("Voters IN PICTURES of CHAOS", ["IN", "PICTURES", "CHAOS"]),  # a label's words, not in a label's place
        ("Minister SLAMS critics – LIVE UPDATES", ["SLAMS"]),  # the label goes, the shouting stays
        ("FACT CHECK shows VAT RISE", ["FACT", "CHECK", "RISE"]),  # no mark after it: not a label
    ],
)
def test_label_words_elsewhere_are_still_shouting(headline: str, expected: list[str], lexicon: Lexicon) -> None:
    assert shouted(headline, lexicon) == expected


@pytest.mark.parametrize(
    "headline",
    [
        "PRESIDENT SIGNS BILL INTO LAW – video",
        "US ELECTION RESULTS 2024 – live",
        "ANALYSIS: PRESIDENT SIGNS BILL INTO LAW",
    ],
)
def test_an_all_caps_headline_with_a_section_label_is_still_layout(headline: str, lexicon: Lexicon) -> None:
    extraction = extract(headline, lexicon)
    assert extraction.spans_of("shouting") == []
    assert [s.text for s in extraction.spans_of("all_caps")] == [headline]


def test_the_layout_span_covers_the_whole_text_with_its_quotation_marks(lexicon: Lexicon) -> None:
    headline = "  'WE WILL FIGHT ON', SAYS PM (VIDEO)  "
    (layout,) = extract(headline, lexicon).spans_of("all_caps")
    assert (layout.start, layout.end) == (2, len(headline) - 2)
    assert layout.text == headline.strip() == headline[layout.start : layout.end]


@pytest.mark.parametrize(
    "word",
    # English words whose consonants begin or end them unusually: found by a review after the first
    # lists had taken TSUNAMI, ODDS and RHYTHM for initialisms; several are in the training headlines.
    "TSUNAMI ODDS EGGS ADDS APPS INNS WHILST AMONGST AMIDST EIGHTH BLITZ WALTZ QUARTZ JINX LYNX SPHINX SYNC ZINC "
    "CZECH WELSH RHYTHM RHINO CHLORINE PHLEGM PNEUMONIA SCULPT EXCERPTS ANGST KITSCH FJORD WRONG JAZZ DIDNT ISNT "
    "BURNT MORPH SCHMUCK SCLEROSIS".split(),
)
def test_english_words_with_unusual_consonant_clusters_still_shout(word: str, lexicon: Lexicon) -> None:
    assert shouted(f"Storm brings {word} to the coast as officials warn", lexicon) == [word]
