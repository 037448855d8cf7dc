"""Who is speaking: attribution of quotations and reported speech to a named speaker.

Attribution reads the outlet's own words around a quotation, the way a reader
does: a speech verb just before it (`Trump said: "…"`, `The EU Foreign
Minister, Federica Mogherini said: "…"`) or just after it (`"…," the State
Department said`, `"…", it said`), or a naming verb for a scare quote (`what he
calls a 'coup attempt'`). Pronouns are resolved conservatively to the subject
of the sentence or the last named speaker; when the text does not say who
speaks, the speaker is left empty rather than guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .names import default_first_names, fold

__all__ = [
    "LISTENER_VERBS",
    "NAMING_VERBS",
    "NATIONALITIES",
    "PARTICIPLES",
    "ROLES",
    "SPEECH_VERBS",
    "Mention",
    "according_to",
    "canonical_name",
    "clause_subject",
    "find_organisations",
    "find_people",
    "holds_office",
    "naming_subject",
    "participle_subject",
    "speaker_after",
    "speaker_before",
    "speaker_in_next_sentence",
    "speaks_for",
]

#: Verbs that introduce reported speech (neutral and one-sided alike).
SPEECH_VERBS = frozenset(
    """said says say told tells added adds asked asks stated states declared declares explained explains
    wrote writes warned warns insisted insists claimed claims admitted admits tweeted announced announces
    continued replied replies responded noted notes argued argues urged urges suggested suggests
    commented remarked acknowledged confirmed confirms denied denies posted vowed vows accused accuses
    alleged alleges conceded boasted recalled predicted predicts reported reports cautioned added
    promised promises pledged pledges stressed stresses revealed reveals emphasised emphasized reiterated
    quipped joked retorted countered testified pleaded shouted yelled whispered lamented complained
    asserted""".split()
)
#: Speech verbs whose object is the listener: in "Mr Streeting told Sky News:" the capitalised words
#: after the verb are who was told, not (as after "said Mike Pompeo:") who speaks.
LISTENER_VERBS = frozenset("told tells asked asks urged urges warned warns".split())
#: Participles of speech verbs that continue a sentence's main clause and so take its subject: in "Ms Ruiz
#: spoke for an hour, adding: '…'" Ms Ruiz speaks, though no speech verb has her as its subject.
PARTICIPLES = frozenset("adding noting insisting warning".split())
#: Verbs that attach a label someone else uses: the scare-quoted phrase after them is that person's.
NAMING_VERBS = frozenset("branded brands calls called dubbed dubs termed terms labelled labeled described".split())
#: Titles and roles that stand before a name and are not part of it.
TITLES = frozenset(
    """mr mrs ms miss dr prof president vice secretary minister prime foreign defence defense state
    senator sen gen general governor gov chancellor king queen prince princess pope sir dame lord lady
    spokesman spokeswoman spokesperson leader chief head ambassador envoy judge justice analyst expert
    professor officer commander colonel captain us uk eu un opposition interim former acting deputy of
    the mayor chairman chairwoman director councillor councilor mp mep congressman congresswoman
    sheriff commissioner inspector detective superintendent sergeant lieutenant admiral archbishop
    rabbi rev reverend premier manager coach boss striker midfielder defender goalkeeper prosecutor
    constable headteacher coxswain chair""".split()
)
#: Nationality adjectives, capitalised, that stand in a role phrase as part of the role ("the German
#: chancellor", "the Israeli prime minister"), not as a name. Written for this list: the commonest in news copy.
NATIONALITIES = frozenset(
    """american british english scottish welsh irish french german italian spanish portuguese dutch belgian
    swiss austrian swedish norwegian danish finnish polish czech slovak hungarian romanian bulgarian greek
    turkish russian ukrainian belarusian serbian croatian albanian georgian armenian israeli palestinian
    lebanese syrian iraqi iranian saudi egyptian libyan tunisian algerian moroccan nigerian kenyan ethiopian
    ghanaian sudanese somali chinese japanese korean taiwanese indian pakistani afghan bangladeshi indonesian
    malaysian thai vietnamese filipino australian canadian mexican brazilian argentine argentinian chilean
    colombian venezuelan peruvian cuban european qatari emirati jordanian yemeni kuwaiti""".split()
)
#: Titles that, after "the", name one person by the office held ("the president said").
ROLES = frozenset(
    """president minister secretary senator governor chancellor king queen prince princess pope spokesman
    spokeswoman spokesperson leader ambassador envoy judge commander colonel captain general mayor chairman
    chairwoman director executive premier sheriff commissioner manager coach prosecutor""".split()
)
#: Titles of nobility held "of" a place ("the Duke of Sussex", "the Countess of Wessex"): with the
#: place they name one person, never a person called after the place.
PEERAGE = frozenset("duke duchess earl countess marquess marchioness viscount viscountess baron baroness".split())
#: Royal titles that stay with a single name: "Prince Harry", "King Charles" ("Harry" alone reads as a surname).
_ROYAL = frozenset("king queen prince princess".split())
#: Head nouns of organisations and institutions that speak as one.
ORG_HEADS = frozenset(
    """department ministry government office council commission agency party army police embassy union
    kremlin pentagon administration court parliament congress senate cabinet military bank spokesman
    spokeswoman spokesperson committee campaign company group foundation institute organisation
    organization authority authorities service services assembly tribunal board international association
    federation corporation university hospital coalition alliance league fund bureau""".split()
)
#: Head nouns of institutions named with "of": "Bank of England", "Army Corps of Engineers".
_OF_HEADS = ORG_HEADS | frozenset(
    "corps chamber college school academy society house bank institutes republic kingdom church museum".split()
)
#: Capitalised words that start sentences or name places, not speakers.
_NOT_NAMES = frozenset(
    """the a an this that these those it its he she they we i but and or so yet if as at in on of for
    by with from after before when while speaking according however meanwhile earlier later read more
    united states white house latin america""".split()
)
_PRONOUNS = frozenset("he she it they we i".split())
#: Plural nouns for groups of people: capitalised only because they open a sentence
#: ("Officials said", "Witnesses, who asked not to be named, said"), never a name.
GROUP_NOUNS = frozenset(
    """officials analysts critics experts residents witnesses protesters protestors doctors scientists
    researchers sources investigators prosecutors lawyers activists campaigners economists observers
    diplomats locals villagers voters workers students teachers parents neighbours neighbors supporters
    opponents rebels troops soldiers officers medics firefighters rescuers survivors victims relatives
    families fans players insiders aides allies leaders ministers lawmakers officials politicians
    investors traders bankers executives shoppers passengers commuters patients nurses reporters journalists
    correspondents commentators pundits demonstrators onlookers bystanders mourners farmers""".split()
)
#: Plurals of initialisms for the members of a body ("MPs said", "Labour MEPs"): a group, though capitalised.
_GROUP_INITIALISMS = frozenset("mps meps msps mss mlas tds".split())
#: Words before a group that say how many of them speak ("Several MPs"), not which.
_QUANTIFIERS = frozenset("the a an some many several few most other".split())
#: Lower-case words that stand between a speaker and the verb ("Ms Smith also warned"): not part of the name.
_BEFORE_VERB = frozenset(
    """also again then later earlier once still even just already further since today recently previously
    repeatedly publicly privately separately initially originally subsequently reportedly allegedly
    has have had is was are were will would shall should can could may might must does did""".split()
)  # and auxiliaries: "Councillor Mark Fenn has called", "The Prime Minister has said"
_WORD_RE = re.compile(r"[\w][\w'\u2019.-]*")
_LETTER_RE = re.compile(r"[^\W\d_]")
_RELATIVE = frozenset(("who", "which", "whom", "whose"))  # "Mark Tully, whose daughter is in Year 9, said"
_PREPOSITION_RE = re.compile(r"\s*(?:of|from|in|at|for|with|on|by|during)\b", re.IGNORECASE)
_NAME_TOKEN_RE = re.compile(r"^[A-Z\u00c0-\u00de][\w'\u2019.-]*$")
_CLAUSE_SPLIT_RE = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:that|which|who|what|whom|whose)\b")
_LEADING_JUNK_RE = re.compile(
    r"^(?:and|but|or|so|as|then|while|now|later|earlier|meanwhile|separately|afterwards|also)\s+", re.IGNORECASE
)
#: Who speaks for an organisation: "a spokeswoman for the ministry", "a Foreign Office spokesman".
_SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson representative".split())
#: Longest phrase taken for a speaker, in words.
MAX_SPEAKER_WORDS = 8
#: A clause before a speech verb with this many words is longer than any
#: speaker phrase (`MAX_SPEAKER_WORDS`, after `_mention` drops a leading
#: "and"/"but"), so the search for its start can stop.
SUBJECT_WINDOW_WORDS = MAX_SPEAKER_WORDS + 2
#: The first window (in characters) `_tail_start` reads before a verb; most subjects fit.
_FIRST_WINDOW_CHARS = 64


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase naming a speaker: its offsets, the words, and the canonical name."""

    start: int
    end: int
    phrase: str
    name: str
    #: "person", "organisation", "group" (unnamed: "opposition figures") or "pronoun"
    kind: str
    #: the office a person is named with, in lower case ("president", "prime minister"), or ""
    title: str = ""


