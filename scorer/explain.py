"""The contract between extractor and model: an exact, additive explanation of a decision.

A model turns an `Extraction` into an `Explanation`: a decision value (log-odds)
that equals the intercept plus the contribution of every span plus the
contributions not tied to any span (such as readability). The score is the
logistic function of the decision.
"""

from __future__ import annotations

import math
from collections.abc import Container, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from .extract import Extraction
from .spans import Span
from .views import reduce_with_views

__all__ = ["COMPONENT_OF_FEATURE", "Explanation", "Model", "component_of", "label_for", "score_text", "sigmoid"]

#: Which component of the score each feature belongs to.
COMPONENT_OF_FEATURE: dict[str, str] = {
    "shout_words": "shouting",
    "shout_ratio": "shouting",
    "all_caps": "shouting",
    "exclaim_runs": "punctuation",
    "exclaim_marks": "punctuation",
    "interrobang_runs": "punctuation",
}


def component_of(feature: str) -> str:
    """The component (clickbait, emotive, shouting, punctuation, style) a feature feeds."""
    if feature in COMPONENT_OF_FEATURE:
        return COMPONENT_OF_FEATURE[feature]
    if feature.startswith("loaded_"):
        return "emotive"
    if feature.startswith(("clickbait_", "ngram:")):
        return "clickbait"
    return "style"


def sigmoid(z: float) -> float:
    """The logistic function, safe for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def label_for(score: float, thresholds: tuple[float, float]) -> str:
    """`low` below the first threshold, `high` from the second, else `moderate`."""
    low_max, high_min = thresholds
    if score >= high_min:
        return "high"
    if score < low_max:
        return "low"
    return "moderate"


def score_text(score: float) -> str:
    """A score for people, to two places, cut rather than rounded ("0.64" for 0.646).

    Rounded, 0.646 showed as 0.65 with the label `moderate` while another
    headline's 0.651 showed as 0.65 `high`: the thresholds have two places, so
    a cut score is on the same side of each threshold as the score itself.
    (The 1e-9 keeps a score stored a hair under its two-place value, 0.29 as
    0.28999999999999998, from being cut to 0.28.)
    """
    return f"{math.floor(score * 100 + 1e-9) / 100:.2f}"


class Explanation(NamedTuple):
    """A model decision split into additive parts.

    `decision == intercept + sum(span_weights) + sum(extra_weights) + sum(other.values())` up to
    floating-point rounding; `components` groups the same parts by component.
    """

    decision: float
    intercept: float
    #: contribution of each span, aligned with `Extraction.spans`
    span_weights: tuple[float, ...]
    #: contributions not tied to a span, by feature id
    other: Mapping[str, float]
    components: Mapping[str, float]
    #: evidence the model adds beyond the extractor's spans (e.g. learned wording), with weights
    extra_spans: tuple[Span, ...] = ()
    extra_weights: tuple[float, ...] = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle with plain dicts in place of the read-only views (`scorer.views`)."""
        return reduce_with_views(self)


class Model(Protocol):
    """What the `Scorer` needs from a model."""

    @property
    def name(self) -> str:
        """Short model name, reported with every result."""
        ...

    @property
    def version(self) -> str:
        """Model version, reported with every result."""
        ...

    @property
    def thresholds(self) -> tuple[float, float]:
        """Score thresholds: `low` below the first, `high` from the second."""
        ...

    @property
    def vocabulary(self) -> Container[str] | None:
        """The words the model learned (normalised tokens), or None if it learned none (`scorer.caveats`)."""
        ...

    def explain_many(self, extractions: Sequence[Extraction]) -> list[Explanation]:
        """Explain many extractions at once (vectorised where the model can)."""
        ...

    def card(self) -> dict[str, object]:
        """The model card as JSON: name, version, training data, metrics, thresholds."""
        ...
