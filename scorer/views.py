"""Pickling for the immutable result tuples, whose read-only mapping views cannot be pickled themselves.

`Extraction`, `Explanation` and `ScoreResult` hold `MappingProxyType` views so
that nobody changes a result after it is made. `pickle` refuses those views;
`reduce_with_views` stores them as plain dicts, and `rebuild_with_views` makes
read-only views of them again, so results cross processes (multiprocessing,
joblib, Dask, Spark) like any value.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["rebuild_with_views", "reduce_with_views"]


def reduce_with_views(value: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
    """`__reduce__` for a named tuple: every mapping field travels as a plain dict."""
    fields = [dict(v) if isinstance(v, Mapping) else v for v in value]
    return (rebuild_with_views, (type(value), *fields))


def rebuild_with_views(cls: Any, *fields: Any) -> Any:
    """The named tuple `cls` from pickled fields: dicts become read-only views again."""
    return cls._make(MappingProxyType(v) if isinstance(v, dict) else v for v in fields)
