"""The result of scoring one headline, and its JSON form."""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any, Final, NamedTuple

from .caveats import NO_CAVEATS, Caveat
from .explain import Explanation
from .extract import Extraction
from .spans import Span
from .views import reduce_with_views

__all__ = ["Evidence", "ScoreResult", "rounded", "rounded_by_key"]

#: Decimal places kept in JSON numbers: enough for any display, short on the wire.
JSON_DIGITS: Final = 6
_SCALE: Final = 10.0**JSON_DIGITS
#: 1.5 x 2**52. A double of magnitude below `_EXACT_BELOW` plus this, minus this, is
#: that double rounded to an integer, half to even (IEEE 754's default rounding):
#: what `round` gives, in two additions instead of a call that makes an `int`.
_ROUNDER: Final = 6755399441055744.0
_EXACT_BELOW: Final = 2.0**51


def rounded(value: float) -> float:
    """`value` to `JSON_DIGITS` decimals: exactly `round(value * 10**6) / 10**6` (tested), which is
    `round(value, JSON_DIGITS)` without its detour through a string.
    """
    scaled = value * _SCALE
    if -_EXACT_BELOW < scaled < _EXACT_BELOW:
        return ((scaled + _ROUNDER) - _ROUNDER) / _SCALE
    try:
        return round(scaled) / _SCALE
    except (OverflowError, ValueError):  # infinite or not a number: nothing to round
        return value


class Evidence(NamedTuple):
    """A span with the part of the model's decision it contributes (`weight`, log-odds)."""

    span: Span
    weight: float

    def to_dict(self) -> dict[str, Any]:
        """The span's fields (`Span.to_dict`, intensity rounded) plus `weight`."""
        span = self.span
        return {
            "start": span.start,
            "end": span.end,
            "text": span.text,
            "kind": span.kind,
            "category": span.category,
            "intensity": rounded(span.intensity),
            "explanation": span.explanation,
            "suggestion": span.suggestion,
            "voice": span.voice,
            "speaker": span.speaker,
            "weight": rounded(self.weight),
        }


#: An `Evidence`'s weight (`sorted(..., reverse=True)` keeps equal weights in their order).
_weight = itemgetter(1)


def rounded_by_key(values: Mapping[str, float]) -> dict[str, float]:
    """`values` rounded, in key order (sorting the keys alone: cheaper than sorting the items)."""
    return {key: rounded(values[key]) for key in sorted(values)}


def _position(pair: tuple[Span, float]) -> tuple[int, int, str]:
    return pair[0].start, pair[0].end, pair[0].kind


class ScoreResult(NamedTuple):
    """How sensational a headline is, and the evidence for it (immutable)."""

    headline: str
    score: float
    label: str
    decision: float
    intercept: float
    components: Mapping[str, float]
    features: Mapping[str, float]
    evidence: tuple[Evidence, ...]
    other_contributions: Mapping[str, float]
    model: Mapping[str, str]
    body: Mapping[str, Any] | None = None
    #: reasons to doubt the score (`scorer.caveats`): a very short headline, or one mostly of unknown words
    warnings: tuple[Caveat, ...] = NO_CAVEATS

    @classmethod
    def build(
        cls,
        extraction: Extraction,
        explanation: Explanation,
        score: float,
        label: str,
        model: Mapping[str, str],
        body: Mapping[str, Any] | None = None,
        warnings: tuple[Caveat, ...] = NO_CAVEATS,
    ) -> ScoreResult:
        """Combine an extraction and its explanation into a result."""
        pairs = [
            *zip(extraction.spans, explanation.span_weights, strict=True),
            *zip(explanation.extra_spans, explanation.extra_weights, strict=True),
        ]
        if extraction.spans and explanation.extra_spans:  # each part is in order already
            pairs.sort(key=_position)
        evidence = tuple([tuple.__new__(Evidence, pair) for pair in pairs])
        return tuple.__new__(
            cls,
            (
                extraction.text,
                score,
                label,
                explanation.decision,
                explanation.intercept,
                explanation.components,
                extraction.features,
                evidence,
                explanation.other,
                model,
                body,
                warnings,
            ),
        )

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle with plain dicts in place of the read-only views (`scorer.views`)."""
        return reduce_with_views(self)

    def top_evidence(self, n: int = 3) -> list[Evidence]:
        """The `n` spans that raise the score most (in evidence order among equal weights)."""
        if n < 0:  # a negative slice bound would silently drop the weakest spans instead
            raise ValueError(f"n must be 0 or more, not {n}")
        raising = [e for e in self.evidence if e[1] > 0]
        if len(raising) > 1:  # a stable sort: evidence order among equal weights
            raising.sort(key=_weight, reverse=True)
        return raising[:n]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: headline, score, label, components, features, evidence, model, body, warnings."""
        return {
            "headline": self.headline,
            "score": rounded(self.score),
            "label": self.label,
            "decision": rounded(self.decision),
            "intercept": rounded(self.intercept),
            "components": rounded_by_key(self.components),
            "features": {k: rounded(v) if v else 0.0 for k, v in self.features.items()},
            "evidence": [e.to_dict() for e in self.evidence],
            "other_contributions": rounded_by_key(self.other_contributions),
            "model": dict(self.model),
            "body": None if self.body is None else dict(self.body),
            "warnings": [w.to_dict() for w in self.warnings],
        }
