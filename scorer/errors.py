"""The error hierarchy: every failure a user can cause or fix has a readable message."""

from __future__ import annotations

__all__ = ["InputError", "LexiconError", "ModelError", "ScorerError"]


class ScorerError(Exception):
    """Base class for all errors raised by the scorer on purpose."""


class InputError(ScorerError, ValueError):
    """The text given to the scorer cannot be scored (empty, too long, wrong type)."""


class LexiconError(ScorerError):
    """A lexicon or pattern file is malformed; the message names `file:line: reason`."""


class ModelError(ScorerError):
    """A model file is missing, corrupted, unverified or incompatible."""
