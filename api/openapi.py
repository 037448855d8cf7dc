"""The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`.

A contract test runs schemathesis against the app with this document, so the
schemas here must stay true to what the views return.
"""

from __future__ import annotations

from typing import Any

from scorer.core import MAX_BODY_CHARS
from scorer.extract import LATIN_LETTER_PATTERN, MAX_HEADLINE_CHARS

from .config import MAX_BATCH_ITEMS
from .scoring import MAX_ID_DEPTH

__all__ = ["openapi_document"]

_NUMBER_MAP = {"type": "object", "additionalProperties": {"type": "number"}}
#: Text to score holds a letter of the Latin alphabet (`scorer.extract.letters_problem`),
#: so it is never blank either.
_HAS_WORD = LATIN_LETTER_PATTERN

_ERROR_BODY = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
}
_ERROR = {"type": "object", "required": ["error"], "properties": {"error": _ERROR_BODY}}

_SPAN = {
    "type": "object",
    "required": ["start", "end", "start_utf16", "end_utf16", "text", "kind", "category", "explanation", "voice"],
    "properties": {
        "start": {"type": "integer", "minimum": 0, "description": "offset in code points (Python)"},
        "end": {"type": "integer", "minimum": 0},
        "start_utf16": {"type": "integer", "minimum": 0, "description": "offset in UTF-16 code units (JavaScript)"},
        "end_utf16": {"type": "integer", "minimum": 0},
        "text": {"type": "string"},
        "kind": {"type": "string"},
        "category": {"type": "string"},
        "intensity": {"type": "number"},
        "explanation": {"type": "string"},
        "suggestion": {"type": ["string", "null"]},
        "voice": {"type": "string", "enum": ["outlet", "quoted"]},
        "speaker": {"type": ["string", "null"]},
        "weight": {"type": "number", "description": "part of the decision (log-odds) this span is responsible for"},
    },
}

_WARNING = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "enum": ["too_short", "repeated_words", "unfamiliar_words"]},
        "message": {"type": "string"},
    },
}

