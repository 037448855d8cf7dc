"""Scoring one chunk of rows: the work a batch worker process does.

`process_chunk` is a pure function of its arguments apart from the scorer,
which `load_scorer` loads once per process (the pool's initializer warms it).
It scores the chunk's rows through `Scorer.score_many`, serializes the output
in the worker (so that work is parallel too), and returns the rows that failed
as error records.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import json
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..result import ScoreResult
from .chunker import RawChunk
from .columns import EvidenceMode, added_columns, load_scorer, result_columns, score_texts
from .fastparse import ParsedChunk, collect, parse_chunk
from .readers import HEAD_RECORDS, MAX_RAW_CHARS, InputFormat, Record, csv_delimiter
from .summary import Summary
from .writers import OutputFormat, cell_text, json_text, serialize

__all__ = [
    "ChunkResult",
    "ChunkSpec",
    "field_clash_reason",
    "group_label",
    "init_worker",
    "late_field_reason",
    "process_chunk",
    "process_lines",
    "raw_row",
]


@dataclass(frozen=True)
class ChunkSpec:
    """What every chunk of a run is scored and written with."""

    model_path: str | None
    text_column: str
    body_column: str | None
    group_by: str | None
    evidence: EvidenceMode
    output_format: OutputFormat
    columns: tuple[str, ...] | None
    prefix: str = ""
    #: How `process_lines` parses raw chunks: the input format and the CSV header.
    input_format: InputFormat | None = None
    header: tuple[str, ...] | None = None

    @property
    def added(self) -> list[str]:
        return added_columns(self.evidence, self.body_column is not None, self.prefix)


@dataclass
class ChunkResult:
    """A scored chunk: its serialized output, error records, counts and report figures."""

    index: int
    payload: Any
    errors: bytes
    rows_read: int
    rows_scored: int
    rows_failed: int
    summary: Summary


#: Seconds between a worker's checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0


def init_worker(model_path: str | None, watch_parent: bool = False) -> None:
    """Pool initializer: load the model once in this worker process.

    With `watch_parent`, the worker exits when its parent dies: after a
    `kill -9` of the run, no orphaned worker is left scoring for nobody.
    """
    if watch_parent:
        parent = os.getppid()
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="watch-parent").start()
    load_scorer(model_path)
    # The model's vocabularies are hundreds of thousands of objects that live as long as
    # the worker: out of the collector's sight, they no longer slow every full collection.
    gc.freeze()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def raw_row(fields: dict[str, Any], header: Sequence[str] | None, input_format: InputFormat | None) -> str:
    """A row that was read but not scored, as the input wrote it: a CSV or TSV line again, else its JSON.

    A CSV row had been given back as a JSON object, which cannot be fixed and fed
    back as CSV. The line is rebuilt from its fields (quoting may differ from the input's).
    """
    if header is not None and input_format in ("csv", "tsv"):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=csv_delimiter(input_format), lineterminator="").writerow(
            [cell_text(fields.get(name)) for name in header]
        )
        return buffer.getvalue()[:MAX_RAW_CHARS]
    return json_text(fields)[:MAX_RAW_CHARS]


def _error(line: int, reason: str, raw: str | None) -> tuple[int, bytes]:
    record = {"line": line, "reason": reason, "raw": raw}
    return line, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")


def group_label(fields: dict[str, Any], column: str | None) -> str | None:
    """The report group of a row: its `column` value as text, "(missing)" when it has none; None without grouping.

    The text is the CSV output's (`writers.cell_text`): JSON's `true` and the string "True" had been one group.
    """
    if column is None:
        return None
    text = cell_text(fields.get(column))  # as the CSV output writes it: `true` is not the text "True"
    return "(missing)" if text == "" else text[:200]


def _check_fields(fields: dict[str, Any], spec: ChunkSpec) -> str | None:
    """Why a row's fields cannot be written alongside the score columns, if they cannot."""
    clash = [c for c in spec.added if c in fields]
    if clash:
        return field_clash_reason(clash[0])
    if spec.columns is not None:
        extra = [k for k in fields if k not in spec.columns]
        if extra:
            return late_field_reason(extra[0])
    return None


def field_clash_reason(name: str) -> str:
    """Why a row with a field named like a score column is set aside (both engines)."""
    return f"the row already has a field named {name!r}; give --prefix to rename the score columns"


def late_field_reason(name: str, where: str = "in the CSV header") -> str:
    """Why a JSON Lines row with a field the output has no column for is set aside (both engines)."""
    return (
        f"field {name!r} is not {where}, taken from the objects in the first {HEAD_RECORDS} lines; "
        "write JSON Lines instead"
    )


def process_chunk(spec: ChunkSpec, index: int, records: list[Record]) -> ChunkResult:
    """Score and serialize one chunk of parsed records; bad rows become error records, never exceptions."""
    return _score_rows(spec, index, collect(records), checked=False)


def process_lines(spec: ChunkSpec, index: int, chunk: RawChunk) -> ChunkResult:
    """Parse, score and serialize one chunk of raw input lines (see `chunker.LineChunker`)."""
    assert spec.input_format is not None
    parsed = parse_chunk(spec.input_format, spec.header, spec.text_column, chunk)
    # CSV rows have exactly the header's fields, which the runner checked once against the added columns.
    checked = spec.header is not None and (spec.columns is None or set(spec.header) <= set(spec.columns))
    return _score_rows(spec, index, parsed, checked)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one chunk, then restore it as it was.

    Scoring a chunk makes tens of thousands of small objects, almost none in
    cycles; the collector's repeated passes over them are a large share of the
    time. A chunk is bounded, so whatever cycles it leaves are collected after
    it. Batch workers are single-threaded.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _score_rows(spec: ChunkSpec, index: int, parsed: ParsedChunk, checked: bool) -> ChunkResult:
    with _collector_paused():
        return _score_parsed(spec, index, parsed, checked)


def _score_parsed(spec: ChunkSpec, index: int, parsed: ParsedChunk, checked: bool) -> ChunkResult:
    errors: list[tuple[int, bytes]] = [
        _error(record.line, record.error or "unreadable row", record.raw) for record in parsed.bad
    ]
    lines: Sequence[int] = parsed.lines
    fields = parsed.fields
    if not checked:
        keep = []
        for i, row in enumerate(fields):
            problem = _check_fields(row, spec)
            if problem:
                errors.append(_error(lines[i], problem, raw_row(row, spec.header, spec.input_format)))
            else:
                keep.append(i)
        if len(keep) < len(fields):
            lines, fields = [lines[i] for i in keep], [fields[i] for i in keep]
    column = spec.text_column
    texts = [_text(row, column) for row in fields]
    bodies = None if spec.body_column is None else [row.get(spec.body_column) for row in fields]
    scored = score_texts(load_scorer(spec.model_path), texts, bodies)
    rows: list[dict[str, Any]] = []
    good_lines: list[int] = []
    good: list[ScoreResult] = []
    groups: list[str | None] | None = None if spec.group_by is None else []
    nested = spec.output_format == "jsonl"
    with_body = spec.body_column is not None
    for line, row, result in zip(lines, fields, scored, strict=True):
        if isinstance(result, InputError):
            errors.append(_error(line, str(result), raw_row(row, spec.header, spec.input_format)))
            continue
        rows.append({**row, **result_columns(result, spec.evidence, with_body, nested, spec.prefix)})
        good_lines.append(line)
        good.append(result)
        if groups is not None:
            groups.append(group_label(row, spec.group_by))
    summary = Summary()
    summary.add_many(good_lines, good, groups)
    header = None if spec.columns is None else [*spec.columns, *spec.added]
    if len(errors) > 1:
        errors.sort(key=lambda e: e[0])
    return ChunkResult(
        index=index,
        payload=serialize(spec.output_format, rows, header, spec.added),
        errors=b"".join(e for _, e in errors),
        rows_read=parsed.rows,
        rows_scored=len(rows),
        rows_failed=parsed.rows - len(rows),
        summary=summary,
    )


def _text(fields: dict[str, Any], column: str) -> object:
    """The headline field; missing text is reported as such, not as `None` being a non-string."""
    value = fields.get(column)
    return "" if value is None else value
