"""The JSON API through Flask's test client: every endpoint and every error status."""

from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import zlib
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from gunicorn.http.errors import InvalidChunkSize
from scorer.api import ConfigError, create_app
from scorer.api.scoring import BATCH_FIELDS, ITEM_FIELDS, SCORE_FIELDS

from scorer import Scorer
from scorer.core import MAX_BODY_CHARS
from scorer.extract import MAX_HEADLINE_CHARS

SEED = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"
KEY = "test-key-0123456789abcdef"
OTHER_KEY = "other-key-0123456789abcdef"


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


def make_app(scorer: Scorer, **settings: Any) -> Flask:
    return create_app({"SCORER_INSTANCE": scorer, **settings})


@pytest.fixture
def client(scorer: Scorer) -> FlaskClient:
    return make_app(scorer).test_client()


def error_code(response: Any) -> str:
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    return str(body["error"]["code"])


# --- the endpoints -----------------------------------------------------------------------


def test_score_returns_the_library_result_with_utf16_offsets(client: FlaskClient, scorer: Scorer) -> None:
    response = client.post("/v1/score", json={"headline": SEED})
    assert response.status_code == 200
    data = response.get_json()
    expected = scorer.score(SEED).to_dict()
    for key in ("headline", "score", "label", "components", "features", "model", "body"):
        assert data[key] == expected[key]
    assert [(e["start"], e["end"], e["kind"]) for e in data["evidence"]] == [
        (e["start"], e["end"], e["kind"]) for e in expected["evidence"]
    ]
    for span in data["evidence"]:
        assert SEED[span["start"] : span["end"]] == span["text"]
        assert (span["start_utf16"], span["end_utf16"]) == (span["start"], span["end"])  # no astral characters
    assert data["label"] == "high"
    assert "CHILLING" in {e["text"] for e in data["evidence"]}


def test_score_utf16_offsets_count_an_emoji_twice(client: FlaskClient) -> None:
    headline = "🔥🔥 Minister SLAMS CHILLING report"
    data = client.post("/v1/score", json={"headline": headline}).get_json()
    utf16 = headline.encode("utf-16-le")
    spans = [e for e in data["evidence"] if e["text"] == "CHILLING"]
    assert spans
    for span in spans:
        assert span["start_utf16"] == span["start"] + 2
        assert utf16[2 * span["start_utf16"] : 2 * span["end_utf16"]].decode("utf-16-le") == "CHILLING"


def test_score_with_body_passes_the_body_analysis_through(client: FlaskClient, scorer: Scorer) -> None:
    body = "Officials said the situation was calm. Critics called the move a DISASTER."
    data = client.post("/v1/score", json={"headline": SEED, "body": body}).get_json()
    expected = scorer.score(SEED, body=body).to_dict()["body"]
    assert isinstance(data["body"], dict)
    assert set(data["body"]) == set(expected)
    for span in data["body"].get("evidence", []):
        assert body[span["start"] : span["end"]] == span["text"]
        assert span["start_utf16"] == span["start"]


def test_utf16_offsets_equal_code_points_without_emoji_and_shift_after_one(client: FlaskClient) -> None:
    for headline, shift in [
        ("Café crisis: Minister SLAMS CHILLING report", 0),
        ("Café 🔥: Minister SLAMS CHILLING report", 1),
    ]:
        data = client.post("/v1/score", json={"headline": headline}).get_json()
        utf16 = headline.encode("utf-16-le")
        assert data["evidence"]
        for span in data["evidence"]:
            after_emoji = shift if span["start"] > headline.find(":") else 0
            assert span["start_utf16"] == span["start"] + after_emoji
            assert utf16[2 * span["start_utf16"] : 2 * span["end_utf16"]].decode("utf-16-le") == span["text"]


def test_body_utf16_offsets_after_an_emoji_and_the_result_left_unchanged(scorer: Scorer) -> None:
    from scorer.api.scoring import result_json

    body = "🔥 Officials said the situation was calm. Critics called the move a DISASTER and a CHILLING betrayal."
    result = scorer.score(SEED, body=body)
    before = result.to_dict()
    data = result_json(result, body)
    spans = [s for key in ("evidence", "quotes") for s in data["body"].get(key, []) if "start" in s]
    assert spans
    for span in spans:
        assert span["start_utf16"] == span["start"] + 1  # every span is after the emoji
        assert (
            body.encode("utf-16-le")[2 * span["start_utf16"] : 2 * span["end_utf16"]].decode("utf-16-le")
            == (body[span["start"] : span["end"]])
        )
    assert result.to_dict() == before  # offsets were added to copies, not to the result's own spans
    assert result_json(result, body) == data


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


