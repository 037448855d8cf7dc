"""Attribution in context: a quotation whose speaker is named only in the sentence after it."""

from __future__ import annotations

from typing import Any

import pytest

from scorer import Scorer


def _quotes(scorer: Scorer, body: str) -> list[dict[str, Any]]:
    return list(scorer.analyse_body(body)["quotes"])


@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('"We will not back down." The words came from Interior Minister Ana Ruiz on Tuesday.', "Ana Ruiz",
         "Interior Minister Ana Ruiz"),
        ('"We will not back down. We never have."\n\nSo said Ana Ruiz.', "Ana Ruiz", "Ana Ruiz"),
        ('"We will not back down." So said Ana Ruiz, the interior minister, on Tuesday.', "Ana Ruiz", "Ana Ruiz"),
        ("\u201cWe will not back down.\u201d Those were the words of Ana Ruiz as she left the building.",
         "Ana Ruiz", "Ana Ruiz"),
        ('"We will not back down." The warning came from a spokesman for the Interior Ministry.',
         "Interior Ministry", "a spokesman for the Interior Ministry"),
        ('"We will not back down." The remarks came from Tom Reed of Amnesty International.', "Tom Reed",
         "Tom Reed of Amnesty International"),
    ],
)
def test_a_quotation_is_given_to_the_speaker_named_in_the_next_sentence(
    scorer: Scorer, body: str, speaker: str, said: str
) -> None:
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["attributed_by"]) == (speaker, "following")
    start = body.index(said)
    assert (quote["speaker_start"], quote["speaker_end"]) == (start, start + len(said))
    assert [(s["name"], s["quotes"], s["reported"]) for s in result["sources"]] == [(speaker, 1, 0)]


def test_the_president_named_in_the_next_sentence_is_the_office_holder(scorer: Scorer) -> None:
    body = 'President Joe Biden met reporters.\n\n"We will act." So said the president.'
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["attributed_by"]) == ("Joe Biden", "following")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "the president"


def test_a_named_speaker_after_a_quotation_outweighs_the_previous_speaker(scorer: Scorer) -> None:
    body = '"We will rebuild," said Mayor Maria Lopez.\n\n"We will not back down." So said Ana Ruiz.'
    assert [q["speaker"] for q in _quotes(scorer, body)] == ["Maria Lopez", "Ana Ruiz"]


@pytest.mark.parametrize(
    "body",
    [
        # The next sentence names someone but does not say the words were theirs.
        '"We will not back down." Ana Ruiz arrived on Tuesday.',
        '"We will not back down." The crowd came from Madrid.',
        # A label inside a sentence is not a statement the next sentence can own.
        'The plan was "pure fantasy". So said Ana Ruiz.',
        # The quotation does not end its sentence.
        '"We will not back down" was the slogan. So said Ana Ruiz.',
        # Something other than white space stands between them.
        '"We will not back down." Officials agreed. So said Ana Ruiz.',
        # A pronoun or an unnamed group is not named: nothing to hand the quotation to.
        '"We will not back down." So said she.',
        '"We will not back down." The words came from protesters.',
    ],
)
def test_the_next_sentence_names_a_speaker_only_when_it_says_so(scorer: Scorer, body: str) -> None:
    assert [q["speaker"] for q in _quotes(scorer, body)] == [None]


@pytest.mark.parametrize(
    "body",
    [
        'Mr Streeting told Sky News: "We will fix the NHS."',
        'Mr Streeting told reporters on Monday: "We will fix the NHS."',
        'Mr Streeting said: "We will fix the NHS."',
    ],
)
def test_a_lead_in_with_a_listener_is_not_also_reported_speech(scorer: Scorer, body: str) -> None:
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"], s["quotes"], s["reported"]) for s in sources] == [("Streeting", 1, 0)]


def test_reported_speech_before_a_lead_in_is_still_reported(scorer: Scorer) -> None:
    body = 'Mr Streeting said the service was broken, adding: "We will fix the NHS."'
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["attributed_by"]) == ("Streeting", "reported")
    assert [(s["name"], s["quotes"], s["reported"], s["reported_words"]) for s in result["sources"]] == [
        ("Streeting", 1, 1, 4)
    ]



@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('"We will not back down." So said the interior minister.', "interior minister", "the interior minister"),
        ('Interior Minister Ana Ruiz arrived.\n\n"We will not back down." So said the interior minister.', "Ana Ruiz",
         "the interior minister"),
        ('"We will not back down." So said the education secretary on Tuesday.', "education secretary",
         "the education secretary"),
    ],
)
def test_so_said_an_office_with_a_lower_case_portfolio_is_that_office(
    scorer: Scorer, body: str, speaker: str, said: str
) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == (speaker, "person", "following")
    start = body.index(said, body.index("So said"))
    assert (quote["speaker_start"], quote["speaker_end"]) == (start, start + len(said))


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        (
            "\u201eDas ist ein guter Tag\u201c, sagte Ministerin Katrin Vogel. "
            "Die Opposition sprach von einem \u201eChaos-Gesetz\u201c.",
            ["\u201eDas ist ein guter Tag\u201c", "\u201eChaos-Gesetz\u201c"],
        ),
        ("\u00bbDas ist gut\u00ab, sagte Vogel. Er ging.", ["\u00bbDas ist gut\u00ab"]),
        ("\u00ab Bonjour \u00bb, dit-il. \u00abMerci\u00bb, dit-elle.", ["\u00ab Bonjour \u00bb", "\u00abMerci\u00bb"]),
        (
            "She said: \u201cWe will win.\u201d Then \u201canother\u201d.",
            ["\u201cWe will win.\u201d", "\u201canother\u201d"],
        ),
    ],
)
def test_german_french_and_english_quotation_marks_pair_up(scorer: Scorer, body: str, quoted: list[str]) -> None:
    quotes = _quotes(scorer, body)
    assert [q["text"] for q in quotes] == quoted and all(q["closed"] for q in quotes)
