"""Turn a scored headline (and body analysis) into pieces the web template can render.

The template escapes every piece; nothing here produces HTML. Every text it
shows passes through `show_controls` (the web blueprint makes it the Jinja
environment's `finalize`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BodyEvidence",
    "Piece",
    "body_evidence",
    "headline_pieces",
    "holds_controls",
    "legend",
    "lowering",
    "reasons",
    "show_controls",
    "suggestions",
    "unweighted",
    "without_controls",
]

#: Which kind colours a piece covered by several spans (the most specific wins).
KIND_PRIORITY = ("loaded", "clickbait", "wording", "shouting", "exclamation", "all_caps")
#: What the headline's legend calls each kind of mark, in the order it lists them (that of KIND_PRIORITY).
KIND_NAMES = {
    "loaded": "loaded word",
    "clickbait": "clickbait phrase",
    "wording": "wording common in clickbait",
    "shouting": "capitals for emphasis",
    "exclamation": "exclamation mark",
    "all_caps": "headline in capitals",
}
#: The legend's entry for marks inside a quotation (boxed, not filled).
QUOTED_NAME = "a speaker's words, quoted"
#: Characters of body text shown at most either side of a piece of body evidence.
BODY_CONTEXT_CHARS = 60
#: Body evidence listed on the page; the JSON API has all of it.
MAX_BODY_EVIDENCE_SHOWN = 200
#: Characters an HTML page may not hold as they are (WHATWG HTML, "control-character-in-input-stream",
#: and NUL): the C0 controls but tab, line feed, form feed and carriage return, and DEL. A browser
#: shows a NUL as U+FFFD or drops it, and the others as nothing.
_HTML_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Unicode's Control Pictures: U+2400 + n pictures C0 control n, U+2421 pictures DEL.
_C0_PICTURES = 0x2400
_DEL_PICTURE = "\u2421"


@dataclass(frozen=True)
class Piece:
    """A run of the headline covered by the same set of spans."""

    text: str
    #: evidence indexes covering this run (quotes excluded)
    ids: tuple[int, ...] = ()
    kind: str = ""
    quoted: bool = False
    explanations: tuple[str, ...] = ()


@dataclass(frozen=True)
class BodyEvidence:
    """One piece of body evidence with a little of the text around it."""

    before: str
    text: str
    after: str
    kind: str
    category: str
    explanation: str
    voice: str
    speaker: str | None
    #: whether body text was left out before `before` / after `after` (the page shows "…" there)
    cut_before: bool = False
    cut_after: bool = False


def _picture(match: re.Match[str]) -> str:
    char = match[0]
    return _DEL_PICTURE if char == "\x7f" else chr(_C0_PICTURES + ord(char))


def holds_controls(text: str) -> bool:
    """Whether `text` holds a character `show_controls` replaces."""
    return _HTML_CONTROLS.search(text) is not None


def without_controls(text: str) -> str:
    """`text` without the control characters `show_controls` would picture.

    For the form's fields: a field refilled with the pictures would score
    "␀" the next time the form is posted, which the text never held.
    """
    return _HTML_CONTROLS.sub("", text)


def show_controls(value: object) -> object:
    """`value` with each control character an HTML page cannot hold replaced by its picture (NUL by ␀).

    The library scores such text as it is (`scorer.extract.check_text` refuses
    only what is not text at all, unpaired surrogates) and the JSON API sends
    it back escaped; only the page pictures it. A picture is one code point,
    as the control was, so every offset into the text still holds. Values
    that are not plain `str` (numbers, `Markup`) are returned unchanged.
    """
    if type(value) is not str or not _HTML_CONTROLS.search(value):
        return value
    return _HTML_CONTROLS.sub(_picture, value)


def _weight(span: Mapping[str, Any]) -> float:
    return float(span.get("weight") or 0.0)


def _raises(span: Mapping[str, Any]) -> bool:
    return span["kind"] != "quote" and _weight(span) > 0.0


def _covering(spans: Sequence[Mapping[str, Any]], start: int, end: int) -> list[int]:
    return [i for i, s in enumerate(spans) if s["start"] <= start and s["end"] >= end]


def headline_pieces(headline: str, evidence: Sequence[Mapping[str, Any]]) -> list[Piece]:
    """Split `headline` at every edge of a span that raises the score or of a quote.

    Spans that lower the score (a trained model weighs ordinary words too) are
    not highlighted; `lowering` lists them.
    """
    shown = [s for s in evidence if s["kind"] == "quote" or _raises(s)]
    cuts = sorted({0, len(headline), *(s["start"] for s in shown), *(s["end"] for s in shown)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        if start >= end:
            continue
        over = _covering(evidence, start, end)
        marks = [i for i in over if _raises(evidence[i])]
        quoted = any(evidence[i]["kind"] == "quote" for i in over) or any(
            evidence[i].get("voice") == "quoted" for i in marks
        )
        kinds = {evidence[i]["kind"] for i in marks}
        kind = next((k for k in KIND_PRIORITY if k in kinds), min(kinds) if kinds else "")
        pieces.append(
            Piece(
                text=headline[start:end],
                ids=tuple(marks),
                kind=kind,
                quoted=quoted,
                explanations=tuple(str(evidence[i]["explanation"]) for i in marks),
            )
        )
    return pieces


def legend(pieces: Sequence[Piece]) -> list[tuple[str, str]]:
    """(kind, name) for each kind of mark shown in `pieces`, in `KIND_NAMES` order; ("quoted", …) last if any mark is.

    The marks differ in fill colour and in underline style; the legend names the styles, so
    the colours are not the only way to tell them apart.
    """
    shown = {p.kind for p in pieces if p.ids}
    keys = [(kind, name) for kind, name in KIND_NAMES.items() if kind in shown]
    keys += [(kind, kind.replace("_", " ")) for kind in sorted(shown - KIND_NAMES.keys())]
    if any(p.ids and p.quoted for p in pieces):
        keys.append(("quoted", QUOTED_NAME))
    return keys


def context_before(body: str, start: int) -> str:
    """Up to `BODY_CONTEXT_CHARS` of `body` before `start`, starting at a word's start.

    A word cut by the window is left out ("…pted on the streets" read as a typo); a single
    word longer than the window is cut, as nothing else fits.
    """
    begin = max(0, start - BODY_CONTEXT_CHARS)
    if begin > 0 and not body[begin - 1].isspace():
        space = re.search(r"\s", body[begin:start])
        if space:
            begin += space.end()
    return body[begin:start].lstrip() if begin > 0 else body[begin:start]


def context_after(body: str, end: int) -> str:
    """Up to `BODY_CONTEXT_CHARS` of `body` after `end`, ending at a word's end (see `context_before`)."""
    stop = min(len(body), end + BODY_CONTEXT_CHARS)
    if stop < len(body) and not body[stop].isspace():
        spaces = [m.start() for m in re.finditer(r"\s", body[end:stop])]
        if spaces:
            stop = end + spaces[-1]
    return body[end:stop].rstrip() if stop < len(body) else body[end:stop]


