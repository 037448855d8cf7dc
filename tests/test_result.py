"""The result's JSON form: evidence dicts, rounding, and the strongest evidence first."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer import InputError, Scorer
from scorer.result import Evidence, rounded, rounded_by_key
from scorer.spans import Span
from tests.conftest import SEED_HEADLINES

MORE = (
    "You will never guess what you will never see: you will be shocked",
    "Is this the end? SHOCKING!!! 'We WILL act,' says minister",
    "Man bites dog in quiet suburb",
)


def test_evidence_dict_is_the_span_dict_with_rounded_numbers(scorer: Scorer) -> None:
    results = scorer.score_many([*SEED_HEADLINES, *MORE])
    evidence = [e for r in results for e in r.evidence]
    assert evidence
    for e in evidence:
        expected = {**e.span.to_dict(), "intensity": rounded(e.span.intensity), "weight": rounded(e.weight)}
        assert e.to_dict() == expected
        assert list(e.to_dict()) == list(expected)  # the same key order


def _evidence(text: str, start: int, weight: float) -> Evidence:
    span = Span(start, start + len(text), text, "loaded", "fear", 0.5, "a fear word")
    return Evidence(span, weight)


def test_top_evidence_is_strongest_first_and_keeps_order_among_equals(scorer: Scorer) -> None:
    base = scorer.score("Riots spread")
    evidence = (
        _evidence("a", 0, 0.2),
        _evidence("b", 2, 0.9),
        _evidence("c", 4, -1.0),
        _evidence("d", 6, 0.2),
        _evidence("e", 8, 0.5),
    )
    result = base._replace(evidence=evidence)
    assert [e.span.text for e in result.top_evidence(3)] == ["b", "e", "a"]
    assert [e.span.text for e in result.top_evidence(10)] == ["b", "e", "a", "d"]  # never a lowering span


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"shouting": 0.1234567, "clickbait": 1.0, "emotive": -0.0000004},
            {"clickbait": 1.0, "emotive": -0.0, "shouting": 0.123457},
        ),
        ({}, {}),
        ({"b": math.inf, "a": 1.23456789, "c": -math.inf}, {"a": 1.234568, "b": math.inf, "c": -math.inf}),
    ],
)
def test_rounded_by_key_sorts_keys_and_rounds(values: dict[str, float], expected: dict[str, float]) -> None:
    out = rounded_by_key(values)
    assert out == expected
    assert list(out) == sorted(values)



def test_results_pickle_so_they_can_cross_processes(scorer: Scorer) -> None:
    import pickle

    body = 'Trump said the deal was "a disaster". The ministry later said it disagreed.'
    for result in [*scorer.score_many([*SEED_HEADLINES, *MORE]), scorer.score(SEED_HEADLINES[0], body=body)]:
        copy = pickle.loads(pickle.dumps(result))
        assert copy.to_dict() == result.to_dict()
        assert copy.top_evidence() == result.top_evidence()
        with pytest.raises(TypeError):
            copy.components["shouting"] = 0.0  # type: ignore[index]  # still read-only


def test_score_many_takes_generators_and_tuples_of_headlines_and_bodies(scorer: Scorer) -> None:
    expected = scorer.score_many(list(SEED_HEADLINES), ["The RIOTS were a disaster.", None, None])
    got = scorer.score_many((h for h in SEED_HEADLINES), iter(("The RIOTS were a disaster.", None, None)))
    assert got == expected
    assert scorer.score_many(tuple(SEED_HEADLINES)) == scorer.score_many(list(SEED_HEADLINES))


@pytest.mark.parametrize(
    ("headlines", "bodies", "match"),
    [
        ("SHOCK", None, "not one string; use score"),
        (["SHOCK"], "The body.", "one body"),
    ],
)
def test_score_many_refuses_a_single_string(scorer: Scorer, headlines: Any, bodies: Any, match: str) -> None:
    with pytest.raises(InputError, match=match):
        scorer.score_many(headlines, bodies)


def test_top_evidence_refuses_a_negative_count(scorer: Scorer) -> None:
    result = scorer.score(SEED_HEADLINES[0])
    assert result.top_evidence(0) == []
    with pytest.raises(ValueError, match="n must be 0 or more, not -1"):
        result.top_evidence(-1)


def _reference_rounding(value: float) -> float:
    try:
        return round(value * 10**6) / 10**6
    except (OverflowError, ValueError):
        return value


@given(st.floats() | st.integers(-(10**12), 10**12).map(lambda n: n / 2 / 10**6))  # halves of the last digit too
def test_rounded_is_exactly_round_to_six_places(value: float) -> None:
    assert repr(rounded(value)) == repr(_reference_rounding(value))


@pytest.mark.parametrize(
    "value", [0.0000005, 0.0000015, -0.0000025, 2.0**51 / 10**6, -(2.0**51) / 10**6, 1e300, -0.0, 123456789.1234565]
)
def test_rounded_at_ties_and_at_the_edge_of_the_fast_path(value: float) -> None:
    assert repr(rounded(value)) == repr(_reference_rounding(value))


@pytest.mark.parametrize(
    ("table", "match"),
    [
        ({"Markets SOAR!": 1, "Budget passed": 2}, "not a dict .*it would score the keys"),
        (pytest.importorskip("pandas").DataFrame({"headline": ["Markets SOAR!"]}), "not a DataFrame .*score_frame"),
    ],
)
def test_score_many_refuses_a_dict_or_a_frame_whose_keys_it_would_score(
    scorer: Scorer, table: object, match: str
) -> None:
    with pytest.raises(InputError, match=match):
        scorer.score_many(table)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [(float("nan"), "a missing value (NaN)"), (None, "null (no value)"), ("x" * 2_001, "2,001 characters")],
)
def test_a_bad_headline_in_score_many_is_named_by_its_position(scorer: Scorer, bad: object, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        scorer.score_many(["Budget passed", "Markets SOAR!", bad])  # type: ignore[list-item]
    assert str(caught.value).startswith("headline 2 of 3 (counting from 0): headline ") and reason in str(caught.value)


def test_results_are_read_only_even_the_model_and_body_shared_across_a_batch(scorer: Scorer) -> None:
    first, second = scorer.score_many(["Markets SOAR!", "Budget passed"], ["Shares SOARED today.", None])
    with pytest.raises(TypeError):
        first.model["version"] = "edited"  # type: ignore[index]
    with pytest.raises(TypeError):
        first.body["score"] = 1.0  # type: ignore[index]
    assert second.model["version"] == scorer.model.version and first.to_dict()["body"]["score"] != 1.0
