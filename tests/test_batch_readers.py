"""Batch readers: formats, gzip, column choice, and bad rows turned into records (never exceptions)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from scorer.batch.chunker import LineChunker
from scorer.batch.readers import (
    MAX_LINE_BYTES,
    MAX_RECORD_LINES,
    STRAY_QUOTE,
    JsonNumber,
    Record,
    detect_format,
    field_names,
    open_source,
    parse_lines,
)
from scorer.errors import InputError


def _records(path: Path, fmt: str, text_column: str | None = None) -> tuple[list[Record], str, list[str]]:
    said: list[str] = []
    source = open_source(str(path), fmt, text_column, None, said.append)  # type: ignore[arg-type]
    try:
        return list(source.records), source.text_column, said
    finally:
        source.close()


@pytest.mark.parametrize(
    ("name", "given", "expected"),
    [
        ("a.csv", None, "csv"),
        ("a.tsv.gz", None, "tsv"),
        ("a.jsonl", None, "jsonl"),
        ("a.ndjson.gz", None, "jsonl"),
        ("a.txt", None, "txt"),
        ("a.parquet", None, "parquet"),
        ("a.data", "csv", "csv"),
    ],
)
def test_detect_format_from_extension_or_flag(name: str, given: str | None, expected: str) -> None:
    assert detect_format(name, given) == expected


@pytest.mark.parametrize(("name", "given", "match"), [("a.data", None, "extension"), ("-", None, "standard input"),
                                                      ("a.csv", "xml", "unknown input format")])
def test_detect_format_errors_say_what_to_do(name: str, given: str | None, match: str) -> None:
    with pytest.raises(InputError, match=match):
        detect_format(name, given)


def test_csv_bad_rows_become_error_records_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(
        b'id,headline\n1,Fine headline\n2,"bad "quote" here"\n3,"Two\nlines"\n4,too,many\n5,caf\xe9 au lait\n6,last\n'
    )
    records, column, said = _records(path, "csv")
    assert column == "headline" and "'headline'" in said[0]
    by_line = {r.line: r for r in records}
    assert by_line[2].fields == {"id": "1", "headline": "Fine headline"}
    assert by_line[3].error is not None and "CSV error" in by_line[3].error and "quote" in (by_line[3].raw or "")
    assert by_line[4].fields == {"id": "3", "headline": "Two\nlines"}
    assert by_line[6].error == "expected 2 fields, found 3"
    assert by_line[7].error == "bytes that are not UTF-8" and "\\xe9" in (by_line[7].raw or "")
    assert by_line[8].fields == {"id": "6", "headline": "last"}


def test_jsonl_bad_lines_and_auto_field(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    lines = [b'{"title": "One", "n": 1}', b"{not json", b"[1, 2]", b'{"title": "caf\xe9"}', b"", b'{"title": "Two"}']
    with gzip.open(path, "wb") as handle:
        handle.write(b"\n".join(lines) + b"\n")
    records, column, said = _records(path, "jsonl")
    assert column == "title" and "'title'" in said[0]
    assert [(r.line, r.error is None) for r in records] == [(1, True), (2, False), (3, False), (4, False), (6, True)]
    reasons = [r.error for r in records if r.error]
    assert reasons[0] is not None and reasons[0].startswith("malformed JSON")
    assert reasons[1] == "a JSON object was expected, not list"
    assert reasons[2] is not None and "not UTF-8" in reasons[2]


def test_overlong_line_is_one_bad_row_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"first\n" + b"x" * (MAX_LINE_BYTES + 10) + b"\nthird\n")
    records, _, _ = _records(path, "txt")
    assert [r.fields for r in records if r.error is None] == [{"headline": "first"}, {"headline": "third"}]
    bad = [r for r in records if r.error]
    assert len(bad) == 1 and bad[0].line == 2 and "longer than" in (bad[0].error or "")
    assert len(bad[0].raw or "") <= 10_000


def test_text_skips_blank_lines_and_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("One\n\n  \nTwo\r\n", encoding="utf-8")
    records, _, _ = _records(path, "txt")
    assert [(r.line, r.fields) for r in records] == [(1, {"headline": "One"}), (4, {"headline": "Two"})]


@pytest.mark.parametrize(
    ("content", "column", "match"),
    [
        ("id,body\n1,x\n", None, "no column named"),
        ("id,headline\n1,x\n", "title", "no column 'title'"),
        ("a,a\n1,2\n", None, "repeats the column name 'a'"),
        ("", None, "no CSV header"),
    ],
)
def test_csv_header_problems_are_input_errors(tmp_path: Path, content: str, column: str | None, match: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        _records(path, "csv", column)


def test_parquet_rows_keep_their_types(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "a.parquet"
    pq.write_table(pa.table({"n": [1, 2], "headline": ["One", "Two"]}), path)
    records, column, _ = _records(path, "parquet")
    assert column == "headline"
    assert [r.fields for r in records] == [{"n": 1, "headline": "One"}, {"n": 2, "headline": "Two"}]


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        _records(tmp_path / "nope.csv", "csv")


def test_jsonl_reader_round_trips_unicode(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"headline": "Zürich – «Chaos»"}, ensure_ascii=False) + "\n", encoding="utf-8")
    records, _, _ = _records(path, "jsonl")
    assert records[0].fields == {"headline": "Zürich – «Chaos»"}


def test_field_names_are_in_first_seen_order_once_each() -> None:
    records = [
        Record(1, {"id": 1, "title": "a"}),
        Record(2, None, "malformed JSON", "{"),
        Record(3, {"title": "b", "outlet": "x", "id": 2}),
        Record(4, {}),
    ]
    assert field_names(records) == ["id", "title", "outlet"]
    assert field_names([]) == []


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (r'{"headline": "bad \ud800 text"}', "headline"),
        (r'{"headline": "ok", "note": "x\uDFFF"}', "note"),
        (r'{"headline": "ok", "tags": [{"deep": "\udc00"}]}', "tags"),
        (r'{"headline": "ok", "\ud801": 1}', "\ud801"),
        (r'{"headline": "pair split \ude00\ud83d"}', "headline"),
    ],
)
def test_json_text_with_an_unpaired_surrogate_is_a_bad_row(tmp_path: Path, line: str, field: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(line + "\n", encoding="ascii")
    (record,) = _records(path, "jsonl", "headline")[0]
    assert record.fields is None and record.raw == line
    assert record.error == f"text is not valid Unicode: field {field!r} holds an unpaired UTF-16 surrogate"


def test_json_text_with_a_surrogate_pair_is_read_as_the_character(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(r'{"headline": "Grin \ud83d\ude00 \\ud800"}' + "\n", encoding="ascii")
    (record,) = _records(path, "jsonl")[0]
    assert record.fields == {"headline": "Grin \U0001f600 \\ud800"}


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("1e400", JsonNumber("1e400")),
        ("-1E+400", JsonNumber("-1E+400")),
        ("1e-400", JsonNumber("1e-400")),
        ("0e-400", 0.0),
        ("1.5e300", 1.5e300),
        ("-9223372036854775808", -(2**63)),
        ("-9223372036854775809", JsonNumber("-9223372036854775809")),
        ("9223372036854775807", 2**63 - 1),
        ("18446744073709551615", JsonNumber("18446744073709551615")),
        ("7" * 5_000, JsonNumber("7" * 5_000)),
        ("42", 42),
    ],
)
def test_a_json_number_no_float_or_64_bit_integer_holds_keeps_its_literal(literal: str, expected: object) -> None:
    (record,) = parse_lines("jsonl", None, "headline", f'{{"headline": "A", "n": {literal}}}\n'.encode(), 1)
    assert record.fields is not None and record.fields["n"] == expected
    assert type(record.fields["n"]) is type(expected)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ('1\t"Quoted" says minister', '"Quoted" says minister'),
        ('1\t"We will fight," says PM', '"We will fight," says PM'),
        ('1\t"Has ""inner"" quotes"', 'Has "inner" quotes'),  # quoted as spreadsheets and pandas write TSV
        ("1\tPlain", "Plain"),
    ],
)
def test_a_tsv_headline_that_begins_with_a_quotation_mark_is_read_whole(
    tmp_path: Path, line: str, headline: str
) -> None:
    data = f"id\theadline\n{line}\n2\tNext\n".encode()
    path = tmp_path / "a.tsv"
    path.write_bytes(data)
    streamed = _records(path, "tsv")[0]
    parsed = list(parse_lines("tsv", ("id", "headline"), "headline", data.split(b"\n", 1)[1], 2))
    for records in (streamed, parsed):
        assert [(r.line, r.fields) for r in records] == [
            (2, {"id": "1", "headline": headline}), (3, {"id": "2", "headline": "Next"})
        ]


def test_tsv_lines_an_unclosed_quote_would_join_are_read_as_their_own_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_bytes(b'id\theadline\n1\t"Unclosed start\n2\tNext row\n')
    records = _records(path, "tsv")[0]
    assert [(r.line, r.fields) for r in records] == [
        (2, {"id": "1", "headline": '"Unclosed start'}), (3, {"id": "2", "headline": "Next row"})
    ]


def test_csv_keeps_its_quoting_rules_for_a_quote_at_the_start(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,headline\n1,"Quoted" says minister\n')
    (record,) = _records(path, "csv")[0]
    assert record.fields is None and record.error is not None and record.error.startswith("CSV error")


def _stream_and_chunks(path: Path, fmt: str = "csv") -> list[Record]:
    """The records of `path` read whole, checked equal to its records cut into chunks of 7 lines and parsed."""
    streamed = _records(path, fmt)[0]
    source = open_source(str(path), fmt, None, None, lambda _: None, raw=True)  # type: ignore[arg-type]
    try:
        assert source.raw is not None
        chunked = [
            record
            for chunk in LineChunker(source.raw).chunks(7)
            for record in parse_lines(fmt, source.raw.header, source.text_column, chunk.data, chunk.first_line)
        ]
    finally:
        source.close()
    assert chunked == streamed
    return streamed


def test_a_quote_left_open_sets_its_line_aside_and_the_rows_after_it_are_read(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"id,headline\n1,Fine\n2,\"Open quote\n" + b"".join(b"%d,Row %d\n" % (i, i) for i in range(3, 53)))
    records = _stream_and_chunks(path)
    assert records[0] == Record(2, {"id": "1", "headline": "Fine"})
    assert records[1].line == 3 and records[1].fields is None and records[1].raw == '2,"Open quote'
    assert records[1].error == (
        "CSV error: a quotation mark on this line opens a field that is not closed as the CSV rules allow "
        "(a field may span at most 10,000 lines and 865,536 characters); "
        "the line is set aside and reading goes on at the next line"
    ) == STRAY_QUOTE
    expected = [(i + 1, {"id": str(i), "headline": f"Row {i}"}) for i in range(3, 53)]
    assert [(r.line, r.fields) for r in records[2:]] == expected


def test_a_stray_quote_closed_by_a_later_one_loses_no_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'id,headline\n1,"Stray\n2,Row two\n3,He said "no" twice\n4,"Fine, quoted"\n5,Last\n')
    records = _stream_and_chunks(path)
    assert records[0] == Record(2, None, STRAY_QUOTE, '1,"Stray')
    assert [r.fields for r in records[1:]] == [
        {"id": "2", "headline": "Row two"}, {"id": "3", "headline": 'He said "no" twice'},
        {"id": "4", "headline": "Fine, quoted"}, {"id": "5", "headline": "Last"},
    ]


@pytest.mark.parametrize(("rows", "width"), [(MAX_RECORD_LINES + 50, 8), (2_000, 600)])  # over the lines, characters
def test_a_quoted_field_may_span_a_bounded_number_of_lines_and_characters(
    tmp_path: Path, rows: int, width: int
) -> None:
    """A stray quote that a later line happens to close would make one well-formed row of every line between."""
    path = tmp_path / "a.csv"
    body = b"".join(b"%d,%s\n" % (i, b"x" * width) for i in range(rows))
    path.write_bytes(b'id,headline\nS,"Stray\n' + body + b'E,closes here"\n')
    records = _stream_and_chunks(path)
    assert records[0] == Record(2, None, STRAY_QUOTE, 'S,"Stray')
    assert [r.fields for r in records[1:-1]] == [{"id": str(i), "headline": "x" * width} for i in range(rows)]
    assert records[-1].fields == {"id": "E", "headline": 'closes here"'}  # a bare quote in an unquoted field


def test_a_record_of_several_multi_line_fields_is_bounded_in_characters(tmp_path: Path) -> None:
    half = ("y" * 599 + "\n") * 750  # 450,000 characters a field: under the field limit, over it together
    path = tmp_path / "a.csv"
    path.write_text(f'headline,b\n"{half}","{half}"\n1,after\n', encoding="utf-8")
    records = _stream_and_chunks(path)
    assert records[0] == Record(2, None, STRAY_QUOTE, '"' + "y" * 599)
    assert records[-1] == Record(1503, {"headline": "1", "b": "after"})


def test_a_legitimate_multi_line_field_within_the_bounds_is_one_row(tmp_path: Path) -> None:
    body = "\n".join(f"Paragraph {i}, with a comma." for i in range(2_000))
    path = tmp_path / "a.csv"
    path.write_text(f'id,text\n1,"{body}"\n2,next\n', encoding="utf-8")
    records = _stream_and_chunks(path)
    assert [r.fields for r in records] == [{"id": "1", "text": body}, {"id": "2", "text": "next"}]




@pytest.mark.parametrize(
    ("columns", "chosen"),
    [
        (["id", "Headline", "headline"], "headline"),  # the exact name before another spelling
        (["id", "HEADLINE", "body"], "HEADLINE"),
        (["Title", "text"], "Title"),  # headline, then title, then text
    ],
)
def test_the_headline_column_is_chosen_by_name_exact_spelling_first(columns: list[str], chosen: str) -> None:
    from scorer.batch.readers import choose_column

    said: list[str] = []
    assert choose_column(columns, None, "column", said.append) == chosen
    assert said == [f"using column {chosen!r} for the headlines"]


def test_parquet_with_a_repeated_column_name_is_refused_as_csv_is(tmp_path: Path) -> None:
    # Read into dicts, the later column had silently replaced the earlier one.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "a.parquet"
    table = pa.Table.from_arrays([pa.array(["x"]), pa.array(["One"]), pa.array(["y"])], names=["id", "headline", "id"])
    pq.write_table(table, path)
    with pytest.raises(InputError, match="repeats the column name 'id'"):
        _records(path, "parquet")


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"),
                           ("utf-32", "UTF-32")]
)
@pytest.mark.parametrize("suffix", ["txt", "csv", "jsonl"])
def test_utf16_and_utf32_input_is_refused_with_how_to_convert_it(
    tmp_path: Path, encoding: str, name: str, suffix: str
) -> None:
    # Excel's "Unicode Text" and Notepad's "Unicode": read as UTF-8, rows were scored with a NUL between letters.
    text = {"txt": "Storm hits coast\n", "csv": "headline\nStorm hits coast\n", "jsonl": '{"headline": "Storm"}\n'}
    path = tmp_path / f"a.{suffix}"
    path.write_bytes(text[suffix].encode(encoding))
    with pytest.raises(InputError, match=f"is {name} text; scorer reads UTF-8: convert it first, e.g. iconv") as raised:
        _records(path, suffix)
    # The converted copy keeps the format's suffix: "converted.txt" had made a CSV read as plain text.
    assert str(raised.value).endswith(f"> {tmp_path}/a.utf8.{suffix}")


def test_the_advice_for_gzip_utf16_input_unpacks_it_first(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    path.write_bytes(gzip.compress("headline\nStorm\n".encode("utf-16")))
    with pytest.raises(InputError, match=r"gzip -dc .*a\.csv\.gz \| iconv -f UTF-16 -t UTF-8 > .*a\.utf8\.csv$"):
        _records(path, "csv")
