"""Training the sensationalism model: deterministic, cross-validated, with a metadata sidecar.

1. The clickbait part: ridge regression of Webis-Clickbait-17 `truthMean`
   on tf-idf word 1-3-grams and within-word character 2-5-grams (counts x idf,
   scaled per document; see `char_block`) of the
   headline with its devices cut out (`scorer.model.masked_tokens`), plus the
   extractor's clickbait-pattern features. `alpha` is chosen from `ALPHAS` by
   5-fold cross-validated MSE.
2. Its scale on the decision (log-odds): a logistic regression of the Webis
   class (`truthMean >= 0.5`) on the out-of-fold estimates gives
   `a + b * estimate`.
3. The devices, in VADER units (Hutto & Gilbert 2014): 0.733 per shouted
   word, 0.292 per exclamation mark, the absolute VADER valence of a
   loaded term (0.293, VADER's booster increment, for intensifiers). One unit
   of clickbait strength (0 = not, 1 = heavily clickbaiting) is taken to equal
   VADER's full 4-point intensity range, so a VADER unit moves the decision by
   `b / 4`. Nothing is tuned per headline.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import importlib.util
import platform
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from .body.scoring import QUOTED_VOICE_FACTOR
from .corpora import Corpus
from .errors import InputError
from .explain import label_for, sigmoid
from .extract import FEATURE_IDS, Extraction, extract
from .lexicon import LOADED_CATEGORIES, TOKEN_RE, Lexicon, normalise_token
from .model import FORMAT_VERSION, TrainedModel, char_grams, char_word_value, masked_tokens, word_grams

__all__ = ["ALPHAS", "TrainingResult", "check_vader", "evaluate", "train", "vader_valences"]

SEED = 0
ALPHAS: tuple[float, ...] = (2.0, 4.0, 8.0)
WEBIS_FOLDS = 5
BINARY_FOLDS = 10
#: A Webis headline counts as clickbait from this `truthMean` (the scale's midpoint).
CLASS_CUT = 0.5
#: VADER's valence scale runs from -4 to 4 (Hutto & Gilbert 2014).
VADER_RANGE = 4.0
#: VADER's empirically derived increments, from vaderSentiment.py (C_INCR, B_INCR;
#: 0.292 per exclamation mark is in `_amplify_ep`). The extractor's intensities
#: are these numbers divided by `VADER_RANGE`, so `VADER_RANGE x intensity`
#: restores VADER units.
VADER_BOOSTER = 0.293
DEVICE_VALUES: Mapping[str, float] = {"shouting": VADER_RANGE, "all_caps": VADER_RANGE, "exclamation": VADER_RANGE}
#: Loaded-term categories whose terms are emotive by definition (fear, anger,
#: exaggeration, superlatives, slurs): an unrated term takes the category median.
EMOTIVE_CATEGORIES = frozenset({"fear", "anger", "hyperbole", "superlative", "derogatory"})
#: Label thresholds on the score: `low` below 0.35, `high` from 0.65 (see models/README.md).
THRESHOLDS = (0.35, 0.65)
PATTERN_FEATURES = tuple(f for f in FEATURE_IDS if f.startswith("clickbait_"))
MIN_DF_WORD = 2
MIN_DF_CHAR = 3
Matrix = Any  # scipy.sparse.csr_matrix (scipy ships no type stubs)


@dataclass(frozen=True)
class TrainingResult:
    """The fitted model's parameters and the sidecar metadata (without the file hash)."""

    params: dict[str, Any]
    sidecar: dict[str, Any]

    def model(self) -> TrainedModel:
        """The fitted model, usable before saving."""
        return TrainedModel(self.params, self.sidecar)


#: Words VADER rates in a sense other than the lexicon's: "chilling" is cooling to VADER (-0.1),
#: so the seed headline's "chilling warning" weighed almost nothing. Their forms take their
#: category's median instead, as terms VADER does not rate do.
VADER_OTHER_SENSE = frozenset({"chilling"})


_VADER_MISSING = "training needs vaderSentiment: pip install -e '.[train]'"


def check_vader() -> None:
    """Raise `InputError` when vaderSentiment, which training reads its ratings from, is not installed."""
    if importlib.util.find_spec("vaderSentiment") is None:
        raise InputError(_VADER_MISSING)


def _vader_lexicon() -> dict[str, float]:
    try:
        text = importlib.resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise InputError(_VADER_MISSING) from None
    table = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) >= 2:
            table[cells[0]] = float(cells[1])
    return table


