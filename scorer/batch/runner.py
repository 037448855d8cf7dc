"""The local batch engine: read in chunks, score them in worker processes, write them in order.

Memory stays flat: at most `2 × jobs` chunks are in flight, and each scored
chunk goes straight to its own part file. Output order is input order because
chunks are committed in the order they were read.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import itertools
import json
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .checkpoint import Checkpoint, RunState
from .chunker import LineChunker
from .columns import EvidenceMode, added_columns, prefix_advice
from .readers import HEAD_RECORDS, DamagedInput, Record, Source, detect_format, field_names, open_source
from .summary import Summary
from .workers import ChunkResult, ChunkSpec, init_worker, process_chunk, process_lines
from .writers import OutputFormat, assemble, csv_header, detect_output_format, write_atomic

__all__ = [
    "DEFAULT_CHUNK_ROWS",
    "BatchOptions",
    "BatchResult",
    "check_model",
    "check_paths_apart",
    "errors_path",
    "exclusive",
    "make_errors_folder",
    "run_batch",
    "written_by_a_run",
]

#: Rows per chunk: large enough that per-chunk costs (a part file, an fsync) vanish, small enough to resume cheaply.
DEFAULT_CHUNK_ROWS = 2_000
#: Chunks in flight per worker: one being scored, one queued, one being committed.
WINDOW_PER_JOB = 2
#: Errors file used when the output goes to standard output.
STDOUT_ERRORS = "scorer-batch.errors.jsonl"


@dataclass(frozen=True)
class BatchOptions:
    """Everything `scorer batch` was asked to do."""

    input: str
    output: str = "-"
    input_format: str | None = None
    output_format: str | None = None
    text_column: str | None = None
    body_column: str | None = None
    group_by: str | None = None
    evidence: EvidenceMode = "top"
    jobs: int = 1
    chunk_rows: int = DEFAULT_CHUNK_ROWS
    resume: bool = False
    quiet: bool = False
    errors_path: str | None = None
    report_path: str | None = None
    prefix: str = ""
    model_path: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """How a run went."""

    rows_read: int
    rows_scored: int
    rows_failed: int
    output: str
    errors_path: str | None
    summary: Summary


def _chunked(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while chunk := list(itertools.islice(records, size)):
        yield chunk


def _fingerprint(options: BatchOptions, in_fmt: str, out_fmt: str, text_column: str) -> dict[str, Any]:
    """What must not change between a run and its resumption."""
    from ..model import recorded_sha256  # here: `scorer --help` imports this module, and numpy with the model

    stat = None if options.input == "-" else os.stat(options.input)  # standard input has no file to stat
    return {
        "input": options.input if stat is None else os.path.abspath(options.input),
        "input_size": None if stat is None else stat.st_size,
        "input_mtime_ns": None if stat is None else stat.st_mtime_ns,
        "input_format": in_fmt,
        "output_format": out_fmt,
        "text_column": text_column,
        "body_column": options.body_column,
        "group_by": options.group_by,
        "evidence": options.evidence,
        "prefix": options.prefix,
        "chunk_rows": options.chunk_rows,
        "model_path": options.model_path,
        # a run resumed after the model was retrained would mix two models' scores in one output
        "model_sha256": recorded_sha256(options.model_path),
        # and one resumed after an upgrade, two versions of the scorer's rules
        "scorer_code": _code_sha256(),
    }


def _code_sha256(root: Path | None = None) -> str:
    """sha256 of the scorer's Python sources under `root` (the package) and of its lexicons, with its version and build.

    A run resumed after an upgrade would mix two versions' scores in one output; the lexicons count too
    where no trained model (whose sidecar records their sha256s) is shipped.
    """
    from .. import __version__, build_name
    from ..lexicon import ACRONYMS_FILE, PATTERNS_FILE, TERMS_FILE, read_lexicon_file

    root = root or Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__} {build_name()}".encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    for name in (TERMS_FILE, ACRONYMS_FILE, PATTERNS_FILE):
        digest.update(name.encode("utf-8") + b"\0" + read_lexicon_file(name))
    return digest.hexdigest()


def _validate(options: BatchOptions, out_fmt: OutputFormat) -> None:
    if options.chunk_rows < 1:
        raise InputError("--chunk-size must be at least 1")
    if options.jobs < 1:
        raise InputError("--jobs must be at least 1")
    if options.resume and options.input == "-":
        raise InputError("--resume cannot tell whether standard input is the same as before; "
                         "save the input to a file, score that, and resume it")
    if options.output == "-":
        if options.resume:
            raise InputError("--resume needs an output file (-o PATH), not standard output")
        if out_fmt == "parquet":
            raise InputError("Parquet cannot be written to standard output; give -o PATH.parquet")
    if out_fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        # Told now: it had been a traceback after the whole input was scored.
        raise InputError("writing Parquet needs pyarrow: pip install 'headline-scorer[parquet]'")
    check_paths_apart(options)
    if options.resume and options.input == "-":
        raise InputError("--resume needs an input file; standard input cannot be read twice")


def check_model(model_path: str | None) -> None:
    """A `ModelError` now, in this process, for a model file (or lexicon) the workers could not load.

    Each worker loads the model itself: a bad `--model`, or a shipped model that no longer matches the
    lexicons, had ended a run with `--jobs 2` in `BrokenProcessPool` tracebacks and left the part files behind.
    """
    import importlib.resources

    from ..lexicon import default_lexicon  # here, as in `_fingerprint`: `scorer --help` imports this module
    from ..model import shipped_model, verify

    lexicon = default_lexicon()
    if model_path is not None:
        verify(Path(model_path), lexicon)
        return
    shipped = shipped_model()
    if shipped.is_file():  # none shipped: the workers use the rule model
        with importlib.resources.as_file(shipped) as path:
            verify(path, lexicon)


def check_paths_apart(options: BatchOptions) -> None:
    """An `InputError` if the output, errors file or report would overwrite the input or one another.

    Paths are compared after following symbolic links (and as files, when both
    exist), so `-o link.csv` for a link to the input is caught too: an
    `--errors` or `--report` path equal to the input or output had replaced it.
    """
    named = [
        ("the input", "", options.input),
        ("the output", "-o", options.output),
        ("the errors file (--errors)", "--errors", str(errors_path(options))),
    ]
    if options.report_path:
        named.append(("the report (--report)", "--report", options.report_path))
    named = [entry for entry in named if entry[2] != "-"]
    for k, (what, option, path) in enumerate(named[1:], start=1):
        for other, _, earlier in named[:k]:
            if _same_file(path, earlier):
                raise InputError(f"{what} would overwrite {other} ({earlier}); choose another {option} path")
    for what, option, path in named[1:]:
        _check_writable_place(what, option, path)


def _check_writable_place(what: str, option: str, path: str) -> None:
    """An `InputError` unless `path` is a regular file or does not exist yet.

    A run writes a temporary file beside the path and renames it over the path:
    over a symbolic link that replaces the link (the file it points to is left
    as it was), and over a device such as /dev/null, run as root, it replaces
    the device itself with a file.
    """
    if os.path.islink(path):
        raise InputError(
            f"{what} ({path}) is a symbolic link, which the run would replace with a file; "
            f"give the path it points to ({os.path.realpath(path)}) as {option}"
        )
    if os.path.exists(path) and not os.path.isfile(path):
        raise InputError(
            f"{what} ({path}) is not a regular file (a folder, device or pipe); give a file path as {option}"
            + (", or -o - to write to standard output (and > /dev/null to discard it)" if option == "-o" else "")
        )


def errors_path(options: BatchOptions) -> Path:
    """Where a run's failed rows go: `--errors`, else beside the output (or in the working folder for stdout)."""
    return Path(options.errors_path or (STDOUT_ERRORS if options.output == "-" else f"{options.output}.errors.jsonl"))


