"""Quoted speech inside a headline, so the outlet's voice can be told from a speaker's."""

from __future__ import annotations

import re

from .spans import Span

__all__ = ["QUOTE_RE", "find_quotes", "mark_voice"]

_OPEN_CONTEXT = r"(?:^|(?<=[\s(\[:\u2013\u2014-]))"
_CLOSE_CONTEXT = r"(?=$|[\s.,;:!?)\]\u2013\u2014-])"
#: A quotation: double quotes (straight or curly) anywhere a quote can open,
#: single quotes only where they cannot be an apostrophe (start of a word
#: after a space; end of a word before a space or punctuation).
QUOTE_RE = re.compile(
    _OPEN_CONTEXT
    + r"(?:"
    + r"[\"\u201c](?=\S)[^\"\u201c\u201d\n]{1,400}?(?<=\S)[\"\u201d]"
    + r"|['\u2018](?=\S)[^\n]{1,400}?(?<=\S)['\u2019]"
    + r")"
    + _CLOSE_CONTEXT
)


_QUOTE_MARK_RE = re.compile("[\"'\u201c\u2018]")


def find_quotes(text: str) -> list[Span]:
    """One `quote` span per quotation, marks included."""
    if not _QUOTE_MARK_RE.search(text):
        return []
    return [
        Span(
            m.start(),
            m.end(),
            m.group(),
            "quote",
            "quote",
            0.0,
            "Quoted speech: these are a speaker's words, not the outlet's.",
            voice="quoted",
        )
        for m in QUOTE_RE.finditer(text)
    ]


def mark_voice(spans: list[Span], quotes: list[Span]) -> list[Span]:
    """Mark every evidence span that lies inside a quotation as `voice: quoted`."""
    if not quotes:
        return spans
    def inside(span: Span) -> bool:
        return span.kind != "quote" and any(q.start <= span.start and span.end <= q.end for q in quotes)

    return [s.with_voice("quoted") if inside(s) else s for s in spans]
