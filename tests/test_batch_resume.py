"""Kill `scorer batch` with SIGKILL partway, resume it, and compare with an uninterrupted run row for row."""

from __future__ import annotations

import csv
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scorer.cli import main
from scorer.lexicon import default_lexicon
from scorer.model import load_model, recorded_sha256, save_model

from .conftest import SEED_HEADLINES

ROWS = 4_000
CHUNK = 50
#: Seconds allowed for the child to start, load the model and commit its first chunks.
START_TIMEOUT = 120


def _input(path: Path) -> None:
    words = ("Council", "Storm", "SHOCK", "Markets", "budget", "RIOTS", "warning", "star", "crisis", "study")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "headline"])
        for i in range(ROWS):
            if i % 97 == 13:
                writer.writerow([i, ""])  # a bad row every so often: errors must resume exactly too
            elif i % 997 == 500:
                handle.write(f'{i},"Stray quote, never closed {i}\r\n')  # set aside; the rows after it are read
            elif i % 10 == 0:
                writer.writerow([i, SEED_HEADLINES[i % len(SEED_HEADLINES)]])
            else:
                writer.writerow([i, f"{words[i % 10]} {words[(i // 10) % 10]} {i}{'!' * (i % 3)}"])


def _csv_run(tmp_path: Path, *extra: str) -> tuple[Path, Path, list[str]]:
    """The test input, the output path, and the arguments of a run on them (one job, small chunks)."""
    src = tmp_path / "in.csv"
    _input(src)
    out = tmp_path / "out.jsonl"
    return src, out, ["batch", str(src), "-o", str(out), "--chunk-size", str(CHUNK), "--jobs", "1", *extra]


def _checkpoint_chunks(state: Path) -> int:
    try:
        return int(json.loads((state / "checkpoint.json").read_text(encoding="utf-8"))["chunks"])
    except (OSError, ValueError, KeyError):
        return 0


