"""The `scorer` command: help with examples, JSON output, stdin, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorer.cli import main

from .conftest import SEED_HEADLINES


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorer.cli", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_help_shows_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "scorer score" in out
    assert "exit codes: 0 ok, 1 model or lexicon problem, 2 bad input or usage" in out


def test_score_help_shows_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    assert "example" in capsys.readouterr().out


def test_score_prints_highlighted_headline_and_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--color", "never", SEED_HEADLINES[0]]) == 0
    out = capsys.readouterr().out
    assert "[CHILLING]" in out and "[RIOTS]" in out and "[WILL]" in out
    assert "[US]" not in out
    assert "reasons:" in out


def test_words_the_model_gives_no_weight_are_noted_apart_from_the_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--color", "never", "Minister reportedly set to quit over row"]) == 0
    out = capsys.readouterr().out
    reasons, _, noted = out.partition("noted, with no weight in this model's score:")
    assert "“reportedly” is a hedge" in noted
    assert "reportedly" not in reasons.split("reasons:", 1)[-1] and "+0.00" not in out


def test_a_label_with_no_listed_word_says_where_the_score_comes_from() -> None:
    from scorer import Scorer
    from scorer.cli_score import render_terminal

    result = Scorer.load().score("Apple plans another special event")
    bare = result._replace(evidence=(), label="high")  # a high score that no single word carries
    out = render_terminal(bare, colour=False)
    assert "no sensational devices found" not in out
    assert "the starting point and the learned wording below make the score" in out
    assert "no sensational devices found" in render_terminal(bare._replace(label="low"), colour=False)


def test_score_prints_a_warning_when_the_score_says_little(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--color", "never", "Il governo approva la nuova legge sul lavoro"]) == 0
    assert "warning: The model knows only 2 of the headline's 8 words." in capsys.readouterr().out
    assert main(["score", "--color", "never", SEED_HEADLINES[0]]) == 0
    assert "warning:" not in capsys.readouterr().out


def test_score_colour_uses_ansi(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--color", "always", SEED_HEADLINES[1]]) == 0
    assert "\033[" in capsys.readouterr().out


@pytest.mark.parametrize("colour", ["never", "always"])
def test_control_sequences_in_a_headline_are_shown_not_sent_to_the_terminal(
    colour: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "Hello \x1b]0;pwned\x07 SHOCK \x1b[31mred \u202etext \x9b2J"
    body = tmp_path / "body.txt"
    body.write_text(
        "The minister said the SHOCKING plan was a disaster.\n\nREAD MORE: Storm \x1b[2J HORROR as homes flattened",
        encoding="utf-8",
    )
    assert main(["score", "--color", colour, "--body-file", str(body), hostile]) == 0
    out = capsys.readouterr().out
    assert "\\x1b]0;pwned\\x07" in out and "\\u202etext" in out and "\\x9b2J" in out
    assert "\\x1b[2J HORROR" in out  # the body's cross-promoted headline
    ours = ("\x1b[0m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[31m", "\x1b[1;35m", "\x1b[1;36m", "\x1b[32m", "\x1b[33m")
    for code in ours:
        out = out.replace(code, "")
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e"), out


def test_score_json_from_stdin() -> None:
    done = run_cli("score", "--json", "-", stdin=SEED_HEADLINES[1] + "\n")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["headline"] == SEED_HEADLINES[1]
    assert {e["text"] for e in data["evidence"] if e["kind"] == "shouting"} == {"RIOTS", "FIRE"}


def test_a_byte_order_mark_on_stdin_or_in_a_body_file_is_not_text(tmp_path: Path) -> None:
    body = tmp_path / "body.txt"
    body.write_text("\ufeffThe minister said the plan was sound.", encoding="utf-8")
    done = run_cli("score", "--json", "--body-file", str(body), "-", stdin="\ufeff" + SEED_HEADLINES[1] + "\n")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["headline"] == SEED_HEADLINES[1]
    assert data["body"]["chars"] == len("The minister said the plan was sound.")


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_headline_exits_2_without_traceback(text: str) -> None:
    done = run_cli("score", text)
    assert done.returncode == 2
    assert "empty" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_body_file_exits_2() -> None:
    done = run_cli("score", "--body-file", "/nonexistent/article.txt", "Headline")
    assert done.returncode == 2
    assert "cannot read body file" in done.stderr


def test_stdin_that_is_not_utf8_exits_2_with_a_clear_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scorer.cli", "score", "--json", "-"],
        input="Café RIOTS erupt\n".encode("latin-1"), capture_output=True, timeout=120,
    )
    assert done.returncode == 2
    assert b"standard input is not UTF-8 text (byte 3)" in done.stderr
    assert done.stdout == b""


def test_a_headline_argument_that_is_not_utf8_exits_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scorer.cli", "score", "--json", "Caf\xe9 RIOTS".encode("latin-1")],
        capture_output=True, timeout=120,
    )
    assert done.returncode == 2
    assert b"not valid UTF-8" in done.stderr
    assert done.stdout == b""


def test_crlf_on_stdin_is_not_part_of_the_headline() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scorer.cli", "score", "--json", "-"],
        input=("\ufeff" + SEED_HEADLINES[1] + "\r\n").encode("utf-8"), capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["headline"] == SEED_HEADLINES[1]


def test_body_file_offsets_index_the_file_even_with_crlf_line_ends(tmp_path: Path) -> None:
    body = tmp_path / "body.txt"
    body.write_bytes(b"First paragraph is calm.\r\n\r\nThen the RIOTS were a horrific disaster, said the mayor.\r\n")
    done = run_cli("score", "--json", "--body-file", str(body), SEED_HEADLINES[1])
    assert done.returncode == 0, done.stderr
    evidence = json.loads(done.stdout)["body"]["evidence"]
    exact = body.read_bytes().decode("utf-8")
    assert any(e["text"] == "horrific" for e in evidence)
    assert all(exact[e["start"] : e["end"]] == e["text"] for e in evidence)


@pytest.mark.parametrize("as_json", [True, False])
def test_output_to_a_stream_that_is_not_utf8_is_escaped_not_a_traceback(as_json: bool) -> None:
    headline = "“Quoted” RIOTS 🔥"
    done = subprocess.run(
        [sys.executable, "-m", "scorer.cli", "score", *(["--json"] if as_json else []), headline],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 0, done.stderr
    if as_json:
        assert json.loads(done.stdout)["headline"] == headline
    else:
        assert "\\u201cQuoted\\u201d [RIOTS] \\U0001f525" in done.stdout


def test_reading_a_closed_standard_input_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when started with `<&-`
    assert main(["score", "-"]) == 2
    assert "standard input is closed" in capsys.readouterr().err
