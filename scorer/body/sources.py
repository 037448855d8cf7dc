"""The sources table: who is quoted or cited, and how many words each is given.

A reader sees whose side is heard: every quotation and every piece of reported
speech adds its words to its speaker. The same person named in full and then
by surname ("President Donald Trump", "Trump") is one source.
"""

from __future__ import annotations

import heapq
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


#: A key a source is filed under: ("=", lower-case name) for every source; for
#: people also ("words", *words of the name) and ("suffix", *each run of its last words).
_Key = tuple[str, ...]


def _filing_keys(name: str, kind: str) -> set[_Key]:
    keys: set[_Key] = {("=", name.lower())}
    if kind == "person":
        words = name.lower().split()
        keys.add(("words", *words))
        keys.update(("suffix", *words[k:]) for k in range(len(words)))
    return keys


class _Directory:
    """The sources table, indexed so that finding a speaker's source reads only the words of the name.

    A speaker is the first source (in the order they were added) with the same
    name, or, for people, whose name ends with the speaker's or with which the
    speaker's ends ("Trump", "Donald Trump"). Scanning the table for every
    quotation was quadratic when a body names thousands of speakers.
    """

    def __init__(self) -> None:
        self.table: list[Source] = []
        self._keys: list[set[_Key]] = []  # the keys each source is filed under now
        self._filed: dict[_Key, list[int]] = {}  # key -> heap of source numbers; some may be stale

    def _file(self, number: int, keys: set[_Key]) -> None:
        for key in keys:
            heapq.heappush(self._filed.setdefault(key, []), number)

    def _first(self, key: _Key) -> int | None:
        heap = self._filed.get(key)
        while heap and key not in self._keys[heap[0]]:
            heapq.heappop(heap)  # filed under a name the source has since outgrown
        return heap[0] if heap else None

    def find(self, name: str, kind: str) -> int | None:
        """The number of the source `name` belongs to, if any."""
        queries: list[_Key] = [("=", name.lower())]
        if kind == "person":
            words = name.lower().split()
            if words:
                queries.append(("suffix", *words))  # a source whose name ends with this one
                queries.extend(("words", *words[k:]) for k in range(len(words)))  # this name ends with the source's
        found = [n for n in map(self._first, queries) if n is not None]
        return min(found) if found else None

    def add(self, source: Source) -> None:
        self.table.append(source)
        self._keys.append(_filing_keys(source.name, source.kind))
        self._file(len(self.table) - 1, self._keys[-1])

    def rename(self, number: int, name: str) -> None:
        source = self.table[number]
        source.name = name
        keys = _filing_keys(name, source.kind)
        self._file(number, keys - self._keys[number])
        self._keys[number] = keys


def build_sources(quotes: Sequence[AttributedQuote], reported: Sequence[ReportedSpeech]) -> list[dict[str, Any]]:
    """The sources table, most words first."""
    directory = _Directory()
    events: list[tuple[int, str, str, int, bool]] = [
        (q.quote.start, q.speaker, q.speaker_kind or "group", q.words, True) for q in quotes if q.speaker
    ]
    events += [(r.speaker_span[0], r.speaker, r.speaker_kind, r.words, False) for r in reported]
    for offset, name, kind, words, quoted in sorted(events):
        number = directory.find(name, kind)
        if number is None:
            source = Source(name, kind, first_offset=offset)
            directory.add(source)
        else:
            source = directory.table[number]
            if len(name) > len(source.name):
                directory.rename(number, name)  # keep the fullest form of the name
        if quoted:
            source.quotes += 1
            source.quoted_words += words
        else:
            source.reported += 1
            source.reported_words += words
    table = directory.table
    total = sum(s.words for s in table)
    table.sort(key=lambda s: (-s.words, s.first_offset))
    return [s.to_dict(total) for s in table]