def _is_name_token(token: str) -> bool:
    return bool(_NAME_TOKEN_RE.match(token)) and token.lower().rstrip(".") not in _NOT_NAMES


def canonical_name(phrase: str) -> tuple[str, str]:
    """(name, kind) for a speaker phrase: titles dropped from people, "the" from organisations."""
    words = _WORD_RE.findall(phrase)
    if not words:
        return ("", "group")
    lowered = [w.lower().rstrip(".").replace("\u2019", "'") for w in words]
    while len(words) > 1 and (
        (lowered[-1] in _BEFORE_VERB and words[-1].islower()) or words[-1].isdigit()  # "Smith 45": an age
    ):
        words, lowered = words[:-1], lowered[:-1]
    # "Mr Smith the", "Mr Smith the minister": a name, then its role in lower case.
    k = len(words)
    # (but "a DWP spokesman" is the DWP's: below)
    spokesperson_of = lowered[0] in ("a", "an", "the")
    while k > 1 and words[k - 1].islower() and lowered[k - 1] in TITLES and not (
        spokesperson_of and lowered[k - 1] in _SPOKESPEOPLE
    ):
        k -= 1
    if (
        k < len(words)
        and _NAME_TOKEN_RE.match(words[k - 1])
        and lowered[k - 1] not in TITLES | _NOT_NAMES | NATIONALITIES  # "the German chancellor": one role
        and not _modifies_role(words, lowered, k)
    ):
        words, lowered = words[:k], lowered[:k]
    if len(words) == 1 and lowered[0] in _PRONOUNS:
        return (lowered[0], "pronoun")
    # "a spokeswoman for the ministry": the ministry speaks.
    for k in range(len(words) - 2):
        if lowered[k] in _SPOKESPEOPLE and lowered[k + 1] in ("for", "at", "of", "from"):
            represented = canonical_name(" ".join(words[k + 2 :]))
            if represented[1] == "organisation":
                return represented
            break
    person = _person_of(words, lowered) or _office_of_institution(words, lowered)
    if person is not None:
        return person
    head = lowered[-1]
    if head in GROUP_NOUNS and words[0][1:].islower() and all(w.islower() for w in words[1:]):
        words = [words[0].lower(), *words[1:]]  # "Officials said": capitalised only to open the sentence
    if head in _GROUP_INITIALISMS and all(w[0].isupper() for w in words):
        while len(words) > 1 and lowered[0] in _QUANTIFIERS:
            words, lowered = words[1:], lowered[1:]
        return (" ".join(words), "group")  # "MPs", "Labour MPs"
    if head in ORG_HEADS or (head.endswith("'s") and len(words) == 1):
        while len(words) > 1 and lowered[0] in ("the", "a", "an"):
            words, lowered = words[1:], lowered[1:]
        if head in _SPOKESPEOPLE and len(words) > 1 and not lowered[-2].endswith("'s"):
            words = words[:-1]  # "a police spokesman", "a Foreign Office spokesman": the police speak
        return (" ".join(words), "organisation")
    # "The White House", "The New York Times": capitalised words after "the" name an institution;
    # a person's name does not take "the" (but "The Foreign Minister" is a role: below).
    if (
        len(words) > 1
        and lowered[0] == "the"
        and all(_NAME_TOKEN_RE.match(w) for w in words[1:])
        and not all(low in TITLES for low in lowered[1:])
        and not (lowered[-1] in ROLES and all(low in TITLES | NATIONALITIES for low in lowered[1:]))
    ):
        return (" ".join(words[1:]), "organisation")
    # A person: the run of capitalised words at the end that are not titles.
    name: list[str] = []
    for word, low in zip(reversed(words), reversed(lowered), strict=True):
        if not _NAME_TOKEN_RE.match(word) or low in TITLES:
            break
        name.insert(0, word)
    first = len(words) - len(name)
    if name and first >= 2 and lowered[first - 1] in ("of", "for") and lowered[first - 2] in _OF_HEADS:
        # "Army Corps of Engineers", "Bank of England", "Department for Transport": an institution
        # named with "of" or "for", not a person.
        start = first - 2
        while start > 0 and _NAME_TOKEN_RE.match(words[start - 1]) and lowered[start - 1] not in _NOT_NAMES:
            start -= 1
        return (" ".join(words[start:]), "organisation")
    held = _named_of(words, lowered, first) if name else None
    if held is not None:
        return held
    if name and _after_description(words, lowered, first):
        # "a nurse from Madrid", "a lawyer for Mr Smith": the speaker is the one described, named elsewhere.
        return (" ".join(words), "group")
    if name and all(w.lower() in _NOT_NAMES for w in name):
        # "So said Ana Ruiz", "However, …": a capitalised connective names no one; "White House",
        # "United States": an institution or a place.
        return ("", "group") if len(name) == 1 else (" ".join(name), "organisation")
    if name:
        if len(name) == 1 and first >= 1 and lowered[first - 1] in _ROYAL and words[first - 1][0].isupper():
            name.insert(0, words[first - 1])  # "Prince Harry", not "Harry"
        return (" ".join(name), "person")
    if words[0][0].isupper() and lowered[0] not in _NOT_NAMES:
        return (" ".join(words), "organisation")
    # "The president", "the foreign minister", "the German chancellor", "the Labour leader": one person,
    # named by the role.
    if len(words) > 1 and lowered[0] == "the" and lowered[-1] in ROLES:
        role = zip(words[1:], lowered[1:], strict=True)
        if all(w.islower() or low in TITLES or low in NATIONALITIES for w, low in role) or _modifies_role(
            words, lowered, len(words) - 1
        ):
            return (" ".join(words[1:]), "person")
    while words and lowered[0] in ("the", "a", "an", "some", "many"):
        words, lowered = words[1:], lowered[1:]
    return (" ".join(words), "group")