def vader_valences(lexicon: Lexicon) -> tuple[dict[str, float], dict[str, float]]:
    """|VADER valence| of each loaded-term form, and a per-category fallback.

    A form's valence is VADER's for the form, else the largest among its words,
    else the largest among the term's other forms. Terms VADER does not rate
    take their category's median in the emotive categories (`EMOTIVE_CATEGORIES`),
    0 in the slant categories (hedges, framing verbs, urgency cues: VADER rates
    few of them, and an unrated one is not shown to be emotive); intensifiers
    take VADER's booster increment. VADER's ratings of `VADER_OTHER_SENSE`
    words are set aside, as ratings of another sense.
    """
    vader = {w: v for w, v in _vader_lexicon().items() if w not in VADER_OTHER_SENSE}
    forms: dict[str, float] = {}
    by_category: dict[str, list[float]] = {c: [] for c in LOADED_CATEGORIES}
    for term in lexicon.terms:
        values: dict[str, float] = {}
        for form in term.forms:
            key = " ".join(normalise_token(t) for t in TOKEN_RE.findall(form))
            words = [abs(vader[w]) for w in key.split(" ") if w in vader]
            if key in vader:
                values[key] = abs(vader[key])
            elif words:
                values[key] = max(words)
        if term.category == "intensifier":
            for form in term.forms:
                forms[" ".join(normalise_token(t) for t in TOKEN_RE.findall(form))] = VADER_BOOSTER
            continue
        if not values:
            continue
        best = max(values.values())
        by_category[term.category].append(best)
        for form in term.forms:
            key = " ".join(normalise_token(t) for t in TOKEN_RE.findall(form))
            forms[key] = values.get(key, best)
    categories = {c: (statistics.median(v) if v and c in EMOTIVE_CATEGORIES else 0.0) for c, v in by_category.items()}
    categories["intensifier"] = VADER_BOOSTER
    return forms, categories


def _docs(extractions: Sequence[Extraction]) -> list[str]:
    return [" ".join(t[2] for t in masked_tokens(e)) for e in extractions]


def _patterns(extractions: Sequence[Extraction]) -> Matrix:
    rows = [[e.features.get(f, 0.0) for f in PATTERN_FEATURES] for e in extractions]
    return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), len(PATTERN_FEATURES)))


@dataclass
class _Features:
    """Fitted tf-idf vectorisers for one training set."""

    word: Any
    char: Any

    @classmethod
    def fit(cls, docs: Sequence[str], min_df_word: int, min_df_char: int) -> _Features:
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = TfidfVectorizer(analyzer=word_grams, sublinear_tf=True, min_df=min_df_word, dtype=np.float64)
        char = TfidfVectorizer(analyzer=char_grams, norm=None, min_df=min_df_char, dtype=np.float64)
        word.fit(docs)
        char.fit(docs)
        return cls(word, char)

    def transform(self, docs: Sequence[str], patterns: Matrix) -> Matrix:
        return sparse.hstack([self.word.transform(docs), char_block(self.char, docs), patterns]).tocsr()


def char_block(vectoriser: Any, docs: Sequence[str]) -> Matrix:
    """Character n-gram counts x idf, each row divided by sqrt(sum of count x idf squared).

    The row scale is a sum over words (see `scorer.model.char_word_value`), so
    the model can split it exactly by word and precompute it per word.
    """
    counts_idf = vectoriser.transform(docs)
    squared = np.asarray(counts_idf @ vectoriser.idf_).ravel()
    scale = np.divide(1.0, np.sqrt(squared), out=np.zeros_like(squared), where=squared > 0)
    return sparse.diags(scale) @ counts_idf


def _min_df(n: int) -> tuple[int, int]:
    # Tiny sets (tests) keep every n-gram; real corpora drop one-off n-grams.
    return (MIN_DF_WORD, MIN_DF_CHAR) if n >= 1000 else (1, 1)


def _folds(n: int, k: int, labels: npt.NDArray[np.float64] | None = None) -> list[npt.NDArray[np.intp]]:
    from sklearn.model_selection import KFold, StratifiedKFold

    if labels is not None:
        splitter = StratifiedKFold(k, shuffle=True, random_state=SEED)
        return [test for _, test in splitter.split(np.zeros(n), labels)]
    return [test for _, test in KFold(k, shuffle=True, random_state=SEED).split(np.zeros(n))]


def _regression_metrics(truth: npt.NDArray[np.float64], pred: npt.NDArray[np.float64]) -> dict[str, float]:
    clipped = np.clip(pred, 0.0, 1.0)
    true_class, pred_class = truth >= CLASS_CUT, clipped >= CLASS_CUT
    tp = float(np.sum(true_class & pred_class))
    precision = tp / max(1.0, float(np.sum(pred_class)))
    recall = tp / max(1.0, float(np.sum(true_class)))
    return {
        "mse": float(np.mean((clipped - truth) ** 2)),
        "mse_predict_mean": float(np.var(truth)),
        "accuracy_at_0.5": float(np.mean(true_class == pred_class)),
        "f1_at_0.5": 0.0 if tp == 0 else 2 * precision * recall / (precision + recall),
    }


