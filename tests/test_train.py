"""Training: a tiny model on a generated graded set, deterministic and exact."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scorer.corpora import Corpus
from scorer.errors import InputError
from scorer.explain import sigmoid
from scorer.lexicon import Lexicon
from scorer.model import TrainedModel, load_model, masked_tokens, save_model
from scorer.train import THRESHOLDS, TrainingResult, evaluate, train, vader_valences

_SUBJECTS = ("the senate", "a city council", "the central bank", "local farmers", "the court", "a hospital",
             "the ministry", "rail workers", "the board", "voters")
_NEWS_VERBS = ("approves", "delays", "reviews", "rejects", "announces", "extends", "publishes", "debates")
_NEWS_OBJECTS = ("budget plan", "new tariffs", "water rules", "school funding", "trade deal", "annual report")
_BAIT = ("you won't believe what {s} did", "this is why {s} changed everything", "{n} things {s} never tells you",
         "what happened next to {s} will amaze you", "here's why {s} is so weird")


def tiny_corpus(rows: int = 120, seed: int = 7) -> Corpus:
    """A generated graded corpus: wire-style sentences low, clickbait formulas high."""
    rng = random.Random(seed)
    texts, labels = [], []
    for i in range(rows):
        subject = rng.choice(_SUBJECTS)
        if i % 3 == 0:
            texts.append(rng.choice(_BAIT).format(s=subject, n=rng.randint(3, 15)).capitalize())
            labels.append(round(rng.uniform(0.6, 1.0), 3))
        else:
            texts.append(f"{subject.capitalize()} {rng.choice(_NEWS_VERBS)} {rng.choice(_NEWS_OBJECTS)}")
            labels.append(round(rng.uniform(0.0, 0.3), 3))
    return Corpus("tiny", tuple(texts), tuple(labels), graded=True)


@pytest.fixture(scope="module")
def trained(lexicon: Lexicon) -> TrainingResult:
    return train(tiny_corpus(), lexicon)


def test_training_is_deterministic(lexicon: Lexicon, trained: TrainingResult, tmp_path: Path) -> None:
    again = train(tiny_corpus(), lexicon)
    assert again.sidecar["metrics"] == trained.sidecar["metrics"]
    first = save_model(trained.params, trained.sidecar, tmp_path / "a")
    second = save_model(again.params, again.sidecar, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_sidecar_records_what_the_card_needs(trained: TrainingResult, lexicon: Lexicon) -> None:
    meta = trained.sidecar
    for key in ("python", "sklearn", "numpy", "feature_ids", "date", "metrics", "label_thresholds"):
        assert meta[key]
    assert meta["lexicon_sha256"] == dict(lexicon.sha256)
    assert meta["training_data"][0] == {
        "name": "tiny", "rows": 120, "skipped": 0, "used_for": "fit and cross-validation"
    }
    cv = meta["metrics"]["tiny (5-fold cv)"]
    assert cv["mse"] < cv["mse_predict_mean"]
    assert meta["label_thresholds"] == {"low_below": THRESHOLDS[0], "high_from": THRESHOLDS[1]}


def test_model_estimate_matches_scikit_learn_ridge(lexicon: Lexicon) -> None:
    """The model's own per-token tf-idf reproduces the fitted sklearn pipeline's predictions."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    from scorer.extract import extract
    from scorer.model import char_grams, word_grams
    from scorer.train import PATTERN_FEATURES

    corpus = tiny_corpus()
    result = train(corpus, lexicon)
    model = result.model()
    extractions = [extract(t, lexicon) for t in corpus.texts]
    docs = [" ".join(t[2] for t in masked_tokens(e)) for e in extractions]
    word = TfidfVectorizer(analyzer=word_grams, sublinear_tf=True).fit(docs)
    char = TfidfVectorizer(analyzer=char_grams, norm=None).fit(docs)
    import numpy as np
    from scipy import sparse

    counts_idf = char.transform(docs)
    row_scale = 1.0 / np.sqrt(np.asarray(counts_idf @ char.idf_).ravel())  # sum of count x idf squared
    patterns = np.array([[e.features[f] for f in PATTERN_FEATURES] for e in extractions])
    x = sparse.hstack([word.transform(docs), sparse.diags(row_scale) @ counts_idf, patterns]).tocsr()
    alpha = result.sidecar["metrics"]["tiny (5-fold cv)"]["alpha"]
    expected = Ridge(alpha=alpha).fit(x, np.array(corpus.labels)).predict(x)
    ours = np.array([model.clickbait_estimate(e) for e in extractions])
    assert np.allclose(ours, expected, atol=1e-9)


def test_tiny_model_separates_its_classes(trained: TrainingResult, lexicon: Lexicon) -> None:
    metrics = evaluate(trained.model(), tiny_corpus(rows=60, seed=99), lexicon)
    assert metrics["accuracy_at_0.5"] >= 0.9
    assert metrics["rows"] == 60