BODY_WITH_EMOJI = (
    "🔥 According to a Reuters report, officials 😀 said the plan was fine. "
    '"This is an OUTRAGEOUS 💥 DISASTER," said John Smith. Critics SLAMMED the plan as a SHAMBLES.'
    "\n\nREAD MORE: 🔥 Minister in SHOCK row over CHILLING plan\n\nPhotograph: Getty Images\n\nExperts warn."
)


@pytest.mark.parametrize(
    ("key", "fields"),
    [
        ("sentences", ("start", "end")),
        ("quotes", ("start", "end", "content_start", "content_end", "speaker_start", "speaker_end")),
        ("cross_promoted", ("start", "end", "headline_start", "headline_end")),
        ("sources", ("first_offset",)),
        ("excluded", ("start", "end")),
    ],
)
def test_every_body_offset_has_a_utf16_twin(client: FlaskClient, key: str, fields: tuple[str, ...]) -> None:
    # only evidence and quotes' start/end had one: a sentence or speaker after an emoji was misplaced in JavaScript
    body = BODY_WITH_EMOJI
    rows = client.post("/v1/score", json={"headline": SEED, "body": body}).get_json()["body"][key]
    assert rows
    for row in rows:
        for field in fields:
            assert row[f"{field}_utf16"] == (None if row[field] is None else _utf16(body, row[field]))
    assert any(row[f"{fields[0]}_utf16"] > row[fields[0]] for row in rows)  # some come after an emoji


def test_cross_promoted_headline_evidence_has_utf16_offsets(client: FlaskClient) -> None:
    promo = client.post("/v1/score", json={"headline": SEED, "body": BODY_WITH_EMOJI}).get_json()["body"]
    headline = promo["cross_promoted"][0]["headline"]
    assert headline["headline"].startswith("🔥")
    for span in headline["evidence"]:
        assert (span["start_utf16"], span["end_utf16"]) == (span["start"] + 1, span["end"] + 1)


def test_batch_keeps_order_and_ids_and_reports_bad_items_inline(client: FlaskClient, scorer: Scorer) -> None:
    items = [
        {"id": "a", "headline": SEED},
        {"id": 2, "headline": ""},
        {"id": None, "headline": "Council approves budget for road repairs"},
        "not an object",
        {"id": {"nested": True}, "headline": 42},
        {"id": "long", "headline": "x" * (MAX_HEADLINE_CHARS + 1)},
        {"id": "nobody"},
        {"id": "z", "headline": "You won't BELIEVE what happened next!!!"},
    ]
    response = client.post("/v1/score/batch", json={"items": items})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == ["a", 2, None, None, {"nested": True}, "long", "nobody", "z"]
    codes = [r["error"]["code"] if "error" in r else None for r in results]
    assert codes == [None, "empty_field", None, "wrong_type", "wrong_type", "too_long", "missing_field", None]
    for item, result in zip(items, results, strict=True):
        if "error" not in result:
            assert isinstance(item, dict)
            assert result["score"] == pytest.approx(scorer.score(item["headline"]).score, abs=1e-6)
            assert result["headline"] == item["headline"]


def test_results_carry_warnings_single_and_batch(client: FlaskClient) -> None:
    french = "Le gouvernement annonce une réforme choc des retraites"
    single = client.post("/v1/score", json={"headline": french}).get_json()
    assert [w["code"] for w in single["warnings"]] == ["unfamiliar_words"]
    items = [{"id": 1, "headline": SEED}, {"id": 2, "headline": "Wow"}, {"id": 3, "headline": french}]
    results = client.post("/v1/score/batch", json={"items": items}).get_json()["results"]
    assert [[w["code"] for w in r["warnings"]] for r in results] == [[], ["too_short"], ["unfamiliar_words"]]
    assert results[2]["warnings"] == single["warnings"]


def test_batch_echoes_ids_orjson_cannot_encode(client: FlaskClient) -> None:
    ids = [10**30, -(10**25), 1.5, "ü", [1, {"a": None}]]
    response = client.post("/v1/score/batch", json={"items": [{"id": i, "headline": SEED} for i in ids]})
    assert response.status_code == 200
    assert [r["id"] for r in response.get_json()["results"]] == ids


def test_batch_echoes_ids_holding_a_lone_surrogate(client: FlaskClient) -> None:
    # JSON may escape a lone surrogate; UTF-8 cannot hold one, so it comes back escaped (was a 500).
    raw = '{"items": [{"id": "a\\ud800", "headline": "x"}, {"id": {"\\udc00": 1}, "headline": "ü"}]}'
    response = client.post("/v1/score/batch", data=raw, content_type="application/json")
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == ["a\ud800", {"\udc00": 1}]
    assert [r["headline"] for r in results] == ["x", "ü"]