def _cv_ridge(
    extractions: Sequence[Extraction], y: npt.NDArray[np.float64], folds: int, progress: Callable[[str], None]
) -> tuple[float, npt.NDArray[np.float64], dict[str, Any]]:
    """Choose alpha by k-fold MSE; return it, its out-of-fold predictions and metrics."""
    from sklearn.linear_model import Ridge

    docs, patterns = _docs(extractions), _patterns(extractions)
    min_df = _min_df(len(docs))
    oof = {a: np.zeros(len(y)) for a in ALPHAS}
    for number, test in enumerate(_folds(len(y), folds), start=1):
        train_idx = np.setdiff1d(np.arange(len(y)), test)
        feats = _Features.fit([docs[i] for i in train_idx], *min_df)
        x_train = feats.transform([docs[i] for i in train_idx], patterns[train_idx])
        x_test = feats.transform([docs[i] for i in test], patterns[test])
        for alpha in ALPHAS:
            oof[alpha][test] = Ridge(alpha=alpha).fit(x_train, y[train_idx]).predict(x_test)
        progress(f"clickbait cross-validation: fold {number}/{folds}")
    scores = {a: float(np.mean((np.clip(p, 0, 1) - y) ** 2)) for a, p in oof.items()}
    best = min(ALPHAS, key=lambda a: (scores[a], a))
    metrics: dict[str, Any] = dict(_regression_metrics(y, oof[best]))
    metrics.update({"folds": folds, "alpha": best, "mse_by_alpha": {str(a): s for a, s in scores.items()}})
    return best, oof[best], metrics


