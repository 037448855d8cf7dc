"""Lexicon words used in a literal or fixed sense, which carry no loading: "a bomb blast", "Grand Slam".

Many loaded terms have a common neutral reading that the words around them
show: "the car slammed into", "road rage", "a horror film", "panic buying",
"a terror suspect". Headlines and article bodies both check these before
counting a term as loaded language.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "LITERAL_AFTER",
    "LITERAL_BEFORE",
    "LITERAL_NEXT",
    "LITERAL_WINDOW",
    "NOUN_MARKERS",
    "VERB_ONLY",
    "literal_sense",
]

#: Lemmas with a common literal or fixed sense, and the next words that show that sense.
LITERAL_NEXT: dict[str, frozenset[str]] = {
    "slam": frozenset("into shut onto against down".split()),
    "blast": frozenset("off through into away from".split()),
    "rage": frozenset("fire fires wildfire wildfires storm storms river rivers flood floods inferno sea".split()),
    "storm out": frozenset(),
    "savage": frozenset("attack attacks assault beating".split()),
    # Genres and fixed terms of news: the film is a horror film, the suspect a terror suspect.
    "horror": frozenset(
        "film films movie movies genre franchise novel novels series show shows fiction writer".split()
    ),
    "panic": frozenset("buying button buttons attack attacks disorder room rooms".split()),
    "terror": frozenset(
        "suspect suspects attack attacks plot plots charge charges threat threats cell cells group groups law laws "
        "offence offences offense offenses raid raids probe arrest arrests trial trials financing list watchlist "
        "level police unit".split()
    ),
    "greatest": frozenset("hits".split()),
}
#: Lemmas with a common literal sense, and words up to `LITERAL_WINDOW` tokens after
#: them that show it: "slammed the door", "slams on the brakes" (but "slammed the regime").
LITERAL_AFTER: dict[str, frozenset[str]] = {
    "slam": frozenset("door doors brakes lid".split()),
}
#: Lemmas with a common literal or fixed sense, and words up to `LITERAL_WINDOW`
#: tokens before them that show it ("the fire was raging", "a bomb blast", "Grand Slam").
LITERAL_BEFORE: dict[str, frozenset[str]] = {
    "rage": frozenset(
        "fire fires wildfire wildfires blaze flames storm storms battle battles fighting war road".split()
    ),
    "blast": frozenset("bomb bombs explosion gas arctic polar icy cold wintry".split()),
    "slam": frozenset("grand".split()),
}
LITERAL_WINDOW = 3
#: Lemmas that are loaded only as verbs: as nouns after a noun marker they are literal ("a blast").
VERB_ONLY = frozenset(("blast", "slam", "savage", "rage", "claim", "admit", "allege", "vow", "concede", "insist"))
#: Words that, before a lexicon word, show it is used as a noun: "the claims",
#: "a blast", "his admission". As nouns these verbs report nothing one-sided.
NOUN_MARKERS = frozenset(
    "a an the his her its their our my your this that these those such any no some every each of "
    "insurance false new".split()
)


def literal_sense(lemma: str, norms: Sequence[str], i: int, n: int) -> bool:
    """Whether the term `lemma`, at tokens `i` to `i + n` of `norms` (normalised tokens), is used literally."""
    if lemma in VERB_ONLY and i > 0 and norms[i - 1] in NOUN_MARKERS:
        return True
    literal = LITERAL_NEXT.get(lemma)
    if literal and i + n < len(norms) and norms[i + n] in literal:
        return True
    after = LITERAL_AFTER.get(lemma)
    if after and any(w in after for w in norms[i + n : i + n + LITERAL_WINDOW]):
        return True
    before = LITERAL_BEFORE.get(lemma)
    return before is not None and any(w in before for w in norms[max(0, i - LITERAL_WINDOW) : i])