def _nested_id(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def test_batch_id_nested_too_deep_is_an_inline_error(client: FlaskClient) -> None:
    ids = [_nested_id(32), _nested_id(33), "deeper", "after"]
    items = json.dumps({"items": [{"id": i, "headline": SEED} for i in ids]})
    raw = items.replace('"deeper"', "[" * 1_000 + "1" + "]" * 1_000)  # too deep for the client's encoder
    response = client.post("/v1/score/batch", data=raw, content_type="application/json")
    assert response.status_code == 200  # was a 500 for the whole batch: the id could not be encoded
    results = response.get_json()["results"]
    assert results[0]["id"] == ids[0] and results[0]["label"] == "high"
    for result in results[1:3]:
        assert result == {"id": None, "error": {"code": "invalid_id", "message": result["error"]["message"]}}
        assert "32 levels" in result["error"]["message"]
    assert results[3]["id"] == "after" and results[3]["label"] == "high"


def test_batch_id_beyond_a_double_is_a_400_not_an_id_of_null(client: FlaskClient) -> None:
    raw = '{"items": [{"id": 1e999, "headline": "x"}]}'
    response = client.post("/v1/score/batch", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert error_code(response) == "malformed_json"
    assert "1e999 is too large" in response.get_json()["error"]["message"]


def test_wrong_types_are_named_in_json_terms(client: FlaskClient) -> None:
    # the messages said "not str" and "not NoneType"
    items = client.post("/v1/score/batch", json={"items": ["x", None, 1, [], True]}).get_json()["results"]
    assert [r["error"]["message"].rpartition(", not ")[2] for r in items] == [
        "a string",
        "null",
        "a number",
        "an array",
        "a boolean",
    ]
    envelope = client.post("/v1/score/batch", json={"items": "abc"})
    assert error_code(envelope) == "wrong_type"
    assert envelope.get_json()["error"]["message"] == "'items' must be an array, not a string"


def test_batch_scores_the_same_as_single_requests(client: FlaskClient) -> None:
    headlines = [SEED, "Council approves budget", "SHOCKING: you won't believe this"]
    batch = client.post("/v1/score/batch", json={"items": [{"id": i, "headline": h} for i, h in enumerate(headlines)]})
    singles = [client.post("/v1/score", json={"headline": h}).get_json() for h in headlines]
    for got, single in zip(batch.get_json()["results"], singles, strict=True):
        assert {k: v for k, v in got.items() if k != "id"} == single


def test_model_card(client: FlaskClient, scorer: Scorer) -> None:
    card = client.get("/v1/model").get_json()
    assert card["name"] == scorer.model.name and card["version"] == scorer.model.version
    assert json.loads(json.dumps(scorer.model.card())) == card


def test_health_and_readiness(client: FlaskClient, scorer: Scorer) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ready", "model": scorer.model_info}


def test_readiness_fails_when_the_model_cannot_score(scorer: Scorer) -> None:
    class Broken:
        name, version, thresholds, vocabulary = "broken", "0", (0.35, 0.65), None

        def explain_many(self, extractions: Any) -> Any:
            raise RuntimeError("weights missing")

        def card(self) -> dict[str, object]:
            return {"name": self.name, "version": self.version}

    app = make_app(Scorer(model=Broken(), lexicon=scorer.lexicon))  # type: ignore[arg-type]
    client = app.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503 and error_code(response) == "not_ready"
    assert client.get("/healthz").status_code == 200
    crashed = client.post("/v1/score", json={"headline": SEED})
    assert crashed.status_code == 500 and error_code(crashed) == "internal_error"
    assert "weights missing" not in crashed.get_data(as_text=True)


def test_openapi_lists_every_endpoint(client: FlaskClient) -> None:
    doc = client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) == {"/v1/score", "/v1/score/batch", "/v1/model", "/healthz", "/readyz"}


@pytest.mark.parametrize(
    ("schema", "fields"), [("ScoreRequest", SCORE_FIELDS), ("BatchRequest", BATCH_FIELDS), ("BatchItem", ITEM_FIELDS)]
)
def test_openapi_request_schemas_list_exactly_the_accepted_fields(
    client: FlaskClient, schema: str, fields: tuple[str, ...]
) -> None:
    described = client.get("/openapi.json").get_json()["components"]["schemas"][schema]
    assert described["additionalProperties"] is False
    assert tuple(described["properties"]) == fields


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({}, 422, "missing_field"),
        ({"headline": None}, 422, "missing_field"),
        ({"headline": ""}, 422, "empty_field"),
        ({"headline": " \n\t "}, 422, "empty_field"),
        ({"headline": 7}, 422, "wrong_type"),
        ({"headline": ["a"]}, 422, "wrong_type"),
        ({"headline": "x" * (MAX_HEADLINE_CHARS + 1)}, 422, "too_long"),
        ({"headline": "ok", "body": 5}, 422, "wrong_type"),
        ({"headline": "ok", "body": ""}, 422, "empty_field"),
        ({"headline": "ok", "body": "y" * (MAX_BODY_CHARS + 1)}, 422, "too_long"),
        ({"headline": "lone \ud800 surrogate"}, 422, "invalid_text"),
        ({"headline": "..."}, 422, "no_words"),
        ({"headline": "日本の首相が辞任"}, 422, "no_words"),
        ({"headline": "ok", "body": "12 34"}, 422, "no_words"),
    ],
)
def test_score_rejects_bad_fields(client: FlaskClient, payload: dict[str, Any], status: int, code: str) -> None:
    response = client.post("/v1/score", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == status
    assert error_code(response) == code


@pytest.mark.parametrize(
    ("path", "data", "key"),
    [
        ("/v1/score", '{"headline": "Council approves budget", "headline": "RIOTS!!!"}', "headline"),
        ("/v1/score/batch", '{"items": [{"id": 1, "headline": "a", "body": "b", "body": "c"}]}', "body"),
    ],
)
def test_a_duplicate_key_is_a_400_naming_it(client: FlaskClient, path: str, data: str, key: str) -> None:
    response = client.post(path, data=data, content_type="application/json")
    assert response.status_code == 400 and error_code(response) == "duplicate_key"
    assert f"'{key}'" in response.get_json()["error"]["message"]



@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"headline": SEED, "bdy": "the article"}, ["'bdy'"]),
        ({"hedline": SEED}, ["'hedline'"]),
        ({"headline": SEED, "b": 1, "c": None}, ["'b'", "'c'"]),
        ({"headline": SEED, "id": 1}, ["'id'"]),
    ],
)
def test_score_refuses_unknown_fields_naming_them_and_the_allowed_ones(
    client: FlaskClient, payload: dict[str, Any], named: list[str]
) -> None:
    # A misspelt "bdy" was ignored: the headline was scored without the body, and nothing said so.
    response = client.post("/v1/score", json=payload)
    assert response.status_code == 422 and error_code(response) == "unknown_field"
    message = response.get_json()["error"]["message"]
    assert all(name in message for name in named)
    assert "'headline'" in message.split(";")[-1] and "'body'" in message.split(";")[-1]