def _calibrate(estimates: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> tuple[float, float]:
    """`a, b` with P(truthMean >= 0.5) = sigmoid(a + b * estimate), fitted out of fold."""
    from sklearn.linear_model import LogisticRegression

    classes = (y >= CLASS_CUT).astype(int)
    if len(set(classes.tolist())) < 2:
        raise InputError("the graded corpus needs headlines on both sides of 0.5 to calibrate the score")
    fit = LogisticRegression(C=1e4).fit(estimates.reshape(-1, 1), classes)
    return float(fit.intercept_[0]), float(fit.coef_[0, 0])


def _binary_cv(extractions: Sequence[Extraction], y: npt.NDArray[np.float64], folds: int) -> dict[str, Any]:
    """k-fold accuracy of the same features with logistic regression on a binary corpus."""
    from sklearn.linear_model import LogisticRegression

    docs, patterns = _docs(extractions), _patterns(extractions)
    correct = 0
    for test in _folds(len(y), folds, y):
        train_idx = np.setdiff1d(np.arange(len(y)), test)
        feats = _Features.fit([docs[i] for i in train_idx], *_min_df(len(docs)))
        fit = LogisticRegression(C=10.0, max_iter=2000).fit(
            feats.transform([docs[i] for i in train_idx], patterns[train_idx]), y[train_idx].astype(int)
        )
        predicted = fit.predict(feats.transform([docs[i] for i in test], patterns[test]))
        correct += int(np.sum(predicted == y[test].astype(int)))
    return {"folds": folds, "accuracy": correct / len(y), "classifier": "logistic regression, C=10"}


def evaluate(model: TrainedModel, corpus: Corpus, lexicon: Lexicon) -> dict[str, Any]:
    """Metrics of a model on a labelled corpus: clickbait estimate and sensationalism label."""
    extractions = [extract(t, lexicon) for t in corpus.texts]
    y = np.asarray(corpus.labels, dtype=np.float64)
    estimates = np.array([model.clickbait_estimate(e) for e in extractions])
    scores = np.array([sigmoid(x.decision) for x in model.explain_many(extractions)])
    labels = [label_for(s, model.thresholds) for s in scores]
    metrics: dict[str, Any] = dict(_regression_metrics(y, estimates))
    if not corpus.graded:
        del metrics["mse_predict_mean"]
    metrics.update(
        {
            "corpus": corpus.name,
            "rows": len(corpus),
            "skipped": corpus.skipped,  # empty or over-long texts, not evaluated
            "score_accuracy_at_0.5": float(np.mean((scores >= 0.5) == (y >= CLASS_CUT))),
            "label_counts": {name: labels.count(name) for name in ("low", "moderate", "high")},
            "label_counts_by_class": {
                side: {name: sum(1 for lb, t in zip(labels, y, strict=True) if lb == name and (t >= CLASS_CUT) == cls)
                       for name in ("low", "moderate", "high")}
                for side, cls in (("clickbait", True), ("not_clickbait", False))
            },
        }
    )
    return metrics


def train(
    graded: Corpus,
    lexicon: Lexicon,
    binary: Sequence[Corpus] = (),
    progress: Callable[[str], None] = lambda _: None,
) -> TrainingResult:
    """Fit the model on a graded corpus (Webis layout); cross-validate on it and on binary corpora."""
    from sklearn.linear_model import Ridge

    if not graded.graded:
        raise InputError(f"{graded.name} has binary labels; the clickbait part needs graded ones (Webis)")
    check_vader()  # VADER's ratings are read at the end: a missing package is told before minutes of work
    progress(f"extracting evidence from {len(graded):,} headlines")
    extractions = [extract(t, lexicon) for t in graded.texts]
    y = np.asarray(graded.labels, dtype=np.float64)
    alpha, oof, webis_metrics = _cv_ridge(extractions, y, WEBIS_FOLDS, progress)
    a, b = _calibrate(oof, y)
    if b <= 0:
        raise InputError("the clickbait estimate does not rise with the human grades; check the training data")
    docs = _docs(extractions)
    feats = _Features.fit(docs, *_min_df(len(docs)))
    ridge = Ridge(alpha=alpha).fit(feats.transform(docs, _patterns(extractions)), y)
    n_word, n_char = len(feats.word.vocabulary_), len(feats.char.vocabulary_)
    coef = np.asarray(ridge.coef_, dtype=np.float64)
    form_valence, category_valence = vader_valences(lexicon)
    char_vocab = {g: int(i) for g, i in sorted(feats.char.vocabulary_.items())}
    char_idf = np.asarray(feats.char.idf_, dtype=np.float64)
    char_coef = coef[n_word : n_word + n_char].copy()
    words = sorted({w for doc in docs for w in doc.split(" ") if w})
    char_words = {w: char_word_value(w, char_vocab, char_idf, char_coef) for w in words}
    params: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "word_vocab": {g: int(i) for g, i in sorted(feats.word.vocabulary_.items())},
        "word_idf": np.asarray(feats.word.idf_, dtype=np.float64),
        "word_coef": coef[:n_word].copy(),
        "char_vocab": char_vocab,
        "char_idf": char_idf,
        "char_coef": char_coef,
        "char_words": char_words,
        "pattern_coef": {f: float(c) for f, c in zip(PATTERN_FEATURES, coef[n_word + n_char :], strict=True)},
        "ridge_intercept": float(ridge.intercept_),
        "clickbait_scale": b,
        "device_scale": b / VADER_RANGE,
        "calibration_intercept": a,
        "device_values": dict(DEVICE_VALUES),
        "loaded_valence": dict(sorted(form_valence.items())),
        "category_valence": category_valence,
        "loaded_by_intensity": True,
        "quoted_voice_factor": QUOTED_VOICE_FACTOR,
        "thresholds": THRESHOLDS,
    }
    metrics: dict[str, Any] = {f"{graded.name} ({WEBIS_FOLDS}-fold cv)": webis_metrics}
    model = TrainedModel(params)
    for corpus in binary:
        progress(f"{corpus.name}: {BINARY_FOLDS}-fold cross-validation")
        binary_extractions = [extract(t, lexicon) for t in corpus.texts]
        labels = np.asarray(corpus.labels, dtype=np.float64)
        metrics[f"{corpus.name} ({BINARY_FOLDS}-fold cv, same features)"] = _binary_cv(
            binary_extractions, labels, BINARY_FOLDS
        )
        metrics[f"{corpus.name} (shipped model, not trained on it)"] = evaluate(model, corpus, lexicon)
    import sklearn

    sidecar: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "feature_ids": {
            "extractor_patterns": list(PATTERN_FEATURES),
            "word_ngrams": n_word,
            "char_ngrams": n_char,
            "devices": ["shouting", "all_caps", "exclamation", *(f"loaded_{c}" for c in LOADED_CATEGORIES)],
        },
        "lexicon_sha256": dict(lexicon.sha256),
        "training_data": [
            {"name": c.name, "rows": len(c), "skipped": c.skipped, "used_for": use}
            for c, use in [(graded, "fit and cross-validation"), *((c, "cross-validation only") for c in binary)]
        ],
        "metrics": metrics,
        "label_thresholds": {"low_below": THRESHOLDS[0], "high_from": THRESHOLDS[1]},
        "calibration": {"intercept": a, "per_clickbait_unit": b, "per_vader_unit": b / VADER_RANGE},
        "design": "ridge clickbait estimate on Webis-Clickbait-17 + VADER-weighted devices; see models/README.md",
    }
    return TrainingResult(params, sidecar)
