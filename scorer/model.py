"""The trained sensationalism model: a learned clickbait part plus lexicon-weighted devices.

decision = intercept
         + CLICKBAIT_SCALE x (ridge clickbait estimate, word and character n-grams
           and the extractor's clickbait-pattern features)
         + DEVICE_SCALE x (devices in VADER units: shouted words, exclamation
           marks, loaded terms)

Every part is linear in per-span or per-token values, so the decision splits
exactly into the spans and words that produced it. The learned part never sees
the devices (loaded terms and exclamation runs are cut from its input, and its
n-grams are lower-cased), so adding a device can only raise the score. See
`models/README.md` for the design and its provenance; `scorer.train` fits it.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from .errors import ModelError
from .explain import Explanation
from .extract import Extraction
from .lexicon import Lexicon, normalise_token
from .spans import Span

__all__ = [
    "FORMAT_VERSION",
    "MODEL_FILE",
    "TrainedModel",
    "char_grams",
    "char_word_value",
    "load_default_model",
    "load_model",
    "masked_tokens",
    "save_model",
    "sidecar_path",
    "word_grams",
]

#: Version 2 stores vocabularies as one newline-joined string each: joblib unpickles
#: with Python's pure-Python unpickler, which takes seconds for 100,000 small strings.
FORMAT_VERSION = 2
_VOCAB_KEYS = ("word_vocab", "char_vocab")
MODEL_FILE = "sensationalism.joblib"
#: Largest sidecar read, in bytes (a real one is a few kB).
MAX_SIDECAR_BYTES = 1_000_000
#: Largest model file opened, in bytes.
MAX_MODEL_BYTES = 200_000_000
#: Word n-grams and character n-grams (within words) of the learned clickbait part.
WORD_NGRAMS = (1, 3)
CHAR_NGRAMS = (2, 5)
#: Evidence kinds whose text the learned part does not see (they are scored as devices).
MASKED_KINDS = frozenset({"loaded", "exclamation"})
#: Words (and question marks) in the order the learned part reads them.
WORDING_RE = re.compile(r"\w+(?:[-'\u2019]\w+)*|\?")
#: Wording evidence smaller than this (log-odds) is summed into `other["wording_minor"]`.
MIN_WORDING_WEIGHT = 0.2
RETRAIN_HINT = "run `scorer train DATA_DIR -o models/` to retrain it"
_REQUIRED_KEYS = (
    "format",
    "word_vocab",
    "word_idf",
    "word_coef",
    "char_vocab",
    "char_idf",
    "char_coef",
    "char_words",
    "pattern_coef",
    "ridge_intercept",
    "clickbait_scale",
    "device_scale",
    "calibration_intercept",
    "device_values",
    "loaded_valence",
    "category_valence",
    "thresholds",
)

Token = tuple[int, int, str]
#: The score component each device kind feeds (shouting and all-caps feed `shouting`).
_DEVICE_COMPONENT = {"loaded": "emotive", "exclamation": "punctuation"}


def masked_tokens(extraction: Extraction) -> list[Token]:
    """Lower-cased words and question marks outside loaded-term and exclamation spans."""
    cuts = [(s.start, s.end) for s in extraction.spans if s.kind in MASKED_KINDS]
    tokens = [(m.start(), m.end(), normalise_token(m.group())) for m in WORDING_RE.finditer(extraction.text)]
    if cuts:
        tokens = [t for t in tokens if not any(a <= t[0] < b for a, b in cuts)]
    return tokens


def word_grams(doc: str) -> list[str]:
    """Word 1..3-grams of a space-joined token string (the training analyser)."""
    words = doc.split(" ") if doc else []
    grams: list[str] = []
    for n in range(WORD_NGRAMS[0], WORD_NGRAMS[1] + 1):
        grams.extend(" ".join(words[p : p + n]) for p in range(len(words) - n + 1))
    return grams


def _char_grams_of(word: str) -> list[str]:
    padded = f" {word} "
    grams: list[str] = []
    for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):
        if n >= len(padded):
            grams.append(padded)
            break
        grams.extend(padded[p : p + n] for p in range(len(padded) - n + 1))
    return grams


def char_word_value(
    word: str, vocab: Mapping[str, int], idf: npt.NDArray[np.float64], coef: npt.NDArray[np.float64]
) -> tuple[float, float]:
    """What one word adds to the character block: (sum of idf x coef, sum of idf squared).

    The character block is counts x idf scaled by 1 / sqrt(sum over the
    document's n-grams of count x idf squared), so each word's part is its own
    sum divided by one per-document number: exact per word, and precomputable.
    """
    value = norm = 0.0
    for gram in _char_grams_of(word):
        column = vocab.get(gram)
        if column is not None:
            weight = float(idf[column])
            value += weight * float(coef[column])
            norm += weight * weight
    return value, norm


def char_grams(doc: str) -> list[str]:
    """Character 2..5-grams inside each space-padded word (the training analyser)."""
    grams = []
    for word in doc.split(" ") if doc else []:
        grams.extend(_char_grams_of(word))
    return grams


@dataclass(frozen=True)
class TrainedModel:
    """The trained model; `params` is the verified content of the model file."""

    params: Mapping[str, Any]
    sidecar: Mapping[str, Any] = field(default_factory=dict)
    name: str = "sensationalism"
    #: word n-gram -> (idf, coefficient), built from `params` (plain floats are faster to read than numpy's)
    word_table: Mapping[str, tuple[float, float]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        idf, coef = self.params["word_idf"].tolist(), self.params["word_coef"].tolist()
        table = {gram: (idf[i], coef[i]) for gram, i in self.params["word_vocab"].items()}
        object.__setattr__(self, "word_table", MappingProxyType(table))

    @property
    def version(self) -> str:
        """Model version: the training date and the first digits of the file's sha256."""
        sha = str(self.sidecar.get("sha256", ""))[:8] or "unsaved"
        return f"{self.sidecar.get('date', 'unsaved')}+{sha}"

    @property
    def thresholds(self) -> tuple[float, float]:
        """`low` below the first score, `high` from the second."""
        low, high = self.params["thresholds"]
        return float(low), float(high)

    def explain(self, extraction: Extraction) -> Explanation:
        """Split the decision into spans, wording tokens and the intercept, exactly."""
        p = self.params
        scale, device_scale = float(p["clickbait_scale"]), float(p["device_scale"])
        span_weights = [0.0] * len(extraction.spans)
        components: dict[str, float] = {"clickbait": 0.0, "shouting": 0.0, "punctuation": 0.0, "emotive": 0.0}
        other: dict[str, float] = {}
        for feature, coef in p["pattern_coef"].items():
            for index, value in extraction.attribution.get(feature, ()):
                span_weights[index] += scale * coef * value
                components["clickbait"] += scale * coef * value
        for index, span in enumerate(extraction.spans):
            units = self._device_units(span)
            if units:
                span_weights[index] += device_scale * units
                components[_DEVICE_COMPONENT.get(span.kind, "shouting")] += device_scale * units
        tokens = masked_tokens(extraction)
        token_weights = self._wording_weights(tokens)
        components["clickbait"] += sum(token_weights)
        extra_spans, extra_weights = [], []
        minor = 0.0
        for (start, end, _), weight in zip(tokens, token_weights, strict=True):
            if abs(weight) < MIN_WORDING_WEIGHT:
                minor += weight
                continue
            extra_spans.append(_wording_span(extraction.text, start, end, weight))
            extra_weights.append(weight)
        if minor:
            other["wording_minor"] = minor
        intercept = float(p["calibration_intercept"]) + scale * float(p["ridge_intercept"])
        decision = intercept + sum(span_weights) + sum(extra_weights) + sum(other.values())
        return Explanation(
            decision,
            intercept,
            tuple(span_weights),
            MappingProxyType(other),
            MappingProxyType(components),
            tuple(extra_spans),
            tuple(extra_weights),
        )

    def explain_many(self, extractions: Sequence[Extraction]) -> list[Explanation]:
        """Explain each extraction."""
        return [self.explain(e) for e in extractions]

    def clickbait_estimate(self, extraction: Extraction) -> float:
        """The learned clickbait-strength estimate (Webis scale 0..1, not clipped)."""
        p = self.params
        value = float(p["ridge_intercept"]) + sum(self._wording_weights(masked_tokens(extraction))) / float(
            p["clickbait_scale"]
        )
        for feature, coef in p["pattern_coef"].items():
            value += coef * sum(v for _, v in extraction.attribution.get(feature, ()))
        return value

    def _device_units(self, span: Span) -> float:
        """What a span adds to the device sum, in VADER units (never negative)."""
        p = self.params
        if span.kind == "loaded":
            valence = p["loaded_valence"].get(normalise_token(span.text))
            return float(valence if valence is not None else p["category_valence"].get(span.category, 0.0))
        per_intensity = p["device_values"].get(span.kind)
        return float(per_intensity) * span.intensity if per_intensity is not None else 0.0

    def _wording_weights(self, tokens: list[Token]) -> list[float]:
        """Each token's share of the n-gram contributions (log-odds)."""
        p = self.params
        weights = [0.0] * len(tokens)
        if not tokens:
            return weights
        scale = float(p["clickbait_scale"])
        words = [t[2] for t in tokens]
        self._add_word_ngrams(words, scale, weights)
        table = p["char_words"]
        values = [table.get(word) or self._char_word_value(word) for word in words]
        squared_norm = sum(v[1] for v in values)
        if squared_norm > 0:
            shrink = scale / math.sqrt(squared_norm)
            for index, (value, _) in enumerate(values):
                weights[index] += shrink * value
        return weights

    def _char_word_value(self, word: str) -> tuple[float, float]:
        """A word's character n-grams: (sum of idf x coefficient, sum of idf squared)."""
        return char_word_value(word, self.params["char_vocab"], self.params["char_idf"], self.params["char_coef"])

    def _add_word_ngrams(self, words: list[str], scale: float, weights: list[float]) -> None:
        """Sublinear, l2-normalised tf-idf of the word n-grams, each n-gram's part split over its words."""
        table = self.word_table
        found: dict[str, list[int]] = {}
        size: dict[str, int] = {}
        count = len(words)
        for n in range(WORD_NGRAMS[0], WORD_NGRAMS[1] + 1):
            for start in range(count - n + 1):
                gram = words[start] if n == 1 else " ".join(words[start : start + n])
                if gram in table:
                    if gram in found:
                        found[gram].append(start)
                    else:
                        found[gram] = [start]
                        size[gram] = n
        if not found:
            return
        # tf is 1 + log(count), so 1 for an n-gram seen once (almost all of them).
        raw = {g: table[g][0] * ((1.0 + math.log(len(s))) if len(s) > 1 else 1.0) for g, s in found.items()}
        shrink = scale / math.sqrt(sum(v * v for v in raw.values()))
        for gram, starts in found.items():
            n = size[gram]
            share = shrink * table[gram][1] * raw[gram] / (n * len(starts))
            for start in starts:
                for index in range(start, start + n):
                    weights[index] += share

    def card(self) -> dict[str, object]:
        """The model card as JSON (the sidecar without per-file details)."""
        keys = ("training_data", "metrics", "label_thresholds", "date", "design", "sklearn", "python", "numpy")
        card: dict[str, object] = {"name": self.name, "version": self.version}
        card.update({k: self.sidecar[k] for k in keys if k in self.sidecar})
        return card


def _wording_span(text: str, start: int, end: int, weight: float) -> Span:
    word = text[start:end]
    direction = "raises" if weight > 0 else "lowers"
    return Span(
        start,
        end,
        word,
        "wording",
        "clickbait_ngram",
        min(1.0, abs(weight)),
        f"Learned wording: “{word}” {direction} the clickbait estimate (trained on Webis-Clickbait-17 grades).",
    )


def _encode(params: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form: vocabularies and the per-word table as strings and arrays."""
    stored = dict(params)
    for key in _VOCAB_KEYS:
        grams = sorted(params[key], key=params[key].__getitem__)
        stored[key] = "\n".join(grams)
    words = sorted(params["char_words"])
    stored["char_words"] = ("\n".join(words), np.array([params["char_words"][w] for w in words], dtype=np.float64))
    return stored


def _decode(stored: object) -> object:
    """The in-memory form of `_encode`'s output; anything else is returned unchanged for checking."""
    if not isinstance(stored, dict) or any(not isinstance(stored.get(k), str) for k in _VOCAB_KEYS):
        return stored
    params = dict(stored)
    for key in _VOCAB_KEYS:
        params[key] = {g: i for i, g in enumerate(stored[key].split("\n"))} if stored[key] else {}
    table = stored.get("char_words")
    if isinstance(table, tuple) and len(table) == 2 and isinstance(table[0], str):
        words = table[0].split("\n") if table[0] else []
        values = np.asarray(table[1], dtype=np.float64).reshape(len(words), 2).tolist()
        params["char_words"] = {w: (v[0], v[1]) for w, v in zip(words, values, strict=True)}
    return params


def sidecar_path(model_path: Path) -> Path:
    """The metadata file beside a model file."""
    return model_path.with_suffix(".json")


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_model(params: Mapping[str, Any], sidecar: Mapping[str, Any], directory: Path) -> Path:
    """Write the model file and its sidecar (with the file's sha256) into `directory`."""
    import joblib

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    joblib.dump(_encode(params), path, compress=3)
    meta = dict(sidecar)
    meta["model_file"] = MODEL_FILE
    meta["sha256"] = file_sha256(path)
    sidecar_path(path).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _read_sidecar(path: Path) -> dict[str, Any]:
    meta_path = sidecar_path(path)
    try:
        raw = meta_path.read_bytes()[: MAX_SIDECAR_BYTES + 1]
    except OSError:
        raise ModelError(f"model metadata {meta_path} is missing; {RETRAIN_HINT}") from None
    if len(raw) > MAX_SIDECAR_BYTES:
        raise ModelError(f"model metadata {meta_path} is too large to be a sidecar")
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ModelError(f"model metadata {meta_path} is not valid JSON; {RETRAIN_HINT}") from None
    if not isinstance(meta, dict) or not all(k in meta for k in ("sha256", "lexicon_sha256", "format", "numpy")):
        raise ModelError(f"model metadata {meta_path} lacks sha256, lexicon_sha256, format or numpy; {RETRAIN_HINT}")
    return meta


def _major(version: str) -> str:
    return str(version).split(".")[0]


def verify(path: Path, lexicon: Lexicon) -> dict[str, Any]:
    """Check a model file against its sidecar and the lexicon, without unpickling it.

    scikit-learn's version is recorded but not required to match: the file holds
    only numpy arrays, numbers and dictionaries (no scikit-learn objects). A
    different numpy major version or file format is refused.
    """
    if not path.is_file():
        raise ModelError(f"no model file at {path}; {RETRAIN_HINT}")
    meta = _read_sidecar(path)
    if meta["format"] != FORMAT_VERSION:
        raise ModelError(
            f"model {path} has format {meta['format']!r}, this scorer reads {FORMAT_VERSION}; {RETRAIN_HINT}"
        )
    if path.stat().st_size > MAX_MODEL_BYTES or file_sha256(path) != meta["sha256"]:
        raise ModelError(f"model file {path} does not match the sha256 in its sidecar (changed or corrupted); "
                         f"restore it or {RETRAIN_HINT}")
    if dict(meta["lexicon_sha256"]) != dict(lexicon.sha256):
        changed = sorted(k for k in set(meta["lexicon_sha256"]) | set(lexicon.sha256)
                         if meta["lexicon_sha256"].get(k) != lexicon.sha256.get(k))
        raise ModelError(f"model {path} was trained with other lexicons ({', '.join(changed)} changed); {RETRAIN_HINT}")
    if _major(meta["numpy"]) != _major(np.__version__):
        raise ModelError(f"model {path} was saved with numpy {meta['numpy']}, this is numpy {np.__version__}; "
                         f"{RETRAIN_HINT}")
    return meta


def _check_params(params: object, path: Path) -> Mapping[str, Any]:
    if not isinstance(params, dict) or any(k not in params for k in _REQUIRED_KEYS):
        raise ModelError(f"model file {path} does not hold a sensationalism model; {RETRAIN_HINT}")
    for vocab, idf, coef in (("word_vocab", "word_idf", "word_coef"), ("char_vocab", "char_idf", "char_coef")):
        size = len(params[vocab])
        if len(params[idf]) != size or len(params[coef]) != size:
            raise ModelError(f"model file {path}: {vocab} and its weights differ in size; {RETRAIN_HINT}")
    return MappingProxyType(params)


def load_model(path: str | Path, lexicon: Lexicon) -> TrainedModel:
    """Verify, then load, the model at `path`. Raises `ModelError` with what to do."""
    import joblib

    where = Path(path)
    meta = verify(where, lexicon)
    try:
        params = _decode(joblib.load(where))
    except Exception as exc:  # a verified file that still fails to load is corrupted or foreign
        raise ModelError(f"model file {where} cannot be read ({type(exc).__name__}); {RETRAIN_HINT}") from None
    return TrainedModel(_check_params(params, where), MappingProxyType(meta))


def load_default_model(lexicon: Lexicon) -> TrainedModel | None:
    """The model shipped in `models/` (package `scorer.models`), or None if none is shipped."""
    resource = importlib.resources.files("scorer.models").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    with importlib.resources.as_file(resource) as path:
        return load_model(path, lexicon)
