"""Streaming readers for batch input: CSV, TSV, JSON Lines, plain text and Parquet.

Each reader yields `Record`s one at a time, so memory does not grow with the
input. A row that cannot be read (malformed JSON, a CSV quoting error, bytes
that are not UTF-8, an over-long line) becomes a `Record` with `error` set and
the raw row, never an exception: one bad row must not stop an archive.
"""

from __future__ import annotations

import collections
import csv
import gzip
import io
import itertools
import json
import math
import numbers
import os
import re
import shlex
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from ..core import MAX_BODY_CHARS
from ..errors import InputError

__all__ = [
    "FORMATS",
    "GZIP_MAGIC",
    "HEAD_RECORDS",
    "MAX_LINE_BYTES",
    "MAX_RAW_CHARS",
    "MAX_RECORD_CHARS",
    "MAX_RECORD_LINES",
    "STRAY_QUOTE",
    "TEXT_COLUMN_NAMES",
    "DamagedInput",
    "InputFormat",
    "JsonNumber",
    "RawLines",
    "Record",
    "Source",
    "choose_column",
    "csv_delimiter",
    "csv_header",
    "csv_whole_lines",
    "detect_format",
    "field_names",
    "open_source",
    "parse_lines",
    "read_head",
    "require_column",
]

InputFormat = Literal["csv", "tsv", "jsonl", "txt", "parquet"]
FORMATS: tuple[InputFormat, ...] = ("csv", "tsv", "jsonl", "txt", "parquet")
_EXTENSIONS: dict[str, InputFormat] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".txt": "txt",
    ".text": "txt",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: Column names tried, in order, when no text column is given.
TEXT_COLUMN_NAMES = ("headline", "title", "text")
#: Longest input line (or CSV field) read, in bytes: an article body at its limit, in 4-byte UTF-8, plus slack.
MAX_LINE_BYTES = MAX_BODY_CHARS * 4 + 65_536
#: Longest raw row copied into the errors file, in characters: enough to find the row, bounded.
MAX_RAW_CHARS = 10_000
GZIP_MAGIC = b"\x1f\x8b"


class DamagedInput(InputError):
    """The input itself is broken where it was read (damaged gzip or Parquet data): reading it again fails again.

    A run that stops on one cannot be resumed past it, so its part files are of no use and are removed.
    """


@dataclass(frozen=True, slots=True)
class Record:
    """One input row: its fields, or why it could not be read (`error`) and its raw text."""

    line: int
    fields: dict[str, Any] | None
    error: str | None = None
    raw: str | None = None


@dataclass
class Source:
    """An open input: its records, chosen columns, and how far through it the reader is."""

    records: Iterator[Record]
    text_column: str
    columns: list[str] | None
    position: Callable[[], int]
    total: int | None
    unit: str
    closers: list[IO[Any]] = field(default_factory=list)
    #: The unparsed lines, when the source was opened `raw` (line formats only); `records` is then empty.
    raw: RawLines | None = None

    def close(self) -> None:
        for handle in reversed(self.closers):
            handle.close()


@dataclass(frozen=True)
class RawLines:
    """A line-based input left unparsed, so worker processes parse it: the stream after any header."""

    stream: IO[bytes]
    fmt: InputFormat
    #: The CSV or TSV header (None for JSON Lines and text).
    header: tuple[str, ...] | None
    #: Number of the first line of `prefix` (or of the stream when `prefix` is empty).
    first_line: int
    #: Lines already read to choose the text field, not yet scored.
    prefix: bytes = b""
    #: Fields of the JSON objects in the first `HEAD_RECORDS` lines, in the order first seen
    #: (the CSV output header when the input has none).
    first_keys: tuple[str, ...] = ()


