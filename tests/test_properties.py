"""Property tests: arbitrary text never crashes the extractor and offsets stay exact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer import InputError, Scorer
from scorer.extract import extract, letters_problem
from scorer.lexicon import default_lexicon
from scorer.quotes import QUOTE_RE, quote_matches

HEADLINE_PIECES = st.sampled_from(
    ["CHILLING", "US", "NATO", "!", "?!", "'", "\u2019", '"', "\u201c", "\u201d", "slams", "you", "won't", "believe",
     " ", "  ", "\u200b", "😱", "ÉCHEC", "-", "–", ":", "10", "things", "worst ever", "\n"]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(HEADLINE_PIECES, st.text(max_size=5)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_crashes_and_offsets_are_exact(text: str) -> None:
    lexicon = default_lexicon()
    try:
        extraction = extract(text, lexicon)
    except InputError:
        assert not text.strip()
        return
    for span in extraction.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS.filter(lambda t: letters_problem(t) is None))
def test_score_is_a_probability_with_a_label(text: str) -> None:
    result = Scorer.load().score(text)
    assert 0.0 <= result.score <= 1.0
    assert result.label in ("low", "moderate", "high")
    data = result.to_dict()
    for item in data["evidence"]:
        assert text[item["start"] : item["end"]] == item["text"]


QUOTE_ALPHABET = "ab '\"\u201c\u201d\u2018\u2019([:-\u2013\n\t\x1c\u00a0\u2003\u200b.!?)"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(QUOTE_ALPHABET), max_size=40))
def test_quote_matches_finds_what_the_quote_pattern_finds(text: str) -> None:
    expected = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]
    assert [(m.start(), m.end()) for m in quote_matches(text)] == expected
