"""`score_frame`: batch scoring for a pandas DataFrame, and the partition function for Dask and Spark.

The same function scores a notebook's DataFrame, each partition of a
`dask.dataframe` (`map_partitions`) and each batch of a Spark `mapInPandas`,
so every engine produces identical columns.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from ..core import Scorer
from ..errors import InputError
from .columns import (
    EVIDENCE_MODES,
    EvidenceMode,
    added_columns,
    load_scorer,
    prefix_advice,
    result_columns,
    score_texts,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["error_column", "frame_columns", "score_frame"]


def error_column(prefix: str = "") -> str:
    """The column that says why a row could not be scored (empty when it was)."""
    return prefix + "error"


def frame_columns(evidence: EvidenceMode, with_body: bool, prefix: str = "") -> list[str]:
    """Columns `score_frame` adds, in order."""
    return [*added_columns(evidence, with_body, prefix), error_column(prefix)]


def score_frame(
    df: pd.DataFrame,
    text_column: Hashable = "headline",
    body_column: Hashable | None = None,
    *,
    evidence: EvidenceMode = "top",
    prefix: str = "",
    scorer: Scorer | None = None,
    model_path: str | None = None,
) -> pd.DataFrame:
    """A copy of `df` with score, label, components, evidence, warnings (and body) columns added.

    - `text_column`: the headlines; `body_column`: article bodies, adding `body_score` and
      `body_label` (a missing or blank body scores the headline alone).
    - `evidence`: `"top"` (the three strongest spans as short text, the default), `"all"`
      (every span as JSON text) or `"none"` (no evidence column).
    - `prefix`: put before every added column's name, when the frame already has one of them.
    - `scorer` (a loaded `Scorer`) or `model_path` (a model file): what scores; by default the shipped model.

    The index, row order, `attrs` and the input's columns are kept; `df` is not changed.
    `score` is a float rounded to 6 places (NaN for a row that was not scored);
    `components` is JSON text; `warnings` the codes of the row's caveats joined by "; ".
    A row that cannot be scored gets the reason in the `error` column (None when it
    was scored), so one bad row never stops a notebook: missing, empty or over-long
    text, a value that is not text, text with no Latin letter, or a body that is
    itself over-long or not text (the whole row then fails, as in `scorer batch`).

    >>> import pandas as pd
    >>> scored = score_frame(pd.DataFrame({"headline": ["Markets SOAR!", "Budget passed"]}), "headline")
    >>> list(scored.columns)
    ['headline', 'score', 'label', 'components', 'evidence', 'warnings', 'error']
    """
    import pandas as pd

    _check_frame(df, text_column)
    _check_arguments(text_column, body_column, prefix, scorer)
    if evidence not in EVIDENCE_MODES:
        raise InputError(f"evidence must be one of {', '.join(EVIDENCE_MODES)}, not {evidence!r}")
    for column in (text_column, body_column):
        if column is not None and column not in df.columns:
            more = ", …" if len(df.columns) > 20 else ""
            raise InputError(
                f"no column {column!r} in the DataFrame; it has: {', '.join(map(str, df.columns[:20]))}{more}"
            )
        if column is not None and isinstance(df[column], pd.DataFrame):  # the name is on more than one column
            raise InputError(f"the DataFrame has more than one column named {column!r}; rename them first")
    with_body = body_column is not None
    names = frame_columns(evidence, with_body, prefix)
    clash = [n for n in names if n in df.columns]
    if clash:
        names_for = lambda p: frame_columns(evidence, with_body, p)  # noqa: E731
        raise InputError(f"the DataFrame {prefix_advice(clash, df.columns, names_for, prefix, 'prefix={!r}')}")
    error = error_column(prefix)
    values: dict[str, list[Any]] = {name: [] for name in names}
    if len(df):
        texts = [_clean(v, pd.NA) for v in df[text_column].tolist()]
        bodies = None if body_column is None else [_clean(v, pd.NA) for v in df[body_column].tolist()]
        for result in score_texts(scorer or load_scorer(model_path), texts, bodies):
            row = (
                {error: str(result)}
                if isinstance(result, InputError)
                else {**result_columns(result, evidence, with_body, False, prefix), error: None}
            )
            for name, cells in values.items():
                cells.append(row.get(name))
    # Columns are set on a shallow copy: its index (names, levels and dtype, even with no rows),
    # `attrs` and `columns.name` are the input's. Building the added columns as a frame and joining
    # it lost the index of an empty frame, and failed on an empty MultiIndex.
    # pandas 3 copies on write, so a shallow copy cannot change `df`; pandas 2 needs a deep one.
    out = df.copy(deep=int(pd.__version__.split(".")[0]) < 3)
    for name, cells in values.items():
        numeric = name in (prefix + "score", prefix + "body_score")
        # None for "no value" in the text columns, whatever the other rows hold: pandas fills a column
        # that mixes text and None with NaN, which is truthy (`if row.error:` would flag every scored row).
        out[name] = pd.Series(
            [math.nan if v is None else v for v in cells] if numeric else cells,
            index=df.index,
            dtype="float64" if numeric else object,
        )
    return out


def _check_frame(df: object, text_column: Hashable) -> None:
    """Refuse a Series, a non-frame or MultiIndex columns, saying what to pass instead."""
    import pandas as pd

    if isinstance(df, pd.Series):
        name = df.name if isinstance(df.name, str) else text_column
        raise InputError(
            f"score_frame takes a DataFrame, not a Series; pass series.to_frame({name!r}) with text_column={name!r}"
        )
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"score_frame takes a pandas DataFrame, not {type(df).__name__}")
    if isinstance(df.columns, pd.MultiIndex):
        raise InputError(
            f"score_frame needs one level of column names, but the DataFrame's columns are a MultiIndex of "
            f"{df.columns.nlevels} levels (e.g. {df.columns[0]!r}); flatten them first, e.g. "
            "df.columns = ['_'.join(map(str, c)) for c in df.columns], and name the text column as flattened"
        )


def _check_arguments(text_column: object, body_column: object, prefix: object, scorer: object) -> None:
    """Refuse arguments of the wrong type with what was expected, before any work."""
    for name, column in (("text_column", text_column), ("body_column", body_column)):
        if isinstance(column, list | tuple | set | dict):  # a tuple names no column outside a MultiIndex, refused
            raise InputError(f"{name} must be one column's name, not a {type(column).__name__} of them")
    if not isinstance(prefix, str):
        raise InputError(f"prefix must be a string (\"\" for none), not {type(prefix).__name__}")
    if scorer is not None and not isinstance(scorer, Scorer):
        raise InputError(f"scorer must be a scorer.Scorer (Scorer.load()) or None, not {type(scorer).__name__}")


def _clean(value: object, na: object) -> object:
    """pandas' missing values (None, NaN, and `na`, which is `pd.NA` of nullable and Arrow columns) count as no text."""
    if value is None or value is na or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value
