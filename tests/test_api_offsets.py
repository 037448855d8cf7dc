"""UTF-16 offsets: what JavaScript's string indexes are, for any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scorer.api.offsets import add_utf16_fields, add_utf16_offsets, has_astral, set_utf16_offsets, utf16_converter


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


@given(st.lists(st.sampled_from(["a", "é", "中", "🔥", "𝐀", " ", "Z"]), max_size=40), st.data())
def test_set_offsets_in_place_matches_encoding(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    bounds = sorted(data.draw(st.lists(st.integers(min_value=0, max_value=len(text)), min_size=2, max_size=2)))
    spans = [{"start": bounds[0], "end": bounds[1]}]
    set_utf16_offsets(spans, text)
    assert spans[0]["start_utf16"] == utf16_offset(text, bounds[0])
    assert spans[0]["end_utf16"] == utf16_offset(text, bounds[1])


@pytest.mark.parametrize(
    ("text", "astral"),
    [
        ("plain", False),
        ("café 中文", False),
        ("\uffff edge", False),
        ("🔥 fire", True),
        ("x\U00010000", True),
        ("", False),
    ],
)
def test_has_astral(text: str, astral: bool) -> None:
    assert has_astral(text) is astral


def test_add_fields_copies_rows_and_keeps_null_offsets_null() -> None:
    text = "🔥 said Smith"
    rows = [{"speaker_start": 8, "speaker_end": None, "other": 1}, "not a row", {"speaker_start": "8"}]
    out = add_utf16_fields(rows, utf16_converter(text), ("speaker_start", "speaker_end", "absent"))
    assert out[0] == {**rows[0], "speaker_start_utf16": 9, "speaker_end_utf16": None}
    assert out[1:] == rows[1:]
    assert "speaker_start_utf16" not in rows[0]
