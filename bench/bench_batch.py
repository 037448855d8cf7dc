"""Benchmark `scorer batch`: rows per second and peak memory, end to end, against a bare baseline.

Builds a CSV of N headlines by repeating and varying the shared corpora's
headlines (or generating headlines when ../shared/data is absent), runs

    scorer batch INPUT.csv -o OUT.jsonl --evidence top --jobs J --quiet

in a subprocess, and samples the resident memory of that process and its
workers (summed) every 100 ms. Then it times a bare TF-IDF + logistic-regression
baseline over the same rows with the same number of processes (read CSV,
vectorise, predict, write JSON Lines) and prints our throughput as a ratio.

usage: python bench/bench_batch.py [--rows 100000 1000000] [--jobs 2] [--chunk-size N] [--workdir bench/out]
                                   [--no-baseline] [--stages-only]
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

import scorer
from scorer.extract import letters_problem

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
    return [line for line in lines if letters_problem(line) is None]  # not "..." (3 posts): nothing to score


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


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its children that have been waited for."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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


def run_baseline(path: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(seconds, CPU seconds) for the bare baseline to read, score and write every row with `jobs` processes."""
    model = _train_baseline(random.Random(5))
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    with open(out, "wb") as sink, multiprocessing.Pool(jobs, _init_baseline, (model,)) as pool:
        for payload in pool.imap(_baseline_worker, _chunks(path), chunksize=1):
            sink.write(payload)
        pool.close()
        pool.join()  # reaped, so their CPU time is counted
    return time.perf_counter() - start, _cpu_seconds() - cpu_before


def _timed(function: Any) -> tuple[Any, float]:
    """(value, seconds) of `function()`, with the garbage collector paused as a batch worker pauses it per chunk."""
    import gc

    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        value = function()
        return value, time.perf_counter() - start
    finally:
        gc.enable()


