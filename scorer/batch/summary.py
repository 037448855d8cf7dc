"""Running figures for the batch report: a score histogram, the top headlines, per-group means.

A `Summary` has a fixed size however many rows it has seen (bins, the top
twenty, at most `MAX_GROUPS` groups), so it can ride along in the checkpoint
and be merged chunk by chunk.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..result import ScoreResult

__all__ = ["HIST_BINS", "MAX_GROUPS", "OTHER_GROUP", "TOP_HEADLINES", "Summary"]

#: Histogram bins over scores 0..1.
HIST_BINS = 40
#: Headlines kept for the report's "most sensational" list (the issue asks for twenty).
TOP_HEADLINES = 20
#: Groups tracked separately; rows of any further group are pooled, so a column of unique ids cannot blow memory up.
MAX_GROUPS = 500
OTHER_GROUP = "(other groups)"
#: Longest headline kept for the report, in characters (headlines are capped at 2,000 on input).
MAX_REPORT_HEADLINE = 2_000


@dataclass
class Summary:
    """Fixed-size figures over scored rows."""

    hist: list[int] = field(default_factory=lambda: [0] * HIST_BINS)
    labels: dict[str, int] = field(default_factory=dict)
    top: list[dict[str, Any]] = field(default_factory=list)
    # group -> [rows, sum of scores, rows labelled high, rows with a body score, sum of body scores, bodies high]
    groups: dict[str, list[float]] = field(default_factory=dict)
    #: rows scored with each warning code (`scorer.caveats`)
    warnings: dict[str, int] = field(default_factory=dict)

    def add(self, line: int, result: ScoreResult, group: str | None) -> None:
        """Count one scored row."""
        body = result.body or {}
        self.add_row(
            line,
            result.score,
            result.label,
            result.headline,
            _top_spans(result),
            group,
            body.get("score"),
            body.get("label"),
            [w.code for w in result.warnings],
        )

    def add_many(
        self, lines: Sequence[int], results: Sequence[ScoreResult], groups: Sequence[str | None] | None
    ) -> None:
        """Count a chunk's scored rows; only rows that can still reach the top twenty get their spans listed."""
        hist, labels, warned = self.hist, self.labels, self.warnings
        best: list[tuple[float, int, int]] = []  # (score, -line, position): a min-heap of the chunk's top rows
        last = HIST_BINS - 1
        for k, (line, result) in enumerate(zip(lines, results, strict=True)):
            score = result.score
            hist[min(last, max(0, math.floor(score * HIST_BINS)))] += 1
            label = result.label
            labels[label] = labels.get(label, 0) + 1
            for caveat in result.warnings:
                warned[caveat.code] = warned.get(caveat.code, 0) + 1
            key = (score, -line, k)
            if len(best) < TOP_HEADLINES:
                heapq.heappush(best, key)
            elif key > best[0]:
                heapq.heapreplace(best, key)
        for _, _, k in best:
            result = results[k]
            self.top.append(
                {"line": lines[k], "score": result.score, "headline": result.headline[:MAX_REPORT_HEADLINE],
                 "spans": _top_spans(result)}
            )
        self._trim()
        if groups is not None:
            for result, group in zip(results, groups, strict=True):
                if group is not None:
                    body = result.body or {}
                    self._group_row(result.score, result.label, group, body.get("score"), body.get("label"))

    def add_row(
        self,
        line: int,
        score: float,
        label: str,
        headline: str,
        spans: list[list[Any]],
        group: str | None,
        body_score: object = None,
        body_label: object = None,
        warnings: Sequence[str] = (),
    ) -> None:
        """Count one scored row given as plain values (`spans` are `[start, end, kind, weight]`, `warnings` codes)."""
        self.hist[min(HIST_BINS - 1, max(0, math.floor(score * HIST_BINS)))] += 1
        self.labels[label] = self.labels.get(label, 0) + 1
        for code in warnings:
            self.warnings[code] = self.warnings.get(code, 0) + 1
        self.top.append({"line": line, "score": score, "headline": headline[:MAX_REPORT_HEADLINE], "spans": spans})
        if len(self.top) > 4 * TOP_HEADLINES:
            self._trim()
        if group is not None:
            self._group_row(score, label, group, body_score, body_label)

    def _group_row(self, score: float, label: str, group: str, body_score: object, body_label: object) -> None:
        has_body = isinstance(body_score, int | float) and not math.isnan(body_score)
        self._count(
            group,
            [
                1,
                score,
                float(label == "high"),
                float(has_body),
                float(body_score) if has_body else 0.0,  # type: ignore[arg-type]
                float(has_body and body_label == "high"),
            ],
        )

    def _count(self, group: str, values: list[float]) -> None:
        if group not in self.groups and len(self.groups) >= MAX_GROUPS:
            group = OTHER_GROUP
        totals = self.groups.setdefault(group, [0.0] * len(values))
        for i, v in enumerate(values):
            totals[i] += v

    def _trim(self) -> None:
        self.top.sort(key=lambda t: (-t["score"], t["line"]))
        del self.top[TOP_HEADLINES:]

    def merge(self, other: Summary) -> None:
        """Add another summary's figures to this one."""
        self.hist = [a + b for a, b in zip(self.hist, other.hist, strict=True)]
        for label, n in other.labels.items():
            self.labels[label] = self.labels.get(label, 0) + n
        for code, n in other.warnings.items():
            self.warnings[code] = self.warnings.get(code, 0) + n
        self.top.extend(other.top)
        self._trim()
        for group, values in other.groups.items():
            self._count(group, values)

    @property
    def has_bodies(self) -> bool:
        return any(v[3] > 0 for v in self.groups.values())

    def to_json(self) -> dict[str, Any]:
        self._trim()
        return {
            "hist": self.hist, "labels": self.labels, "top": self.top, "groups": self.groups, "warnings": self.warnings
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Summary:
        """The summary `to_json` wrote."""
        return cls(
            hist=list(data["hist"]),
            labels=dict(data["labels"]),
            top=list(data["top"]),
            groups=dict(data["groups"]),
            warnings=dict(data["warnings"]),
        )

    def warnings_text(self) -> str:
        """For people: "15 rows with a warning (3 too_short, 12 unfamiliar_words)"; "" if none had one."""
        parts = [f"{n:,} {code}" for code, n in sorted(self.warnings.items())]
        if not parts:
            return ""
        total = sum(self.warnings.values())
        return f"{total:,} {'row' if total == 1 else 'rows'} with a warning ({', '.join(parts)})"


def _top_spans(result: ScoreResult) -> list[list[Any]]:
    """The report's evidence for one row: its five strongest spans as [start, end, kind, weight]."""
    return [[e.span.start, e.span.end, e.span.kind, round(e.weight, 3)] for e in result.top_evidence(5)]
