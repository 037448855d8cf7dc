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

import bisect
import hashlib
import importlib.resources
import json
import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from .errors import ModelError
from .explain import Explanation
from .extract import Extraction
from .lexicon import Lexicon, normalise_token
from .spans import Span
from .wording import RowWording, WordingIndex, char_grams, char_word_value, word_grams

__all__ = [
    "FORMAT_VERSION",
    "MODEL_FILE",
    "TrainedModel",
    "char_grams",
    "char_word_value",
    "load_default_model",
    "load_model",
    "masked_tokens",
    "recorded_sha256",
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
#: Largest model accepted once inflated (the shipped one is 2.4 MB): a small file cannot inflate to fill memory.
MAX_INFLATED_BYTES = 1_000_000_000
#: Evidence kinds whose text the learned part does not see (they are scored as devices).
MASKED_KINDS = frozenset({"loaded", "exclamation"})
#: Wording evidence smaller than this (log-odds) is summed into `other["wording_minor"]`.
MIN_WORDING_WEIGHT = 0.5
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
#: `Explanation.other` when every wording contribution is strong evidence (read-only, shared).
_NO_OTHER: Mapping[str, float] = MappingProxyType({})


def masked_tokens(extraction: Extraction) -> list[Token]:
    """Lower-cased words and question marks outside loaded-term and exclamation spans."""
    offsets, words = _masked(extraction)
    return [(start, end, word) for (start, end, _), word in zip(offsets, words, strict=True)]


def _masked(extraction: Extraction) -> tuple[Sequence[tuple[int, int, str]], Sequence[str]]:
    """What the learned part reads: the words' offsets and their lower-cased forms.

    The extractor's tokens are reused; words inside loaded-term and exclamation
    spans are cut, then question marks are merged in by offset. A question mark
    is never cut: "Why?!" is still a question, and adding the `!` must not take
    the question away from the learned part.
    """
    offsets: Sequence[tuple[int, int, str]] = extraction.tokens
    words: Sequence[str] = extraction.norms
    text = extraction.text
    cuts = [(s.start, s.end) for s in extraction.spans if s.kind in MASKED_KINDS]
    if cuts:
        starts = [t[0] for t in offsets]
        cut: set[int] = set()
        for a, b in cuts:
            cut.update(range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)))
        offsets = [t for i, t in enumerate(offsets) if i not in cut]
        words = [w for i, w in enumerate(words) if i not in cut]
    if "?" in text:  # a question mark is a word of its own to the learned part, merged in by offset
        offsets, words = list(offsets), list(words)
        starts = [t[0] for t in offsets]
        at = text.find("?")
        while at >= 0:
            k = bisect.bisect_left(starts, at)
            starts.insert(k, at)
            offsets.insert(k, (at, at + 1, "?"))
            words.insert(k, "?")
            at = text.find("?", at + 1)
    return offsets, words


