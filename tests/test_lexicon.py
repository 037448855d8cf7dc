"""Lexicon files: the shipped ones load, malformed lines fail with file:line: reason."""

from __future__ import annotations

import unicodedata

import pytest

from scorer import LexiconError
from scorer.lexicon import (
    LEXICON_FILES,
    Lexicon,
    build_lexicon,
    parse_acronyms,
    parse_patterns,
    parse_terms,
    read_lexicon_file,
    starts_anchored,
)

TERMS_HEADER = "term\tcategory\tweight\talternative\n"
PATTERN_HEADER = "id\tcategory\tweight\tpattern\ttriggers\texplanation\n"


def test_shipped_lexicon_loads(lexicon: Lexicon) -> None:
    assert len(lexicon.terms) > 300
    assert {"US", "NATO", "FBI", "NHS", "EU", "UK", "COVID", "CEO"} <= lexicon.acronyms
    assert {t.category for t in lexicon.terms} >= {"fear", "anger", "hyperbole", "urgency", "derogatory"}
    assert set(lexicon.sha256) == set(LEXICON_FILES)


def test_inflected_forms_are_indexed(lexicon: Lexicon) -> None:
    slam = next(t for t in lexicon.terms if t.lemma == "slam")
    assert {"slams", "slammed"} <= set(slam.forms)
    assert all(form.split()[0] in lexicon.index for form in slam.forms)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"loaded_terms.tsv:1: no header"),
        ("term\tcategory\n", r"loaded_terms.tsv:1: header"),
        (TERMS_HEADER + "slam\tanger\t0.5\n", r"loaded_terms.tsv:2: expected 4 tab-separated columns"),
        (TERMS_HEADER + "Slam\tanger\t0.5\t\n", r"loaded_terms.tsv:2: .*lower case"),
        (TERMS_HEADER + "slam\trage\t0.5\t\n", r"loaded_terms.tsv:2: unknown category 'rage'"),
        (TERMS_HEADER + "slam\tanger\tlots\t\n", r"loaded_terms.tsv:2: weight 'lots' is not a number"),
        (TERMS_HEADER + "slam\tanger\t1.5\t\n", r"loaded_terms.tsv:2: weight 1.5 is outside"),
        (
            TERMS_HEADER + "# note\nslam\tanger\t0.5\t\nslam\tanger\t0.5\t\n",
            r"loaded_terms.tsv:4: form 'slam' already on line 3",
        ),
    ],
)
def test_malformed_terms_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_terms(text)


def test_malformed_acronym_names_file_and_line() -> None:
    with pytest.raises(LexiconError, match=r"acronyms.txt:3: 'nato' is not"):
        parse_acronyms("# acronyms\nUS\nnato\n")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("x\tcuriosity_gap\t0.5\t(unclosed\t*\tbad", r"clickbait_patterns.tsv:2: bad regular expression"),
        ("x\tcuriosity_gap\t0.5\t(a)\t*\tbad", r"clickbait_patterns.tsv:2: use \(\?:"),
        ("x\tnonsense\t0.5\ta\t*\tbad", r"clickbait_patterns.tsv:2: unknown category"),
        ("Bad-Id\tlisticle\t0.5\ta\t*\tbad", r"clickbait_patterns.tsv:2: id"),
        ("x\tlisticle\t0.5\ta\t \tbad", r"clickbait_patterns.tsv:2: no triggers"),
        ("x\tlisticle\t0.5\ta\t*", r"clickbait_patterns.tsv:2: expected 6 tab-separated columns"),
    ],
)
def test_malformed_patterns_name_file_and_line(line: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_patterns(PATTERN_HEADER + line + "\n")


def test_missing_or_non_utf8_file_is_a_lexicon_error() -> None:
    files = {name: read_lexicon_file(name) for name in LEXICON_FILES}
    with pytest.raises(LexiconError, match="missing"):
        build_lexicon({k: v for k, v in files.items() if k != "acronyms.txt"})
    with pytest.raises(LexiconError, match="UTF-8"):
        build_lexicon({**files, "acronyms.txt": b"\xff\xfe"})


@pytest.mark.parametrize(
    ("regex", "anchored"),
    [
        (r"^\s*\d+ things", True),
        (r"^(?:a|b)c", True),
        (r"^[|]x", True),
        (r"^[]|]x", True),
        (r"^[^]|]x", True),
        (r"^\|a", True),
        (r"^a|b", False),
        (r"^a\\|b", False),
        (r"(?:^|x)a", False),
        (r"a^", False),
        (r"\byou\b", False),
    ],
)
def test_starts_anchored_only_without_a_top_level_alternative(regex: str, anchored: bool) -> None:
    assert starts_anchored(regex) is anchored


def test_shipped_anchored_patterns_match_only_at_the_start(lexicon: Lexicon) -> None:
    anchored = [p for p in lexicon.patterns if p.anchored]
    assert [p.id for p in anchored] == ["listicle"]
    texts = ["17 things you never knew", "  5 reasons why", "Why 17 things matter", "17 things\n21 things", ""]
    for pattern in anchored:
        for text in texts:
            first = pattern.compiled.match(text)
            assert [m.span() for m in pattern.compiled.finditer(text)] == ([] if first is None else [first.span()])


def test_always_patterns_are_not_also_triggered(lexicon: Lexicon) -> None:
    always = {p.id for p in lexicon.always_patterns}
    assert always
    assert not always & {p.id for ps in lexicon.patterns_by_trigger.values() for p in ps}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("RE\u0301SUME\u0301 rocks CAFE\u0301 world", ["RE\u0301SUME\u0301", "rocks", "CAFE\u0301", "world"]),
        ("PROTE\u0301GE\u0301'S debut", ["PROTE\u0301GE\u0301'S", "debut"]),
        ("na\u0303o e\u0301 bom!", ["na\u0303o", "e\u0301", "bom"]),
        ("\u0301 stray mark", ["stray", "mark"]),  # a mark after a space belongs to no word
    ],
)
def test_a_letter_with_a_combining_accent_stays_in_its_word(text: str, words: list[str]) -> None:
    # Decomposed accents (as pasted from macOS) are not `\w`: "RÉSUMÉ" had been cut into "RE" and "SUME".
    from scorer.lexicon import TOKEN_RE, tokenize_normalised

    tokens, norms = tokenize_normalised(text)
    assert [t[2] for t in tokens] == words == TOKEN_RE.findall(text)
    assert all(text[start:end] == word for start, end, word in tokens)
    assert norms == [unicodedata.normalize("NFC", w.lower()) for w in words]  # composed, as the lexicon is


def test_shouting_in_decomposed_accents_is_the_whole_word(lexicon: Lexicon) -> None:
    import unicodedata

    from scorer.extract import extract

    composed = "RÉSUMÉ scandal rocks CAFÉ world"
    decomposed = unicodedata.normalize("NFD", composed)
    shouted = [s.text for s in extract(decomposed, lexicon).spans_of("shouting")]
    assert [unicodedata.normalize("NFC", w) for w in shouted] == ["RÉSUMÉ", "CAFÉ"]
