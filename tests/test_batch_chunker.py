"""Cutting inputs into unparsed chunks: parsing the chunks must give exactly the rows the streaming reader gives."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

import pytest

from scorer.batch.chunker import LineChunker
from scorer.batch.readers import MAX_LINE_BYTES, Record, open_source, parse_lines


def _streamed(path: Path, fmt: str) -> list[Record]:
    source = open_source(str(path), fmt, None, None, lambda _: None)  # type: ignore[arg-type]
    try:
        return list(source.records)
    finally:
        source.close()


def _chunked(path: Path, fmt: str, lines: int) -> tuple[list[Record], list[int]]:
    source = open_source(str(path), fmt, None, None, lambda _: None, raw=True)  # type: ignore[arg-type]
    try:
        assert source.raw is not None
        records: list[Record] = []
        sizes = []
        for chunk in LineChunker(source.raw).chunks(lines):
            records += parse_lines(source.raw.fmt, source.raw.header, source.text_column, chunk.data, chunk.first_line)
            sizes.append(chunk.lines)
        return records, sizes
    finally:
        source.close()


def _messy_csv(path: Path, rng: random.Random, rows: int = 400) -> None:
    """A CSV with quoted newlines, doubled quotes, bare quotes, blank lines, bad bytes, broken and stray quotes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "headline"])
    for i in range(rows):
        kind = rng.randrange(10)
        if kind == 0:
            writer.writerow([i, f"two\nlines {i}, with \"quotes\""])
        elif kind == 1:
            out.write(f'{i},6" screen for {i}\n')  # a bare quote inside an unquoted field
        elif kind == 2:
            out.write(f'{i},"closed" early {i}\n')  # strict CSV: text after a closing quote
        elif kind == 3:
            out.write("\n")
        elif kind == 4:
            out.write(f"{i},a,b\n")  # too many fields
        elif i % 37 == 5:
            out.write(f'{i},"stray quote {i}\n')  # set aside; reading goes on at the next line
        else:
            writer.writerow([i, f"Headline {i}: \"BIG\" news" if kind == 5 else f"plain {i}"])
    data = out.getvalue().encode("utf-8")
    data = data.replace(b"plain 7", b"plain \xff7")  # bytes that are not UTF-8
    path.write_bytes(data + b'999,"never closed\nand on\n')


def _streamed_as_chunked(src: Path, fmt: str, lines: int) -> list[Record]:
    """The stream's records, checked against chunks of `lines` lines: same records, each line once."""
    streamed = _streamed(src, fmt)
    chunked, sizes = _chunked(src, fmt, lines)
    assert chunked == streamed
    assert sum(sizes) == src.read_bytes().count(b"\n") - 1
    return streamed


@pytest.mark.parametrize("lines", [1, 2, 7, 50, 1000])
def test_csv_chunks_parse_exactly_as_the_stream(tmp_path: Path, lines: int) -> None:
    src = tmp_path / "in.csv"
    _messy_csv(src, random.Random(lines))
    streamed = _streamed_as_chunked(src, "csv", lines)
    assert any(r.error for r in streamed) and any(r.fields and "\n" in r.fields["headline"] for r in streamed)
    assert any("quotation mark on this line" in (r.error or "") for r in streamed)


@pytest.mark.parametrize("fmt", ["jsonl", "txt"])
def test_line_formats_chunk_exactly_as_the_stream(tmp_path: Path, fmt: str) -> None:
    rows = [json.dumps({"headline": f"Story {i}", "n": i}) for i in range(300)]
    rows[5], rows[9], rows[20] = "{broken", "", "[1, 2]"
    data = ("\n".join(rows) + "\n").encode("utf-8") + b'{"headline": "bad \xfe byte"}\n{"headline": "last"}'
    src = tmp_path / f"in.{fmt}.gz"
    src.write_bytes(gzip.compress(data))
    for lines in (1, 3, 64, 500):
        chunked, _ = _chunked(src, fmt, lines)
        assert chunked == _streamed(src, fmt)


def test_over_long_line_is_cut_and_reported_like_the_stream(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,headline\n1,first\n2," + b"x" * (MAX_LINE_BYTES + 10) + b"\n3,after\n4,\"q\nz\"\n")
    streamed = _streamed(src, "csv")
    assert [r.line for r in streamed if r.error] == [3]
    for lines in (1, 2, 10):
        chunked, _ = _chunked(src, "csv", lines)
        assert chunked == streamed


