"""The layout of an article body: paragraphs, sentences, cross-promoted headlines and credit lines.

A body as pasted from a news site holds more than the article: lines that
advertise other stories ("READ MORE: Venezuela RIOTS: …") and credit lines
("source: express.co.uk"). They are recognised line by line and kept out of
the body's own text; what remains is split into paragraphs (at blank lines)
and sentences, with offsets into the exact body string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract import MAX_HEADLINE_CHARS

__all__ = ["CrossPromo", "Layout", "Paragraph", "Sentence", "find_layout", "split_sentences"]

#: Labels that introduce a cross-promoted headline on a line of its own. The
#: headline runs to the line's last character that is not a space or tab:
#: matched greedily and backed off from the line's end, which is linear (a lazy
#: `.*?` re-read the trailing spaces at every character, quadratic on a long line).
#: A dash after the label is a separator only with space after it: "Watch - …"
#: is a promo, "Watch-makers gathered …" and "Latest-generation …" are not.
_PROMO_RE = re.compile(
    r"^[ \t]*(?:read more|read next|more|related|see also|also read|don't miss|watch|latest)"
    r"[ \t]*(?:[:|>»]|[\u2013\u2014-](?=[ \t]))[ \t]*(?P<headline>\S(?:.*[^ \t])?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
#: A line that credits the source, photo or copyright, not part of the story.
_CREDIT_RE = re.compile(
    r"^[ \t]*(?:source|sources|via|credit|credits|photo|photograph|picture|image|copyright|\u00a9)"
    r"[ \t]*[:\u00a9]?[ \t]*(?:[\w.&@/-]+(?:[ \t,]+[\w.&@/-]+){0,7})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
#: Cross-promoted headlines are short; a long "Related: …" line is body text.
MAX_PROMO_WORDS = 30
#: A "source: …" credit line has a label and a few words, never a sentence.
_CREDIT_LABEL_RE = re.compile(r"^[ \t]*(?:\u00a9|[A-Za-z]+[ \t]*[:\u00a9])", re.MULTILINE)

#: Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr gen lt col capt sgt cmdr adm gov sen rep rev hon pres "
    "inc ltd co corp plc no nos vs v etc al approx dept est fig jan feb mar apr jun jul aug "
    "sep sept oct nov dec mt ft univ".split()
)
#: A sentence end: a run of end marks, closing quotes or brackets, then space or the end.
#: The run is matched only from its first mark and possessively, so a long run
#: of dots not followed by space is read once, not once per dot (that was
#: quadratic: 20,000 dots took 20 s); the matches are the same.
_END_RE = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019)\]]*+(?=\s|$)")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_NEXT_START_RE = re.compile(r"\s+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u00de]")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True, slots=True)
class CrossPromo:
    """A line advertising another story: the whole line, and the headline inside it."""

    start: int
    end: int
    headline_start: int
    headline_end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of body text between blank lines (or excluded lines)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the body's own text."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Layout:
    """Where the body's own text is, and which lines are something else."""

    paragraphs: tuple[Paragraph, ...]
    promos: tuple[CrossPromo, ...]
    credits: tuple[tuple[int, int], ...]


def _line_spans(body: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in body.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _promo(body: str, start: int, end: int) -> CrossPromo | None:
    match = _PROMO_RE.match(body, start, end)
    if match is None:
        return None
    h_start, h_end = match.span("headline")
    headline = body[h_start:h_end]
    if h_end - h_start > MAX_HEADLINE_CHARS or len(headline.split()) > MAX_PROMO_WORDS:
        return None
    if not any(ch.isalpha() for ch in headline):
        return None
    return CrossPromo(start, end, h_start, h_end)


def _is_credit(body: str, start: int, end: int) -> bool:
    return _CREDIT_LABEL_RE.match(body, start, end) is not None and _CREDIT_RE.match(body, start, end) is not None


def find_layout(body: str) -> Layout:
    """Split `body` into paragraphs of its own text, cross-promoted headlines and credit lines."""
    paragraphs: list[Paragraph] = []
    promos: list[CrossPromo] = []
    credits: list[tuple[int, int]] = []
    para_start: int | None = None
    para_end = 0

    def close() -> None:
        nonlocal para_start
        if para_start is not None:
            paragraphs.append(Paragraph(para_start, para_end))
        para_start = None

    for start, end in _line_spans(body):
        stripped = body[start:end].strip()
        if not stripped:
            close()
            continue
        promo = _promo(body, start, end)
        if promo is not None:
            close()
            promos.append(promo)
            continue
        if _is_credit(body, start, end):
            close()
            line = body[start:end]
            credits.append((start + len(line) - len(line.lstrip()), start + len(line.rstrip())))
            continue
        lead = len(body[start:end]) - len(body[start:end].lstrip())
        if para_start is None:
            para_start = start + lead
        para_end = start + len(body[start:end].rstrip())
    close()
    return Layout(tuple(paragraphs), tuple(promos), tuple(credits))


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` ends an abbreviation or initial, not a sentence."""
    match = _WORD_BEFORE_RE.search(text, max(0, dot - 20), dot)
    if match is None:
        return False
    word = match.group(1).rstrip(".")
    if not word:
        return False
    if word.lower() in ABBREVIATIONS:
        return True
    # Initials and dotted initialisms: "J. Smith", "U.S.", "e.g.". Their parts are
    # letters: a number before the full stop ("was 3.2.", "$1.5m.") ends a sentence.
    return (len(word) == 1 and word.isalpha()) or (
        "." in word and all(part.isalpha() and len(part) <= 2 for part in word.split("."))
    )


def split_sentences(body: str, paragraph: Paragraph, index: int) -> list[Sentence]:
    """The sentences of one paragraph, trimmed of surrounding space."""
    sentences: list[Sentence] = []
    start = paragraph.start
    for match in _END_RE.finditer(body, paragraph.start, paragraph.end):
        end = match.end()
        if end >= paragraph.end:
            break
        if match.group()[0] == "." and len(match.group().rstrip("\"'\u201d\u2019)]")) == 1:
            if _is_abbreviation(body, match.start()):
                continue
        if _NEXT_START_RE.match(body, end, paragraph.end) is None:
            continue
        sentences.append(Sentence(start, end, index))
        start = end
        while start < paragraph.end and body[start].isspace():
            start += 1
    if start < paragraph.end:
        sentences.append(Sentence(start, paragraph.end, index))
    return sentences
