"""Readers for labelled headline corpora in their original layouts.

* Webis-Clickbait-17: a directory with `instances.jsonl` (`id`, `postText`)
  and `truth.jsonl` (`id`, `truthMean`, ...); graded labels in 0..1.
* Chakraborty et al. 2016: a directory with `clickbait_data(.gz)` and
  `non_clickbait_data(.gz)`, one headline a line; binary labels.
* A CSV or JSONL file with a text column and a label column (numbers in 0..1,
  or `clickbait`/`no-clickbait`, `true`/`false`, `yes`/`no`).

Every reader bounds what it reads (rows, line length) and raises `InputError`
naming `file:line` for malformed input. Texts that are empty after stripping
are skipped; texts over `MAX_HEADLINE_CHARS` are skipped and counted.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .extract import MAX_HEADLINE_CHARS

__all__ = ["MAX_ROWS", "Corpus", "read_chakraborty", "read_corpus", "read_table", "read_webis"]

#: Most rows read from one corpus: ten times the largest public corpus we know.
MAX_ROWS = 2_000_000
#: Longest line read from a corpus file, in characters.
MAX_LINE_CHARS = 100_000
_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_TRUE_LABELS = frozenset({"1", "clickbait", "true", "yes", "high", "sensational"})
_FALSE_LABELS = frozenset({"0", "no-clickbait", "non-clickbait", "news", "false", "no", "low"})


@dataclass(frozen=True)
class Corpus:
    """Labelled headlines: `labels` are in 0..1 (`graded`) or exactly 0/1 (binary)."""

    name: str
    texts: tuple[str, ...]
    labels: tuple[float, ...]
    graded: bool
    skipped: int = 0

    def __len__(self) -> int:
        return len(self.texts)


def _text(path: Path) -> str:
    """The file's text (gunzipped when its name ends in .gz), without a byte-order mark."""
    try:
        raw = path.read_bytes() if path.suffix != ".gz" else gzip.decompress(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (gzip.BadGzipFile, EOFError):
        raise InputError(f"{path}: not a valid gzip file") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    # Only CR, LF and CRLF end a line: `str.splitlines` also splits at U+2028, U+0085 and
    # form feeds, which JSON strings (and headlines) may hold unescaped.
    lines = _LINE_END_RE.split(_text(path))
    if lines[-1] == "":  # the end of the last line, not a line
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if number > MAX_ROWS:
            raise InputError(f"{path}: more than {MAX_ROWS:,} lines")
        if len(line) > MAX_LINE_CHARS:
            raise InputError(f"{path}:{number}: line longer than {MAX_LINE_CHARS:,} characters")
        yield number, line


def _table_rows(path: Path, text_column: str, label_column: str) -> Iterator[tuple[int, object, object]]:
    """(line, text, label) of each row of a CSV file; line is where the row starts."""
    reader = csv.DictReader(io.StringIO(_text(path), newline=""))
    try:
        fields = reader.fieldnames or []
        if text_column not in fields or label_column not in fields:
            raise InputError(f"{path}:1: header needs {text_column!r} and {label_column!r} columns, found {fields}")
        twice = [c for c in (text_column, label_column) if fields.count(c) > 1]
        if twice:  # csv.DictReader would silently keep the last one
            raise InputError(f"{path}:1: the header has more than one {twice[0]!r} column")
        start = reader.line_num + 1
        for count, row in enumerate(reader, start=1):
            if count > MAX_ROWS:
                raise InputError(f"{path}: more than {MAX_ROWS:,} rows")
            if row[label_column] is None:  # csv.DictReader fills a short row with None
                raise InputError(f"{path}:{start}: the row has {sum(v is not None for v in row.values())} "
                                 f"fields, fewer than the header's {len(fields)} (no {label_column!r}; "
                                 "an unclosed quotation mark?)")
            yield start, row[text_column], row[label_column]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from None


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    for number, line in _lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        yield number, record


def _label(value: object, where: str) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        word = str(value).strip().lower()
        if word in _TRUE_LABELS:
            return 1.0
        if word in _FALSE_LABELS:
            return 0.0
        try:
            number = float(word)
        except ValueError:
            raise InputError(f"{where}: label {str(value)[:40]!r} is not a number in 0..1 or a class name") from None
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise InputError(f"{where}: label {number} is outside 0..1")
    return number


def _finish(name: str, pairs: list[tuple[str, float]], skipped: int) -> Corpus:
    kept = []
    for text, label in pairs:
        text = " ".join(text.split())
        if not text or len(text) > MAX_HEADLINE_CHARS:
            skipped += 1
            continue
        kept.append((text, label))
    if not kept:
        raise InputError(f"{name}: no labelled headlines found")
    graded = any(label not in (0.0, 1.0) for _, label in kept)
    return Corpus(name, tuple(t for t, _ in kept), tuple(lb for _, lb in kept), graded, skipped)


def read_webis(directory: Path) -> Corpus:
    """Webis-Clickbait-17 (`instances.jsonl` + `truth.jsonl`): post text and `truthMean`."""
    instances: dict[str, str] = {}
    source = directory / "instances.jsonl"
    for number, record in _json_lines(source):
        post = record.get("postText")
        if not isinstance(post, list) or not all(isinstance(p, str) for p in post):
            raise InputError(f"{source}:{number}: postText must be a list of strings")
        instances[str(record.get("id"))] = " ".join(post)
    pairs: list[tuple[str, float]] = []
    skipped = 0
    truth = directory / "truth.jsonl"
    for number, record in _json_lines(truth):
        text = instances.get(str(record.get("id")))
        if text is None:
            skipped += 1
            continue
        pairs.append((text, _label(record.get("truthMean"), f"{truth}:{number}")))
    return _finish("webis-clickbait-17", pairs, skipped)


def _find(directory: Path, stem: str) -> Path:
    for candidate in (directory / f"{stem}.gz", directory / stem, directory / f"{stem}.txt"):
        if candidate.is_file():
            return candidate
    raise InputError(f"{directory}: no {stem}.gz or {stem} file (Chakraborty layout)")


def read_chakraborty(directory: Path) -> Corpus:
    """Chakraborty et al. 2016: `clickbait_data` (label 1) and `non_clickbait_data` (label 0)."""
    pairs: list[tuple[str, float]] = []
    for stem, label in (("clickbait_data", 1.0), ("non_clickbait_data", 0.0)):
        pairs.extend((line, label) for _, line in _lines(_find(directory, stem)) if line.strip())
    return _finish("chakraborty2016", pairs, 0)


def read_table(path: Path, text_column: str = "text", label_column: str = "label") -> Corpus:
    """A CSV (`.csv`) or JSON-lines (`.jsonl`) file with a text and a label column."""
    pairs: list[tuple[str, float]] = []
    name = path.name.removesuffix(".gz")  # gzip is read transparently: data.csv.gz is a CSV file
    suffix = Path(name).suffix
    if suffix in (".jsonl", ".ndjson"):
        for number, record in _json_lines(path):
            if text_column not in record or label_column not in record:
                raise InputError(f"{path}:{number}: needs {text_column!r} and {label_column!r} fields")
            pairs.append((_text_value(record[text_column], f"{path}:{number}"),
                          _label(record[label_column], f"{path}:{number}")))
    elif suffix == ".csv":
        for number, text, label in _table_rows(path, text_column, label_column):
            pairs.append((text if isinstance(text, str) else "", _label(label, f"{path}:{number}")))
    else:
        raise InputError(f"{path}: expected a .csv or .jsonl file (gzipped or not), a Webis or a Chakraborty directory")
    return _finish(Path(name).stem, pairs, 0)


def _text_value(value: object, where: str) -> str:
    """A JSON text field: null is a missing text (skipped, as an empty one is), never the headline "None"."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: text must be a string, not {type(value).__name__}")
    return value


def read_corpus(path: str | Path, text_column: str = "text", label_column: str = "label") -> Corpus:
    """Read a corpus, recognising its layout from the files at `path`."""
    where = Path(path)
    if where.is_dir():
        if (where / "instances.jsonl").is_file() and (where / "truth.jsonl").is_file():
            return read_webis(where)
        if any((where / n).is_file() for n in ("clickbait_data.gz", "clickbait_data", "clickbait_data.txt")):
            return read_chakraborty(where)
        raise InputError(f"{where}: neither the Webis layout (instances.jsonl, truth.jsonl) nor Chakraborty's")
    if not where.is_file():
        raise InputError(f"{where}: no such file or directory")
    return read_table(where, text_column, label_column)
