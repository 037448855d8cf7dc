"""Loading a model file: every check happens before the pickle is opened, with readable errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer import ModelError, Scorer
from scorer.cli import main
from scorer.lexicon import LEXICON_FILES, Lexicon, build_lexicon, read_lexicon_file
from scorer.model import MODEL_FILE, file_sha256, load_model, save_model, sidecar_path
from scorer.train import TrainingResult, train
from tests.test_train import tiny_corpus


@pytest.fixture(scope="module")
def trained(lexicon: Lexicon) -> TrainingResult:
    return train(tiny_corpus(), lexicon)


@pytest.fixture()
def saved(trained: TrainingResult, tmp_path: Path) -> Path:
    return save_model(trained.params, trained.sidecar, tmp_path)


def _edit_sidecar(path: Path, **changes: object) -> None:
    meta = json.loads(sidecar_path(path).read_text("utf-8"))
    meta.update(changes)
    sidecar_path(path).write_text(json.dumps(meta), encoding="utf-8")


def test_a_saved_model_loads_and_scores(saved: Path, lexicon: Lexicon) -> None:
    scorer = Scorer(model=load_model(saved, lexicon), lexicon=lexicon)
    result = scorer.score("You won't believe what the senate did")
    assert result.model["name"] == "sensationalism"
    assert 0.0 <= result.score <= 1.0


def test_missing_model_file(tmp_path: Path, lexicon: Lexicon) -> None:
    with pytest.raises(ModelError, match=r"no model file at .*run `scorer train"):
        load_model(tmp_path / MODEL_FILE, lexicon)


def test_missing_sidecar(saved: Path, lexicon: Lexicon) -> None:
    sidecar_path(saved).unlink()
    with pytest.raises(ModelError, match=r"metadata .* is missing"):
        load_model(saved, lexicon)


def test_sidecar_that_is_not_json(saved: Path, lexicon: Lexicon) -> None:
    sidecar_path(saved).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        load_model(saved, lexicon)


def test_changed_model_file_fails_the_sha256_check(saved: Path, lexicon: Lexicon) -> None:
    data = bytearray(saved.read_bytes())
    data[len(data) // 2] ^= 0xFF
    saved.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match the sha256"):
        load_model(saved, lexicon)


def test_corrupted_file_with_matching_sidecar_is_not_a_traceback(saved: Path, lexicon: Lexicon) -> None:
    saved.write_bytes(b"this is not a joblib file")
    _edit_sidecar(saved, sha256=file_sha256(saved))
    with pytest.raises(ModelError, match="is refused: not a zlib-compressed joblib file"):
        load_model(saved, lexicon)


def test_foreign_pickle_with_matching_sidecar_is_refused(saved: Path, lexicon: Lexicon) -> None:
    import joblib

    joblib.dump({"format": 1}, saved, compress=3)
    _edit_sidecar(saved, sha256=file_sha256(saved))
    with pytest.raises(ModelError, match="does not hold a sensationalism model"):
        load_model(saved, lexicon)


class _RunsACommand:
    """What a planted model file would hold: unpickling it calls a function of the attacker's choice."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        import pathlib

        return (pathlib.Path.write_text, (str(self.marker), "ran"))  # type: ignore[return-value]


def test_a_planted_pickle_with_a_matching_sidecar_runs_no_code(saved: Path, lexicon: Lexicon, tmp_path: Path) -> None:
    import joblib

    marker = tmp_path / "ran.txt"
    joblib.dump({"format": 1, "payload": _RunsACommand(marker)}, saved, compress=3)
    _edit_sidecar(saved, sha256=file_sha256(saved))  # anyone who can plant the file can write its sidecar
    with pytest.raises(ModelError, match=r"is refused: it refers to pathlib\.Path\.write_text"):
        load_model(saved, lexicon)
    assert not marker.exists()


