"""Quoted speech in an article body: straight and curly, double and single, across paragraphs.

The scanner reads the body's paragraphs mark by mark and keeps a stack of open
quotations, so a single-quoted phrase inside a double-quoted one is nested,
not a new quote. Two conventions of news copy are honoured:

* A quotation that runs over several paragraphs leaves each paragraph open and
  re-opens the next one with a quote mark of its kind; it is one quotation. It runs on only
  over blank lines: a line set aside between the paragraphs (a "READ MORE: …"
  promo, a credit) ends it, so a quotation never covers text that is not the
  body's own.
* An apostrophe is not a quote: a straight or curly single mark between two
  letters (Venezuela's, don't) never opens or closes anything, and a single
  quote that is still open at the end of its paragraph is taken for an
  apostrophe and dropped, unless the next paragraph opens with a single mark:
  then it is a quotation in single marks continued (British style). Inside a
  quotation in single marks, a plural possessive (‘The players’ union will
  fight,’ he said) is an apostrophe too (`_SingleMarks`).

A double quote opened and never closed ends at the end of its paragraph (or,
in a very long paragraph, at the first sentence end after
`UNCLOSED_QUOTE_MAX_CHARS`), so it cannot swallow the rest of the article.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .sentences import Paragraph, Sentence

__all__ = ["UNCLOSED_QUOTE_MAX_CHARS", "Quote", "find_quotes"]

#: An unclosed quotation is cut at the first sentence end after this many
#: characters: long enough for a three- or four-sentence quote, short enough
#: that a stray mark in a one-paragraph article does not mark it all as quoted.
UNCLOSED_QUOTE_MAX_CHARS = 600
#: Quotations nest at most this deep (a quote in a quote in a quote); deeper
#: marks are ignored, which also bounds the work on a run of stray marks.
MAX_NESTING = 3
#: A quotation continued paragraph after paragraph is one quotation for at most
#: this many paragraphs; a real speech quoted at greater length is rare in news.
MAX_QUOTE_PARAGRAPHS = 12

_DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
_DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
_SINGLE_OPEN = "\u2018\u2039"  # ‘ ‹
_SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
_OPEN_CONTEXT = "([{:;/\u2013\u2014-"
_WORD_RE = re.compile(r"\w")
_QUOTE_CHARS = "\"'" + _DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: offsets of the marks (`start`, `end`) and of the words inside."""

    start: int
    end: int
    content_start: int
    content_end: int
    #: "double" or "single"
    mark: str
    closed: bool
    #: nesting depth: 0 for a quotation in the outlet's text, 1 inside another one
    depth: int


def _classify(body: str, i: int, lo: int, hi: int, open_kinds: Sequence[str]) -> tuple[str, str] | None:
    """(`open` | `close`, kind) for the mark at `i`, or None when it is not a quote mark."""
    ch = body[i]
    prev = body[i - 1] if i > lo else " "
    nxt = body[i + 1] if i + 1 < hi else " "
    if ch == "\u201c" and "double" in open_kinds and not prev.isspace() and prev not in _OPEN_CONTEXT:
        return ("close", "double")  # German „…“: after a word, “ closes the quotation „ opened
    if ch == "\u00ab" and "double" in open_kinds and not prev.isspace():
        return ("close", "double")  # German »…«
    if ch == "\u00bb" and "double" not in open_kinds and nxt.isalnum():
        return ("open", "double")  # German »…« (French and Swiss « … » open with «)
    if ch in _DOUBLE_OPEN:
        return ("open", "double")
    if ch in _DOUBLE_CLOSE:
        return ("close", "double")
    if ch == '"':
        if prev.isspace() or prev in _OPEN_CONTEXT or (prev in _QUOTE_CHARS and "double" not in open_kinds):
            return ("open", "double")
        if nxt.isspace() or not nxt.isalnum():
            return ("close", "double")
        return ("close", "double") if "double" in open_kinds else ("open", "double")
    if ch in _SINGLE_OPEN:
        return None if prev.isalnum() else ("open", "single")
    if ch in _SINGLE_CLOSE or ch == "'":
        if prev.isalnum() and nxt.isalnum():
            return None  # an apostrophe inside a word
        if ch == "'" and not prev.isalnum() and prev not in ".,!?;:" and (nxt.isalnum() or nxt in _QUOTE_CHARS):
            return ("open", "single")
        if "single" in open_kinds and (not nxt.isalnum()):
            return ("close", "single")
        return None
    return None


#: A single mark that closes a statement ("…,’ he said"), and one that opens a quotation.
_STATEMENT_CLOSE_RE = re.compile(r"(?<=[.,!?\u2026])[\u2019'](?!\w)")
_SINGLE_OPEN_RE = re.compile(r"\u2018|(?<![\w.,!?;:])'(?=\w)")