def _modifies_role(words: Sequence[str], lowered: Sequence[str], k: int) -> bool:
    """True when the capitalised words between an opening "the" and word `k`, a role in lower case, say
    which role it is ("the Labour leader", "the South African president"), and so are not a name: a
    person's name does not take "the"."""
    return (
        1 < k < len(words)
        and lowered[0] == "the"
        and lowered[k] in ROLES
        and words[k].islower()
        and all(_NAME_TOKEN_RE.match(w) for w in words[1:k])
    )


#: Prepositions after which a capitalised name says where someone works or is from, whom they act for or
#: are kin to ("a researcher at Chatham House", "a nurse from Madrid", "the wife of John Smith"), not who
#: they are. An office or a title before "of" is read first (`_named_of`): "the Mayor of London".
_DESCRIPTION_PREPOSITIONS = frozenset("at from in for with near of".split())


def _described_noun(words: Sequence[str]) -> str:
    """The word a group phrase is about: the noun before its first lower-case description preposition
    ("relatives" in "relatives of John Smith", "lawyer" in "a lawyer for Mr Jones"), else its last word."""
    k = next((k for k, w in enumerate(words) if k and w in _DESCRIPTION_PREPOSITIONS), 0)
    return words[k - 1] if k else words[-1]


def _after_description(words: Sequence[str], lowered: Sequence[str], first: int) -> bool:
    """True when the name that starts at word `first` (after any titles) follows a lower-case noun and a
    preposition: "a nurse from Madrid", "an adviser to", "a lawyer for Mr Smith", "officials in Washington"."""
    j = first - 1
    while j >= 0 and lowered[j] in TITLES and not words[j].islower():
        j -= 1  # "Mr" in "a lawyer for Mr Smith"
    if j < 1 or lowered[j] not in _DESCRIPTION_PREPOSITIONS or not words[j].islower():
        return False
    return words[j - 1].islower() or lowered[j - 1] in GROUP_NOUNS


#: Words that may stand in a title held "of" a place, before the place: "the Duke", "the Prince".
_HELD_TITLE_WORDS = PEERAGE | _ROYAL


#: Offices held "of" an organisation or a place: "the chief executive of Acme", "the Mayor of London".
_OFFICES_OF = ROLES | frozenset("head chief archbishop bishop founder".split())


def _of_before(lowered: Sequence[str], first: int) -> int:
    """The index of the "of" just before the name that starts at word `first` ("of Sussex", "of the
    Earth"), or -1 when the name does not follow "of"."""
    of = first - 2 if first >= 2 and lowered[first - 1] == "the" else first - 1
    return of if of >= 1 and lowered[of] == "of" else -1


