"""Speakers in realistic news prose: pronouns, offices standing for a name, tags and quotation marks."""

from __future__ import annotations

from typing import Any

import pytest

from scorer import Scorer


def _quotes(scorer: Scorer, body: str) -> list[dict[str, Any]]:
    return list(scorer.analyse_body(body)["quotes"])


@pytest.mark.parametrize(
    "body",
    [
        "Maria Lopez, the mayor, spoke on Monday. 'We will rebuild,' she said.",
        "Maria Lopez, the mayor, spoke on Monday. \u2018We will rebuild,\u2019 she said.",
        'Maria Lopez, the mayor, spoke on Monday. \u201cWe will rebuild,\u201d she said.',
        'The mayor, Maria Lopez, toured the flooded streets on Monday.\n\n"We will rebuild," she said.',
        'Mayor Maria Lopez met Governor John Smith on Monday. "We will rebuild," she said.',
        # The latest sentence that names someone decides, not an earlier one.
        'Governor John Smith left on Sunday. Maria Lopez, the mayor, stayed. "We will rebuild," she said.',
    ],
)
def test_she_said_is_the_person_named_before(scorer: Scorer, body: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == ("Maria Lopez", "person", "tag")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "she"
    assert quote["text"].strip("'\"\u2018\u2019\u201c\u201d,") == "We will rebuild"


@pytest.mark.parametrize(
    "body",
    [
        # Two people, neither the subject of the sentence: "she" could be either.
        'On Monday, Mayor Maria Lopez met Governor Ann Smith. "We will rebuild," she said.',
        'Reporters asked Mayor Maria Lopez and Governor Ann Smith about it. "We will rebuild," she said.',
        # Named too long before.
        'Mayor Maria Lopez spoke. Rain fell. Roads closed. Schools shut. "We will rebuild," she said.',
    ],
)
def test_she_said_is_left_open_when_the_text_does_not_say_who(scorer: Scorer, body: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] is None and quote["speaker_start"] is None


def test_she_said_twice_counts_for_one_source(scorer: Scorer) -> None:
    body = (
        "Maria Lopez, the mayor, spoke on Monday.\n\n"
        '"We will rebuild the town from the ground up," she said.\n\n'
        'Asked about the cost, she added: "Whatever it takes."'
    )
    result = scorer.analyse_body(body)
    assert [q["speaker"] for q in result["quotes"]] == ["Maria Lopez", "Maria Lopez"]
    assert [(s["name"], s["quotes"]) for s in result["sources"]] == [("Maria Lopez", 2)]


@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('President Donald Trump met reporters on Monday. "We will act," the president said.', "Donald Trump",
         "the president"),
        ('President Donald Trump met reporters.\n\nThe president said: "We will act."', "Donald Trump",
         "The president"),
        ('Foreign Minister Jorge Arreaza flew in. "It is finished," the foreign minister said.', "Jorge Arreaza",
         "the foreign minister"),
        ('Foreign Minister Jorge Arreaza flew in. "It is finished," the minister said.', "Jorge Arreaza",
         "the minister"),
        ('Angela Merkel, the German chancellor, spoke. "We will act," the chancellor said.', "Angela Merkel",
         "the chancellor"),
        # The latest holder: a former one is not "the president".
        ('Former President Barack Obama spoke first. Later President Joe Biden arrived. The crowd cheered. '
         '"We will act," the president said.', "Joe Biden", "the president"),
        ('President Joe Biden arrived after former President Barack Obama. "We will act," the president said.',
         "Joe Biden", "the president"),
    ],
)
def test_an_office_alone_is_the_person_last_named_with_it(scorer: Scorer, body: str, speaker: str, said: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, "person")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == said


@pytest.mark.parametrize(
    "body",
    [
        # Two presidents in one sentence: "the president" could be either.
        'President Donald Trump met President Emmanuel Macron. "We will act," the president said.',
        # Nobody named with the office.
        'Donald Trump met reporters. "We will act," the president said.',
        # A different office.
        'Prime Minister Boris Johnson spoke. "We will act," the foreign minister said.',
    ],
)
def test_an_office_alone_stays_an_office_when_its_holder_is_not_clear(scorer: Scorer, body: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] in ("president", "foreign minister")


def test_the_president_and_president_donald_trump_are_one_source(scorer: Scorer) -> None:
    body = (
        'President Donald Trump said: "The regime is illegitimate."\n\n'
        "The president said the talks were over.\n\n"
        '"We are ready to act," the president added.'
    )
    result = scorer.analyse_body(body)
    assert [q["speaker"] for q in result["quotes"]] == ["Donald Trump", "Donald Trump"]
    assert [(s["name"], s["quotes"], s["reported"]) for s in result["sources"]] == [("Donald Trump", 2, 1)]