@dataclass(frozen=True)
class TrainedModel:
    """The trained model; `params` is the verified content of the model file."""

    params: Mapping[str, Any]
    sidecar: Mapping[str, Any] = field(default_factory=dict)
    name: str = "sensationalism"
    #: the learned wording part, arranged for batch lookups (built from `params`)
    wording: WordingIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "wording", WordingIndex.build(self.params))
        except ValueError as exc:
            raise ModelError(f"model {self.name}: {exc} (not made by `scorer train`); {RETRAIN_HINT}") from None

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

    @property
    def vocabulary(self) -> Mapping[str, int]:
        """Every word seen in the training headlines (normalised), each with its row in the wording index."""
        return self.wording.word_rows

    def explain(self, extraction: Extraction) -> Explanation:
        """Split the decision into spans, wording tokens and the intercept, exactly."""
        return self.explain_many([extraction])[0]

    def explain_many(self, extractions: Sequence[Extraction]) -> list[Explanation]:
        """Explain each extraction; the learned wording part is computed for all of them at once."""
        masked = [_masked(e) for e in extractions]
        p = self.params
        scale = float(p["clickbait_scale"])
        intercept = float(p["calibration_intercept"]) + scale * float(p["ridge_intercept"])
        wording = self.wording.summaries([words for _, words in masked], scale, MIN_WORDING_WEIGHT)
        return [
            self._explanation(e, offsets, w, intercept)
            for e, (offsets, _), w in zip(extractions, masked, wording, strict=True)
        ]

    def _explanation(
        self,
        extraction: Extraction,
        offsets: Sequence[tuple[int, int, str]],
        wording: RowWording,
        intercept: float,
    ) -> Explanation:
        components: dict[str, float] = {"clickbait": 0.0, "shouting": 0.0, "punctuation": 0.0, "emotive": 0.0}
        span_weights = self._span_weights(extraction, components) if extraction.spans else ()
        components["clickbait"] += wording.total
        minor = wording.minor
        text = extraction.text
        extra_weights = [w for _, w in wording.strong]
        extra_spans = [_wording_span(text, offsets[i][0], offsets[i][1], w) for i, w in wording.strong]
        other = MappingProxyType({"wording_minor": minor}) if minor else _NO_OTHER
        decision = intercept + sum(span_weights) + sum(extra_weights) + minor
        parts = (decision, intercept, span_weights, other, MappingProxyType(components))
        return tuple.__new__(Explanation, (*parts, tuple(extra_spans), tuple(extra_weights)))

    def _span_weights(self, extraction: Extraction, components: dict[str, float]) -> tuple[float, ...]:
        """Each extractor span's contribution; adds the same amounts to `components`."""
        p = self.params
        scale, device_scale = float(p["clickbait_scale"]), float(p["device_scale"])
        span_weights = [0.0] * len(extraction.spans)
        pattern_coef = p["pattern_coef"]
        for feature, pairs in extraction.attribution.items():  # a span or two, against a dozen patterns
            coef = pattern_coef.get(feature)
            if coef is None:
                continue
            for index, value in pairs:
                span_weights[index] += scale * coef * value
                components["clickbait"] += scale * coef * value
        loaded_valence, category_valence, device_values = p["loaded_valence"], p["category_valence"], p["device_values"]
        # Models trained before these two keys weighed a loaded term by its VADER valence alone.
        by_intensity = bool(p.get("loaded_by_intensity", False))
        quoted_factor = float(p.get("quoted_voice_factor", 1.0))
        for index, span in enumerate(extraction.spans):  # device units (VADER units, never negative)
            kind = span.kind
            if kind == "loaded":
                valence = loaded_valence.get(normalise_token(span.text))
                units = float(valence if valence is not None else category_valence.get(span.category, 0.0))
                if by_intensity:  # the lexicon's rating of how loaded the term is (neutral senses rate lower)
                    units *= span.intensity
                if span.voice == "quoted":  # a speaker's word, quoted: reporting it is not the outlet's loading
                    units *= quoted_factor
            else:
                per_intensity = device_values.get(kind)
                units = float(per_intensity) * span.intensity if per_intensity is not None else 0.0
            if units:
                span_weights[index] += device_scale * units
                components[_DEVICE_COMPONENT.get(kind, "shouting")] += device_scale * units
        return tuple(span_weights)

    def clickbait_estimate(self, extraction: Extraction) -> float:
        """The learned clickbait-strength estimate (Webis scale 0..1, not clipped)."""
        p = self.params
        value = float(p["ridge_intercept"]) + sum(self.wording.token_weights([_masked(extraction)[1]], 1.0)[0])
        for feature, coef in p["pattern_coef"].items():
            value += coef * sum(v for _, v in extraction.attribution.get(feature, ()))
        return value

    def card(self) -> dict[str, object]:
        """The model card as JSON (the sidecar without per-file details)."""
        keys = ("training_data", "metrics", "label_thresholds", "date", "design", "sklearn", "python", "numpy")
        card: dict[str, object] = {"name": self.name, "version": self.version}
        card.update({k: self.sidecar[k] for k in keys if k in self.sidecar})
        return card


_WORDING_SOURCE = "trained on Webis-Clickbait-17 grades"


#: The explanation of a learned-wording span, after the word: one string for each direction.
_RAISES = f"” raises the clickbait estimate ({_WORDING_SOURCE})."
_LOWERS = f"” lowers the clickbait estimate ({_WORDING_SOURCE})."


