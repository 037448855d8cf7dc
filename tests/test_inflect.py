"""Neutral alternatives in the grammatical form of the loaded word they replace."""

from __future__ import annotations

import pytest

from scorer import Scorer
from scorer.inflect import article_for, inflect_alternative, inflection, is_title_case, match_case, with_article


@pytest.mark.parametrize(
    ("lemma", "form", "expected"),
    [
        ("slam", "slam", ""),
        ("slam", "slams", "s"),
        ("slam", "slammed", "ed"),
        ("slam", "slamming", "ing"),
        ("confess", "confesses", "s"),
        ("hit out", "hits out", "s"),
        ("take a swipe at", "took a swipe at", "ed"),
        ("take a swipe at", "taken a swipe at", "en"),
        ("brutal", "brutally", "ly"),
        ("deadly", "deadlier", "er"),
        ("deadly", "deadliest", "est"),
        ("henchman", "henchmen", "s"),
        ("furore", "furor", None),  # a spelling variant, not an inflection
        ("climb down", "climbdown", None),
    ],
)
def test_inflection_is_read_off_the_difference_from_the_lemma(lemma: str, form: str, expected: str | None) -> None:
    assert inflection(lemma, form) == expected


@pytest.mark.parametrize(
    ("lemma", "form", "alternative", "expected"),
    [
        ("slam", "slams", "criticise", "criticises"),
        ("slam", "slammed", "criticise", "criticised"),
        ("slam", "slamming", "criticise", "criticising"),
        ("plunge", "plunged", "fall", "fell"),
        ("soar", "soaring", "rise", "rising"),
        ("climb down", "climbed down", "withdraw", "withdrew"),
        ("tear into", "torn into", "criticise", "criticised"),
        ("hit back", "hits back", "respond", "responds"),
        ("storm out", "stormed out", "leave", "left"),
        ("admit", "admitted", "say", "said"),
        ("loom", "looms", "approach", "approaches"),
        ("crony", "cronies", "associate", "associates"),
        ("puppet", "puppets", "ally", "allies"),
        ("junta", "juntas", "military government", "military governments"),
        ("spin doctor", "spin doctors", "adviser", "advisers"),
        ("mouthpiece", "mouthpieces", "spokesperson", "spokespeople"),
        ("massacre", "massacres", "killing", "killings"),
        ("massacre", "massacred", "killing", "killed"),
        ("menace", "menacing", "threat", "threatening"),
        ("bloodbath", "bloodbaths", "killings", "killings"),  # already plural
        ("sham", "shams", "disputed", "disputed"),  # an adjective takes no -s
        ("rampage", "rampages", "violence", "violence"),  # nor does a mass noun
        ("rampage", "rampaged", "violence", None),  # a noun has no participle: no suggestion
        ("rage", "raging", "anger", None),  # not "angering"
        ("panic", "panicking", "concern", "worrying"),  # the verb of the noun, not "concerning"
        ("outrage", "outraged", "criticism", None),
        ("doom", "doomed", "failure", None),
        ("brutal", "brutally", "harsh", "harshly"),
        ("dramatic", "dramatically", "significant", "significantly"),
        ("phenomenal", "phenomenally", "notable", "notably"),
        ("staggering", "staggeringly", "large", "very"),  # not "largely"
        ("deadly", "deadliest", "fatal", "most fatal"),
        ("scary", "scarier", "worrying", "more worrying"),
        ("furore", "furor", "controversy", "controversy"),
    ],
)
def test_the_alternative_takes_the_form_of_the_word_found(
    lemma: str, form: str, alternative: str, expected: str | None
) -> None:
    assert inflect_alternative(lemma, form, alternative) == expected


@pytest.mark.parametrize(
    ("found", "first", "expected"),
    [("Fury", True, "Anger"), ("fury", True, "anger"), ("FURY", True, "anger"), ("Fury", False, "anger")],
)
def test_a_capital_opening_the_headline_is_kept_but_shouting_is_not(found: str, first: bool, expected: str) -> None:
    assert match_case(found, "anger", first) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("An Amazing Valentine's Day Surprise", True),
        ("It Got Weird at the Oscars", True),  # minor words stay lower case
        ("NHS Staff Quit In Shocking Numbers", True),  # an acronym is neither
        ("Minister's astonishing U-turn on tax", False),
        ("PM SLAMS CRITICS OVER PLAN", False),  # capitals are layout or shouting, not title case
        ("Fury At Council Plan", True),
        ("Fury at council plan", False),
        ("Fury At Plan", False),  # too few words to tell
    ],
)
def test_title_case_is_told_from_sentence_case(words: str, expected: bool) -> None:
    assert is_title_case(words.split()) is expected


