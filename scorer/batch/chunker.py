"""Cutting a line-based input into chunks of whole rows, unparsed, for the worker processes to parse.

The parent process of a batch run only finds where chunks end: it counts
newlines (and, for CSV, lets the C `csv` parser find where a quoted field that
spans lines ends), and hands each worker the chunk's bytes. Parsing, scoring
and serializing all happen in the workers, so the parent stays nearly idle.

A line longer than `MAX_LINE_BYTES` is cut to its first `MAX_LINE_BYTES + 1`
bytes and a newline, which `readers.parse_lines` reports as an over-long line,
exactly as the streaming readers do; memory stays bounded however long a line is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .readers import MAX_LINE_BYTES, MAX_RECORD_CHARS, MAX_RECORD_LINES, RawLines, csv_delimiter, csv_whole_lines

__all__ = ["BLOCK_BYTES", "LineChunker", "RawChunk"]

#: Bytes read from the input at a time.
BLOCK_BYTES = 1 << 20


@dataclass(frozen=True)
class RawChunk:
    """Whole lines of input: their bytes, the number of the first, and where in the input they end."""

    first_line: int
    data: bytes
    lines: int
    #: Input bytes (after the header, before any cutting of over-long lines) up to the end of this chunk.
    end: int
    #: Whether an over-long line in it was cut (workers then take the careful parsing path).
    shortened: bool = False


class LineChunker:
    """Reads `RawLines` and yields `RawChunk`s that never split a row."""

    def __init__(self, raw: RawLines) -> None:
        self._stream: IO[bytes] = raw.stream
        self._csv = raw.header is not None
        self._delimiter = csv_delimiter(raw.fmt)
        self._fmt, self._header = raw.fmt, raw.header
        self._buf = raw.prefix
        self._pos = 0
        self._eof = False
        self.offset = 0  # input bytes consumed into chunks (or pending lines)
        #: input bytes read from the stream so far, the prefix included (decompressed, for a gzip input)
        self.bytes_read = len(raw.prefix)
        self.next_line = raw.first_line
        # Lines taken but not yet handed out: their bytes, count, and bytes dropped from over-long lines.
        self._pending: list[bytes] = []
        self._count = 0
        self._dropped: list[tuple[int, int]] = []
        self._emitted = 0

    # --- reading lines -------------------------------------------------------------------------------------------

    def _fill(self) -> bool:
        block = self._stream.read(BLOCK_BYTES)
        if not block:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + block
        self._pos = 0
        self.bytes_read += len(block)
        return True

    def _skip_rest_of_line(self) -> int:
        """Drop input up to and including the next newline; return the bytes dropped."""
        dropped = 0
        while True:
            nl = self._buf.find(b"\n", self._pos)
            if nl >= 0:
                dropped += nl + 1 - self._pos
                self._pos = nl + 1
                return dropped
            dropped += len(self._buf) - self._pos
            self._buf, self._pos = b"", 0
            if not self._fill():
                return dropped

    def _take(self, wanted: int) -> None:
        """Add up to `wanted` more whole lines to the pending lines."""
        limit = MAX_LINE_BYTES + 1
        while wanted > 0:
            buf, pos, find = self._buf, self._pos, self._buf.find
            start, taken = pos, 0
            while taken < wanted:
                nl = find(b"\n", pos, pos + limit)
                if nl < 0:
                    break
                pos = nl + 1
                taken += 1
            if taken:
                self._pending.append(buf[start:pos])
                self._count += taken
                self.offset += pos - start
                self._pos = pos
                wanted -= taken
                continue
            rest = len(buf) - pos
            if rest >= limit:  # an over-long line: keep its head, drop the rest
                self._pending.append(buf[pos : pos + limit] + b"\n")
                self._pos = pos + limit
                extra = self._skip_rest_of_line()
                self._dropped.append((self._count, extra - 1))  # the kept head ends in an added newline
                self.offset += limit + extra
                self._count += 1
                wanted -= 1
                continue
            if not self._fill():
                if rest:  # the last line has no newline
                    self._pending.append(buf[pos:])
                    self._count += 1
                    self.offset += rest
                    self._pos = len(buf)
                return

    # --- cutting chunks ------------------------------------------------------------------------------------------

    def skip(self, nbytes: int, next_line: int) -> bool:
        """Skip `nbytes` of input (what a resumed run already scored); False when the input is shorter.

        The skipped bytes count as consumed and emitted: chunks' `end` offsets, which the checkpoint
        records, stay offsets into the whole input, so a run resumed a second time starts where the
        first resume stopped (they had restarted from 0, and a second resume scored rows again).
        """
        total = nbytes
        while nbytes > 0:
            available = len(self._buf) - self._pos
            if available == 0 and not self._fill():
                return False
            step = min(nbytes, len(self._buf) - self._pos)
            self._pos += step
            nbytes -= step
        self.offset += total
        self._emitted += total
        self.next_line = next_line
        return True

    def chunks(self, lines: int) -> Iterator[RawChunk]:
        """Chunks of about `lines` lines each, until the input ends."""
        while True:
            self._take(lines - self._count)
            if not self._count:
                return
            data = b"".join(self._pending)
            cut = self._count
            if self._csv and not self._eof and b'"' in data:
                cut = self._csv_boundary(data)
                while cut == 0 and not self._eof:  # one quoted field spans every pending line: read on
                    self._take(max(self._count, lines))
                    data = b"".join(self._pending)
                    cut = self._csv_boundary(data) if not self._eof else self._count
            yield self._emit(data, cut)

    def _emit(self, data: bytes, cut: int) -> RawChunk:
        if cut < self._count:
            end = 0
            for _ in range(cut):
                end = data.index(b"\n", end) + 1
            head, rest = data[:end], data[end:]
        else:
            head, rest = data, b""
        # Input bytes this chunk covers: its own, corrected for how over-long lines were cut.
        cut_here = [extra for line, extra in self._dropped if line < cut]
        size = len(head) + sum(cut_here)
        self._dropped = [(line - cut, extra) for line, extra in self._dropped if line >= cut]
        self._pending = [rest] if rest else []
        self._count -= cut
        self._emitted += size
        chunk = RawChunk(self.next_line, head, cut, self._emitted, bool(cut_here))
        self.next_line += cut
        return chunk

    def _csv_boundary(self, data: bytes) -> int:
        """How many of the pending lines hold whole CSV rows (a quoted field may go on past the last line)."""
        lines = data.decode("utf-8", errors="surrogateescape").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        texts = [line + "\n" for line in lines]
        if not self._dropped and _clean_csv(texts, self._delimiter):
            return len(texts)
        cut = [False] * len(texts)
        for line, _ in self._dropped:
            cut[line] = True
        assert self._header is not None
        return csv_whole_lines(texts, cut, self._fmt, self._header)


def _clean_csv(texts: list[str], delimiter: str) -> bool:
    """Whether `texts` are whole CSV rows the quick way: no quoting error, no record over the bounds on its lines."""
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.reader(iter(texts), delimiter=delimiter, strict=True)
    previous = 0
    try:
        for _ in reader:
            end = reader.line_num
            if end - previous > 1 and (
                end - previous > MAX_RECORD_LINES or sum(map(len, texts[previous : end - 1])) >= MAX_RECORD_CHARS
            ):
                return False
            previous = end
    except csv.Error:
        return False
    return True
