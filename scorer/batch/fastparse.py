"""Parsing a raw chunk of lines in a worker: a quick path for clean chunks, the streaming readers otherwise.

`parse_chunk` gives exactly the rows that `readers.open_source` would give for
the same lines. Clean chunks (valid UTF-8, well-formed CSV with one row a
line, JSON objects that `orjson` reads as `json` would) take the quick path;
anything else, or any doubt, falls back to `readers.parse_lines`, which is the
reference.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from .chunker import RawChunk
from .readers import MAX_LINE_BYTES, InputFormat, Record, csv_delimiter, parse_lines

__all__ = ["ParsedChunk", "collect", "parse_chunk"]

#: A run of 19 digits (an integer outside 64 bits, which `orjson` reads as a float) or a three-digit exponent
#: (a number a double cannot hold): `json` reads that line instead, keeping the number (`readers.JsonNumber`).
_LONG_NUMBER = re.compile(rb"\d{19}|[\d.][eE][+-]?\d{3}")
_BOM = b"\xef\xbb\xbf"


@dataclass
class ParsedChunk:
    """A chunk's readable rows (line numbers and fields), its unreadable ones, and how many rows it had."""

    lines: Sequence[int]
    fields: list[dict[str, Any]]
    bad: list[Record]
    rows: int


def parse_chunk(fmt: InputFormat, header: Sequence[str] | None, text_column: str, chunk: RawChunk) -> ParsedChunk:
    """The rows of `chunk`, as `readers.parse_lines` reads them."""
    parsed = None
    if not chunk.shortened:
        if fmt in ("csv", "tsv") and header is not None:
            parsed = _csv_quick(fmt, header, chunk)
        elif fmt == "jsonl":
            parsed = _jsonl_quick(fmt, text_column, chunk)
    return parsed or _careful(fmt, header, text_column, chunk)


def _careful(fmt: InputFormat, header: Sequence[str] | None, text_column: str, chunk: RawChunk) -> ParsedChunk:
    return collect(parse_lines(fmt, header, text_column, chunk.data, chunk.first_line))


def collect(records: Iterable[Record]) -> ParsedChunk:
    """Records sorted into readable rows (line numbers and fields) and unreadable ones."""
    lines: list[int] = []
    fields: list[dict[str, Any]] = []
    bad: list[Record] = []
    rows = 0
    for record in records:
        rows += 1
        if record.fields is None:
            bad.append(record)
        else:
            lines.append(record.line)
            fields.append(record.fields)
    return ParsedChunk(lines, fields, bad, rows)


def _csv_quick(fmt: InputFormat, header: Sequence[str], chunk: RawChunk) -> ParsedChunk | None:
    """Clean CSV: valid UTF-8, no parse error, every line one row with every field. None otherwise."""
    try:
        text = chunk.data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=csv_delimiter(fmt), strict=True)
    try:
        rows = list(reader)
    except csv.Error:
        return None
    width = len(header)
    if reader.line_num != len(rows) or any(len(row) != width for row in rows):
        return None  # a quoted field over several lines, a blank line or a short row: the careful path says which
    names = tuple(header)
    fields = [dict(zip(names, row, strict=True)) for row in rows]
    return ParsedChunk(range(chunk.first_line, chunk.first_line + len(rows)), fields, [], len(rows))


def _jsonl_quick(fmt: InputFormat, text_column: str, chunk: RawChunk) -> ParsedChunk:
    """JSON Lines, line by line with `orjson`; a line it rejects (or might read differently) goes the careful way.

    A flat object with one `":` a key takes the quick path; any other line the careful one.
    """
    lines: list[int] = []
    fields: list[dict[str, Any]] = []
    bad: list[Record] = []
    rows = 0
    loads = orjson.loads
    for number, line in enumerate(chunk.data.split(b"\n"), chunk.first_line):
        if not line.strip():
            continue
        value: Any = None
        if not line.startswith(_BOM) and not _LONG_NUMBER.search(line):
            try:
                value = loads(line)
            except orjson.JSONDecodeError:
                value = None
        # More `":` than keys: a nested object, a key inside a string, or a key given twice, which
        # orjson reads as its last value alone; the careful path tells them apart.
        if isinstance(value, dict) and line.count(b'":') == len(value):
            rows += 1
            lines.append(number)
            fields.append(value)
            continue
        careful = collect(parse_lines(fmt, None, text_column, line + b"\n", number))
        rows += careful.rows
        lines.extend(careful.lines)
        fields.extend(careful.fields)
        bad.extend(careful.bad)
    return ParsedChunk(lines, fields, bad, rows)
