"""UTF-16 offsets for evidence spans, so JavaScript can highlight after an emoji.

Python offsets count code points; JavaScript strings count UTF-16 code units,
in which every character outside the Basic Multilingual Plane (most emoji)
takes two. The UTF-16 offset of code point `i` is `i` plus the number of such
characters before `i`: one C-speed scan of the text finds them, then each
offset is a binary search, so a body with thousands of spans stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["add_utf16_fields", "add_utf16_offsets", "has_astral", "set_utf16_offsets", "utf16_converter"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_converter(text: str) -> Callable[[int], int]:
    """A function from a code-point offset in `text` to the UTF-16 offset."""
    if not has_astral(text):
        return int
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda offset: offset + bisect_left(astral, offset)


def has_astral(text: str) -> bool:
    """Whether `text` holds a character outside the BMP (one that takes two UTF-16 units)."""
    # isascii() is constant-time in CPython; the regex scan runs in C.
    return not text.isascii() and _ASTRAL.search(text) is not None


def add_utf16_offsets(spans: Iterable[Any], text: str) -> list[Any]:
    """Copies of the span dicts with `start_utf16` and `end_utf16` added.

    Items that are not dicts with integer `start` and `end` are passed through
    unchanged (the body analysis owns its span format).
    """
    out = [dict(span) if isinstance(span, dict) else span for span in spans]
    set_utf16_offsets(out, text)
    return out


def set_utf16_offsets(spans: list[Any], text: str) -> None:
    """Add `start_utf16` and `end_utf16` to the span dicts in `spans`, in place.

    For span dicts the caller owns (a fresh `to_dict()`), which saves a copy of
    each. Without characters outside the BMP (nearly every headline) UTF-16
    offsets are the code-point offsets, and nothing is searched.
    """
    convert = utf16_converter(text)
    for span in spans:
        if isinstance(span, dict):
            start, end = span.get("start"), span.get("end")
            if type(start) is int and type(end) is int:
                span["start_utf16"] = convert(start)
                span["end_utf16"] = convert(end)


def add_utf16_fields(rows: Iterable[Any], convert: Callable[[int], int], fields: Sequence[str]) -> list[Any]:
    """Copies of the row dicts with `<field>_utf16` beside each offset field in `fields`.

    `convert` is `utf16_converter(text)` for the text the offsets point into.
    An offset that is None (a quotation with no speaker) gets None; rows that
    are not dicts, and fields that are absent or not integers, are left alone.
    """
    out = []
    for row in rows:
        if isinstance(row, dict):
            row = dict(row)
            for name in fields:
                value = row.get(name)
                if type(value) is int:
                    row[f"{name}_utf16"] = convert(value)
                elif value is None and name in row:
                    row[f"{name}_utf16"] = None
        out.append(row)
    return out
