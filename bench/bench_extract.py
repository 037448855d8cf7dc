"""Feature extraction with evidence, in headlines per second, beside a bare two-regex baseline.

Run: python bench/bench_extract.py [--data ../shared/data] [--repeat 3]

Prints our extractor's throughput on one core and the ratio to a baseline of
two compiled regexes (capital words, exclamation runs) over the same headlines.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from headlines import DEFAULT_DATA, load_headlines

import scorer
from scorer.extract import extract
from scorer.lexicon import default_lexicon

CAPS_RE = re.compile(r"\b[A-Z]{2,}\b")
BANG_RE = re.compile(r"!+")


def best_of(repeat: int, fn: object, headlines: list[str]) -> float:
    """Fastest wall time of `repeat` passes over the headlines."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(headlines)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(headlines: list[str]) -> int:
    found = 0
    for h in headlines:
        found += len(CAPS_RE.findall(h)) + len(BANG_RE.findall(h))
    return found


def ours(headlines: list[str]) -> int:
    lexicon = default_lexicon()
    found = 0
    for h in headlines:
        found += len(extract(h, lexicon).spans)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    headlines, source = load_headlines(args.data)
    default_lexicon()
    ours(headlines[:2000])  # warm caches (syllable counts, regexes)
    t_base = best_of(args.repeat, baseline, headlines)
    t_ours = best_of(args.repeat, ours, headlines)
    n = len(headlines)
    print(f"data: {source}; scorer {scorer.build_name()}")
    print(f"baseline (2 regexes):        {n / t_base:>12,.0f} headlines/s")
    print(f"extractor with evidence:     {n / t_ours:>12,.0f} headlines/s  (one core)")
    print(f"ratio extractor / baseline:  {t_base / t_ours:>12.3f}")


if __name__ == "__main__":
    main()
