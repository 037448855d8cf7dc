"""The sources table: who is quoted or cited, and how many words each is given.

A reader sees whose side is heard: every quotation and every piece of reported
speech adds its words to its speaker. The same person named in full and then
by surname ("President Donald Trump", "Trump") is one source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .attribution import AttributedQuote, ReportedSpeech

__all__ = ["Source", "build_sources"]


@dataclass
class Source:
    """One speaker and what the article gives them (built once per analysis, then frozen to a dict)."""

    name: str
    kind: str
    quotes: int = 0
    quoted_words: int = 0
    reported: int = 0
    reported_words: int = 0
    first_offset: int = 0

    @property
    def words(self) -> int:
        """Words given in all: quoted plus reported."""
        return self.quoted_words + self.reported_words

    def to_dict(self, total_words: int) -> dict[str, Any]:
        """JSON form, with this source's share of all words given to sources."""
        return {
            "name": self.name,
            "kind": self.kind,
            "quotes": self.quotes,
            "quoted_words": self.quoted_words,
            "reported": self.reported,
            "reported_words": self.reported_words,
            "words": self.words,
            "share": round(self.words / total_words, 4) if total_words else 0.0,
            "first_offset": self.first_offset,
        }


def _same(a: str, b: str) -> bool:
    """True when one person's name is the other's surname part ("Trump", "Donald Trump")."""
    ta, tb = a.lower().split(), b.lower().split()
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and long[-len(short) :] == short


def _find(table: list[Source], name: str, kind: str) -> Source | None:
    for source in table:
        if source.name.lower() == name.lower():
            return source
        if kind == "person" and source.kind == "person" and _same(source.name, name):
            return source
    return None


def build_sources(quotes: Sequence[AttributedQuote], reported: Sequence[ReportedSpeech]) -> list[dict[str, Any]]:
    """The sources table, most words first."""
    table: list[Source] = []
    events: list[tuple[int, str, str, int, bool]] = [
        (q.quote.start, q.speaker, q.speaker_kind or "group", q.words, True) for q in quotes if q.speaker
    ]
    events += [(r.speaker_span[0], r.speaker, r.speaker_kind, r.words, False) for r in reported]
    for offset, name, kind, words, quoted in sorted(events):
        source = _find(table, name, kind)
        if source is None:
            source = Source(name, kind, first_offset=offset)
            table.append(source)
        elif len(name) > len(source.name):
            source.name = name  # keep the fullest form of the name
        if quoted:
            source.quotes += 1
            source.quoted_words += words
        else:
            source.reported += 1
            source.reported_words += words
    total = sum(s.words for s in table)
    table.sort(key=lambda s: (-s.words, s.first_offset))
    return [s.to_dict(total) for s in table]