def test_resume_offset_skips_exactly_the_chunks_already_scored(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    _messy_csv(src, random.Random(3))
    source = open_source(str(src), "csv", None, None, lambda _: None, raw=True)
    assert source.raw is not None
    chunks = list(LineChunker(source.raw).chunks(13))
    source.close()
    for k in (1, 5, len(chunks) - 1):
        again = open_source(str(src), "csv", None, None, lambda _: None, raw=True)
        assert again.raw is not None
        chunker = LineChunker(again.raw)
        assert chunker.skip(chunks[k - 1].end, chunks[k].first_line)
        rest = list(chunker.chunks(13))
        again.close()
        assert b"".join(c.data for c in rest) == b"".join(c.data for c in chunks[k:])
        assert rest[0].first_line == chunks[k].first_line


def test_quick_jsonl_parse_equals_the_careful_one(tmp_path: Path) -> None:
    from scorer.batch.chunker import RawChunk
    from scorer.batch.fastparse import parse_chunk
    from scorer.batch.readers import JsonNumber

    lines = [
        b'{"headline": "Plain", "n": 1}',
        b'{"headline": "Dup", "headline": "Last wins"}',
        b'{"headline": "Big", "id": 123456789012345678901234567890}',  # orjson would make this a float
        b'{"headline": "Lone \\ud800 surrogate"}',
        b'{"headline": "Inf", "x": 1e400}',
        b'{"headline": NaN}',
        b"\xef\xbb\xbf{\"headline\": \"BOM\"}",
        b'{"headline": "bad \xff byte"}',
        b"[1, 2]",
        b"   ",
        b'{"headline": "crlf"}\r',
    ]
    chunk = RawChunk(10, b"\n".join(lines) + b"\n", len(lines), 0)
    quick = parse_chunk("jsonl", None, "headline", chunk)
    careful = list(parse_lines("jsonl", None, "headline", chunk.data, 10))
    good = [(r.line, r.fields) for r in careful if r.fields is not None]
    assert list(zip(quick.lines, quick.fields, strict=True)) == good
    assert quick.bad == [r for r in careful if r.fields is None] and quick.rows == len(careful)
    assert any(f.get("id") == JsonNumber("123456789012345678901234567890") for _, f in good)  # kept as written


def test_json_lines_output_falls_back_for_what_orjson_refuses() -> None:
    from scorer.batch.writers import serialize

    rows = [{"a": "é", "n": 10**30}, {"s": "\ud800"}, {"c": {"x": 0.5}}]
    out = serialize("jsonl", rows, None).splitlines()
    assert json.loads(out[0]) == rows[0] and json.loads(out[2]) == rows[2] and len(out) == 3


def test_summary_of_a_chunk_equals_row_by_row() -> None:
    from scorer.batch.columns import load_scorer
    from scorer.batch.summary import Summary

    rng = random.Random(4)
    words = ("SHOCK", "Council", "budget", "RIOTS", "you", "won't", "believe", "this", "!", "report")
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(2, 8))) for _ in range(120)]
    results = load_scorer(None).score_many(texts)
    lines = [3 * i + 2 for i in range(len(texts))]
    groups = [("a", "b", None)[i % 3] for i in range(len(texts))]
    one, many = Summary(), Summary()
    for line, result, group in zip(lines, results, groups, strict=True):
        one.add(line, result, group)
    many.add_many(lines, results, groups)
    assert many.to_json() == one.to_json() and len(many.top) == 20
    short = sum(1 for r in results if [w.code for w in r.warnings] == ["too_short"])
    repeated = sum(1 for r in results if [w.code for w in r.warnings] == ["repeated_words"])
    assert short and repeated and many.warnings == {"too_short": short, "repeated_words": repeated}


def test_summary_warnings_merge_and_survive_the_checkpoint() -> None:
    from scorer.batch.summary import Summary

    restored = Summary.from_json(Summary().to_json())
    assert restored.warnings == {} and restored.warnings_text() == ""
    chunk = Summary(warnings={"too_short": 1, "unfamiliar_words": 2})
    restored.merge(chunk)
    restored.merge(chunk)
    assert Summary.from_json(restored.to_json()).warnings == {"too_short": 2, "unfamiliar_words": 4}
    assert restored.warnings_text() == "6 rows with a warning (2 too_short, 4 unfamiliar_words)"


def _messy_tsv(path: Path, rng: random.Random, rows: int = 400) -> None:
    """A TSV with quoted line breaks, headlines that begin with a quote, stray quotes and short rows."""
    lines = ["id\theadline"]
    for i in range(rows):
        kind = rng.randrange(6)
        if kind == 0:
            lines.append(f'{i}\t"two\nlines {i}"')
        elif kind == 1:
            lines.append(f'{i}\t"Quoted" says minister {i}')
        elif kind == 2:
            lines.append(f'{i}\t"stray quote {i}')
        elif kind == 3:
            lines.append(f"{i}")  # too few fields
        else:
            lines.append(f"{i}\tplain {i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("lines", [1, 2, 7, 50, 1000])
def test_tsv_chunks_parse_exactly_as_the_stream(tmp_path: Path, lines: int) -> None:
    src = tmp_path / "in.tsv"
    _messy_tsv(src, random.Random(lines))
    streamed = _streamed_as_chunked(src, "tsv", lines)
    assert any(r.fields and r.fields["headline"].startswith('"stray quote') for r in streamed)  # read as plain text
    assert any(r.fields and "\n" in r.fields["headline"] for r in streamed)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (True, "true"),
        ("True", "True"),  # a different group from JSON's true
        (1, "1"),
        (None, "(missing)"),
        ("", "(missing)"),
        (float("nan"), "(missing)"),  # Parquet's missing number, not "nan"
        ({"a": 1}, '{"a": 1}'),
        ("x" * 300, "x" * 200),
    ],
)
def test_report_groups_are_the_values_as_the_csv_output_writes_them(value: object, label: str) -> None:
    from scorer.batch.workers import group_label

    assert group_label({"g": value}, "g") == label
    assert group_label({"g": value}, None) is None
