"""Benchmark `scorer batch`: rows per second and peak memory, end to end, against a bare baseline.

Builds a CSV of N headlines by repeating and varying the shared corpora's
headlines (or generating headlines when ../shared/data is absent), runs

    scorer batch INPUT.csv -o OUT.jsonl --evidence top --jobs J --quiet

in a subprocess, and samples the resident memory of that process and its
workers (summed) every 100 ms. Then it times a bare TF-IDF + logistic-regression
baseline over the same rows with the same number of processes (read CSV,
vectorise, predict, write JSON Lines) and prints our throughput as a ratio.

usage: python bench/bench_batch.py [--rows 100000 1000000] [--jobs 2] [--workdir bench/out] [--overhead-only]
Data files go to --workdir (git-ignored) and are never committed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUTLETS = ("Daily Star", "Herald", "Courier", "Gazette", "Post", "Tribune", "Echo", "Mirror")
PREFIXES = ("", "", "", "BREAKING: ", "WATCH: ", "Live: ", "Exclusive: ", "Opinion: ")
SUFFIXES = ("", "", "", "!", "!!", " – report", " (video)", " - latest", "?")
SAMPLE_SECONDS = 0.1
BASELINE_CHUNK = 2_000


def _corpus_headlines() -> list[str]:
    lines: list[str] = []
    for name in ("clickbait_data.gz", "non_clickbait_data.gz"):
        path = SHARED / "chakraborty2016" / name
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                lines += [line.strip() for line in handle if line.strip()]
    webis = SHARED / "webis-clickbait-17" / "instances.jsonl"
    if webis.exists():
        with open(webis, encoding="utf-8") as handle:
            for line in handle:
                text = " ".join(json.loads(line).get("postText") or []).strip()
                if text:
                    lines.append(text)
    return lines


def _generated_headlines(rng: random.Random, n: int = 20_000) -> list[str]:
    subjects = ("Minister", "Storm", "Markets", "Council", "Police", "Star", "Team", "Scientists", "Court", "Town")
    verbs = ("slams", "warns of", "unveils", "faces", "denies", "reveals", "wins", "backs", "blocks", "escapes")
    objects = ("budget plan", "CHAOS", "new rules", "shocking claims", "record deal", "flood risk", "strike", "probe")
    return [f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}" for _ in range(n)]


def _vary(headline: str, rng: random.Random) -> str:
    """A variant of a headline: a prefix or suffix, sometimes a word shouted."""
    words = headline.split()
    if words and rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = words[i].upper()
    return f"{rng.choice(PREFIXES)}{' '.join(words)}{rng.choice(SUFFIXES)}"


def build_input(path: Path, rows: int, seed: int = 5) -> str:
    """Write `rows` headlines to `path` as CSV (id, outlet, headline); say where they came from."""
    rng = random.Random(seed)
    base = _corpus_headlines()
    origin = "repeated and varied from ../shared/data"
    if not base:
        base, origin = _generated_headlines(rng), "generated (../shared/data absent)"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "outlet", "headline"])
        for i in range(rows):
            writer.writerow([i, OUTLETS[i % len(OUTLETS)], _vary(base[i % len(base)], rng)])
    return f"{len(base):,} distinct source headlines, {origin}"


def _tree_memory(process: Any) -> tuple[int, int]:
    """(RSS, PSS) of a process and its children, summed.

    Forked workers share the parent's pages, so summed RSS counts those pages
    once per process; PSS splits each shared page between its sharers and is
    the honest total.
    """
    import psutil

    rss = pss = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss, pss


def measure(command: list[str]) -> tuple[float, int, int]:
    """Run `command`; return (seconds, peak summed RSS, peak summed PSS) of it and its workers."""
    import psutil

    start = time.perf_counter()
    child = subprocess.Popen(command)
    handle = psutil.Process(child.pid)
    peak_rss = peak_pss = 0
    while child.poll() is None:
        try:
            rss, pss = _tree_memory(handle)
        except psutil.Error:
            continue
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    if child.returncode not in (0, 3):
        raise SystemExit(f"command failed ({child.returncode}): {' '.join(command)}")
    return seconds, peak_rss, peak_pss


# --- the baseline: TF-IDF + logistic regression, same rows, same processes -----------------------------------

def _train_baseline(rng: random.Random) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    clickbait, news = [], []
    for name, bucket in (("clickbait_data.gz", clickbait), ("non_clickbait_data.gz", news)):
        path = SHARED / "chakraborty2016" / name
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                bucket += [line.strip() for line in handle if line.strip()]
    if not clickbait or not news:
        generated = _generated_headlines(rng, 4_000)
        clickbait, news = [h + "!!" for h in generated[:2_000]], generated[2_000:]
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=1_000))
    return model.fit(clickbait + news, [1] * len(clickbait) + [0] * len(news))


def _baseline_chunk(args: tuple[Any, list[list[str]]]) -> bytes:
    model, rows = args
    scores = model.predict_proba([r[2] for r in rows])[:, 1]
    return b"".join(
        (json.dumps({"id": r[0], "outlet": r[1], "headline": r[2], "score": round(float(s), 6)}) + "\n").encode()
        for r, s in zip(rows, scores, strict=True)
    )


_MODEL: Any = None


def _init_baseline(model: Any) -> None:
    global _MODEL  # the pool initializer's one job is to hand each worker the model once
    _MODEL = model


def _baseline_worker(rows: list[list[str]]) -> bytes:
    return _baseline_chunk((_MODEL, rows))


def _chunks(path: Path) -> Iterator[list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        chunk: list[list[str]] = []
        for row in reader:
            chunk.append(row)
            if len(chunk) == BASELINE_CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def run_baseline(path: Path, out: Path, jobs: int) -> float:
    """Seconds for the bare baseline to read, score and write every row with `jobs` processes."""
    model = _train_baseline(random.Random(5))
    start = time.perf_counter()
    with open(out, "wb") as sink, multiprocessing.Pool(jobs, _init_baseline, (model,)) as pool:
        for payload in pool.imap(_baseline_worker, _chunks(path), chunksize=1):
            sink.write(payload)
    return time.perf_counter() - start


def measure_overhead(path: Path, rows: int = 10_000) -> None:
    """In one process: `Scorer.score_many` alone against the batch worker's whole chunk job on the same rows."""
    from scorer.batch.columns import load_scorer
    from scorer.batch.readers import Record
    from scorer.batch.workers import ChunkSpec, process_chunk

    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        table = [row for _, row in zip(range(rows), reader, strict=False)]
    scorer = load_scorer(None)
    headlines = [r[2] for r in table]
    records = [Record(i + 2, {"id": r[0], "outlet": r[1], "headline": r[2]}) for i, r in enumerate(table)]
    spec = ChunkSpec(None, "headline", None, None, "top", "jsonl", None)
    scorer.score_many(headlines[:100])
    bare = chunked = 0.0
    for _ in range(2):  # interleaved, so a burst of load elsewhere hits both
        start = time.perf_counter()
        for i in range(0, len(headlines), 2_000):
            scorer.score_many(headlines[i : i + 2_000])
        bare += time.perf_counter() - start
        start = time.perf_counter()
        for i in range(0, len(records), 2_000):
            process_chunk(spec, i, records[i : i + 2_000])
        chunked += time.perf_counter() - start
    n = 2 * len(headlines)
    print(f"  one core, {len(headlines):,} rows twice: Scorer.score_many {n / bare:,.0f} rows/s; "
          f"batch worker (score, columns, JSON Lines) {n / chunked:,.0f} rows/s; "
          f"batch overhead {chunked / bare - 1:+.1%}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--overhead-only", action="store_true", help="only time the batch layer against score_many")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.overhead_only:
        source = args.workdir / "headlines_overhead.csv"
        build_input(source, 10_000)
        measure_overhead(source)
        return
    for rows in args.rows:
        source = args.workdir / f"headlines_{rows}.csv"
        origin = build_input(source, rows)
        size = source.stat().st_size
        out = args.workdir / f"scored_{rows}.jsonl"
        command = [sys.executable, "-m", "scorer.cli", "batch", str(source), "-o", str(out),
                   "--evidence", "top", "--jobs", str(args.jobs), "--quiet"]
        seconds, peak_rss, peak_pss = measure(command)
        ours = rows / seconds
        print(f"{rows:>9,} rows ({size / 1e6:,.0f} MB CSV; {origin})", flush=True)
        print(f"  scorer batch --jobs {args.jobs} --evidence top: {seconds:,.1f} s, {ours:,.0f} rows/s, "
              f"peak memory {peak_pss / 2**20:,.0f} MiB PSS ({peak_rss / 2**20:,.0f} MiB RSS), "
              "process and workers summed", flush=True)
        if rows == args.rows[0]:
            measure_overhead(source)
        if not args.no_baseline:
            base_seconds = run_baseline(source, args.workdir / f"baseline_{rows}.jsonl", args.jobs)
            base = rows / base_seconds
            print(f"  TF-IDF + logistic regression baseline, {args.jobs} processes: {base_seconds:,.1f} s, "
                  f"{base:,.0f} rows/s; ours / baseline = {ours / base:.2f}", flush=True)


if __name__ == "__main__":
    main()