def test_unknown_field_message_stays_short(client: FlaskClient) -> None:
    payload = {"headline": SEED, **{f"field{i}" * 50: i for i in range(500)}}
    response = client.post("/v1/score", json=payload)
    assert response.status_code == 422 and error_code(response) == "unknown_field"
    assert len(response.get_json()["error"]["message"]) < 1_000


def test_batch_item_with_an_unknown_field_is_an_inline_error(client: FlaskClient) -> None:
    items = [{"id": "a", "headline": SEED, "bdy": "x"}, {"id": "b", "headline": SEED}]
    response = client.post("/v1/score/batch", json={"items": items})
    assert response.status_code == 200
    bad, good = response.get_json()["results"]
    assert bad["id"] == "a" and bad["error"]["code"] == "unknown_field"
    assert "items[0]" in bad["error"]["message"] and "'bdy'" in bad["error"]["message"]
    assert all(f"'{name}'" in bad["error"]["message"] for name in ("id", "headline", "body"))
    assert good["id"] == "b" and "score" in good


def test_batch_refuses_unknown_top_level_fields(client: FlaskClient) -> None:
    response = client.post("/v1/score/batch", json={"items": [{"headline": SEED}], "optoins": {}})
    assert response.status_code == 422 and error_code(response) == "unknown_field"
    assert "'optoins'" in response.get_json()["error"]["message"]