def written_by_a_run(path: Path) -> bool:
    """Whether `path` holds error records (or nothing), as a run writes them: only such a file is removed.

    An `--errors` path naming some other file (notes.txt) had been deleted by a run with no failed row.
    """
    try:
        with path.open("rb") as handle:
            first = handle.readline(1 << 16)
    except OSError:
        return False
    if not first.strip():
        return True
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "reason" in record and ("line" in record or "row" in record)


def _same_file(a: str, b: str) -> bool:
    """Whether paths `a` and `b` name one file: the same after following links, or the same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return False


class _Sink:
    """Where committed chunks go: part files plus a checkpoint, or straight to standard output."""

    def __init__(self, options: BatchOptions, fmt: OutputFormat, state: RunState | None, checkpoint: Checkpoint):
        self.options, self.fmt, self.state, self.checkpoint = options, fmt, state, checkpoint
        self._stdout: IO[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self.errors_tmp: Path | None = None

    def open_stdout(self, stdout: IO[bytes], header: list[str] | None) -> None:
        self._stdout = stdout
        if header is not None:
            stdout.write(csv_header(header))

    def commit(self, result: ChunkResult, end: int = 0, next_line: int = 0) -> None:
        """Put a scored chunk in place, then record it (and, for line formats, where it ends) in the checkpoint."""
        cp = self.checkpoint
        if self.state is not None:
            write_atomic(self.state.part(result.index, self.fmt), result.payload)
            if result.errors:
                write_atomic(self.state.part(result.index, "errors.jsonl"), result.errors)
                cp.error_chunks.append(result.index)
        else:
            assert self._stdout is not None
            self._stdout.write(result.payload)
            self._stdout.flush()
            if result.errors:
                if self._errors is None:
                    path = errors_path(self.options)
                    self.errors_tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
                    self._errors = open(self.errors_tmp, "wb")
                self._errors.write(result.errors)
        cp.chunks = result.index + 1
        cp.rows_read += result.rows_read
        cp.rows_scored += result.rows_scored
        cp.rows_failed += result.rows_failed
        cp.summary.merge(result.summary)
        cp.offset, cp.next_line = end, next_line
        if self.state is not None:
            self.state.save(cp)

    def close_errors(self) -> None:
        if self._errors is not None:
            self._errors.close()

    def discard_partial_errors(self) -> None:
        """Remove the errors file of a run to standard output that stopped: it cannot be resumed, so it is no use."""
        if self.errors_tmp is not None:
            self.errors_tmp.unlink(missing_ok=True)


def run_batch(
    options: BatchOptions,
    announce: Callable[[str], None],
    on_progress: Callable[[Source, int, int], None] | None = None,
    stdout: IO[bytes] | None = None,
) -> BatchResult:
    """Score every row of `options.input` into `options.output`; see `scorer batch --help`."""
    in_fmt = detect_format(options.input, options.input_format)
    output = options.output
    if output != "-" and os.path.exists(output) and not os.path.isfile(output):
        _check_writable_place("the output", "-o", output)  # "/dev/null is a device" before "give --format"
    out_fmt = detect_output_format(options.output, options.output_format)
    _validate(options, out_fmt)
    check_model(options.model_path)
    source = open_source(
        options.input, in_fmt, options.text_column, options.body_column, announce, raw=True, group_by=options.group_by
    )
    try:
        # A run to standard output writes no file but its errors, each under its own temporary name.
        with exclusive(Path(output)) if output != "-" else contextlib.nullcontext():
            return _run(options, source, in_fmt, out_fmt, announce, on_progress, stdout)
    finally:
        source.close()


def make_errors_folder(options: BatchOptions) -> None:
    """Make the folder of `--errors`, as `-o` makes its own: a missing one had failed a run after all the scoring."""
    if options.errors_path:
        Path(options.errors_path).parent.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold a lock beside the output `target` for the run, so that two runs never write it at once.

    Two runs with the same `-o` had deleted each other's parts, and one exited 0 with rows of the other's
    input. The lock is `flock` on a hidden `.NAME.lock` file, which the run removes at the end; a lock taken
    on a file another run has just removed is taken again on the new one. Where the output's folder does
    not exist yet no run is writing there, and none is made here: a run refused before any work (exit 2)
    leaves no empty folders behind.
    """
    lock = target.with_name(f".{target.name}.lock")
    if not lock.parent.is_dir():
        yield
        return
    while True:
        handle = open(lock, "a+b")  # held open for the run, closed below
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise InputError(
                f"another scorer batch is writing {str(target)!r} (it holds {str(lock)!r}); "
                "wait for it to end, or give another output"
            ) from None
        try:
            if os.stat(lock).st_ino == os.fstat(handle.fileno()).st_ino:
                break
        except FileNotFoundError:
            pass
        handle.close()  # removed by the run that held it: lock the new file
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
        handle.close()