def _kill_partway(argv: list[str], state: Path, at_least: int) -> int:
    """Start the batch in a child, SIGKILL it once `at_least` chunks are committed; return the chunks seen."""
    child = subprocess.Popen([sys.executable, "-m", "scorer.cli", *argv], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while _checkpoint_chunks(state) < at_least:
            if child.poll() is not None:
                pytest.fail(f"the run ended (exit {child.returncode}) before it could be killed")
            if time.monotonic() > deadline:
                pytest.fail("the run committed no chunks in time")
            time.sleep(0.01)
        workers = _children(child.pid)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    _assert_gone(workers)
    return _checkpoint_chunks(state)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _assert_gone(pids: list[int], timeout: float = 15.0) -> None:
    """Worker processes must not outlive a killed run."""
    deadline = time.monotonic() + timeout
    while pids and time.monotonic() < deadline:
        pids = [p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]
        time.sleep(0.1)
    assert not pids, f"workers {pids} outlived the killed run"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_resume_after_kill_9_matches_an_uninterrupted_run(tmp_path: Path, jobs: str) -> None:
    src = tmp_path / "in.csv"
    _input(src)
    reference = tmp_path / "reference.jsonl"
    common = ["--chunk-size", str(CHUNK), "--quiet"]
    assert main(["batch", str(src), "-o", str(reference), "--jobs", "1", *common]) == 3

    out = tmp_path / "out.jsonl"
    argv = ["batch", str(src), "-o", str(out), "--jobs", jobs, *common]
    done = _kill_partway(argv, tmp_path / "out.jsonl.parts", at_least=3)
    assert not out.exists(), "no output may appear before the run completes"
    assert 3 <= done < ROWS // CHUNK

    assert main([*argv, "--resume"]) == 3
    ours = out.read_text(encoding="utf-8").splitlines()
    theirs = reference.read_text(encoding="utf-8").splitlines()
    assert len(ours) == len(theirs) == ROWS - len([i for i in range(ROWS) if i % 97 == 13 or i % 997 == 500])
    assert ours == theirs
    ours_errors = (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert ours_errors == (tmp_path / "reference.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert not (tmp_path / "out.jsonl.parts").exists()


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_a_run_killed_twice_and_resumed_twice_matches_an_uninterrupted_run(tmp_path: Path, suffix: str) -> None:
    # The second resume started from a checkpoint written by the first, whose offsets had restarted at
    # the resume point: it scored rows again (341,167 rows out of 299,982 in a reviewer's run).
    src = tmp_path / f"in{suffix}"
    _input(tmp_path / "in.csv")
    if suffix == ".txt":
        with open(tmp_path / "in.csv", encoding="utf-8", newline="") as handle:
            rows = [r[1] for r in csv.reader(handle)][1:]
        src.write_text("".join(f"{r or 'x'}\n" for r in rows if "\n" not in r), encoding="utf-8")
    reference = tmp_path / "reference.jsonl"
    common = ["--chunk-size", str(CHUNK), "--quiet", "--jobs", "1"]
    main(["batch", str(src), "-o", str(reference), *common])
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(src), "-o", str(out), *common]
    state = tmp_path / "out.jsonl.parts"
    first = _kill_partway(argv, state, at_least=3)
    second = _kill_partway([*argv, "--resume"], state, at_least=first + 3)
    assert second < ROWS // CHUNK
    main([*argv, "--resume"])
    assert out.read_text(encoding="utf-8").splitlines() == reference.read_text(encoding="utf-8").splitlines()
    errors = tmp_path / "out.jsonl.errors.jsonl"
    if errors.exists():
        assert errors.read_text(encoding="utf-8") == (tmp_path / "reference.jsonl.errors.jsonl").read_text(
            encoding="utf-8"
        )


def test_resume_refuses_a_changed_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    _input(src)
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", str(CHUNK), "--quiet"]
    _kill_partway(argv, tmp_path / "out.jsonl.parts", at_least=1)
    assert main([*argv, "--evidence", "all", "--resume"]) == 2
    assert "changed: evidence" in capsys.readouterr().err


@pytest.mark.parametrize("version", [2, 3])
def test_a_checkpoint_from_an_earlier_version_is_not_resumed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: int
) -> None:
    """Version 2 cut chunks where a stray quote's bad row ended; resumed now, rows after it would be lost.
    Version 3 wrote rows without the `warnings` column; resumed now, one output would mix both kinds of row."""
    src = tmp_path / "in.csv"
    _input(src)
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", str(CHUNK), "--quiet"]
    _kill_partway(argv, tmp_path / "out.jsonl.parts", at_least=1)
    checkpoint = tmp_path / "out.jsonl.parts" / "checkpoint.json"
    checkpoint.write_text(json.dumps({**json.loads(checkpoint.read_text("utf-8")), "version": version}), "utf-8")
    assert main([*argv, "--resume"]) == 2
    assert "is from another version; delete it and run again" in capsys.readouterr().err


def test_a_run_is_not_resumed_with_another_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Resumed after the model was retrained, one output would hold two models' scores."""
    models = Path(__file__).resolve().parent.parent / "models"
    model = tmp_path / "model.joblib"
    shutil.copyfile(models / "sensationalism.joblib", model)
    sidecar = json.loads((models / "sensationalism.json").read_text("utf-8"))
    (tmp_path / "model.json").write_text(json.dumps(sidecar), "utf-8")
    assert recorded_sha256(str(model)) == sidecar["sha256"] == recorded_sha256(None)
    src = tmp_path / "in.csv"
    _input(src)
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", str(CHUNK), "--quiet"]
    argv += ["--model", str(model)]
    _kill_partway(argv, tmp_path / "out.jsonl.parts", at_least=1)
    # "Retrained": another valid model file with its own sidecar (a sidecar that no longer
    # matches its file is refused before any work, so only a real new pair gets this far).
    trained = load_model(model, default_lexicon())
    params = {**trained.params, "thresholds": tuple(trained.params["thresholds"])}
    params["calibration_intercept"] = float(params["calibration_intercept"]) + 1e-9
    save_model(params, {k: v for k, v in sidecar.items() if k != "sha256"}, tmp_path / "retrained")
    shutil.copyfile(tmp_path / "retrained" / "sensationalism.joblib", model)
    shutil.copyfile(tmp_path / "retrained" / "sensationalism.json", tmp_path / "model.json")
    assert recorded_sha256(str(model)) != sidecar["sha256"]
    assert main([*argv, "--resume"]) == 2
    assert "changed: model_sha256" in capsys.readouterr().err
    assert recorded_sha256(str(tmp_path / "missing.joblib")) is None


def test_the_advice_printed_on_ctrl_c_resumes_the_run(tmp_path: Path) -> None:
    # It had said "scorer batch IN -o OUT --resume": without --chunk-size or --evidence
    # the resume was refused, and without quotes a path with a space broke it.
    folder = tmp_path / "my archive"
    folder.mkdir()
    src, out, reference = folder / "in.csv", folder / "out put.jsonl", folder / "reference.jsonl"
    _input(src)
    common = ["--chunk-size", str(CHUNK), "--evidence", "all", "--quiet"]
    assert main(["batch", str(src), "-o", str(reference), "--jobs", "1", *common]) == 3
    argv = ["batch", str(src), "-o", str(out), "--jobs", "1", *common]
    state = folder / "out put.jsonl.parts"
    child = subprocess.Popen([sys.executable, "-m", "scorer.cli", *argv], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + START_TIMEOUT
    while _checkpoint_chunks(state) < 2:
        assert child.poll() is None and time.monotonic() < deadline, "the run ended or committed nothing in time"
        time.sleep(0.01)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130
    [advice] = [line.split("continue with: ", 1)[1] for line in err.splitlines() if "continue with: " in line]
    command = shlex.split(advice)
    assert command[0] == "scorer" and command[-1] == "--resume"
    assert main(command[1:]) == 3
    assert out.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")


def test_a_resume_with_a_part_file_missing_is_refused_not_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A deleted part had been skipped: the output came out 1,500 rows short with exit 0.
    _, out, argv = _csv_run(tmp_path, "--quiet")
    state = tmp_path / "out.jsonl.parts"
    _kill_partway(argv, state, at_least=3)
    (state / "00000001.jsonl").unlink()
    capsys.readouterr()
    assert main([*argv, "--resume"]) == 2
    err = capsys.readouterr().err
    assert "00000001.jsonl" in err and "without --resume" in err
    assert not out.exists()


def test_a_missing_errors_part_is_refused_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, argv = _csv_run(tmp_path, "--quiet")  # a bad row every 97: the first chunks have errors parts
    state = tmp_path / "out.jsonl.parts"
    _kill_partway(argv, state, at_least=3)
    errors = sorted(state.glob("*.errors.jsonl"))
    assert errors
    errors[0].unlink()
    assert main([*argv, "--resume"]) == 2
    assert errors[0].name in capsys.readouterr().err


def test_starting_over_says_that_an_interrupted_run_is_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, argv = _csv_run(tmp_path)
    _kill_partway([*argv, "--quiet"], tmp_path / "out.jsonl.parts", at_least=3)
    capsys.readouterr()
    main(argv)
    err = capsys.readouterr().err
    assert "starting over: the checkpoint of an interrupted run (" in err and "is dropped" in err


def test_a_second_run_on_the_same_output_is_refused_while_the_first_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The second run had deleted the first one's parts; the first then exited 0 with part of the other's rows.
    src, out, argv = _csv_run(tmp_path, "--quiet")
    child = subprocess.Popen([sys.executable, "-m", "scorer.cli", *argv], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while _checkpoint_chunks(tmp_path / "out.jsonl.parts") < 1:
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        capsys.readouterr()
        assert main(argv) == 2
        assert "another scorer batch is writing" in capsys.readouterr().err
    finally:
        assert child.wait(timeout=START_TIMEOUT) == 3  # the first run ends as it would have alone
    reference = tmp_path / "reference.jsonl"
    main(["batch", str(src), "-o", str(reference), "--chunk-size", str(CHUNK), "--quiet", "--jobs", "1"])
    assert out.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")
    assert not (tmp_path / ".out.jsonl.lock").exists()


def test_a_run_is_not_resumed_with_other_scorer_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resumed after an upgrade, one output had held the same headline scored low and high by two versions."""
    from scorer.batch import runner

    src = tmp_path / "in.csv"
    _input(src)
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(src), "-o", str(out), "--jobs", "1", "--chunk-size", str(CHUNK), "--quiet"]
    _kill_partway(argv, tmp_path / "out.jsonl.parts", at_least=1)
    monkeypatch.setattr(runner, "_code_sha256", lambda: "0" * 64)  # "upgraded" between the kill and the resume
    assert main([*argv, "--resume"]) == 2
    assert "changed: scorer_code" in capsys.readouterr().err


def test_a_killed_worker_ends_the_run_with_exit_5_and_advice_that_resumes_it(tmp_path: Path) -> None:
    # The out-of-memory killer taking a worker had ended the run in a BrokenProcessPool traceback, exit 1.
    src = tmp_path / "in.csv"
    _input(src)
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(src), "-o", str(out), "--chunk-size", str(CHUNK), "--jobs", "2"]
    child = subprocess.Popen([sys.executable, "-m", "scorer.cli", *argv], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + START_TIMEOUT
    while _checkpoint_chunks(tmp_path / "out.jsonl.parts") < 2:
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    workers = _children(child.pid)  # the pool's worker processes
    assert workers
    os.kill(workers[-1], signal.SIGKILL)
    _, err = child.communicate(timeout=START_TIMEOUT)
    assert child.returncode == 5, err
    assert "a worker process died" in err and "Traceback" not in err
    advice = err.split("continue with: ", 1)[1].splitlines()[0]
    assert main(shlex.split(advice)[1:]) == 3
    reference = tmp_path / "reference.jsonl"
    main(["batch", str(src), "-o", str(reference), "--chunk-size", str(CHUNK), "--jobs", "1", "--quiet"])
    assert out.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")


def test_the_code_hash_changes_with_a_source_file_and_only_then(tmp_path: Path) -> None:
    from scorer.batch import runner

    package = Path(runner.__file__).resolve().parent.parent
    copy = tmp_path / "scorer"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    before = runner._code_sha256(copy)
    assert runner._code_sha256(copy) == before
    rules = copy / "capitals.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# an upgrade\n", encoding="utf-8")
    assert runner._code_sha256(copy) != before
