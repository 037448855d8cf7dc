"""Lexicons: loaded terms, acronyms and clickbait patterns, read from `seeds/lexicons/`.

The files are plain, diffable text with a documented header (see
`seeds/lexicons/README.md`). They are read once with `importlib.resources`
into an immutable `Lexicon`; a malformed line raises `LexiconError` with
`file:line: reason`.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .errors import LexiconError

__all__ = [
    "CLICKBAIT_CATEGORIES",
    "LOADED_CATEGORIES",
    "MAX_CACHED_WORD_CHARS",
    "TOKEN_RE",
    "Lexicon",
    "Pattern",
    "Term",
    "default_lexicon",
    "normalise_token",
    "normalise_tokens",
    "parse_acronyms",
    "parse_patterns",
    "parse_terms",
    "starts_anchored",
    "tokenize",
    "tokenize_normalised",
]

LOADED_CATEGORIES: tuple[str, ...] = (
    "fear",
    "anger",
    "hyperbole",
    "urgency",
    "superlative",
    "intensifier",
    "derogatory",
    "framing",
    "hedge",
)
CLICKBAIT_CATEGORIES: tuple[str, ...] = (
    "curiosity_gap",
    "forward_reference",
    "listicle",
    "direct_address",
    "teaser_question",
)

TERMS_FILE = "loaded_terms.tsv"
ACRONYMS_FILE = "acronyms.txt"
PATTERNS_FILE = "clickbait_patterns.tsv"
LEXICON_FILES: tuple[str, ...] = (TERMS_FILE, ACRONYMS_FILE, PATTERNS_FILE)

#: Combining marks (accents typed after their letter, as macOS often writes é: "e" + U+0301).
#: They are not `\w`, so "RÉSUMÉ" in that form had been cut into "RE" and "SUME".
COMBINING_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
#: A word: letters or digits (with the combining marks after them), inner hyphens and
#: apostrophes ("jaw-dropping", "won't").
#: Invisible characters that CMSs and scrapers leave inside words: a soft hyphen (DEVAS\u00adTATING),
#: zero-width joiners and non-joiners, the word joiner. Between two word characters they are part of
#: the word (its span keeps them, its normalised form drops them): "sl\u00adams" had been "sl" and
#: "ams". (A zero-width space is a word break, as in Unicode's word boundaries: not one of them.)
INVISIBLE_IN_WORDS = "\u00ad\u200c\u200d\u2060"
_WORD_PART = rf"(?:[\w{COMBINING_MARKS}]|[{INVISIBLE_IN_WORDS}]+(?=\w))"
#: Unicode's hyphen and non-breaking hyphen: inside a word they are its hyphen ("jaw\u2011dropping"
#: had been two words, and the lexicon's "jaw-dropping" was not found).
HYPHENS = "\u2010\u2011"
TOKEN_RE = re.compile(rf"\w{_WORD_PART}*(?:[-{HYPHENS}'\u2019]\w{_WORD_PART}*)*")
#: Longest word a per-word cache keeps (shouting, syllables, character n-grams): longer ones are worked
#: out afresh each time, since caches of hostile 2,000-character "words" had kept hundreds of MB for the
#: life of a server. No English word is this long.
MAX_CACHED_WORD_CHARS = 40
#: Fullwidth ASCII forms (ＳＯＡＲ), read as the ASCII they stand for.
FULLWIDTH = "\uff01-\uff5e"
#: A character that `_NORMALISE` drops or folds: text with none keeps its normalised forms as they are.
_FOLDED_RE = re.compile(f"[{INVISIBLE_IN_WORDS}{HYPHENS}{FULLWIDTH}]")
#: What a token's normalised form drops (the invisible characters) and folds (hyphens and fullwidth to ASCII).
_NORMALISE: dict[int, int | None] = {
    **dict.fromkeys(map(ord, INVISIBLE_IN_WORDS)),
    **dict.fromkeys(map(ord, HYPHENS), ord("-")),
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
}
#: The gap before each word, then the word: `findall` gives both without a match object per word.
_GAP_TOKEN_RE = re.compile(r"(\W*)(" + TOKEN_RE.pattern + ")")
#: The same for ASCII text, with explicit classes: the engine tests them faster than `\w`
#: (the same words in ASCII text; most headlines are ASCII).
_ASCII_GAP_TOKEN_RE = re.compile(r"([^0-9A-Za-z_]*)([0-9A-Za-z_]+(?:[-'][0-9A-Za-z_]+)*)")
#: A run of non-word characters, matched at the start of a reversed piece of text to find
#: where its last word ends. The gap patterns stop there: a gap must be followed by a word, so
#: on a trailing run they would fail from each of its characters in turn (quadratic in its
#: length: 7 s for 20,000 trailing dots, about 12 minutes for 200,000).
_NON_WORD_RUN_RE = re.compile(rf"[^\w{COMBINING_MARKS}]*")
_TERM_HEADER = ["term", "category", "weight", "alternative"]
_PATTERN_HEADER = ["id", "category", "weight", "pattern", "triggers", "explanation"]
#: Trigger meaning "always try this pattern".
ALWAYS = "*"
#: Trigger meaning "try when the text holds a question mark".
QUESTION = "?"
_ACRONYM_RE = re.compile(r"^[A-Z0-9&]{2,10}$")
_PATTERN_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
#: What a space in a clickbait pattern matches: any run of white space, so that a
#: no-break space or a double space between the words does not hide the phrase.
_ANY_SPACE = r"\s+"


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """The words of `text` as (start, end, word), the same as `TOKEN_RE.finditer` finds them."""
    return tokenize_normalised(text)[0]


def tokenize_normalised(text: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """`tokenize(text)` and `normalise_tokens` of its tokens, in one pass (the extractor's first step).

    A word never spans a space, so the text is cut at spaces first (in C), and a
    piece made of word characters alone (`str.isalnum`: the regex's `\\w`, less the
    underscore) is a word as it stands; only the other pieces ("crisis:", "'We",
    "won't") go through the regular expression. Most words of a headline are
    such bare pieces: a quarter fewer instructions than matching the whole text.
    """
    low = text.lower()
    keeps_offsets = len(low) == len(text)  # a few letters (İ) grow when lower-cased
    if keeps_offsets and "\u2019" in low:
        low = low.replace("\u2019", "'")
    tokens = []
    norms = []
    gap_token_re = _ASCII_GAP_TOKEN_RE if text.isascii() else _GAP_TOKEN_RE
    start = 0
    for piece in text.split(" "):
        size = len(piece)
        if piece.isalnum():
            end = start + size
            tokens.append((start, end, piece))
            norms.append(low[start:end])
        elif size:
            # A piece's trailing run of non-word characters is cut first: a gap must be followed by a
            # word, so the pattern would fail from each character of the run in turn (quadratic in its
            # length: 7 s for 20,000 trailing dots).
            trailing = _NON_WORD_RUN_RE.match(piece[::-1])  # always matches, perhaps the empty string
            position = start
            for gap, word in gap_token_re.findall(text, start, start + size - (trailing.end() if trailing else 0)):
                position += len(gap)
                end = position + len(word)
                tokens.append((position, end, word))
                norms.append(low[position:end])
                position = end
        start += size + 1
    if not keeps_offsets:
        norms = [normalise_token(t[2]) for t in tokens]
    if not text.isascii():
        if _FOLDED_RE.search(text):
            norms = [norm.translate(_NORMALISE) for norm in norms]
        # Decomposed accents (macOS pastes "é" as "e" + U+0301): the lexicon and the model's
        # vocabulary hold composed words, so "café" in that form was an unknown word.
        if not unicodedata.is_normalized("NFC", low):
            norms = [unicodedata.normalize("NFC", norm) for norm in norms]
    return tokens, norms


def normalise_token(token: str) -> str:
    """Lower-case a token and unify curly apostrophes, as the lexicon is written."""
    return token.lower().replace("\u2019", "'").translate(_NORMALISE)


def normalise_tokens(text: str, tokens: Sequence[tuple[int, int, str]]) -> list[str]:
    """`normalise_token` of every token, lower-casing the text once where that keeps offsets."""
    low = text.lower()
    if len(low) != len(text):  # a few letters (İ) grow when lower-cased
        return [normalise_token(t[2]) for t in tokens]
    if "\u2019" in low:
        low = low.replace("\u2019", "'")
    if not text.isascii() and _FOLDED_RE.search(text):
        return [low[start:end].translate(_NORMALISE) for start, end, _ in tokens]
    return [low[start:end] for start, end, _ in tokens]


@dataclass(frozen=True, slots=True)
class Term:
    """A loaded term: its lemma, all inflected forms, category, weight and neutral alternative."""

    lemma: str
    forms: tuple[str, ...]
    category: str
    weight: float
    alternative: str | None

    @property
    def has_verb_forms(self) -> bool:
        """Whether the term is (also) a verb: it has a past form ("rampaged", "climbed down")."""
        head = self.lemma.split(" ")[0]
        return not head.endswith("ed") and any(f.split(" ")[0].endswith("ed") for f in self.forms)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A clickbait pattern: a case-insensitive regular expression with its category.

    `triggers` are words of which one must be in the text for the pattern to be
    tried at all: a cheap set test that spares most headlines most regexes.
    """

    id: str
    category: str
    weight: float
    regex: str
    triggers: frozenset[str]
    explanation: str
    compiled: re.Pattern[str]
    #: the pattern can only match at the start of the text (`^` with no top-level `|`):
    #: one `match` replaces a search that would try every position
    anchored: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor reads from the lexicon files, immutable once built."""

    terms: tuple[Term, ...]
    acronyms: frozenset[str]
    patterns: tuple[Pattern, ...]
    sha256: Mapping[str, str]
    #: first token of a form -> (form tokens, term), longest form first
    index: Mapping[str, tuple[tuple[tuple[str, ...], Term], ...]] = field(init=False)
    #: patterns to try on every text
    always_patterns: tuple[Pattern, ...] = field(init=False)
    #: trigger word -> patterns it turns on
    patterns_by_trigger: Mapping[str, tuple[Pattern, ...]] = field(init=False)
    #: the trigger words (the keys of `patterns_by_trigger`), for one set operation per text
    trigger_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
        for term in self.terms:
            for form in term.forms:
                tokens = tuple(normalise_token(t) for t in TOKEN_RE.findall(form))
                index.setdefault(tokens[0], []).append((tokens, term))
        frozen = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in index.items()}
        object.__setattr__(self, "index", MappingProxyType(frozen))
        by_trigger: dict[str, list[Pattern]] = {}
        for pattern in self.patterns:
            if ALWAYS in pattern.triggers:  # tried on every text already
                continue
            for trigger in pattern.triggers:
                by_trigger.setdefault(trigger, []).append(pattern)
        always = tuple(p for p in self.patterns if ALWAYS in p.triggers)
        object.__setattr__(self, "always_patterns", always)
        object.__setattr__(self, "patterns_by_trigger", MappingProxyType({k: tuple(v) for k, v in by_trigger.items()}))
        object.__setattr__(self, "trigger_words", frozenset(by_trigger))


def _data_lines(text: str) -> list[tuple[int, str]]:
    return [
        (n, line.rstrip("\r"))
        for n, line in enumerate(text.split("\n"), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _header(lines: list[tuple[int, str]], expected: list[str], source: str) -> list[tuple[int, str]]:
    if not lines:
        raise LexiconError(f"{source}:1: no header line; expected {' '.join(expected)}")
    number, header = lines[0]
    if header.split("\t") != expected:
        raise LexiconError(f"{source}:{number}: header must be {expected!r} separated by tabs")
    return lines[1:]


def _weight(value: str, source: str, number: int) -> float:
    try:
        weight = float(value)
    except ValueError:
        raise LexiconError(f"{source}:{number}: weight {value!r} is not a number") from None
    if not 0.0 < weight <= 1.0:
        raise LexiconError(f"{source}:{number}: weight {weight} is outside (0, 1]")
    return weight


def parse_terms(text: str, source: str = TERMS_FILE) -> tuple[Term, ...]:
    """Parse the loaded-terms TSV (`term, category, weight, alternative`)."""
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, line in _header(_data_lines(text), _TERM_HEADER, source):
        cells = line.split("\t")
        if len(cells) != 4:
            raise LexiconError(f"{source}:{number}: expected 4 tab-separated columns, found {len(cells)}")
        raw_forms, category, weight_text, alternative = (c.strip() for c in cells)
        forms = tuple(f.strip() for f in raw_forms.split("|"))
        if not all(forms) or any(f != f.lower() for f in forms):
            raise LexiconError(f"{source}:{number}: forms must be non-empty and lower case")
        for form in forms:
            if not TOKEN_RE.search(form):
                raise LexiconError(f"{source}:{number}: form {form!r} has no word in it")
            key = " ".join(normalise_token(t) for t in TOKEN_RE.findall(form))
            if key in seen:
                raise LexiconError(f"{source}:{number}: form {form!r} already on line {seen[key]}")
            seen[key] = number
        if category not in LOADED_CATEGORIES:
            raise LexiconError(f"{source}:{number}: unknown category {category!r}")
        terms.append(Term(forms[0], forms, category, _weight(weight_text, source, number), alternative or None))
    return tuple(terms)


def parse_acronyms(text: str, source: str = ACRONYMS_FILE) -> frozenset[str]:
    """Parse the acronym list: one upper-case acronym a line."""
    acronyms: set[str] = set()
    for number, line in _data_lines(text):
        word = line.strip()
        if not _ACRONYM_RE.match(word):
            raise LexiconError(f"{source}:{number}: {word!r} is not an upper-case acronym")
        acronyms.add(word)
    return frozenset(acronyms)


def parse_patterns(text: str, source: str = PATTERNS_FILE) -> tuple[Pattern, ...]:
    """Parse the clickbait patterns TSV (`id, category, weight, pattern, triggers, explanation`)."""
    patterns: list[Pattern] = []
    ids: set[str] = set()
    for number, line in _header(_data_lines(text), _PATTERN_HEADER, source):
        cells = line.split("\t")
        if len(cells) != 6:
            raise LexiconError(f"{source}:{number}: expected 6 tab-separated columns, found {len(cells)}")
        pid, category, weight_text, regex, trigger_text, explanation = (c.strip() for c in cells)
        triggers = frozenset(normalise_token(t) for t in trigger_text.split())
        if not triggers:
            raise LexiconError(f"{source}:{number}: no triggers; use * to try the pattern on every text")
        if not _PATTERN_ID_RE.match(pid) or pid in ids:
            raise LexiconError(f"{source}:{number}: id {pid!r} is not a new lower-case identifier")
        if category not in CLICKBAIT_CATEGORIES:
            raise LexiconError(f"{source}:{number}: unknown category {category!r}")
        try:
            compiled = re.compile(regex.replace(" ", _ANY_SPACE), re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"{source}:{number}: bad regular expression: {exc}") from None
        if compiled.groups:
            raise LexiconError(f"{source}:{number}: use (?:...) groups only, not capturing groups")
        if not explanation:
            raise LexiconError(f"{source}:{number}: explanation is empty")
        ids.add(pid)
        weight = _weight(weight_text, source, number)
        anchored = starts_anchored(regex)
        patterns.append(Pattern(pid, category, weight, regex, triggers, explanation, compiled, anchored))
    return tuple(patterns)


def starts_anchored(regex: str) -> bool:
    """True when `regex` opens with `^` and has no `|` outside a group or class, so matches start at 0 only.

    Without MULTILINE, `^` holds only at the start of the text; a top-level
    alternative could match anywhere, so such a pattern does not count.
    """
    if not regex.startswith("^"):
        return False
    depth, i = 0, 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 1  # the escaped character is literal
        elif ch == "[":  # skip the class; a `]` first in it (after an optional `^`) is literal
            i += 2 if regex[i + 1 : i + 2] == "^" else 1
            i += 1 if regex[i : i + 1] == "]" else 0
            while i < len(regex) and regex[i] != "]":
                i += 2 if regex[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return True


def read_lexicon_file(name: str) -> bytes:
    """The bytes of one shipped lexicon file."""
    return importlib.resources.files("scorer.seeds").joinpath("lexicons", name).read_bytes()


def build_lexicon(files: Mapping[str, bytes]) -> Lexicon:
    """Build a `Lexicon` from the raw bytes of the three lexicon files."""
    missing = [name for name in LEXICON_FILES if name not in files]
    if missing:
        raise LexiconError(f"{missing[0]}:0: lexicon file is missing")
    try:
        texts = {name: files[name].decode("utf-8") for name in LEXICON_FILES}
    except UnicodeDecodeError as exc:
        raise LexiconError(f"lexicon file is not UTF-8: {exc}") from None
    return Lexicon(
        terms=parse_terms(texts[TERMS_FILE]),
        acronyms=parse_acronyms(texts[ACRONYMS_FILE]),
        patterns=parse_patterns(texts[PATTERNS_FILE]),
        sha256=MappingProxyType({name: hashlib.sha256(files[name]).hexdigest() for name in LEXICON_FILES}),
    )


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped in `seeds/lexicons/`, read once per process."""
    return build_lexicon({name: read_lexicon_file(name) for name in LEXICON_FILES})