class _CountingReader(io.RawIOBase):
    """A binary stream that counts the bytes read through it (for the progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._raw.read(len(buffer))
        except OSError as exc:  # a failing disk or network share: the input, not the output (exit 2, not 4)
            raise InputError(f"cannot read the input: {exc.strerror or exc}") from None
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


def detect_format(path: str, given: str | None) -> InputFormat:
    """The input format: `given`, else from the file extension (a `.gz` suffix is looked through)."""
    if given:
        if given not in FORMATS:
            raise InputError(f"unknown input format {given!r}; use one of {', '.join(FORMATS)}")
        return given
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    fmt = _EXTENSIONS.get(os.path.splitext(name)[1])
    if fmt is None:
        if path == "-":
            raise InputError("cannot tell the format of standard input; give --input-format")
        raise InputError(f"cannot tell the format of {path!r} from its extension; give --input-format")
    return fmt


_UTF8_BOM = b"\xef\xbb\xbf"


#: JSON Lines records read to find the fields (and the headline field among them).
HEAD_RECORDS = 64


def field_names(records: Iterable[Record]) -> list[str]:
    """The fields of the JSON objects among `records`, in the order first seen."""
    names: dict[str, None] = {}  # a dict keeps the order and tests membership in constant time
    for record in records:
        names.update(dict.fromkeys(record.fields or {}))
    return list(names)


def _open_binary(path: str) -> tuple[IO[bytes], _CountingReader, int | None, list[IO[Any]]]:
    """The decompressed byte stream, the counter under it, and the size of the file on disk."""
    try:
        handle: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path!r}: {exc.strerror}") from None
    total = None if path == "-" else os.fstat(handle.fileno()).st_size
    counter = _CountingReader(handle)
    buffered = io.BufferedReader(counter, buffer_size=1 << 16)
    closers: list[IO[Any]] = [] if path == "-" else [handle]
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        unzipped = gzip.GzipFile(fileobj=buffered, mode="rb")
        checked: IO[bytes] = io.BufferedReader(_Decompressed(unzipped, path), buffer_size=1 << 16)
        return _without_bom(checked, path), counter, total, closers
    return _without_bom(buffered, path), counter, total, closers


class _Decompressed(io.RawIOBase):
    """A gzip stream whose damage (truncated, corrupt) is an `InputError` saying so, not a traceback."""

    def __init__(self, unzipped: gzip.GzipFile, path: str) -> None:
        self._unzipped = unzipped
        self._path = path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return self._unzipped.readinto(buffer)
        except (OSError, EOFError, zlib.error) as exc:
            raise DamagedInput(f"cannot read {self._path!r}: the gzip data is damaged ({exc})") from None


def _without_bom(stream: IO[bytes], path: str) -> IO[bytes]:
    """`stream` past a UTF-8 byte-order mark at its start, if it has one; an `InputError` for UTF-16 or UTF-32.

    Spreadsheets save "CSV UTF-8" with one; left in, it would become part of
    the first column's name (or make the first JSON line malformed). Excel's
    "Unicode Text" and Notepad's "Unicode" are UTF-16, which read as UTF-8 had
    been scored as text with a NUL between letters.
    """
    peek = getattr(stream, "peek", None)
    if peek is None:
        return stream
    head = peek(4)[:4]
    if head[:3] == _UTF8_BOM:
        stream.read(len(_UTF8_BOM))
    elif wide := _wide_encoding(head):
        where = "standard input" if path == "-" else repr(path)
        raise InputError(f"{where} is {wide} text; scorer reads UTF-8: convert it first, e.g. {_iconv(path, wide)}")
    return stream


def _iconv(path: str, encoding: str) -> str:
    """A shell command that converts `path` to UTF-8, keeping its format's suffix (a gzip input unpacked first)."""
    convert = f"iconv -f {encoding} -t UTF-8"
    if path == "-":
        return f"... | {convert} | scorer batch - ..."
    name = os.path.basename(path)
    packed = name.lower().endswith(".gz")
    stem = name[:-3] if packed else name
    suffix = os.path.splitext(stem)[1] or ".txt"
    target = shlex.quote(os.path.join(os.path.dirname(path), f"{os.path.splitext(stem)[0]}.utf8{suffix}"))
    if packed:
        return f"gzip -dc {shlex.quote(path)} | {convert} > {target}"
    return f"{convert} {shlex.quote(path)} > {target}"


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 when the first bytes show it: a byte-order mark, or ASCII with NUL bytes between."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if len(head) == 4 and head[1] == head[3] == 0 and head[0] and head[2]:
        return "UTF-16LE"
    if len(head) == 4 and head[0] == head[2] == 0 and head[1] and head[3]:
        return "UTF-16BE"
    return None


def _raw_text(data: bytes | str) -> str:
    text = data.decode("utf-8", errors="backslashreplace") if isinstance(data, bytes) else data
    text = text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace")
    return text[:MAX_RAW_CHARS].rstrip("\r\n")


