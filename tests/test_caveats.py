"""Warnings with a score: too short a headline, or one mostly of words the model never learned."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from scorer import Scorer
from scorer.caveats import Caveat, caveats, known_words
from scorer.rules import RuleModel

DATA = Path(__file__).resolve().parent / "data"
VOCABULARY = frozenset({"storm", "hits", "the", "coast", "as", "power", "fails"})


def _lines(name: str) -> list[str]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def _codes(found: tuple[Caveat, ...]) -> list[str]:
    return [c.code for c in found]


@pytest.mark.parametrize(
    ("norms", "expected"),
    [
        ((), ["too_short"]),
        (("storm",), ["too_short"]),
        (("storm", "2024", "99"), ["too_short"]),  # numbers are not words
        (("storm", "hits"), ["too_short"]),
        (("storm", "hits", "coast"), []),
        (("storm", "hits", "la", "côte"), []),  # exactly half known: no warning
        (("tempête", "sur", "la", "côte", "as"), ["unfamiliar_words"]),  # one of five
        (("la", "tempête", "frappe", "la", "côte", "storm", "hits"), ["unfamiliar_words"]),  # two of seven
        (("storm", "hits", "the", "coast", "as", "power", "fails"), []),
        (("the", "the", "the", "the", "the"), ["repeated_words"]),
        (("storm", "storm", "hits", "hits"), ["repeated_words"]),  # two different words
        (("storm", "hits", "storm", "hits", "the", "storm", "storm"), ["repeated_words"]),  # four of seven repeat
        (("storm", "hits", "the", "storm", "coast", "storm"), []),  # two of six repeat: a real headline can
        (("la", "la", "la", "la", "côte"), ["repeated_words"]),  # repetition is named before the language
    ],
)
def test_caveats_by_word_count_and_known_share(norms: tuple[str, ...], expected: list[str]) -> None:
    assert _codes(caveats(norms, VOCABULARY)) == expected


def test_three_unknown_words_are_too_few_to_call_another_language() -> None:
    assert caveats(("zelensky", "meets", "scholz"), VOCABULARY) == ()


@pytest.mark.parametrize(
    "headline",
    ["Zelensky meets Sunak in Kyiv", "Scholz and Macron meet Zelensky in Kyiv", "Modi hosts Lula and Ramaphosa"],
)
def test_names_in_a_sentence_case_headline_are_not_unfamiliar_words(scorer: Scorer, headline: str) -> None:
    assert scorer.score(headline).warnings == ()
    extraction = scorer.extract("Zelensky meets Sunak in Kyiv")  # two of five words known: flagged before
    assert _codes(caveats(extraction.norms, scorer.model.vocabulary)) == ["unfamiliar_words"]


def test_a_title_case_headline_keeps_every_word_in_the_language_check(scorer: Scorer) -> None:
    # Every word capitalised: a capital says nothing about names.
    assert _codes(scorer.score("Le Gouvernement Annonce Une Réforme Choc Des Retraites").warnings) == [
        "unfamiliar_words"
    ]


def test_without_a_vocabulary_only_length_is_checked() -> None:
    assert caveats(("la", "tempête", "frappe", "la", "côte"), None) == ()
    assert _codes(caveats(("storm",), None)) == ["too_short"]


def test_known_words_counts_words_not_numbers() -> None:
    assert known_words(("storm", "3", "la", "hits", "2025"), VOCABULARY) == (2, 3)


@pytest.mark.parametrize(
    ("headline", "count"), [("x", "only one word"), ("Storm hits", "only 2 words"), ("1x", "only one word")]
)
def test_short_headlines_say_how_many_words_they_have(scorer: Scorer, headline: str, count: str) -> None:
    (caveat,) = scorer.score(headline).warnings
    assert caveat.code == "too_short"
    assert f"The headline has {count};" in caveat.message


def test_english_headlines_get_no_warning(scorer: Scorer) -> None:
    warned = {h: _codes(scorer.score(h).warnings) for h in _lines("english_headlines.txt")}
    assert len(warned) == 28
    assert {h: codes for h, codes in warned.items() if codes} == {}


def test_headlines_in_other_latin_script_languages_are_flagged(scorer: Scorer) -> None:
    rows = [line.split("\t") for line in _lines("latin_script_headlines.tsv")]
    assert len(rows) == 60 and {lang for lang, _ in rows} == {"es", "fr", "de", "it", "pt", "nl"}
    missed = [text for _, text in rows if _codes(scorer.score(text).warnings) != ["unfamiliar_words"]]
    # 57 of 60 when the threshold was set; 55 since capitalised unknown words in sentence case count as
    # names (German capitalises its nouns), which spares 25 of the 99 English headlines flagged before.
    assert len(missed) <= 5, missed


def test_the_message_names_the_counts(scorer: Scorer) -> None:
    (caveat,) = scorer.score("Le gouvernement annonce une réforme choc des retraites").warnings
    assert caveat.code == "unfamiliar_words"
    assert "knows only 1 of the headline's 8 words" in caveat.message
    assert "English news" in caveat.message


def test_warnings_are_in_the_json_and_survive_pickling(scorer: Scorer) -> None:
    result = scorer.score("Die Regierung plant neue Steuern für alle Bürger")
    assert result.to_dict()["warnings"] == [w.to_dict() for w in result.warnings]
    assert result.to_dict()["warnings"][0]["code"] == "unfamiliar_words"
    assert pickle.loads(pickle.dumps(result)).warnings == result.warnings
    assert scorer.score(_lines("english_headlines.txt")[0]).to_dict()["warnings"] == []


def test_score_many_gives_the_same_warnings_as_score(scorer: Scorer) -> None:
    headlines = ["x", *_lines("english_headlines.txt")[:3], "Il governo approva la nuova legge sul lavoro"]
    assert [r.warnings for r in scorer.score_many(headlines)] == [scorer.score(h).warnings for h in headlines]


def test_a_repeated_word_gets_a_warning_not_a_confident_score(scorer: Scorer) -> None:
    result = scorer.score("The the the the the")
    (caveat,) = result.warnings
    assert caveat.code == "repeated_words"
    assert "has 5 words but only one different word;" in caveat.message
    # Case does not make a word different; an ordinary headline with one repeat is not flagged.
    (caveat,) = scorer.score("WAR war War war").warnings
    assert caveat.code == "repeated_words" and "has 4 words but only one different word;" in caveat.message
    assert "only 2 different words;" in scorer.score("Boom bust boom bust").warnings[0].message
    assert scorer.score("Storm after storm hits the coast as power fails").warnings == ()


def test_the_rule_model_warns_only_about_length(scorer: Scorer) -> None:
    rules = Scorer(model=RuleModel(), lexicon=scorer.lexicon)
    assert rules.score("Il governo approva la nuova legge sul lavoro").warnings == ()
    assert _codes(rules.score("Wow").warnings) == ["too_short"]


def test_a_possessive_counts_as_its_word() -> None:
    assert known_words(["minister's", "claims", "ministers'", "x's"], {"minister", "claims"}) == (2, 4)


def test_an_english_headline_with_a_possessive_is_not_unfamiliar(scorer: Scorer) -> None:
    assert scorer.score("Minister's outrageous claims spark outrage").warnings == ()
