"""The result of scoring one headline, and its JSON form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .explain import Explanation
from .extract import Extraction
from .spans import Span

__all__ = ["Evidence", "ScoreResult"]

#: Decimal places kept in JSON numbers: enough for any display, short on the wire.
JSON_DIGITS = 6


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span with the part of the model's decision it contributes (`weight`, log-odds)."""

    span: Span
    weight: float

    def to_dict(self) -> dict[str, Any]:
        """The span's fields plus `weight`."""
        data = self.span.to_dict()
        data["intensity"] = round(data["intensity"], JSON_DIGITS)
        data["weight"] = round(self.weight, JSON_DIGITS)
        return data


@dataclass(frozen=True)
class ScoreResult:
    """How sensational a headline is, and the evidence for it."""

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

    @classmethod
    def build(
        cls,
        extraction: Extraction,
        explanation: Explanation,
        score: float,
        label: str,
        model: Mapping[str, str],
        body: Mapping[str, Any] | None = None,
    ) -> ScoreResult:
        """Combine an extraction and its explanation into a result."""
        pairs = [
            *zip(extraction.spans, explanation.span_weights, strict=True),
            *zip(explanation.extra_spans, explanation.extra_weights, strict=True),
        ]
        pairs.sort(key=lambda p: (p[0].start, p[0].end, p[0].kind))
        evidence = tuple(Evidence(s, w) for s, w in pairs)
        return cls(
            headline=extraction.text,
            score=score,
            label=label,
            decision=explanation.decision,
            intercept=explanation.intercept,
            components=explanation.components,
            features=extraction.features,
            evidence=evidence,
            other_contributions=explanation.other,
            model=model,
            body=body,
        )

    def top_evidence(self, n: int = 3) -> list[Evidence]:
        """The `n` spans that raise the score most."""
        return sorted((e for e in self.evidence if e.weight > 0), key=lambda e: -e.weight)[:n]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: headline, score, label, components, features, evidence, model, body."""
        return {
            "headline": self.headline,
            "score": round(self.score, JSON_DIGITS),
            "label": self.label,
            "decision": round(self.decision, JSON_DIGITS),
            "intercept": round(self.intercept, JSON_DIGITS),
            "components": {k: round(v, JSON_DIGITS) for k, v in sorted(self.components.items())},
            "features": {k: round(v, JSON_DIGITS) for k, v in self.features.items()},
            "evidence": [e.to_dict() for e in self.evidence],
            "other_contributions": {k: round(v, JSON_DIGITS) for k, v in sorted(self.other_contributions.items())},
            "model": dict(self.model),
            "body": None if self.body is None else dict(self.body),
        }
