"""The editors' web form: paste a headline, see what makes it sensational.

It works as a plain HTML form posted to the server; `static/form.js` only adds
scoring as you type by fetching the result fragment from `/result`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, after_this_request, current_app, render_template, request
from flask.blueprints import BlueprintSetupState

from scorer import Scorer
from scorer.core import MAX_BODY_CHARS
from scorer.explain import score_text, sigmoid
from scorer.extract import MAX_HEADLINE_CHARS

from .errors import ApiError
from .form import FormError, read_form
from .guard import RateLimiter
from .highlight import (
    body_evidence,
    headline_pieces,
    holds_controls,
    legend,
    lowering,
    reasons,
    show_controls,
    suggestions,
    unweighted,
    without_controls,
)
from .scoring import BLANK, result_json, validate_text

__all__ = ["web"]

web = Blueprint("web", __name__, template_folder="templates", static_folder="static", static_url_path="/static")


@web.record_once
def _picture_controls(state: BlueprintSetupState) -> None:
    # Every value a template writes, the text typed included, goes through `show_controls`:
    # a NUL in a headline went into the page as it was, an HTML parse error.
    state.app.jinja_env.finalize = show_controls
    state.app.jinja_env.filters["score"] = score_text  # cut to two places, on the label's side of a threshold


def _page(headline: str, body: str) -> dict[str, Any]:
    """What the templates need to show the form holding `headline` and `body`, with no result yet."""
    scorer: Scorer = current_app.extensions["scorer"]
    low, high = scorer.model.thresholds
    return {
        # The fields are refilled without control characters (the result pictures them, see `_scored`).
        "headline": without_controls(headline),
        "body": without_controls(body),
        "max_headline": MAX_HEADLINE_CHARS,
        "max_body": MAX_BODY_CHARS,
        # The fields have no maxlength: a browser cut a long paste at it without a word, and the
        # server then reported the cut length. The server says what is too long and shows the
        # text back whole; its request size limit (MAX_CONTENT_LENGTH) still bounds what it reads.
        "thresholds": {"low": low, "high": high},
        "model": scorer.model_info,
        "result": None,
        "error": None,
        # the field the error is about, if it is about one: the template ties the message to it
        "error_field": None,
        # why the article body was not analysed, when the headline was still scored
        "body_error": None,
        # the result section alone, for live scoring: form.js moves a field's error beside the field
        "fragment": False,
    }


def _scored(headline: str, body: str) -> tuple[dict[str, Any], int]:
    """The page for the posted `headline` and `body`: their score, or the error that stopped it."""
    scorer: Scorer = current_app.extensions["scorer"]
    context = _page(headline, body)
    try:
        text = validate_text(headline, "headline", MAX_HEADLINE_CHARS)
        # The body is optional: a stray line break left in its box is no body, not an error. One that
        # cannot be analysed (too long, no Latin letter) is said so beside the headline's score, which
        # it had replaced.
        try:
            body_text = validate_text(None if BLANK.fullmatch(body) else body, "body", MAX_BODY_CHARS, required=False)
        except ApiError as exc:
            body_text = None
            context["body_error"] = f"{_field_names(exc.message)} The headline was scored alone."
            context["error_field"] = "body"
        assert text is not None
        result = result_json(scorer.score(text, body=body_text), body_text)
    except ApiError as exc:
        return _refused(context, exc)
    analysis = result["body"] if isinstance(result["body"], dict) else None
    pieces = headline_pieces(result["headline"], result["evidence"])
    context.update(
        result=result,
        pieces=pieces,
        legend=legend(pieces),
        reasons=reasons(result["evidence"]),
        lowering=lowering(result["evidence"]),
        unweighted=unweighted(result["evidence"]),
        suggestions=suggestions(result["evidence"]),
        # What no listed word carries: the model's starting point and the words too weak to list.
        start=(float(result["intercept"]), sigmoid(float(result["intercept"]))),
        other=sum(float(v) for v in result["other_contributions"].values()),
        body_result=analysis,
        body_evidence=body_evidence(body_text, analysis) if body_text and analysis else [],
        controls_shown=holds_controls(text) or (body_text is not None and holds_controls(body_text)),
    )
    return context, 200


def _refused(context: dict[str, Any], exc: ApiError) -> tuple[dict[str, Any], int]:
    """The page for a post the API's checks refused: 422 for the text, 429 (with Retry-After) for the rate."""
    context["body_error"] = None
    context["error"] = _field_names(exc.message)
    context["error_field"] = exc.field
    headers = exc.headers  # Retry-After with a 429
    if headers:

        @after_this_request
        def _add_headers(response: Response) -> Response:
            response.headers.update(headers)
            return response

    return context, exc.status if exc.status == 429 else 422


def _field_names(message: str) -> str:
    """An API message in the form's words: 'headline' is "The headline", 'body' "The article body", and a
    sentence ends with a full stop."""
    text = message.replace("'headline'", "The headline").replace("'body'", "The article body")
    text = text[:1].upper() + text[1:]  # "too many requests: …" is the API's lower-case wording
    return text if text.endswith((".", "!", "?")) else text + "."


def _posted() -> tuple[dict[str, Any], int]:
    """The page for this POST: the form read strictly, then scored; or why it could not be read."""
    # The form scores what the API scores (up to a 200,000-character body), so every post draws on the
    # same per-client budget, and before the form is read: one that failed to read had been free.
    limiter: RateLimiter = current_app.extensions["scorer.rate_limiter"]
    refused: ApiError | None = None
    try:
        limiter.hit(f"addr:{request.remote_addr}")
    except ApiError as exc:
        refused = exc
    try:
        fields = read_form(request, current_app.config["MAX_FORM_PARTS"])
    except FormError as exc:
        # Shown with what could be read of the text, so nothing typed disappears without a word.
        context = _page(_lf(exc.headline), _lf(exc.body))
        if refused is not None:
            return _refused(context, refused)
        context["error"] = exc.message
        context["error_field"] = exc.field
        return context, exc.status
    headline, body = _lf(fields["headline"]), _lf(fields["body"])
    if refused is not None:  # the text is shown back with the message, to send again later
        return _refused(_page(headline, body), refused)
    return _scored(headline, body)


def _lf(text: str) -> str:
    """A textarea's text with LF line breaks. A browser sends them as CRLF but counts them (maxlength)
    as one character: a body it let through could be refused as too long."""
    return text.replace("\r\n", "\n")


@web.route("/", methods=["GET", "POST"])
def form() -> tuple[str, int]:
    """The form; on POST, the form with the scored headline below it."""
    context, status = _posted() if request.method == "POST" else (_page("", ""), 200)
    return render_template("form.html", **context), status


@web.post("/result")
def result_fragment() -> tuple[str, int]:
    """Just the result section, for scoring as you type."""
    context, status = _posted()
    return render_template("result.html", **{**context, "fragment": True}), status