def _wording_span(text: str, start: int, end: int, weight: float) -> Span:
    word = text[start:end]
    explanation = "Learned wording: “" + word + (_RAISES if weight > 0 else _LOWERS)
    return tuple.__new__(
        Span, (start, end, word, "wording", "clickbait_ngram", min(1.0, abs(weight)), explanation, None, "outlet", None)
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

    path = directory / MODEL_FILE
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ModelError(f"cannot write the model into {directory}: it is a file, not a directory") from None
    except OSError as exc:
        raise ModelError(f"cannot write the model into {directory}: {exc.strerror or exc}") from None
    # Both files are written in full under temporary names, then renamed over the old pair:
    # a failure or Ctrl-C part way leaves the previous model and sidecar as they were.
    temporary: list[Path] = []
    try:
        model_tmp = _temporary(directory, MODEL_FILE, temporary)
        joblib.dump(_encode(params), model_tmp, compress=3)
        meta = dict(sidecar)
        meta["model_file"] = MODEL_FILE
        meta["sha256"] = file_sha256(model_tmp)
        sidecar_tmp = _temporary(directory, sidecar_path(path).name, temporary)
        sidecar_tmp.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(model_tmp, path)
        os.replace(sidecar_tmp, sidecar_path(path))
    except OSError as exc:
        raise ModelError(f"cannot write the model into {directory}: {exc.strerror or exc}") from None
    finally:
        for leftover in temporary:
            leftover.unlink(missing_ok=True)
    return path


def _temporary(directory: Path, name: str, made: list[Path]) -> Path:
    """A new empty file beside `name` in `directory` (same file system, so a rename is atomic); noted in `made`.

    Not `tempfile.mkstemp`: its files are private (0600), and the model must stay
    readable, as a file written in place is (0666 less the umask), by a server
    running as another user.
    """
    where = directory / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    os.close(os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    made.append(where)
    return where


def _read_sidecar(path: Path) -> dict[str, Any]:
    meta_path = sidecar_path(path)
    try:
        with meta_path.open("rb") as handle:  # never more than the bound into memory
            raw = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError:
        raise ModelError(f"model metadata {meta_path} is missing; {RETRAIN_HINT}") from None
    if len(raw) > MAX_SIDECAR_BYTES:
        raise ModelError(f"model metadata {meta_path} is too large to be a sidecar")
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise ModelError(f"model metadata {meta_path} is not valid JSON; {RETRAIN_HINT}") from None
    if not isinstance(meta, dict) or not all(k in meta for k in ("sha256", "lexicon_sha256", "format", "numpy")):
        raise ModelError(f"model metadata {meta_path} lacks sha256, lexicon_sha256, format or numpy; {RETRAIN_HINT}")
    lexicons = meta["lexicon_sha256"]
    if not isinstance(meta["sha256"], str) or not isinstance(meta["numpy"], str) or not (
        isinstance(lexicons, dict) and all(isinstance(v, str) for v in lexicons.values())
    ):
        raise ModelError(f"model metadata {meta_path} is malformed (sha256, numpy or lexicon_sha256 has the wrong "
                         f"type); {RETRAIN_HINT}")
    return meta


def _major(version: str) -> str:
    return str(version).split(".")[0]


def verify(path: Path, lexicon: Lexicon, raw: bytes | None = None) -> dict[str, Any]:
    """Check a model file against its sidecar and the lexicon, without unpickling it.

    scikit-learn's version is recorded but not required to match: the file holds
    only numpy arrays, numbers and dictionaries (no scikit-learn objects). A
    different numpy major version or file format is refused. With `raw`, the
    file's bytes as read once, those are checked (and then loaded: the file
    cannot change between the check and the load).
    """
    if not path.is_file():
        raise ModelError(f"no model file at {path}; {RETRAIN_HINT}")
    meta = _read_sidecar(path)
    if meta["format"] != FORMAT_VERSION:
        raise ModelError(
            f"model {path} has format {meta['format']!r}, this scorer reads {FORMAT_VERSION}; {RETRAIN_HINT}"
        )
    if raw is not None:
        size, sha = len(raw), hashlib.sha256(raw).hexdigest()
    else:
        size = path.stat().st_size
        sha = file_sha256(path) if size <= MAX_MODEL_BYTES else ""
    if size > MAX_MODEL_BYTES or sha != meta["sha256"]:
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
    """Verify, then load, the model at `path`. Raises `ModelError` with what to do.

    The file is read once; those bytes are checked and loaded, and loaded by an
    unpickler that builds numpy arrays and nothing else (`scorer.model_file`).
    """
    from .model_file import UnsafeModelFile, read_model_bytes

    where = Path(path)
    try:
        with where.open("rb") as handle:
            raw = handle.read(MAX_MODEL_BYTES + 1)
    except OSError:
        raw = None  # `verify` says what is wrong with the path
    meta = verify(where, lexicon, raw)
    if raw is None:  # verified by path, yet unreadable (permissions)
        raise ModelError(f"model file {where} cannot be read; {RETRAIN_HINT}")
    try:
        params = _decode(read_model_bytes(raw, MAX_INFLATED_BYTES))
    except UnsafeModelFile as exc:
        raise ModelError(f"model file {where} is refused: {exc}; {RETRAIN_HINT}") from None
    except Exception as exc:  # a verified file that still fails to load is corrupted or foreign
        raise ModelError(f"model file {where} cannot be read ({type(exc).__name__}); {RETRAIN_HINT}") from None
    return TrainedModel(_check_params(params, where), MappingProxyType(meta))


def shipped_model() -> Traversable:
    """Where the model shipped in `models/` (package `scorer.models`) is, whether or not it is there."""
    return importlib.resources.files("scorer.models").joinpath(MODEL_FILE)


def load_default_model(lexicon: Lexicon) -> TrainedModel | None:
    """The model shipped in `models/` (package `scorer.models`), or None if none is shipped."""
    resource = shipped_model()
    if not resource.is_file():
        return None
    with importlib.resources.as_file(resource) as path:
        return load_model(path, lexicon)


def recorded_sha256(model_path: str | Path | None) -> str | None:
    """The sha256 the sidecar records for the model at `model_path` (None: the shipped one).

    Read from the sidecar alone (a few kB), without loading the model; None
    when there is no model or its sidecar is missing or malformed (loading the
    model then says why).
    """
    try:
        if model_path is not None:
            return str(_read_sidecar(Path(model_path))["sha256"])
        resource = shipped_model()
        if not resource.is_file():
            return None
        with importlib.resources.as_file(resource) as path:
            return str(_read_sidecar(path)["sha256"])
    except ModelError:
        return None