def test_saved_model_round_trips(trained: TrainingResult, lexicon: Lexicon, tmp_path: Path) -> None:
    path = save_model(trained.params, trained.sidecar, tmp_path)
    loaded = load_model(path, lexicon)
    from scorer.extract import extract

    for text in tiny_corpus(rows=30, seed=3).texts:
        e = extract(text, lexicon)
        assert loaded.explain(e).decision == pytest.approx(trained.model().explain(e).decision, abs=1e-12)
    assert loaded.version.endswith(loaded.sidecar["sha256"][:8])


def test_training_needs_graded_labels(lexicon: Lexicon) -> None:
    binary = Corpus("binary", ("A is high", "B is low"), (1.0, 0.0), graded=False)
    with pytest.raises(InputError, match="graded"):
        train(binary, lexicon)


def test_device_weights_come_from_vader_and_are_not_negative(lexicon: Lexicon) -> None:
    forms, categories = vader_valences(lexicon)
    assert forms  # the loaded lexicon shares words with VADER's
    assert all(v >= 0 for v in [*forms.values(), *categories.values()])
    assert categories["intensifier"] == pytest.approx(0.293)
    assert categories["hedge"] == 0.0


def test_decision_sums_for_the_tiny_model(trained: TrainingResult, lexicon: Lexicon) -> None:
    from scorer.extract import extract

    model: TrainedModel = trained.model()
    for text in [*tiny_corpus(rows=40, seed=5).texts, "SHOCKING: you won't believe this!!"]:
        x = model.explain(extract(text, lexicon))
        total = x.intercept + sum(x.span_weights) + sum(x.extra_weights) + sum(x.other.values())
        assert total == pytest.approx(x.decision, abs=1e-9)
        assert x.intercept + sum(x.components.values()) == pytest.approx(x.decision, abs=1e-9)
        assert 0.0 < sigmoid(x.decision) < 1.0


def _write_webis(root: Path, corpus: Corpus) -> Path:
    import json

    root.mkdir()
    with (root / "instances.jsonl").open("w", encoding="utf-8") as inst, (root / "truth.jsonl").open("w") as truth:
        for i, (text, label) in enumerate(zip(corpus.texts, corpus.labels, strict=True)):
            inst.write(json.dumps({"id": str(i), "postText": [text]}) + "\n")
            truth.write(json.dumps({"id": str(i), "truthMean": label}) + "\n")
    return root


def test_cli_train_then_evaluate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from scorer.cli import main
    from scorer.model import MODEL_FILE

    data = tmp_path / "data"
    data.mkdir()
    _write_webis(data / "webis-clickbait-17", tiny_corpus())
    assert main(["train", str(data), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    trained = json.loads(capsys.readouterr().out)
    assert "tiny" not in trained["metrics"] and "webis-clickbait-17 (5-fold cv)" in trained["metrics"]
    held_out = _write_webis(tmp_path / "held_out", tiny_corpus(rows=45, seed=11))
    assert main(["evaluate", "--model", str(tmp_path / "out" / MODEL_FILE), str(held_out)]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["rows"] == 45 and metrics["accuracy_at_0.5"] >= 0.9


def test_cli_train_without_graded_data_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scorer.cli import main

    assert main(["train", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scorer: error:") and "Webis layout" in err and err.count("\n") == 1


def test_cli_train_names_a_missing_data_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scorer.cli import main

    assert main(["train", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "nowhere: no such directory" in err and "Data and licences" in err


def test_cli_train_says_vader_is_missing_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from scorer import train as training
    from scorer.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "vaderSentiment" else real(name, *a)
    )
    monkeypatch.setattr(training, "extract", lambda *a, **k: pytest.fail("training started without vaderSentiment"))
    data = tmp_path / "data"
    data.mkdir()
    _write_webis(data / "webis-clickbait-17", tiny_corpus())
    assert main(["train", str(data), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    assert "training needs vaderSentiment: pip install -e '.[train]'" in capsys.readouterr().err


def test_evaluate_reports_the_rows_it_skipped(trained: TrainingResult, lexicon: Lexicon, tmp_path: Path) -> None:
    from scorer.corpora import read_corpus

    table = tmp_path / "data.csv"
    table.write_text("text,label\nA calm day,0\n   ,1\n" + "x" * 2001 + ",1\nYou won't believe this,1\n")
    metrics = evaluate(trained.model(), read_corpus(table), lexicon)
    assert (metrics["rows"], metrics["skipped"]) == (2, 2)


def test_training_and_evaluating_read_lines_with_nothing_to_score(lexicon: Lexicon) -> None:
    # Webis holds posts such as "..." and "2016.": scoring refuses them, training must still read them.
    base = tiny_corpus()
    corpus = Corpus("tiny", (*base.texts, "...", "2016."), (*base.labels, 0.1, 0.2), graded=True)
    result = train(corpus, lexicon)
    assert evaluate(result.model(), corpus, lexicon)["rows"] == len(corpus.texts)
