"""Score news headlines (and article bodies) for sensational and loaded writing, with evidence.

>>> from scorer import Scorer
>>> result = Scorer.load().score("Venezuela crisis: US sends CHILLING warning amid RIOTS!")
>>> result.label, [e.span.text for e in result.top_evidence()]
"""

from __future__ import annotations

from .core import Scorer
from .errors import InputError, LexiconError, ModelError, ScorerError
from .result import Evidence, ScoreResult
from .spans import Span

__all__ = [
    "Evidence",
    "InputError",
    "LexiconError",
    "ModelError",
    "ScoreResult",
    "Scorer",
    "ScorerError",
    "Span",
]
__version__ = "0.1.0"