def _named_of(words: Sequence[str], lowered: Sequence[str], first: int) -> tuple[str, str] | None:
    """(name, kind) when the name that starts at word `first` follows "of" and so is not who speaks, or None.

    "the Duke of Sussex" is the duke ("Duke of Sussex", a person); "Prince Harry,
    Duke of Sussex" is Prince Harry, named before the title in apposition; "Minister for Health Jane
    Doe" is Jane Doe when the first-name list knows "Jane" (else the office, "Minister for Health Doe");
    "Friends of the Earth" (capitalised words, a plural before "of") is an organisation.
    """
    of = _of_before(lowered, first)
    portfolio = first
    while portfolio > 2 and words[portfolio - 1][0].isupper() and lowered[portfolio - 1] in TITLES:
        portfolio -= 1  # "Minister for Foreign Affairs": a title word that opens a portfolio is part of it
    if of < 0 and portfolio >= 2 and lowered[portfolio - 1] == "for" and lowered[portfolio - 2] in _OFFICES_OF:
        of, first = portfolio - 1, portfolio  # "Minister for Health": the portfolio, like "Secretary of State"
    if of < 0:
        return None
    head = lowered[of - 1]
    if head in _OFFICES_OF or (head in _HELD_TITLE_WORDS and words[of - 1][0].isupper()):
        if of == first - 1:
            # "Minister for Health Jane Doe": the name starts at a known first name after the portfolio.
            first_names = default_first_names()
            given = next((k for k in range(first + 1, len(words) - 1) if fold(words[k]) in first_names), None)
            if given is not None:
                return (" ".join(words[given:]), "person")
        title = of - 1
        while title > 0 and (words[title - 1].islower() or lowered[title - 1] in TITLES):
            title -= 1  # "the chief executive", "Deputy Mayor"
        if title > 0:
            named = canonical_name(" ".join(words[:title]))
            if named[1] == "person":
                return named
        while title < of - 1 and lowered[title] in ("the", "a", "an"):
            title += 1
        return (" ".join(words[title:]), "person")
    if lowered[of] != "of" or not words[of - 1][0].isupper():
        return None
    opening = 1 if lowered[0] == "the" else 0
    if (
        of - opening == 1
        and head.endswith("s")
        and not head.endswith("'s")
        and head not in TITLES | GROUP_NOUNS  # "Relatives of John Smith" are people, described
    ):
        return (" ".join(words[opening:]), "organisation")  # "Friends of the Earth", "Knights of Columbus"
    return None


def _person_of(words: Sequence[str], lowered: Sequence[str]) -> tuple[str, str] | None:
    """The person in "Tom Reed of Amnesty International", "Dr Jane Doe of the University of Oxford",
    "John Smith of Leeds": a name of two or more words before the first "of", then a capitalised name.

    The words after "of" say whom the person speaks for or where they are from;
    the person is the speaker. A word before "of" that is an office or an
    institution's head ("Chief Executive of", "Royal Bank of") makes it no person's name.
    """
    k = lowered.index("of") if "of" in lowered else -1
    if k < 2 or k + 1 >= len(words):
        return None
    last = lowered[k - 1]
    if not _is_name_token(words[k - 1]) or last in TITLES or last in ROLES or last in _OF_HEADS or last in PEERAGE:
        return None
    after = words[k + 2] if lowered[k + 1] == "the" and k + 2 < len(words) else words[k + 1]
    if not _NAME_TOKEN_RE.match(after):
        return None
    name, kind = canonical_name(" ".join(words[:k]))
    return (name, kind) if kind == "person" else None


def _office_of_institution(words: Sequence[str], lowered: Sequence[str]) -> tuple[str, str] | None:
    """The holder of an office held "of" a named institution whose name ends in an institution's head noun:
    "the chief executive of Acme Bank", "the governor of the Bank of England" are people, not the bank.

    Only a capitalised name after "of" counts: "the head of the police" is left as it was read.
    """
    of = lowered.index("of") if "of" in lowered else -1
    if of < 1 or lowered[of - 1] not in _OFFICES_OF:
        return None
    first = of + 2 if of + 2 < len(words) and lowered[of + 1] == "the" else of + 1
    if first >= len(words) or not _NAME_TOKEN_RE.match(words[first]):
        return None
    institution = zip(words[first:], lowered[first:], strict=True)
    if not all(_NAME_TOKEN_RE.match(w) or low in ("the", "of") for w, low in institution):
        return None
    return _named_of(words, lowered, first)


def holds_office(name: str) -> bool:
    """True when a person's canonical name is an office or title alone ("foreign minister", "Duke of
    Sussex", "chief executive of Acme"), not a name ("Angela Merkel", "Prince Harry")."""
    words = name.split()
    lowered = [w.lower() for w in words]
    offices = TITLES | ROLES | _OFFICES_OF | _HELD_TITLE_WORDS | NATIONALITIES
    of = lowered.index("of") if "of" in lowered else 0
    if 0 < of < len(words) - 1 and lowered[of - 1] in _OFFICES_OF | _HELD_TITLE_WORDS:
        words, lowered = words[:of], lowered[:of]  # "Duke of Sussex", "chief executive of Acme"
    if len(words) > 1 and lowered[-1] in ROLES and words[-1].islower():
        return True  # "Labour leader", "South African president": a role and the words that say which
    return bool(words) and all(w.islower() or low in offices for w, low in zip(words, lowered, strict=True))


def speaks_for(phrase: str) -> bool:
    """True when a speaker phrase names someone speaking for an organisation ("a spokeswoman for …")."""
    return any(w.lower() in _SPOKESPEOPLE for w in _WORD_RE.findall(phrase))


