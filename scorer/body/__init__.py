"""Article-body analysis: loaded language, whose voice it is in, who is quoted, and how claims are sourced.

`analyse_body(body, scorer)` returns a plain dict (the `body` section of a
result). Every offset is a code-point offset into the exact `body` string.
The steps, each in its own module:

1. `sentences`: paragraphs and sentences; cross-promoted headlines ("READ
   MORE: …") and credit lines ("source: …") are set aside.
2. `quotes`: quotations, nested and across paragraphs.
3. `speakers` / `attribution`: who says each quotation; reported speech.
4. `devices`: loaded words, hedges and assertive phrasings as spans, each
   marked `voice: outlet` or `voice: quoted` with the speaker.
5. `sources`: whose words the article carries, and how many.
6. `scoring`: per-sentence scores and the bias score with its components.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..capitals import Token
from ..caveats import known_words
from ..lexicon import TOKEN_RE, normalise_token, tokenize
from ..spans import Span, resolve_overlaps
from .attribution import AttributedQuote, ReportedSpeech, attribute_quotes
from .devices import find_devices
from .quotes import Quote, find_quotes
from .scoring import (
    BODY_THRESHOLDS,
    BODY_WEIGHTS,
    BodyMeasures,
    body_components,
    body_label,
    evidence_weight,
    sentence_score,
)
from .sentences import CrossPromo, Layout, Sentence, find_layout, split_sentences
from .sources import build_sources
from .speakers import canonical_name

if TYPE_CHECKING:
    from ..core import Scorer

__all__ = ["analyse_body"]

#: Decimal places kept in JSON numbers.
DIGITS = 4
_ATTRIBUTION_CUES = ("according to",)
#: A sentence that ends with its source, without quotation marks: "The crackdown was brutal, President
#: Donald Trump said." or "…, she told reporters." (the tag: at most six words before the verb).
_TRAILING_TAG_RE = re.compile(
    r",\s+(?P<who>(?:[\w.'\u2019-]+\s+){0,5}?[\w.'\u2019-]+)\s+(?:said|says|told\s+\w+(?:\s+\w+)?|added|"
    r"warned|explained|noted)[\s.!\u201d\u2019\"']*$"
)
#: Cross-promoted headlines scored per body. A real page carries a handful;
#: the cap bounds the work on a hostile body made of thousands of them (the
#: rest are still recognised and set aside, with `headline: null`).
MAX_SCORED_PROMOS = 50
#: Most items given in each list of the analysis (sentences, evidence, quotes, sources, cross-promoted
#: lines, excluded lines); the measures and the score count them all. A 200,000-character body of
#: `'x' ` repeated had given 49,000 quotes and 12 MB of JSON.
MAX_LISTED = 1_000


class _Offsets:
    """Membership tests by bisection over sorted, non-overlapping ranges."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self.ranges = list(ranges)
        self.starts = [r[0] for r in self.ranges]

    def find(self, start: int, end: int) -> int | None:
        """Index of the range holding [start, end), if any."""
        k = bisect.bisect_right(self.starts, start) - 1
        if k >= 0 and self.ranges[k][0] <= start and end <= self.ranges[k][1]:
            return k
        return None


def _evidence(
    body: str, tokens: Sequence[Token], layout: Layout, quotes: Sequence[AttributedQuote], scorer: Scorer
) -> list[tuple[Span, float]]:
    """Evidence spans in the body's own text (`tokens` are its words), voice-marked, with their sentence weights."""
    paragraphs = _Offsets([(p.start, p.end) for p in layout.paragraphs])
    inside = _Offsets([(q.quote.start, q.quote.end) for q in quotes])
    found = [s for s in find_devices(body, tokens, scorer.lexicon) if paragraphs.find(s.start, s.end) is not None]
    hedges = _Offsets(sorted({(s.start, s.end) for s in found if s.kind == "hedge"}))
    # A speech verb inside a weasel phrase ("critics claim") is part of the hedge, not a second device.
    found = [s for s in found if s.kind != "loaded" or hedges.find(s.start, s.end) is None]
    result = []
    for span in resolve_overlaps(found):
        k = inside.find(span.start, span.end)
        if k is not None:
            span = span.with_voice("quoted", quotes[k].speaker)
        result.append((span, evidence_weight(span.kind, span.intensity, span.voice)))
    return result


