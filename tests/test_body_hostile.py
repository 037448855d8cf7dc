"""Hostile bodies within the size limit are analysed in about linear time.

Timings are noisy on shared machines, so these tests do not time anything
closely: each runs a hostile input in a subprocess with a generous hard cap,
at a size where the old, quadratic code took minutes and the current code
takes a fraction of a second; or they compare a rewritten piece with the
simple version it replaced.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.body.sentences import _END_RE

ROOT = Path(__file__).resolve().parent.parent
#: A hard cap far above what the linear code needs (well under a second) and
#: far below what the quadratic code needed at these sizes (minutes).
CAP_SECONDS = 20.0


def _finishes(code: str) -> bool:
    """True when `code` runs to completion in a fresh interpreter within `CAP_SECONDS`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)], env=env, timeout=CAP_SECONDS, check=True, capture_output=True
        )
    except subprocess.TimeoutExpired:
        return False
    return True


def test_a_long_run_of_dots_is_split_in_linear_time() -> None:
    # 20,000 dots took 20 s; 100,000 would have taken about ten minutes.
    assert _finishes(
        """
        from scorer.body.sentences import Paragraph, split_sentences
        body = "a" + "." * 100_000 + "a"
        split_sentences(body, Paragraph(0, len(body)), 0)
        """
    )


def _analyses_layout_quotes_and_speakers(body_expression: str) -> str:
    """Code that runs every step up to attribution (no model needed) on the body the expression builds."""
    return f"""
        from scorer.body.attribution import attribute_quotes
        from scorer.body.quotes import find_quotes
        from scorer.body.sentences import find_layout, split_sentences
        body = {body_expression}
        layout = find_layout(body)
        sentences = [s for i, p in enumerate(layout.paragraphs) for s in split_sentences(body, p, i)]
        attribute_quotes(body, layout.paragraphs, sentences, find_quotes(body, layout.paragraphs, sentences))
        """


@pytest.mark.parametrize(
    "body_expression",
    [
        "'said ' * 20_000",  # 4,000 took 12 s: each verb read the whole clause before it
        "'\"x\" ' + 'said ' * 20_000",  # and, after a quotation, counted every word back to it
        "'said ' * 40_000",  # the longest body: 2 s at 50 µs a verb, until a stretch tries 8 verbs at most
    ],
)
def test_a_long_sentence_of_speech_verbs_is_attributed_in_linear_time(body_expression: str) -> None:
    assert _finishes(_analyses_layout_quotes_and_speakers(body_expression))


def test_a_long_sentence_of_pronoun_tags_is_resolved_in_linear_time() -> None:
    # Each "she" read the whole sentence before it for a name: 20,000 characters took 2 s, 200,000 minutes.
    assert _finishes(_analyses_layout_quotes_and_speakers("""'"Go", she said ' * 13_334"""))


@pytest.mark.parametrize(
    "body_expression",
    [
        # Each "she" weighs every person named before it in the sentence to see whether it is ambiguous.
        """'Mr Ab Cd met Ms Ef Gh, "go", she said, ' * 5_000""",
        # Each "the president" looks for the latest president named before it.
        """'President Ab Cd met President Ef Gh and "go," the president said, ' * 3_000""",
        """'President Ab Cd spoke. "Go," the president said. ' * 4_000""",
        # Each plural possessive in a quotation in single marks looks ahead for the quotation's end.
        """'\u2018The ' + 'players\u2019 union ' * 13_000 + 'will fight,\u2019 he said.'""",
        # "according to" is looked for once per stretch between quotations, not once per word.
        """'The plan, according to ' * 10_000""",
        """'"x" according to Mr Ab, ' * 10_000""",
        # Each speech verb before a colon asks whether it is the lead-in's: the clause marks are found once.
        """'Mr Ab said ' * 18_000 + ': "x"'""",
        # Each quotation that is a sentence of its own reads the next sentence for "So said …".
        """'"We go on." So said Ab Cd. ' * 7_000""",
        """'"We go on." The words came from ' + 'Ab ' * 60_000""",
        # Each title in apposition ("Duke of Ef") looks back to the name before it.
        """'Prince Ab, Duke of Cd, said: "x" ' * 6_000""",
        # Each relative described with "of" is read as a description, and the name after it is passed over.
        """'The wife of Mr Ab Cd said: "x" ' * 6_000""",
        # Each office held "of" a named institution is read as its holder.
        """'The chief executive of the Ab Cd Bank of Ef said: "x" ' * 4_000""",
        # Each role with a nationality in it, in apposition, looks back to the name before it.
        """'Ab Cd, the German chancellor, said: "x" ' * 5_000""",
        # Each lead-in ending with a participle reads the main clause back to its subject.
        """'Ms Ab spoke, adding: "x" ' * 8_000""",
        """'Ms Ab ' + 'spoke ' * 30_000 + ', adding: "x"'""",
        # Each office named with its portfolio ("Minister for Ab Cd Ef") is filed under its office.
        """'Minister for Ab Cd Ef spoke. "Go," the ab minister said. ' * 3_500""",
        """'Minister for ' + 'Ab ' * 60_000""",
        # A portfolio opened by title words is read back over them only within one speaker phrase.
        """'Minister for ' + 'Foreign ' * 25_000 + 'Jane Doe said: "x"'""",
        # Each inverted tag that names an office looks for the office's holder.
        """'President Ab Cd spoke. "Go," said the president. ' * 4_000""",
        # Each role said which by capitalised words ("the Ef leader") in apposition looks back to the name.
        """'Ab Cd, the Ef Gh leader, said: "x" ' * 5_000""",
    ],
)
def test_many_people_pronouns_and_offices_are_resolved_in_linear_time(body_expression: str) -> None:
    assert _finishes(_analyses_layout_quotes_and_speakers(body_expression))


def test_a_long_promo_line_of_spaced_out_words_is_read_in_linear_time() -> None:
    # 20,000 characters took 4 s; 200,000 would have taken minutes.
    assert _finishes(
        """
        from scorer.body.sentences import find_layout
        find_layout("Read more: a" + " \\t" * 100_000 + "x")
        """
    )


#: The sentence-end pattern before it was made possessive: the reference it must agree with.
_SIMPLE_END_RE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_END_TEXT = st.text(alphabet=list(".!?\u2026\"'\u201d\u2019)] \nab"), max_size=30)


@given(_END_TEXT)
def test_sentence_ends_are_the_same_as_the_simple_pattern_finds(text: str) -> None:
    assert [m.span() for m in _END_RE.finditer(text)] == [m.span() for m in _SIMPLE_END_RE.finditer(text)]


@pytest.mark.parametrize("unit", ["'x' ", "Furious mob. "])
def test_the_lists_of_a_hostile_body_are_cut_and_the_cut_is_reported(scorer: object, unit: str) -> None:
    from scorer.body import MAX_LISTED

    body = unit * (190_000 // len(unit))
    analysis = scorer.analyse_body(body)  # type: ignore[attr-defined]
    assert all(len(analysis[name]) <= MAX_LISTED for name in ("sentences", "evidence", "quotes", "excluded"))
    cut = analysis["truncated"]
    assert cut and all(total > MAX_LISTED for total in cut.values())
    if "sentences" in cut:
        assert cut["sentences"] == analysis["measures"]["sentences"]


def test_an_ordinary_body_is_not_cut(scorer: object) -> None:
    analysis = scorer.analyse_body('"We will rebuild," the mayor said. The storm passed.')  # type: ignore[attr-defined]
    assert analysis["truncated"] == {} and len(analysis["quotes"]) == 1
