"""A syllable estimate from vowel groups, for the words that hyphenation patterns under-count.

pyphen's hyphenation patterns (what textstat counts with offline) mark where a
word may be broken at a line end, not its syllables: they never leave one or
two letters alone, so "Venezuela", "idea" and "area" come out as one syllable.
`vowel_group_syllables` counts groups of vowels with a few English spelling
rules, written for this project; `readability.syllables` takes the larger of
the two counts. `bench/bench_syllables.py` measures both against a
pronouncing dictionary.
"""

from __future__ import annotations

import re

__all__ = ["vowel_group_syllables"]

_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
#: Two vowels in one group that are spoken as two syllables: vi-de-o, In-di-a, ra-di-o.
#: Not after the letters that make them one sound (na-tion, re-gion, mil-lion, peo-ple).
_SPLIT_RE = re.compile(r"(?<![cgstlnhx])i[ao]|(?<![gpmy])eo|iu|uo")
#: A final "ea" after a consonant is two syllables when the word has another vowel (i-de-a, Ko-re-a).
_FINAL_EA_RE = re.compile(r"[^aeiouy]ea$")
#: A final "e" after a consonant is silent (fire, state), except in "-le" after a consonant (peo-ple).
_CONSONANT_LE_RE = re.compile(r"[^aeiouy]le$")
_OPEN_E_ENDINGS = ("ee", "ie", "oe", "ye")
#: "-ed" is its own syllable only after t or d (want-ed, but jumped).
_SILENT_ED_RE = re.compile(r"[^aeiouytd]ed$")
#: "-es" is its own syllable only after a sibilant (bus-es, but streets); "-les" keeps its vowel.
_SILENT_ES_RE = re.compile(r"[^aeiouyszcgx]es$")
_CONSONANT_LES_RE = re.compile(r"[^aeiouy]les$")
#: A silent "e" before a suffix or second word (like-ly, state-ment, some-thing, base-ball).
_SILENT_E_SUFFIX_RE = re.compile(
    r"[^aeiouy]e(?:ly|ment|ments|ful|less|ness|thing|things|some|ball|book|way|ways|day|days)$"
)


def vowel_group_syllables(word: str) -> int:
    """Syllables of an English word estimated from its spelling (at least one)."""
    w = word.lower().replace("'", "").replace("\u2019", "").replace("qu", "qw")  # the u of qu is no vowel
    if len(w) > 1 and w[0] == "y" and w[1] in "aeiou":  # y before a vowel is a consonant (yes, young)
        w = w[1:]
    count = len(_VOWEL_GROUP_RE.findall(w))
    if count > 1:
        if w.endswith("e") and not _CONSONANT_LE_RE.search(w) and not w.endswith(_OPEN_E_ENDINGS):
            count -= 1
        elif _SILENT_ED_RE.search(w) or (_SILENT_ES_RE.search(w) and not _CONSONANT_LES_RE.search(w)):
            count -= 1
    count += len(_SPLIT_RE.findall(w))
    if count > 1 and _FINAL_EA_RE.search(w):
        count += 1
    if count > 1 and _SILENT_E_SUFFIX_RE.search(w):
        count -= 1
    return max(1, count)
