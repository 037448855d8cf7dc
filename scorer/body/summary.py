"""A short plain-text summary of a body analysis, for the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["summary_lines"]

#: Evidence lines and sources shown; the full lists are in `--json`.
MAX_SHOWN = 8


def summary_lines(body: Mapping[str, Any]) -> list[str]:
    """Lines describing the body's score, its components, top evidence, sources and cross-promoted headlines."""
    if not body.get("analysed"):
        return [f"body: {dict(body)}"]
    parts = ", ".join(f"{name} {value:.2f}" for name, value in body["components"].items())
    lines = [f"body: bias score {body['score']:.2f}  {str(body['label']).upper()}  ({parts})"]
    lines += [f"  warning: {w['message']}" for w in body.get("warnings") or ()]
    evidence = sorted(body["evidence"], key=lambda e: -e["weight"])[:MAX_SHOWN]
    for item in evidence:
        who = "outlet" if item["voice"] == "outlet" else f"quoting {item['speaker'] or 'unnamed speaker'}"
        hint = f"  → {item['suggestion']}" if item.get("suggestion") else ""
        lines.append(f"  [{who}] {item['kind']}: {item['explanation']}{hint}")
    if body["sources"]:
        heard = ", ".join(f"{s['name']} ({s['words']} words)" for s in body["sources"][:MAX_SHOWN])
        lines.append(f"  sources: {heard}")
    for promo in body["cross_promoted"]:
        scored = promo["headline"]
        verdict = f"{scored['label']} {scored['score']:.2f}" if scored else "not scored"
        lines.append(f"  cross-promoted headline ({verdict}): {promo['text']}")
    return lines
