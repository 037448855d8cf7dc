"""Benchmark the shipped model: single-headline latency and batch throughput on one core.

Prints the median time of `Scorer.score` for one headline (evidence included),
the throughput of `Scorer.score_many` on a batch, split into extraction and the
model's explanation, and a bare tf-idf + logistic-regression pipeline timed on
the same batch as a ratio.

    python bench/bench_model.py                      # generated headlines
    python bench/bench_model.py --data ../shared/data/webis-clickbait-17
"""

from __future__ import annotations

import os

# One core: BLAS threads off before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import scorer as scorer_package  # noqa: E402
from scorer import Scorer  # noqa: E402
from scorer.corpora import read_corpus  # noqa: E402
from scorer.extract import letters_problem  # noqa: E402

_SUBJECTS = ["Senate", "The central bank", "Rail workers", "A Texas hospital", "Venezuela's opposition", "Police"]
_VERBS = ["approves", "rejects", "SLAMS", "warns of", "delays", "reveals"]
_OBJECTS = ["budget plan", "CHILLING new rules", "trade deal", "strike talks", "shocking report", "interim leader"]
_ENDS = ["", "!", " - here's why", " amid protests", "?", " after RIOTS"]


def generated(n: int, seed: int = 0) -> list[str]:
    """`n` headlines from templates, a mix of sober and sensational."""
    rng = random.Random(seed)
    return [
        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_ENDS)}" for _ in range(n)
    ]


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="a labelled corpus to take headlines from (default: generated)")
    parser.add_argument("--batch", type=int, default=10_000, help="batch size (10000)")
    parser.add_argument("--single", type=int, default=2_000, help="single-headline calls timed (2000)")
    args = parser.parse_args()

    headlines = list(read_corpus(args.data).texts) if args.data else generated(args.batch)
    headlines = [h for h in headlines if letters_problem(h) is None]  # not "..." (3 Webis posts): nothing to score
    while len(headlines) < args.batch:
        headlines = headlines * 2
    batch = headlines[: args.batch]
    scorer = Scorer.load()
    gc.freeze()  # as `scorer serve` and the batch workers do: the model's objects stay out of every collection
    source = f"corpus {args.data}" if args.data else "generated"
    print(f"model: {scorer.model.name} {scorer.model.version} ({scorer_package.build_name()}); headlines: {source}")

    scorer.score_many(batch[:200])  # warm up
    times = []
    for headline in batch[: args.single]:
        start = time.perf_counter()
        scorer.score(headline).to_dict()
        times.append(time.perf_counter() - start)
    print(f"single headline (score + to_dict): median {statistics.median(times) * 1e3:.3f} ms, "
          f"p95 {sorted(times)[int(0.95 * len(times))] * 1e3:.3f} ms over {len(times):,} calls")

    start = time.perf_counter()
    extractions = [scorer.extract(h) for h in batch]
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    scorer.model.explain_many(extractions)
    explain_s = time.perf_counter() - start
    start = time.perf_counter()
    scorer.score_many(batch)
    total_s = time.perf_counter() - start
    print(f"batch of {len(batch):,}: score_many {per_second(len(batch), total_s)} ({total_s:.2f} s); "
          f"extraction alone {per_second(len(batch), extract_s)}, model explanation alone "
          f"{per_second(len(batch), explain_s)}")

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    labels = [int(r.score >= 0.5) for r in scorer.score_many(batch[:2000])]
    if len(set(labels)) < 2:
        labels[0] = 1 - labels[0]
    baseline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LogisticRegression())
    baseline.fit(batch[:2000], labels)
    start = time.perf_counter()
    baseline.predict_proba(batch)
    base_s = time.perf_counter() - start
    print(f"bare tf-idf + logistic regression (no evidence): {per_second(len(batch), base_s)}; "
          f"score_many takes {total_s / base_s:.1f}x its time")


if __name__ == "__main__":
    main()
