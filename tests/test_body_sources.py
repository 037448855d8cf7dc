"""The sources table: one row per speaker, however the speaker is named, built in linear time."""

from __future__ import annotations

import pytest

from scorer import Scorer
from scorer.body.attribution import AttributedQuote
from scorer.body.quotes import Quote
from scorer.body.sources import build_sources

from .test_body_hostile import _finishes


def _quotes(speakers: list[tuple[str, str]]) -> list[AttributedQuote]:
    return [
        AttributedQuote(Quote(n, n + 1, n, n + 1, "double", True, 0), name, kind, None, "tag", 3)
        for n, (name, kind) in enumerate(speakers)
    ]


@pytest.mark.parametrize(
    ("speakers", "rows"),
    [
        ([("Trump", "person"), ("Donald Trump", "person")], [("Donald Trump", 2)]),
        ([("Jane Doe", "person"), ("John Doe", "person"), ("Doe", "person")], [("Jane Doe", 2), ("John Doe", 1)]),
        ([("the Ministry", "organisation"), ("Ministry", "organisation")], [("the Ministry", 1), ("Ministry", 1)]),
        ([("Smith", "person"), ("smith", "organisation")], [("Smith", 2)]),
        # The source takes the fuller name, and is then that person's only.
        ([("Doe", "person"), ("Jane Doe", "person"), ("John Doe", "person")], [("Jane Doe", 2), ("John Doe", 1)]),
    ],
)
def test_speakers_are_tabled_by_name_surname_and_fullest_form(
    speakers: list[tuple[str, str]], rows: list[tuple[str, int]]
) -> None:
    assert [(s["name"], s["quotes"]) for s in build_sources(_quotes(speakers), [])] == rows


def test_thousands_of_speakers_are_tabled_in_linear_time() -> None:
    # Every quotation was compared with every source so far: 20,000 speakers would have taken minutes.
    assert _finishes(
        """
        from scorer.body.attribution import AttributedQuote
        from scorer.body.quotes import Quote
        from scorer.body.sources import build_sources
        quotes = [
            AttributedQuote(Quote(n, n + 1, n, n + 1, "double", True, 0), f"Jane Q{n}x Doe", "person", None, "tag", 1)
            for n in range(20_000)
        ]
        assert len(build_sources(quotes, [])) == 20_000
        """
    )


@pytest.mark.parametrize(
    ("body", "sources"),
    [
        ("Reyes added a third goal after the break. The crowd cheered.", []),
        ("Graham Pike admitted 14 counts of fraud at the court.", []),
        ("City conceded a penalty in the final minute.", []),
        ("Ms Dunn admitted the plan had failed badly.", ["Dunn"]),
        ("Mr Lee added that the talks would go on.", ["Lee"]),
    ],
)
def test_a_speech_verb_with_a_thing_as_its_object_reports_no_speech(
    scorer: Scorer, body: str, sources: list[str]
) -> None:
    assert [s["name"] for s in scorer.analyse_body(body)["sources"]] == sources


@pytest.mark.parametrize(
    ("body", "attributed"),
    [
        ("The regime is illegitimate and brutal, President Donald Trump said.", True),
        ("The regime is illegitimate and brutal, she said.", True),
        ("The regime is brutal, the ministry said.", True),
        ("The regime is brutal, officials said.", False),  # a group: no one to check, as "analysts warned"
        ("The regime is brutal.", False),
        ("The brutal regime, which said nothing, fell.", False),
    ],
)
def test_a_sentence_that_ends_with_its_source_is_attributed_without_quotation_marks(
    scorer: Scorer, body: str, attributed: bool
) -> None:
    (sentence,) = scorer.analyse_body(body)["sentences"]
    assert (sentence["attributed"], sentence["unattributed_claim"]) == (attributed, not attributed)
