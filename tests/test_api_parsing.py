"""Request bodies: the fast parser must read every JSON text exactly as the standard one does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scorer.api.errors import ApiError
from scorer.api.scoring import parse_json

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES, st.booleans())
def test_parse_json_reads_what_json_reads(value: Any, ascii_only: bool) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
    parsed = parse_json(raw)
    assert parsed == value
    assert json.dumps(parsed) == json.dumps(value)  # same types too: 10**30 stays an int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"id": 123456789012345678901234567890}', {"id": 123456789012345678901234567890}),
        (b'{"id": 18446744073709551616}', {"id": 2**64}),
        (b'{"headline": "lone \\ud800"}', {"headline": "lone \ud800"}),
        (b'\xef\xbb\xbf{"headline": "x"}', {"headline": "x"}),
        (b'{"a": 1, "a": 2}', {"a": 2}),
    ],
)
def test_parse_json_edge_cases_match_the_standard_parser(raw: bytes, expected: Any) -> None:
    assert parse_json(raw) == expected == json.loads(raw)


@pytest.mark.parametrize("raw", [b"{", b'{"a": NaN}', b"[" * 100_000, b"\xff\xfe{}", b'{"a": Infinity}', b""])
def test_parse_json_rejects_what_is_not_json(raw: bytes) -> None:
    with pytest.raises(ApiError, match="not valid UTF-8 JSON") as caught:
        parse_json(raw)
    assert caught.value.status == 400