def test_headline_at_the_limit_is_accepted(client: FlaskClient) -> None:
    assert client.post("/v1/score", json={"headline": "a " * (MAX_HEADLINE_CHARS // 2)}).status_code == 200


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ("{", "application/json", 400, "malformed_json"),
        ('{"headline": "x"', "application/json", 400, "malformed_json"),
        (b"\xff\xfe{}", "application/json", 400, "malformed_json"),
        ("[" * 100_000, "application/json", 400, "malformed_json"),
        ('{"headline": NaN}', "application/json", 400, "malformed_json"),
        ('{"headline": "x", "body": Infinity}', "application/json", 400, "malformed_json"),
        ("[1, 2]", "application/json", 422, "invalid_input"),
        ('"just a string"', "application/json", 422, "invalid_input"),
        ('{"headline": "x"}', "text/plain", 415, "unsupported_media_type"),
        ("headline=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ('{"headline": "x"}', None, 415, "unsupported_media_type"),
    ],
)
def test_malformed_requests(client: FlaskClient, data: Any, content_type: str | None, status: int, code: str) -> None:
    response = client.post("/v1/score", data=data, content_type=content_type)
    assert response.status_code == status
    assert error_code(response) == code


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", '"utf-8"'])
def test_json_with_charset_parameter_is_accepted(client: FlaskClient, charset: str) -> None:
    response = client.post(
        "/v1/score", data=json.dumps({"headline": SEED}), content_type=f"application/json; charset={charset}"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "windows-1252"])
def test_json_declared_in_another_charset_is_415(client: FlaskClient, charset: str) -> None:
    raw = json.dumps({"headline": "Café owner SLAMS council"}, ensure_ascii=False).encode("latin-1")
    response = client.post("/v1/score", data=raw, content_type=f"application/json; charset={charset}")
    assert response.status_code == 415 and error_code(response) == "unsupported_media_type"
    assert charset in response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("encoding", "compress"), [("gzip", gzip.compress), ("deflate", zlib.compress), ("br", lambda raw: raw)]
)
def test_compressed_body_is_415_with_accept_encoding(client: FlaskClient, encoding: str, compress: Any) -> None:
    # was a 400 "not valid UTF-8 JSON" for a valid, compressed JSON body
    raw = compress(json.dumps({"headline": SEED}).encode())
    response = client.post(
        "/v1/score", data=raw, content_type="application/json", headers={"Content-Encoding": encoding}
    )
    assert response.status_code == 415 and error_code(response) == "unsupported_media_type"
    assert encoding in response.get_json()["error"]["message"]
    assert response.headers["Accept-Encoding"] == "identity"


def test_identity_content_encoding_is_accepted(client: FlaskClient) -> None:
    response = client.post("/v1/score", json={"headline": SEED}, headers={"Content-Encoding": "identity"})
    assert response.status_code == 200


class BrokenChunks(io.BytesIO):
    """A request stream as gunicorn reads a chunked body with a bad chunk size."""

    def read(self, size: int | None = -1) -> bytes:
        raise InvalidChunkSize(b"zz")

    def readinto(self, buffer: Any) -> int:
        raise InvalidChunkSize(b"zz")


@pytest.mark.parametrize(("path", "content_type"), [("/v1/score", "application/json"), ("/", "multipart/form-data")])
def test_broken_chunked_body_is_400_not_500(client: FlaskClient, path: str, content_type: str) -> None:
    response = client.post(
        path,
        input_stream=BrokenChunks(),
        content_type=content_type + ("; boundary=x" if "multipart" in content_type else ""),
        headers={"Transfer-Encoding": "chunked"},
        environ_base={"wsgi.input_terminated": True},
    )
    assert response.status_code == 400 and error_code(response) == "bad_request"
    assert "Invalid chunk size" in response.get_json()["error"]["message"]


def test_request_over_the_size_limit_is_413(scorer: Scorer) -> None:
    client = make_app(scorer, SCORER_MAX_REQUEST_BYTES="2048").test_client()
    response = client.post("/v1/score", json={"headline": "a", "body": "b" * 5000})
    assert response.status_code == 413 and error_code(response) == "payload_too_large"
    assert client.post("/v1/score", json={"headline": SEED}).status_code == 200


@pytest.mark.parametrize(("size", "status"), [(2047, 200), (2048, 200), (2049, 413), (9000, 413)])
def test_chunked_request_over_the_size_limit_is_413(scorer: Scorer, size: int, status: int) -> None:
    # Without Content-Length Werkzeug stopped reading at the limit: a body one byte
    # over was cut short and answered 400 malformed_json. The server (gunicorn, the
    # development server) marks such a stream terminated; the test client does not.
    client = make_app(scorer, SCORER_MAX_REQUEST_BYTES="2048").test_client()
    head = b'{"headline": "x", "body": "'
    raw = head + b"a" * (size - len(head) - 2) + b'"}'
    assert len(raw) == size
    response = client.post(
        "/v1/score",
        input_stream=io.BytesIO(raw),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_base={"wsgi.input_terminated": True},
    )
    assert response.status_code == status
    if status == 413:
        assert error_code(response) == "payload_too_large"
    else:
        assert response.get_json()["headline"] == "x"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "missing_field"),
        ({"items": {"id": 1}}, "wrong_type"),
        ({"items": [{"headline": "a"}] * 1001}, "too_many_items"),
    ],
)
def test_batch_rejects_bad_envelopes(client: FlaskClient, payload: dict[str, Any], code: str) -> None:
    response = client.post("/v1/score/batch", json=payload)
    assert response.status_code == 422 and error_code(response) == code


