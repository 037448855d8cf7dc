"""`scorer batch` end to end: formats in and out, order, kept columns, bad rows, exit codes, report."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scorer import Scorer
from scorer.batch.columns import result_columns, warning_codes
from scorer.cli import main
from scorer.cli_batch import EXIT_ROWS_FAILED

from .conftest import SEED_HEADLINES

HEADLINES = (
    *SEED_HEADLINES,
    "Council approves new budget for road repairs",
    "You WON'T BELIEVE what this cat did next!!!",
    "Scientists publish study on coastal erosion",
    "SHOCK as star's TERRIFYING ordeal revealed",
    "Ten things every parent should know about sleep",
)


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _rows() -> list[dict[str, str]]:
    return [{"id": str(i), "outlet": "ab"[i % 2], "headline": h} for i, h in enumerate(HEADLINES)]


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _expected(scorer: Scorer, headline: str, evidence: str = "top", nested: bool = True) -> dict[str, object]:
    """What the library says for one headline, in batch's columns (engines compared, not hard-coded scores)."""
    return result_columns(scorer.score(headline), evidence, False, nested)  # type: ignore[arg-type]


def test_csv_to_jsonl_keeps_columns_order_and_matches_the_library(tmp_path: Path, scorer: Scorer) -> None:
    _write_csv(tmp_path / "in.csv", _rows())
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(out), "--jobs", "1"]) == 0
    rows = _jsonl(out)
    assert [r["headline"] for r in rows] == list(HEADLINES)
    for original, row in zip(_rows(), rows, strict=True):
        assert list(row)[:3] == ["id", "outlet", "headline"]
        assert {k: row[k] for k in original} == original
        assert {k: v for k, v in row.items() if k not in original} == _expected(scorer, original["headline"])
    assert not (tmp_path / "out.jsonl.parts").exists()
    assert not (tmp_path / "out.jsonl.errors.jsonl").exists()


def test_jsonl_to_csv_with_text_field_and_all_evidence(tmp_path: Path, scorer: Scorer) -> None:
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as handle:
        for i, h in enumerate(HEADLINES):
            handle.write(json.dumps({"n": i, "t": h}) + "\n")
    out = tmp_path / "out.csv"
    assert main(["batch", str(src), "-o", str(out), "--text-field", "t", "--evidence", "all", "--jobs", "1"]) == 0
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["n", "t", "score", "label", "components", "evidence", "warnings"]
    for i, row in enumerate(rows):
        expected = _expected(scorer, HEADLINES[i], "all", nested=False)
        assert row["n"] == str(i) and row["t"] == HEADLINES[i]
        assert float(row["score"]) == expected["score"] and row["label"] == expected["label"]
        assert json.loads(row["evidence"]) == json.loads(str(expected["evidence"]))


def test_text_input_to_parquet_without_evidence(tmp_path: Path, scorer: Scorer) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.txt"
    src.write_text("\n".join(HEADLINES) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["batch", str(src), "-o", str(out), "--evidence", "none", "--jobs", "1", "--chunk-size", "3"]) == 0
    table = pq.read_table(out).to_pylist()
    assert [r["headline"] for r in table] == list(HEADLINES)
    assert "evidence" not in table[0]
    assert [r["score"] for r in table] == [_expected(scorer, h)["score"] for h in HEADLINES]


def test_json_lines_to_parquet_keeps_fields_the_first_row_of_a_chunk_lacks(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [{"headline": HEADLINES[0]}, {"headline": HEADLINES[1], "outlet": "Wire"},
            {"headline": HEADLINES[2], "n": 3}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", "2", "--quiet"]) == 0
    table = pq.read_table(out)
    assert [(r["headline"], r["outlet"], r["n"]) for r in table.to_pylist()] == [
        (HEADLINES[0], None, None), (HEADLINES[1], "Wire", None), (HEADLINES[2], None, 3)
    ]
    assert table.column_names[:2] == ["headline", "outlet"] and table.column_names[2:7] == [
        "score", "label", "components", "evidence", "warnings"
    ]


def test_parquet_nan_is_an_empty_csv_cell_not_nan(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"headline": list(HEADLINES[:3]), "share": [0.5, float("nan"), None]}), src)
    out = tmp_path / "out.csv"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--quiet"]) == 0
    with open(out, newline="", encoding="utf-8") as handle:
        assert [row["share"] for row in csv.DictReader(handle)] == ["0.5", "", ""]


@pytest.mark.parametrize("chunk_size", ["10", "1"])  # mixed within a chunk, and across chunks
def test_json_lines_to_parquet_writes_a_field_of_mixed_types_as_text(tmp_path: Path, chunk_size: str) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    ids: list[object] = [1, "x2", True, 2.5, None]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "headline": HEADLINES[n]}) + "\n" for n, i in enumerate(ids)),
                   encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", chunk_size, "--quiet"]) == 0
    assert pq.read_table(out).column("id").to_pylist() == ["1", "x2", "true", "2.5", None]


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes],
                         scorer: Scorer) -> None:
    data = ("headline\n" + "\n".join(f'"{h}"' if "," in h else h for h in HEADLINES[:3]) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["batch", "-", "--input-format", "csv", "--jobs", "1", "--quiet"]) == 0
    rows = [json.loads(line) for line in capsysbinary.readouterr().out.decode().splitlines()]
    assert [r["headline"] for r in rows] == list(HEADLINES[:3])
    assert [r["score"] for r in rows] == [_expected(scorer, h)["score"] for h in HEADLINES[:3]]