def _lines(stream: IO[bytes], start: int = 1) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, line, too long) for each line, reading at most `MAX_LINE_BYTES` of any line."""
    for number in itertools.count(start):
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        too_long = len(line) > MAX_LINE_BYTES and not line.endswith(b"\n")
        if too_long:
            while True:
                rest = stream.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
        yield number, line, too_long


def choose_column(columns: list[str], given: str | None, what: str, announce: Callable[[str], None]) -> str:
    if given is not None:
        if given not in columns:
            raise InputError(f"no {what} {given!r} in the input; it has: {', '.join(columns[:20])}")
        return given
    lowered = {c.lower(): c for c in reversed(columns)}
    for name in TEXT_COLUMN_NAMES:
        if name in lowered:
            # The exact name before another spelling of it: of Headline and headline, headline.
            chosen = name if name in columns else lowered[name]
            announce(f"using {what} {chosen!r} for the headlines")
            return chosen
    raise InputError(
        f"no {what} named {', '.join(TEXT_COLUMN_NAMES)}; say which holds the headlines "
        f"(input has: {', '.join(columns[:20])})"
    )


@dataclass(frozen=True, slots=True)
class JsonNumber:
    """A JSON number that neither a float nor a 64-bit integer holds (`1e400`, `1e-400`, `-9223372036854775809`).

    Read as a float it would become infinity or zero (and be written back as
    `null` or `Infinity`, which is not JSON); as a Python int it is exact but
    no output format's integer holds it. So the literal is kept as read and
    written back unchanged (`writers`); in CSV and Parquet it is that text.
    """

    literal: str

    def __str__(self) -> str:
        return self.literal


numbers.Number.register(JsonNumber)  # it is one: checks and messages treat it as a number


#: The integers every output keeps as numbers: Parquet's (and orjson's) signed 64-bit integers.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_NONZERO_DIGIT = re.compile("[1-9]")


def _parse_float(literal: str) -> float | JsonNumber:
    """A JSON number with a fraction or exponent; one a double cannot hold (it would be inf or 0) keeps its literal."""
    value = float(literal)
    if math.isinf(value) or (value == 0.0 and _NONZERO_DIGIT.search(literal.partition("e")[0].partition("E")[0])):
        return JsonNumber(literal)
    return value


def _parse_int(literal: str) -> int | JsonNumber:
    """A JSON integer; one outside 64 bits keeps its literal (and is never converted: Python limits long ones)."""
    if len(literal) < 19:  # |value| < 10**18: always in range
        return int(literal)
    if len(literal.lstrip("-")) <= 20:
        value = int(literal)
        if _INT_MIN <= value <= _INT_MAX:
            return value
    return JsonNumber(literal)


class _NotJson(ValueError):
    """A value Python's `json` reads but JSON (RFC 8259) does not have."""


