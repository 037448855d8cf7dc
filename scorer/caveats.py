"""Warnings that go with a score when the headline is one the model cannot judge well.

The model reads English news headlines of ordinary length. Two kinds of input
get a score that means little, and say so instead of passing it off as sound:

- `too_short`: fewer than `MIN_WORDS` words ("x" scores on the model's base rate);
- `repeated_words`: fewer than `MIN_WORDS` different words, or more than half of
  the words repeats of others ("The the the the the" scored 1.00 on its own);
- `unfamiliar_words`: fewer than half of the words are words the model learned,
  which is what a headline in another language written in the Latin alphabet
  looks like (French, Spanish, German …). Text in other scripts is refused
  before it gets here (`scorer.extract.letters_problem`).

The thresholds were set on the Chakraborty 2016 headlines (32,000 English
headlines the shipped model never trained on: 74, or 0.23 %, get `unfamiliar_words`,
and one gets `repeated_words`)
and on the 60 headlines in six languages of `tests/data/latin_script_headlines.tsv`
(55 get it). `python bench/bench_caveats.py` measures both.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import NamedTuple

__all__ = [
    "MAX_REPEATED_SHARE",
    "MIN_KNOWN_SHARE",
    "MIN_WORDS",
    "MIN_WORDS_FOR_LANGUAGE",
    "Caveat",
    "caveats",
    "known_words",
]

#: Headlines with fewer words than this are too short to judge (24, or 0.07 %, of the Chakraborty headlines).
MIN_WORDS = 3
#: Shorter headlines are not checked for unfamiliar words: two or three names could trip it.
MIN_WORDS_FOR_LANGUAGE = 4
#: The share of a headline's words the model must know, below which it warns.
MIN_KNOWN_SHARE = 0.5
#: At most this many unknown capitalised words are taken for names (`_without_names`).
MAX_NAMES = 2
#: The share of a headline's words that may repeat an earlier word (any case) before it warns.
MAX_REPEATED_SHARE = 0.5

NO_CAVEATS: tuple[Caveat, ...] = ()


class Caveat(NamedTuple):
    """A reason to doubt a score: a stable `code` for programs and a `message` for people."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """`{"code": ..., "message": ...}`."""
        return {"code": self.code, "message": self.message}


def _words(n: int) -> str:
    return "one word" if n == 1 else f"{n} words"


def known_words(norms: Sequence[str], vocabulary: Container[str]) -> tuple[int, int]:
    """(words the vocabulary holds, words) among the normalised tokens; numbers are not words."""
    words = known = 0
    for norm in norms:
        if not norm.isdigit():
            words += 1
            # A possessive is its word: "minister's" is as English as "minister".
            if norm in vocabulary or (norm.endswith("'s") and norm[:-2] in vocabulary):
                known += 1
    return known, words


def _without_names(
    norms: Sequence[str], tokens: Sequence[tuple[int, int, str]], vocabulary: Container[str]
) -> tuple[int, int]:
    """`known_words` leaving out the unknown capitalised words after the first: names, in a sentence-case headline.

    "Zelensky meets Sunak in Kyiv" is English; only "meets" and "in" are in the
    vocabulary, so it was flagged. A headline in title case (every word
    capitalised) keeps every word: there a capital says nothing.
    """
    later = [t[2] for t in tokens[1:] if t[2][:1].isalpha()]
    if sum(1 for word in later if word[:1].islower()) * 2 < len(later):
        return known_words(norms, vocabulary)
    kept = [norm for norm, token in zip(norms[1:], tokens[1:], strict=True)
            if norm in vocabulary or not token[2][:1].isupper()]
    if len(norms) - 1 - len(kept) > MAX_NAMES:  # German capitalises every noun: three such are not names
        return known_words(norms, vocabulary)
    return known_words([*norms[:1], *kept], vocabulary)


def caveats(
    norms: Sequence[str], vocabulary: Container[str] | None, tokens: Sequence[tuple[int, int, str]] | None = None
) -> tuple[Caveat, ...]:
    """The warnings for a headline with these normalised tokens (`Extraction.norms`) and its tokens.

    `vocabulary` holds the words the model learned; None (the rule model) skips the language check.
    With `tokens` (`Extraction.tokens`), unknown capitalised words in a sentence-case headline are
    taken for names and left out of the language check.
    """
    known, words = known_words(norms, () if vocabulary is None else vocabulary)
    if words < MIN_WORDS:
        return (
            Caveat(
                "too_short",
                f"The headline has {'only ' if words else ''}{_words(words)}; "
                "the model was made for whole headlines, so this score says little.",
            ),
        )
    # Most headlines repeat no word at all: one set of the tokens (in C) says so.
    different = words if len(set(norms)) == len(norms) else len({norm for norm in norms if not norm.isdigit()})
    if different < MIN_WORDS or words - different > MAX_REPEATED_SHARE * words:
        return (
            Caveat(
                "repeated_words",
                f"The headline has {words} words but only {_words(different).replace(' ', ' different ')}; "
                "the model was made for ordinary headlines, so this score says little.",
            ),
        )
    if vocabulary is None or words < MIN_WORDS_FOR_LANGUAGE or known >= MIN_KNOWN_SHARE * words:
        return NO_CAVEATS
    if tokens is not None and len(tokens) == len(norms):
        known, words = _without_names(norms, tokens, vocabulary)
        if words < MIN_WORDS_FOR_LANGUAGE or known >= MIN_KNOWN_SHARE * words:
            return NO_CAVEATS
    return (
        Caveat(
            "unfamiliar_words",
            f"The model knows only {known} of the headline's {words} words. It learned from English news, "
            "so if the headline is in another language, this score says little.",
        ),
    )