class _SingleMarks:
    """Where a paragraph's single marks close statements and open quotations, read once when needed.

    In ‘The players’ union will fight,’ he said. the mark after "players" is
    an apostrophe: a plural possessive before a lower-case word, with the
    statement's own closing mark still to come and no quotation opened before
    it. Looked up by bisection, so a paragraph of such marks is read in linear time.
    """

    def __init__(self, body: str, lo: int, hi: int) -> None:
        self.body, self.hi = body, hi
        self.closes = [m.start() for m in _STATEMENT_CLOSE_RE.finditer(body, lo, hi)]
        self.opens = [m.start() for m in _SINGLE_OPEN_RE.finditer(body, lo, hi)]

    def possessive(self, i: int) -> bool:
        """True when the single mark at `i` is the apostrophe of a plural possessive ("players’ union")."""
        body = self.body
        if not (body[i - 1] in "sS" and i + 2 < self.hi and body[i + 1] == " " and body[i + 2].islower()):
            return False
        k = bisect.bisect_right(self.closes, i)
        if k == len(self.closes):
            return False
        j = bisect.bisect_right(self.opens, i)
        return j == len(self.opens) or self.opens[j] > self.closes[k]


def _curly(mark: str) -> bool:
    """True for a typographic mark (“ ‘ « …), False for a straight one (" ')."""
    return mark not in "\"'"


def _cut_unclosed(start: int, para_end: int, sentences: Sequence[Sentence]) -> int:
    if para_end - start <= UNCLOSED_QUOTE_MAX_CHARS:
        return para_end
    limit = start + UNCLOSED_QUOTE_MAX_CHARS
    for sentence in sentences:
        if sentence.end >= limit and sentence.end > start:
            return min(sentence.end, para_end)
    return para_end


def _reopens(body: str, paragraph: Paragraph) -> str | None:
    """The kind of quotation mark ("double", "single") a paragraph opens with, or None.

    A straight single mark counts only before a letter or digit ('We …), not
    as an apostrophe of elision before a space.
    """
    if paragraph.start >= paragraph.end:
        return None
    first = body[paragraph.start]
    if first in _DOUBLE_OPEN or first == '"':
        return "double"
    nxt = body[paragraph.start + 1] if paragraph.start + 1 < paragraph.end else " "
    if first in _SINGLE_OPEN or (first == "'" and nxt.isalnum()):
        return "single"
    return None


def _adjacent(body: str, paragraph: Paragraph, nxt: Paragraph) -> bool:
    """True when only blank lines stand between the two paragraphs (no promo or credit line set aside)."""
    return body[paragraph.end : nxt.start].isspace()


def _has_words(body: str, start: int, end: int) -> bool:
    return _WORD_RE.search(body, start, end) is not None


def find_quotes(body: str, paragraphs: Sequence[Paragraph], sentences: Sequence[Sentence]) -> list[Quote]:
    """Every quotation in the paragraphs, outermost and nested, sorted by start."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []  # (kind, offset of the opening mark)
    open_kinds: list[str] = []
    #: paragraphs an open quotation has run over so far: (start of its part, paragraph end, paragraph index)
    chain: list[tuple[int, int, int]] = []
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)

    def add(start: int, end: int, content_end: int, kind: str, closed: bool, depth: int) -> None:
        if _has_words(body, start + 1, content_end):
            quotes.append(Quote(start, end, start + 1, content_end, kind, closed, depth))

    for p_index, paragraph in enumerate(paragraphs):
        lo, hi = paragraph.start, paragraph.end
        continuing = bool(chain)
        singles: _SingleMarks | None = None
        for i in range(lo, hi):
            if body[i] not in _QUOTE_CHARS or (continuing and i == lo):
                continue  # (the mark that re-opens a quotation continued from the last paragraph)
            found = _classify(body, i, lo, hi, open_kinds)
            if found is None:
                continue
            action, kind = found
            if action == "open":
                if stack and stack[-1][0] == kind == "double" and _curly(body[stack[-1][1]]) == _curly(body[i]):
                    # A second opening mark of the same style while one is open: the first was never
                    # closed. (A curly one inside a straight one, or the reverse, is nested.)
                    _, start = stack.pop()
                    open_kinds.pop()
                    add(start, i, i, kind, False, len(stack))
                    chain = []
                if len(stack) < MAX_NESTING:
                    stack.append((kind, i))
                    open_kinds.append(kind)
                continue
            if kind not in open_kinds:
                continue
            if kind == "single" and body[i - 1] in "sS":
                singles = singles or _SingleMarks(body, lo, hi)
                if singles.possessive(i):
                    continue
            while stack:
                open_kind, start = stack.pop()
                open_kinds.pop()
                if open_kind == kind:
                    add(start, i + 1, i, kind, True, len(stack))
                    if not stack:
                        chain = []
                    break
        # End of paragraph: single marks still open were apostrophes, unless the outermost one is a
        # quotation in single marks that the next paragraph re-opens (British style: ‘… ¶ ‘… ’).
        nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
        reopened = _reopens(body, nxt) if nxt is not None and _adjacent(body, paragraph, nxt) else None
        doubles = [(k, s) for k, s in stack if k == "double"][:1]
        stack = doubles or (stack[:1] if reopened == "single" or chain else [])
        open_kinds = [k for k, _ in stack]
        if not stack:
            chain = []
            continue
        chain.append((stack[0][1] if not chain else lo, hi, p_index))
        if reopened == stack[0][0] and len(chain) < MAX_QUOTE_PARAGRAPHS:
            continue
        # Never closed: each paragraph's part is its own unclosed quotation, so
        # a stray mark cannot make the rest of the article quoted speech.
        for part_start, part_end, part_paragraph in chain:
            end = _cut_unclosed(part_start, part_end, by_paragraph.get(part_paragraph, []))
            add(part_start, end, end, stack[0][0], False, 0)
        stack, open_kinds, chain = [], [], []
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes
