"""Loaded and emotive terms from the lexicon, and clickbait phrasing patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .capitals import Token
from .inflect import (
    article_for,
    inflect_alternative,
    is_title_case,
    match_case,
    title_words,
    with_article,
    word_class_fit,
)
from .lexicon import QUESTION, Lexicon, normalise_tokens
from .senses import VERB_ONLY, adjective_sense, literal_sense
from .spans import Span, alternative_hint

__all__ = ["CATEGORY_NAMES", "find_clickbait", "find_loaded_terms"]

#: How each category is named in explanations.
CATEGORY_NAMES: dict[str, str] = {
    "fear": "fear or threat word",
    "anger": "anger or conflict word",
    "hyperbole": "hyperbole",
    "urgency": "urgency cue",
    "superlative": "superlative or absolute",
    "intensifier": "intensifier",
    "derogatory": "derogatory label",
    "framing": "one-sided framing verb",
    "hedge": "hedge or weasel attribution",
    "curiosity_gap": "curiosity gap",
    "forward_reference": "forward reference",
    "listicle": "listicle number",
    "direct_address": "direct address to the reader",
    "teaser_question": "teaser question",
}

#: Categories whose names take "an" ("an urgency cue", but "a one-sided framing verb").
_AN_CATEGORIES = frozenset({"anger", "urgency", "intensifier"})
#: Each category's name with its indefinite article, for "“fury” is an anger or conflict word".
CATEGORY_ARTICLE_NAMES: dict[str, str] = {
    category: ("an " if category in _AN_CATEGORIES else "a ") + name for category, name in CATEGORY_NAMES.items()
}


def find_loaded_terms(
    text: str, tokens: Sequence[Token], lexicon: Lexicon, norms: Sequence[str] | None = None
) -> list[Span]:
    """Every occurrence of a lexicon form (all inflections, multi-word forms too), unless used literally.

    A form whose neighbours show a literal or fixed sense (`senses.literal_sense`:
    "a bomb blast", "Grand Slam", "panic buying") is not loaded language.

    `norms` are the tokens as `normalise_tokens` gives them (computed when omitted).
    """
    index = lexicon.index
    if norms is None:
        norms = normalise_tokens(text, tokens)
    spans: list[Span] = []
    words = _without_possessives(norms) if "'" in text or "\u2019" in text else norms
    keys = index.keys()
    if keys.isdisjoint(norms) and (words is norms or keys.isdisjoint(words)):  # most headlines: no lexicon word
        return spans
    title_case: bool | None = None  # whether the headline is in title case, worked out when it matters
    for i, norm in enumerate(norms):
        candidates = index.get(norm)
        if candidates is None and words[i] is not norm:  # "regime's": the word without its "'s"
            candidates = index.get(words[i])
        if candidates is None:
            continue
        for form, term in candidates:
            n = len(form)
            whole = (n == 1 and form[0] == norm) or tuple(norms[i : i + n]) == form  # "world's best" as it stands
            if (whole or tuple(words[i : i + n]) == form) and (n == 1 or _spaced(text, tokens, i, n)):
                if literal_sense(term.lemma, words, i, n):  # "a bomb blast", "Grand Slam", "a horror film"
                    break
                last = i + n - 1
                start, end = tokens[i][0], tokens[last][1]
                if not whole and words[last] is not norms[last]:  # the term without its possessive "'s"
                    end -= 2
                found = text[start:end]
                name = CATEGORY_ARTICLE_NAMES[term.category]
                alternative = term.alternative
                if alternative and n == 1 and (
                    (i == 0 and words[0] == term.lemma and term.lemma in VERB_ONLY)
                    or adjective_sense(term.lemma, words, i)
                ):
                    # A headline does not open with a bare verb, nor follows "the" with one: "Savage cuts to
                    # budgets", "the savage cuts" are the adjective, and "criticise cuts" would change the meaning.
                    alternative = ""
                if alternative == "say" and i + n < len(words) and words[i + n] in _NOT_AFTER_SAY:
                    # "claims to have seen", "boasts of", "insists on": "says to have seen" is not English.
                    alternative = ""
                form_text = " ".join(form)
                if alternative:  # a verb's alternative for a verb, a noun's for a noun ("Gang rampages through")
                    alternative = word_class_fit(
                        alternative, term.lemma, form_text, term.has_verb_forms,
                        tokens[i - 1][2].replace("\u2019", "'") if i else None,
                        words[i + n] if i + n < len(words) else None,
                    )
                if alternative:  # in the form of the word found: "slams" → "criticises", "Fury" → "Anger"
                    alternative = inflect_alternative(term.lemma, form_text, alternative)
                    if alternative:
                        if title_case is None and i > 0 and found[:1].isupper():
                            title_case = is_title_case([t[2] for t in tokens])
                        alternative = match_case(found, alternative, i == 0 or bool(title_case))
                        if title_case and alternative[:1].isupper():  # every word: "Authoritarian Rule"
                            alternative = title_words(alternative)
                hint = alternative_hint(alternative)
                if alternative and i > 0 and words[i - 1] in _ARTICLES and _spaced(text, tokens, i - 1, 2):
                    # "An epic fail" → "significant": the explanation says the article changes too. The span
                    # keeps to the term, which is what the model weighs.
                    article, wanted = tokens[i - 1][2], article_for(alternative)
                    if article.lower() != wanted:
                        hint += f" (“{article} {found}” → “{with_article(article, wanted, alternative)}”)"
                spans.append(
                    Span(
                        start,
                        end,
                        found,
                        "loaded",
                        term.category,
                        term.weight,
                        f"“{found}” is {name}{hint}.",
                        alternative,
                    )
                )
                break
    return spans


#: Words after a speech verb that "say" cannot take ("claims to have", "boasts of", "complains about").
_NOT_AFTER_SAY = frozenset("to of about on over at for with in against".split())
#: Words whose "'s" is "is" or "us", not a possessive.
_NOT_POSSESSIVE = frozenset(
    "it's he's she's that's what's who's there's here's let's where's how's when's why's one's".split()
)
#: The indefinite articles, which must agree with the word after them.
_ARTICLES = frozenset({"a", "an"})


def _without_possessives(norms: Sequence[str]) -> list[str]:
    """`norms` with a possessive "'s" taken off each word ("regime's" → "regime"); other words as they are."""
    return [w[:-2] if len(w) > 3 and w.endswith("'s") and w not in _NOT_POSSESSIVE else w for w in norms]


def _spaced(text: str, tokens: Sequence[Token], first: int, count: int) -> bool:
    """True when words `first` .. `first + count - 1` are separated by white space only.

    A multi-word form is one phrase: "worst ever" is, "the worst? Ever." is not.
    """
    return all(
        text[tokens[j][1] : tokens[j + 1][0]].isspace() for j in range(first, first + count - 1)
    )


def find_clickbait(text: str, norms: Sequence[str], lexicon: Lexicon) -> list[Span]:
    """Spans for clickbait phrasing: curiosity gaps, listicles, direct address, teasers."""
    triggered = lexicon.trigger_words.intersection(norms)  # most headlines: none
    if QUESTION in text and QUESTION in lexicon.trigger_words:
        triggered = triggered | {QUESTION}
    patterns = lexicon.always_patterns
    if triggered:
        by_trigger = lexicon.patterns_by_trigger
        patterns = (*patterns, *{p.id: p for w in triggered for p in by_trigger[w]}.values())
    spans = []
    # Patterns read the headline from its first character (`^`): white space before it
    # (" Will rates rise?") had turned the teaser and forward-reference patterns off.
    lead = len(text) - len(text.lstrip())
    read = text[lead:] if lead else text
    for pattern in patterns:
        if pattern.anchored:  # one try at the start instead of a search
            first = pattern.compiled.match(read)
            matches: Iterable[re.Match[str]] = () if first is None else (first,)
        else:
            matches = pattern.compiled.finditer(read)
        for match in matches:
            start, end = match.span()
            if end == start:
                continue
            spans.append(
                Span(
                    start + lead,
                    end + lead,
                    match.group(),
                    "clickbait",
                    pattern.category,
                    pattern.weight,
                    f"{CATEGORY_NAMES[pattern.category].capitalize()}: {pattern.explanation}.",
                )
            )
    return spans
