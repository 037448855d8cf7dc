"""Benchmark: article-body analysis throughput, on one core.

Prints articles per second for bodies of 5,000 characters and the time to
analyse one article of 100,000 characters. The bodies are built from the seed
article (repeated and cut), so the mix of quotes, speakers and loaded words is
that of real tabloid copy. Run: `python bench/bench_body.py`.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import statistics
import time

from scorer import Scorer


def _seed_body() -> str:
    raw = importlib.resources.files("scorer.seeds").joinpath("articles", "venezuela-express.json").read_text("utf-8")
    data: dict[str, str] = json.loads(raw)
    return data["body"] + "\n\n"


def _body_of(length: int, seed: str, shift: int = 0) -> str:
    """A body of exactly `length` characters, starting `shift` characters into the repeated seed."""
    repeated = seed * (length // len(seed) + 2)
    start = shift % len(seed)
    # Start at a paragraph so each body reads as an article.
    start = repeated.find("\n\n", start) + 2 if shift else 0
    return repeated[start : start + length]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="5,000-character bodies to analyse")
    parser.add_argument("--repeats", type=int, default=5, help="timings of the 100,000-character article")
    args = parser.parse_args()

    scorer = Scorer.load()
    seed = _seed_body()
    bodies = [_body_of(5_000, seed, shift=97 * i) for i in range(args.articles)]
    scorer.analyse_body(bodies[0])  # warm-up: lexicon and model are loaded once

    start = time.perf_counter()
    for body in bodies:
        scorer.analyse_body(body)
    elapsed = time.perf_counter() - start
    print(f"5,000-character bodies: {args.articles} in {elapsed:.2f} s = {args.articles / elapsed:.0f} articles/s")

    long_body = _body_of(100_000, seed)
    timings = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        result = scorer.analyse_body(long_body)
        timings.append(time.perf_counter() - start)
    print(
        f"100,000-character article: median {statistics.median(timings):.3f} s, "
        f"max {max(timings):.3f} s over {args.repeats} runs "
        f"({len(result['sentences'])} sentences, {len(result['quotes'])} quotes, "
        f"{len(result['evidence'])} evidence spans)"
    )
    print(f"model: {scorer.model_info['name']} {scorer.model_info['version']}")


if __name__ == "__main__":
    main()
