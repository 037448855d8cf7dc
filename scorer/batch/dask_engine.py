"""The Dask engine: the same scoring, with `map_partitions` over partitions Dask reads.

Workers score with `score_frame` (the model loads once per worker process and
is cached by path), so results are identical to the local engine. The client
gathers partitions in order, a few at a time, and writes them with the local
engine's writers: output order is input order and client memory stays bounded.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import math
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import InputError
from .chunker import LineChunker, RawChunk
from .columns import EvidenceMode, added_columns, warning_codes
from .fastparse import ParsedChunk, parse_chunk
from .frame import error_column, frame_columns, score_frame
from .readers import (
    GZIP_MAGIC,
    MAX_LINE_BYTES,
    DamagedInput,
    InputFormat,
    RawLines,
    choose_column,
    csv_header,
    detect_format,
    field_names,
    parse_lines,
    read_head,
    require_column,
)
from .runner import (
    BatchOptions,
    BatchResult,
    check_model,
    check_paths_apart,
    errors_path,
    exclusive,
    make_errors_folder,
    written_by_a_run,
)
from .summary import Summary
from .workers import field_clash_reason, group_label, late_field_reason, raw_row
from .writers import assemble, detect_output_format, serialize

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["read_dask_frame", "run_dask_batch", "score_dask_frame"]

#: Bytes of input per Dask partition (Dask's own default is similar).
BLOCKSIZE = "64MB"
_UTF8_BOM = b"\xef\xbb\xbf"


def score_dask_frame(
    ddf: dd.DataFrame,
    text_column: str = "headline",
    body_column: str | None = None,
    *,
    evidence: EvidenceMode = "top",
    prefix: str = "",
    model_path: str | None = None,
) -> dd.DataFrame:
    """A lazy `dask.dataframe` with the score columns added to every partition (see `score_frame`).

    The values are `score_frame`'s; its text columns (label, components, evidence,
    warnings, error) are Arrow strings here, with `<NA>` for no value, as Dask holds
    text: with Python objects, `.to_parquet()` could not tell their type and failed.
    """
    return _score_partitions(ddf, text_column, body_column, evidence, prefix, model_path, strings=True)


def _score_partitions(
    ddf: dd.DataFrame,
    text_column: str,
    body_column: str | None,
    evidence: EvidenceMode,
    prefix: str,
    model_path: str | None,
    strings: bool,
) -> dd.DataFrame:
    """`score_frame` over every partition; its text columns as Arrow strings with `strings`, else Python objects.

    The schema (`meta`) is `score_frame` on Dask's empty sample frame, so it keeps
    the index's name and dtype, as the computed partitions do.
    """
    score = _score_strings if strings else score_frame
    meta = score(ddf._meta, text_column, body_column, evidence=evidence, prefix=prefix)
    frame: Any = ddf
    return cast("dd.DataFrame", frame.map_partitions(
        score, text_column, body_column, evidence=evidence, prefix=prefix, model_path=model_path, meta=meta
    ))


def _score_strings(
    df: pd.DataFrame, text_column: str, body_column: str | None, **options: Any
) -> pd.DataFrame:
    """`score_frame` with the added text columns as Arrow strings (`pd.NA` where `score_frame` has None)."""
    import pandas as pd

    scored = score_frame(df, text_column, body_column, **options)
    prefix = options.get("prefix", "")
    numeric = (prefix + "score", prefix + "body_score")
    added = frame_columns(options.get("evidence", "top"), body_column is not None, prefix)
    return scored.astype({name: pd.StringDtype("pyarrow") for name in added if name not in numeric})


def read_dask_frame(path: str, fmt: str) -> dd.DataFrame:
    """Read CSV, TSV, JSON Lines or Parquet into partitions; line formats are parsed as the local engine parses them.

    A line-based input is read as blocks of bytes cut between records (see `_read_lines`), and each
    block is parsed by the local engine's parser: a row it cannot read (wrong
    number of fields, a CSV quoting error, malformed JSON, bytes that are not
    UTF-8) becomes a row of the internal columns with the reason and the raw
    row, so it reaches the errors file in its place; no row is dropped.
    """
    try:
        import dask.dataframe
    except ImportError:
        raise InputError("the Dask engine needs the dask extra: pip install 'headline-scorer[dask]'") from None
    if fmt in ("csv", "tsv", "jsonl"):
        return _read_lines(path, cast("InputFormat", fmt))
    if fmt == "parquet":
        reader: Any = dask.dataframe
        try:
            return cast("dd.DataFrame", reader.read_parquet(path))
        except (OSError, ValueError) as exc:  # missing or not Parquet: the input (exit 2), not the output
            raise InputError(f"cannot read Parquet file {path!r}: {exc}") from None
    raise InputError(f"the Dask engine reads CSV, TSV, JSON Lines and Parquet, not {fmt}; use --engine local")


#: Internal columns of a line-based frame: why a line is not a row (None for a row), the line itself,
#: the fields of the line's object in its own order when that is not the frame's (JSON Lines output keeps
#: the object's fields, in its order, as the local engine does; a field it does not have is left out), and
#: the object's fields the frame has no column for (first seen after the lines the columns were read from).
_LINE_ERROR, _LINE_RAW, _KEYS, _EXTRA = "\x00line_error", "\x00line_raw", "\x00keys", "\x00extra"
_INTERNAL = (_LINE_ERROR, _LINE_RAW, _KEYS, _EXTRA)
#: Dask's option that turns object columns into Arrow strings: off, so a JSON number, list or object
#: stays what it is (and a missing value stays None, not pd.NA) and comes out as the local engine writes it.
_KEEP_OBJECTS = {"dataframe.convert-string": False}


def _frame(parsed: ParsedChunk, columns: list[str]) -> pd.DataFrame:
    """Parsed rows and unreadable ones as one frame, in input order.

    Values stay Python objects (an int column with a gap is not turned into
    floats), as the local engine writes them.
    """
    import pandas as pd

    records: list[tuple[int, dict[str, Any]]] = [
        (r.line, {_LINE_ERROR: r.error or "unreadable line", _LINE_RAW: r.raw}) for r in parsed.bad
    ]
    order, names = tuple(columns), set(columns)
    for line, fields in zip(parsed.lines, parsed.fields, strict=True):
        keys = tuple(fields)
        own = None if keys == order else keys
        extra = None if own is None else {k: fields[k] for k in keys if k not in names} or None
        records.append((line, {**{c: fields.get(c) for c in columns}, _KEYS: own, _EXTRA: extra}))
    if parsed.bad:
        records.sort(key=lambda r: r[0])
    return pd.DataFrame([r for _, r in records], columns=[*columns, *_INTERNAL], dtype=object)


def _parse_block(
    data: bytes, fmt: InputFormat, header: tuple[str, ...] | None, skip: int | None, columns: list[str]
) -> pd.DataFrame:
    """One block of whole lines as a frame; `skip` is the header's line count in a file's first block, else None."""
    if skip is not None:  # a file's first block: past the byte-order mark and the header
        data = data.removeprefix(_UTF8_BOM)
        for _ in range(skip):
            newline = data.find(b"\n")
            data = b"" if newline < 0 else data[newline + 1 :]
    shortened = len(data) > MAX_LINE_BYTES and any(len(line) > MAX_LINE_BYTES for line in data.split(b"\n"))
    return _frame(parse_chunk(fmt, header, "", RawChunk(1, data, 0, len(data), shortened)), columns)


def _read_lines(path: str, fmt: InputFormat) -> dd.DataFrame:
    """CSV, TSV or JSON Lines as blocks of bytes, each parsed by `_parse_block` on a worker.

    The header (or, for JSON Lines, the fields of the objects in the first lines)
    is read here, as the local engine reads it. JSON Lines blocks are cut at
    line ends (a JSON line holds no line break). A CSV or TSV is cut where the
    local engine cuts it (`_record_ranges`): never inside a quoted field that
    holds line breaks, nor inside a record a stray quote breaks, so every
    partition reads its rows exactly as the local engine does. A compressed
    input is cut so too, at offsets into its decompressed bytes: each worker
    decompresses from the start and skips to its range, which costs far less
    than scoring the range, and keeps only its range in memory (read whole,
    a gzip archive had been one partition, held whole by one worker).
    """
    import dask
    import dask.bytes
    import dask.dataframe
    import fsspec
    from dask.delayed import delayed
    from fsspec.utils import infer_compression

    try:
        with fsspec.open(path, "rb") as raw:  # gzip is known by its bytes, as the local engine knows it
            compression = "gzip" if raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC else infer_compression(path)
        with fsspec.open(path, "rb", compression=compression) as handle:
            head = read_head(handle)
        header: tuple[str, ...] | None = None
        if fmt == "jsonl":
            columns, skip = field_names(parse_lines(fmt, None, "", head, 1)), 0
            if not columns:
                raise InputError(f"no JSON objects in the first lines of {path!r}; is it JSON Lines?")
        else:
            names, skip = csv_header(head, fmt, path)
            header, columns = tuple(names), names
        if compression or header is not None:
            ranges = _record_ranges(path, fmt, header, skip, _blocksize(), compression)
            parts = [
                delayed(_parse_range)(path, start, end, fmt, header, columns, compression) for start, end in ranges
            ]
        else:
            bytes_reader: Any = dask.bytes
            _, files = bytes_reader.read_bytes(path, delimiter=b"\n", blocksize=BLOCKSIZE, sample=False)
            parts = [
                delayed(_parse_block)(block, fmt, header, skip if i == 0 else None, columns)
                for blocks in files
                for i, block in enumerate(blocks)
            ]
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror or exc}") from None
    with dask.config.set(_KEEP_OBJECTS):
        meta = _frame(ParsedChunk([], [], [], 0), columns)
        return cast("dd.DataFrame", dask.dataframe.from_delayed(parts, meta=meta))


def _blocksize() -> int:
    from dask.utils import parse_bytes

    return max(1, int(parse_bytes(BLOCKSIZE)))


#: Lines the client reads at a time while finding where partitions of a CSV may end.
_SCAN_LINES = 8_192


def _record_ranges(
    path: str, fmt: InputFormat, header: tuple[str, ...] | None, skip: int, blocksize: int, compression: str | None
) -> list[tuple[int, int]]:
    """Byte ranges (after the header) of about `blocksize` bytes each, ending where the local engine ends a chunk.

    The client reads the input once with the local engine's `LineChunker`
    (memory stays bounded); the workers then read their own ranges. The
    offsets of a compressed input are into its decompressed bytes.
    """
    import fsspec

    with _reading(path, compression), fsspec.open(path, "rb", compression=compression) as handle:
        start = len(_UTF8_BOM) if handle.read(len(_UTF8_BOM)) == _UTF8_BOM else 0
        handle.seek(start)
        start += _skip_lines(handle, skip)
        chunker = LineChunker(RawLines(handle, fmt, header, skip + 1))
        ranges: list[tuple[int, int]] = []
        begin = end = start
        for chunk in chunker.chunks(_SCAN_LINES):
            end = start + chunk.end
            if end - begin >= blocksize:
                ranges.append((begin, end))
                begin = end
    if end > begin or not ranges:
        ranges.append((begin, end))
    return ranges


@contextlib.contextmanager
def _reading(path: str, compression: str | None) -> Iterator[None]:
    """Damaged compressed data as a `DamagedInput`, a failed read as an `InputError`: as the local engine says them."""
    try:
        yield
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DamagedInput(f"cannot read {path!r}: the {compression} data is damaged ({exc})") from None
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror or exc}") from None


def _skip_lines(stream: Any, count: int) -> int:
    """Read past `count` lines (however long), returning their bytes."""
    skipped = 0
    for _ in range(count):
        while piece := stream.readline(MAX_LINE_BYTES):
            skipped += len(piece)
            if piece.endswith(b"\n"):
                break
    return skipped


def _parse_range(
    path: str,
    start: int,
    end: int,
    fmt: InputFormat,
    header: tuple[str, ...] | None,
    columns: list[str],
    compression: str | None = None,
) -> pd.DataFrame:
    """The rows in bytes `start` to `end` of the input (whole records, after the header), read on a worker.

    For a compressed input the offsets are into the decompressed bytes: the
    seek decompresses up to `start` and drops what it read.
    """
    import fsspec

    with _reading(path, compression), fsspec.open(path, "rb", compression=compression) as handle:
        handle.seek(start)
        data = handle.read(end - start)
    if len(data) != end - start:
        raise InputError(f"{path!r} changed while it was being read; run again")
    return _parse_block(data, fmt, header, None, columns)


def run_dask_batch(options: BatchOptions, scheduler: str | None, announce: Callable[[str], None]) -> BatchResult:
    """Score `options.input` on the Dask cluster at `scheduler` and write `options.output` like the local engine."""
    if not scheduler:
        raise InputError("--engine dask needs --scheduler tcp://HOST:PORT (the address of a running scheduler)")
    if options.output == "-":
        raise InputError("--engine dask needs an output file (-o PATH)")
    if options.resume:
        raise InputError("--resume is for the local engine; Dask retries lost partitions itself")
    check_paths_apart(options)
    in_fmt = detect_format(options.input, options.input_format)
    out_fmt = detect_output_format(options.output, options.output_format)
    try:
        import dask
        from distributed import Client
    except ImportError:
        raise InputError("the Dask engine needs the dask extra: pip install 'headline-scorer[dask]'") from None
    check_model(options.model_path)  # the workers load the same file: a bad one fails here, before any work
    # Dask reads its options when the graph is built: the whole run is built and computed with them.
    with dask.config.set(_KEEP_OBJECTS), exclusive(Path(options.output)):
        return _run(options, scheduler, announce, in_fmt, out_fmt, Client)


def _run(
    options: BatchOptions,
    scheduler: str,
    announce: Callable[[str], None],
    in_fmt: InputFormat,
    out_fmt: Any,
    client: Any,
) -> BatchResult:
    ddf = read_dask_frame(options.input, in_fmt)
    columns = [str(c) for c in ddf.columns if c not in _INTERNAL]
    text_column = choose_column(columns, options.text_column, "column", announce)
    if options.body_column is not None:
        choose_column(columns, options.body_column, "column", announce)
    require_column(columns, options.group_by, "--group-by")
    scored = _score_partitions(  # Python objects: the writers take the values as `score_frame` gives them
        ddf, text_column, options.body_column, options.evidence, options.prefix, options.model_path, strings=False
    )
    try:
        connected: Any = client(scheduler, timeout="30s", set_as_default=False)
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with connected:
        window = 2 * max(1, len(connected.scheduler_info().get("workers", {})))
        return _write(options, connected, scored, columns, text_column, in_fmt, out_fmt, window)


def _write(
    options: BatchOptions,
    client: Any,
    scored: dd.DataFrame,
    columns: list[str],
    text_column: str,
    in_fmt: InputFormat,
    out_fmt: Any,
    window: int,
) -> BatchResult:
    output = Path(options.output)
    errors_file = errors_path(options)
    parts_dir = output.with_name(output.name + ".parts")
    parts_dir.mkdir(parents=True, exist_ok=True)
    make_errors_folder(options)
    added = frame_columns(options.evidence, options.body_column is not None, options.prefix)
    error_name = error_column(options.prefix)
    header = [*columns, *[c for c in added if c != error_name]]
    parts: list[Path] = []
    error_parts: list[Path] = []
    read = scored_rows = failed = 0
    summary = Summary()
    frame_any: Any = scored
    delayed = frame_any.to_delayed()
    pending: deque[Any] = deque()
    index = 0
    try:
        while index < len(delayed) or pending:
            while index < len(delayed) and len(pending) < window:
                pending.append(client.compute(delayed[index]))
                index += 1
            frame: pd.DataFrame = pending.popleft().result()
            rows, errors = _split(frame, columns, error_name, read, out_fmt, in_fmt, options)
            for line, row in rows:
                group = group_label(row, options.group_by)  # as the local engine: "(missing)" for null or blank
                body = row.get(options.prefix + "body_score")
                summary.add_row(
                    line, row[options.prefix + "score"], row[options.prefix + "label"], str(row[text_column])[:2000],
                    [], group, body, row.get(options.prefix + "body_label"),
                    warning_codes(row[options.prefix + "warnings"]),
                )
            part = parts_dir / f"{len(parts):08d}.{out_fmt}"
            parts.append(part)  # before it is written: a write that fails halfway leaves a file too
            payload = serialize(out_fmt, [r for _, r in rows], header)
            if isinstance(payload, bytes):
                part.write_bytes(payload)
            else:
                import pyarrow.parquet as pq

                pq.write_table(payload, part)
            if errors:
                error_part = parts_dir / f"{len(parts) - 1:08d}.errors.jsonl"
                error_parts.append(error_part)
                error_part.write_bytes(b"".join(errors))
            read += len(frame)
            scored_rows += len(rows)
            failed += len(errors)
        assemble(parts, out_fmt, output, header if out_fmt == "csv" else None)
        if failed:
            assemble(error_parts, "jsonl", errors_file, None)
        elif errors_file.exists() and written_by_a_run(errors_file):
            errors_file.unlink()
    finally:
        # Dask runs cannot be resumed: the parts of one that failed (a damaged partition, a lost
        # scheduler, an interruption, a full disk) are of no use. Only the files this run wrote are removed.
        _remove(parts_dir, [*parts, *error_parts])
    return BatchResult(read, scored_rows, failed, options.output, str(errors_file) if failed else None, summary)


def _remove(directory: Path, files: list[Path]) -> None:
    """Delete `files`, then `directory` if nothing else is in it (a local run's checkpoint is left alone)."""
    for path in files:
        path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        directory.rmdir()


def _split(
    frame: pd.DataFrame,
    columns: list[str],
    error_name: str,
    offset: int,
    out_fmt: str,
    in_fmt: InputFormat,
    options: BatchOptions,
) -> tuple[list[tuple[int, dict[str, Any]]], list[bytes]]:
    """Scored rows (as output records, numbered from 1 across partitions) and error records of one partition."""
    nested = out_fmt == "jsonl"
    added = set(added_columns(options.evidence, options.body_column is not None, options.prefix))
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[bytes] = []
    names = set(columns)
    nested_names = [options.prefix + "components"]
    if options.evidence == "all":
        nested_names.append(options.prefix + "evidence")
    for position, record in enumerate(frame.to_dict(orient="records")):
        number = offset + position + 1
        reason = record.pop(error_name, None)
        line_error, line_raw = record.pop(_LINE_ERROR, None), record.pop(_LINE_RAW, None)
        own, extra = record.pop(_KEYS, None), record.pop(_EXTRA, None)
        keys = columns if own is None else own
        # Fields first seen after the lines the columns were read from (NaN on a bad line's row): kept in
        # JSON Lines, as the local engine keeps them.
        if isinstance(extra, dict) and extra:
            clash = [k for k in extra if k in added]
            record.update({k: v for k, v in extra.items() if k not in added})  # never over a computed column
            if clash:  # the local engine's check, and its words: the row goes to the errors file
                reason = field_clash_reason(clash[0])
                record.update({k: extra[k] for k in clash if k in keys})  # for the raw row, as it was read
            elif not nested:  # as the local engine, which checks the fields before the headline
                where = "in the CSV header" if out_fmt == "csv" else "among the Parquet columns"
                reason = late_field_reason(next(iter(extra)), where)
        if isinstance(line_error, str):  # a JSON Lines line that is not an object: why, and the line as read
            line = json.dumps({"row": number, "reason": line_error, "raw": line_raw}, ensure_ascii=False) + "\n"
            errors.append(line.encode("utf-8"))
            continue
        if isinstance(reason, str):
            raw = raw_row({c: record.get(c) for c in keys}, keys, in_fmt)
            line = json.dumps({"row": number, "reason": reason, "raw": raw}, ensure_ascii=False) + "\n"
            errors.append(line.encode("utf-8"))
            continue
        for name, value in record.items():
            if isinstance(value, float) and math.isnan(value):
                record[name] = None
        if nested:
            if keys is not columns:  # the object's own fields, in its order, then the added columns
                record = {**{k: record[k] for k in keys}, **{k: v for k, v in record.items() if k not in names}}
            for name in nested_names:
                record[name] = json.loads(record[name])
            # the frame holds the codes as text; JSON Lines holds them as a list, as the local engine writes them
            record[options.prefix + "warnings"] = warning_codes(record[options.prefix + "warnings"])
        rows.append((number, record))
    return rows, errors

