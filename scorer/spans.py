"""Evidence spans and the one place where overlapping spans are resolved.

A span is a piece of evidence: a run of the exact input text (`text[start:end]`)
with the device it shows (`kind`), a finer `category`, the extractor's
`intensity` and a short human explanation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

__all__ = ["KIND_LAYER", "Span", "resolve_overlaps"]

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
        """The same span marked as the outlet's own words or a quoted speaker's."""
        return self._replace(voice=voice, speaker=speaker)


def _priority(span: Span) -> tuple[int, int, float]:
    # Longest first, then leftmost, then the stronger one.
    return (-(span.end - span.start), span.start, -span.intensity)


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
        if len(layer_spans) == 1:
            kept.extend(layer_spans)
            continue
        chosen: list[Span] = []
        for candidate in sorted(layer_spans, key=_priority):
            if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
                chosen.append(candidate)
        kept.extend(chosen)
    kept.sort(key=lambda s: (s.start, s.end, s.kind))
    return kept