def reasons(evidence: Sequence[Mapping[str, Any]]) -> list[tuple[int, Mapping[str, Any]]]:
    """Evidence that raises the score, strongest first, with its index."""
    listed = [(i, e) for i, e in enumerate(evidence) if _raises(e)]
    return sorted(listed, key=lambda pair: -_weight(pair[1]))


def lowering(evidence: Sequence[Mapping[str, Any]]) -> list[tuple[int, Mapping[str, Any]]]:
    """Evidence that lowers the score (not quote markers), most lowering first."""
    listed = [(i, e) for i, e in enumerate(evidence) if e["kind"] != "quote" and _weight(e) < 0.0]
    return sorted(listed, key=lambda pair: _weight(pair[1]))


def unweighted(evidence: Sequence[Mapping[str, Any]]) -> list[tuple[int, Mapping[str, Any]]]:
    """Devices found that the model gives no weight (a framing verb VADER does not rate), in headline order.

    They had been listed, at +0.00, under "Words that lower the score".
    """
    return [(i, e) for i, e in enumerate(evidence) if e["kind"] != "quote" and not _weight(e)]


def suggestions(evidence: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    """(word, alternative, how) triples, once each, in headline order.

    `how` is "lower case" for shouted capitals and "neutral word" for the
    lexicon's alternatives to loaded terms. Only words that weigh in the score are
    offered ("claims" at +0.00 is listed as found, not as a word to change), and a
    shouted loaded word gets its neutral word alone.
    """
    offered = [e for e in evidence if e.get("suggestion") and e["suggestion"] != e["text"] and _weight(e)]
    # A word with a neutral alternative gets that one only: "SLAMMED" → "criticised", not also → "slammed".
    replaced = {(e.get("start"), e.get("end")) for e in offered if e["kind"] not in ("shouting", "all_caps")}
    seen: dict[tuple[str, str, str], None] = {}
    for e in offered:
        shouted = e["kind"] in ("shouting", "all_caps")
        if shouted and (e.get("start"), e.get("end")) in replaced:
            continue
        seen.setdefault((str(e["text"]), str(e["suggestion"]), "lower case" if shouted else "neutral word"), None)
    return list(seen)


def body_evidence(body: str, analysis: Mapping[str, Any]) -> list[BodyEvidence]:
    """Body evidence with context, tolerant of spans whose offsets do not fit the text."""
    spans = analysis.get("evidence")
    if not isinstance(spans, list):
        return []
    out = []
    for span in spans[:MAX_BODY_EVIDENCE_SHOWN]:
        if not isinstance(span, Mapping):
            continue
        start, end = span.get("start"), span.get("end")
        text = str(span.get("text", ""))
        before = after = ""
        cut_before = cut_after = False
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(body):
            before, after = context_before(body, start), context_after(body, end)
            text = body[start:end]
            # "…" only where text was left out: not before the body's first words nor after its last
            cut_before = bool(body[: start - len(before)].strip())
            cut_after = bool(body[end + len(after) :].strip())
        voice = "quoted" if span.get("voice") == "quoted" else "outlet"
        speaker = span.get("speaker")
        out.append(
            BodyEvidence(
                before=before,
                text=text,
                after=after,
                kind=str(span.get("kind", "")),
                category=str(span.get("category", "")),
                explanation=str(span.get("explanation", "")),
                voice=voice,
                speaker=str(speaker) if speaker else None,
                cut_before=cut_before,
                cut_after=cut_after,
            )
        )
    return out