def test_stdin_to_a_file_and_no_resume_of_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str], scorer: Scorer) -> None:
    data = ("headline\n" + "\n".join(f'"{h}"' if "," in h else h for h in HEADLINES[:3]) + "\n").encode()
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["batch", "-", "-o", str(out), "--input-format", "csv", "--jobs", "1", "--quiet"]) == 0
    assert [r["score"] for r in _jsonl(out)] == [_expected(scorer, h)["score"] for h in HEADLINES[:3]]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["batch", "-", "-o", str(out), "--input-format", "csv", "--resume", "--quiet"]) == 2
    assert "save the input to a file" in capsys.readouterr().err


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("in.csv", b"\xef\xbb\xbfheadline,outlet\r\nSHOCK as RIOTS spread!,Star\r\nCouncil meets,Post\r\n"),
        ("in.jsonl", b'\xef\xbb\xbf{"headline": "SHOCK as RIOTS spread!"}\n{"headline": "Council meets"}\n'),
        ("in.txt", b"\xef\xbb\xbfSHOCK as RIOTS spread!\nCouncil meets\n"),
    ],
)
def test_a_byte_order_mark_at_the_start_is_not_part_of_the_data(
    tmp_path: Path, scorer: Scorer, name: str, data: bytes, compress: bool
) -> None:
    src = tmp_path / (name + ".gz" if compress else name)
    src.write_bytes(gzip.compress(data) if compress else data)
    out = tmp_path / "out.jsonl"
    fmt = ["--input-format", name.rsplit(".", 1)[1]] if compress else []
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--quiet", *fmt]) == 0
    rows = _jsonl(out)
    assert [r["headline"] for r in rows] == ["SHOCK as RIOTS spread!", "Council meets"]
    assert [r["score"] for r in rows] == [_expected(scorer, r["headline"])["score"] for r in rows]  # type: ignore[arg-type]
    assert all(not any(k.startswith("\ufeff") for k in r) for r in rows)


def test_bad_rows_go_to_the_errors_file_and_the_run_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(
        b"id,headline\n"
        b"1,Council approves new budget\n"
        b"2,\n"
        b'3,"bad "quote" here"\n'
        b"4,caf\xe9 CHAOS\n"
        b"5," + b"A" * 2_001 + b"\n"
        b"6,Storm WARNING for coast!\n"
        b"7,12345\n"
        b"8,\xe6\x97\xa5\xe6\x9c\xac\xe3\x81\xae\xe9\xa6\x96\xe7\x9b\xb8\n"
    )
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", "2"]) == EXIT_ROWS_FAILED
    assert [r["id"] for r in _jsonl(out)] == ["1", "6"]
    errors = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [e["line"] for e in errors] == [3, 4, 5, 6, 8, 9]
    reasons = [str(e["reason"]) for e in errors]
    assert "empty" in reasons[0] and "CSV error" in reasons[1] and "UTF-8" in reasons[2] and "2,001" in reasons[3]
    assert "no words" in reasons[4] and "no word in the Latin alphabet" in reasons[5]
    assert all(isinstance(e["raw"], str) and e["raw"] for e in errors)
    assert "read 8 rows, scored 2, failed 6" in capsys.readouterr().err


def test_malformed_json_lines_are_reported(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"headline": "Fine"}\n{"headline": \n{"other": 1}\n{"headline": 7}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == EXIT_ROWS_FAILED
    assert [r["headline"] for r in _jsonl(out)] == ["Fine"]
    errors = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["line"], str(e["reason"]).split(" ")[0]) for e in errors] == [(2, "malformed"), (3, "headline"),
                                                                          (4, "headline")]