def _word_counts(body: str, layout: Layout, quotes: Sequence[AttributedQuote]) -> tuple[int, int]:
    """(outlet words, quoted words) in the body's own text.

    Quoted words are counted only where a quotation lies inside a paragraph,
    so that neither count can include text set aside (promos, credits) and
    the outlet's count, the rest, is never negative.
    """
    paragraphs = layout.paragraphs
    starts = [p.start for p in paragraphs]
    total = sum(len(TOKEN_RE.findall(body, p.start, p.end)) for p in paragraphs)
    quoted = 0
    for q in quotes:
        lo, hi = q.quote.content_start, q.quote.content_end
        k = max(0, bisect.bisect_right(starts, lo) - 1)
        while k < len(paragraphs) and paragraphs[k].start < hi:
            a, b = max(lo, paragraphs[k].start), min(hi, paragraphs[k].end)
            if a < b:
                quoted += len(TOKEN_RE.findall(body, a, b))
            k += 1
    quoted = min(quoted, total)
    return total - quoted, quoted


#: Words of a body read for the language check, and the fewest that make one.
LANGUAGE_SAMPLE_WORDS = 2_000
MIN_WORDS_FOR_LANGUAGE = 20
#: The share of those words the model must know, below which the analysis warns. English articles
#: (the seed: 0.92; 24 written for a review in many styles: 0.86 to 0.98) are far above it, French,
#: Spanish and German ones (0.19 to 0.40) far below.
MIN_KNOWN_SHARE = 0.6


def _warnings(tokens: Sequence[Token], scorer: Scorer) -> list[dict[str, str]]:
    """Reasons to doubt the body analysis: `unfamiliar_words` for a body mostly of words the model never saw.

    The lexicons and rules read English news; an article in French found nothing and was a sure `low`.
    """
    vocabulary = scorer.model.vocabulary
    if vocabulary is None:
        return []
    norms = [normalise_token(token[2]) for token in tokens[:LANGUAGE_SAMPLE_WORDS]]
    known, words = known_words(norms, vocabulary)
    if words < MIN_WORDS_FOR_LANGUAGE or known >= MIN_KNOWN_SHARE * words:
        return []
    return [
        {
            "code": "unfamiliar_words",
            "message": f"The model knows only {known} of the body's first {words} words. The body analysis "
            "reads English news, so if the article is in another language, its score says little.",
        }
    ]


def _tagged(sentence: str) -> bool:
    """True when the sentence ends with a tag naming who said it: a person, an organisation or a pronoun
    (", officials said" names a group, which is no source to check, as "analysts warned" is not)."""
    match = _TRAILING_TAG_RE.search(sentence)
    return match is not None and canonical_name(match.group("who"))[1] in ("person", "organisation", "pronoun")


def _sentences(
    body: str,
    sentences: Sequence[Sentence],
    evidence: Sequence[tuple[Span, float]],
    quotes: Sequence[AttributedQuote],
    reported: Sequence[ReportedSpeech],
) -> tuple[list[dict[str, Any]], int, int]:
    """Per-sentence rows, the number of sentences with outlet text, and how many make unsourced claims."""
    starts = [s.start for s in sentences]
    weights = [0.0] * len(sentences)
    evaluative = [False] * len(sentences)
    count = [0] * len(sentences)
    for span, weight in evidence:
        k = bisect.bisect_right(starts, span.start) - 1
        if k < 0:
            continue
        weights[k] += weight
        count[k] += 1
        if span.voice == "outlet" and span.kind in ("loaded", "assertive"):
            evaluative[k] = True
    attributed = [False] * len(sentences)
    quoted_chars = [0] * len(sentences)
    for q in quotes:
        first = max(0, bisect.bisect_right(starts, q.quote.start) - 1)
        for k in range(first, len(sentences)):
            s = sentences[k]
            if s.start >= q.quote.end:
                break
            overlap = min(s.end, q.quote.end) - max(s.start, q.quote.start)
            if overlap > 0:
                quoted_chars[k] += overlap
                attributed[k] = attributed[k] or q.speaker is not None
    for r in reported:
        if r.speaker_kind == "group":
            continue  # "analysts warned": a weasel attribution names no one to check
        k = bisect.bisect_right(starts, r.verb_start) - 1
        if k >= 0:
            attributed[k] = True
    rows, outlet_sentences, unattributed = [], 0, 0
    for k, s in enumerate(sentences):
        text = body[s.start : s.end]
        if any(cue in text.lower() for cue in _ATTRIBUTION_CUES) or _tagged(text):
            attributed[k] = True
        share = min(1.0, quoted_chars[k] / max(1, s.end - s.start))
        voice = "outlet" if share == 0 else "quoted" if share >= 0.9 else "mixed"
        unsourced = evaluative[k] and not attributed[k]
        if voice != "quoted":
            outlet_sentences += 1
            unattributed += unsourced
        rows.append(
            {
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                "score": round(sentence_score(weights[k]), DIGITS),
                "voice": voice,
                "quoted_share": round(share, DIGITS),
                "attributed": attributed[k],
                "unattributed_claim": unsourced,
                "evidence": count[k],
            }
        )
    return rows, outlet_sentences, unattributed


