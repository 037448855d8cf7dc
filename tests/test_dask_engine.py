"""The Dask engine on a two-worker LocalCluster (loopback) gives the local engine's output, row for row."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from scorer.cli import main  # noqa: E402

from .conftest import SEED_HEADLINES  # noqa: E402

ROWS = 600


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def _rows() -> list[dict[str, str]]:
    extra = ("Council approves budget", "Storm WARNING for coast!", "You won't believe this trick", "")
    texts = (*SEED_HEADLINES, *extra)
    return [
        {"id": str(i), "outlet": f"outlet {i % 3}", "headline": texts[i % 7] + ("" if i % 7 == 6 else f" {i}")}
        for i in range(ROWS)
    ]


def _run_both(tmp_path: Path, src: Path, scheduler: str, *args: str) -> tuple[list[str], list[str]]:
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["batch", str(src), "-o", str(local), "--jobs", "1", "--quiet", *args]) == 3
    assert main(["batch", str(src), "-o", str(dask), "--engine", "dask", "--scheduler", scheduler, "--quiet",
                 *args]) == 3
    return local.read_text("utf-8").splitlines(), dask.read_text("utf-8").splitlines()


def test_csv_dask_equals_local_row_for_row(tmp_path: Path, scheduler: str) -> None:
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "headline"])
        writer.writeheader()
        writer.writerows(_rows())
    local, dask = _run_both(tmp_path, src, scheduler, "--evidence", "all")
    assert len(local) == ROWS - ROWS // 7 and local == dask
    errors = [json.loads(line) for line in (tmp_path / "dask.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    assert len(errors) == ROWS // 7 and all("empty" in e["reason"] for e in errors)


@pytest.mark.parametrize("blocksize", ["64MB", "4kB"])
def test_csv_rows_the_local_engine_sets_aside_are_bad_rows_not_dropped(
    tmp_path: Path, scheduler: str, blocksize: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.batch import dask_engine

    monkeypatch.setattr(dask_engine, "BLOCKSIZE", blocksize)
    lines = [f'{r["id"]},{r["outlet"]},"{r["headline"]}"'.encode() for r in _rows()]
    bad = [
        b"1000,outlet 1,Too many fields,extra",
        b"1001,Too few fields",
        b'1002,outlet 2,"bad "quote" here"',
        b"1003,outlet 0,caf\xe9 CHAOS",
    ]
    for i, line in enumerate(bad):
        lines.insert(100 + 150 * i, line)
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,outlet,headline\n" + b"\n".join(lines) + b"\n")
    local, dask = _run_both(tmp_path, src, scheduler)
    assert len(local) == ROWS - ROWS // 7 and local == dask
    errors, local_errors = (
        [json.loads(line) for line in (tmp_path / f"{name}.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
        for name in ("dask", "local")
    )
    assert [(e["row"] + 1, e["reason"], e["raw"]) for e in errors] == [
        (e["line"], e["reason"], e["raw"]) for e in local_errors
    ]
    reasons = [e["reason"] for e in errors if "empty" not in e["reason"]]
    assert reasons[:2] == ["expected 3 fields, found 4", "expected 3 fields, found 2"]
    assert "CSV error" in reasons[2] and "UTF-8" in reasons[3]


@pytest.mark.parametrize("blocksize", ["64MB", "4kB"])  # one partition, and dozens cut mid-line by bytes
def test_jsonl_dask_equals_local_row_for_row(
    tmp_path: Path, scheduler: str, blocksize: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.batch import dask_engine

    monkeypatch.setattr(dask_engine, "BLOCKSIZE", blocksize)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _rows()), encoding="utf-8")
    local, dask = _run_both(tmp_path, src, scheduler)
    assert len(local) == ROWS - ROWS // 7 and local == dask


@pytest.mark.parametrize("name", ["in.csv", "in.jsonl"])
def test_a_byte_order_mark_is_read_as_the_local_engine_reads_it(tmp_path: Path, scheduler: str, name: str) -> None:
    src = tmp_path / name
    if name.endswith(".csv"):
        body = "id,outlet,headline\n" + "".join(f'{r["id"]},{r["outlet"]},"{r["headline"]}"\n' for r in _rows())
    else:
        body = "".join(json.dumps(r) + "\n" for r in _rows())
    src.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    local, dask = _run_both(tmp_path, src, scheduler)
    assert len(local) == ROWS - ROWS // 7 and local == dask
    assert next(iter(json.loads(dask[0]))) == "id"


def test_a_malformed_json_line_is_a_bad_row_as_in_the_local_engine(tmp_path: Path, scheduler: str) -> None:
    rows = [json.dumps(r) for r in _rows()]
    rows[5:5] = ["not json", "[1, 2]", '{"headline": NaN}']
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    local, dask = _run_both(tmp_path, src, scheduler)
    assert len(local) == ROWS - ROWS // 7 and local == dask
    errors = [json.loads(line) for line in (tmp_path / "dask.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    bad = [(e["row"], e["raw"]) for e in errors if "JSON" in e["reason"]]
    assert bad == [(6, "not json"), (7, "[1, 2]"), (8, '{"headline": NaN}')]
    local_errors = (tmp_path / "local.jsonl.errors.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(e)["reason"] for e in local_errors] == [e["reason"] for e in errors]


def test_json_values_keep_their_types_and_missing_fields_stay_missing_as_in_the_local_engine(
    tmp_path: Path, scheduler: str
) -> None:
    rows: list[dict[str, object]] = [
        {**r, "id": i, "tags": ["x", str(i)], "meta": {"n": i, "deep": [1, {"k": None}]}, "share": i / 4,
         "ok": i % 2 == 0}
        for i, r in enumerate(_rows())
    ]
    del rows[10]["tags"]  # a field this line does not have
    del rows[11]["headline"]  # no headline at all: a bad row, not the text "NAType"
    rows[12]["headline"] = 42  # a number is not a headline
    rows[13]["meta"] = None
    rows[14]["share"] = -(2**63) - 1  # no 64-bit integer holds it
    src = tmp_path / "in.jsonl"
    lines = [json.dumps(r) for r in rows]
    lines[15] = lines[15].replace('"share": ', '"share": 1e400, "was": ')  # no float holds it
    src.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    local, dask = _run_both(tmp_path, src, scheduler, "--evidence", "all")
    assert local == dask
    by_id = {json.loads(line, parse_int=str, parse_float=str)["id"]: line for line in dask}
    assert '"share":-9223372036854775809,' in by_id["14"] and '"share":1e400,"was":3.75,' in by_id["15"]
    scored = [json.loads(line) for line in dask]
    assert scored[0]["id"] == 0 and scored[0]["tags"] == ["x", "0"] and scored[0]["meta"]["deep"] == [1, {"k": None}]
    assert scored[0]["ok"] is True and isinstance(scored[1]["share"], float)
    assert "tags" not in next(r for r in scored if r["id"] == 10)
    errors, local_errors = (
        [json.loads(line) for line in (tmp_path / f"{name}.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
        for name in ("dask", "local")
    )
    assert [(e["row"], e["reason"], e["raw"]) for e in errors] == [
        (e["line"], e["reason"], e["raw"]) for e in local_errors
    ]
    reasons = {e["row"]: e["reason"] for e in errors}
    assert "empty" in reasons[12] and "not a number" in reasons[13]


def test_report_groups_of_rows_without_a_value_are_missing_as_in_the_local_engine(
    tmp_path: Path, scheduler: str
) -> None:
    from scorer.batch.dask_engine import run_dask_batch
    from scorer.batch.runner import BatchOptions, run_batch

    rows: list[dict[str, object]] = [dict(r) for r in _rows()]
    rows[1]["outlet"], rows[2]["outlet"] = None, ""
    del rows[3]["outlet"]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    options = BatchOptions(str(src), str(tmp_path / "local.jsonl"), group_by="outlet", quiet=True)
    local = run_batch(options, lambda _: None)
    dask = run_dask_batch(replace(options, output=str(tmp_path / "dask.jsonl")), scheduler, lambda _: None)
    counts = {name: figures[0] for name, figures in dask.summary.groups.items()}
    assert counts == {name: figures[0] for name, figures in local.summary.groups.items()}
    assert counts["(missing)"] == 3 and "None" not in counts


def test_parquet_dask_equals_local_row_for_row(tmp_path: Path, scheduler: str) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(_rows()), src, row_group_size=100)
    local, dask = _run_both(tmp_path, src, scheduler, "--evidence", "none")
    assert len(local) == ROWS - ROWS // 7 and local == dask


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text("headline\nA\n", encoding="utf-8")
    argv = ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "dask", "--quiet"]
    assert main(argv) == 2
    assert "--scheduler" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("missing.csv", None, "cannot read"),
        ("missing.parquet", None, "cannot read Parquet"),
        ("empty.csv", b"", "no CSV header line"),
        ("empty.jsonl", b"", "no JSON objects"),
        ("blank.jsonl", b"\n\n", "no JSON objects"),
    ],
)
def test_unreadable_input_exits_2_as_in_the_local_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | None, match: str
) -> None:
    src = tmp_path / name
    if data is not None:
        src.write_bytes(data)
    for engine in ("local", "dask"):  # the input is read before the scheduler is reached
        scheduler = ["--scheduler", "tcp://127.0.0.1:1"] if engine == "dask" else []
        argv = ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", engine, *scheduler, "--quiet"]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert match in err and "Traceback" not in err


@pytest.mark.parametrize(("name", "args"), [("in.csv", ["--group-by", "nope"]), ("in.jsonl", ["--group-by", "nope"]),
                                            ("in.jsonl", ["--text-field", "nope"])])
def test_a_column_the_input_lacks_exits_2_before_scoring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, args: list[str]
) -> None:
    src = tmp_path / name
    if name.endswith(".csv"):
        src.write_text("id,outlet,headline\n1,a,Storm WARNING!\n", encoding="utf-8")
    else:
        src.write_text(json.dumps({"id": 1, "outlet": "a", "headline": "Storm WARNING!"}) + "\n", encoding="utf-8")
    argv = ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "dask", "--scheduler",
            "tcp://127.0.0.1:1", "--quiet", *args]  # checked before the scheduler is reached
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "no column 'nope' in the input; it has: id, outlet, headline" in err and "Traceback" not in err


def test_score_dask_frame_over_many_partitions_equals_score_frame(scheduler: str) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from scorer import score_frame
    from scorer.batch.dask_engine import score_dask_frame

    df = pd.DataFrame(_rows())
    ddf = dd.from_pandas(df, npartitions=5)
    with distributed.Client(scheduler, set_as_default=False) as client:
        scored = client.compute(score_dask_frame(ddf, "headline", evidence="all")).result()
    expected = score_frame(df, "headline", evidence="all")
    assert list(scored.columns) == list(expected.columns) and list(scored.index) == list(expected.index)

    def plain(frame: pd.DataFrame) -> list[dict[str, object]]:
        """Values only: Dask keeps strings as Arrow strings, pandas as its default string type."""
        return frame.astype(object).where(frame.notna(), None).to_dict("records")

    assert plain(scored) == plain(expected)


@pytest.mark.parametrize("blocksize", ["64MB", "1kB"])  # one partition, and dozens cut inside quoted fields
def test_quoted_line_breaks_and_stray_quotes_read_as_in_the_local_engine_whatever_the_blocksize(
    tmp_path: Path, scheduler: str, blocksize: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scorer.batch import dask_engine

    monkeypatch.setattr(dask_engine, "BLOCKSIZE", blocksize)
    rows = _rows()
    for i in range(0, ROWS, 4):  # a field of several lines, some over a kilobyte: block ends fall inside them
        rows[i]["outlet"] = f"outlet {i}\n" + "line, with a comma\n" * (i % 80)
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "headline"])
        writer.writeheader()
        for i, row in enumerate(rows):
            if i in (101, 333):
                handle.write(f'{i},"stray quote opens here,{row["headline"]}\r\n')
            else:
                writer.writerow(row)
    local, dask = _run_both(tmp_path, src, scheduler)
    assert len(local) == ROWS - ROWS // 7 - 2 and local == dask  # rows 101 and 333 are set aside
    assert any("\n" in json.loads(line)["outlet"] for line in dask)
    errors = [json.loads(line) for line in (tmp_path / "dask.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    local_errors = (tmp_path / "local.jsonl.errors.jsonl").read_text("utf-8").splitlines()
    assert [(e["reason"], e["raw"]) for e in errors] == [
        (e["reason"], e["raw"]) for e in map(json.loads, local_errors)
    ]
    assert sum("quotation mark" in e["reason"] for e in errors) == 2


@pytest.mark.parametrize("name", ["in.csv.gz", "in.jsonl.gz", "gzip-without-its-suffix.csv"])
def test_a_gzip_input_is_cut_into_many_partitions_and_read_as_the_local_engine_reads_it(
    tmp_path: Path, scheduler: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A gzip archive had been one partition, read whole into one worker's memory:
    # no scaling out, and a 10 GB archive in one process. Gzip is known by its
    # bytes, as the local engine knows it, whatever the file is called.
    from scorer.batch import dask_engine

    monkeypatch.setattr(dask_engine, "BLOCKSIZE", "2kB")
    monkeypatch.setattr(dask_engine, "_SCAN_LINES", 16)  # partitions end on chunks of this many lines
    rows = _rows()
    if ".csv" in name:
        for i in range(0, ROWS, 5):  # quoted line breaks: partitions must still end between records
            rows[i]["outlet"] = f"outlet {i}\n" + "line, with a comma\n" * (i % 30)
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=["id", "outlet", "headline"])
        writer.writeheader()
        writer.writerows(rows)
        body = text.getvalue()
    else:
        body = "".join(json.dumps(r) + "\n" for r in rows)
    src = tmp_path / name
    src.write_bytes(gzip.compress(b"\xef\xbb\xbf" + body.encode("utf-8")))
    assert dask_engine.read_dask_frame(str(src), "csv" if "csv" in name else "jsonl").npartitions > 10
    local, dask = _run_both(tmp_path, src, scheduler)
    assert len(local) == ROWS - ROWS // 7 and local == dask


def test_damaged_gzip_input_exits_2_and_leaves_nothing_behind(
    tmp_path: Path, scheduler: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv.gz"
    packed = gzip.compress(("id,headline\n" + "".join(f"{i},Storm WARNING {i}\n" for i in range(50_000))).encode())
    src.write_bytes(packed[: len(packed) // 2])
    argv = ["batch", str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "dask", "--scheduler", scheduler, "-q"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "the gzip data is damaged" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv.gz"]


def test_score_dask_frame_keeps_the_index_name_in_its_schema_and_writes_parquet(
    tmp_path: Path, scheduler: str
) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from scorer.batch.dask_engine import score_dask_frame

    df = pd.DataFrame({"id": [1, 2, 3, 4], "headline": ["Markets SOAR!", "Budget passed", None, "SHOCK as PM quits"]})
    lazy = score_dask_frame(dd.from_pandas(df.set_index("id"), npartitions=2), "headline")
    assert lazy.index.name == "id" and list(lazy.reset_index().columns)[:2] == ["id", "headline"]
    with distributed.Client(scheduler, set_as_default=False) as client:
        client.compute(lazy.to_parquet(str(tmp_path / "scored"), compute=False)).result()
    written = pd.read_parquet(tmp_path / "scored")
    assert list(written.index) == [1, 2, 3, 4] and written["score"].notna().tolist() == [True, True, False, True]
    assert written.loc[3, "error"].startswith("headline is empty") and pd.isna(written.loc[1, "error"])


@pytest.mark.parametrize("out", ["jsonl", "csv"])
def test_a_field_first_seen_late_in_json_lines_is_kept_or_set_aside_as_in_the_local_engine(
    tmp_path: Path, scheduler: str, out: str
) -> None:
    # Fields first seen after the lines the Dask columns are read from had been dropped, with exit 0.
    rows: list[dict[str, object]] = [dict(r) for r in _rows()]
    rows[300]["late"] = "kept"  # with an empty headline: set aside for its field first, as locally
    rows[302]["late"] = "kept"
    rows[303] = {"late": 7, **rows[303]}  # first, before the fields the frame knows
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    local, dask = tmp_path / f"local.{out}", tmp_path / f"dask.{out}"
    assert main(["batch", str(src), "-o", str(local), "--jobs", "1", "--quiet"]) == 3
    assert main(["batch", str(src), "-o", str(dask), "--engine", "dask", "--scheduler", scheduler, "--quiet"]) == 3
    assert local.read_text("utf-8") == dask.read_text("utf-8")
    errors = [(tmp_path / f"{name}.{out}.errors.jsonl").read_text("utf-8").splitlines() for name in ("local", "dask")]
    assert [json.loads(e)["reason"] for e in errors[0]] == [json.loads(e)["reason"] for e in errors[1]]
    if out == "jsonl":
        by_id = {r["id"]: r for r in map(json.loads, dask.read_text("utf-8").splitlines())}
        assert by_id["302"]["late"] == "kept" and next(iter(by_id["303"])) == "late"
    else:
        assert sum("'late' is not in the CSV header" in e for e in errors[1]) == 3


def test_a_late_json_lines_field_named_like_a_score_column_is_a_bad_row_as_in_the_local_engine(
    tmp_path: Path, scheduler: str
) -> None:
    # Merged into the row, it had replaced the computed score (exit 0), or crashed the run on a text value.
    rows: list[dict[str, object]] = [dict(r) for r in _rows()]
    rows[302] = {**rows[302], "score": 0.01, "label": "low"}
    rows[303] = {**rows[303], "score": "hello"}
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    local, dask = _run_both(tmp_path, src, scheduler)
    assert local == dask
    errors = [json.loads(e) for e in (tmp_path / "dask.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    clash = [e for e in errors if "already has a field named 'score'" in e["reason"]]
    assert len(clash) == 2 and '"hello"' in clash[1]["raw"]
