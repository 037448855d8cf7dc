"""`scorer train` and `scorer evaluate`: fit the model on public corpora, and measure it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from .corpora import Corpus, read_corpus
from .errors import InputError, ModelError
from .lexicon import default_lexicon

__all__ = ["add_parser"]

TRAIN_HELP = """Train the sensationalism model and write it with its metadata sidecar.

DATA_DIR holds the corpora in their original layouts: webis-clickbait-17/
(instances.jsonl, truth.jsonl; fitted and cross-validated) and, if present,
chakraborty2016/ (clickbait_data.gz, non_clickbait_data.gz; cross-validated
only). Training is deterministic: the same data gives the same model and metrics.

example:
  scorer train ../shared/data -o models/
"""

EVALUATE_HELP = """Print a model's metrics on a labelled file or corpus directory.

PATH is a Webis-layout directory, a Chakraborty-layout directory, or a .csv /
.jsonl file (or .csv.gz / .jsonl.gz) with a text and a label column (labels in
0..1, or clickbait / no-clickbait, yes / no, true / false).

example:
  scorer evaluate ../shared/data/webis-clickbait-17
  scorer evaluate --text-column title --label-column is_clickbait headlines.csv
"""

WEBIS_DIR = "webis-clickbait-17"
CHAKRABORTY_DIR = "chakraborty2016"


def add_parser(subparsers: Any) -> None:
    """Register `scorer train` and `scorer evaluate`."""
    train = subparsers.add_parser(
        "train", help="train the model on public corpora", description=TRAIN_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    train.add_argument("data_dir", metavar="DATA_DIR", help="directory holding the corpora")
    train.add_argument("-o", "--output", metavar="DIR", default="models", help="where to write the model (models/)")
    train.add_argument("--quiet", action="store_true", help="no progress messages")
    train.set_defaults(run=run_train)
    evaluate = subparsers.add_parser(
        "evaluate", help="print a model's metrics on labelled data", description=EVALUATE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("path", metavar="PATH", help="labelled corpus directory or .csv/.jsonl file")
    evaluate.add_argument("--model", metavar="PATH", help="model file (default: the shipped model)")
    evaluate.add_argument("--text-column", default="text", help="text column of a CSV/JSONL file (text)")
    evaluate.add_argument("--label-column", default="label", help="label column of a CSV/JSONL file (label)")
    evaluate.set_defaults(run=run_evaluate)


def _corpora(data_dir: Path) -> tuple[Corpus, list[Corpus]]:
    if not data_dir.is_dir():
        problem = "not a directory" if data_dir.exists() else "no such directory"
        raise InputError(
            f"{data_dir}: {problem}; give the directory that holds {WEBIS_DIR}/ (and, optionally, "
            f"{CHAKRABORTY_DIR}/): see the README's 'Data and licences'"
        )
    webis = data_dir / WEBIS_DIR
    if not webis.is_dir() and not (data_dir / "instances.jsonl").is_file():
        raise InputError(f"{data_dir}: no {WEBIS_DIR}/ directory (Webis layout: instances.jsonl, truth.jsonl); "
                         f"training needs its graded labels ({CHAKRABORTY_DIR}/ is for cross-validation only)")
    graded = read_corpus(webis if webis.is_dir() else data_dir)
    if not graded.graded:
        raise InputError(f"{data_dir}: training needs graded labels (a {WEBIS_DIR}/ directory in the Webis layout)")
    chakraborty = data_dir / CHAKRABORTY_DIR
    return graded, [read_corpus(chakraborty)] if chakraborty.is_dir() else []


def _check_output(output: Path) -> None:
    """Raise `InputError` if the model could not be written into `output` (made if missing)."""
    if output.exists() and not output.is_dir():
        raise InputError(f"{output}: not a directory; -o names the directory for the model and its sidecar")
    existing = output
    while not existing.exists() and existing != existing.parent:  # the nearest directory that exists
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise InputError(f"{output}: cannot be made, {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"{output}: {existing} is not writable")


def run_train(args: argparse.Namespace) -> int:
    """Train on DATA_DIR and write the model and sidecar into the output directory."""
    from .model import save_model
    from .train import train

    def progress(message: str) -> None:
        if not args.quiet:
            print(f"scorer train: {message}", file=sys.stderr, flush=True)

    output = Path(args.output)
    _check_output(output)  # now, not after minutes of training
    graded, binary = _corpora(Path(args.data_dir))
    result = train(graded, default_lexicon(), binary, progress)
    path = save_model(result.params, result.sidecar, Path(args.output))
    json.dump({"model": str(path), "metrics": result.sidecar["metrics"]}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    """Print the model's metrics on PATH as JSON."""
    from .core import Scorer
    from .model import TrainedModel
    from .train import evaluate

    scorer = Scorer.load(args.model)
    if not isinstance(scorer.model, TrainedModel):
        # a model problem, not the user's input: exit code 1, as for a missing --model file
        raise ModelError("no trained model is installed; run `scorer train DATA_DIR -o models/` first")
    corpus = read_corpus(args.path, args.text_column, args.label_column)
    metrics = evaluate(scorer.model, corpus, scorer.lexicon)
    metrics["model"] = {"name": scorer.model.name, "version": scorer.model.version}
    json.dump(metrics, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
