"""Instructions a headline for each stage of scoring, counted by callgrind: nearly the same on every run.

Wall-clock figures on a shared machine move by 25 % from run to run; the
number of machine instructions moves by a few tenths of a percent (Python's
hash seed changes the order of sets and dicts). This runs each stage under
valgrind's callgrind tool (Debian: `apt-get install -y valgrind`), counting
only while the stage runs (the model is loaded and warmed up first, uncounted),
and prints the count divided by the number of headlines.

    python bench/bench_instructions.py                       # all stages
    python bench/bench_instructions.py --stages extract explain
    PYTHONPATH=/path/to/other/checkout python bench/bench_instructions.py   # another version of scorer

Stages: `extract` (`Scorer.extract` on each headline), `explain` (the model's
`explain_many` on all the extractions), `score` (`Scorer.score_many`), `to_dict`
(the JSON form of each result, readability included, as the API returns it), `worker`
(a batch worker's whole job on a CSV chunk: parse, score, `--evidence top`
columns, JSON Lines, report figures), `results` (what the API's batch endpoint
does: `score_many` on 100 headlines, then `to_dict` of each, with Python's
default garbage-collector thresholds) and `results-served` (the same after
`scorer serve`'s `prepare_collector`); and three parts: `tokenize` (the
extractor's first step), `quotes` (the quotation search) and `columns` (a batch
row's added columns with `--evidence top`). Headlines: the first N Webis-Clickbait-17
posts from ../shared/data, or generated ones when it is absent.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scorer.extract import letters_problem

HERE = Path(__file__).resolve().parent
WEBIS = HERE.parent.parent / "shared" / "data" / "webis-clickbait-17" / "instances.jsonl"
STAGES = (
    "extract", "explain", "score", "to_dict", "worker", "results", "results-served", "tokenize", "quotes", "columns"
)
#: Headlines a request in the `results` stages (the API benchmark's batch size).
REQUEST_BATCH = 100


def headlines(n: int) -> list[str]:
    """The first `n` Webis posts, or generated headlines when the corpus is absent."""
    if WEBIS.exists():
        found: list[str] = []
        with WEBIS.open(encoding="utf-8") as handle:
            for line in handle:
                text = " ".join(json.loads(line).get("postText") or []).strip()
                if text and letters_problem(text) is None:  # not "..." (3 posts): nothing to score
                    found.append(text)
                if len(found) >= n:
                    return found
        return found
    sys.path.insert(0, str(HERE))
    from bench_model import generated

    return generated(n)


def child(stage: str, n: int) -> None:
    """Run `stage` twice: once to warm up, once with callgrind counting."""
    import csv
    import gc
    import io

    from scorer import Scorer
    from scorer.batch.chunker import RawChunk
    from scorer.batch.columns import result_columns
    from scorer.batch.workers import ChunkSpec, process_lines
    from scorer.lexicon import tokenize_normalised
    from scorer.quotes import find_quotes

    texts = headlines(n)
    scorer = Scorer.load()
    gc.freeze()
    extractions = [scorer.extract(h) for h in texts]
    scored = scorer.score_many(texts) if stage in ("to_dict", "columns") else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for i, text in enumerate(texts):
        writer.writerow([i, "Herald", text])
    data = buffer.getvalue().encode("utf-8")
    chunk = RawChunk(first_line=2, data=data, lines=data.count(b"\n"), end=len(data))
    spec = ChunkSpec(
        model_path=None, text_column="headline", body_column=None, group_by=None, evidence="top",
        output_format="jsonl", columns=None, input_format="csv", header=("id", "outlet", "headline"),
    )
    requests = [texts[i : i + REQUEST_BATCH] for i in range(0, len(texts), REQUEST_BATCH)]
    if stage == "results-served":
        from scorer.cli_serve import prepare_collector

        prepare_collector()

    def results() -> None:
        for request in requests:
            [r.to_dict() for r in scorer.score_many(request)]

    runs = {
        "results": results,
        "results-served": results,
        "extract": lambda: [scorer.extract(h) for h in texts],
        "explain": lambda: scorer.model.explain_many(extractions),
        "score": lambda: scorer.score_many(texts),
        "to_dict": lambda: [r.to_dict() for r in scored],
        "worker": lambda: process_lines(spec, 0, chunk),
        "tokenize": lambda: [tokenize_normalised(h) for h in texts],
        "quotes": lambda: [find_quotes(h) for h in texts],
        "columns": lambda: [result_columns(r, "top", False, True) for r in scored],
    }
    run = runs[stage]
    run()
    control = ["callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], capture_output=True, check=True)
    run()
    subprocess.run([*control, "off", str(os.getpid())], capture_output=True, check=True)
    print(len(texts))


def count(stage: str, n: int) -> tuple[int, int]:
    """(instructions counted, headlines) for one stage, in a child under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out.%p")
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             os.path.realpath(sys.executable), __file__, "--child", stage, "--headlines", str(n)],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"{stage}: valgrind failed:\n{done.stderr[-2000:]}")
        total = 0
        for path in glob.glob(os.path.join(tmp, "callgrind.out.*")):
            with open(path, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if line.startswith("summary:") or line.startswith("totals:"):
                        total = max(total, int(line.split()[1]))
        return total, int(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES), help="stages to count")
    parser.add_argument("--headlines", type=int, default=3_000, help="headlines a stage (3000)")
    parser.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.headlines)
        return
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        raise SystemExit("valgrind is not installed (Debian: apt-get install -y valgrind)")
    import scorer

    print(f"scorer from {Path(scorer.__file__).parent} ({scorer.build_name()}); {args.headlines:,} headlines "
          f"({'Webis-Clickbait-17 posts' if WEBIS.exists() else 'generated'})")
    for stage in args.stages:
        total, n = count(stage, args.headlines)
        print(f"{stage:15s} {total / n:>10,.0f} instructions a headline")


if __name__ == "__main__":
    main()