def _refuse_constant(name: str) -> Any:
    """Refuse NaN and Infinity: JSON has no such numbers, and the output could not keep them unchanged."""
    raise _NotJson(f"{name} is not a JSON number (RFC 8259); write null or a string instead")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different; a repeated key is refused (the API refuses it too).

    `json` and `orjson` keep the last value of a repeated key and drop the others
    without a word: a row {"headline": "A", "headline": "B"} lost "A".
    """
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise _NotJson(f"the key {repeated!r} appears more than once in one object, so a value would be lost")
    return value


def _jsonl_records(stream: IO[bytes], start: int = 1) -> Iterator[Record]:
    for number, line, too_long in _lines(stream, start):
        if too_long:
            yield Record(number, None, f"line longer than {MAX_LINE_BYTES:,} bytes", _raw_text(line))
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(number, None, f"bytes that are not UTF-8 at column {exc.start + 1}", _raw_text(line))
            continue
        try:
            value = json.loads(
                text, parse_constant=_refuse_constant, parse_float=_parse_float, parse_int=_parse_int,
                object_pairs_hook=_unique_keys,
            )
        except json.JSONDecodeError as exc:
            yield Record(number, None, f"malformed JSON: {exc.msg} at column {exc.colno}", _raw_text(line))
            continue
        except _NotJson as exc:
            yield Record(number, None, f"malformed JSON: {exc}", _raw_text(line))
            continue
        if not isinstance(value, dict):
            yield Record(number, None, f"a JSON object was expected, not {type(value).__name__}", _raw_text(line))
            continue
        if _SURROGATE_ESCAPE.search(line) and (field_name := _lone_surrogate(value)) is not None:
            reason = f"text is not valid Unicode: field {field_name!r} holds an unpaired UTF-16 surrogate"
            yield Record(number, None, reason, _raw_text(line))
            continue
        yield Record(number, value)


#: A JSON escape of a UTF-16 surrogate: only a line with one can decode to an unpaired surrogate.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: dict[str, Any]) -> str | None:
    """The field whose name or value (at any depth) holds a surrogate `json` decoded unpaired, if one does.

    Such a string is not Unicode text: it cannot be written as UTF-8, so the row cannot be kept unchanged.
    """
    for key, field_value in value.items():
        stack: list[Any] = [key, field_value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                if _SURROGATE.search(item):
                    return key
            elif isinstance(item, dict):
                stack.extend(item)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _txt_records(stream: IO[bytes], column: str, start: int = 1) -> Iterator[Record]:
    for number, line, too_long in _lines(stream, start):
        if too_long:
            yield Record(number, None, f"line longer than {MAX_LINE_BYTES:,} bytes", _raw_text(line))
            continue
        if not line.strip():
            continue  # blank lines separate records in plain-text archives; they are not rows
        try:
            text = line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            yield Record(number, None, f"bytes that are not UTF-8 at column {exc.start + 1}", _raw_text(line))
            continue
        yield Record(number, {column: text})


#: Most lines one CSV or TSV record may span (a quoted field holding line breaks): a long article body
#: (200,000 characters at 20 a line). A quotation mark left open must not take the rest of the file with it.
MAX_RECORD_LINES = 10_000
#: Most characters a record may hold before it takes one more line (an over-long line counts as `MAX_LINE_BYTES`).
MAX_RECORD_CHARS = MAX_LINE_BYTES

#: A line for the CSV parser: its number, its text (with its line end) and whether it was cut as over-long.
CsvLine = tuple[int, str, bool]


class _RecordTooLong(csv.Error):
    """Raised through `csv.reader` when a record would run past `MAX_RECORD_LINES` or `MAX_RECORD_CHARS`."""


class _CsvLines:
    """Feeds lines to `csv.reader` one record at a time: keeps the record's lines, bounds it, replays lines.

    A record that breaks over several lines (a quotation mark left open) is not
    taken whole: its first line is set aside and its other lines are handed to
    the parser again (`replay`), so the rows after a stray quote are read.
    """

    def __init__(self, lines: Iterator[CsvLine]) -> None:
        self._lines = lines
        self._replay: collections.deque[CsvLine] = collections.deque()
        self.consumed = 0
        self.record: list[CsvLine] = []
        self._chars = 0
        self.at_end = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if len(self.record) >= MAX_RECORD_LINES:
            raise _RecordTooLong(f"a quoted field runs over more than {MAX_RECORD_LINES:,} lines")
        if self.record and self._chars >= MAX_RECORD_CHARS:
            raise _RecordTooLong(f"a quoted field runs over more than {MAX_RECORD_CHARS:,} characters")
        if self._replay:
            line = self._replay.popleft()
        else:
            read = next(self._lines, None)
            if read is None:
                self.at_end = True
                raise StopIteration
            number, text, too_long = read
            self.consumed = number
            line = (number, text[:MAX_RAW_CHARS], True) if too_long else read  # the head is enough for the raw row
        self.record.append(line)
        self._chars += MAX_LINE_BYTES if line[2] else len(line[1])
        return "\n" if line[2] else line[1]

    def take(self) -> tuple[list[CsvLine], bool]:
        """The lines of the record just read, and whether it ran into the end of the lines; starts the next."""
        record, at_end = self.record, self.at_end
        self.record, self._chars, self.at_end = [], 0, False
        return record, at_end

    def replay(self, lines: list[CsvLine]) -> None:
        """Hand `lines` to the parser again, before any line not yet read."""
        self._replay.extendleft(reversed(lines))


def _decoded(lines: Iterator[tuple[int, bytes, bool]]) -> Iterator[CsvLine]:
    for number, line, too_long in lines:
        yield number, line.decode("utf-8", errors="surrogateescape"), too_long


def _has_surrogates(values: list[str]) -> bool:
    return any(any("\udc80" <= ch <= "\udcff" for ch in v) for v in values if not v.isascii())


def _plain_tsv(lines: list[str], header: list[str]) -> list[dict[str, str]] | None:
    """TSV lines the CSV quoting rules reject, read as plain tab-separated text (TSV need not quote at all).

    A headline that begins with a quotation mark (`"Quoted" says minister`) is
    not a quoted field: split on tabs, each line is its row, whole. Only lines
    that all have the header's number of fields, all UTF-8, are read this way.
    """
    rows = [line.removesuffix("\n").removesuffix("\r").split("\t") for line in lines]
    if not rows or any(len(fields) != len(header) or _has_surrogates(fields) for fields in rows):
        return None
    return [dict(zip(header, fields, strict=True)) for fields in rows]


def _row_record(lines: list[CsvLine], row: list[str], header: list[str]) -> Record | None:
    """The record of a row the parser read (None for a blank line)."""
    first = lines[0][0]
    if any(too_long for _, _, too_long in lines):  # before the blank-row check: the parser saw an empty line
        reason = f"line longer than {MAX_LINE_BYTES:,} bytes"
    elif not row:
        return None
    elif len(row) != len(header):
        reason = f"expected {len(header)} fields, found {len(row)}"
    elif _has_surrogates(row):
        reason = "bytes that are not UTF-8"
    else:
        return Record(first, dict(zip(header, row, strict=True)))
    return Record(first, None, reason, _raw_text("".join(text for _, text, _ in lines)))


#: Why a line with a stray quotation mark is set aside. It says nothing of where the quoting broke (a later
#: quotation mark, the end of the input, a bound): a chunk that ends before that point must read it the same.
STRAY_QUOTE = (
    f"CSV error: a quotation mark on this line opens a field that is not closed as the CSV rules allow "
    f"(a field may span at most {MAX_RECORD_LINES:,} lines and {MAX_RECORD_CHARS:,} characters); "
    "the line is set aside and reading goes on at the next line"
)


def _csv_rows(
    lines: _CsvLines, reader: Any, header: list[str], tsv: bool, final: bool = True
) -> Iterator[tuple[Record | None, int]]:
    """Each record (None for a blank line) with the number of the last line it takes.

    A record the CSV rules reject that spans several lines (a quotation mark
    left open, or closed only lines later by another stray one, or running
    past `MAX_RECORD_LINES` or `MAX_RECORD_CHARS`) or runs into the end of
    the input is its first line alone: set aside (`STRAY_QUOTE`), or, in a TSV,
    read as plain tab-separated text when it can be. Reading goes on at the
    next line. So how a record is read never depends on lines after its last:
    a chunk that ends after it reads it as the whole input does. Unless
    `final`, the lines end at a chunk's end rather than the input's: a record
    still open there is not read (it may go on).
    """
    while True:
        failure = None
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            failure = exc
        record, at_end = lines.take()
        if not record:
            return
        if failure is None:
            yield _row_record(record, row, header), record[-1][0]
            continue
        if at_end and not final:
            return
        first, text, too_long = record[0]
        plain = _plain_tsv([text], header) if tsv and not too_long else None
        if plain is not None:
            reading: Record = Record(first, plain[0])
        elif len(record) > 1 or at_end or isinstance(failure, _RecordTooLong):
            reading = Record(first, None, STRAY_QUOTE, _raw_text(text))
        else:
            reading = Record(first, None, f"CSV error: {failure}", _raw_text(text))
        lines.replay(record[1:])
        yield reading, first


def _csv_records(lines: _CsvLines, reader: Any, header: list[str], tsv: bool = False) -> Iterator[Record]:
    for record, _ in _csv_rows(lines, reader, header, tsv):
        if record is not None:
            yield record


def csv_whole_lines(texts: Sequence[str], cut: Sequence[bool], fmt: InputFormat, header: Sequence[str]) -> int:
    """How many of `texts` (lines of a CSV or TSV body; `cut`: over-long) hold whole records, if more lines follow.

    The records are found exactly as the streaming reader finds them, so a
    chunk that ends there is parsed as the whole input would be.
    """
    lines = _CsvLines(iter([(i, text, over) for i, (text, over) in enumerate(zip(texts, cut, strict=True))]))
    end = 0
    for _, last in _csv_rows(lines, _csv_reader(lines, fmt), list(header), fmt == "tsv", final=False):
        end = last + 1
    return end


def parse_lines(
    fmt: InputFormat, header: Sequence[str] | None, text_column: str, data: bytes, first_line: int
) -> Iterator[Record]:
    """The records of whole lines of a raw input, numbered from `first_line`, exactly as `open_source` reads them."""
    stream = io.BytesIO(data)
    if fmt == "txt":
        return _txt_records(stream, text_column, first_line)
    if fmt == "jsonl":
        return _jsonl_records(stream, first_line)
    assert header is not None
    lines = _CsvLines(_decoded(_lines(stream, first_line)))
    return _csv_records(lines, _csv_reader(lines, fmt), list(header), fmt == "tsv")


def csv_delimiter(fmt: InputFormat) -> str:
    return "\t" if fmt == "tsv" else ","


def _raw_head(stream: IO[bytes], count: int) -> bytes:
    """The first `count` lines, unparsed; an over-long line is cut as `LineChunker` cuts it."""
    lines: list[bytes] = []
    for _ in range(count):
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            break
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):
                rest = stream.readline(MAX_LINE_BYTES)
            line += b"\n"
        lines.append(line)
    return b"".join(lines)


def open_source(
    path: str,
    fmt: InputFormat,
    text_column: str | None,
    body_column: str | None,
    announce: Callable[[str], None],
    batch_rows: int = 4096,
    raw: bool = False,
    group_by: str | None = None,
) -> Source:
    """Open `path` (or `-` for standard input; gzip is detected from the bytes) as records.

    With `raw`, a line format (CSV, TSV, JSON Lines, text) is left unparsed in
    `Source.raw` for worker processes to cut and parse (see `parse_lines`).
    The named columns are checked before any row is read: a column the input
    does not have is an `InputError` that lists the ones it has. For JSON Lines
    that means a field none of the objects in the first `HEAD_RECORDS` lines has.
    """
    if fmt == "parquet":
        return _open_parquet(path, text_column, body_column, announce, batch_rows, group_by)
    stream, counter, total, closers = _open_binary(path)
    closers.append(stream)
    position = lambda: counter.count  # noqa: E731
    if fmt == "txt":
        column = text_column or "headline"
        require_column([column], body_column, "--body-column")  # a text file has one column: the headline
        require_column([column], group_by, "--group-by")
        peek = getattr(stream, "peek", None)
        if peek is not None and not peek(1):  # as an empty CSV or JSON Lines input is (it had exited 0)
            where = "standard input" if path == "-" else repr(path)
            raise InputError(f"{where} is empty: there are no headlines to score")
        if raw:
            return Source(iter(()), column, [column], position, total, "B", closers, RawLines(stream, fmt, None, 1))
        return Source(_txt_records(stream, column), column, [column], position, total, "B", closers)
    if fmt == "jsonl" and raw:
        prefix = _raw_head(stream, HEAD_RECORDS)
        found = field_names(_jsonl_records(io.BytesIO(prefix)))
        chosen = _choose_fields(found, text_column, body_column, group_by, path, announce)
        unparsed = RawLines(stream, fmt, None, 1, prefix, tuple(found))
        return Source(iter(()), chosen, None, position, total, "B", closers, unparsed)
    if fmt == "jsonl":
        records = _jsonl_records(stream)
        head = list(itertools.islice(records, HEAD_RECORDS))
        chosen = _choose_fields(field_names(head), text_column, body_column, group_by, path, announce)
        return Source(itertools.chain(head, records), chosen, None, position, total, "B", closers)
    lines = _CsvLines(_decoded(_lines(stream)))
    reader = _csv_reader(lines, fmt)
    header = _header(lines, reader, path)
    chosen = choose_column(header, text_column, "column", announce)
    if body_column is not None:
        choose_column(header, body_column, "column", announce)
    require_column(header, group_by, "--group-by")
    if raw:
        unparsed = RawLines(stream, fmt, tuple(header), lines.consumed + 1)
        return Source(iter(()), chosen, header, position, total, "B", closers, unparsed)
    records = _csv_records(lines, reader, header, fmt == "tsv")
    return Source(records, chosen, header, position, total, "B", closers)


def require_column(columns: Sequence[str], given: str | None, option: str, what: str = "column") -> None:
    """Refuse `given` (the value of `option`) unless it is one of `columns`, saying which there are."""
    if given is not None and given not in columns:
        raise InputError(f"{option}: no {what} {given!r} in the input; it has: {', '.join(columns[:20])}")


def _choose_fields(
    found: list[str],
    text_column: str | None,
    body_column: str | None,
    group_by: str | None,
    path: str,
    announce: Callable[[str], None],
) -> str:
    """The headline field of JSON Lines whose first objects have the fields `found`; named fields are checked."""
    if not found:
        if text_column is None:
            raise InputError(f"no JSON objects in the first lines of {path!r}; is it JSON Lines?")
        return text_column  # nothing to check against (only malformed lines so far): the rows will say
    where = f"the objects of the first {HEAD_RECORDS} lines of {path!r}"
    for given, option in ((text_column, "--text-field"), (body_column, "--body-column"), (group_by, "--group-by")):
        if given is not None and given not in found:
            raise InputError(f"{option}: no field {given!r} in {where}; they have: {', '.join(found[:20])}")
    return text_column if text_column is not None else choose_column(found, None, "field", announce)


def _csv_reader(lines: _CsvLines, fmt: InputFormat) -> Any:
    # CSV quoting errors are reported per row; the field limit bounds memory for a runaway quote.
    csv.field_size_limit(MAX_LINE_BYTES)
    return csv.reader(lines, delimiter=csv_delimiter(fmt), strict=True)


def _header(lines: _CsvLines, reader: Any, path: str) -> list[str]:
    try:
        header: list[str] = next(reader)
    except StopIteration:
        raise InputError(f"{path!r} has no CSV header line") from None
    except csv.Error as exc:
        # Old Mac line endings (CR alone) make the whole file one line that the reader refuses.
        why = "a line break inside it" if "new-line character" in str(exc) else str(exc)
        raise InputError(
            f"cannot read the CSV header line of {path!r} ({why}); if the file ends its lines with CR alone "
            f"(old Mac or Excel exports), convert it first: tr '\\r' '\\n' < {path} > fixed.csv"
        ) from None
    lines.take()
    if _has_surrogates(header):
        raise InputError(f"the header of {path!r} is not UTF-8")
    if len(set(header)) != len(header):
        repeated = sorted({name for name in header if header.count(name) > 1})
        raise InputError(f"the header of {path!r} repeats the column name {', '.join(map(repr, repeated))}")
    return header


def read_head(stream: IO[bytes]) -> bytes:
    """The first `HEAD_RECORDS` lines of a line-based input, past a byte-order mark, as `open_source` reads them."""
    return _raw_head(stream, HEAD_RECORDS).removeprefix(_UTF8_BOM)


def csv_header(head: bytes, fmt: InputFormat, path: str) -> tuple[list[str], int]:
    """The header in the first lines of a CSV or TSV input, checked as `open_source` checks it, and its line count."""
    lines = _CsvLines(_decoded(_lines(io.BytesIO(head))))
    return _header(lines, _csv_reader(lines, fmt), path), lines.consumed


def _open_parquet(
    path: str,
    text_column: str | None,
    body_column: str | None,
    announce: Callable[[str], None],
    batch_rows: int,
    group_by: str | None,
) -> Source:
    if path == "-":
        raise InputError("Parquet cannot be read from standard input; give a file")
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("Parquet needs pyarrow: pip install 'headline-scorer[parquet]'") from None
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read Parquet file {path!r}: {exc}") from None
    columns = list(parquet.schema_arrow.names)
    if len(set(columns)) != len(columns):  # a row read as a dict would keep only the last of them
        repeated = sorted({name for name in columns if columns.count(name) > 1})
        raise InputError(f"the Parquet file {path!r} repeats the column name {', '.join(map(repr, repeated))}")
    chosen = choose_column(columns, text_column, "column", announce)
    if body_column is not None:
        choose_column(columns, body_column, "column", announce)
    require_column(columns, group_by, "--group-by")
    done = [0]

    def records() -> Iterator[Record]:
        batches = parquet.iter_batches(batch_size=batch_rows)
        while True:
            try:
                batch = next(batches, None)
            except (OSError, ValueError) as exc:  # a damaged row group: the input, not the output (exit 2, not 4)
                raise DamagedInput(f"cannot read Parquet file {path!r}: {exc}") from None
            if batch is None:
                return
            for row in batch.to_pylist():
                done[0] += 1
                yield Record(done[0], row)

    return Source(records(), chosen, columns, lambda: done[0], parquet.metadata.num_rows, "rows", [])
