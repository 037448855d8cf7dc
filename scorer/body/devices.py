"""Loaded language and epistemic devices in an article body, as evidence spans.

Three kinds of span come out of here:

* `loaded`: the lexicon's emotive, derogatory, hyperbolic, superlative and
  intensifying terms, and one-sided speech verbs (admits, claims, insists)
  where they report speech. Precision comes first: in running text many
  lexicon words have a literal sense ("a bomb blast", "the car slammed into"),
  so body text only flags terms of at least `MIN_LOADED_INTENSITY`, leaves out
  the lexicon's urgency cues (a headline device; in a body they are mostly
  literal: "breaking the law"), and checks the context of words known to have
  a neutral reading.
* `hedge`: weasel attributions and hedges ("it is believed", "reportedly",
  "critics say", "is said to be"): the claim is made without saying who makes it.
* `assertive`: words that present a claim as settled fact ("clearly",
  "of course", "there is no doubt").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..capitals import Token
from ..lexicon import TOKEN_RE, Lexicon, normalise_token
from ..senses import BE_FORMS, NOUN_MARKERS
from ..spans import Span
from ..terms import find_loaded_terms

__all__ = [
    "ASSERTIVE_TERMS",
    "BODY_LOADED_CATEGORIES",
    "MIN_LOADED_INTENSITY",
    "find_devices",
]

#: Lexicon categories flagged as loaded language in a body.
BODY_LOADED_CATEGORIES = frozenset(
    ("fear", "anger", "hyperbole", "derogatory", "superlative", "intensifier", "framing")
)
#: Terms below this lexicon weight are not flagged in a body. The lexicon
#: gives 0.2-0.3 to words whose neutral sense is common ("very", "dramatic",
#: "massive", "soar", "vow"); in a headline they add a little to a score, in a
#: body they would be most of the flags and rarely deserve one.
MIN_LOADED_INTENSITY = 0.4

#: Words after a framing verb that show it introduces speech or a stance.
_SPEECH_NEXT = frozenset("that he she they it we i you there his her their this to on".split())
#: Framing verbs that report speech before any noun phrase ("insisted the plan would work"): "insist"
#: has no sense that takes a thing as its object, unlike "admitted the patient" or "claimed the title".
_SPEECH_BEFORE_ANY_NOUN = frozenset("insist insists insisted insisting".split())

#: Assertive and factive phrasings, with an intensity on the lexicon's 0..1 scale.
ASSERTIVE_TERMS: dict[str, float] = {
    "clearly": 0.3,
    "obviously": 0.5,
    "undoubtedly": 0.5,
    "of course": 0.4,
    "it is clear that": 0.6,
    "it is obvious that": 0.6,
    "there is no doubt": 0.6,
    "there can be no doubt": 0.6,
    "make no mistake": 0.7,
    "everyone knows": 0.7,
    "the truth is": 0.6,
    "needless to say": 0.5,
    "the fact that": 0.4,
    "proves that": 0.5,
    "proved that": 0.5,
    "proof that": 0.5,
}
_ASSERTIVE_RE = re.compile(
    r"(?<![\w'\u2019-])(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ASSERTIVE_TERMS) + r")(?![\w-])",
    re.IGNORECASE,
)
#: Weasel attributions the lexicon does not list as fixed phrases.
_WEASEL_RE = re.compile(
    r"(?<![\w'\u2019-])(?:"
    r"(?:(?:is|are|was|were)\s+)?(?:said|thought|believed|reported|rumoured|rumored|understood)\s+to\s+(?:be|have)"
    r"|(?:(?:some|many|several|other)\s+)?(?:analysts|experts|critics|observers|commentators|pundits|insiders)"
    r"\s+(?:say|says|said|warn|warns|warned|claim|claimed|believe|believed|fear|feared|suggest|suggested|argue|argued)"
    r")(?![\w-])",
    re.IGNORECASE,
)
WEASEL_INTENSITY = 0.4
ASSERTIVE_EXPLANATION = "“{text}” presents a claim as settled fact rather than attributing it."
HEDGE_EXPLANATION = "“{text}” attributes a claim to no one in particular (a hedge or weasel attribution)."


def _reports_speech(norms: Sequence[str], i: int, n: int, body: str, end: int) -> bool:
    """True when the framing verb at token `i` (`n` tokens long) introduces speech or a stance."""
    if i > 0 and norms[i - 1] in BE_FORMS | NOUN_MARKERS:
        return False  # "was admitted to hospital", "the claims"
    after = body[end : end + 3].lstrip()
    if not after or after[0] in ":,.\"'\u201c\u2018":
        return True
    if i + n >= len(norms):
        return False
    return norms[i + n] in _SPEECH_NEXT or (n == 1 and norms[i] in _SPEECH_BEFORE_ANY_NOUN)


def _keep_loaded(span: Span, norms: Sequence[str], i: int, n: int, body: str) -> bool:
    if span.category not in BODY_LOADED_CATEGORIES or span.intensity < MIN_LOADED_INTENSITY:
        return False
    if span.category == "framing":
        return _reports_speech(norms, i, n, body, span.end)
    return True  # literal senses ("a bomb blast") never get here: `find_loaded_terms` leaves them out


def find_devices(body: str, tokens: Sequence[Token], lexicon: Lexicon) -> list[Span]:
    """Loaded, hedge and assertive spans anywhere in `body` (the caller keeps those in body text)."""
    norms = [normalise_token(t[2]) for t in tokens]
    position = {t[0]: k for k, t in enumerate(tokens)}
    spans: list[Span] = []
    for span in find_loaded_terms(body, tokens, lexicon, norms):
        i = position[span.start]
        n = len(TOKEN_RE.findall(span.text))
        if span.category == "hedge":
            spans.append(
                Span(
                    span.start,
                    span.end,
                    span.text,
                    "hedge",
                    "hedge",
                    span.intensity,
                    HEDGE_EXPLANATION.format(text=span.text),
                )
            )
        elif _keep_loaded(span, norms, i, n, body):
            spans.append(span)
    for match in _WEASEL_RE.finditer(body):
        previous = body[max(0, match.start() - 12) : match.start()].split()
        if previous and previous[-1].lower() in NOUN_MARKERS:
            continue  # "the analysts said": a definite, named-earlier group
        spans.append(
            Span(
                match.start(),
                match.end(),
                match.group(),
                "hedge",
                "weasel",
                WEASEL_INTENSITY,
                HEDGE_EXPLANATION.format(text=match.group()),
            )
        )
    for match in _ASSERTIVE_RE.finditer(body):
        key = " ".join(match.group().lower().split())
        spans.append(
            Span(
                match.start(),
                match.end(),
                match.group(),
                "assertive",
                "factive",
                ASSERTIVE_TERMS[key],
                ASSERTIVE_EXPLANATION.format(text=match.group()),
            )
        )
    return spans
