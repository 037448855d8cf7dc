"""Evidence spans and the one place where overlapping spans are resolved.

A span is a piece of evidence: a run of the exact input text (`text[start:end]`)
with the device it shows (`kind`), a finer `category`, the extractor's
`intensity` and a short human explanation.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any, NamedTuple

__all__ = ["KIND_LAYER", "Span", "alternative_hint", "resolve_overlaps"]

#: Which layer each kind belongs to. Spans in different layers may overlap
#: (CHILLING is both a shouted word and a fear term); within one layer the
#: overlap is resolved by `resolve_overlaps`.
KIND_LAYER: dict[str, str] = {
    "shouting": "typography",
    "all_caps": "typography",
    "exclamation": "punctuation",
    "loaded": "lexical",
    "clickbait": "lexical",
    "quote": "context",
}


class Span(NamedTuple):
    """One piece of evidence, with offsets into the exact input string (code points).

    A named tuple rather than a frozen dataclass: it is as immutable, and a
    headline makes a dozen of them, which a tuple builds four times faster.
    """

    start: int
    end: int
    text: str
    kind: str
    category: str
    intensity: float
    explanation: str
    suggestion: str | None = None
    voice: str = "outlet"
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "category": self.category,
            "intensity": self.intensity,
            "explanation": self.explanation,
            "suggestion": self.suggestion,
            "voice": self.voice,
            "speaker": self.speaker,
        }

    def with_voice(self, voice: str, speaker: str | None = None) -> Span:
        """The same span marked as the outlet's own words or a quoted speaker's.

        A loaded term in a quotation loses its neutral alternative: an editor
        reports what was said and cannot reword it.
        """
        if voice == "quoted" and self.kind == "loaded" and self.suggestion:
            explanation = self.explanation
            cut = explanation.find(alternative_hint(self.suggestion))
            if cut >= 0:  # the hint runs to the end, a note on the article included ("… (“an epic” → …)")
                end = "." if explanation.endswith(".") else ""
                explanation = f"{explanation[:cut]}; it is quoted, so no alternative is offered{end}"
            return self._replace(voice=voice, speaker=speaker, suggestion=None, explanation=explanation)
        return self._replace(voice=voice, speaker=speaker)


def alternative_hint(alternative: str | None) -> str:
    """What a loaded term's explanation says of its neutral alternative ("" when it has none)."""
    return f"; a neutral alternative is “{alternative}”" if alternative else ""


def _priority(span: Span) -> tuple[int, int, float]:
    # Longest first, then leftmost, then the stronger one.
    return (-(span.end - span.start), span.start, -span.intensity)


#: Up to this many spans in a layer (every headline), testing each against all
#: kept ones is quicker than building the tree; both give the same spans.
SMALL_LAYER = 16


def _choose_small(candidates: list[Span]) -> list[Span]:
    """`_choose` for a handful of spans: each tested against every span kept so far."""
    chosen: list[Span] = []
    for candidate in sorted(candidates, key=_priority):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return chosen


def _choose(candidates: list[Span]) -> list[Span]:
    """The spans of one layer that survive: each, best first, unless it overlaps one already kept.

    A span [s, e) overlaps a kept one iff some kept span starts before `e` and
    ends after `s`, so a Fenwick tree of the kept spans' largest end, indexed
    by start, answers each test in O(log n): O(n log n) in all, where testing
    every kept span was O(n²) (14,000 loaded words in a body took 21 s).
    """
    if len(candidates) <= SMALL_LAYER:
        return _choose_small(candidates)
    ordered = sorted(candidates, key=_priority)
    starts = sorted({span.start for span in ordered})
    size = len(starts)
    max_end = [-1] * (size + 1)  # 1-based Fenwick tree: the largest kept end among a range of starts
    chosen: list[Span] = []
    for span in ordered:
        i = bisect.bisect_left(starts, span.end)  # kept spans starting before span.end: starts[:i]
        reach = -1
        while i > 0:
            if max_end[i] > reach:
                reach = max_end[i]
            i -= i & -i
        if reach > span.start:
            continue
        chosen.append(span)
        i = bisect.bisect_left(starts, span.start) + 1
        while i <= size:
            if span.end > max_end[i]:
                max_end[i] = span.end
            i += i & -i
    return chosen


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Resolve overlaps between spans and return them sorted by position.

    The policy, in one place:

    * Spans of different layers (`KIND_LAYER`) may overlap: typography
      (shouting capitals), punctuation (exclamations), lexical (loaded terms,
      clickbait phrases) and context (quoted speech) describe different devices,
      so a shouted fear word counts once as shouting and once as fear.
    * Within one layer, overlapping spans compete: the longest wins ("worst
      ever" beats "worst", "you won't believe" beats "believe"), then the
      leftmost, then the one with the higher intensity. Losers are dropped.
    * Spans that only touch (one ends where the next starts) do not overlap.
    """
    spans = list(spans)
    if len(spans) < 2:
        return spans
    by_layer: dict[str, list[Span]] = {}
    for span in spans:
        by_layer.setdefault(KIND_LAYER.get(span.kind, span.kind), []).append(span)
    kept: list[Span] = []
    for layer_spans in by_layer.values():
        kept.extend(layer_spans if len(layer_spans) == 1 else _choose(layer_spans))
    kept.sort(key=lambda s: (s.start, s.end, s.kind))
    return kept