def test_an_array_of_python_objects_is_refused(saved: Path, lexicon: Lexicon) -> None:
    import joblib
    import numpy as np

    joblib.dump({"format": 1, "objects": np.array([{"a": 1}, None], dtype=object)}, saved, compress=3)
    _edit_sidecar(saved, sha256=file_sha256(saved))
    with pytest.raises(ModelError, match="an array of Python objects"):
        load_model(saved, lexicon)


def _object_array_wrapper_pickle(route: str) -> bytes:
    """A pickle whose joblib array wrapper announces an array of Python objects, smuggled past a state check.

    "called": the wrapper is built by calling its class with an object dtype, then given an empty
    state; "slots": the wrapper is made empty and its fields set through BUILD's (state, slots) form.
    """
    wrapper = b"cjoblib.numpy_pickle\nNumpyArrayWrapper\n"
    ndarray = b"cnumpy\nndarray\n"
    object_dtype = b"cnumpy\ndtype\n(X\x02\x00\x00\x00O8tR"  # numpy.dtype("O8")
    shape, order = b"K\x01\x85", b"X\x01\x00\x00\x00C"  # (1,) and "C"
    if route == "called":
        return b"\x80\x02" + wrapper + b"(" + ndarray + shape + order + object_dtype + b"tR}b."
    slots = (
        b"X\x05\x00\x00\x00dtype" + object_dtype + b"X\x08\x00\x00\x00subclass" + ndarray
        + b"X\x05\x00\x00\x00shape" + shape + b"X\x05\x00\x00\x00order" + order
        + b"X\n\x00\x00\x00allow_mmap\x89"
    )
    return b"\x80\x02" + wrapper + b")\x81N}(" + slots + b"u\x86b."


@pytest.mark.parametrize("route", ["called", "slots"])
def test_an_object_array_smuggled_past_the_state_is_refused(route: str) -> None:
    """joblib before 1.6 reads an object array with a plain nested pickle: a route to run code."""
    import zlib

    from scorer.model_file import UnsafeModelFile, read_model_bytes

    with pytest.raises(UnsafeModelFile, match="an array of Python objects"):
        read_model_bytes(zlib.compress(_object_array_wrapper_pickle(route)), 1_000_000)


def test_a_file_that_inflates_past_the_bound_is_refused() -> None:
    import zlib

    from scorer.model_file import UnsafeModelFile, read_model_bytes

    bomb = zlib.compress(b"\0" * 10_000_000, 9)  # 10 kB that inflate to 10 MB
    assert len(bomb) < 20_000
    with pytest.raises(UnsafeModelFile, match="inflates beyond 1,000,000 bytes"):
        read_model_bytes(bomb, 1_000_000)