@pytest.mark.parametrize(
    ("headline", "word", "suggestion"),
    [
        ("An Amazing Valentine's Day Surprise", "Amazing", "Notable"),  # title case: the suggestion too
        ("It Got Weird at the Oscars", "Weird", "Unusual"),
        ("Trump Slams Biden Over Tyranny Claims", "Tyranny", "Authoritarian Rule"),  # each word of it
        ("Minister makes astonishing U-turn on tax", "U-turn", "change"),  # sentence case: the word's own capital
    ],
)
def test_a_suggestion_in_a_title_case_headline_is_capitalised(
    scorer: Scorer, headline: str, word: str, suggestion: str
) -> None:
    spans = {e.span.text: e.span.suggestion for e in scorer.score(headline).evidence if e.span.kind == "loaded"}
    assert spans[word] == suggestion


def test_every_lexicon_alternative_inflects_to_words(scorer: Scorer) -> None:
    """Each form of each term gives a non-empty suggestion of letters, spaces and hyphens only."""
    for term in scorer.lexicon.terms:
        if not term.alternative:
            continue
        for form in term.forms:
            suggestion = inflect_alternative(term.lemma, form, term.alternative)
            assert suggestion is None or (suggestion and all(c.isalpha() or c in " -" for c in suggestion)), form


@pytest.mark.parametrize(
    ("headline", "word", "suggestion"),
    [
        ("Minister slams plan for new runway", "slams", "criticises"),
        ("Minister slammed plan for new runway", "slammed", "criticised"),
        ("Shares plunged after profit warning", "plunged", "fell"),
        ("Fury as council shuts library", "Fury", "Anger"),
        ("Merkel makes U-turn on burka ban", "U-turn", "change"),  # a capital of the word's own
    ],
)
def test_scored_headlines_suggest_the_inflected_alternative(
    scorer: Scorer, headline: str, word: str, suggestion: str
) -> None:
    (span,) = [e.span for e in scorer.score(headline).evidence if e.span.kind == "loaded"]
    assert (span.text, span.suggestion) == (word, suggestion)
    assert f"a neutral alternative is “{suggestion}”" in span.explanation


def test_a_participle_with_a_noun_alternative_gets_no_suggestion(scorer: Scorer) -> None:
    (span,) = [e.span for e in scorer.score("Raging Trump lashes out at judge").evidence if e.span.text == "Raging"]
    assert span.suggestion is None and "alternative" not in span.explanation


def test_a_quoted_loaded_word_gets_no_alternative(scorer: Scorer) -> None:
    result = scorer.score("Residents describe 'terrifying' night as storm batters coast")
    (span,) = [e.span for e in result.evidence if e.span.kind == "loaded"]
    assert span.voice == "quoted" and span.suggestion is None
    assert span.explanation == "“terrifying” is a fear or threat word; it is quoted, so no alternative is offered."
    assert result.to_dict()["evidence"][[e.span for e in result.evidence].index(span)]["suggestion"] is None


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("significant", "a"),
        ("unusual", "an"),
        ("angry", "an"),
        ("unique", "a"),  # a vowel letter said as a consonant
        ("European", "a"),
        ("one-off", "a"),
        ("honest", "an"),  # a silent h
        ("hour-long", "an"),
        ("very high", "a"),
    ],
)
def test_the_article_follows_the_sound_of_the_next_word(phrase: str, article: str) -> None:
    assert article_for(phrase) == article


@pytest.mark.parametrize(
    ("article", "wanted", "expected"), [("An", "a", "A significant"), ("an", "a", "a significant"),
                                        ("AN", "a", "A significant"), ("A", "an", "An significant")]
)
def test_the_new_article_is_written_in_the_case_of_the_old(article: str, wanted: str, expected: str) -> None:
    assert with_article(article, wanted, "significant") == expected
