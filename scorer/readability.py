"""Readability features (Flesch reading ease, syllables per word) from textstat, offline.

textstat counts syllables with NLTK's CMU dictionary and falls back to pyphen's
hyphenation patterns. Its English path calls `nltk.download("cmudict")` on
first use, which goes to the network; the product must never do that. We ask
textstat for syllables under the language tag `en-US` (hyphen, not
underscore): textstat then finds no CMU dictionary for it and counts with
pyphen's `en_US` patterns alone, which ship inside pyphen. The test suite
checks that no download is attempted. Hyphenation points under-count
syllables (Venezuela: 1), so a word's count is the larger of pyphen's and
our vowel-group estimate (`scorer.syllables`).
"""

from __future__ import annotations

import functools
from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from types import MappingProxyType
from typing import Final

from .lexicon import MAX_CACHED_WORD_CHARS
from .syllables import vowel_group_syllables

__all__ = [
    "FLESCH_BASE",
    "READABILITY_FEATURES",
    "SENTENCE_ENDS",
    "Features",
    "flesch_reading_ease",
    "readability_features",
    "sentence_ends",
    "syllables",
]

#: textstat language tag that selects pyphen's English patterns without NLTK.
OFFLINE_LANG = "en-US"
#: Flesch (1948), "A new readability yardstick", J. Applied Psychology 32:221-233:
#: RE = 206.835 - 1.015 * words/sentences - 84.6 * syllables/word.
FLESCH_BASE = 206.835
FLESCH_SENTENCE_LENGTH = 1.015
FLESCH_SYLLABLES_PER_WORD = 84.6
#: Marks that end a sentence when white space or the end of the text follows: . ! ? ‼ ⁇ ⁈ ⁉ ‽
SENTENCE_ENDS: Final = ".!?\u203c\u2047\u2048\u2049\u203d"


#: Distinct words whose syllable counts are remembered (a few MB at most).
SYLLABLE_CACHE_WORDS = 1 << 17


def syllables(word: str) -> int:
    """Syllables in one word: the larger of textstat's offline count and `vowel_group_syllables` (at least one).

    Cached per word (never per text): headlines reuse a small vocabulary.
    A word longer than `MAX_CACHED_WORD_CHARS` is counted by vowel groups alone.
    """
    if len(word) > MAX_CACHED_WORD_CHARS:  # not through pyphen, whose own cache would keep it
        return vowel_group_syllables(word)
    return _syllables(word)


@functools.lru_cache(maxsize=SYLLABLE_CACHE_WORDS)
def _syllables(word: str) -> int:
    """`syllables` of a word of ordinary length, through textstat.

    textstat is imported here, on first use: it imports pandas, which takes
    seconds, and batch scoring and the server's JSON API may never need it.
    """
    from textstat.backend.counts import count_syllables

    # pyphen's hyphenation points under-count short and vowel-rich words (Venezuela: 1);
    # the vowel-group estimate catches those (`bench/bench_syllables.py` measures both).
    count = max(int(count_syllables(word, OFFLINE_LANG)), vowel_group_syllables(word))
    _bound_pyphen_cache()
    return count


def _bound_pyphen_cache() -> None:
    """Keep pyphen's own per-word cache (a plain dict that only grows) within `SYLLABLE_CACHE_WORDS`.

    Without this, a server fed ever new words would grow without bound. Our
    `syllables` cache above keeps the counts that matter.
    """
    from textstat.backend.utils._get_pyphen import get_pyphen

    cache = getattr(getattr(get_pyphen(OFFLINE_LANG), "hd", None), "cache", None)
    if isinstance(cache, dict) and len(cache) > SYLLABLE_CACHE_WORDS:
        cache.clear()


def sentence_ends(text: str) -> int:
    """How many runs of `SENTENCE_ENDS` marks are followed by white space or the end of the text.

    A run so followed ends a piece of `text.split()` (which cuts at the same
    white space as a regular expression's `\\s`), so counting those pieces takes
    a tenth of the instructions of finding the runs with a regular expression.
    """
    count = 0
    for piece in text.split():
        if piece[-1] in SENTENCE_ENDS:
            count += 1
    return count


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
    sentences = max(1, sentence_ends(text))
    return {
        "flesch_reading_ease": flesch_reading_ease(len(words), sentences, total),
        "syllables_per_word": total / len(words),
    }


#: The features `readability_features` gives.
READABILITY_FEATURES = ("flesch_reading_ease", "syllables_per_word")


class Features(Mapping[str, float]):
    """A headline's feature values, with the readability ones computed when first read.

    Counting syllables is the costliest step of extraction for a word not seen
    before (pyphen's patterns, in pure Python), and the trained model does not
    use readability: a batch run that writes only scores never pays for it.
    Only the values that are not zero are given; `zeros` holds every feature
    id, in order, at 0.0. The full dict is built when first read as a whole.
    Read-only from outside; the one change inside fills in readability once.
    """

    __slots__ = ("_pending", "_values", "_zeros")

    def __init__(
        self,
        values: dict[str, float],
        text: str,
        tokens: Sequence[tuple[int, int, str]],
        zeros: MappingProxyType[str, float],
    ) -> None:
        self._values = values
        self._zeros = zeros
        self._pending: tuple[str, Sequence[tuple[int, int, str]]] | None = (text, tokens)

    def _complete(self) -> dict[str, float]:
        if self._pending is not None:
            text, tokens = self._pending
            full = self._zeros.copy()  # the view's dict copied as a whole: `dict(view)` goes key by key, 12x slower
            full.update(self._values)
            # Readability counts words, not numbers: a token of digits alone is left out.
            full.update(readability_features(text, [t[2] for t in tokens if not t[2].isdigit()]))
            self._values = full
            self._pending = None
        return self._values

    def __getitem__(self, key: str) -> float:
        if key in READABILITY_FEATURES or self._pending is None:
            return self._complete()[key]
        value = self._values.get(key)
        return self._zeros[key] if value is None else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._zeros)

    def __len__(self) -> int:
        return len(self._zeros)

    def __contains__(self, key: object) -> bool:
        return key in self._zeros

    def keys(self) -> KeysView[str]:
        return self._zeros.keys()

    def items(self) -> ItemsView[str, float]:
        return self._complete().items()

    def values(self) -> ValuesView[float]:
        return self._complete().values()

    def __repr__(self) -> str:
        return f"Features({self._complete()!r})"