def _run(
    options: BatchOptions,
    source: Source,
    in_fmt: str,
    out_fmt: OutputFormat,
    announce: Callable[[str], None],
    on_progress: Callable[[Source, int, int], None] | None,
    stdout: IO[bytes] | None,
) -> BatchResult:
    added = added_columns(options.evidence, options.body_column is not None, options.prefix)
    # The columns, or for JSON Lines the fields of the first objects: a field named `score` had failed every row.
    known = source.columns if source.columns is not None else list(source.raw.first_keys) if source.raw else None
    if known is not None and (clash := [c for c in added if c in known]):
        names_for = lambda p: added_columns(options.evidence, options.body_column is not None, p)  # noqa: E731
        raise InputError(f"the input {prefix_advice(clash, known, names_for, options.prefix, '--prefix {}')}")
    output = Path(options.output)
    state = RunState.for_output(output) if options.output != "-" else None
    make_errors_folder(options)
    if state is not None:
        fingerprint = _fingerprint(options, in_fmt, out_fmt, source.text_column)
        if not options.resume and (left := state.rows_left_behind()):
            announce(f"starting over: the checkpoint of an interrupted run ({left:,} rows) in {str(state.directory)!r} "
                     "is dropped")
        checkpoint = state.resume(fingerprint) if options.resume else state.start(fingerprint)
        if options.resume:
            state.check_parts(checkpoint, out_fmt)
            state.check_parts(checkpoint, "errors.jsonl")
            announce(f"resuming after {checkpoint.rows_read:,} rows ({checkpoint.chunks} chunks)")
    else:
        checkpoint = Checkpoint({})
    if source.raw is not None:
        chunker = LineChunker(source.raw)
        if checkpoint.chunks and not chunker.skip(checkpoint.offset, checkpoint.next_line):
            raise InputError("the input is shorter than the checkpoint says; run again without --resume")
        tasks: Iterator[_Task] = (
            _Task(process_lines, c, c.end, c.first_line + c.lines, _read_up_to(c.end, chunker, source))
            for c in chunker.chunks(options.chunk_rows)
        )
        first_keys = list(source.raw.first_keys)
    else:
        records = source.records
        if checkpoint.rows_read:
            skipped = sum(1 for _ in itertools.islice(records, checkpoint.rows_read))
            if skipped < checkpoint.rows_read:
                raise InputError("the input is shorter than the checkpoint says; run again without --resume")
        chunks = _chunked(records, options.chunk_rows)
        first = next(chunks, [])
        first_keys = _first_keys(first)
        tasks = (
            _Task(process_chunk, c, 0, 0, source.position()) for c in itertools.chain([first] if first else [], chunks)
        )
    columns = None
    if out_fmt == "csv":
        columns = checkpoint.columns or source.columns or first_keys
        if state is not None and checkpoint.columns is None:
            checkpoint.columns = columns
            state.save(checkpoint)
    spec = ChunkSpec(
        options.model_path,
        source.text_column,
        options.body_column,
        options.group_by,
        options.evidence,
        out_fmt,
        None if columns is None else tuple(columns),
        options.prefix,
        None if source.raw is None else source.raw.fmt,
        None if source.raw is None else source.raw.header,
    )
    sink = _Sink(options, out_fmt, state, checkpoint)
    if state is None:
        sink.open_stdout(stdout or _stdout_bytes(), None if columns is None else [*columns, *added])
    try:
        _score_all(options, spec, tasks, checkpoint.chunks, sink, source, on_progress)
    except BaseException as exc:
        sink.close_errors()
        sink.discard_partial_errors()
        if state is not None and isinstance(exc, DamagedInput):
            # A resumed run would stop at the same damage: the parts could never become an output.
            # (A kill, an interruption or a failed write keeps them, and the checkpoint, for --resume.)
            state.remove()
        raise
    sink.close_errors()
    if options.report_path:
        # Before the output is put in place and the checkpoint removed: a report that cannot be
        # written (or a kill while writing it) leaves the run to --resume, not to score again.
        from .report import write_report

        write_report(checkpoint.summary, options.report_path, options.group_by, os.path.basename(options.input))
    errors_file = _finish(options, out_fmt, state, sink, columns, added)
    return BatchResult(
        checkpoint.rows_read, checkpoint.rows_scored, checkpoint.rows_failed, options.output, errors_file,
        checkpoint.summary,
    )


