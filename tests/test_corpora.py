"""Corpus readers: Webis layout, Chakraborty layout, CSV and JSONL, and their errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from scorer.corpora import read_corpus
from scorer.errors import InputError


def _webis(root: Path, rows: list[tuple[str, list[str], float]]) -> Path:
    root.mkdir()
    with (root / "instances.jsonl").open("w", encoding="utf-8") as handle:
        for id_, post, _ in rows:
            handle.write(json.dumps({"id": id_, "postText": post}) + "\n")
    with (root / "truth.jsonl").open("w", encoding="utf-8") as handle:
        for id_, _, mean in rows:
            handle.write(json.dumps({"id": id_, "truthMean": mean, "truthClass": "x"}) + "\n")
    return root


def test_webis_layout_joins_posts_and_truth(tmp_path: Path) -> None:
    root = _webis(tmp_path / "webis", [("1", ["You won't believe", "this"], 0.8), ("2", ["Senate passes bill"], 0.0)])
    corpus = read_corpus(root)
    assert corpus.name == "webis-clickbait-17"
    assert corpus.texts == ("You won't believe this", "Senate passes bill")
    assert corpus.labels == (0.8, 0.0)
    assert corpus.graded


def test_webis_skips_empty_posts(tmp_path: Path) -> None:
    root = _webis(tmp_path / "webis", [("1", [""], 0.5), ("2", ["Senate passes bill"], 0.2)])
    corpus = read_corpus(root)
    assert (len(corpus), corpus.skipped) == (1, 1)


def test_chakraborty_layout_reads_gzip_and_skips_blank_lines(tmp_path: Path) -> None:
    root = tmp_path / "chak"
    root.mkdir()
    (root / "clickbait_data.gz").write_bytes(gzip.compress(b"Which Friend Are You\n\n17 Cats Who Won\n"))
    (root / "non_clickbait_data.gz").write_bytes(gzip.compress(b"Bill Is Sent to Obama\n"))
    corpus = read_corpus(root)
    assert corpus.texts == ("Which Friend Are You", "17 Cats Who Won", "Bill Is Sent to Obama")
    assert corpus.labels == (1.0, 1.0, 0.0)
    assert not corpus.graded


@pytest.mark.parametrize(
    ("content", "suffix", "labels"),
    [
        ("text,label\nA calm day,0\nShocking!,1\n", ".csv", (0.0, 1.0)),
        ('title,label\n"Quoted, with comma",clickbait\n', ".csv", (1.0,)),
        ('{"text": "A calm day", "label": 0.25}\n{"text": "Wow", "label": "no-clickbait"}\n', ".jsonl", (0.25, 0.0)),
    ],
)
def test_tables_read_text_and_label_columns(tmp_path: Path, content: str, suffix: str, labels: tuple[float]) -> None:
    path = tmp_path / f"data{suffix}"
    path.write_text(content, encoding="utf-8")
    text_column = "title" if content.startswith("title") else "text"
    assert read_corpus(path, text_column=text_column).labels == labels


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.jsonl", '{"text": "a", "label": 1}\nnot json\n', r"bad\.jsonl:2: not JSON"),
        ("range.csv", "text,label\nA,1.5\n", r"range\.csv:2: label 1\.5 is outside 0\.\.1"),
        ("word.csv", "text,label\nA,maybe\n", r"word\.csv:2: label 'maybe'"),
        ("cols.csv", "headline,score\nA,1\n", r"cols\.csv:1: header needs 'text' and 'label'"),
        ("empty.csv", "text,label\n", r"no labelled headlines"),
        ("data.txt", "x", r"expected a \.csv or \.jsonl"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_corpus(path)


def test_non_utf8_and_missing_paths_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("text,label\ncaf\xe9,1\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_corpus(path)
    with pytest.raises(InputError, match="no such file"):
        read_corpus(tmp_path / "missing.csv")
    (tmp_path / "other").mkdir()
    with pytest.raises(InputError, match="neither the Webis layout"):
        read_corpus(tmp_path / "other")


def test_overlong_headlines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "x" * 2001, "label": 1}) + "\n" + json.dumps({"text": "ok", "label": 0}) + "\n")
    corpus = read_corpus(path)
    assert corpus.texts == ("ok",) and corpus.skipped == 1


@pytest.mark.parametrize("name", ["data.csv.gz", "data.jsonl.gz"])
def test_gzipped_tables_are_read_and_named_without_the_suffixes(tmp_path: Path, name: str) -> None:
    rows = [("A calm day", 0), ("You WON'T believe this!", 1)]
    if name.startswith("data.csv"):
        content = "text,label\r\n" + "".join(f'"{t}",{lb}\r\n' for t, lb in rows)
    else:
        content = "".join(json.dumps({"text": t, "label": lb}) + "\n" for t, lb in rows)
    path = tmp_path / name
    path.write_bytes(gzip.compress(("\ufeff" + content).encode("utf-8")))
    corpus = read_corpus(path)
    assert (corpus.name, corpus.texts, corpus.labels) == ("data", ("A calm day", "You WON'T believe this!"), (0.0, 1.0))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_json_text_holding_a_unicode_line_separator_is_one_record(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps({"text": f"Storm{separator}RIOTS", "label": 1}, ensure_ascii=False) + "\n"
                    + json.dumps({"text": "A calm day", "label": 0}) + "\n", encoding="utf-8")
    corpus = read_corpus(path)
    assert corpus.texts == ("Storm RIOTS", "A calm day")  # white space in a text is normalised to one space
    assert corpus.labels == (1.0, 0.0)


def test_csv_errors_name_the_line_of_the_row_after_a_multi_line_field(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text('text,label\n"Two\nlines",1\nCalm,0\nOther,oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"multi\.csv:5: label 'oops'"):
        read_corpus(path)


def test_json_null_text_is_skipped_not_scored_as_none(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text('{"text": null, "label": 1}\n{"text": "A calm day", "label": 0}\n', encoding="utf-8")
    corpus = read_corpus(path)
    assert (corpus.texts, corpus.skipped) == (("A calm day",), 1)
    path.write_text('{"text": ["a", "list"], "label": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"data\.jsonl:1: text must be a string, not list"):
        read_corpus(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,label\nA calm day\n", r"short\.csv:2: the row has 1 fields, fewer than the header's 2 \(no 'label'"),
        ('text,label\n"Unclosed, 1\nCalm,0\n', r"short\.csv:2: the row has 1 fields.*unclosed quotation mark"),
        ("text,label,text\nA,1,B\n", r"short\.csv:1: the header has more than one 'text' column"),
    ],
)
def test_short_rows_and_doubled_columns_say_so(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "short.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_corpus(path)