def _mention(text: str, start: int, end: int) -> Mention | None:
    """A mention for the phrase `text[start:end]` (trimmed), or None when it cannot be a speaker."""
    phrase = text[start:end]
    lead = len(phrase) - len(phrase.lstrip())
    phrase = phrase.strip().rstrip(".,")
    junk = _LEADING_JUNK_RE.match(phrase)
    if junk:
        lead += junk.end()
        phrase = phrase[junk.end() :]
    words = _WORD_RE.findall(phrase)
    if not words or len(words) > MAX_SPEAKER_WORDS:
        return None
    name, kind = canonical_name(phrase)
    if not name:
        return None
    if kind == "group" and not _described_noun(words).lower().endswith(("s", "people")):
        return None  # "the country", "the plan", "a lawyer for Mr Jones": not a speaker the text names
    return Mention(start + lead, start + lead + len(phrase), phrase, name, kind)


def _last_clause(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The last clause in text[lo:hi] that has words in it, as (start, end); None when none has.

    A clause of numbers alone is an age or a date in apposition ("John Smith, 45, said"), not a subject.
    """
    segment = None
    last, relative = lo, False
    for match in _CLAUSE_SPLIT_RE.finditer(text, lo, hi):
        if _could_be_subject(text, last, match.start(), relative):
            segment = (last, match.start())
        last, relative = match.end(), match.group() in _RELATIVE
    if _could_be_subject(text, last, hi, relative):
        return (last, hi)
    return segment


def _could_be_subject(text: str, start: int, end: int, relative: bool) -> bool:
    """False for a clause with no letters ("45"), and for a short one in apposition ("of Leeds", "in a
    statement") or a short relative clause ("who is in Caracas"): none of them names who speaks.

    A long clause (`SUBJECT_WINDOW_WORDS` words or more) is never set aside, so
    that `_subject_clause` need not find where it starts.
    """
    if _LETTER_RE.search(text, start, end) is None:
        return False
    closed = _CLAUSE_SPLIT_RE.match(text, end, end + 1) is not None  # by a comma, bracket or dash before the verb
    aside = (relative and closed) or _PREPOSITION_RE.match(text, start, end) is not None
    return not aside or len(_WORD_RE.findall(text, start, end)) >= SUBJECT_WINDOW_WORDS


def _tail_start(text: str, lo: int, hi: int, words: int) -> int:
    """Where the last `words` words of text[lo:hi] start, or `lo` when it holds fewer.

    The text is read backwards in windows that double in width, so the cost
    is about the length of those words, not of text[lo:hi].
    """
    width = _FIRST_WINDOW_CHARS
    while True:
        start = max(lo, hi - width)
        # The first word found may be cut by the window's edge; the ones after it are whole.
        found = [m.start() for m in _WORD_RE.finditer(text, start, hi)]
        if len(found) > words:
            return found[-words]
        if start == lo:
            return found[-words] if len(found) == words else lo
        width *= 2


def _subject_clause(text: str, lo: int, verb_start: int) -> tuple[int, int, bool]:
    """The last clause with words before a verb, and whether it is longer than any speaker phrase.

    The same clause `_last_clause(text, lo, verb_start)` gives, found by
    reading back only a few words from the verb: reading the whole of a long
    clause for every verb in it was quadratic. When the clause is long, its
    start is not looked for: the start returned is a word of it well before the
    verb, and the flag is set.
    """
    words = SUBJECT_WINDOW_WORDS
    while True:
        window = _tail_start(text, lo, verb_start, words)
        clause = _last_clause(text, window, verb_start)
        if window == lo:
            return (*(clause or (lo, verb_start)), False)
        if clause is not None and clause[0] > window:
            return (*clause, False)  # it starts after a clause mark inside the window
        if clause is not None and len(_WORD_RE.findall(text, *clause)) >= SUBJECT_WINDOW_WORDS:
            return (*clause, True)
        words *= 2  # clause marks ("that", "who") took up the window: read further back


#: A preposition of `_DESCRIPTION_PREPOSITIONS` just before a name, read in a window of this many characters.
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:" + "|".join(sorted(_DESCRIPTION_PREPOSITIONS)) + r")\s+$")
_PREPOSITION_WINDOW_CHARS = 8
#: A description in apposition after a name: "…, a nurse from Madrid, said".
_DESCRIPTION_RE = re.compile(r"\s*an?\s")


def clause_subject(text: str, lo: int, verb_start: int) -> Mention | None:
    """The speaker named in the clause that ends where a verb starts (", Dr. Marta Velasco, said")."""
    start, end, long = _subject_clause(text, lo, verb_start)
    mention = None if long else _mention(text, start, end)
    if not long and start > lo and text[start - 1] == ",":
        # A clause in apposition to the one before names no speaker of its own: a description ("Ana Ruiz,
        # 45, a nurse from Madrid, said"; "Dr Ahmed Khan, a local GP, said" had given "GP") or a title
        # ("Prince Harry, Duke of Sussex, said"). The person named before it speaks.
        described = _DESCRIPTION_RE.match(text, start) is not None
        titled = mention is not None and mention.kind == "person" and holds_office(mention.name)
        if described or titled:
            before_start, before_end, before_long = _subject_clause(text, lo, start - 1)
            named_before = None if before_long else _mention(text, before_start, before_end)
            if (
                named_before is not None
                and named_before.kind == "person"
                and (described or not holds_office(named_before.name))
            ):
                mention = named_before
    if mention is None:
        # A long clause: "… hours after opposition leader Juan Guaidó urged …": the name just before the verb.
        # Not one described by a preposition: in "a lawyer for Mr Smith said" the lawyer speaks.
        named = [
            m
            for m in find_people(text, start, end)
            if not text[m.end : verb_start].strip()
            and _PREPOSITION_BEFORE_RE.search(text, max(start, m.start - _PREPOSITION_WINDOW_CHARS), m.start) is None
        ]
        mention = named[-1] if named else None
    return mention


#: ", adding" at the end of a lead-in, read in a window of this many characters before its colon or comma.
_PARTICIPLE_RE = re.compile(r",\s*(?:" + "|".join(sorted(PARTICIPLES)) + r")\s*$", re.IGNORECASE)
_PARTICIPLE_WINDOW_CHARS = 24
#: Lower-case nouns that are a subject's head, not the main verb: "The ministry issued", "The officials left".
_NAMED_BY_KIND = ORG_HEADS | GROUP_NOUNS


#: "according to Mr Smith", read back from the comma before a quotation or on from one after it.
_ACCORDING_BEFORE_RE = re.compile(r"\baccording\s+to\s+(?P<who>[^,;:!?\"\u201c\u201d]+)$", re.IGNORECASE)
_ACCORDING_AFTER_RE = re.compile(r"according\s+to\s+(?P<who>[^,;:]+)", re.IGNORECASE)
#: How far back from the comma "according to" is looked for: a speaker phrase is shorter.
_ACCORDING_WINDOW_CHARS = 120


def according_to(text: str, start: int, end: int) -> Mention | None:
    """The source named after "according to" in text[start:end]: a person, an organisation or a group
    of people ("according to witnesses"); not "according to reports" or "according to a statement"."""
    mention = _mention(text, start, end)
    groups = GROUP_NOUNS | _GROUP_INITIALISMS
    if mention is None or (mention.kind == "group" and mention.name.split()[-1].lower() not in groups):
        return None
    return mention if mention.kind != "pronoun" else None


def speaker_before(text: str, lo: int, hi: int) -> Mention | None:
    """The speaker of a quotation that starts at `hi`, from a lead-in such as "Trump said:" or
    "According to Mr Smith,"."""
    lead = text[lo:hi].rstrip()
    if not lead or lead[-1] not in ":,":
        return None
    lead_end = lo + len(lead) - 1
    # "Mr Smith said Labour, adding:": the words after the verb are what was said, not who says it.
    participle = _PARTICIPLE_RE.search(text, max(lo, lead_end - _PARTICIPLE_WINDOW_CHARS), lead_end)
    if lead[-1] == ",":
        according = _ACCORDING_BEFORE_RE.search(text, max(lo, lead_end - _ACCORDING_WINDOW_CHARS), lead_end)
        if according is not None:
            return according_to(text, according.start("who"), lead_end)
    words = list(_WORD_RE.finditer(text, lo, lead_end))
    tail = words[-4:]
    for k in range(len(tail) - 1, -1, -1):
        verb = tail[k]
        if verb.group().lower() not in SPEECH_VERBS:
            continue
        after = text[verb.end() : lead_end]
        if verb.group().lower() in LISTENER_VERBS:
            subject = clause_subject(text, lo, verb.start())
            if subject is not None:
                return subject  # 'Mr Streeting told Sky News:'
        # Inverted order: 'said Mike Pompeo:'
        capitalised = bool(after.strip()) and after.strip()[0].isupper() and participle is None
        inverted = _mention(text, verb.end(), lead_end) if capitalised else None
        if inverted is not None and inverted.kind in ("person", "organisation"):
            return inverted
        return clause_subject(text, lo, verb.start())
    return None


#: Titles written with a full stop before a name ("said Dr. Priya Natarajan"), whose stop does not end
#: the tag ("Jr." and "Sr." end a name, and a sentence may follow them: not here).
_TITLE_STOPS = "mr mrs ms dr prof st gen lt col capt sgt cmdr adm gov sen rep rev hon pres".split()
#: A full stop after such a title, or after an initial that a surname follows ("John F. Kennedy", not
#: "Malcolm X. Then he left": the word after the stop is followed by a lower-case word there).
_NAME_STOP = "|".join(
    [rf"(?<=\b{t.capitalize()}\.)" for t in _TITLE_STOPS]
    + [r"(?<=\b[A-Z]\.)(?=\s+[A-Z][\w'\u2019-]*(?![\w'\u2019-])(?!\s+[a-z]))"]
)
_AFTER_RE = re.compile(r"[\s,]*(?P<rest>(?:[^.!?\"\u201c\u201d]|\.(?:" + _NAME_STOP + r")){1,120})")


def _in_inverted_speaker(words: Sequence[re.Match[str]], j: int) -> bool:
    """True when the lower-case word `j` after a speech verb is still part of its speaker: "said the
    ministry", "said a spokesman for the Foreign Office", "said Minister for Health Jane Doe", "said the
    interior minister"."""
    low = words[j].group().lower()
    if low in ("the", "of") or low in _SPOKESPEOPLE or (j == 1 and low in ("a", "an")):
        return True
    if low in _OFFICES_OF:
        return True  # "said the president", "said the chief executive of Acme"
    if j + 1 < len(words) and words[j + 1].group().lower() in ROLES:
        return True  # a portfolio before an office: "said the interior minister"
    before = words[j - 1].group().lower()
    # "said a spokesman for the ministry", "said Minister for Health Jane Doe"
    return (low in ("for", "at", "from") and before in _SPOKESPEOPLE) or (low == "for" and before in _OFFICES_OF)


def speaker_after(text: str, lo: int, hi: int) -> Mention | None:
    """The speaker of a quotation that ends at `lo`, from a tag such as ', the State Department said' or
    ', according to the ministry'."""
    match = _AFTER_RE.match(text, lo, hi)
    if match is None:
        return None
    start = match.start("rest")
    according = _ACCORDING_AFTER_RE.match(text, start, match.end("rest"))
    if according is not None:
        return according_to(text, *according.span("who"))
    words = list(_WORD_RE.finditer(text, start, match.end("rest")))
    for k, word in enumerate(words[: MAX_SPEAKER_WORDS + 1]):
        if word.group().lower() not in SPEECH_VERBS:
            continue
        if k == 0:
            # 'said Mike Pompeo' / 'said the ministry'
            stop = words[min(len(words), MAX_SPEAKER_WORDS) - 1].end() if len(words) > 1 else word.end()
            for j in range(1, len(words)):
                if words[j].group()[0].islower() and not _in_inverted_speaker(words, j):
                    stop = words[j - 1].end()
                    break
            return _tag_subject(text, word.end(), stop) if len(words) > 1 else None
        return _tag_subject(text, start, word.start())
    return None


def _tag_subject(text: str, start: int, end: int) -> Mention | None:
    """The speaker in a tag's words before its verb, without what stands in apposition after a name:
    "Smith, 45, a teacher," is Smith; "Dmitry Peskov, the Kremlin's spokesman," is Dmitry Peskov; but
    "the EU Foreign Minister, Federica Mogherini," is Federica Mogherini (an office is not a name)."""
    comma = text.find(",", start, end)
    if comma > start:
        first = _mention(text, start, comma)
        if first is not None and first.kind in ("person", "organisation"):
            if not all(w.lower() in TITLES for w in first.name.split()):
                return first
            after = text.find(",", comma + 1, end)
            named = _mention(text, comma + 1, after if after > comma else end)
            if named is not None and named.kind == "person":
                return named  # the office, then the name in apposition
    return _mention(text, start, end)


#: How a sentence that follows a quotation says whose words it was: "So said Ana Ruiz.", "Those were
#: the words of Ana Ruiz.", "The warning came from Interior Minister Ana Ruiz." Only these set openings
#: count: a sentence that merely names someone after a quotation does not say the words were theirs.
_NEXT_SENTENCE_CUE_RE = re.compile(
    r"(?:so|thus)\s+(?:said|says|wrote|writes)"
    r"|(?:those|these|such|they)\s+(?:were|are)\s+the\s+words\s+of"
    r"|(?:the|those|these|his|her|their)\s+(?:words|remarks|comments|warning|message|plea|pledge|vow|verdict)"
    r"\s+(?:came|come|comes)\s+from",
    re.IGNORECASE,
)
_CLAUSE_MARK_RE = re.compile(r"[,;:()\u2013\u2014]")


def _in_named_speaker(words: Sequence[re.Match[str]], j: int) -> bool:
    """True when the lower-case word `j` after a cue is still part of the speaker phrase: "the",
    "of", an office and its portfolio ("the interior minister"), "a spokesman for"."""
    low = words[j].group().lower().rstrip(".")
    if low in TITLES or low in ROLES or low in _SPOKESPEOPLE or (j == 0 and low in ("a", "an")):
        return True
    if j + 1 < len(words) and words[j + 1].group().lower().rstrip(".") in ROLES:
        return True  # a portfolio before an office: "the interior minister", "the education secretary"
    return j > 0 and low in ("for", "at", "from") and words[j - 1].group().lower() in _SPOKESPEOPLE


def speaker_in_next_sentence(text: str, lo: int, hi: int) -> Mention | None:
    """The person or organisation that the sentence text[lo:hi], just after a quotation, names as its
    speaker ("So said Ana Ruiz, the interior minister.", "The words came from Ana Ruiz on Tuesday.").

    The speaker phrase runs from the cue to the first clause mark or the first
    lower-case word that is not part of a name ("on Tuesday"). A pronoun or a
    group ("protesters") is not taken: the quotation is left unattributed.
    """
    cue = _NEXT_SENTENCE_CUE_RE.match(text, lo, hi)
    if cue is None:
        return None
    stop = cue.end()
    words = list(itertools.islice(_WORD_RE.finditer(text, cue.end(), hi), MAX_SPEAKER_WORDS + 1))
    for j, word in enumerate(words):
        if _CLAUSE_MARK_RE.search(text, stop, word.start()) is not None:
            break
        if word.group()[0].islower() and not _in_named_speaker(words, j):
            break
        stop = word.end()
    mention = _mention(text, cue.end(), stop)
    return mention if mention is not None and mention.kind in ("person", "organisation") else None


def participle_subject(text: str, lo: int, hi: int) -> Mention | None:
    """The speaker of a quotation at `hi` whose lead-in text[lo:hi] ends with a participle after a comma
    ("Ms Ruiz spoke for an hour, adding:"): the subject of the sentence's main clause.

    The subject is the phrase before the first lower-case word that is not part of a
    speaker phrase (taken for the main verb), read from `lo`, the start of the sentence
    or the end of the quotation before it; a pronoun there ("She spoke, adding:") is
    returned for the caller to resolve. A sentence that opens with anything else
    ("After the meeting, Ms Ruiz spoke, adding:") names no subject this way.
    """
    lead = text[lo:hi].rstrip()
    if not lead or lead[-1] not in ":,":
        return None
    lead_end = lo + len(lead) - 1
    participle = _PARTICIPLE_RE.search(text, max(lo, lead_end - _PARTICIPLE_WINDOW_CHARS), lead_end)
    if participle is None:
        return None
    words = list(itertools.islice(_WORD_RE.finditer(text, lo, participle.start()), SUBJECT_WINDOW_WORDS))
    for j, word in enumerate(words):
        if not word.group()[0].islower() or _in_named_speaker(words, j) or word.group() in _NAMED_BY_KIND:
            continue
        if j == 0:
            return _mention(text, word.start(), word.end()) if word.group() in _PRONOUNS else None
        return clause_subject(text, lo, word.start())
    return None


def naming_subject(text: str, lo: int, hi: int) -> Mention | None:
    """Who uses a scare-quoted label at `hi`: the subject of 'what he calls', 'opposition figures branded'."""
    words = list(_WORD_RE.finditer(text, lo, hi))
    tail = words[-3:]
    for k in range(len(tail) - 1, -1, -1):
        verb = tail[k]
        low = verb.group().lower()
        if low not in NAMING_VERBS:
            continue
        if low == "described" and not text[verb.end() : hi].strip().lower().startswith("as"):
            continue
        return clause_subject(text, lo, verb.start())
    return None


_NAME = r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f-]+"
#: A role, with up to three words before it: "German chancellor", "city's mayor", "mayor".
_ROLE_PHRASE = r"(?:[\w'\u2019-]+[ \t]+){0,3}(?:" + "|".join(sorted(ROLES)) + r")\b"
#: Words of a capitalised office that come before its head: "Prime Minister", "Vice President".
_OFFICE_PREFIX = r"(?:(?:Prime|Foreign|Defence|Defense|Interior|Finance|Home|Health|Justice|Deputy|Vice|Attorney)\s+)?"
_TITLED = (
    "Mr|Mrs|Ms|Dr|Prof|President|Senator|Sen|Gen|General|Governor|Chancellor|Pope|King|Queen|Prince|Mayor"
    "|Minister|Secretary|Sir|Dame|Judge|Commissioner|Sheriff|Chairman|Chairwoman|Premier"
)
_PERSON_RE = re.compile(
    r"(?P<titled>\b" + _OFFICE_PREFIX + r"(?:" + _TITLED + r")"
    r"\.?\s+(?:[A-Z\u00c0-\u00de][\w'\u2019-]+\s+){0,2}" + _NAME + r")"
    r"|(?P<role_name>\b(?:leader|analyst|spokesman|spokeswoman|minister|secretary|president|official|expert|chief|mayor)"
    r"\s+(?:" + _NAME + r"\s+){0,2}" + _NAME + r")"
    # A bare first name and surname, shown to be a person by an age or a role in apposition:
    # "Angela Merkel, 64, …", "Angela Merkel, the German chancellor, …".
    r"|(?P<bare>\b" + _NAME + r"\s+" + _NAME + r")"
    r"(?=,[ \t]+(?:\d{1,3},|(?P<article>the|a|an)[ \t]+(?P<role>" + _ROLE_PHRASE + r")))"
    # An office with its portfolio after "for", then the name: "Minister for Health Jane Doe".
    r"|(?P<portfolio_office>\b(?:Minister|Secretary|Commissioner)[ \t]+for[ \t]+(?:" + _NAME + r"[ \t]+){1,3}"
    + _NAME + r")"
    # The role first: "The mayor, Maria Lopez, said".
    r"|\b[Tt]he[ \t]+(?P<role_first>" + _ROLE_PHRASE + r"),[ \t]+(?P<named>" + _NAME + r"[ \t]+" + _NAME + r")(?=,)"
)
#: Titles of courtesy, not offices: "Mr Smith" is not "the mister".
_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame".split())
_FORMER_RE = re.compile(r"(?:former|ex-|late|then)\s*$", re.IGNORECASE)


def _office(words: list[str]) -> str:
    """The office in the words before a name ("prime minister"), in lower case; "" for "Mr" and "Dr"."""
    lowered = [w.lower().rstrip(".") for w in words]
    return " ".join(w for w in lowered if w not in _HONORIFICS)


def _portfolio_title(words: Sequence[str], name: str) -> str:
    """The office of "Minister for Health Jane Doe" as it is named alone ("health minister"): the portfolio
    between "for" and the name, then the office; "" when no name stands apart from the portfolio (the
    first-name list does not know "Jane" and the phrase reads as an office, "Minister for Health Doe")."""
    named = name.split()
    portfolio = words[2 : len(words) - len(named)]
    if not portfolio or list(words[len(words) - len(named) :]) != named:
        return ""
    return " ".join([*portfolio, words[0]])


def find_people(text: str, lo: int, hi: int) -> list[Mention]:
    """Names of people in text[lo:hi] that carry a title or role ("Mr Maduro", "leader Juan Guaidó"),
    or an age or role in apposition ("Angela Merkel, 64,", "The mayor, Maria Lopez,").

    Each mention's `title` is the office it is named with ("president" for "President Donald Trump",
    "german chancellor" for "Angela Merkel, the German chancellor,"), or "" when none is, or the office is a
    past one ("former President Barack Obama").
    """
    found = []
    for match in _PERSON_RE.finditer(text, lo, hi):
        group = "named" if match.group("named") else "bare" if match.group("bare") else None
        start, end = match.span(group) if group else match.span()
        phrase = text[start:end]
        name, kind = canonical_name(phrase)
        if kind != "person":
            continue
        if group == "named":
            title = match.group("role_first")
        elif group == "bare":
            title = match.group("role") if match.group("article") == "the" else ""
        elif match.group("portfolio_office"):
            title = _portfolio_title(_WORD_RE.findall(phrase), name)
        else:
            named = name.split()
            royal = len(named) == 2 and named[0].lower() in _ROYAL  # "Prince Harry" keeps its title
            title = _office(_WORD_RE.findall(phrase)[: -len(named) + royal] if named else [])
        if _FORMER_RE.search(text, max(lo, match.start() - 8), match.start()):
            title = ""
        found.append(Mention(start, end, phrase, name, "person", " ".join(title.lower().split())))
    return found


_ORG_RE = re.compile(
    r"(?:(?:[A-Z\u00c0-\u00de][\w'\u2019.-]*|[a-z]+)\s+){0,2}(?:" + "|".join(sorted(ORG_HEADS)) + r")\b",
    re.IGNORECASE,
)


def find_organisations(text: str, lo: int, hi: int) -> list[Mention]:
    """Organisations in text[lo:hi] named with a capitalised word ("Cuba's communist government"), or by
    their kind after "the" ("the ministry")."""
    found = []
    for match in _ORG_RE.finditer(text, lo, hi):
        words = list(_WORD_RE.finditer(match.group()))
        # Keep from the first capitalised word; an organisation needs one.
        first = next((w for w in words if w.group()[0].isupper() and w.group().lower() not in _NOT_NAMES), None)
        if first is None:
            if len(words) > 1 and words[-2].group().lower() == "the":
                # "the ministry", "the police": an institution the article has in view, named by its kind.
                head, start = words[-1], match.start() + words[-1].start()
                found.append(Mention(start, match.end(), head.group(), head.group().lower(), "organisation"))
            continue
        start = match.start() + first.start()
        phrase = text[start : match.end()]
        name, _ = canonical_name(phrase)
        found.append(Mention(start, match.end(), phrase, name, "organisation"))
    return found
