"""Property tests: arbitrary bodies never crash the analysis and every offset is exact."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer import InputError, Scorer
from scorer.extract import letters_problem

_scorer = Scorer.load()

PIECES = st.sampled_from(
    [
        "Trump said: ",
        "she said.",
        ", it said.",
        "READ MORE: ",
        "source: ",
        "\n",
        "\n\n",
        " ",
        ". ",
        "Dr. ",
        "U.S. ",
        '"',
        "'",
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "regime",
        "brutal",
        "insists",
        "it is believed",
        "critics say",
        "clearly",
        "Mr Maduro",
        "The Ministry",
        "what he calls",
        "\u00a9",
        "!",
        "?",
        "\u2026",
        "😱",
        "\u200b",
        "\r\n",
        "\t",
    ]
)
BODIES = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=80).map("".join),
)


def _check_offsets(body: str, result: dict[str, Any]) -> None:
    for item in result["evidence"] + result["quotes"] + result["cross_promoted"] + result["excluded"]:
        assert 0 <= item["start"] <= item["end"] <= len(body)
        assert body[item["start"] : item["end"]] == item["text"]
    for span in result["evidence"]:
        assert span["voice"] in ("outlet", "quoted")
        assert (span["speaker"] is None) or span["voice"] == "quoted"
    previous_end = 0
    for sentence in result["sentences"]:
        assert previous_end <= sentence["start"] < sentence["end"] <= len(body)
        assert 0.0 <= sentence["score"] <= 1.0
        previous_end = sentence["end"]
    for quote in result["quotes"]:
        if quote["speaker_start"] is not None:
            assert 0 <= quote["speaker_start"] < quote["speaker_end"] <= len(body)
    assert 0.0 <= result["score"] <= 1.0


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BODIES)
def test_body_analysis_never_crashes_and_offsets_are_exact(body: str) -> None:
    try:
        result = _scorer.analyse_body(body)
    except InputError:
        assert not body.strip() or letters_problem(body, "body")
        return
    _check_offsets(body, result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join), st.integers(min_value=50, max_value=400))
def test_repeated_pieces_at_length_stay_consistent(piece: str, times: int) -> None:
    body = (piece * times)[:20_000]
    if not body.strip() or letters_problem(body, "body"):
        return
    _check_offsets(body, _scorer.analyse_body(body))
