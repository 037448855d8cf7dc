"""UTF-16 offsets: what JavaScript's string indexes are, for any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scorer.api.offsets import add_utf16_offsets, utf16_converter


def utf16_offset(text: str, offset: int) -> int:
    """The slow, obviously right answer: encode the prefix and count code units."""
    return len(text[:offset].encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("plain ascii", 6, 6),
        ("é accent", 2, 2),  # U+00E9 is one unit
        ("🔥 CHILLING", 2, 3),  # U+1F525 is two units
        ("🔥🔥 RIOTS", 3, 5),
        ("a𝐀b", 3, 4),
        ("中文标题", 4, 4),
        ("x🔥", 2, 3),  # end of text
    ],
)
def test_converter_table(text: str, offset: int, expected: int) -> None:
    assert utf16_converter(text)(offset) == expected == utf16_offset(text, offset)


@given(st.text(max_size=60), st.data())
def test_converter_matches_encoding(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert utf16_converter(text)(offset) == utf16_offset(text, offset)


def test_add_offsets_copies_spans_and_skips_what_it_cannot_read() -> None:
    text = "🔥 SHOCK"
    spans = [{"start": 2, "end": 7, "text": "SHOCK"}, {"start": "2", "end": 7}, "not a span", {"end": 3}]
    out = add_utf16_offsets(spans, text)
    assert out[0] == {"start": 2, "end": 7, "text": "SHOCK", "start_utf16": 3, "end_utf16": 8}
    assert out[1:] == spans[1:]
    assert "start_utf16" not in spans[0]  # the input is not changed
