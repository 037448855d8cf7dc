"""Readability features (Flesch reading ease, syllables per word) from textstat, offline.

textstat counts syllables with NLTK's CMU dictionary and falls back to pyphen's
hyphenation patterns. Its English path calls `nltk.download("cmudict")` on
first use, which goes to the network; the product must never do that. We ask
textstat for syllables under the language tag `en-US` (hyphen, not
underscore): textstat then finds no CMU dictionary for it and counts with
pyphen's `en_US` patterns alone, which ship inside pyphen. The test suite
checks that no download is attempted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from textstat.backend.counts import count_syllables

__all__ = ["FLESCH_BASE", "flesch_reading_ease", "readability_features", "syllables"]

#: textstat language tag that selects pyphen's English patterns without NLTK.
OFFLINE_LANG = "en-US"
#: Flesch (1948), "A new readability yardstick", J. Applied Psychology 32:221-233:
#: RE = 206.835 - 1.015 * words/sentences - 84.6 * syllables/word.
FLESCH_BASE = 206.835
FLESCH_SENTENCE_LENGTH = 1.015
FLESCH_SYLLABLES_PER_WORD = 84.6
_SENTENCE_END_RE = re.compile(r"[.!?\u203c\u2047\u2048\u2049\u203d]+(?=\s|$)")


#: Distinct words whose syllable counts are remembered (a few MB at most).
SYLLABLE_CACHE_WORDS = 1 << 17


@functools.lru_cache(maxsize=SYLLABLE_CACHE_WORDS)
def syllables(word: str) -> int:
    """Syllables in one word, as textstat counts them offline (at least one).

    Cached per word (never per text): headlines reuse a small vocabulary.
    """
    return max(1, int(count_syllables(word, OFFLINE_LANG)))


def flesch_reading_ease(words: int, sentences: int, syllable_count: int) -> float:
    """Flesch reading ease from counts (higher is easier; news headlines are usually 30-80)."""
    if words == 0:
        return 0.0
    return (
        FLESCH_BASE
        - FLESCH_SENTENCE_LENGTH * words / max(1, sentences)
        - FLESCH_SYLLABLES_PER_WORD * syllable_count / words
    )


def readability_features(text: str, words: Sequence[str]) -> dict[str, float]:
    """`flesch_reading_ease` and `syllables_per_word` of a text whose words are given."""
    if not words:
        return {"flesch_reading_ease": 0.0, "syllables_per_word": 0.0}
    total = sum(map(syllables, words))
    sentences = max(1, len(_SENTENCE_END_RE.findall(text)))
    return {
        "flesch_reading_ease": flesch_reading_ease(len(words), sentences, total),
        "syllables_per_word": total / len(words),
    }
