"""The vowel-group syllable estimate, and the readability count that takes it over pyphen's where larger."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.readability import OFFLINE_LANG, syllables
from scorer.syllables import vowel_group_syllables

# Syllables as the CMU Pronouncing Dictionary gives them.
SPOKEN = [
    ("Venezuela", 4),
    ("idea", 3),
    ("area", 3),
    ("Korea", 3),
    ("video", 3),
    ("radio", 3),
    ("opinion", 3),
    ("unbelievable", 5),
    ("people", 2),
    ("likely", 2),
    ("statement", 2),
    ("someone", 2),
    ("baseball", 2),
    ("streets", 1),
    ("quotes", 1),
    ("jumped", 1),
    ("wanted", 2),
    ("buses", 2),
    ("fire", 1),
    ("yes", 1),
    ("young", 1),
    ("nation", 2),
    ("million", 2),
    ("don't", 1),
    ("CHILLING", 2),
]


@pytest.mark.parametrize(("word", "count"), SPOKEN)
def test_vowel_groups_count_spoken_syllables(word: str, count: int) -> None:
    assert vowel_group_syllables(word) == count


@pytest.mark.parametrize(("word", "count"), [("Venezuela", 4), ("idea", 3), ("area", 3), ("video", 3)])
def test_readability_counts_what_hyphenation_misses(word: str, count: int) -> None:
    from textstat.backend.counts import count_syllables

    assert count_syllables(word, OFFLINE_LANG) < count  # pyphen alone under-counts these
    assert syllables(word) == count


@given(st.text(alphabet=st.sampled_from("aeiouybcdlnqrstwy'\u2019-ABEZ"), max_size=20))
def test_vowel_groups_give_at_least_one_syllable(word: str) -> None:
    assert vowel_group_syllables(word) >= 1


def test_readability_keeps_pyphens_count_where_vowel_groups_miss() -> None:
    assert vowel_group_syllables("create") == 1  # "ea" is one group, the final e taken for silent
    assert syllables("create") == 2  # cre-ate, from pyphen
