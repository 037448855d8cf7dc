"""Attribution in context: each quotation's speaker, and reported speech outside quotation marks.

`speakers.py` reads one lead-in or tag; this module walks the article in
order, so that "She said:" and "…", it said." can be resolved against the
people and organisations named before them, and so that a quotation with no
tag of its own that continues a speaker's paragraph is given to that speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..senses import BE_FORMS
from .names import default_first_names, gender_of, pronoun_gender
from .quotes import Quote
from .sentences import Paragraph, Sentence
from .speakers import (
    MAX_SPEAKER_WORDS,
    NATIONALITIES,
    ROLES,
    SPEECH_VERBS,
    TITLES,
    Mention,
    according_to,
    clause_subject,
    find_organisations,
    find_people,
    naming_subject,
    participle_subject,
    speaker_after,
    speaker_before,
    speaker_in_next_sentence,
    speaks_for,
)

__all__ = ["AttributedQuote", "ReportedSpeech", "attribute_quotes", "find_reported_speech"]

#: A quotation of at most this many words with no speech tag is a scare quote:
#: a label the outlet puts at arm's length ('state terror'), not a statement.
SCARE_QUOTE_MAX_WORDS = 6
#: How many sentences back a pronoun may look for the one it stands for.
PRONOUN_LOOKBACK_SENTENCES = 2
#: How many of the latest named speakers a pronoun is matched against.
RECENT_SPEAKERS = 8
#: Speech verbs of one stretch of a sentence whose subject is looked for: a real sentence has one
#: or two; a hostile one ("said said said …", 40,000 of them) took 2 s, 50 µs a verb.
MAX_VERBS_TRIED = 8
_WORD_RE = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_NON_SPACE_RE = re.compile(r"\S")
#: "according to" before the source of a claim.
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
#: Where reported speech stops: the end of its clause.
_CLAUSE_STOP_RE = re.compile(r"[,;:\u2013\u2014]")


@dataclass(frozen=True, slots=True)
class AttributedQuote:
    """A quotation in the outlet's text, with who says it (None when the text does not say)."""

    quote: Quote
    speaker: str | None
    speaker_kind: str | None
    #: offsets of the words that name the speaker ("Trump", "it"), or None
    speaker_span: tuple[int, int] | None
    #: "lead-in", "tag", "label" (a scare quote's naming verb), "reported" (a partial quotation inside
    #: reported speech), "following" (named by the next sentence: "So said Ana Ruiz.") or "continuation"
    how: str | None
    words: int


@dataclass(frozen=True, slots=True)
class ReportedSpeech:
    """Speech reported without quotation marks: "X said the country was at a crossroads"."""

    speaker: str
    speaker_kind: str
    speaker_span: tuple[int, int]
    verb_start: int
    end: int
    words: int


