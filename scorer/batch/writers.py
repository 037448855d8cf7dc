"""Output formats (JSON Lines, CSV, Parquet) and crash-safe file writing.

Workers turn a chunk of rows into bytes (or an Arrow table) with `serialize`;
the runner writes each chunk to its own part file with `write_atomic` and
joins the parts into the final output with `assemble` once every row is in.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import orjson

from ..errors import InputError
from .readers import JsonNumber

__all__ = [
    "OUTPUT_FORMATS",
    "OutputFormat",
    "assemble",
    "cell_text",
    "detect_output_format",
    "json_text",
    "serialize",
    "write_atomic",
]

OutputFormat = Literal["jsonl", "csv", "parquet"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("jsonl", "csv", "parquet")
#: Datetimes go through `default=str` as with `json`; one line per row.
#: Dataclasses pass through too: a `readers.JsonNumber` is written as its literal, not as an object.
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_APPEND_NEWLINE
_EXTENSIONS: dict[str, OutputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def detect_output_format(path: str, given: str | None) -> OutputFormat:
    """The output format: `given`, else from the extension; standard output defaults to JSON Lines."""
    if path != "-" and path.lower().endswith((".gz", ".gzip")):
        # Gzip is read, not written: a file named .gz holding plain text would fail in zcat later.
        raise InputError(
            f"{path!r} names a gzip file, but the output is written uncompressed; give -o without .gz and "
            f"compress it afterwards (gzip FILE), or stream it: -o - | gzip > {path}"
        )
    if given:
        if given not in OUTPUT_FORMATS:
            raise InputError(f"unknown output format {given!r}; use one of {', '.join(OUTPUT_FORMATS)}")
        return given
    if path == "-":
        return "jsonl"
    fmt = _EXTENSIONS.get(os.path.splitext(path.lower())[1])
    if fmt is None:
        raise InputError(f"cannot tell the output format of {path!r} from its extension; give --format")
    return fmt


def cell_text(value: Any) -> str:
    """A field as CSV text: JSON's spelling for booleans and nested values, "" for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""  # NaN is Parquet's and pandas' missing number: empty, as in JSON Lines output (null), not "nan"
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json_text(value)
    if isinstance(value, bool):  # JSON's spelling, as inside a nested value in the same row ("True" was Python's)
        return "true" if value else "false"
    return str(value)  # a JsonNumber is its literal


def json_text(value: Any, separators: tuple[str, str] | None = None) -> str:
    """`value` as JSON text, with every `JsonNumber` written as its literal (1e400 stays 1e400, not Infinity).

    `json` cannot write a number it does not hold, so each is written as a
    placeholder string first, then the placeholder (quotes included) is
    replaced by the literal. The placeholder has a random part: input text
    cannot forge one.
    """
    literals: list[str] = []
    token = uuid.uuid4().hex

    def default(item: Any) -> Any:
        if isinstance(item, JsonNumber):
            literals.append(item.literal)
            return f"{token}:{len(literals) - 1}"
        return str(item)

    text = json.dumps(value, ensure_ascii=False, default=default, separators=separators)
    if not literals:
        return text
    return re.sub(f'"{token}:([0-9]+)"', lambda m: literals[int(m[1])], text)


def serialize(
    fmt: OutputFormat, rows: Sequence[dict[str, Any]], columns: Sequence[str] | None, last: Sequence[str] = ()
) -> Any:
    """One chunk of output rows as bytes (JSON Lines, CSV without header) or an Arrow table (Parquet).

    A Parquet table has every field of any row (a row without one gets null
    there), in the order first seen, with the `last` columns (the added score
    columns) at the end.
    """
    if fmt == "jsonl":
        return b"".join([_json_line(row) for row in rows])
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for row in rows:
            writer.writerow([cell_text(row.get(c)) for c in columns or ()])
        return buffer.getvalue().encode("utf-8")
    import pyarrow as pa

    tail = [name for name in last if any(name in row for row in rows)]
    seen = dict.fromkeys(name for row in rows for name in row)  # every row's fields, not the first row's alone
    names = [*(name for name in seen if name not in tail), *tail]
    return pa.table({name: _parquet_column([_parquet_value(row.get(name)) for row in rows]) for name in names})


