"""The body score's squashing: every input, however extreme, gives a value in [0, 1]."""

from __future__ import annotations

import math

import pytest

from scorer import Scorer
from scorer.body.scoring import BodyMeasures, body_components, sentence_score


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        (0.0, 0.0),
        (-5.0, 0.0),
        (-1e308, 0.0),
        (float("-inf"), 0.0),
        (float("nan"), 0.0),
        (1.0, 1.0 - math.exp(-1.0)),
        (1e308, 1.0),
        (float("inf"), 1.0),
    ],
)
def test_sentence_score_is_in_range_for_extreme_weights(weight: float, expected: float) -> None:
    assert sentence_score(weight) == pytest.approx(expected)


def test_components_stay_within_their_weights_for_negative_word_counts() -> None:
    measures = BodyMeasures(
        outlet_words=-1,
        quoted_words=-3,
        outlet_loaded=5.0,
        quoted_loaded=2.0,
        epistemic=1.0,
        outlet_sentences=2,
        unattributed_sentences=1,
    )
    for name, value in body_components(measures).items():
        assert 0.0 <= value <= 0.5, name


def test_a_body_in_another_language_is_warned_about_and_an_english_one_is_not(scorer: Scorer) -> None:
    german = (
        "Der Bundestag hat am Donnerstag das umstrittene Heizungsgesetz beschlossen. Die Opposition sprach von "
        "einem schwarzen Tag für die Verbraucher, die Regierung von einem wichtigen Schritt für den Klimaschutz."
    )
    (warning,) = scorer.analyse_body(german)["warnings"]
    assert warning["code"] == "unfamiliar_words" and "English" in warning["message"]
    assert scorer.analyse_body("The minister said the plan was sound and would be debated. " * 3)["warnings"] == []
    assert scorer.analyse_body("Kurz: Ja.")["warnings"] == []  # too few words to tell


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("Ms Dunn insisted the plan would work.", ["insisted"]),
        ("The minister insists the plan will work.", ["insists"]),
        ("The hospital admitted the patient on Monday.", []),
        ("City claimed the title on Sunday.", []),
    ],
)
def test_insist_reports_a_stance_before_any_noun_phrase(scorer: Scorer, body: str, flagged: list[str]) -> None:
    assert [e["text"] for e in scorer.analyse_body(body)["evidence"] if e["category"] == "framing"] == flagged
