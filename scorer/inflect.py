"""Put a neutral alternative in the same grammatical form as the loaded word it replaces.

The lexicon gives each term's alternative in its base form ("slam" → "criticise").
A headline uses the term inflected ("Minister slams plan"), so the suggestion
should read "criticises", not "criticise", for an editor to paste it in. The
form of the word found is read off how it differs from the lemma (a suffix, or
one of a few irregular verb forms the lexicon lists); the same change is made to
the alternative with the ordinary English spelling rules and a short table of
irregular words. When the form cannot be told, or the alternative cannot take it
(an adjective offered for a plural noun), the base form is kept.

Pure functions of strings; no lexicon or model is needed.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "article_for",
    "inflect_alternative",
    "inflection",
    "is_title_case",
    "match_case",
    "title_words",
    "with_article",
    "word_class_fit",
]

#: Irregular past participles the lexicon lists ("taken a swipe at", "torn into").
_IRREGULAR_PARTICIPLES = frozenset({"taken", "torn", "gone"})
#: Irregular past forms the lexicon lists ("took a swipe at", "tore into").
_IRREGULAR_PAST_FORMS = frozenset({"took", "tore", "fought", "hit", "said", "went"})
#: Irregular plural nouns the lexicon lists ("henchmen", "strongmen").
_IRREGULAR_PLURAL_ENDINGS = ("men",)
#: Past forms of the irregular verbs among the alternatives (the past participle is the same for these,
#: except where the second table says otherwise: "has withdrawn").
_PAST: dict[str, str] = {
    "say": "said",
    "rise": "rose",
    "fall": "fell",
    "fight": "fought",
    "withdraw": "withdrew",
    "leave": "left",
    "hit": "hit",
    "meet": "met",
    "make": "made",
    "take": "took",
    "lose": "lost",
    "win": "won",
    "cut": "cut",
    "put": "put",
    "set": "set",
    "hold": "held",
    "seek": "sought",
    "tell": "told",
}
_PAST_PARTICIPLE: dict[str, str] = {"rise": "risen", "fall": "fallen", "withdraw": "withdrawn", "take": "taken"}
#: Nouns whose plural is not made by a spelling rule.
_PLURAL: dict[str, str] = {"spokesperson": "spokespeople", "person": "people", "man": "men", "woman": "women"}
#: Adjectives whose adverb would change the meaning ("largely" is not "to a large degree").
_ADVERB: dict[str, str] = {"large": "very", "high": "very", "expected": "soon", "rare": "unusually"}
#: Noun alternatives that have a verb for a verb form of the term ("massacred" → "killed", not "killing").
_VERB_OF_NOUN: dict[str, str] = {"killing": "kill", "threat": "threaten", "killings": "kill", "concern": "worry"}
#: Nouns among the alternatives, which have no participle that means the same ("raged" is not
#: "angered", "panicking" not "concerning").
_NOUNS = frozenset({"anger", "concern", "fear", "disorder", "distress", "failure", "violence", "criticism"})
#: Endings of nouns, which take no -ed or -ing.
_NOUN_ENDINGS = ("ing", "ion", "ism", "ence", "ance", "ty", "ure", "ment", "ness")
#: Endings of adjectives (participles used as adjectives among them), which take no plural -s ("shams" → "disputed").
_ADJECTIVE_ENDINGS = ("ed", "ous", "ful", "less")
#: Nouns without a plural ("rampages" → "violence").
_UNCOUNTABLE = frozenset({"violence", "distress", "disorder", "anger", "fear"})
_VOWELS = frozenset("aeiou")


def inflection(lemma: str, form: str) -> str | None:
    """How `form` is inflected from `lemma`: "s", "ed", "en", "ing", "ly", "er", "est", "" (the same), or None.

    Multi-word terms are compared word by word at the first word that differs
    ("hit out" → "hits out": "s"). None when the difference is a spelling
    variant ("furor", "terrorize") or anything else that is not an inflection.
    """
    if form == lemma:
        return ""
    lemma_words, form_words = lemma.split(" "), form.split(" ")
    if len(lemma_words) != len(form_words):
        return None
    pairs = [(a, b) for a, b in zip(lemma_words, form_words, strict=True) if a != b]
    if len(pairs) != 1:
        return None
    base, word = pairs[0]
    if word in _IRREGULAR_PARTICIPLES:
        return "en"
    if word in _IRREGULAR_PAST_FORMS:
        return "ed"
    if word.endswith("ing") and not base.endswith("ing"):
        return "ing"
    if word.endswith("ed") and not base.endswith("ed"):
        return "ed"
    if word.endswith("ly") and not base.endswith("ly"):
        return "ly"
    if word.endswith("est") and not base.endswith("est"):
        return "est"
    if word.endswith("er") and not base.endswith("er") and word[:2] == base[:2]:
        return "er"
    if (word.endswith("s") and not base.endswith("s")) or word == base + "es" or (
        word.endswith(_IRREGULAR_PLURAL_ENDINGS) and base.endswith("man")
    ):
        return "s"
    return None


def _doubles_final_consonant(word: str) -> bool:
    """A short verb that doubles its last letter before -ed and -ing ("ban" → "banned"; not "kill", "say")."""
    if len(word) < 3 or word[-1] in _VOWELS or word[-1] in "wxy":
        return False
    vowel_groups = sum(1 for i, c in enumerate(word) if c in _VOWELS and (i == 0 or word[i - 1] not in _VOWELS))
    return vowel_groups == 1 and word[-2] in _VOWELS and word[-3] not in _VOWELS


def _with_s(word: str) -> str | None:
    if word in _PLURAL:
        return _PLURAL[word]
    if word.endswith(_ADJECTIVE_ENDINGS) or word in _UNCOUNTABLE:
        return None
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):  # already plural: "killings"
        return word
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _with_ed(word: str, participle: bool = False) -> str:
    if participle and word in _PAST_PARTICIPLE:
        return _PAST_PARTICIPLE[word]
    if word in _PAST:
        return _PAST[word]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ied"
    if _doubles_final_consonant(word):
        return word + word[-1] + "ed"
    return word + "ed"


def _with_ing(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    if _doubles_final_consonant(word):
        return word + word[-1] + "ing"
    return word + "ing"


def _with_ly(word: str) -> str:
    if word in _ADVERB:
        return _ADVERB[word]
    if word.endswith("ic"):
        return word + "ally"
    if word.endswith("le") and len(word) > 2 and word[-3] not in _VOWELS:
        return word[:-1] + "y"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ily"
    if word.endswith("ll"):
        return word + "y"
    return word + "ly"


def inflect_alternative(lemma: str, form: str, alternative: str) -> str | None:
    """`alternative` in the form that `form` has against `lemma` ("slam", "slams", "criticise" → "criticises").

    Verbs change their first word ("hits out at" → "criticises"; "respond" →
    "responds"), nouns and adjectives their last ("killings"; "more fatal").
    """
    how = inflection(lemma, form)
    if not how:
        return alternative
    words = alternative.split(" ")
    first_word_changes = " " in lemma and lemma.split(" ")[0] != form.split(" ")[0]  # "hits back", a verb
    verb_like = how in ("ed", "en", "ing") or (how == "s" and first_word_changes)
    at = 0 if verb_like else len(words) - 1
    word = words[at]
    changed: str | None
    if how == "s":
        changed = _with_s(word)
    elif how in ("ed", "en", "ing"):
        word = _VERB_OF_NOUN.get(word, word)
        if word.endswith(_NOUN_ENDINGS) or word in _NOUNS:
            # A noun for a participle ("Raging Trump" → "Anger", "Outraged parents" → "Criticism") or
            # a verb made of it ("Angering", "Concerning") reads wrong: no suggestion at all.
            return None
        changed = _with_ing(word) if how == "ing" else _with_ed(word, participle=how == "en")
    elif how == "ly":
        if len(words) > 1:
            return alternative
        changed = _with_ly(word)
    else:  # "er", "est": the alternatives are adjectives of two syllables or more, or phrases
        return f"{'more' if how == 'er' else 'most'} {alternative}"
    if changed is None:
        return alternative
    return " ".join([*words[:at], changed, *words[at + 1 :]])


#: Word starts spelt with a vowel but said with a consonant ("a unique", "a one-off", "a European"),
#: and with a silent h ("an honest", "an hour").
_CONSONANT_SOUNDS = ("uni", "use", "usu", "ute", "eu", "one", "once", "ubiq")
_VOWEL_SOUNDS = ("hour", "honest", "honour", "honor", "heir")


def article_for(phrase: str) -> str:
    """The indefinite article that goes before `phrase`: "an" ("an unusual event"), else "a"."""
    word = phrase.lower()
    if word.startswith(_VOWEL_SOUNDS):
        return "an"
    return "an" if word[:1] in _VOWELS and not word.startswith(_CONSONANT_SOUNDS) else "a"


def with_article(article: str, wanted: str, phrase: str) -> str:
    """`phrase` after the article `wanted`, in the case of the `article` it replaces ("An" → "A significant")."""
    if article.isupper() and len(article) > 1:
        return f"{wanted.upper()} {phrase}"
    return f"{wanted.capitalize() if article[:1].isupper() else wanted} {phrase}"


#: Nouns for the verbs among the alternatives, for a term used as a noun ("the slaughter of" → "the killing of").
_NOUN_OF_VERB: dict[str, str] = {
    "kill": "killing", "withdraw": "retreat", "criticise": "criticism", "respond": "response", "attack": "attack",
    "change": "change", "reject": "rejection", "defeat": "defeat", "fall": "fall", "rise": "rise", "cut": "cut",
    "complain": "complaint",
}
#: Words after a verb that a noun alternative cannot take ("Gang rampages through" → not "violence through").
_AFTER_A_VERB = frozenset("over through at on across into against about after as the a an his her their its".split())


def word_class_fit(
    alternative: str, lemma: str, form: str, verb_forms: bool, previous: str | None, following: str | None
) -> str:
    """The base `alternative` made to fit the word class the term has where it stands, or "" if none does.

    A lexicon row holds a verb's forms and its noun ("rampage", "rampages"), with one alternative. A bare
    or -s form is read as a verb after a word that is not a noun marker and before a preposition or an
    article ("Gang rampages through", "Investors panic over"): a noun alternative does not fit ("violence
    through") and gives way to its verb, or to none. It is read as a noun after a noun marker or an -ing
    word or a possessive ("The slaughter of", "humiliating climbdown"): a verb alternative gives way to its noun
    ("killing", "retreat"), or to none. `verb_forms` tells whether the term has verb forms (-ed) at all;
    `previous` is the word before as written, `following` the next word normalised. Call it before
    `inflect_alternative`.
    """
    if not alternative or not verb_forms or " " in alternative:
        return alternative
    if inflection(lemma, form) not in ("", "s") and not (" " in lemma and " " not in form):  # "climbdown"
        return alternative
    noun = alternative.endswith(_NOUN_ENDINGS) or alternative in _NOUNS
    # "humiliating climbdown", "Prince's climbdown"; a capitalised -ing word is a name (Beijing, Boeing,
    # King), which a verb follows: `previous` is as written, and only a lower-case -ing word counts.
    low = previous.lower() if previous is not None else None
    as_noun = low is not None and (
        low in _NOUN_MARKERS or low.endswith("'s") or (low.endswith("ing") and previous == low)
    )
    if noun and previous is not None and not as_noun and following in _AFTER_A_VERB:
        return _VERB_OF_NOUN.get(alternative, "")
    if not noun and as_noun:
        return _NOUN_OF_VERB.get(alternative, "")
    return alternative


#: Words that show the next one is a noun ("the slaughter", "a climbdown").
_NOUN_MARKERS = frozenset("a an the his her its their our my your this these those of".split())  # not "that"


def match_case(found: str, suggestion: str, first: bool) -> str:
    """`suggestion` with a capital first letter for a capitalised word that opens the headline (`first`),
    or any capitalised word of a headline in title case (pass `first=True` for those).

    "Fury as council…" → "Anger"; inside a headline a capital belongs to the word
    ("astonishing U-turn" → "change", not "Change"). A shouted "FURY" keeps the
    lower-case suggestion, which is also what the shouting evidence asks for.
    """
    if first and found[:1].isupper() and not _in_capitals(found):
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


#: Short words that title case often leaves in lower case ("Man of the Year").
_MINOR_WORDS = frozenset("a an and as at but by for from in into of on or nor per the to up via with vs".split())
#: Share of a headline's other words that must be capitalised for it to be set in title case.
TITLE_CASE_SHARE = 0.8


def title_words(text: str) -> str:
    """`text` in title case: each word capitalised but the minor ones after the first ("Authoritarian Rule")."""
    words = text.split(" ")
    return " ".join(
        w[:1].upper() + w[1:] if k == 0 or w.lower() not in _MINOR_WORDS else w for k, w in enumerate(words)
    )


def is_title_case(words: Sequence[str]) -> bool:
    """Whether a headline's words are set in title case ("An Amazing Valentine's Day Surprise").

    Counts the words that start with a letter, less the minor words and words in
    capitals (acronyms, shouting); needs three of them, mostly capitalised.
    """
    major = [w for w in words if w[:1].isalpha() and w.lower() not in _MINOR_WORDS and not _in_capitals(w)]
    if len(major) < 3:
        return False
    return sum(1 for w in major if w[:1].isupper()) >= TITLE_CASE_SHARE * len(major)


def _in_capitals(word: str) -> bool:
    return word.isupper() and sum(c.isalpha() for c in word) > 1
