"""Between HTTP and the library: validate JSON requests, score, and shape the JSON answers."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import orjson
from flask import Request
from werkzeug.exceptions import RequestEntityTooLarge

from scorer import Scorer
from scorer.core import MAX_BODY_CHARS
from scorer.errors import InputError
from scorer.extract import MAX_HEADLINE_CHARS, letters_problem
from scorer.result import ScoreResult

from .config import MAX_BATCH_ITEMS
from .errors import ApiError
from .offsets import add_utf16_fields, add_utf16_offsets, set_utf16_offsets, utf16_converter

__all__ = [
    "BATCH_FIELDS",
    "BLANK",
    "ITEM_FIELDS",
    "SCORE_FIELDS",
    "check_fields",
    "has_long_number",
    "key_ends",
    "parse_json",
    "read_body",
    "read_json",
    "result_json",
    "score_batch",
    "score_one",
    "validate_text",
]

#: Text made only of these is blank: white space to Python (`str.isspace`, what
#: the library checks) or to JSON Schema's `\s` (ECMA-262, which adds U+FEFF).
BLANK = re.compile(r"[\s\x1c-\x1f\x85\ufeff]*")
#: A run of 19 digits, once `_DIGITS_ONLY` has made every digit a 0: a number
#: that may not fit in 64 bits (see `parse_json`).
_LONG_NUMBER = b"0" * 19
#: Bytes to `bytes.translate` with: each digit to "0", anything else to a space.
_DIGITS_ONLY = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
#: An unescaped quote (after an even number of backslashes, none included), JSON
#: whitespace, then a colon: in a JSON text, where each key of an object ends,
#: and where a string opens with a colon (`": a"`), so never fewer than its keys.
#: Inside a string a quote is escaped (`"a\":b"`), and after a string value
#: comes a comma, a bracket or a brace, never a colon.
_KEY_END = re.compile(rb'(?<!\\)(?:\\\\)*"[ \t\n\r]*:')
#: A quote, JSON whitespace, a colon: without one, every `_KEY_END` is `":` exactly.
_SPACED_KEY_END = re.compile(rb'"[ \t\n\r]+:')
#: Backslashes before a `":` that `key_ends` counts with `bytes.count`, one pass each;
#: a longer run (only a hostile body has one) is left to the regular expression.
MAX_COUNTED_BACKSLASHES = 8
#: Characters of a client's key or field name quoted in an error message.
MAX_NAME_SHOWN = 60
#: Unknown fields named in an error message; more are counted.
MAX_UNKNOWN_SHOWN = 5
#: The fields of each request object, in the order the error messages list them.
SCORE_FIELDS = ("headline", "body")
BATCH_FIELDS = ("items",)
ITEM_FIELDS = ("id", "headline", "body")
#: Most `[` and `{` in a request body handed to orjson. orjson (3.8) parses
#: nested arrays and objects by recursion with no depth limit: 60,000 nested
#: objects (a 600 KB request) overflowed the C stack and killed the worker with
#: SIGSEGV. A body can nest no deeper than it has openers, and 4,096 levels
#: take about 0.5 MB of stack (measured: 1 MiB overflows near 8,000 levels of
#: objects); a body with more goes to the standard parser, which stops at the
#: interpreter's recursion limit. A full batch of 1,000 items has about 1,000.
MAX_FAST_OPENERS = 4_096
#: Deepest nesting of arrays and objects in a batch item's id. The id is echoed
#: in the answer: orjson writes no more than 255 levels, and the standard encoder
#: then failed at the recursion limit (an id 1,000 levels deep made the whole
#: batch a 500). No real id comes near 32.
MAX_ID_DEPTH = 32
#: The body analysis's lists of rows with offsets into the body, and their
#: offset fields; each field gets a `<field>_utf16` twin.
BODY_OFFSET_FIELDS: dict[str, tuple[str, ...]] = {
    "evidence": ("start", "end"),
    "quotes": ("start", "end", "content_start", "content_end", "speaker_start", "speaker_end"),
    "sentences": ("start", "end"),
    "excluded": ("start", "end"),
    "cross_promoted": ("start", "end", "headline_start", "headline_end"),
    "sources": ("first_offset",),
}


def read_json(request: Request) -> dict[str, Any]:
    """The request's JSON object; a 415, 413, 400 or 422 error if it is not one."""
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the body as JSON with Content-Type: application/json")
    charset = request.mimetype_params.get("charset", "utf-8").strip().lower()
    if charset not in ("utf-8", "utf8"):
        # JSON is UTF-8 (RFC 8259); a body declared in another charset was answered "not valid UTF-8" (400).
        raise ApiError(415, "unsupported_media_type", f"charset {charset!r} is not supported; send UTF-8 JSON")
    if request.content_encoding and request.content_encoding.strip().lower() != "identity":
        # A gzipped body was read as text and answered "not valid UTF-8 JSON" (400).
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Content-Encoding {request.content_encoding!r} is not supported; send the body uncompressed",
            {"Accept-Encoding": "identity"},
        )
    payload = parse_json(read_body(request))
    if not isinstance(payload, dict):
        raise ApiError(422, "invalid_input", "the request body must be a JSON object")
    return payload