def test_a_headline_that_is_not_text_is_named_in_json_terms(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    values = ["42", "1e400", "-9223372036854775809", "true", "[1]", '{"a": 1}', "null"]
    src.write_text("".join(f'{{"headline": {v}}}\n' for v in values), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--quiet"]) == EXIT_ROWS_FAILED
    reasons = [str(e["reason"]) for e in _jsonl(tmp_path / "out.jsonl.errors.jsonl")]
    kinds = ["a number", "a number", "a number", "a boolean", "a list", "an object"]
    assert reasons[:-1] == [f"headline must be a string, not {kind}" for kind in kinds]
    assert "JsonNumber" not in reasons[-1] and "NoneType" not in reasons[-1]


def test_json_lines_with_nan_or_infinity_are_bad_rows_not_altered(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = ['{"headline": "Fine", "x": 1.5}', '{"headline": "Odd", "x": NaN}', '{"headline": "Big", "x": -Infinity}']
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == EXIT_ROWS_FAILED
    assert [(r["headline"], r["x"]) for r in _jsonl(out)] == [("Fine", 1.5)]
    errors = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [e["line"] for e in errors] == [2, 3]
    assert "NaN is not a JSON number" in str(errors[0]["reason"])
    assert "-Infinity is not a JSON number" in str(errors[1]["reason"])
    assert [e["raw"] for e in errors] == lines[1:]


@pytest.mark.parametrize("output", ["out.jsonl", "out.csv", "-"])
def test_an_unpaired_surrogate_is_a_bad_row_and_the_rest_is_scored(
    tmp_path: Path, output: str, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.chdir(tmp_path)  # the errors file of a run to standard output goes to the working directory
    lines = [r'{"id": 1, "headline": "Storm WARNING!"}', r'{"id": 2, "headline": "bad \ud800 text"}',
             r'{"id": 3, "headline": "Council meets"}']
    Path("in.jsonl").write_text("\n".join(lines) + "\n", encoding="ascii")
    assert main(["batch", "in.jsonl", "-o", output, "--jobs", "1", "--quiet"]) == EXIT_ROWS_FAILED
    written = capsysbinary.readouterr().out if output == "-" else Path(output).read_bytes()
    text = written.decode("utf-8")  # valid UTF-8 throughout
    assert "Storm WARNING!" in text and "Council meets" in text and "bad" not in text
    errors = _jsonl(Path("scorer-batch.errors.jsonl" if output == "-" else f"{output}.errors.jsonl"))
    assert [(e["line"], e["reason"], e["raw"]) for e in errors] == [
        (2, "text is not valid Unicode: field 'headline' holds an unpaired UTF-16 surrogate", lines[1])
    ]


NUMBERS = ("1e400", "-1E+400", "1e-400", "-9223372036854775809", "18446744073709551616", "123456789012345678901234567")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_json_numbers_beyond_float_and_64_bits_are_written_back_unchanged(tmp_path: Path, fmt: str) -> None:
    fields = ", ".join(f'"n{i}": {n}' for i, n in enumerate(NUMBERS))
    src = tmp_path / "in.jsonl"
    src.write_text(f'{{"headline": "Storm WARNING!", {fields}, "nested": {{"a": [1e400]}}}}\n', encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--quiet"]) == 0
    if fmt == "jsonl":
        text = out.read_text("utf-8")
        row = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"), parse_float=str,
                         parse_int=str)
        assert [row[f"n{i}"] for i in range(len(NUMBERS))] == list(NUMBERS)
        assert '"nested":{"a":[1e400]}' in text
    else:
        with open(out, newline="", encoding="utf-8") as handle:
            (row,) = list(csv.DictReader(handle))
        assert [row[f"n{i}"] for i in range(len(NUMBERS))] == list(NUMBERS)
        assert row["nested"] == '{"a": [1e400]}'


def test_parallel_jobs_give_the_same_output_as_one(tmp_path: Path) -> None:
    rows = [{"id": str(i), "headline": f"{h} {i}"} for i in range(300) for h in HEADLINES[i % len(HEADLINES):][:1]]
    _write_csv(tmp_path / "in.csv", rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(one), "--jobs", "1", "--chunk-size", "16"]) == 0
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(two), "--jobs", "2", "--chunk-size", "16"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(_jsonl(two)) == 300


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["--resume"], "nothing to resume"),
        (["--text-column", "nope"], "no column 'nope'"),
        (["--chunk-size", "0"], "chunk-size"),
        (["--format", "parquet", "-o", "-"], "standard output"),
        (["--group-by", "nope"], "--group-by: no column 'nope' in the input; it has: id, outlet, headline"),
    ],
)
def test_usage_errors_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], match: str
) -> None:
    _write_csv(tmp_path / "in.csv", _rows())
    argv = ["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.jsonl"), *args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert match in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "args", "match"),
    [
        ("in.jsonl", ["--text-field", "title"], "--text-field: no field 'title' in the objects of the first 64 lines"),
        ("in.jsonl", ["--group-by", "source"], "--group-by: no field 'source' in the objects of the first 64 lines"),
        ("in.jsonl", ["--body-column", "body"], "--body-column: no field 'body' in the objects of the first 64 lines"),
        ("in.txt", ["--group-by", "outlet"], "--group-by: no column 'outlet' in the input; it has: headline"),
    ],
)
def test_a_named_field_no_record_has_is_a_usage_error_before_scoring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, args: list[str], match: str
) -> None:
    src = tmp_path / name
    if name.endswith(".jsonl"):
        src.write_text("".join(json.dumps(r) + "\n" for r in _rows()), encoding="utf-8")
    else:
        src.write_text("\n".join(HEADLINES) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", *args]) == 2
    err = capsys.readouterr().err
    assert match in err and "Traceback" not in err
    if name.endswith(".jsonl"):
        assert "they have: id, outlet, headline" in err
    assert not out.exists() and not (tmp_path / "o.jsonl.parts").exists()


def test_existing_score_column_needs_a_prefix(tmp_path: Path) -> None:
    _write_csv(tmp_path / "in.csv", [{"headline": "A", "score": "5"}])
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(out)]) == 2
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(out), "--prefix", "s_", "--jobs", "1"]) == 0
    row = _jsonl(out)[0]
    assert row["score"] == "5" and isinstance(row["s_score"], float)


