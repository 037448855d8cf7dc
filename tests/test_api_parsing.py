"""Request bodies: the fast parser must read every JSON text exactly as the standard one does."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scorer.api.errors import ApiError
from scorer.api.scoring import has_long_number, key_ends, parse_json

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
    ],
)
def test_parse_json_edge_cases_match_the_standard_parser(raw: bytes, expected: Any) -> None:
    assert parse_json(raw) == expected == json.loads(raw)


@pytest.mark.parametrize(
    "raw", [b'{"id": 1e999}', b'{"id": -1E+400}', b'{"id": 1' + b"0" * 400 + b'.5}'], ids=["exp", "neg", "digits"]
)
def test_parse_json_rejects_numbers_beyond_a_double(raw: bytes) -> None:
    # json.loads reads them as infinity, which a batch echoed as an id of null
    with pytest.raises(ApiError, match="is too large") as caught:
        parse_json(raw)
    assert caught.value.status == 400


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_parse_json_reads_only_utf8(encoding: str) -> None:
    # the standard parser, given bytes, guessed UTF-16 and UTF-32 and read them
    with pytest.raises(ApiError, match="not valid UTF-8 JSON"):
        parse_json('{"headline": "x"}'.encode(encoding))


@pytest.mark.parametrize("raw", [b"{", b'{"a": NaN}', b"[" * 100_000, b"\xff\xfe{}", b'{"a": Infinity}', b""])
def test_parse_json_rejects_what_is_not_json(raw: bytes) -> None:
    with pytest.raises(ApiError, match="not valid UTF-8 JSON") as caught:
        parse_json(raw)
    assert caught.value.status == 400


def _nested(kind: str, depth: int) -> bytes:
    opener, closer = (b'{"a":', b"}") if kind == "objects" else (b"[", b"]")
    return b'{"headline": "x", "n": ' + opener * depth + b"1" + closer * depth + b"}"


@pytest.mark.parametrize("kind", ["objects", "arrays"])
def test_deeply_nested_json_is_a_400_and_does_not_crash_the_process(kind: str) -> None:
    # orjson 3.8 recursed without a limit: this killed the worker with SIGSEGV.
    # Run apart, so a crash fails this test rather than the whole session.
    code = (
        "import sys\n"
        "from scorer.api.errors import ApiError\n"
        "from scorer.api.scoring import parse_json\n"
        "try:\n"
        "    parse_json(sys.stdin.buffer.read())\n"
        "except ApiError as exc:\n"
        "    print(exc.status, exc.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=_nested(kind, 600_000), capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-500:]
    assert done.stdout.split() == [b"400", b"malformed_json"]


def test_nesting_a_batch_needs_still_parses() -> None:
    assert parse_json(_nested("arrays", 100))["headline"] == "x"
    batch = {"items": [{"id": {"n": [i]}, "headline": "[VIDEO] x"} for i in range(1_000)]}
    assert parse_json(json.dumps(batch).encode()) == batch


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (b'{"headline": "a", "headline": "b"}', "headline"),
        (b'{"headline":"a","body":"x","body" :"y"}', "body"),
        (b'{"items": [{"id": 1, "headline": "a", "headline": "b"}]}', "headline"),
        (b'{"items": [{"id": {"k": 1, "k": 2}, "headline": "a"}]}', "k"),
        (b'{"headline": "1' + b"0" * 30 + b'", "n": 1' + b"0" * 30 + b', "n": 2}', "n"),  # the standard parser's path
        (b'{"h\\u00e9": 1, "h\xc3\xa9": 2}', "h\u00e9"),  # the same key, escaped once
    ],
    ids=["top", "spaced", "item", "nested", "long-number", "escaped"],
)
def test_parse_json_refuses_a_duplicate_key_naming_it(raw: bytes, key: str) -> None:
    # Both parsers kept the last value, so {"headline": "a", "headline": "b"} scored "b" without a word.
    with pytest.raises(ApiError, match=f"key '{key}' more than once") as caught:
        parse_json(raw)
    assert (caught.value.status, caught.value.code) == (400, "duplicate_key")


@pytest.mark.parametrize(
    "raw",
    [
        b'{"headline": "he said \\": not a key", "body": "a\\":b"}',
        b'{"a": {"b": 1}, "c": {"b": 2}}',
        b'{"items": [{"id": 1, "headline": "x"}, {"id": 2, "headline": "y"}]}',
    ],
    ids=["colon-in-strings", "same-key-in-sibling-objects", "batch"],
)
def test_parse_json_accepts_the_same_key_in_different_objects(raw: bytes) -> None:
    assert parse_json(raw) == json.loads(raw)


_DIGIT_RUN = re.compile(rb"[0-9]{19}")
#: A quote not escaped by a backslash (after none, or an even number), JSON whitespace, a colon.
_KEY_END = re.compile(rb'(?<!\\)(?:\\\\)*"[ \t\n\r]*:')


def _strings_in(value: Any) -> list[str]:
    """Every string in `value`: keys and values, nested ones included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings_in(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    return []


def _keys_in(value: Any) -> int:
    """The keys of every object in `value`, nested ones included."""
    if isinstance(value, dict):
        return len(value) + sum(_keys_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(_keys_in(v) for v in value)
    return 0


@given(st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8")))
def test_the_fast_scans_find_what_the_regular_expressions_find(raw: bytes) -> None:
    assert has_long_number(raw) == bool(_DIGIT_RUN.search(raw))
    assert key_ends(raw) == len(_KEY_END.findall(raw))


TRICKY_TEXT = st.text(alphabet=st.sampled_from('\\":, \n\tab'), max_size=12) | st.text()


@given(
    st.recursive(
        st.none() | TRICKY_TEXT,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(TRICKY_TEXT, children, max_size=4),
        max_leaves=12,
    ),
    st.sampled_from([(", ", ": "), (",", ":"), (" , ", " : "), (",\n", ":\t")]),
)
def test_key_ends_are_exactly_the_keys_of_a_json_text(value: Any, separators: tuple[str, str]) -> None:
    # Strings full of quotes, backslashes and colons: only the keys' ends count, so
    # a headline like `"Exclusive": ...` no longer sends its batch to the slow parser.
    # A string that opens with a colon (after spaces) looks like a key end: one more
    # is counted, and the standard parser then decides (never one fewer).
    raw = json.dumps(value, separators=separators).encode("utf-8")
    opening_colons = sum(s.lstrip(" ").startswith(":") for s in _strings_in(value))
    assert key_ends(raw) == _keys_in(value) + opening_colons


@pytest.mark.parametrize(
    ("raw", "long", "ends"),
    [
        (b'{"id": 123456789012345678}', False, 1),  # 18 digits fit in 64 bits
        (b'{"id": 1234567890123456789}', True, 1),
        (b"12345678901234567x12345678901234567", False, 0),  # two short runs are not one long one
        (b'{"a": 1, "b" :2, "c"\n\t: 3}', False, 3),  # whitespace before a colon: the regular expression counts
        (b'{"h": "he said \\": no"}', False, 1),  # an escaped quote and a colon, inside a string: no key
        (b'{"h": "a\\\\": 1}', False, 2),  # a string ending in a backslash, then a real key end
        (b'{"h": "a\\\\\\": 1"}', False, 1),  # an escaped backslash, then an escaped quote
        (b'{"h": "a\\\\\\\\": 1}', False, 2),  # two escaped backslashes, then a real key end
        (b"", False, 0),
    ],
)
def test_the_fast_scans_on_edge_cases(raw: bytes, long: bool, ends: int) -> None:
    assert (has_long_number(raw), key_ends(raw)) == (long, ends)


def test_quoted_headlines_with_colons_stay_on_the_fast_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before, `"Exclusive": ...` in a headline looked like one key too many, and
    # the whole batch went to the standard parser.
    items = [{"id": i, "headline": f'"Exclusive": minister says "no" to plan {i}\\'} for i in range(50)]
    raw = json.dumps({"items": items}).encode("utf-8")

    def standard_parser_called(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the body went to the standard parser")

    monkeypatch.setattr("scorer.api.scoring.json.loads", standard_parser_called)
    assert parse_json(raw) == {"items": items}


@pytest.mark.parametrize("run", [1, 2, 7, 8, 9, 16, 17, 200_000])
@pytest.mark.parametrize("spaced", [False, True])
def test_key_ends_of_a_long_run_of_backslashes(run: int, spaced: bool) -> None:
    # Counting went one pass over the body per backslash: 200,000 of them in a 200 KB
    # body held a worker for 96 s. Past a few, the regular expression counts in one pass.
    colon = b" :" if spaced else b":"
    raw = b'{"h": "' + b"\\" * run + b'"' + colon + b' 1, "k": 2}'
    escaped = run % 2 == 1  # an odd run escapes the quote after it; an even one escapes only itself
    assert key_ends(raw) == len(_KEY_END.findall(raw)) == (2 if escaped else 3)