def _stdout_bytes() -> IO[bytes]:
    import sys

    return sys.stdout.buffer


def _first_keys(chunk: list[Record]) -> list[str]:
    """The fields of the objects among the first `HEAD_RECORDS` records, in the order first seen."""
    return field_names(chunk[:HEAD_RECORDS])


@dataclass(frozen=True)
class _Task:
    """One chunk to score: the worker function, its input, and where in the input it ends (line formats)."""

    function: Callable[[ChunkSpec, int, Any], ChunkResult]
    chunk: Any
    end: int
    next_line: int
    #: how far the input had been read when the chunk was cut (`Source.position`): the progress
    #: bar shows this when the chunk is written, not the reader's position, which runs ahead by
    #: the chunks still in flight (it showed 100 % with a quarter of the rows to go)
    read_at: int


def _read_up_to(end: int, chunker: LineChunker, source: Source) -> int:
    """Where in the input file (the unit of `source.position`) a chunk ending at stream byte `end` ends.

    The reader is up to a 1 MiB block ahead of the chunks cut, and a gzip input
    is counted in compressed bytes: the chunk's end is scaled by the file bytes
    read a stream byte so far.
    """
    position = source.position()
    if chunker.bytes_read <= 0:
        return position
    return min(position, round(end * position / chunker.bytes_read))


