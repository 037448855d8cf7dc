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
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["add_utf16_offsets", "utf16_converter"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_converter(text: str) -> Callable[[int], int]:
    """A function from a code-point offset in `text` to the UTF-16 offset."""
    if text.isascii() or max(text) <= "\uffff":
        return int
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda offset: offset + bisect_left(astral, offset)


def add_utf16_offsets(spans: Iterable[Any], text: str) -> list[Any]:
    """Copies of the span dicts with `start_utf16` and `end_utf16` added.

    Items that are not dicts with integer `start` and `end` are passed through
    unchanged (the body analysis owns its span format).
    """
    convert = utf16_converter(text)
    out: list[Any] = []
    for span in spans:
        if isinstance(span, dict) and type(span.get("start")) is int and type(span.get("end")) is int:
            span = {**span, "start_utf16": convert(span["start"]), "end_utf16": convert(span["end"])}
        out.append(span)
    return out
