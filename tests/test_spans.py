"""resolve_overlaps: the one overlap policy, checked against the simple algorithm it replaced."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.spans import KIND_LAYER, SMALL_LAYER, Span, resolve_overlaps

from .test_body_hostile import _finishes


def _simple_resolve(spans: list[Span]) -> list[Span]:
    """The reference: each span, best first, kept unless it overlaps any span kept before it (O(n²))."""
    by_layer: dict[str, list[Span]] = {}
    for span in spans:
        by_layer.setdefault(KIND_LAYER.get(span.kind, span.kind), []).append(span)
    kept: list[Span] = []
    for layer_spans in by_layer.values():
        chosen: list[Span] = []
        for candidate in sorted(layer_spans, key=lambda s: (-(s.end - s.start), s.start, -s.intensity)):
            if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
                chosen.append(candidate)
        kept.extend(chosen)
    kept.sort(key=lambda s: (s.start, s.end, s.kind))
    return kept


def _span(start: int, length: int, kind: str, intensity: float, tag: int) -> Span:
    return Span(start, start + length, "x" * length, kind, f"c{tag}", intensity, "")


_SPAN = st.builds(
    _span,
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=12),  # zero-length spans included
    st.sampled_from([*KIND_LAYER, "hedge", "assertive"]),
    st.sampled_from([0.2, 0.5, 0.5, 0.9]),  # repeated values: ties on every key
    st.integers(min_value=0, max_value=3),  # tells apart spans equal on every key
)


@settings(max_examples=400)
@given(st.lists(_SPAN, max_size=60))
def test_overlaps_are_resolved_as_the_simple_algorithm_resolves_them(spans: list[Span]) -> None:
    assert resolve_overlaps(spans) == _simple_resolve(spans)


@settings(max_examples=300)
@given(st.lists(_SPAN, min_size=SMALL_LAYER + 1, max_size=120))
def test_a_large_layer_is_resolved_as_the_simple_algorithm_resolves_it(spans: list[Span]) -> None:
    one_layer = [s._replace(kind="loaded") for s in spans]
    assert resolve_overlaps(one_layer) == _simple_resolve(one_layer)


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([("worst", 0, 5), ("worst ever", 0, 10)], [("worst ever", 0, 10)]),  # the longest wins
        ([("ab", 0, 2), ("bc", 1, 3)], [("ab", 0, 2)]),  # then the leftmost
        ([("ab", 0, 2), ("cd", 2, 4)], [("ab", 0, 2), ("cd", 2, 4)]),  # touching is not overlapping
    ],
)
def test_longest_then_leftmost_wins_within_a_layer(
    spans: list[tuple[str, int, int]], kept: list[tuple[str, int, int]]
) -> None:
    result = resolve_overlaps(Span(a, b, text, "loaded", "fear", 0.5, "") for text, a, b in spans)
    assert [(s.text, s.start, s.end) for s in result] == kept


def test_many_spans_are_resolved_in_n_log_n_time() -> None:
    # 14,000 took 21 s (every span tested against every kept one); 40,000 would have taken minutes.
    assert _finishes(
        """
        from scorer.spans import Span, resolve_overlaps
        spans = [Span(7 * k, 7 * k + 6, "horror", "loaded", "fear", 0.7, "") for k in range(40_000)]
        assert len(resolve_overlaps(spans)) == 40_000
        """
    )