def _score_all(
    options: BatchOptions,
    spec: ChunkSpec,
    tasks: Iterator[_Task],
    start: int,
    sink: _Sink,
    source: Source,
    on_progress: Callable[[Source, int, int], None] | None,
) -> None:
    def commit(result: ChunkResult, task: _Task) -> None:
        sink.commit(result, task.end, task.next_line)
        if on_progress is not None:
            on_progress(source, task.read_at, sink.checkpoint.rows_read)

    if options.jobs == 1:
        init_worker(options.model_path)
        for index, task in enumerate(tasks, start):
            commit(task.function(spec, index, task.chunk), task)
        return
    # Bounded window of chunks in flight: the pool never reads ahead of what it can score.
    window = WINDOW_PER_JOB * options.jobs
    with ProcessPoolExecutor(options.jobs, initializer=init_worker, initargs=(options.model_path, True)) as pool:
        pending: deque[tuple[Future[ChunkResult], _Task]] = deque()
        try:
            for index, task in enumerate(tasks, start):
                pending.append((pool.submit(task.function, spec, index, task.chunk), task))
                while len(pending) >= window:
                    future, done = pending.popleft()
                    commit(future.result(), done)
            while pending:
                future, done = pending.popleft()
                commit(future.result(), done)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _finish(
    options: BatchOptions,
    fmt: OutputFormat,
    state: RunState | None,
    sink: _Sink,
    columns: list[str] | None,
    added: list[str],
) -> str | None:
    """Put the output and the errors file in place; return the errors file's path if rows failed."""
    checkpoint = sink.checkpoint
    if state is None:
        final = errors_path(options)
        if sink.errors_tmp is not None:
            os.replace(sink.errors_tmp, final)
            return str(final)
        if final.exists() and written_by_a_run(final):
            final.unlink()  # an earlier run's errors would be taken for this one's, as with -o FILE
        return None
    output = Path(options.output)
    errors = errors_path(options)
    header = None if columns is None else [*columns, *added]
    assemble(state.parts(checkpoint, fmt), fmt, output, header)
    result: str | None = None
    if checkpoint.rows_failed:
        assemble(state.parts(checkpoint, "errors.jsonl"), "jsonl", errors, None)
        result = str(errors)
    elif errors.exists() and written_by_a_run(errors):
        errors.unlink()  # a stale file from an earlier run would be misleading
    state.remove()
    return result