def test_the_model_file_is_read_once_so_the_bytes_checked_are_the_bytes_loaded(
    saved: Path, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file was hashed by path, then opened again by joblib: a file swapped in between went unchecked."""
    import pathlib

    opened: list[Path] = []
    real_open = pathlib.Path.open

    def recording_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(Path(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(pathlib.Path, "open", recording_open)
    load_model(saved, lexicon)
    assert opened.count(saved) == 1


def test_other_lexicons_ask_for_retraining(saved: Path) -> None:
    files = {name: read_lexicon_file(name) for name in LEXICON_FILES}
    files["acronyms.txt"] += b"\nZZTOP\n"
    with pytest.raises(ModelError, match=r"other lexicons \(acronyms\.txt changed\); run `scorer train"):
        load_model(saved, build_lexicon(files))


def test_other_scikit_learn_version_is_accepted(saved: Path, lexicon: Lexicon) -> None:
    """Documented fallback: the file holds no scikit-learn objects, so its version does not matter."""
    _edit_sidecar(saved, sklearn="0.24.2")
    model = load_model(saved, lexicon)
    assert model.card()["sklearn"] == "0.24.2"


def test_other_numpy_major_version_is_refused(saved: Path, lexicon: Lexicon) -> None:
    _edit_sidecar(saved, numpy="1.0.0")
    with pytest.raises(ModelError, match=r"saved with numpy 1\.0\.0"):
        load_model(saved, lexicon)


def test_other_file_format_is_refused(saved: Path, lexicon: Lexicon) -> None:
    _edit_sidecar(saved, format=99)
    with pytest.raises(ModelError, match="has format 99"):
        load_model(saved, lexicon)


def test_cli_reports_a_bad_model_in_one_line(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved.write_bytes(b"garbage")
    assert main(["score", "--model", str(saved), "A calm headline"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not match the sha256" in err and "Traceback" not in err


def test_a_save_that_fails_part_way_leaves_the_previous_model_loadable(
    saved: Path, trained: TrainingResult, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes(), sidecar_path(saved).read_bytes()

    def fail(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt  # Ctrl-C after the model file is written, before the sidecar

    monkeypatch.setattr("scorer.model.json.dumps", fail)
    with pytest.raises(KeyboardInterrupt):
        save_model({**trained.params, "ridge_intercept": 0.5}, trained.sidecar, saved.parent)
    monkeypatch.undo()
    assert (saved.read_bytes(), sidecar_path(saved).read_bytes()) == before
    assert sorted(p.name for p in saved.parent.iterdir()) == [MODEL_FILE, sidecar_path(saved).name]
    load_model(saved, lexicon)


def test_saving_into_a_file_is_a_model_error(trained: TrainingResult, tmp_path: Path) -> None:
    target = tmp_path / "models"
    target.write_text("not a directory", encoding="utf-8")
    with pytest.raises(ModelError, match="it is a file, not a directory"):
        save_model(trained.params, trained.sidecar, target)


def test_train_with_an_output_that_is_a_file_exits_2_before_training(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "models"
    target.write_text("not a directory", encoding="utf-8")
    assert main(["train", str(tmp_path / "no-data"), "-o", str(target), "--quiet"]) == 2
    assert "models: not a directory; -o names the directory" in capsys.readouterr().err
    assert target.read_text("utf-8") == "not a directory"


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"lexicon_sha256": ["a", "b"]}, "malformed"),
        ({"lexicon_sha256": "abc"}, "malformed"),
        ({"lexicon_sha256": None}, "malformed"),
        ({"lexicon_sha256": {"loaded_terms.tsv": ["x"]}}, "malformed"),
        ({"numpy": 2}, "malformed"),
        ({"sha256": None}, "malformed"),
    ],
)
def test_sidecar_fields_of_the_wrong_type_are_a_model_error_before_unpickling(
    saved: Path, lexicon: Lexicon, changes: dict[str, object], match: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit_sidecar(saved, **changes)
    monkeypatch.setattr("joblib.load", lambda *a, **k: pytest.fail("unpickled an unverified file"))
    with pytest.raises(ModelError, match=match):
        load_model(saved, lexicon)


def test_a_sidecar_nested_too_deeply_to_parse_is_a_model_error(saved: Path, lexicon: Lexicon) -> None:
    sidecar_path(saved).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ModelError, match="not valid JSON"):
        load_model(saved, lexicon)


def test_train_on_a_data_dir_without_the_webis_corpus_says_which_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data" / "chakraborty2016").mkdir(parents=True)
    assert main(["train", str(tmp_path / "data"), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    assert "no webis-clickbait-17/ directory (Webis layout: instances.jsonl, truth.jsonl)" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_evaluate_without_a_trained_model_is_a_model_problem_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("scorer.model.load_default_model", lambda lexicon: None)  # nothing shipped: rule model
    table = tmp_path / "data.csv"
    table.write_text("text,label\nA calm day,0\nYou WON'T believe this!,1\n", encoding="utf-8")
    assert main(["evaluate", str(table)]) == 1
    assert "no trained model is installed" in capsys.readouterr().err


def test_train_with_an_output_under_a_file_exits_2_before_training(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["train", str(tmp_path / "no-data"), "-o", str(tmp_path / "afile" / "models"), "--quiet"]) == 2
    assert "cannot be made" in capsys.readouterr().err