FRENCH = "Le gouvernement annonce une réforme choc des retraites"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_warnings_column_summary_and_report_name_the_doubtful_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    pytest.importorskip("plotly")
    rows = [*_rows(), {"id": "97", "outlet": "a", "headline": FRENCH}, {"id": "98", "outlet": "b", "headline": "Wow"}]
    _write_csv(tmp_path / "in.csv", rows)
    argv = ["batch", str(tmp_path / "in.csv"), "--jobs", jobs, "--chunk-size", "3"]
    assert main([*argv, "-o", str(tmp_path / "o.jsonl"), "--report", str(tmp_path / "r.html")]) == 0
    assert [r["warnings"] for r in _jsonl(tmp_path / "o.jsonl")] == [[]] * len(HEADLINES) + [
        ["unfamiliar_words"], ["too_short"]
    ]
    assert "2 rows with a warning (1 too_short, 1 unfamiliar_words): their scores say little" in capsys.readouterr().err
    assert "2 rows with a warning (1 too_short, 1 unfamiliar_words): too short" in (tmp_path / "r.html").read_text()
    assert main([*argv, "-o", str(tmp_path / "o.csv")]) == 0
    with open(tmp_path / "o.csv", newline="", encoding="utf-8") as handle:
        flat = [r["warnings"] for r in csv.DictReader(handle)]
    assert flat == [""] * len(HEADLINES) + ["unfamiliar_words", "too_short"]


@pytest.mark.parametrize("headline", ["Wow", FRENCH, SEED_HEADLINES[0]])
def test_warning_codes_read_both_forms_of_the_column(scorer: Scorer, headline: str) -> None:
    result = scorer.score(headline)
    codes = [w.code for w in result.warnings]
    for nested in (True, False):
        assert warning_codes(result_columns(result, "top", False, nested)["warnings"]) == codes


def test_no_warning_line_when_every_score_is_sound(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_csv(tmp_path / "in.csv", _rows())
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.jsonl"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert f"scored {len(HEADLINES)}" in err and "warning" not in err


def test_report_is_self_contained_and_escapes_headlines(tmp_path: Path, scorer: Scorer) -> None:
    pytest.importorskip("plotly")
    hostile = "<script>alert('batch-xss')</script> SHOCK HORROR!!!"
    rows = [*_rows(), {"id": "99", "outlet": "<b>evil</b>", "headline": hostile}]
    _write_csv(tmp_path / "in.csv", rows)
    report = tmp_path / "r.html"
    argv = ["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.jsonl"), "--jobs", "1",
            "--group-by", "outlet", "--report", str(report)]
    assert main(argv) == 0
    page = report.read_text(encoding="utf-8")
    assert "<script>alert('batch-xss')" not in page and "(&#x27;batch-xss&#x27;)&lt;/script&gt;" in page
    assert "<b>evil</b>" not in page and "&lt;b&gt;evil&lt;/b&gt;" in page
    assert re.search(r"<script[^>]*\bsrc=", page) is None and len(page) > 1_000_000  # plotly.js is inside
    scores = sorted((scorer.score(h).score for h in (*HEADLINES, hostile)), reverse=True)
    shown = re.findall(r"<tr><td class=n>([0-9.]+)</td>", page)
    assert shown == [f"{s:.3f}" for s in scores]  # most sensational first
    assert page.index("<mark") < page.index("</table>")


@pytest.mark.parametrize(("report", "match"), [("missing/r.html", "does not exist"), (".", "it is a folder")])
def test_an_unwritable_report_path_is_refused_before_scoring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], report: str, match: str
) -> None:
    _write_csv(tmp_path / "in.csv", _rows())
    out = tmp_path / "o.jsonl"
    argv = ["batch", str(tmp_path / "in.csv"), "-o", str(out), "--jobs", "1", "--report", str(tmp_path / report)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"cannot write the report to {str(tmp_path / report)!r}: " in err and match in err
    assert not out.exists() and not (tmp_path / "o.jsonl.parts").exists()


def test_body_column_adds_body_figures_and_report_groups(tmp_path: Path, scorer: Scorer) -> None:
    pytest.importorskip("plotly")
    bodies = ["Rioters set cars on FIRE. Police called it a DISGRACE!", "", "The council met on Tuesday."]
    rows = [{"outlet": "ab"[i % 2], "headline": HEADLINES[i], "body": b} for i, b in enumerate(bodies)]
    _write_csv(tmp_path / "in.csv", rows)
    out, report = tmp_path / "o.jsonl", tmp_path / "r.html"
    argv = ["batch", str(tmp_path / "in.csv"), "-o", str(out), "--jobs", "1", "--body-column", "body",
            "--group-by", "outlet", "--report", str(report)]
    assert main(argv) == 0
    for row, original in zip(_jsonl(out), rows, strict=True):
        body = scorer.score(original["headline"], body=original["body"] or None).body or {}
        expected = body.get("score")
        assert row["body_score"] == (round(expected, 6) if isinstance(expected, float) else None)
        assert row["body_label"] == body.get("label")
    page = report.read_text(encoding="utf-8")
    assert ("mean body score" in page) is any(isinstance(r["body_score"], float) for r in _jsonl(out))


def test_unwritable_output_exits_4_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_csv(tmp_path / "in.csv", _rows())
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(blocker / "out.jsonl"), "--jobs", "1"]) == 4
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err


