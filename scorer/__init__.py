"""Score news headlines (and article bodies) for sensational and loaded writing, with evidence.

>>> from scorer import Scorer
>>> result = Scorer.load().score("Venezuela crisis: US sends CHILLING warning amid RIOTS!")
>>> result.label, [e.span.text for e in result.top_evidence()]
('high', ['CHILLING', 'RIOTS', '!'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import Scorer
from .errors import InputError, LexiconError, ModelError, ScorerError
from .result import Evidence, ScoreResult
from .spans import Span

if TYPE_CHECKING:
    from .batch.frame import score_frame

__all__ = [
    "Evidence",
    "InputError",
    "LexiconError",
    "ModelError",
    "ScoreResult",
    "Scorer",
    "ScorerError",
    "Span",
    "build_name",
    "compiled",
    "score_frame",
]
__version__ = "0.1.0"


def compiled() -> bool:
    """Whether the scoring hot path runs compiled by mypyc (`setup.py`) rather than as Python source."""
    from . import extract

    return not str(extract.__file__).endswith(".py")


def build_name() -> str:
    """The build in words, as `scorer --version` and the benchmarks print it."""
    return "compiled with mypyc" if compiled() else "pure Python"


def __dir__() -> list[str]:
    """The module's names, `score_frame` included (it is imported on first use): tab completion offers it."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    """`score_frame` is imported on first use, so `import scorer` does not import pandas."""
    if name == "score_frame":
        from .batch.frame import score_frame

        return score_frame
    raise AttributeError(f"module 'scorer' has no attribute {name!r}")
