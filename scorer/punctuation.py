"""Exclamation and interrobang runs (`!`, `!!!`, `?!`, `‽`)."""

from __future__ import annotations

import re

from .spans import Span

__all__ = ["EXCLAMATION_RE", "exclamation_marks", "find_exclamations"]

_BANGS = "!\uff01\u203c\u2048\u2049\u203d"  # ! ！ ‼ ⁈ ⁉ ‽
_QUERIES = "?\uff1f\u2047\u2048\u2049\u203d"  # ? ？ ⁇ ⁈ ⁉ ‽
_DOUBLE_BANGS = "\u203c"  # ‼ is two marks in one character
#: A run of exclamation and question marks that holds at least one exclamation.
EXCLAMATION_RE = re.compile(f"[{_BANGS}{_QUERIES}]*[{_BANGS}][{_BANGS}{_QUERIES}]*")
_BANG_RE = re.compile(f"[{_BANGS}]")
#: Extractor intensity of one exclamation mark. VADER (Hutto & Gilbert 2014)
#: adds 0.292 per exclamation mark (up to four) on its -4..4 scale.
EXCLAMATION_INTENSITY = 0.292 / 4
#: VADER stops counting exclamation marks after four.
MAX_COUNTED_MARKS = 4


def exclamation_marks(run: str) -> int:
    """How many exclamation marks a run holds (‼ counts two)."""
    return sum(2 if ch in _DOUBLE_BANGS else 1 for ch in run if ch in _BANGS)


def find_exclamations(text: str) -> list[Span]:
    """One span per run of exclamation (or mixed `?!`) marks."""
    spans: list[Span] = []
    if not _BANG_RE.search(text):
        return spans
    for match in EXCLAMATION_RE.finditer(text):
        run = match.group()
        marks = exclamation_marks(run)
        interrobang = any(ch in _QUERIES for ch in run)
        category = "interrobang" if interrobang else "exclamation"
        what = "an interrobang (mixed ?! marks)" if interrobang else f"{marks} exclamation mark{'s' * (marks > 1)}"
        spans.append(
            Span(
                match.start(),
                match.end(),
                run,
                "exclamation",
                category,
                EXCLAMATION_INTENSITY * min(marks, MAX_COUNTED_MARKS),
                f"{what[0].upper()}{what[1:]}: news style avoids exclamations.",
            )
        )
    return spans