def read_body(request: Request) -> bytes:
    """The request body; `RequestEntityTooLarge` (413) if it is over the size limit, sent with or without a length."""
    raw = request.get_data(cache=False)  # over MAX_CONTENT_LENGTH: Werkzeug raises 413
    if request.content_length is None and len(raw) == request.max_content_length and _more_to_read(request):
        raise RequestEntityTooLarge()
    return raw


def _more_to_read(request: Request) -> bool:
    """Whether a body sent without Content-Length (chunked) goes on past the size limit.

    Werkzeug stops reading such a body at the limit and returns what it read,
    so a body one byte over was cut and answered as malformed JSON (400), not
    413. The server's own stream, past Werkzeug's limit, says if there is more.
    """
    try:
        return bool(request.environ["wsgi.input"].read(1))
    except (OSError, ValueError):
        return False


def parse_json(raw: bytes) -> Any:
    """The JSON value in `raw`; a 400 `ApiError` if it is not JSON.

    orjson parses the common case several times faster than `json`. It parses
    integers beyond 64 bits as floats (an item id would come back changed) and
    refuses some inputs the standard parser takes (a lone surrogate escape,
    which the field checks then answer with a precise 422); both go to the
    standard parser, so orjson never changes what a request means. So do
    bodies with more openers than `MAX_FAST_OPENERS`, which orjson could
    nest deep enough to crash the process.

    An object with the same key twice is a 400: both parsers keep the last
    value, so `{"headline": "a", "headline": "b"}` scored "b" without a word.
    orjson cannot say whether it dropped a key; when its result has fewer keys
    than the body has key ends (`key_ends`), the standard parser,
    which sees every pair, decides.
    """
    if not has_long_number(raw) and _few_openers(raw):
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
        else:
            if _count_keys(value) == key_ends(raw):
                return value
    try:
        # Decoded here: given bytes, json.loads would also read UTF-16 and UTF-32.
        return json.loads(
            raw.decode("utf-8-sig"),
            object_pairs_hook=_unique_keys,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "malformed_json", "the request body is not valid UTF-8 JSON") from None


def has_long_number(raw: bytes) -> bool:
    """Whether `raw` holds a run of 19 digits or more.

    One pass of `bytes.translate` and one substring search, both in C: a
    regular expression tried at every byte took 200 µs on a batch of 100
    headlines (9 KB) and about 100 ms on a 4 MB body.
    """
    return _LONG_NUMBER in raw.translate(_DIGITS_ONLY)


def key_ends(raw: bytes) -> int:
    """How many times `_KEY_END` occurs in `raw`: in a JSON text, its keys (plus its strings that open with a colon).

    Where no quote is followed by white space and a colon, as in what
    `json.dumps` and `JSON.stringify` write, every key ends in `":`: those are
    counted in C, less the ones whose quote is escaped (after an odd number of
    backslashes), which are inside strings. A headline such as `"Exclusive": …`
    had sent its whole batch to the standard parser, at several times the cost.
    Otherwise the regular expression counts.
    """
    if _SPACED_KEY_END.search(raw):
        return len(_KEY_END.findall(raw))
    ends = raw.count(b'":')
    # `at_least[k]`: the `":` with k or more backslashes before them; exactly k is
    # at_least[k] - at_least[k + 1], and the quote is escaped for odd k. Each k is a
    # pass over the body: past `MAX_COUNTED_BACKSLASHES` the regular expression counts
    # in one pass (a run of 200,000 backslashes had taken 96 s, one pass each).
    slashes, sign = b"\\", -1
    for _ in range(MAX_COUNTED_BACKSLASHES):
        found = raw.count(slashes + b'":')
        if not found:
            return ends
        ends += sign * found
        slashes += b"\\"
        sign = -sign
    return len(_KEY_END.findall(raw))


def _count_keys(value: Any) -> int:
    """The keys of every object in `value`, nested ones included (without recursion: orjson nests deeper)."""
    count = 0
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            count += len(node)
            node = node.values()
        elif not isinstance(node, list):
            continue
        for child in node:
            if isinstance(child, (dict, list)):
                stack.append(child)
    return count


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object of `pairs`; a 400 `ApiError` naming a key that comes twice."""
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ApiError(
                    400, "duplicate_key", f"a JSON object has the key {_quote_name(key)} more than once; send it once"
                )
            seen.add(key)
    return obj


def _quote_name(name: str) -> str:
    """A client's key or field name, quoted for an error message and cut to `MAX_NAME_SHOWN` characters."""
    return f"'{name}'" if len(name) <= MAX_NAME_SHOWN else f"'{name[:MAX_NAME_SHOWN]}…'"