def measure_stages(path: Path, rows: int = 20_000, chunk: int = 2_000) -> None:
    """In one process, each stage of the local engine on the same rows, in µs per row and against `score_many`.

    Every stage runs with the garbage collector paused, as the workers run a chunk.

    Parent stages (cutting raw chunks, pickling them, unpickling results, writing
    part files) compete with the workers for the cores; worker stages (parsing,
    scoring, the added columns, JSON Lines, report figures) run once per row.
    """
    import gc
    import pickle

    from scorer.batch.chunker import LineChunker
    from scorer.batch.columns import load_scorer, result_columns, score_texts
    from scorer.batch.fastparse import parse_chunk
    from scorer.batch.readers import open_source
    from scorer.batch.summary import Summary
    from scorer.batch.workers import ChunkSpec, process_lines
    from scorer.batch.writers import serialize

    source = open_source(str(path), "csv", None, None, lambda _: None, raw=True)
    assert source.raw is not None
    header = source.raw.header
    cut = LineChunker(source.raw).chunks(chunk)
    chunks, t_cut = _timed(lambda: [c for _, c in zip(range(max(1, rows // chunk)), cut, strict=False)])
    source.close()
    n = sum(c.lines for c in chunks)
    _, t_pickle = _timed(lambda: [pickle.dumps(c, pickle.HIGHEST_PROTOCOL) for c in chunks])
    parsed, t_parse = _timed(lambda: [parse_chunk("csv", header, "headline", c) for c in chunks])
    fields = [f for p in parsed for f in p.fields]
    headlines = [str(f["headline"]) for f in fields]
    scorer = load_scorer(None)
    gc.freeze()  # as `init_worker` does after loading the model

    def bare() -> list[Any]:
        return [r for i in range(0, n, chunk) for r in scorer.score_many(headlines[i : i + chunk])]

    bare()  # warm every cache once, so no stage below is timed cold
    results, t_bare = _timed(bare)
    _, t_texts = _timed(lambda: [score_texts(scorer, headlines[i : i + chunk], None) for i in range(0, n, chunk)])
    pairs = list(zip(fields, results, strict=True))
    out, t_columns = _timed(lambda: [{**f, **result_columns(r, "top", False, True)} for f, r in pairs])
    _, t_json = _timed(lambda: serialize("jsonl", out, None))
    _, t_summary = _timed(lambda: Summary().add_many(range(n), results, None))
    spec = ChunkSpec(None, "headline", None, None, "top", "jsonl", None, "", "csv", header)
    done, t_worker = _timed(lambda: [process_lines(spec, i, c) for i, c in enumerate(chunks)])
    _, t_back = _timed(lambda: [pickle.loads(pickle.dumps(d, pickle.HIGHEST_PROTOCOL)) for d in done])
    stages = [
        ("parent: cut raw chunks (CSV row ends)", t_cut),
        ("parent: pickle chunks to workers", t_pickle),
        ("worker: parse CSV rows", t_parse),
        ("worker: Scorer.score_many (bare)", t_bare),
        ("worker: score_texts (checks + score_many)", t_texts),
        ("worker: result_columns (--evidence top)", t_columns),
        ("worker: serialize JSON Lines", t_json),
        ("worker: report figures (Summary)", t_summary),
        ("worker: process_lines, all of the above", t_worker),
        ("both: pickle + unpickle results", t_back),
    ]
    print(f"  stages on {n:,} rows in one process, chunks of {chunk:,} (µs/row; × bare score_many):", flush=True)
    for name, seconds in stages:
        print(f"    {name:<44} {seconds / n * 1e6:8.1f} µs  {seconds / t_bare:6.3f}×", flush=True)
    print(f"    worker overhead beyond score_many: {(t_worker - t_bare) / n * 1e6:+.1f} µs/row "
          f"({t_worker / t_bare - 1:+.1%}); parent per row: {(t_cut + t_pickle) / n * 1e6:.1f} µs", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--chunk-size", type=int, help="passed to scorer batch --chunk-size")
    parser.add_argument("--stages-only", action="store_true", help="only time each stage against score_many")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; scorer {scorer.build_name()}")
    if args.stages_only:
        source = args.workdir / "headlines_stages.csv"
        build_input(source, 20_000)
        measure_stages(source)
        return
    for rows in args.rows:
        source = args.workdir / f"headlines_{rows}.csv"
        origin = build_input(source, rows)
        size = source.stat().st_size
        out = args.workdir / f"scored_{rows}.jsonl"
        command = [sys.executable, "-m", "scorer.cli", "batch", str(source), "-o", str(out),
                   "--evidence", "top", "--jobs", str(args.jobs), "--quiet"]
        if args.chunk_size:
            command += ["--chunk-size", str(args.chunk_size)]
        cpu_before = _cpu_seconds()
        seconds, peak_rss, peak_pss = measure(command)
        our_cpu = _cpu_seconds() - cpu_before  # the run and its workers, reaped when it ended
        ours = rows / seconds
        print(f"{rows:>9,} rows ({size / 1e6:,.0f} MB CSV; {origin})", flush=True)
        print(f"  scorer batch --jobs {args.jobs} --evidence top: {seconds:,.1f} s, {ours:,.0f} rows/s, "
              f"peak memory {peak_pss / 2**20:,.0f} MiB PSS ({peak_rss / 2**20:,.0f} MiB RSS), "
              "process and workers summed", flush=True)
        print(f"  CPU: {our_cpu:,.1f} s in all, {our_cpu / rows * 1e6:,.1f} µs a row (process and workers)", flush=True)
        if rows == args.rows[0]:
            measure_stages(source)
        if not args.no_baseline:
            base_seconds, base_cpu = run_baseline(source, args.workdir / f"baseline_{rows}.jsonl", args.jobs)
            base = rows / base_seconds
            print(f"  TF-IDF + logistic regression baseline, {args.jobs} processes: {base_seconds:,.1f} s, "
                  f"{base:,.0f} rows/s; ours / baseline = {ours / base:.2f}", flush=True)
            print(f"  baseline CPU: {base_cpu:,.1f} s in all, {base_cpu / rows * 1e6:,.1f} µs a row; "
                  f"ours / baseline in CPU a row = {our_cpu / base_cpu:.2f}", flush=True)


if __name__ == "__main__":
    main()
