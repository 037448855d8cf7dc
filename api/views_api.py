"""The JSON API: `/v1/score`, `/v1/score/batch`, `/v1/model`, health checks and `/openapi.json`.

Views only parse, call the library and answer; validation and shaping live in
`scoring`, access control in `guard`.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from scorer import Scorer

from .errors import ApiError, error_response, json_response
from .guard import KeyChecker, RateLimiter
from .openapi import openapi_document
from .scoring import read_json, score_batch, score_one

__all__ = ["READY_HEADLINE", "health", "v1"]

#: Scored by /readyz: the seed headline exercises every extractor.
READY_HEADLINE = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"

v1 = Blueprint("v1", __name__, url_prefix="/v1")
health = Blueprint("health", __name__)


def _scorer() -> Scorer:
    scorer: Scorer = current_app.extensions["scorer"]
    return scorer


@v1.before_request
def _guard() -> None:
    if request.method == "OPTIONS":  # CORS preflights carry no credentials
        return
    keys: KeyChecker = current_app.extensions["scorer.keys"]
    limiter: RateLimiter = current_app.extensions["scorer.rate_limiter"]
    refused: ApiError | None = None
    try:
        client = keys.check(request.headers.get("Authorization")) if keys.enabled else None
    except ApiError as exc:  # a refused key draws on the address's budget too: guessing is not free
        client, refused = None, exc
    if limiter.enabled:
        limiter.hit(client or f"addr:{request.remote_addr}")
    if refused is not None:
        raise refused


@v1.post("/score")
def score() -> Response:
    """Score one headline, with an optional article body."""
    return json_response(score_one(_scorer(), read_json(request)))


@v1.post("/score/batch")
def batch() -> Response:
    """Score many headlines in order; bad items get inline errors."""
    return json_response(score_batch(_scorer(), read_json(request)))


@v1.get("/model")
def model() -> Response:
    """The model card."""
    return json_response(_scorer().model.card())


@health.get("/healthz")
def healthz() -> Response:
    """The process is up (no model work)."""
    return json_response({"status": "ok"})


@health.get("/readyz")
def readyz() -> Response:
    """The model is loaded and scores a test headline."""
    scorer = _scorer()
    try:
        result = scorer.score(READY_HEADLINE)
    except Exception:  # readiness must answer, whatever broke
        current_app.logger.exception("readiness check failed")
        return error_response(503, "not_ready", "the model failed to score the test headline")
    if not 0.0 <= result.score <= 1.0:
        return error_response(503, "not_ready", "the model returned a score outside 0..1")
    return json_response({"status": "ready", "model": scorer.model_info})


@health.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of the API."""
    return json_response(openapi_document())
