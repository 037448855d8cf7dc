"""The feature extractor: a pure function from a headline to evidence spans and features.

Every span-derived feature is a sum over spans of a per-span value, recorded in
`Extraction.attribution`, so a linear model's decision can be split exactly
into the words that produced it.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from .capitals import find_capitals
from .errors import InputError
from .lexicon import CLICKBAIT_CATEGORIES, LOADED_CATEGORIES, Lexicon, tokenize_normalised
from .punctuation import MAX_COUNTED_MARKS, exclamation_marks, find_exclamations
from .quotes import find_quotes, inside_quotation, mark_voice
from .readability import Features
from .spans import Span, resolve_overlaps
from .terms import find_clickbait, find_loaded_terms
from .views import reduce_with_views

__all__ = [
    "FEATURE_IDS",
    "LATIN_LETTER_PATTERN",
    "MAX_HEADLINE_CHARS",
    "SPAN_FEATURE_IDS",
    "Extraction",
    "check_text",
    "extract",
    "letters_problem",
]

#: Longest headline accepted, in code points. Real headlines are under 300;
#: the bound keeps one request from holding a worker (documented in the README).
MAX_HEADLINE_CHARS = 2_000

#: A UTF-16 surrogate code point: in a `str` it is always unpaired (bytes that were not
#: UTF-8, decoded with `surrogateescape`), and no result holding one can be written as UTF-8.
#: Built with `chr`: mypyc (see `setup.py`) cannot compile a surrogate in a string literal.
_SURROGATE_RE = re.compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")
#: A letter of the Latin alphabet, accented ones included (Latin-1 letters, Latin Extended-A
#: and -B, Latin Extended Additional, the fullwidth forms); not the signs × and ÷ that sit among them.
LATIN_LETTER_PATTERN = "[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]"
_LATIN_LETTER_RE = re.compile(LATIN_LETTER_PATTERN)
#: A letter in any script: a word character that is not a digit or the underscore.
_LETTER_RE = re.compile(r"[^\W\d_]")

#: Features that are sums of per-span values (see `_span_values`).
SPAN_FEATURE_IDS: tuple[str, ...] = (
    "shout_words",
    "shout_ratio",
    "all_caps",
    "exclaim_runs",
    "exclaim_marks",
    "interrobang_runs",
    *(f"loaded_{c}" for c in LOADED_CATEGORIES),
    *(f"clickbait_{c}" for c in CLICKBAIT_CATEGORIES),
    "quotes",
    "quoted_share",
)
#: All features, in a fixed order (the model's feature ids).
FEATURE_IDS: tuple[str, ...] = (
    "n_words",
    "n_chars",
    *SPAN_FEATURE_IDS,
    "flesch_reading_ease",
    "syllables_per_word",
)

#: Every feature at 0.0, in order: what a headline without evidence has (read-only).
_ZEROS: MappingProxyType[str, float] = MappingProxyType(dict.fromkeys(FEATURE_IDS, 0.0))


class Extraction(NamedTuple):
    """The evidence found in one text: spans, features and which span fed which feature."""

    text: str
    spans: tuple[Span, ...]
    features: Mapping[str, float]
    #: feature id -> ((index into spans, value the span adds to the feature), ...)
    attribution: Mapping[str, tuple[tuple[int, float], ...]]
    #: the words as (start, end, word), and each word normalised (`normalise_tokens`)
    tokens: tuple[tuple[int, int, str], ...] = ()
    norms: tuple[str, ...] = ()

    def spans_of(self, kind: str) -> list[Span]:
        """The spans of one kind."""
        return [s for s in self.spans if s.kind == kind]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle with plain dicts in place of the read-only views (`scorer.views`)."""
        return reduce_with_views(self)


def check_text(
    text: object, what: str = "headline", limit: int = MAX_HEADLINE_CHARS, *, to_score: bool = True
) -> str:
    """Return `text` if it can be scored, else raise `InputError` saying why.

    Text to score needs a letter of the Latin alphabet (`letters_problem`: the
    model reads English news). Without `to_score`, for extraction alone (and
    training, which extracts every corpus line), any non-empty text will do.
    """
    if not isinstance(text, str):
        raise InputError(f"{what} must be a string, not {_kind_of(text)}")
    if not text.strip():
        raise InputError(f"{what} is empty; give the text to score")
    if len(text) > limit:
        raise InputError(f"{what} is {len(text):,} characters long; the limit is {limit:,}")
    if not text.isascii() and _SURROGATE_RE.search(text):
        raise InputError(f"{what} holds an unpaired UTF-16 surrogate, which is not text; decode the input as UTF-8")
    if to_score:
        problem = letters_problem(text, what)
        if problem:
            raise InputError(problem)
    return text


