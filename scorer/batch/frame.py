"""`score_frame`: batch scoring for a pandas DataFrame, and the partition function for Dask and Spark.

The same function scores a notebook's DataFrame, each partition of a
`dask.dataframe` (`map_partitions`) and each batch of a Spark `mapInPandas`,
so every engine produces identical columns.
"""

from __future__ import annotations

import math
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
    text_column: str = "headline",
    body_column: str | None = None,
    *,
    evidence: EvidenceMode = "top",
    prefix: str = "",
    scorer: Scorer | None = None,
    model_path: str | None = None,
) -> pd.DataFrame:
    """A copy of `df` with score, label, components, evidence, warnings (and body) columns added.

    Rows that cannot be scored (empty, missing or over-long text) get a missing
    score and the reason in the `error` column, so one bad row never stops a
    notebook. Components and full evidence are JSON text.

    >>> import pandas as pd
    >>> scored = score_frame(pd.DataFrame({"headline": ["Markets SOAR!", "Budget passed"]}), "headline")
    >>> list(scored.columns)
    ['headline', 'score', 'label', 'components', 'evidence', 'warnings', 'error']
    """
    import pandas as pd

    _check_frame(df, text_column)
    if evidence not in EVIDENCE_MODES:
        raise InputError(f"evidence must be one of {', '.join(EVIDENCE_MODES)}, not {evidence!r}")
    for column in (text_column, body_column):
        if column is not None and column not in df.columns:
            raise InputError(f"no column {column!r} in the DataFrame; it has: {', '.join(map(str, df.columns[:20]))}")
        if column is not None and isinstance(df[column], pd.DataFrame):  # the name is on more than one column
            raise InputError(f"the DataFrame has more than one column named {column!r}; rename them first")
    with_body = body_column is not None
    names = frame_columns(evidence, with_body, prefix)
    clash = [n for n in names if n in df.columns]
    if clash:
        names_for = lambda p: frame_columns(evidence, with_body, p)  # noqa: E731
        raise InputError(f"the DataFrame {prefix_advice(clash, df.columns, names_for, prefix, 'prefix={!r}')}")
    rows: list[dict[str, Any]] = []
    if len(df):
        texts = [_clean(v, pd.NA) for v in df[text_column].tolist()]
        bodies = None if body_column is None else [_clean(v, pd.NA) for v in df[body_column].tolist()]
        for result in score_texts(scorer or load_scorer(model_path), texts, bodies):
            if isinstance(result, InputError):
                rows.append({error_column(prefix): str(result)})
            else:
                rows.append({**result_columns(result, evidence, with_body, False, prefix), error_column(prefix): None})
    added = pd.DataFrame.from_records(rows, columns=names, index=df.index)
    added[prefix + "score"] = added[prefix + "score"].astype("float64")
    if with_body:
        added[prefix + "body_score"] = added[prefix + "body_score"].astype("float64")
    for name in names:
        if name not in (prefix + "score", prefix + "body_score"):
            # None for "no value", whatever the other rows hold: pandas fills a column that mixes
            # text and None with NaN, which is truthy (`if row.error:` would flag every scored row).
            column = added[name].astype(object)
            added[name] = column.where(column.notna(), None)
    return pd.concat([df, added], axis=1)


def _check_frame(df: object, text_column: str) -> None:
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


def _clean(value: object, na: object) -> object:
    """pandas' missing values (None, NaN, and `na`, which is `pd.NA` of nullable and Arrow columns) count as no text."""
    if value is None or value is na or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value