_RESULT = {
    "type": "object",
    "required": ["headline", "score", "label", "components", "features", "evidence", "model", "body", "warnings"],
    "properties": {
        "headline": {"type": "string"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "label": {"type": "string", "enum": ["low", "moderate", "high"]},
        "decision": {"type": "number"},
        "intercept": {"type": "number"},
        "components": _NUMBER_MAP,
        "features": _NUMBER_MAP,
        "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
        "other_contributions": _NUMBER_MAP,
        "model": {
            "type": "object",
            "required": ["name", "version"],
            "properties": {"name": {"type": "string"}, "version": {"type": "string"}},
        },
        "body": {
            "type": ["object", "null"],
            "description": (
                "the article-body analysis when a body was sent; every offset in it also has a `<name>_utf16` twin"
            ),
        },
        "warnings": {
            "type": "array",
            "items": _WARNING,
            "description": (
                "reasons to doubt the score: `too_short` (fewer than 3 words), `repeated_words` (fewer than 3 "
                "different words, or more than half of them repeats) or `unfamiliar_words` "
                "(the model knows fewer than half of the words, as in a headline in another language)"
            ),
        },
    },
}

_HEADLINE = {"type": "string", "minLength": 1, "maxLength": MAX_HEADLINE_CHARS, "pattern": _HAS_WORD}
#: The article body; null is the same as leaving it out.
_BODY = {"type": ["string", "null"], "minLength": 1, "maxLength": MAX_BODY_CHARS, "pattern": _HAS_WORD}

_SCORE_REQUEST = {
    "type": "object",
    "required": ["headline"],
    "properties": {"headline": _HEADLINE, "body": _BODY},
    "additionalProperties": False,
}

_BATCH_REQUEST = {
    "type": "object",
    "required": ["items"],
    "properties": {
        "items": {
            "type": "array",
            "maxItems": MAX_BATCH_ITEMS,
            # Items are checked one by one: an item that does not fit `BatchItem`
            # gets an inline error in its place, so any value is accepted here.
            "items": {"description": "a BatchItem; anything else gets an inline error"},
        }
    },
    "additionalProperties": False,
}

_BATCH_RESPONSE = {
    "type": "object",
    "required": ["results"],
    "properties": {
        "results": {
            "type": "array",
            "items": {
                "description": "the item's id with the fields of a single result, or with an error",
                "oneOf": [
                    {
                        "allOf": [
                            {"$ref": "#/components/schemas/ScoreResult"},
                            {"type": "object", "required": ["id"], "properties": {"id": {}}},
                        ]
                    },
                    {
                        "type": "object",
                        "required": ["id", "error"],
                        "properties": {"id": {}, "error": _ERROR_BODY},
                    },
                ],
            },
        }
    },
}


def _json(schema: dict[str, Any] | str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema
    return {"application/json": {"schema": ref}}


def _errors(*statuses: int) -> dict[str, Any]:
    reasons = {
        400: "malformed JSON, an object with the same key twice, or a body that cannot be read",
        401: "missing or invalid API key (only when keys are configured)",
        413: "request body too large",
        415: "content type is not application/json, its charset is not UTF-8, or the body is compressed",
        422: "missing, empty, non-string, over-long or unknown field",
        429: "rate limited; see Retry-After",
    }
    return {str(s): {"description": reasons[s], "content": _json("Error")} for s in statuses}


def _scoring_operation(summary: str, request: str, response: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "security": [{}, {"bearer": []}],
        "requestBody": {"required": True, "content": _json(request)},
        "responses": {
            "200": {"description": "scored", "content": _json(response)},
            **_errors(400, 401, 413, 415, 422, 429),
        },
    }


def openapi_document(server_url: str | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document for this server."""
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "headline-scorer",
            "version": "1",
            "description": (
                "Scores news headlines for sensational and loaded writing, with the exact words as evidence. "
                "Offsets are given in code points (start, end) and in UTF-16 code units (start_utf16, end_utf16)."
            ),
        },
        "paths": {
            "/v1/score": {
                "post": _scoring_operation("Score one headline (and optional body)", "ScoreRequest", "ScoreResult")
            },
            "/v1/score/batch": {
                "post": _scoring_operation(
                    f"Score up to {MAX_BATCH_ITEMS:,} headlines in order", "BatchRequest", "BatchResponse"
                )
            },
            "/v1/model": {
                "get": {
                    "summary": "The model card",
                    "security": [{}, {"bearer": []}],
                    "responses": {
                        "200": {"description": "model card", "content": _json("ModelCard")},
                        **_errors(401, 429),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "The process is up",
                    "responses": {"200": {"description": "up", "content": _json("Health")}},
                }
            },
            "/readyz": {
                "get": {
                    "summary": "The model is loaded and scores a test headline",
                    "responses": {
                        "200": {"description": "ready", "content": _json("Health")},
                        "503": {"description": "not ready", "content": _json("Error")},
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": _ERROR,
                "Span": _SPAN,
                "ScoreResult": _RESULT,
                "ScoreRequest": _SCORE_REQUEST,
                "BatchRequest": _BATCH_REQUEST,
                "BatchItem": {
                    "type": "object",
                    "required": ["headline"],
                    "properties": {
                        "id": {"description": f"any JSON value nested at most {MAX_ID_DEPTH} levels deep, echoed back"},
                        "headline": _HEADLINE,
                        "body": _BODY,
                    },
                    "additionalProperties": False,
                },
                "BatchResponse": _BATCH_RESPONSE,
                "ModelCard": {
                    "type": "object",
                    "required": ["name", "version"],
                    "properties": {
                        "name": {"type": "string"},
                        "version": {"type": "string"},
                        "training_data": {},
                        "metrics": {},
                        "label_thresholds": {},
                    },
                },
                "Health": {
                    "type": "object",
                    "required": ["status"],
                    "properties": {"status": {"type": "string"}, "model": {"type": "object"}},
                },
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
    if server_url:
        doc["servers"] = [{"url": server_url}]
    return doc