def letters_problem(text: str, what: str = "headline") -> str | None:
    """Why the model cannot score `text`, if it has no letter of the Latin alphabet.

    Without one the model would answer with its base rate alone: 0.72 and
    `high` for "...", and for every headline in Japanese or Arabic.
    """
    first = text[:1]
    if ("a" <= first <= "z" or "A" <= first <= "Z") or _LATIN_LETTER_RE.search(text):
        return None  # most headlines start with an ASCII letter: no search
    if _LETTER_RE.search(text):
        return f"{what} has no word in the Latin alphabet; the model reads English news only"
    return f"{what} has no words, only digits, punctuation or symbols; give the text to score"


def _kind_of(value: object) -> str:
    """What `value` is, in the words of JSON and tables (a number, a list), for an error message."""
    if value is None:
        return "null (no value)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float) and value != value:
        return "a missing value (NaN)"  # pandas' and NumPy's missing value, not a number anyone wrote
    if type(value).__name__ == "NAType":
        return "a missing value (pd.NA)"
    if isinstance(value, numbers.Number):
        return "a number"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, Sequence | set | frozenset) and not isinstance(value, bytes | bytearray):
        return "a list"
    return type(value).__name__


def _span_values(span: Span, n_words: int, n_chars: int) -> list[tuple[str, float]]:
    """What one span adds to each span-derived feature."""
    kind, category = span.kind, span.category
    if kind == "shouting":
        return [("shout_words", 1.0), ("shout_ratio", 1.0 / max(1, n_words))]
    if kind == "all_caps":
        return [("all_caps", 1.0)]
    if kind == "exclamation":
        marks = float(min(exclamation_marks(span.text), MAX_COUNTED_MARKS))
        values = [("exclaim_runs", 1.0), ("exclaim_marks", marks)]
        if category == "interrobang":
            values.append(("interrobang_runs", 1.0))
        return values
    if kind == "loaded":
        return [(f"loaded_{category}", span.intensity)]
    if kind == "clickbait":
        return [(f"clickbait_{category}", span.intensity)]
    if kind == "quote":
        return [("quotes", 1.0), ("quoted_share", (span.end - span.start) / max(1, n_chars))]
    return []


def extract(text: object, lexicon: Lexicon, *, to_score: bool = False) -> Extraction:
    """Find the devices of sensational writing in `text`.

    Raises `InputError` for text that is not a non-empty string within
    `MAX_HEADLINE_CHARS`; with `to_score`, also for text with no Latin letter (`check_text`).
    `text` is typed `object`: compiled (`setup.py`), a `str` parameter would turn a
    number into a `TypeError` before the check could say what is wrong.
    """
    text = check_text(text, to_score=to_score)
    tokens, norms = tokenize_normalised(text)
    quotes = find_quotes(text)
    found = [
        *find_capitals(text, tokens, lexicon.acronyms),
        *find_exclamations(text),
        *find_loaded_terms(text, tokens, lexicon, norms),
        *find_clickbait(text, norms, lexicon),
        *quotes,
    ]
    if quotes and found:
        # A "you" inside a quotation is the speaker's ("'You will pay,' PM tells Russia"), not the outlet
        # speaking to the reader; dropped before overlaps are resolved, so it hides nothing.
        found = [s for s in found if not (s.category == "direct_address" and inside_quotation(s, quotes))]
    spans = tuple(mark_voice(resolve_overlaps(found), quotes)) if found else ()

    n_words, n_chars = len(tokens) - sum(map(str.isdigit, norms)), len(text.strip())
    features: dict[str, float] = {"n_words": float(n_words), "n_chars": float(n_chars)}
    attribution: dict[str, tuple[tuple[int, float], ...]] = {}
    for i, span in enumerate(spans):
        for feature, value in _span_values(span, n_words, n_chars):
            features[feature] = features.get(feature, 0.0) + value
            got = attribution.get(feature)
            attribution[feature] = ((i, value),) if got is None else (*got, (i, value))
    return Extraction._make(
        (text, spans, Features(features, text, tokens, _ZEROS), MappingProxyType(attribution), tuple(tokens),
         tuple(norms))
    )