def test_a_batch_too_long_in_all_is_refused_before_scoring(client: FlaskClient) -> None:
    """1,000 headlines of 2,000 characters, a "!" in every three, had made a 186 MB answer."""
    shouting = ("A! " * 700)[:2000].strip()
    big = client.post("/v1/score/batch", json={"items": [{"id": i, "headline": shouting} for i in range(1000)]})
    assert big.status_code == 422 and error_code(big) == "batch_too_large"
    assert "headlines hold 2,000,000 characters; a batch holds at most 200,000" in big.get_json()["error"]["message"]
    bodies = [{"id": i, "headline": "Storm hits coast", "body": "The plan. " * 20_000} for i in range(6)]
    assert error_code(client.post("/v1/score/batch", json={"items": bodies})) == "batch_too_large"
    fits = client.post("/v1/score/batch", json={"items": [{"id": i, "headline": shouting} for i in range(100)]})
    assert fits.status_code == 200 and len(fits.get_json()["results"]) == 100


def test_batch_of_exactly_the_limit_and_of_nothing(client: FlaskClient) -> None:
    full = client.post("/v1/score/batch", json={"items": [{"id": i, "headline": "RIOTS"} for i in range(1000)]})
    assert full.status_code == 200 and len(full.get_json()["results"]) == 1000
    assert client.post("/v1/score/batch", json={"items": []}).get_json() == {"results": []}


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/nowhere", 404, "not_found"),
        ("get", "/v1/scores", 404, "not_found"),
        ("get", "/v1/score", 405, "method_not_allowed"),
        ("delete", "/v1/score/batch", 405, "method_not_allowed"),
        ("post", "/v1/model", 405, "method_not_allowed"),
        ("post", "/healthz", 405, "method_not_allowed"),
        ("post", "/v1//score", 404, "not_found"),  # these were 308 redirects with an HTML page
        ("post", "/v1/score//batch", 404, "not_found"),
        ("get", "/static//form.css", 404, "not_found"),
    ],
)
def test_unknown_routes_and_methods_are_json(
    client: FlaskClient, method: str, path: str, status: int, code: str
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == status and error_code(response) == code
    if status == 405:
        assert "Allow" in response.headers


# --- keys and rate limits ------------------------------------------------------------------


@pytest.fixture
def keyed(scorer: Scorer) -> FlaskClient:
    return make_app(scorer, SCORER_API_KEYS=f"{KEY}, {OTHER_KEY}").test_client()


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", f"Basic {KEY}", "Bearer wrong-key-0123456789abcdef", f"Bearer {KEY}x", KEY],
)
def test_keys_reject_missing_or_wrong_credentials(keyed: FlaskClient, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    for response in (
        keyed.post("/v1/score", json={"headline": SEED}, headers=headers),
        keyed.post("/v1/score/batch", json={"items": []}, headers=headers),
        keyed.get("/v1/model", headers=headers),
    ):
        assert response.status_code == 401 and error_code(response) == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_refused_keys_draw_on_the_rate_limit(scorer: Scorer) -> None:
    """A 401 had cost nothing: a client without a key could guess, and make the server work, without limit."""
    client = make_app(scorer, SCORER_API_KEYS=KEY, SCORER_RATE_LIMIT="2").test_client()
    wrong = {"Authorization": "Bearer wrong-key-0123456789abcdef"}
    assert [client.get("/v1/model", headers=wrong).status_code for _ in range(2)] == [401, 401]
    limited = client.get("/v1/model", headers=wrong)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1


@pytest.mark.parametrize("key", [KEY, OTHER_KEY])
def test_keys_accept_any_configured_key(keyed: FlaskClient, key: str) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    assert keyed.post("/v1/score", json={"headline": SEED}, headers=headers).status_code == 200
    assert keyed.get("/v1/model", headers=headers).status_code == 200
    assert (
        keyed.post("/v1/score", json={"headline": SEED}, headers={"Authorization": f"bearer {key}"}).status_code == 200
    )


def test_keys_leave_health_checks_open(keyed: FlaskClient) -> None:
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/readyz").status_code == 200
    assert keyed.get("/openapi.json").status_code == 200


def test_keys_from_a_file(scorer: Scorer, tmp_path: Any) -> None:
    path = tmp_path / "keys.txt"
    path.write_text(f"# editors\n{KEY}\n\n", encoding="utf-8")
    client = make_app(scorer, SCORER_API_KEYS_FILE=str(path)).test_client()
    assert client.get("/v1/model").status_code == 401
    assert client.get("/v1/model", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_a_keys_file_others_may_read_is_warned_about(
    scorer: Scorer, tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "keys.txt"
    path.write_text(f"{KEY}\n", encoding="utf-8")
    path.chmod(0o600)
    with caplog.at_level("WARNING", logger="scorer.api"):
        make_app(scorer, SCORER_API_KEYS_FILE=str(path))
    assert not caplog.records
    path.chmod(0o644)
    with caplog.at_level("WARNING", logger="scorer.api"):
        make_app(scorer, SCORER_API_KEYS_FILE=str(path))
    assert "readable by any user" in caplog.text and "chmod 600" in caplog.text and KEY not in caplog.text


def test_keys_file_with_a_byte_order_mark_and_crlf(scorer: Scorer, tmp_path: Any) -> None:
    # as Notepad saves it; the BOM made the first key "not printable ASCII" and the server refused to start
    path = tmp_path / "keys.txt"
    path.write_bytes(b"\xef\xbb\xbf" + f"{KEY}\r\n# editors\r\n{OTHER_KEY}\r\n".encode())
    client = make_app(scorer, SCORER_API_KEYS_FILE=str(path)).test_client()
    for key in (KEY, OTHER_KEY):
        assert client.get("/v1/model", headers={"Authorization": f"Bearer {key}"}).status_code == 200


@pytest.mark.parametrize("content", ["", "# keys go here\n\n", "   \n"])
def test_keys_file_without_keys_fails_at_start_up(scorer: Scorer, tmp_path: Any, content: str) -> None:
    # it left the API open to anyone, with no word
    path = tmp_path / "keys.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="holds no keys"):
        make_app(scorer, SCORER_API_KEYS_FILE=str(path))


def test_without_keys_the_api_is_open(client: FlaskClient) -> None:
    assert client.get("/v1/model").status_code == 200


@pytest.mark.parametrize(
    ("configured", "origin"),
    [
        ("https://Example.ORG", "https://example.org"),
        ("https://example.org:443/", "https://example.org"),
        ("HTTP://localhost:8080", "http://localhost:8080"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),  # browsers send the ASCII form of the name
    ],
)
def test_cors_origin_is_matched_as_a_browser_writes_it(scorer: Scorer, configured: str, origin: str) -> None:
    # a browser sends the scheme and host in lower case without the default port: these never matched
    client = make_app(scorer, SCORER_CORS_ORIGINS=configured).test_client()
    response = client.get("/v1/model", headers={"Origin": origin})
    assert response.headers["Access-Control-Allow-Origin"] == origin


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SCORER_API_KEYS": "short"}, "shorter than 16"),
        ({"SCORER_API_KEYS_FILE": "/nonexistent/keys"}, "cannot read"),
        ({"SCORER_RATE_LIMIT": "many"}, "not a whole number"),
        ({"SCORER_MAX_REQUEST_BYTES": "10"}, "out of range"),
        ({"SCORER_CORS_ORIGINS": "example.org"}, "not an origin"),
        ({"SCORER_CORS_ORIGINS": "https://example.org/app"}, "not an origin"),  # a path never matches an Origin
        ({"SCORER_CORS_ORIGINS": "https://example.org:99999"}, "not an origin"),
        ({"SCORER_CORS_ORIGINS": "https://b\u00fccher..example"}, "not a valid domain"),
        ({"SCORER_WEB_FORM": "maybe"}, "not a boolean"),
    ],
)
def test_bad_settings_fail_at_start_up(scorer: Scorer, settings: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_app(scorer, **settings)


def test_rate_limit_answers_429_with_retry_after(scorer: Scorer) -> None:
    client = make_app(scorer, SCORER_RATE_LIMIT="3").test_client()
    statuses = [client.post("/v1/score", json={"headline": SEED}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/v1/model")
    assert limited.status_code == 429 and error_code(limited) == "rate_limited"
    assert int(limited.headers["Retry-After"]) >= 1
    assert client.get("/healthz").status_code == 200


def test_rate_limit_is_per_client(scorer: Scorer) -> None:
    client = make_app(scorer, SCORER_RATE_LIMIT="1", SCORER_API_KEYS=f"{KEY},{OTHER_KEY}").test_client()
    one, other = {"Authorization": f"Bearer {KEY}"}, {"Authorization": f"Bearer {OTHER_KEY}"}
    assert client.get("/v1/model", headers=one).status_code == 200
    assert client.get("/v1/model", headers=one).status_code == 429
    assert client.get("/v1/model", headers=other).status_code == 200
    by_address = make_app(scorer, SCORER_RATE_LIMIT="1").test_client()
    assert by_address.get("/v1/model", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200
    assert by_address.get("/v1/model", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 429
    assert by_address.get("/v1/model", environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 200


def _spend(client: FlaskClient, times: int, results: Any) -> None:
    results.put([client.get("/v1/model").status_code for _ in range(times)])


def test_rate_limit_is_shared_by_forked_workers(scorer: Scorer) -> None:
    """Workers fork from the app `scorer serve` built: a client's budget is one, whichever worker answers."""
    client = make_app(scorer, SCORER_RATE_LIMIT="3").test_client()
    fork = multiprocessing.get_context("fork")
    results = fork.Queue()
    worker = fork.Process(target=_spend, args=(client, 2, results))
    worker.start()
    assert results.get(timeout=60) == [200, 200]  # spent in another process
    worker.join(timeout=60)
    assert [client.get("/v1/model").status_code for _ in range(2)] == [200, 429]


# --- CORS and headers ----------------------------------------------------------------------

EXTENSION = "chrome-extension://abcdefghijklmnop"


def test_cors_default_sends_no_allow_origin(client: FlaskClient) -> None:
    response = client.post("/v1/score", json={"headline": SEED}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Origin" in response.headers["Vary"]


def test_cors_configured_origin_gets_preflight_and_response_headers(scorer: Scorer) -> None:
    client = make_app(
        scorer, SCORER_CORS_ORIGINS=f"https://newsroom.example, {EXTENSION}", SCORER_API_KEYS=KEY
    ).test_client()
    preflight = client.options(
        "/v1/score/batch",
        headers={
            "Origin": EXTENSION,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code in (200, 204)
    assert preflight.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    actual = client.post(
        "/v1/score",
        json={"headline": SEED},
        headers={"Origin": "https://newsroom.example", "Authorization": f"Bearer {KEY}"},
    )
    assert actual.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    denied = client.options(
        "/v1/score", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in denied.headers
    unauthorised = client.post("/v1/score", json={"headline": SEED}, headers={"Origin": EXTENSION})
    assert unauthorised.status_code == 401
    assert unauthorised.headers["Access-Control-Allow-Origin"] == EXTENSION  # so the page can read the error


def test_cors_wildcard(scorer: Scorer) -> None:
    client = make_app(scorer, SCORER_CORS_ORIGINS="*").test_client()
    response = client.get("/healthz", headers={"Origin": "https://anywhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_security_headers_on_api_and_errors(client: FlaskClient) -> None:
    for response in (client.get("/healthz"), client.get("/missing"), client.post("/v1/score", data="{")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_answers_holding_sent_text_are_not_stored_but_static_files_may_be(client: FlaskClient) -> None:
    for response in (
        client.post("/v1/score", json={"headline": SEED}),
        client.post("/", data={"headline": SEED}),
        client.post("/v1/score", data="{"),
    ):
        assert response.headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/static/form.css").headers.get("Cache-Control", "")


def test_concurrent_requests_answer_as_sequential_ones(client: FlaskClient, scorer: Scorer) -> None:
    # `scorer serve` runs two request threads per worker; the app and the scorer must not share per-request state.
    from concurrent.futures import ThreadPoolExecutor

    headlines = [f"{SEED} {i}" if i % 2 else f"Council approves budget number {i}" for i in range(40)]
    expected = [client.post("/v1/score", json={"headline": h}).get_json() for h in headlines]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(
            pool.map(
                lambda h: client.application.test_client().post("/v1/score", json={"headline": h}).get_json(), headlines
            )
        )
    assert answers == expected
    assert {a["headline"] for a in answers} == set(headlines)


def test_keys_file_with_comments_after_the_keys(scorer: Scorer, tmp_path: Any) -> None:
    # the README promises '#' comments; one after a key was refused as a key "shorter than 16 characters"
    path = tmp_path / "keys.txt"
    path.write_text(f"{KEY}   # news desk\n\t{OTHER_KEY}\t#sport\n", encoding="utf-8")
    client = make_app(scorer, SCORER_API_KEYS_FILE=str(path)).test_client()
    for key in (KEY, OTHER_KEY):
        assert client.get("/v1/model", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert client.get("/v1/model", headers={"Authorization": "Bearer # news desk"}).status_code == 401


def test_keys_file_errors_name_the_line_and_never_the_key(scorer: Scorer, tmp_path: Any) -> None:
    path = tmp_path / "keys.txt"
    path.write_text(f"{KEY}\n# ok\n{OTHER_KEY} sport desk\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 3: more than a key") as raised:
        make_app(scorer, SCORER_API_KEYS_FILE=str(path))
    path.write_text(f"{KEY}\nshort-key\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2: the key is shorter than 16") as raised_short:
        make_app(scorer, SCORER_API_KEYS_FILE=str(path))
    assert OTHER_KEY not in str(raised.value) and "short-key" not in str(raised_short.value)


def test_an_over_long_keys_file_is_refused_not_cut(scorer: Scorer, tmp_path: Any) -> None:
    # Only the first 1,000,000 characters were read: the key across that point was cut,
    # and the cut-off prefix of a real key (16+ characters) was accepted as a key of its own.
    lines = [f"{i:04d}" + "k" * 115 for i in range(9_000)]  # fewer keys than the 10,000 allowed
    path = tmp_path / "keys.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 1_000_000 and 1_000_000 % 120 >= 16  # the cut falls 40 characters into a key
    with pytest.raises(ConfigError, match="longer than 1,000,000 characters"):
        make_app(scorer, SCORER_API_KEYS_FILE=str(path))
