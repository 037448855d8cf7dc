"""`scorer batch`: score a whole archive (CSV, TSV, JSON Lines, text or Parquet) into a new file."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .batch.columns import EVIDENCE_MODES
from .batch.readers import FORMATS, Source
from .batch.runner import DEFAULT_CHUNK_ROWS, BatchOptions, BatchResult, run_batch
from .batch.writers import OUTPUT_FORMATS
from .errors import InputError

__all__ = ["EXIT_ROWS_FAILED", "EXIT_WORKER_DIED", "EXIT_WRITE_FAILED", "add_parser", "run"]

#: Exit code when the run finished but some rows could not be scored (they are in the errors file).
EXIT_ROWS_FAILED = 3
#: Exit code when the output could not be written (disk full, no permission); the checkpoint is kept.
EXIT_WRITE_FAILED = 4
#: A worker process died (the out-of-memory killer, a `kill`): the checkpoint is kept for --resume.
EXIT_WORKER_DIED = 5

HELP = """Score every headline in a file and write the rows back with score, label, components, evidence and warnings.

Input: CSV or TSV with a header, JSON Lines, plain text (one headline a line) or
Parquet; gzip is read transparently; - is standard input. Output: JSON Lines,
CSV or Parquet, by the extension of -o or --format; - (the default) is standard
output. Input columns are kept unchanged and in order.

The warnings column names what makes a score say little: too_short (fewer
than three words), repeated_words (fewer than three different words, or more
than half of them repeats) or unfamiliar_words (the model knows fewer than half of the
words, as in a headline in another language); it is empty for most rows.

Rows that cannot be scored go to OUTPUT.errors.jsonl with their line number,
the reason and the raw row. The output appears only when the run completes;
a killed run continues from its last checkpoint with --resume.

exit codes:
  0  every row was scored
  1  the model or lexicon could not be loaded
  2  bad usage or unreadable input (nothing was written)
  3  the run finished but some rows failed (see the errors file)
  4  the output could not be written (disk full, permission); fix it and --resume
  5  a worker process died (killed, or out of memory); --resume continues
  130 interrupted (resume with --resume)
  (when the reader of standard output stops early, as `| head` does, the run stops quietly with 0)

examples:
  scorer batch headlines.csv -o scored.jsonl
  scorer batch archive.jsonl.gz --text-field title -o scored.csv --evidence none
  scorer batch articles.csv --body-column body --group-by outlet -o scored.parquet --report report.html
  scorer batch huge.csv -o scored.jsonl --resume        # after an interruption
  scorer batch data.csv -o out.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
