"""The gender a speaker phrase tells, so that "she said" is not given to "John Smith".

Two things tell it: a gendered title or pronoun in the phrase ("Mr", "Dame",
"spokeswoman", "she"), or a first name in `seeds/lexicons/first_names.tsv`
(documented in its header and in `seeds/lexicons/README.md`). Anything else,
or a phrase whose words disagree, tells nothing: the caller then treats the
person as a possible match for either pronoun, as it did before.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from ..errors import LexiconError

__all__ = ["FIRST_NAMES_FILE", "GENDERS", "default_first_names", "gender_of", "parse_first_names", "pronoun_gender"]

FIRST_NAMES_FILE = "first_names.tsv"
#: The genders the name list records: "f" (she) and "m" (he).
GENDERS = ("f", "m")
_HEADER = ["name", "gender"]
#: Words in a speaker phrase that tell the gender. Titles ending in "-man"
#: (spokesman, chairman, congressman) are left out: news copy still uses some
#: of them for women, so they would exclude the right speaker.
_GENDERED_WORDS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            "mrs ms miss dame lady queen princess duchess spokeswoman chairwoman congresswoman she".split(), "f"
        ),
        **dict.fromkeys("mr sir lord king prince duke he".split(), "m"),
    }
)
_PRONOUN_GENDERS: Mapping[str, str] = MappingProxyType({"she": "f", "he": "m"})
_WORD_RE = re.compile(r"[^\W\d_]+")
_NAME_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")


def fold(word: str) -> str:
    """A word in lower case without accents, as the name list writes it ("José" -> "jose")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_first_names(text: str, source: str = FIRST_NAMES_FILE) -> Mapping[str, str]:
    """Parse the first-names TSV (`name, gender`): a read-only mapping of folded name to "f" or "m"."""
    lines = [
        (n, line.rstrip("\r"))
        for n, line in enumerate(text.split("\n"), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines or lines[0][1].split("\t") != _HEADER:
        number = lines[0][0] if lines else 1
        raise LexiconError(f"{source}:{number}: header must be {_HEADER!r} separated by tabs")
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(_HEADER):
            raise LexiconError(f"{source}:{number}: expected 2 tab-separated columns, found {len(cells)}")
        name, gender = (c.strip() for c in cells)
        if not _NAME_RE.fullmatch(name):
            raise LexiconError(f"{source}:{number}: name {name!r} must be lower-case letters without accents")
        if gender not in GENDERS:
            raise LexiconError(f"{source}:{number}: gender {gender!r} must be one of {', '.join(GENDERS)}")
        if name in seen:
            raise LexiconError(f"{source}:{number}: name {name!r} already on line {seen[name]}")
        seen[name] = number
        names[name] = gender
    return MappingProxyType(names)


@functools.cache
def default_first_names() -> Mapping[str, str]:
    """The name list shipped in `seeds/lexicons/`, read once per process."""
    raw = importlib.resources.files("scorer.seeds").joinpath("lexicons", FIRST_NAMES_FILE).read_bytes()
    return parse_first_names(raw.decode("utf-8"))


def pronoun_gender(pronoun: str) -> str | None:
    """ "f" for "she", "m" for "he", None for "it", "they" and the rest."""
    return _PRONOUN_GENDERS.get(pronoun.lower())


def gender_of(phrase: str, name: str, first_names: Mapping[str, str]) -> str | None:
    """The gender a speaker phrase ("Ms Ana Ruiz", "she") and its canonical name ("Ana Ruiz") tell, or None.

    A first name counts only when the name has a surname after it ("Ana
    Ruiz"): a name of one word ("Ruiz", "Smith") is a surname.
    """
    told = {_GENDERED_WORDS[w] for w in map(fold, _WORD_RE.findall(phrase)) if w in _GENDERED_WORDS}
    words = name.split()
    if len(words) >= 2 and fold(words[0]) in first_names:
        told.add(first_names[fold(words[0])])
    return told.pop() if len(told) == 1 else None