def _few_openers(raw: bytes) -> bool:
    # Counting is skipped for the usual short body, which cannot hold more.
    return len(raw) <= MAX_FAST_OPENERS or raw.count(b"[") + raw.count(b"{") <= MAX_FAST_OPENERS


def _finite_float(text: str) -> float:
    # Python reads 1e999 as infinity (orjson refuses it), which would be echoed
    # in a batch id as null; a number beyond the doubles is not read as another.
    value = float(text)
    if math.isinf(value):
        raise ApiError(400, "malformed_json", f"the number {text[:40]} is too large; numbers must fit in a double")
    return value


def _reject_constant(name: str) -> None:
    # NaN and Infinity are not JSON, though Python's parser accepts them.
    raise ValueError(f"{name} is not valid JSON")


def check_fields(obj: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    """A 422 `ApiError` naming the fields of `obj` not in `allowed` (and listing those), if it has any.

    A misspelt field (`"bdy"`) was ignored: the headline was scored without
    the body and nothing said so.
    """
    unknown = [name for name in obj if name not in allowed]
    if not unknown:
        return
    named = ", ".join(_quote_name(name) for name in unknown[:MAX_UNKNOWN_SHOWN])
    more = len(unknown) - MAX_UNKNOWN_SHOWN
    if more > 0:
        named += f" and {more:,} more"
    fields = ", ".join(f"'{name}'" for name in allowed[:-1])
    fields = f"{fields} and '{allowed[-1]}'" if fields else f"'{allowed[-1]}'"
    plural = "s" if len(unknown) > 1 else ""
    raise ApiError(422, "unknown_field", f"{where} has unknown field{plural} {named}; its fields are {fields}")


def validate_text(value: object, field: str, limit: int, required: bool = True) -> str | None:
    """`value` if it is a scorable string; else a 422 `ApiError` that names `field`."""
    if value is None:
        if required:
            raise ApiError(422, "missing_field", f"'{field}' is required", field=field)
        return None
    if not isinstance(value, str):
        raise ApiError(422, "wrong_type", f"'{field}' must be a string, not {_json_type(value)}", field=field)
    if BLANK.fullmatch(value):
        raise ApiError(422, "empty_field", f"'{field}' is empty; give the text to score", field=field)
    if len(value) > limit:
        message = f"'{field}' is {len(value):,} characters long; the limit is {limit:,}"
        raise ApiError(422, "too_long", message, field=field)
    if not value.isascii():  # isascii() takes constant time; ASCII has no surrogates
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            message = f"'{field}' contains an unpaired UTF-16 surrogate"
            raise ApiError(422, "invalid_text", message, field=field) from None
    problem = letters_problem(value, f"'{field}'")
    if problem:
        raise ApiError(422, "no_words", problem, field=field)
    return value


def _json_type(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def result_json(result: ScoreResult, body: str | None = None) -> dict[str, Any]:
    """`result.to_dict()` with UTF-16 offsets beside every code-point offset.

    Headline spans are converted against the headline; the body analysis's
    rows against `body`, the text that was analysed (the result does not keep
    it); a cross-promoted headline's evidence against that headline.
    """
    data = result.to_dict()
    # The evidence dicts are made fresh by each to_dict() call, so they get
    # their offsets in place; the body analysis is a shallow copy whose row
    # lists the result still holds, so those are copied.
    set_utf16_offsets(data["evidence"], result.headline)
    analysis = data.get("body")
    if body is not None and isinstance(analysis, dict):
        convert = utf16_converter(body)
        for key, fields in BODY_OFFSET_FIELDS.items():
            if isinstance(analysis.get(key), list):
                analysis[key] = add_utf16_fields(analysis[key], convert, fields)
        for promo in analysis.get("cross_promoted") or ():
            scored = promo.get("headline") if isinstance(promo, dict) else None
            if isinstance(scored, dict) and isinstance(scored.get("evidence"), list):
                evidence = add_utf16_offsets(scored["evidence"], str(scored["headline"]))
                promo["headline"] = {**scored, "evidence": evidence}
    return data


def _score(scorer: Scorer, headlines: list[str], bodies: list[str | None]) -> list[dict[str, Any]]:
    has_body = any(b is not None for b in bodies)
    results = scorer.score_many(headlines, bodies if has_body else None)
    return [result_json(result, body) for result, body in zip(results, bodies, strict=True)]


def score_one(scorer: Scorer, payload: dict[str, Any]) -> dict[str, Any]:
    """Score `{"headline": ..., "body": ...}`."""
    check_fields(payload, SCORE_FIELDS, "the request")
    headline = validate_text(payload.get("headline"), "headline", MAX_HEADLINE_CHARS)
    body = validate_text(payload.get("body"), "body", MAX_BODY_CHARS, required=False)
    assert headline is not None
    try:
        return _score(scorer, [headline], [body])[0]
    except InputError as exc:
        raise ApiError(422, "invalid_input", str(exc)) from None


def _item_error(exc: ApiError) -> dict[str, str]:
    return {"code": exc.code, "message": exc.message}


def score_batch(scorer: Scorer, payload: dict[str, Any]) -> dict[str, Any]:
    """Score `{"items": [{"id", "headline", "body"?}, ...]}`.

    Each result is `{"id": ..., <the fields of a single result>}`, or
    `{"id": ..., "error": {"code", "message"}}` for a bad item; order is kept.
    """
    check_fields(payload, BATCH_FIELDS, "the request")
    items = payload.get("items")
    if items is None:
        raise ApiError(422, "missing_field", "'items' is required: a list of {id, headline, body?} objects")
    if not isinstance(items, list):
        raise ApiError(422, "wrong_type", f"'items' must be an array, not {_json_type(items)}")
    if len(items) > MAX_BATCH_ITEMS:
        raise ApiError(422, "too_many_items", f"{len(items):,} items; a batch holds at most {MAX_BATCH_ITEMS:,}")
    results: list[dict[str, Any]] = [{} for _ in items]
    good: list[int] = []
    headlines: list[str] = []
    bodies: list[str | None] = []
    for i, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        too_deep = isinstance(item_id, (list, dict)) and _nested_deeper(item_id, MAX_ID_DEPTH)
        results[i]["id"] = None if too_deep else item_id
        try:
            if not isinstance(item, dict):
                raise ApiError(422, "wrong_type", f"items[{i}] must be an object, not {_json_type(item)}")
            if too_deep:
                raise ApiError(
                    422,
                    "invalid_id",
                    f"items[{i}].id nests arrays or objects more than {MAX_ID_DEPTH} levels deep; send a simpler id",
                )
            check_fields(item, ITEM_FIELDS, f"items[{i}]")
            headline = validate_text(item.get("headline"), "headline", MAX_HEADLINE_CHARS)
            body = validate_text(item.get("body"), "body", MAX_BODY_CHARS, required=False)
        except ApiError as exc:
            results[i]["error"] = _item_error(exc)
            continue
        assert headline is not None
        good.append(i)
        headlines.append(headline)
        bodies.append(body)
    _check_batch_size(headlines, bodies)
    for i, data in zip(good, _score_isolating(scorer, headlines, bodies), strict=True):
        results[i].update(data)
    return {"results": results}


#: Characters of all the headlines, and of all the bodies, that one batch may hold. An answer
#: lists each piece of evidence with its offsets and explanation: 1,000 headlines of 2,000
#: characters, one "!" in every three, had made a 186 MB answer held in a worker's memory.
#: 200,000 is 1,000 headlines of 200 characters; 1,000,000 is five of the longest bodies.
MAX_BATCH_HEADLINE_CHARS = 200_000
MAX_BATCH_BODY_CHARS = 1_000_000


def _check_batch_size(headlines: list[str], bodies: list[str | None]) -> None:
    """A 422 when a batch's headlines or bodies together are longer than one batch may hold."""
    for texts, name, limit in (
        (headlines, "headlines", MAX_BATCH_HEADLINE_CHARS),
        ([b for b in bodies if b is not None], "bodies", MAX_BATCH_BODY_CHARS),
    ):
        total = sum(map(len, texts))
        if total > limit:
            raise ApiError(
                422,
                "batch_too_large",
                f"the batch's {name} hold {total:,} characters; a batch holds at most {limit:,}: "
                "send them in smaller batches",
            )


def _nested_deeper(value: list[Any] | dict[str, Any], limit: int) -> bool:
    """Whether `value` nests arrays and objects more than `limit` levels deep (itself is level 1)."""
    level: list[Any] = [value]
    for _ in range(limit):
        level = [c for v in level for c in (v.values() if isinstance(v, dict) else v) if isinstance(c, (list, dict))]
        if not level:
            return False
    return True


def _score_isolating(scorer: Scorer, headlines: list[str], bodies: list[str | None]) -> list[dict[str, Any]]:
    """Score all at once; if the library still rejects one, score one by one so only it fails."""
    if not headlines:
        return []
    try:
        return _score(scorer, headlines, bodies)
    except InputError:
        out: list[dict[str, Any]] = []
        for headline, body in zip(headlines, bodies, strict=True):
            try:
                out.append(_score(scorer, [headline], [body])[0])
            except InputError as exc:
                out.append({"error": {"code": "invalid_input", "message": str(exc)}})
        return out
