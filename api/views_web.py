"""The editors' web form: paste a headline, see what makes it sensational.

It works as a plain HTML form posted to the server; `static/form.js` only adds
scoring as you type by fetching the result fragment from `/result`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request

from scorer import Scorer
from scorer.core import MAX_BODY_CHARS
from scorer.extract import MAX_HEADLINE_CHARS

from .errors import ApiError
from .highlight import body_evidence, headline_pieces, lowering, reasons, suggestions
from .scoring import result_json, validate_text

__all__ = ["web"]

web = Blueprint("web", __name__, template_folder="templates", static_folder="static", static_url_path="/static")


def _context(headline: str, body: str) -> tuple[dict[str, Any], int]:
    """What the templates need to show the form and, if given input, its score."""
    scorer: Scorer = current_app.extensions["scorer"]
    low, high = scorer.model.thresholds
    context: dict[str, Any] = {
        "headline": headline,
        "body": body,
        "max_headline": MAX_HEADLINE_CHARS,
        "max_body": MAX_BODY_CHARS,
        "thresholds": {"low": low, "high": high},
        "model": scorer.model_info,
        "result": None,
        "error": None,
    }
    if request.method != "POST":
        return context, 200
    try:
        text = validate_text(headline, "headline", MAX_HEADLINE_CHARS)
        body_text = validate_text(body or None, "body", MAX_BODY_CHARS, required=False)
        assert text is not None
        result = result_json(scorer.score(text, body=body_text), body_text)
    except ApiError as exc:
        context["error"] = exc.message.replace("'headline'", "The headline").replace("'body'", "The article body")
        return context, 422
    analysis = result["body"] if isinstance(result["body"], dict) else None
    context.update(
        result=result,
        pieces=headline_pieces(result["headline"], result["evidence"]),
        reasons=reasons(result["evidence"]),
        lowering=lowering(result["evidence"]),
        suggestions=suggestions(result["evidence"]),
        body_result=analysis,
        body_evidence=body_evidence(body_text, analysis) if body_text and analysis else [],
    )
    return context, 200


def _fields() -> tuple[str, str]:
    # A browser sends a textarea's line breaks as CRLF but counts them (maxlength)
    # as one character: a body it let through could be refused as too long.
    headline, body = request.form.get("headline", ""), request.form.get("body", "")
    return headline.replace("\r\n", "\n"), body.replace("\r\n", "\n")


@web.route("/", methods=["GET", "POST"])
def form() -> tuple[str, int]:
    """The form; on POST, the form with the scored headline below it."""
    headline, body = _fields() if request.method == "POST" else ("", "")
    context, status = _context(headline, body)
    return render_template("form.html", **context), status


@web.post("/result")
def result_fragment() -> tuple[str, int]:
    """Just the result section, for scoring as you type."""
    headline, body = _fields()
    context, status = _context(headline, body)
    return render_template("result.html", **context), status