def test_a_reader_that_stops_early_ends_the_run_quietly_with_0(tmp_path: Path) -> None:
    rows = [{"id": str(i), "headline": f"Storm WARNING number {i} for the coast!" if i % 100 else ""}
            for i in range(1, 20_001)]  # some rows fail, so there is an errors file to leave behind
    _write_csv(tmp_path / "in.csv", rows)
    argv = [sys.executable, "-m", "scorer.cli", "batch", str(tmp_path / "in.csv"), "--jobs", "1", "--quiet"]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert child.stdout is not None and child.stderr is not None
    first = json.loads(child.stdout.readline())
    child.stdout.close()  # as `| head -1` does
    assert child.wait(timeout=120) == 0
    assert first["id"] == "1" and child.stderr.read() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # no partial errors file left behind


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_damaged_gzip_input_is_unreadable_input_not_a_write_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    packed = gzip.compress(("id,headline\n" + "".join(f"{i},Storm WARNING {i}\n" for i in range(50_000))).encode())
    damaged = packed[: len(packed) // 2] if damage == "truncated" else packed[:200] + bytes(range(256)) * 40
    src = tmp_path / "in.csv.gz"
    src.write_bytes(damaged)
    assert main(["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--jobs", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "gzip data is damaged" in err and "--resume" not in err


def _damaged_after_many_rows(path: Path) -> None:
    """A gzip CSV cut short after over 2,000 rows: enough for chunks to be committed before the damage is read."""
    rows = "".join(f"{i},{'Storm WARNING ' * 250 if i % 10 else 'Storm WARNING'} {i}\n" for i in range(4_000))
    packed = gzip.compress(("id,headline\n" + rows).encode())
    path.write_bytes(packed[: len(packed) * 2 // 3])


def test_input_damaged_mid_run_leaves_no_parts_behind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A resumed run would stop at the same damage, so the committed parts can never become an output."""
    src = tmp_path / "in.csv.gz"
    _damaged_after_many_rows(src)
    argv = ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--jobs", "1", "--chunk-size", "200", "--quiet"]
    assert main(argv) == 2
    assert "gzip data is damaged" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv.gz"]


def test_a_prefix_clash_offers_a_prefix_that_clashes_with_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_csv(tmp_path / "in.csv", [{"headline": "A", "score": "5", "scorer_label": "mine"}])
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(out), "--prefix", "scorer_", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "already has a column 'scorer_label', which scoring adds with the prefix 'scorer_'" in err
    assert "e.g. --prefix scorer2_ " in err
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(out), "--prefix", "scorer2_", "--jobs", "1"]) == 0
    assert _jsonl(out)[0]["scorer_label"] == "mine"


def _one_row_csv(tmp_path: Path) -> Path:
    src = tmp_path / "in.csv"
    src.write_text("id,headline\n1,Council approves budget for road repairs\n", encoding="utf-8")
    return src


@pytest.mark.parametrize(
    ("extra", "clash"),
    [
        (["--errors", "{out}"], "the errors file (--errors) would overwrite the output"),
        (["--errors", "{src}"], "the errors file (--errors) would overwrite the input"),
        (["--report", "{src}"], "the report (--report) would overwrite the input"),
        (["--report", "{out}"], "the report (--report) would overwrite the output"),
        (["--errors", "{dir}/r.html", "--report", "{dir}/r.html"], "the report (--report) would overwrite the errors"),
    ],
)
def test_errors_and_report_paths_that_name_the_input_or_output_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], clash: str
) -> None:
    # These paths were never checked: `--errors out.jsonl` deleted the output of a clean
    # run, `--errors in.csv` the input, and `--report in.csv` replaced the input with HTML.
    src, out = _one_row_csv(tmp_path), tmp_path / "out.jsonl"
    before = src.read_bytes()
    args = [a.format(src=src, out=out, dir=tmp_path) for a in extra]
    assert main(["batch", str(src), "-o", str(out), "-q", *args]) == 2
    assert clash in capsys.readouterr().err
    assert src.read_bytes() == before and not out.exists()


def test_an_output_reached_through_a_link_to_the_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _one_row_csv(tmp_path)
    before = src.read_bytes()
    (tmp_path / "link.csv").symlink_to(src)
    assert main(["batch", str(tmp_path / "link.csv"), "-o", str(src), "--format", "csv", "-q"]) == 2
    assert "the output would overwrite the input" in capsys.readouterr().err
    assert main(["batch", str(src), "-o", str(tmp_path / "link.csv"), "--format", "csv", "-q"]) == 2
    assert src.read_bytes() == before


def test_a_clean_run_removes_a_stale_errors_file_but_never_another_file(tmp_path: Path) -> None:
    src, out = _one_row_csv(tmp_path), tmp_path / "out.jsonl"
    stale = tmp_path / "out.jsonl.errors.jsonl"
    stale.write_text('{"line": 3, "reason": "the headline is empty", "raw": "{}"}\n', encoding="utf-8")
    assert main(["batch", str(src), "-o", str(out), "-q"]) == 0
    assert not stale.exists()  # an earlier run's errors would be misleading
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    assert main(["batch", str(src), "-o", str(out), "-q", "--errors", str(notes)]) == 0
    assert notes.read_text(encoding="utf-8") == "my notes\n"  # it had been deleted


def test_json_lines_to_csv_takes_the_header_from_the_first_64_lines(tmp_path: Path) -> None:
    # The header had come from the first object alone: a field first seen on line 2
    # failed every row that had it, while the Dask engine took the first 64 lines.
    src, out = tmp_path / "in.jsonl", tmp_path / "out.csv"
    rows = [{"id": 1, "headline": "Council approves budget"}]
    rows.append({"id": 2, "headline": "Storm WARNING!", "outlet": "Herald"})
    rows += [{"id": i, "headline": f"Markets steady {i}"} for i in range(3, 70)]
    rows.append({"id": 70, "headline": "Late field", "desk": "sport"})  # first seen after line 64: not in the header
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["batch", str(src), "-o", str(out), "-q", "--jobs", "1"]) == 3
    with open(out, newline="", encoding="utf-8") as handle:
        scored = list(csv.DictReader(handle))
    assert list(scored[0])[:3] == ["id", "headline", "outlet"]
    assert len(scored) == 69 and scored[1]["outlet"] == "Herald" and scored[0]["outlet"] == ""
    [error] = [json.loads(line) for line in (tmp_path / "out.csv.errors.jsonl").read_text("utf-8").splitlines()]
    assert error["line"] == 70 and "first 64 lines" in error["reason"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_model_is_one_line_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    # With --jobs 2 each worker failed to load it: BrokenProcessPool tracebacks, and parts left behind.
    src, out = _one_row_csv(tmp_path), tmp_path / "out.jsonl"
    bad = tmp_path / "model.joblib"
    bad.write_bytes(b"not a model")
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")
    code = main(["batch", str(src), "-o", str(out), "-q", "--jobs", jobs, "--model", str(bad)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("scorer: error:") and "Traceback" not in err and len(err.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "model.joblib", "model.json"]


def test_a_body_column_a_text_file_lacks_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Council approves budget\n", encoding="utf-8")
    assert main(["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "-q", "--body-column", "body"]) == 2
    assert "--body-column: no column 'body'" in capsys.readouterr().err  # it had been ignored: bodies all null


def test_a_clean_run_to_standard_output_removes_a_stale_errors_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    src = _one_row_csv(tmp_path)
    monkeypatch.chdir(tmp_path)
    stale = tmp_path / "scorer-batch.errors.jsonl"
    stale.write_text('{"line": 2, "reason": "the headline is empty", "raw": "{}"}\n', encoding="utf-8")
    assert main(["batch", str(src), "-o", "-", "-q"]) == 0
    assert b"Council approves budget" in capsysbinary.readouterr().out
    assert not stale.exists()  # it had been kept, and read as this run's


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", gzip.compress(b"")])
def test_an_empty_text_input_is_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    # As an empty CSV or JSON Lines file is: exit 2 and nothing written (it had exited 0).
    src, out = tmp_path / "in.txt", tmp_path / "out.jsonl"
    src.write_bytes(content)
    assert main(["batch", str(src), "-o", str(out), "-q"]) == 2
    assert "is empty: there are no headlines to score" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]


@pytest.mark.parametrize("chunk_size", ["10", "1"])  # in one chunk, and a chunk each
def test_parquet_keeps_whole_numbers_beside_fractions_as_text_not_widened(tmp_path: Path, chunk_size: str) -> None:
    """An id above 2**53 beside a fraction had crashed the final join (Arrow cannot make it a double)."""
    pq = pytest.importorskip("pyarrow.parquet")
    ids: list[object] = [850000000000000000, 1.5, 1, 2]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "headline": HEADLINES[n]}) + "\n" for n, i in enumerate(ids)),
                   encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", chunk_size, "--quiet"]) == 0
    assert pq.read_table(out).column("id").to_pylist() == ["850000000000000000", "1.5", "1", "2"]


def test_a_repeated_key_in_a_json_line_is_a_bad_row_not_a_lost_value(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"headline": "Council publishes accounts", "headline": "SHOCK: you WONT believe this"}\n'
        '{"id": {"a": 1, "a": 2}, "headline": "Storm hits the coast as power fails"}\n'
        '{"id": {"a": 1}, "headline": "Parliament approves the budget after a long debate"}\n'
        '{"headline": "Rain \\"expected\\": forecasters warn of floods"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--quiet"]) == EXIT_ROWS_FAILED
    assert [(r["id"], r["headline"]) for r in _jsonl(out) if "id" in r] == [
        ({"a": 1}, "Parliament approves the budget after a long debate")
    ]
    assert [r["headline"] for r in _jsonl(out)][-1] == 'Rain "expected": forecasters warn of floods'
    errors = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [e["line"] for e in errors] == [1, 2]
    assert "the key 'headline' appears more than once in one object" in str(errors[0]["reason"])
    assert "the key 'a' appears more than once" in str(errors[1]["reason"])


def test_an_output_that_is_a_link_or_a_device_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The temporary file renamed over the path had replaced the link, or /dev/null itself when run as root."""
    _write_csv(tmp_path / "in.csv", _rows())
    target = tmp_path / "target.jsonl"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(link), "--quiet"]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me\n"
    assert main(["batch", str(tmp_path / "in.csv"), "-o", "/dev/null", "--format", "jsonl", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "is not a regular file" in err and "-o - to write to standard output" in err
    assert Path("/dev/null").is_char_device()
    assert main(["batch", str(tmp_path / "in.csv"), "-o", "/dev/null", "--quiet"]) == 2  # without --format too
    err = capsys.readouterr().err
    assert "is not a regular file" in err and "give --format" not in err
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.jsonl"), "--report", str(link)]) == 2
    assert "the report (--report)" in capsys.readouterr().err and link.is_symlink()


def test_parquet_output_without_pyarrow_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It had been a traceback and exit 1 after the whole input was scored, with the part files left behind."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    _write_csv(tmp_path / "in.csv", _rows())
    assert main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.parquet"), "--quiet"]) == 2
    assert "writing Parquet needs pyarrow: pip install 'headline-scorer[parquet]'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_gzip_output_name_is_refused_with_the_way_to_compress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_csv(tmp_path / "in.csv", _rows())
    for extra in ([], ["--format", "csv"]):
        assert main(["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.csv.gz"), *extra]) == 2
        assert "| gzip >" in capsys.readouterr().err
    assert not (tmp_path / "out.csv.gz").exists()


def test_the_report_is_written_before_the_checkpoint_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report that cannot be written leaves the scored rows for --resume, which then writes it."""
    pytest.importorskip("plotly")
    from scorer.batch import report as report_module

    _write_csv(tmp_path / "in.csv", _rows())
    report = tmp_path / "r.html"
    argv = ["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.jsonl"), "--report", str(report), "--quiet"]

    def disk_full(path: Path, payload: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(report_module, "write_atomic", disk_full)
        assert main(argv) == 4  # a write failure, as for the output (it had been 2, "bad input")
    err = capsys.readouterr().err
    assert f"cannot write {str(report)!r}: No space left on device" in err
    assert "The work so far is kept: fix the cause, then continue with: scorer batch" in err and "--resume" in err
    assert not (tmp_path / "o.jsonl").exists() and (tmp_path / "o.jsonl.parts").is_dir()
    assert main([*argv, "--resume"]) == 0
    assert report.is_file() and len(_jsonl(tmp_path / "o.jsonl")) == len(_rows())
    assert not (tmp_path / "o.jsonl.parts").exists()


def test_report_chart_escapes_group_names(tmp_path: Path) -> None:
    """Plotly reads labels as HTML: a group name like <a href=…> became a live link in the chart."""
    pytest.importorskip("plotly")
    src = tmp_path / "in.csv"
    src.write_text('headline,outlet\nRain SHOCK in town today,"<a href=""https://evil.example/"">Mail</a>"\n'
                   "Parliament approves the budget after a long debate,A<br>B\n", encoding="utf-8")
    report = tmp_path / "r.html"
    assert main(["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--report", str(report), "--group-by",
                 "outlet", "--quiet"]) == 0
    page = report.read_text(encoding="utf-8")
    assert '<a href="https://evil.example/"' not in page and '<a href=\\"https://evil.example/' not in page
    assert "&lt;a href=" in page  # the tag shows as text, in the table and in the chart
    assert '"A<br>B"' not in page and "A&lt;br&gt;B" in page


def test_report_chart_shows_quotes_in_group_names_and_labels_in_the_scale_s_order(tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    src = tmp_path / "in.csv"
    src.write_text('headline,outlet\nRain SHOCK in town today!,"Smith ""The Sun"""\n'
                   "Parliament approves the budget after a long debate,Wire\n", encoding="utf-8")
    report = tmp_path / "r.html"
    assert main(["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--report", str(report), "--group-by",
                 "outlet", "--quiet"]) == 0
    page = report.read_text(encoding="utf-8")
    assert 'Smith \\"The Sun\\"' in page and "Smith &amp;quot;" not in page  # the chart's data: no "&quot;" shown
    assert re.search(r"\(low: 1, high: 1\)", page)


def test_csv_header_problems_name_the_column_or_the_line_ending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b"id,headline\r1,Venezuela RIOTS: FIRE\r2,Council publishes accounts\r")
    assert main(["batch", str(mac), "-o", str(tmp_path / "m.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "CR alone" in err and "tr '\\r' '\\n'" in err and "universal-newline" not in err
    dup = tmp_path / "dup.csv"
    dup.write_text("id,headline,id\n1,Council publishes accounts,2\n", encoding="utf-8")
    assert main(["batch", str(dup), "-o", str(tmp_path / "d.jsonl")]) == 2
    assert "repeats the column name 'id'" in capsys.readouterr().err


def test_json_booleans_keep_json_spelling_in_csv(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"flag": true, "nested": {"a": false}, "headline": "Council publishes accounts"}\n',
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["batch", str(src), "-o", str(out), "--quiet"]) == 0
    with open(out, newline="", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["flag"], row["nested"]) == ("true", '{"a": false}')


def test_score_from_stdin_refuses_several_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Storm hits coast\nSHOCK: you wont believe it\n")))
    assert main(["score", "-"]) == 2
    assert "standard input holds 2 lines" in capsys.readouterr().err


def test_a_csv_row_that_cannot_be_scored_is_given_back_as_a_csv_line(tmp_path: Path) -> None:
    """It had been a JSON object: a row could not be fixed and fed back as CSV."""
    src = tmp_path / "in.csv"
    src.write_text('id,outlet,headline\n1,Herald,Council publishes accounts\n2,"Post, Daily",\n3,Sun,...\n',
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--quiet"]) == EXIT_ROWS_FAILED
    errors = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["line"], e["raw"]) for e in errors] == [(3, '2,"Post, Daily",'), (4, "3,Sun,...")]
    fixed = tmp_path / "fixed.csv"
    fixed.write_text("id,outlet,headline\n" + "".join(str(e["raw"]) + "Storm hits the coast\n" for e in errors[:1]),
                     encoding="utf-8")
    assert main(["batch", str(fixed), "-o", str(tmp_path / "f.jsonl"), "--quiet"]) == 0
    assert [(r["id"], r["outlet"]) for r in _jsonl(tmp_path / "f.jsonl")] == [("2", "Post, Daily")]


def test_json_lines_with_a_field_named_like_a_score_column_is_refused_before_scoring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every row had failed (0 of 5,000 scored) where CSV and Parquet are refused at once with advice.
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"headline": f"Storm hits coast {i}", "score": i}) + "\n" for i in range(50)),
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 2
    assert "--prefix" in capsys.readouterr().err and not out.exists()
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1", "--prefix", "s_"]) == 0


def test_the_folder_of_errors_is_made_as_the_output_s_is(tmp_path: Path) -> None:
    # A missing --errors folder had failed the run (exit 4) after all the scoring, with the output in place.
    _write_csv(tmp_path / "in.csv", [{"headline": "Storm hits coast"}, {"headline": ""}])
    errors = tmp_path / "new" / "deeper" / "errors.jsonl"
    argv = ["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out.jsonl"), "--errors", str(errors)]
    assert main([*argv, "--jobs", "1"]) == 3
    assert json.loads(errors.read_text(encoding="utf-8"))["reason"].startswith("headline is empty")


