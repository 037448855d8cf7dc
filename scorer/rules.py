"""A transparent rule model: named weights over the extractor's features.

It is the scorer's fallback when no trained model is installed, and the
baseline the trained model is compared with. Every weight is a named constant
with its reasoning; there is no learning and no per-headline tuning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .explain import Explanation, component_of
from .extract import FEATURE_IDS, Extraction

__all__ = ["RULE_WEIGHTS", "RuleModel"]

#: Decision value of a headline with no devices: sigmoid(-2.0) = 0.12.
RULE_INTERCEPT = -2.0
#: One shouted word moves the decision as much as a strong loaded word.
WEIGHT_SHOUTED_WORD = 1.2
#: Each exclamation mark (up to four, as in VADER).
WEIGHT_EXCLAMATION_MARK = 0.6
#: Loaded terms and clickbait phrases count by their lexicon weight (0..1);
#: emotive categories that carry the story's tone count fully, mild ones half.
WEIGHT_STRONG_LOADED = 1.5
WEIGHT_MILD_LOADED = 0.75
WEIGHT_CLICKBAIT = 2.0
#: An all-caps layout headline is a house style, so it counts a little.
WEIGHT_ALL_CAPS = 0.5

RULE_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "shout_words": WEIGHT_SHOUTED_WORD,
        "all_caps": WEIGHT_ALL_CAPS,
        "exclaim_marks": WEIGHT_EXCLAMATION_MARK,
        **{f"loaded_{c}": WEIGHT_STRONG_LOADED for c in ("fear", "anger", "hyperbole", "derogatory")},
        **{f"loaded_{c}": WEIGHT_MILD_LOADED for c in ("urgency", "superlative", "intensifier", "framing", "hedge")},
        **{f: WEIGHT_CLICKBAIT for f in FEATURE_IDS if f.startswith("clickbait_")},
    }
)


@dataclass(frozen=True)
class RuleModel:
    """Score = sigmoid(intercept + sum of weight x feature), explained span by span."""

    weights: Mapping[str, float] = field(default_factory=lambda: RULE_WEIGHTS)
    intercept: float = RULE_INTERCEPT
    thresholds: tuple[float, float] = (0.35, 0.65)
    name: str = "rules"
    version: str = "1"

    @property
    def vocabulary(self) -> None:
        """No learned words: the rules read devices, not vocabulary."""
        return None

    def explain(self, extraction: Extraction) -> Explanation:
        """Split the rule's decision into per-span and other contributions."""
        span_weights = [0.0] * len(extraction.spans)
        other: dict[str, float] = {}
        components: dict[str, float] = {}
        decision = self.intercept
        for feature, weight in self.weights.items():
            value = extraction.features.get(feature, 0.0)
            if not value:
                continue
            contribution = weight * value
            decision += contribution
            comp = component_of(feature)
            components[comp] = components.get(comp, 0.0) + contribution
            parts = extraction.attribution.get(feature)
            if parts:
                for index, part in parts:
                    span_weights[index] += weight * part
            else:
                other[feature] = contribution
        return Explanation(decision, self.intercept, tuple(span_weights), other, components)

    def explain_many(self, extractions: Sequence[Extraction]) -> list[Explanation]:
        """Explain each extraction (the rule needs no vectorising)."""
        return [self.explain(e) for e in extractions]

    def card(self) -> dict[str, object]:
        """A short card: this model was not trained."""
        return {
            "name": self.name,
            "version": self.version,
            "training_data": None,
            "metrics": {},
            "label_thresholds": {"low_below": self.thresholds[0], "high_from": self.thresholds[1]},
            "description": "Transparent rule over extractor features; no training.",
        }