def _sentence_at(sentences: Sequence[Sentence], starts: Sequence[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _outside(quotes: Sequence[Quote], starts: Sequence[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """The parts of [lo, hi) outside the quotations (sorted, non-overlapping; `starts` their starts)."""
    parts, pos = [], lo
    k = max(0, bisect.bisect_right(starts, lo) - 1)
    while k < len(quotes) and quotes[k].start < hi:
        q = quotes[k]
        k += 1
        if q.end <= pos:
            continue
        if q.start > pos:
            parts.append((pos, q.start))
        pos = max(pos, q.end)
    if pos < hi:
        parts.append((pos, hi))
    return parts


#: A name stands for the person named in full before it when the text before it in its sentence is at
#: most this long and all titles ("The mayor, Maria Lopez", "Mayor Maria Lopez"): the sentence's subject.
_SUBJECT_LEAD_CHARS = 40


def _same_speaker(a: Mention, b: Mention) -> bool:
    """True when two mentions name the same person ("Maduro", "Nicolás Maduro") or organisation."""
    if a.kind == "person":
        return a.name.lower().split()[-1:] == b.name.lower().split()[-1:]
    return a.name.lower() == b.name.lower()


def _opens_sentence(body: str, sentence: Sentence, mention: Mention) -> bool:
    """True when only titles and roles stand before `mention` in its sentence: it is the subject."""
    if mention.start - sentence.start > _SUBJECT_LEAD_CHARS:
        return False
    return all(w.lower() in TITLES for w in _WORD_RE.findall(body, sentence.start, mention.start))


class _Named:
    """The people (or organisations) one sentence names outside quotations, in text order."""

    def __init__(self, found: list[Mention]) -> None:
        self.found = found
        self.ends = [m.end for m in found]
        #: the index of the first one that names someone other than the first; len(found) when none does
        self.first_other = next((i for i, m in enumerate(found) if not _same_speaker(found[0], m)), len(found))


class _Resolver:
    """Resolves "he", "she", "it", "they" to the person or organisation they stand for, when unambiguous."""

    def __init__(
        self, body: str, sentences: Sequence[Sentence], quotes: Sequence[Quote], first_names: Mapping[str, str]
    ) -> None:
        self.body = body
        self.first_names = first_names
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.quotes = quotes
        self.quote_starts = [q.start for q in quotes]
        self.named: list[Mention] = []  # speakers named so far, in text order
        #: (sentence index, kind) -> the people or organisations named in it outside quotations
        self._named_in: dict[tuple[int, str], _Named] = {}

    def remember(self, mention: Mention | None) -> None:
        if mention is not None and mention.kind in ("person", "organisation"):
            self.named.append(mention)

    def gender(self, mention: Mention) -> str | None:
        """The gender the words naming `mention` tell ("Ms Ana Ruiz", "she"), or None."""
        return gender_of(mention.phrase or self.body[mention.start : mention.end], mention.name, self.first_names)

    def candidates(self, kind: str, k: int, gender: str | None = None) -> _Named:
        """Who sentence `k` names outside quotations, found once: a long sentence of pronouns is read once.

        `kind` is "person", "organisation", or "named organisation": those with
        a name, not only a kind ("the police"), which "they" is not taken for:
        after "Protesters clashed with the police", "they" are more likely the
        protesters. With a `gender`, people whose title or first name tells the
        other one are left out: "she" is not "Governor John Smith".
        """
        key = (k, kind if gender is None else f"{kind} {gender}")
        found = self._named_in.get(key)
        if found is None:
            mentions = []
            if gender is not None:
                mentions = [m for m in self.candidates(kind, k).found if self.gender(m) in (None, gender)]
            elif kind == "named organisation":
                mentions = [m for m in self.candidates("organisation", k).found if not m.name.islower()]
            else:
                sentence = self.sentences[k]
                find = find_people if kind == "person" else find_organisations
                for a, b in _outside(self.quotes, self.quote_starts, sentence.start, sentence.end):
                    mentions.extend(find(self.body, a, b))
            found = self._named_in[key] = _Named(mentions)
        return found

    def _before(self, kind: str, k: int, hi: int, pronoun: str) -> list[Mention]:
        """Who sentence `k` names before `hi`, as few mentions as decide who a pronoun is: the first one
        named, the first other one (if any), and the speakers remembered there; sorted by start."""
        sentence = self.sentences[k]
        gender = pronoun_gender(pronoun)
        named = self.candidates("named organisation" if pronoun == "they" else kind, k, gender)
        count = bisect.bisect_right(named.ends, hi)
        pool = named.found[: min(count, 1)]
        if count > named.first_other:
            pool.append(named.found[named.first_other])
        recent = self.named[-RECENT_SPEAKERS:]
        pool += [
            m
            for m in recent
            if sentence.start <= m.start < hi
            and self._stands_for(m, kind)
            and (gender is None or self.gender(m) in (None, gender))
        ]
        return sorted(pool, key=lambda m: m.start)

    def _stands_for(self, named: Mention, kind: str) -> bool:
        """True when a pronoun of `kind` can stand for a remembered speaker: "she" for a person, and
        for "a spokeswoman for the ministry" (the ministry speaks, through a person)."""
        if named.kind == kind:
            return True
        return kind == "person" and named.kind == "organisation" and speaks_for(self.body[named.start : named.end])

    def resolve(self, mention: Mention) -> Mention | None:
        """The one the pronoun `mention` stands for (its offsets kept), or None when the text leaves it open.

        The latest sentence (this one up to the pronoun, or one of the
        `PRONOUN_LOOKBACK_SENTENCES` before it) that names someone of the
        pronoun's kind decides: if it names one, the pronoun is theirs; if it
        names several, the pronoun is its subject's (named first, with only
        titles before it: "Mr Maduro, who met Dr Lima, spoke"); otherwise
        it is ambiguous and left unresolved. "he" and "she" pass over people
        whose title or first name tells the other gender ("Governor John Smith
        met Mayor Ana Ruiz. … she said": Ana Ruiz); a sentence that names only
        such people does not decide, an earlier one may.
        """
        pronoun = mention.name
        if pronoun in ("i", "we"):
            return None
        kind = "person" if pronoun in ("he", "she") else "organisation"
        index = _sentence_at(self.sentences, self.starts, mention.start)
        for k in range(index, max(-1, index - PRONOUN_LOOKBACK_SENTENCES - 1), -1):
            hi = mention.start if k == index else self.sentences[k].end
            pool = self._before(kind, k, hi, pronoun)
            if not pool:
                continue
            first = pool[0]
            if not all(_same_speaker(first, m) for m in pool[1:]) and not _opens_sentence(
                self.body, self.sentences[k], first
            ):
                return None
            fullest = max((m for m in pool if _same_speaker(first, m)), key=lambda m: len(m.name))
            return Mention(mention.start, mention.end, mention.phrase, fullest.name, fullest.kind)
        return None


def office_words(mention: Mention) -> tuple[str, ...] | None:
    """The office a speaker is named by alone ("president", "foreign minister", "german chancellor"), or None
    for a name."""
    if mention.kind != "person":
        return None
    words = mention.name.split()
    lowered = tuple(w.lower() for w in words)
    if not lowered or lowered[-1] not in ROLES:
        return None
    if not all(w.islower() or low in TITLES or low in NATIONALITIES for w, low in zip(words, lowered, strict=True)):
        return None
    return lowered


class _Offices:
    """Who holds each office named in the text so far: "the president" after "President Donald Trump".

    Every person named with an office is filed under the office and each of
    its endings ("foreign minister", "minister"), in text order, with a flag
    for whether another person with that office was named in the same
    sentence or the one before (then "the president" could be either).
    The people are looked for only when the first office is asked about: most
    articles never name a speaker by office alone.
    """

    def __init__(self, resolver: _Resolver) -> None:
        self._resolver: _Resolver | None = resolver  # None once every sentence has been read
        self._offsets: dict[tuple[str, ...], list[int]] = {}
        self._names: dict[tuple[str, ...], list[str | None]] = {}
        #: office -> (latest mention, its sentence); and the latest one of someone else before it
        self._latest: dict[tuple[str, ...], tuple[Mention, int]] = {}
        self._rival: dict[tuple[str, ...], tuple[Mention, int]] = {}

    def add(self, mention: Mention, sentence: int) -> None:
        """File a person named with an office; mentions are added in text order."""
        words = tuple(mention.title.split())
        for k in range(len(words)):
            office = words[k:]
            latest = self._latest.get(office)
            if latest is not None and _same_speaker(latest[0], mention):
                rival = self._rival.get(office)
            else:
                rival = latest
                if latest is not None:
                    self._rival[office] = latest
            self._latest[office] = (mention, sentence)
            ambiguous = rival is not None and rival[1] >= sentence - 1
            self._offsets.setdefault(office, []).append(mention.start)
            self._names.setdefault(office, []).append(None if ambiguous else mention.name)

    def _read(self) -> None:
        """File everyone the text names with an office (once)."""
        resolver, self._resolver = self._resolver, None
        if resolver is None:
            return
        for k in range(len(resolver.sentences)):
            for person in resolver.candidates("person", k).found:
                if person.title:
                    self.add(person, k)

    def holder(self, office: tuple[str, ...], offset: int) -> str | None:
        """The name of the latest person named with `office` before `offset`, unless that is ambiguous."""
        self._read()
        offsets = self._offsets.get(office)
        if not offsets:
            return None
        k = bisect.bisect_left(offsets, offset) - 1
        return self._names[office][k] if k >= 0 else None

    def resolve(self, mention: Mention) -> Mention:
        """`mention` named by its holder when it names an office alone and the holder is known (offsets kept)."""
        office = office_words(mention)
        name = self.holder(office, mention.start) if office else None
        if name is None:
            return mention
        return Mention(mention.start, mention.end, mention.phrase, name, "person", " ".join(office or ()))


def _reporting(
    reported: Sequence[ReportedSpeech], verb_starts: Sequence[int], starts: Sequence[int], offset: int
) -> ReportedSpeech | None:
    """The nearest reported speech whose verb comes before `offset` in the same sentence, if any.

    `reported` is in text order and `verb_starts` holds its verbs' offsets; an
    earlier one is in the same sentence only if the nearest one is.
    """
    k = bisect.bisect_left(verb_starts, offset) - 1
    if k >= 0 and bisect.bisect_right(starts, verb_starts[k]) == bisect.bisect_right(starts, offset):
        return reported[k]
    return None


def _is_sentence(body: str, sentence: Sentence, quote: Quote) -> bool:
    """True when a quotation is a sentence of its own ("We have done it before.", "Never," …): it opens
    its sentence and ends with a sentence mark or a comma before a tag, so it is a statement even when
    short, not a label the outlet puts at arm's length (a 'coup attempt')."""
    return (
        quote.closed
        and quote.start == sentence.start
        and quote.content_end > quote.content_start
        and body[quote.content_end - 1] in ".!?,\u2026"
    )


def _next_sentence(body: str, sentences: Sequence[Sentence], starts: Sequence[int], quote: Quote) -> Sentence | None:
    """The sentence right after a quotation that is whole sentences of its own ("We will not back down.")
    with only white space between: the one that may say whose words they were. None otherwise."""
    first = sentences[_sentence_at(sentences, starts, quote.start)]
    k = _sentence_at(sentences, starts, quote.end - 1)
    if not quote.closed or first.start != quote.start or body[quote.end : sentences[k].end].strip(".!?\u2026"):
        return None
    if k + 1 == len(sentences) or not body[sentences[k].end : sentences[k + 1].start].isspace():
        return None
    return sentences[k + 1]


def _words(body: str, lo: int, hi: int) -> int:
    return len(_WORD_RE.findall(body, lo, hi))


def attribute_quotes(
    body: str,
    paragraphs: Sequence[Paragraph],
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    first_names: Mapping[str, str] | None = None,
) -> tuple[list[AttributedQuote], list[ReportedSpeech]]:
    """Attribute every outermost quotation, and find reported speech, walking the text in order.

    `first_names` maps first names to the gender they tell (the shipped list by default).
    """
    top = [q for q in quotes if q.depth == 0]
    resolver = _Resolver(body, sentences, top, default_first_names() if first_names is None else first_names)
    para_starts = [p.start for p in paragraphs]
    result: list[AttributedQuote] = []
    previous: AttributedQuote | None = None
    offices = _Offices(resolver)
    reported = [
        replace(r, speaker=resolved.name)
        for r in find_reported_speech(body, sentences, top)
        for resolved in [offices.resolve(Mention(*r.speaker_span, "", r.speaker, r.speaker_kind))]
    ]
    verb_starts = [r.verb_start for r in reported]
    seen = 0  # reported speech before the current quotation, remembered as named speakers
    for n, q in enumerate(top):
        while seen < len(reported) and reported[seen].speaker_span[0] < q.start:
            item = reported[seen]
            seen += 1
            resolver.remember(Mention(item.speaker_span[0], item.speaker_span[1], "", item.speaker, item.speaker_kind))
        p_index = max(0, bisect.bisect_right(para_starts, q.start) - 1)
        paragraph = paragraphs[p_index]
        sentence = sentences[_sentence_at(sentences, resolver.starts, q.start)]
        lo = max(paragraph.start, sentence.start, top[n - 1].end if n else 0)
        end_paragraph = paragraphs[max(0, bisect.bisect_right(para_starts, q.end - 1) - 1)]
        hi = min(max(end_paragraph.end, q.end), top[n + 1].start if n + 1 < len(top) else len(body))
        words = _words(body, q.content_start, q.content_end)
        how = "lead-in"
        mention = speaker_before(body, lo, q.start)
        if mention is None:
            how, mention = "tag", speaker_after(body, q.end, max(q.end, hi))
        if mention is None and words <= SCARE_QUOTE_MAX_WORDS:
            how, mention = "label", naming_subject(body, lo, q.start)
        # A pronoun left open ("he said" after only women are named) is still someone the text names:
        # the quotation is not handed to the previous speaker as a continuation.
        pronoun = mention is not None and mention.kind == "pronoun"
        if mention is not None and mention.kind == "pronoun":
            mention = resolver.resolve(mention)
        if mention is not None:
            mention = offices.resolve(mention)
        if mention is None:  # a partial quotation in reported speech: 'Trump said the deal was "a disaster"'
            within = _reporting(reported, verb_starts, resolver.starts, q.start)
            if within is not None:
                how = "reported"
                mention = Mention(within.speaker_span[0], within.speaker_span[1], "", within.speaker,
                                  within.speaker_kind)
        if mention is None:  # 'Ms Ruiz spoke for an hour, adding: "…"': the main clause's subject
            mention = participle_subject(body, lo, q.start)
            pronoun = pronoun or (mention is not None and mention.kind == "pronoun")
            if mention is not None and mention.kind == "pronoun":
                mention = resolver.resolve(mention)
            if mention is not None:
                how, mention = "lead-in", offices.resolve(mention)
        statement = words > SCARE_QUOTE_MAX_WORDS or _is_sentence(body, sentence, q)
        following = _next_sentence(body, sentences, resolver.starts, q) if mention is None and statement else None
        if following is not None:  # '"We will not back down." So said Ana Ruiz.'
            mention = speaker_in_next_sentence(body, following.start, following.end)
            if mention is not None:
                how, mention = "following", offices.resolve(mention)
        if mention is None and not pronoun and previous is not None and previous.speaker and statement:
            same_paragraph = previous.quote.end >= paragraph.start
            opens_paragraph = body[paragraph.start : q.start].strip() == ""
            prev_para = max(0, bisect.bisect_right(para_starts, previous.quote.start) - 1)
            if same_paragraph or (opens_paragraph and p_index - prev_para <= 1):
                attributed = AttributedQuote(q, previous.speaker, previous.speaker_kind, None, "continuation", words)
                result.append(attributed)
                previous = attributed
                continue
        resolver.remember(mention)
        attributed = AttributedQuote(
            q,
            mention.name if mention else None,
            mention.kind if mention else None,
            (mention.start, mention.end) if mention else None,
            how if mention else None,
            words,
        )
        result.append(attributed)
        if statement:
            previous = attributed
    return result, reported


def find_reported_speech(body: str, sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> list[ReportedSpeech]:
    """ "X said (that) …" or "…, according to X, …" outside quotation marks, where X names someone; not the
    lead-in or tag of a quotation. At most one per stretch of a sentence between quotations."""
    found: list[ReportedSpeech] = []
    quote_ends = {q.end for q in quotes}
    quote_starts = [q.start for q in quotes]
    for sentence in sentences:
        for lo, hi in _outside(quotes, quote_starts, sentence.start, sentence.end):
            item = _said(body, sentence, lo, hi, lo in quote_ends) or _according(
                body, sentence, lo, hi, lo in quote_ends
            )
            if item is not None:
                found.append(item)
    return found


def _said(body: str, sentence: Sentence, lo: int, hi: int, after_quote: bool) -> ReportedSpeech | None:
    """ "X said (that) …" in body[lo:hi], a stretch of `sentence` outside quotations."""
    # Each verb looks only at the text next to it (never slices the rest of
    # the sentence), so a long sentence of speech verbs is read in linear time.
    colon = _lead_in_colon(body, lo, hi) if hi < sentence.end else None
    tried = 0
    for index, verb in enumerate(_WORD_RE.finditer(body, lo, hi)):
        if verb.group() not in SPEECH_VERBS:
            continue  # mid-sentence speech verbs are lower case, unlike the 'States' of a name
        after = _NON_SPACE_RE.search(body, verb.end(), hi)
        # 'X said: "…"', and 'X told Sky News on Monday: "…"': the verb's clause runs up to the quotation.
        lead_in = hi < sentence.end and (
            not _WORD_RE.search(body, verb.end(), hi) or (colon is not None and colon < verb.start())
        )
        if after is None or after.group() in ":,.;" or lead_in:
            continue  # a lead-in or tag of a quotation, handled with the quotation
        if _PASSIVE_BEFORE_RE.search(body, max(lo, verb.start() - 8), verb.start()):
            continue  # "Prince Edward is said to be furious": a hedge about him, not his words
        if verb.group() in OBJECT_VERBS and _OBJECT_RE.match(body, after.start(), hi):
            continue  # "Reyes added a third goal", "Pike admitted 14 counts of fraud": a deed, not speech
        if after_quote and index <= MAX_SPEAKER_WORDS:
            continue  # the tag after a quotation: '"…," Mike Pompeo told reporters'
        tried += 1
        if tried > MAX_VERBS_TRIED:
            return None
        mention = clause_subject(body, lo, verb.start())
        if mention is None or mention.kind == "pronoun":
            continue
        stop = _CLAUSE_STOP_RE.search(body, verb.end(), hi)
        end = stop.start() if stop else hi
        return ReportedSpeech(
            mention.name, mention.kind, (mention.start, mention.end), verb.start(), end, _words(body, verb.end(), end)
        )
    return None


#: A form of "be" right before a speech verb: the passive of a hedge ("is said to be", "was thought").
_PASSIVE_BEFORE_RE = re.compile(rf"\b(?:{'|'.join(sorted(BE_FORMS))})\s+$", re.IGNORECASE)
#: Speech verbs with a common sense that takes a thing as its object ("added a goal", "admitted 14
#: counts", "conceded a penalty", "claimed the title"): before a number or "a"/"an" plus a noun they
#: report no speech. ("He added that …" and "She admitted the plan had failed" still do.)
OBJECT_VERBS = frozenset("added admitted admits conceded concedes claimed claims".split())
_OBJECT_RE = re.compile(r"(?:an?|\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+\w", re.IGNORECASE)

#: The marks `_CLAUSE_STOP_RE` stops reported speech at.
_CLAUSE_MARKS = ",;:\u2013\u2014"


def _lead_in_colon(body: str, lo: int, hi: int) -> int | None:
    """When body[lo:hi], just before a quotation, ends with a colon: where the clause that the colon
    ends starts (the offset of the clause mark before it, or -1 when there is none); otherwise None.
    A speech verb in that clause is the quotation's lead-in ('X told Sky News on Monday:')."""
    colon = hi - 1
    while colon >= lo and body[colon].isspace():
        colon -= 1
    if colon < lo or body[colon] != ":":
        return None
    return max(body.rfind(mark, lo, colon) for mark in _CLAUSE_MARKS)


def _according(body: str, sentence: Sentence, lo: int, hi: int, after_quote: bool) -> ReportedSpeech | None:
    """ "The plan, according to Mr Smith, is a disaster" in body[lo:hi]: Mr Smith's claim, the rest of the stretch."""
    match = _ACCORDING_RE.search(body, lo, hi)
    if match is None or (after_quote and not _WORD_RE.search(body, lo, match.start())):
        return None  # none, or the tag after a quotation: '"…," according to the ministry.'
    stop = _CLAUSE_STOP_RE.search(body, match.end(), hi)
    who_end = stop.start() if stop else hi
    if hi < sentence.end and not _WORD_RE.search(body, who_end, hi):
        return None  # the lead-in of a quotation: 'According to Mr Smith, "…"'
    mention = according_to(body, match.end(), who_end)
    if mention is None:
        return None
    words = _words(body, lo, match.start()) + _words(body, who_end, hi)
    return ReportedSpeech(mention.name, mention.kind, (mention.start, mention.end), match.start(), hi, words)