def _quote_row(body: str, q: AttributedQuote) -> dict[str, Any]:
    quote: Quote = q.quote
    return {
        "start": quote.start,
        "end": quote.end,
        "content_start": quote.content_start,
        "content_end": quote.content_end,
        "text": body[quote.start : quote.end],
        "mark": quote.mark,
        "closed": quote.closed,
        "words": q.words,
        "speaker": q.speaker,
        "speaker_kind": q.speaker_kind,
        "speaker_start": q.speaker_span[0] if q.speaker_span else None,
        "speaker_end": q.speaker_span[1] if q.speaker_span else None,
        "attributed_by": q.how,
    }


def _cross_promoted(body: str, promos: Sequence[CrossPromo], scorer: Scorer) -> list[dict[str, Any]]:
    if not promos:
        return []
    scored_promos = promos[:MAX_SCORED_PROMOS]
    results = scorer.score_many([body[p.headline_start : p.headline_end] for p in scored_promos])
    rows = []
    for n, promo in enumerate(promos):
        scored = results[n].to_dict() if n < len(results) else None
        rows.append(
            {
                "start": promo.start,
                "end": promo.end,
                "text": body[promo.start : promo.end],
                "headline_start": promo.headline_start,
                "headline_end": promo.headline_end,
                "headline": None
                if scored is None
                else {
                    key: scored[key]
                    for key in ("headline", "score", "label", "decision", "components", "evidence", "model")
                },
            }
        )
    return rows


def analyse_body(body: str, scorer: Scorer) -> dict[str, Any]:
    """Analyse an article body: the bias score, its components and all the evidence (see module doc)."""
    layout = find_layout(body)
    sentences = [s for i, p in enumerate(layout.paragraphs) for s in split_sentences(body, p, i)]
    quotes = find_quotes(body, layout.paragraphs, sentences)
    attributed, reported = attribute_quotes(body, layout.paragraphs, sentences, quotes)
    tokens = tokenize(body)
    evidence = _evidence(body, tokens, layout, attributed, scorer)
    outlet_words, quoted_words = _word_counts(body, layout, attributed)
    rows, outlet_sentences, unattributed = _sentences(body, sentences, evidence, attributed, reported)
    measures = BodyMeasures(
        outlet_words=outlet_words,
        quoted_words=quoted_words,
        outlet_loaded=sum(s.intensity for s, _ in evidence if s.kind == "loaded" and s.voice == "outlet"),
        quoted_loaded=sum(s.intensity for s, _ in evidence if s.kind == "loaded" and s.voice == "quoted"),
        epistemic=sum(s.intensity for s, _ in evidence if s.kind != "loaded" and s.voice == "outlet"),
        outlet_sentences=outlet_sentences,
        unattributed_sentences=unattributed,
    )
    components = body_components(measures)
    score = min(1.0, max(0.0, sum(components.values())))
    evidence_rows = []
    for span, weight in evidence:
        row = span.to_dict()
        row["intensity"] = round(span.intensity, DIGITS)
        row["weight"] = round(weight, DIGITS)
        evidence_rows.append(row)
    return {
        "analysed": True,
        "chars": len(body),
        "score": round(score, DIGITS),
        "label": body_label(score),
        "thresholds": {"low_below": BODY_THRESHOLDS[0], "high_from": BODY_THRESHOLDS[1]},
        "warnings": _warnings(tokens, scorer),
        "components": {k: round(v, DIGITS) for k, v in components.items()},
        "weights": dict(BODY_WEIGHTS),
        "measures": {
            "outlet_words": outlet_words,
            "quoted_words": quoted_words,
            "sentences": len(sentences),
            "outlet_sentences": outlet_sentences,
            "unattributed_sentences": unattributed,
            **{k: round(v, DIGITS) for k, v in measures.densities().items()},
        },
        **_listed(
            {
                "sentences": rows,
                "evidence": evidence_rows,
                "quotes": [_quote_row(body, q) for q in attributed[:MAX_LISTED]],
                "sources": build_sources(attributed, reported),
                "cross_promoted": _cross_promoted(body, layout.promos[:MAX_LISTED], scorer),
                "excluded": [
                    {"start": a, "end": b, "text": body[a:b], "kind": "credit"} for a, b in layout.credits[:MAX_LISTED]
                ],
            },
            {"quotes": len(attributed), "cross_promoted": len(layout.promos), "excluded": len(layout.credits)},
        ),
    }


def _listed(lists: dict[str, list[Any]], totals: Mapping[str, int]) -> dict[str, Any]:
    """The lists of the analysis cut to `MAX_LISTED` items, and `truncated`: each cut list's full length.

    `totals` gives the full length of a list that was cut before it was built (so as not to build it whole).
    """
    truncated = {}
    for name, items in lists.items():
        total = totals.get(name, len(items))
        if total > MAX_LISTED:
            lists[name] = items[:MAX_LISTED]
            truncated[name] = total
    return {**lists, "truncated": truncated}
