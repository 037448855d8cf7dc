"""The columns batch scoring adds to each row, shared by every engine.

The local engine, `score_frame` and the Dask engine all turn a `ScoreResult`
into the same columns with `result_columns`, so their outputs are identical.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

from ..core import MAX_BODY_CHARS, Scorer
from ..errors import InputError
from ..extract import check_text
from ..result import JSON_DIGITS, ScoreResult, rounded, rounded_by_key

__all__ = [
    "EVIDENCE_MODES",
    "TOP_EVIDENCE",
    "EvidenceMode",
    "added_columns",
    "load_scorer",
    "prefix_advice",
    "result_columns",
    "score_texts",
    "warning_codes",
]

EvidenceMode = Literal["none", "top", "all"]
EVIDENCE_MODES: tuple[EvidenceMode, ...] = ("none", "top", "all")
#: Spans kept by `--evidence top` (the issue asks for the three strongest).
TOP_EVIDENCE = 3
#: Between the warning codes of a row in the text form of the `warnings` column (CSV, Parquet, DataFrames).
WARNINGS_SEPARATOR = "; "


@functools.lru_cache(maxsize=4)
def load_scorer(model_path: str | None = None) -> Scorer:
    """The scorer for `model_path`, loaded once per process (cached by path, never by text).

    Worker processes (a local pool, a Dask worker, a Spark executor) call this
    for every chunk; only the first call reads the model.
    """
    return Scorer.load(model_path)


def added_columns(evidence: EvidenceMode, with_body: bool, prefix: str = "") -> list[str]:
    """Names of the columns scoring adds, in output order."""
    names = ["score", "label", "components"]
    if evidence != "none":
        names.append("evidence")
    names.append("warnings")
    if with_body:
        names += ["body_score", "body_label"]
    return [prefix + n for n in names]


def prefix_advice(
    clash: Sequence[str], existing: Collection[object], names: Callable[[str], list[str]], given: str, option: str
) -> str:
    """Which input columns `clash` with the added ones, and a prefix (`option`, formatted) under which none would.

    `names(prefix)` are the added columns under a prefix; the prefix offered is
    the first of `scorer_`, `scorer2_`, `scorer3_`, … that clashes with nothing in `existing`.
    """
    free, n = "scorer_", 1
    while any(name in existing for name in names(free)):  # a loop: mypyc (`setup.py`) makes a generator a list
        n += 1
        free = f"scorer{n}_"
    listed = ("a column " if len(clash) == 1 else "columns ") + ", ".join(map(repr, clash[:5]))
    listed += ", …" if len(clash) > 5 else ""
    with_prefix = f" with the prefix {given!r}" if given else ""
    example = ", ".join(names(free)[:2])
    return (
        f"already has {listed}, which scoring adds{with_prefix}; "
        f"give {'another prefix, e.g. ' if given else ''}{option.format(free)} to name the added columns apart "
        f"({example}, …)"
    )


def _compact(result: ScoreResult) -> str:
    """The strongest spans as short text: `CHILLING (loaded +0.90); RIOTS (shouting +0.60)`."""
    parts = [f"{span.text} ({span.kind} {weight:+.2f})" for span, weight in result.top_evidence(TOP_EVIDENCE)]
    return "; ".join(parts)


def result_columns(
    result: ScoreResult, evidence: EvidenceMode, with_body: bool, nested: bool, prefix: str = ""
) -> dict[str, Any]:
    """The added columns for one result.

    `nested` keeps components and full evidence as JSON objects (for JSON Lines);
    otherwise they are JSON text, so CSV, Parquet and DataFrames hold plain strings.
    `warnings` holds the codes of `ScoreResult.warnings` (`scorer.caveats`): a list when
    nested, else the codes joined by "; " ("" when there are none).
    """
    components = rounded_by_key(result.components)
    out: dict[str, Any] = {
        "score": rounded(result.score),
        "label": result.label,
        "components": components if nested else json.dumps(components, ensure_ascii=False),
    }
    if evidence == "top":
        out["evidence"] = _compact(result)
    elif evidence == "all":
        spans = [e.to_dict() for e in result.evidence]
        out["evidence"] = spans if nested else json.dumps(spans, ensure_ascii=False)
    codes = [w.code for w in result.warnings]
    out["warnings"] = codes if nested else WARNINGS_SEPARATOR.join(codes)
    if with_body:
        body = result.body or {}
        body_score = body.get("score")
        out["body_score"] = round(float(body_score), JSON_DIGITS) if isinstance(body_score, int | float) else None
        body_label = body.get("label")
        out["body_label"] = body_label if isinstance(body_label, str) else None
    return {prefix + k: v for k, v in out.items()} if prefix else out


def warning_codes(value: object) -> list[str]:
    """The codes in a `warnings` column value, nested (a list) or as text (`result_columns`)."""
    if isinstance(value, list):
        return [str(code) for code in value]
    return str(value).split(WARNINGS_SEPARATOR) if value else []


def score_texts(
    scorer: Scorer, texts: Sequence[object], bodies: Sequence[object] | None
) -> list[ScoreResult | InputError]:
    """Score many rows; a row that cannot be scored gets its `InputError` instead of a result.

    Valid rows go through `Scorer.score_many` together (the vectorised path).
    """
    errors: dict[int, InputError] = {}
    good: list[int] = []
    good_bodies: list[str | None] | None = None if bodies is None else []
    for i, text in enumerate(texts):
        try:
            check_text(text, "headline")
            body = _as_body(bodies[i]) if bodies is not None else None
            # A number or a list is refused here, not ignored.
            checked = None if body is None else check_text(body, "body", MAX_BODY_CHARS)
        except InputError as exc:
            errors[i] = exc
        else:
            good.append(i)
            if good_bodies is not None:
                good_bodies.append(checked)
    headlines = [str(texts[i]) for i in good]
    try:
        scored: list[ScoreResult | InputError] = list(scorer.score_many(headlines, good_bodies))
    except InputError:
        scored = [
            _score_one(scorer, h, None if good_bodies is None else good_bodies[k]) for k, h in enumerate(headlines)
        ]
    out: list[ScoreResult | InputError] = [errors.get(i, InputError("unscored")) for i in range(len(texts))]
    for i, result in zip(good, scored, strict=True):
        out[i] = result
    return out


def _as_body(body: object) -> object:
    """A row's body, or None when it has none (a missing or blank body scores the headline alone).

    A body that is not text (a JSON number or list) is given back as it is, so that
    `check_text` refuses the row, as `Scorer.score` does; it had been dropped silently.
    """
    if body is None or (isinstance(body, str) and not body.strip()):
        return None
    return body


def _score_one(scorer: Scorer, headline: str, body: str | None) -> ScoreResult | InputError:
    try:
        return scorer.score(headline, body)
    except InputError as exc:
        return exc
