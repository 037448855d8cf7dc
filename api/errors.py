"""JSON errors: one shape, `{"error": {"code": ..., "message": ...}}`, for every failure.

Views raise `ApiError`; Werkzeug's HTTP errors (404, 405, 413, ...) and any
unexpected exception are turned into the same shape here, so a client never
sees an HTML page or a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

import orjson
from flask import Flask, Response, request
from gunicorn.http.errors import ParseException
from werkzeug.exceptions import HTTPException

__all__ = [
    "HTTP_ERROR_CODES",
    "ApiError",
    "error_response",
    "json_response",
    "refuse_transfer_codings",
    "register_error_handlers",
]

_log = logging.getLogger("scorer.api")

#: Stable machine-readable codes for Werkzeug's (and gunicorn's) HTTP errors.
HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    411: "length_required",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    431: "headers_too_large",
    500: "internal_error",
    501: "not_implemented",
}

_HTTP_MESSAGES = {
    404: "no such endpoint; see /openapi.json for the API",
    405: "method not allowed on this endpoint; see the Allow header",
    413: "request body is too large",
}


class ApiError(Exception):
    """An error a client caused or can act on, with its HTTP status and a stable code.

    `field` names the request field the error is about, if it is about one
    (the web form ties its message to that field).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: Mapping[str, str] | None = None,
        *,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
        self.field = field


def json_response(payload: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A compact UTF-8 JSON response (non-ASCII kept as is, so offsets read naturally).

    orjson encodes a batch of results about ten times faster than `json`; the
    standard encoder is the fallback for what orjson refuses (integers beyond
    64 bits, which a client may send as an item id). A lone surrogate, which
    a client may send in an id as a `\\ud800` escape, cannot be written in
    UTF-8; it is sent back as the same escape.
    """
    try:
        body = orjson.dumps(payload)
    except (TypeError, orjson.JSONEncodeError):
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        try:
            body = text.encode("utf-8")
        except UnicodeEncodeError:
            body = json.dumps(payload, separators=(",", ":"), allow_nan=False).encode("ascii")
    response = Response(body, status=status, mimetype="application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """The JSON error body with `status`."""
    return json_response({"error": {"code": code, "message": message}}, status, headers)


def _from_api_error(exc: ApiError) -> Response:
    return error_response(exc.status, exc.code, exc.message, exc.headers)


def _from_http_exception(exc: HTTPException) -> Response:
    status = exc.code or 500
    headers = {k: v for k, v in exc.get_headers() if k.lower() in ("allow", "retry-after", "www-authenticate")}
    message = _HTTP_MESSAGES.get(status) or (exc.description or exc.name).strip()
    return error_response(status, HTTP_ERROR_CODES.get(status, f"http_{status}"), message, headers)


def _from_broken_body(exc: ParseException) -> Response:
    # gunicorn parses a chunked body as the app reads it, so broken chunk framing
    # surfaces in the view; it is the client's error, not a 500 with a traceback.
    return error_response(400, "bad_request", f"the request body could not be read: {exc}")


def _from_unexpected(exc: Exception) -> Response:
    # Logged with the traceback for the operator; the client gets no details.
    _log.exception("unhandled error while serving a request")
    return error_response(500, "internal_error", "the server failed to handle this request; it has been logged")


#: Transfer codings a body may carry: the server undoes chunked framing, nothing else.
_TRANSFER_CODINGS = frozenset({"chunked", "identity"})


def refuse_transfer_codings() -> None:
    """A 501 `ApiError` for a body sent in a transfer coding the server does not undo (gzip, deflate, …).

    gunicorn undoes `chunked` and passes `Transfer-Encoding: gzip, chunked` on
    with the body still compressed: a gzipped body was answered "not valid
    UTF-8 JSON" (400), and a plain body labelled gzip was scored as it came.
    """
    header = request.headers.get("Transfer-Encoding")
    if header is None:
        return
    codings = [c.strip().lower() for c in header.split(",") if c.strip()]
    unknown = [c for c in codings if c not in _TRANSFER_CODINGS]
    if unknown:
        shown = unknown[0][:40]
        message = f"Transfer-Encoding {shown!r} is not supported; send the body chunked or with a length"
        raise ApiError(501, "not_implemented", message)


def register_error_handlers(app: Flask) -> None:
    """Make every error response of `app` JSON."""
    app.register_error_handler(ApiError, _from_api_error)
    app.register_error_handler(HTTPException, _from_http_exception)
    app.register_error_handler(ParseException, _from_broken_body)
    app.register_error_handler(Exception, _from_unexpected)
