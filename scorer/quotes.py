"""Quoted speech inside a headline, so the outlet's voice can be told from a speaker's."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .spans import Span

__all__ = ["QUOTE_RE", "find_quotes", "inside_quotation", "mark_voice", "quote_matches"]

#: Characters besides white space after which a quotation may open.
_OPENERS = "([:\u2013\u2014-"
_OPEN_CONTEXT = r"(?:^|(?<=[\s" + re.escape(_OPENERS) + r"]))"
_CLOSE_CONTEXT = r"(?=$|[\s.,;:!?)\]\u2013\u2014-])"
#: A later closing single quote on the same line with no quotation opening before it.
_LATER_SINGLE_CLOSE = r"(?:(?!\s['\u2018])[^\n]){0,400}?\S['\u2019]" + _CLOSE_CONTEXT
#: A closing single quote. After an s it may be a plural possessive (the players' fault):
#: then it closes only when no later mark could close the quotation instead.
_SINGLE_CLOSE = r"(?<=\S)['\u2019](?!(?<=s['\u2019])" + _LATER_SINGLE_CLOSE + ")"
#: A quotation: double quotes (straight or curly, guillemets «…» and »…«, low-high
#: „…“ and „…”) anywhere a quote can open, single quotes only where they cannot be
#: an apostrophe (start of a word after a space; end of a word before a space or
#: punctuation). A right single quote opens one too (’Astonishing’), as some sites set it;
#: no single quote opens one before a digit or in "’n’" (the ’90s, rock ’n’ roll: elisions).
QUOTE_RE = re.compile(
    _OPEN_CONTEXT
    + r"(?:"
    + r"[\"\u201c](?=\S)[^\"\u201c\u201d\n]{1,400}?(?<=\S)[\"\u201d]"
    + r"|\u00ab(?=\S)[^\u00ab\u00bb\n]{1,400}?(?<=\S)\u00bb"
    + r"|\u00bb(?=\S)[^\u00ab\u00bb\n]{1,400}?(?<=\S)\u00ab"
    + r"|\u201e(?=\S)[^\u201e\u201c\u201d\n]{1,400}?(?<=\S)[\u201c\u201d]"
    + r"|['\u2018\u2019](?=\S)(?!\d|n['\u2019](?:\s|$))[^\n]{1,400}?"
    + _SINGLE_CLOSE
    + r")"
    + _CLOSE_CONTEXT
)


#: Marks that may open a quotation: a headline with none of them has none.
_OPENING_MARKS = ("'", '"', "\u201c", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e")
_QUOTE_MARK_RE = re.compile("[" + "".join(map(re.escape, _OPENING_MARKS)) + "]")


def quote_matches(text: str) -> list[re.Match[str]]:
    """What `QUOTE_RE.finditer(text)` finds, trying the pattern only where a quotation can open.

    A match starts with an opening mark at the start or after white space or
    an opener. Most marks in headlines are apostrophes inside words (don't,
    Trump's), so the costly pattern, whose look-behind would be tried at every
    position, is tried at a few positions or none. `re` evaluates `^` and
    look-behinds against the whole string, not the position given to `match`.
    """
    found: list[re.Match[str]] = []
    end = 0
    for mark in _QUOTE_MARK_RE.finditer(text):
        start = mark.start()
        if start < end or (start and not (text[start - 1].isspace() or text[start - 1] in _OPENERS)):
            continue
        match = QUOTE_RE.match(text, start)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def find_quotes(text: str) -> list[Span]:
    """One `quote` span per quotation, marks included."""
    if not any(mark in text for mark in _OPENING_MARKS):
        return []  # two headlines in three have no quotation mark at all (`_QUOTE_MARK_RE`)
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
        for m in quote_matches(text)
    ]


def inside_quotation(span: Span, quotes: Sequence[Span]) -> bool:
    """Whether `span` lies inside one of the quotation spans `quotes`."""
    return any(q.start <= span.start and span.end <= q.end for q in quotes)


def mark_voice(spans: list[Span], quotes: list[Span]) -> list[Span]:
    """Mark every evidence span that lies inside a quotation as `voice: quoted`."""
    if not quotes:
        return spans
    return [s.with_voice("quoted") if s.kind != "quote" and inside_quotation(s, quotes) else s for s in spans]