def _parquet_column(values: list[Any]) -> Any:
    """One column's values as an Arrow array; values of mixed types (JSON Lines allows `1` and `"x2"`) as text."""
    import pyarrow as pa

    try:
        array = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        array = None
    # Whole numbers beside fractions (1 and 2.5) differ in type too: Arrow would make 1 into 1.0.
    if array is None or (
        pa.types.is_floating(array.type) and any(isinstance(v, int) and not isinstance(v, bool) for v in values)
    ):
        return pa.array([None if v is None else v if isinstance(v, str) else json_text(v) for v in values], pa.string())
    return array


def _json_line(row: dict[str, Any]) -> bytes:
    """One row as a compact JSON line; `json` writes what `orjson` refuses (integers over 64 bits, `JsonNumber`s).

    A NaN or infinite float (Parquet input can hold one) is written as `null`: JSON has no
    such numbers. JSON Lines input never brings one: the reader reports NaN and Infinity as a
    bad row, and keeps a number no float holds (1e400) as its literal, written back unchanged.
    """
    try:
        return orjson.dumps(row, default=_orjson_default, option=_ORJSON_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return (json_text(row, (",", ":")) + "\n").encode("utf-8", "surrogatepass")


def _orjson_default(item: Any) -> Any:
    if isinstance(item, JsonNumber):
        raise TypeError("a JsonNumber is written by json, as its literal")
    return str(item)


def _parquet_value(value: Any) -> Any:
    """Nested JSON values become JSON text: Parquet columns need one type across chunks.

    A `JsonNumber` (no Parquet number holds it) is its literal, as text.
    """
    if isinstance(value, dict | list):
        return json_text(value)
    return value.literal if isinstance(value, JsonNumber) else value


def csv_header(columns: Sequence[str]) -> bytes:
    """The CSV header line."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(columns)
    return buffer.getvalue().encode("utf-8")


def _fsync_replace(tmp: Path, path: Path) -> None:
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_atomic(path: Path, payload: Any) -> None:
    """Write bytes (or an Arrow table, as Parquet) to `path` so it is either whole or absent after a crash."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        if isinstance(payload, bytes | str):
            data = payload.encode("utf-8") if isinstance(payload, str) else payload
            with open(tmp, "wb") as handle:
                handle.write(data)
        else:
            import pyarrow.parquet as pq

            pq.write_table(payload, tmp)
        _fsync_replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk had kept the half-written file, taking the space to free
        raise


def assemble(parts: Sequence[Path], fmt: OutputFormat, path: Path, header: Sequence[str] | None) -> None:
    """Join the part files, in order, into `path` (written to a temporary file, then renamed)."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        if fmt == "parquet":
            _assemble_parquet(parts, tmp)
        else:
            with open(tmp, "wb") as out:
                if fmt == "csv" and header is not None:
                    out.write(csv_header(header))
                for part in parts:
                    with open(part, "rb") as handle:
                        while block := handle.read(1 << 20):
                            out.write(block)
        _fsync_replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)  # the parts are kept for --resume; the half-joined copy only takes space
        if isinstance(exc, OSError) and exc.filename in (None, str(tmp)):  # a part that failed names itself
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


def _unified(schemas: Sequence[Any]) -> Any:
    """One schema for every part: types widened where Arrow can; a field whose types cannot meet becomes text."""
    import pyarrow as pa

    fields: dict[str, list[Any]] = {}
    for schema in schemas:
        for schema_field in schema:
            fields.setdefault(schema_field.name, []).append(schema_field)
    unified = []
    for name, found in fields.items():
        typed = [f for f in found if not pa.types.is_null(f.type)]  # a part where the field was always empty
        kinds = {f.type for f in typed}
        if len(kinds) > 1 and not all(pa.types.is_integer(t) for t in kinds):
            # int64 in one part and double or string in another: both as text. Widening to double
            # turned 1 into 1.0 and refused whole numbers above 2**53 (a traceback after all the scoring).
            unified.append(pa.field(name, pa.string()))
            continue
        try:
            unified.append(pa.unify_schemas([pa.schema([f]) for f in found], promote_options="permissive").field(0))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            unified.append(pa.field(name, pa.string()))
    return pa.schema(unified)


def _assemble_parquet(parts: Sequence[Path], tmp: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in parts]
    if not schemas:
        pq.write_table(pa.table({}), tmp)
        return
    schema = _unified(schemas)
    with pq.ParquetWriter(tmp, schema) as writer:
        for part in parts:
            table = pq.read_table(part)
            for name in schema.names:
                if name not in table.column_names:
                    table = table.append_column(name, pa.nulls(len(table), schema.field(name).type))
            writer.write_table(table.select(schema.names).cast(schema))