"""


def add_parser(subparsers: Any) -> None:
    """Register `scorer batch`."""
    parser = subparsers.add_parser(
        "batch", help="score a whole file of headlines", description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", help="input file, or - for standard input")
    parser.add_argument("-o", "--output", default="-", help="output file (default: standard output, JSON Lines)")
    parser.add_argument("--format", dest="output_format", choices=OUTPUT_FORMATS, help="output format")
    parser.add_argument("--input-format", choices=FORMATS, help="input format (default: from the extension)")
    parser.add_argument("--text-column", "--text-field", dest="text_column", metavar="NAME",
                        help="column or JSON field holding the headline (default: headline, title or text)")
    parser.add_argument("--body-column", metavar="NAME", help="column holding the article body, scored too")
    parser.add_argument("--group-by", metavar="NAME", help="column to group the report by (e.g. outlet, month)")
    parser.add_argument("--evidence", choices=EVIDENCE_MODES, default="top",
                        help="evidence kept: none, top (three strongest spans as text, default) or all")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    parser.add_argument("--chunk-size", dest="chunk_rows", type=int, default=DEFAULT_CHUNK_ROWS,
                        help=f"rows per chunk and checkpoint (default {DEFAULT_CHUNK_ROWS})")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run from its checkpoint")
    parser.add_argument("--errors", dest="errors_path", metavar="PATH",
                        help="where failed rows go (default: OUTPUT.errors.jsonl)")
    parser.add_argument("--report", dest="report_path", metavar="HTML", help="write a self-contained HTML report")
    parser.add_argument("--prefix", default="", help="prefix for the added column names (when the input has a 'score')")
    parser.add_argument("--model", dest="model_path", metavar="PATH", help="model file instead of the shipped default")
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="where to score (default local)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no messages")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the batch and print a summary; the exit code says whether rows failed."""
    options = BatchOptions(
        input=args.input, output=args.output, input_format=args.input_format, output_format=args.output_format,
        text_column=args.text_column, body_column=args.body_column, group_by=args.group_by, evidence=args.evidence,
        jobs=args.jobs, chunk_rows=args.chunk_rows, resume=args.resume, quiet=args.quiet,
        errors_path=args.errors_path, report_path=args.report_path, prefix=args.prefix, model_path=args.model_path,
    )

    def announce(message: str) -> None:
        if not options.quiet:
            print(f"scorer: {message}", file=sys.stderr)

    if args.scheduler and args.engine != "dask":  # it had been ignored, and the run scored locally
        raise InputError("--scheduler is for --engine dask; add --engine dask, or leave --scheduler out")
    if options.report_path:
        from .batch.report import check_report_path

        check_report_path(options.report_path)  # now, not after scoring the whole input
    try:
        if args.engine == "dask":
            from .batch.dask_engine import run_dask_batch

            result = run_dask_batch(options, args.scheduler, announce)
        else:
            result = _run_local(options, announce, args.argv)
        if options.report_path and args.engine == "dask":  # the local engine writes it before the output
            from .batch.report import write_report

            write_report(result.summary, options.report_path, options.group_by, title=os.path.basename(options.input))
    except BrokenPipeError:
        raise  # the reader of standard output stopped early (`| head`): `scorer.cli.main` ends quietly
    except BrokenProcessPool:
        print(f"scorer: error: a worker process died (killed, or out of memory). {_next_step(options, args.argv)}",
              file=sys.stderr)
        return EXIT_WORKER_DIED
    except OSError as exc:
        # Disk full, permission denied: say where, keep the checkpoint, and let the user --resume.
        # (Reading errors are InputErrors by now: the readers convert them, so this is the output.)
        where = f" {exc.filename!r}" if exc.filename else ""
        print(f"scorer: error: cannot write{where}: {exc.strerror or exc}. {_next_step(options, args.argv)}",
              file=sys.stderr)
        return EXIT_WRITE_FAILED
    if options.report_path:
        announce(f"report written to {options.report_path}")
    _print_summary(result, announce)
    return EXIT_ROWS_FAILED if result.rows_failed else 0


def _next_step(options: BatchOptions, argv: Sequence[str], failed: bool = True) -> str:
    """What to do after a run that `failed` (or was interrupted): resume it when its checkpoint is on disk, else
    run it again."""
    then = "fix the cause, then " if failed else ""
    resumable = options.output != "-" and options.input != "-"  # standard input cannot be read again
    if resumable and os.path.isfile(os.path.join(f"{options.output}.parts", "checkpoint.json")):
        return f"The work so far is kept: {then}continue with: {resume_command(argv)}"
    return f"{then}run the command again.".capitalize()


def resume_command(argv: Sequence[str]) -> str:
    """The command that resumes the run started with `argv`: the same arguments, quoted for a shell, plus --resume.

    Every option is kept: a resumed run must match the checkpoint's, and one left
    out (`--chunk-size`, `--evidence`) had the resume refused.
    """
    return shlex.join(["scorer", *(a for a in argv if a != "--resume"), "--resume"])


def _run_local(options: BatchOptions, announce: Any, argv: Sequence[str]) -> BatchResult:
    from .batch.progress import Progress

    progress: Progress | None = None

    def on_progress(source: Source, position: int, rows: int) -> None:
        nonlocal progress
        if progress is None:
            progress = Progress(source.total, source.unit, options.quiet)
        progress.update(position, rows)

    try:
        return run_batch(options, announce, on_progress)
    except KeyboardInterrupt:
        if options.output != "-":
            print(f"scorer: interrupted. {_next_step(options, argv, failed=False)}", file=sys.stderr)
        raise
    finally:
        if progress is not None:
            progress.close()


def _print_summary(result: BatchResult, announce: Any) -> None:
    where = f"; failed rows are in {result.errors_path}" if result.errors_path else ""
    rows = "row" if result.rows_read == 1 else "rows"
    announce(f"read {result.rows_read:,} {rows}, scored {result.rows_scored:,}, failed {result.rows_failed:,}{where}")
    warned = result.summary.warnings_text()
    if warned:
        announce(f"{warned}: their scores say little (see the warnings column)")
