"""Article-body analysis (placeholder until the body-bias work lands: counts only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core import Scorer

__all__ = ["analyse_body"]


def analyse_body(body: str, scorer: Scorer) -> dict[str, Any]:
    """Minimal body summary: its length. The full analysis replaces this."""
    return {"chars": len(body), "analysed": False}