def test_a_failed_write_leaves_no_half_written_file(tmp_path: Path) -> None:
    # On a full disk the half-written ".partial" or ".tmp" copy had been left, taking the space to free.
    from scorer.batch import writers

    part = tmp_path / "p.jsonl"
    part.write_bytes(b'{"a": 1}\n' * 100)
    target = tmp_path / "out.jsonl"

    real_open = open

    def full_open(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]
        if "w" in mode:
            def write(_: bytes) -> int:
                raise OSError(28, "No space left on device")
            handle.write = write
        return handle

    import builtins

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", full_open)
        with pytest.raises(OSError, match="No space left") as raised:
            writers.assemble([part], "jsonl", target, None)
        assert raised.value.filename == str(target)
        with pytest.raises(OSError, match="No space left"):
            writers.write_atomic(target, b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jsonl"]


def test_scheduler_without_the_dask_engine_is_refused_and_one_row_is_one_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_csv(tmp_path / "in.csv", [{"headline": "Storm hits coast"}])
    argv = ["batch", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.jsonl"), "--jobs", "1"]
    assert main([*argv, "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler is for --engine dask" in capsys.readouterr().err
    assert main(argv) == 0
    assert "read 1 row, scored 1, failed 0" in capsys.readouterr().err


def test_the_next_step_after_an_interruption_names_no_cause_to_fix(tmp_path: Path) -> None:
    from scorer.batch.runner import BatchOptions
    from scorer.cli_batch import _next_step

    options = BatchOptions(input="-", output=str(tmp_path / "o.jsonl"))
    assert _next_step(options, ["batch", "-", "-o", options.output], failed=False) == "Run the command again."
    assert _next_step(options, ["batch", "-", "-o", options.output]) == "Fix the cause, then run the command again."
