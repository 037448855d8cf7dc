"""The body's bias score: evidence about wording, summed into four named components.

The score is a weighted sum of four components, each squashed into 0..1:

* `outlet_loaded`: loaded words in the outlet's own voice, per 100 of its own
  words. The strongest sign of slant: the outlet itself chose the word.
* `quoted_loaded`: loaded words inside quotations, per 100 quoted words. A
  politician's "illegitimate regime" is news when it is quoted; it counts a
  little, because the choice of whom to quote is the outlet's.
* `hedging`: weasel attributions, hedges and assertive phrasings in the
  outlet's voice, per 100 of its own words.
* `attribution`: the share of the outlet's sentences that carry loaded or
  assertive wording and cite nobody.

Each component's contribution is its weight times its squashed value, so the
contributions add up to the score exactly. The weights are design choices,
stated here with their reasoning; they were not fitted to data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "BODY_THRESHOLDS",
    "BODY_WEIGHTS",
    "BodyMeasures",
    "body_components",
    "body_label",
    "evidence_weight",
    "sentence_score",
]

#: Half the score: loaded wording in the outlet's own voice is the main thing the score measures.
W_OUTLET_LOADED = 0.5
#: A tenth: quoting loaded words is reporting; only the selection of quotes is the outlet's.
W_QUOTED_LOADED = 0.1
#: A fifth: hedges and weasel words shift a claim's weight without a source to check.
W_HEDGING = 0.2
#: A fifth: evaluative sentences that cite nobody are opinion presented as report.
W_ATTRIBUTION = 0.2
BODY_WEIGHTS: Mapping[str, float] = {
    "outlet_loaded": W_OUTLET_LOADED,
    "quoted_loaded": W_QUOTED_LOADED,
    "hedging": W_HEDGING,
    "attribution": W_ATTRIBUTION,
}

#: Density (sum of lexicon intensities per 100 words) at which a component
#: reaches 1 - 1/e = 0.63 of its range. Two for loaded words: about three
#: strong words (intensity ~0.7) in a 100-word passage is already tabloid
#: register; one mild word in 100 (0.4) stays under 0.2.
LOADED_DENSITY_SCALE = 2.0
#: One hedge of intensity 0.4 every 40 words reaches 0.63.
HEDGING_DENSITY_SCALE = 1.0
#: Per-sentence score: a summed evidence weight of 1.0 reaches 0.63.
SENTENCE_SCALE = 1.0
#: In a sentence, a quoted loaded word weighs this fraction of an outlet one
#: (the same ratio as the component weights above).
QUOTED_VOICE_FACTOR = W_QUOTED_LOADED / W_OUTLET_LOADED
#: Hedges and assertive phrasings weigh this fraction of their intensity in a
#: sentence: they are about how a claim is sourced, not the words used.
EPISTEMIC_FACTOR = 0.5
#: `low` below the first value, `high` from the second. 0.2 is what an outlet
#: density of ~0.9 alone gives; 0.45 needs loaded wording and unsourced claims.
BODY_THRESHOLDS = (0.2, 0.45)


@dataclass(frozen=True, slots=True)
class BodyMeasures:
    """The raw figures the components are computed from."""

    outlet_words: int
    quoted_words: int
    outlet_loaded: float
    quoted_loaded: float
    epistemic: float
    outlet_sentences: int
    unattributed_sentences: int

    def densities(self) -> dict[str, float]:
        """Per-100-word densities and the unattributed share."""
        return {
            "outlet_loaded_per_100_words": _per_100(self.outlet_loaded, self.outlet_words),
            "quoted_loaded_per_100_words": _per_100(self.quoted_loaded, self.quoted_words),
            "hedging_per_100_words": _per_100(self.epistemic, self.outlet_words),
            "unattributed_share": self.unattributed_sentences / self.outlet_sentences if self.outlet_sentences else 0.0,
        }


def _per_100(total: float, words: int) -> float:
    return 100.0 * total / words if words else 0.0


def _squash(value: float, scale: float) -> float:
    """`value` mapped into [0, 1): 1 - exp(-value / scale).

    Densities and weights are never negative; should one be (or be NaN), it
    counts as none rather than overflowing `math.exp`.
    """
    if not value > 0.0:
        return 0.0
    return 1.0 - math.exp(-value / scale)


def body_components(measures: BodyMeasures) -> dict[str, float]:
    """Each component's contribution to the score (they sum to the score)."""
    d = measures.densities()
    return {
        "outlet_loaded": W_OUTLET_LOADED * _squash(d["outlet_loaded_per_100_words"], LOADED_DENSITY_SCALE),
        "quoted_loaded": W_QUOTED_LOADED * _squash(d["quoted_loaded_per_100_words"], LOADED_DENSITY_SCALE),
        "hedging": W_HEDGING * _squash(d["hedging_per_100_words"], HEDGING_DENSITY_SCALE),
        "attribution": W_ATTRIBUTION * d["unattributed_share"],
    }


def body_label(score: float) -> str:
    """`low`, `moderate` or `high` by `BODY_THRESHOLDS`."""
    low_below, high_from = BODY_THRESHOLDS
    if score >= high_from:
        return "high"
    return "low" if score < low_below else "moderate"


def evidence_weight(kind: str, intensity: float, voice: str) -> float:
    """What one span adds to its sentence's score."""
    weight = intensity if kind == "loaded" else intensity * EPISTEMIC_FACTOR
    return weight * QUOTED_VOICE_FACTOR if voice == "quoted" else weight


def sentence_score(total_weight: float) -> float:
    """A sentence's score from the summed weight of its evidence."""
    return _squash(total_weight, SENTENCE_SCALE)
