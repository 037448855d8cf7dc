"""Readability from textstat works offline: no NLTK download is ever attempted."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.readability import SENTENCE_ENDS, flesch_reading_ease, readability_features, sentence_ends, syllables


@pytest.mark.parametrize(("word", "count"), [("cat", 1), ("warning", 2), ("chilling", 2), ("action", 2)])
def test_syllables_counted_without_cmudict(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_reading_ease_formula() -> None:
    # Flesch (1948): 206.835 - 1.015 * 10/1 - 84.6 * 15/10
    assert flesch_reading_ease(10, 1, 15) == pytest.approx(206.835 - 10.15 - 126.9)
    assert flesch_reading_ease(0, 0, 0) == 0.0


def test_readability_features_of_no_words() -> None:
    assert readability_features("!!!", []) == {"flesch_reading_ease": 0.0, "syllables_per_word": 0.0}


def test_scoring_in_a_fresh_process_never_downloads() -> None:
    """A fresh interpreter with network and nltk.download sabotaged still scores."""
    code = textwrap.dedent(
        """
        import socket, nltk
        def refuse(*args, **kwargs):
            raise SystemExit("network or download attempted")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        nltk.download = refuse
        from scorer import Scorer
        result = Scorer.load().score("Venezuela crisis: US sends CHILLING warning amid RIOTS!")
        assert result.features["syllables_per_word"] > 0
        print("ok", result.label)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")


def test_pyphens_own_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream of new words (hostile input to a server) must not grow memory without bound."""
    from textstat.backend.utils._get_pyphen import get_pyphen

    from scorer import readability

    monkeypatch.setattr(readability, "SYLLABLE_CACHE_WORDS", 50)
    cache = get_pyphen(readability.OFFLINE_LANG).hd.cache
    sizes = []
    for i in range(300):
        word = "zq" + "".join("aeiou"[int(d) % 5] + "xyz"[int(d) % 3] for d in f"{i:04d}") + "ing"
        assert readability.syllables(word) >= 1
        sizes.append(len(cache))
    assert max(sizes) <= 51
    assert max(sizes) > 40  # the words were new to pyphen, so its cache did fill up


def test_textstat_is_imported_only_when_readability_is_read() -> None:
    """Scoring alone (batch runs, the server's scores) never pays for importing textstat and pandas."""
    code = textwrap.dedent(
        """
        import sys
        from scorer import Scorer
        result = Scorer.load().score_many(["Venezuela crisis: US sends CHILLING warning!"])[0]
        print(result.label, "textstat" in sys.modules, "pandas" in sys.modules)
        print(result.features["syllables_per_word"] > 0, "textstat" in sys.modules)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["high", "False", "False", "True", "True"]


_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_ENDS)}]+(?=\\s|$)")


@given(st.text(alphabet=st.sampled_from([*SENTENCE_ENDS, "a", "Z", " ", "\n", "\u3000", "\x1c", "\t", "'"])))
def test_sentence_ends_counts_what_the_regular_expression_finds(text: str) -> None:
    assert sentence_ends(text) == len(_SENTENCE_END_RE.findall(text))


@pytest.mark.parametrize(
    ("text", "ends"),
    [("U.S. and U.K. agree", 2), ("Why?! Because. Done", 2), ("Wow!!!", 1), ("no end", 0), ("", 0), ("e.g.x ‽ y", 1)],
)
def test_sentence_ends_table(text: str, ends: int) -> None:
    assert sentence_ends(text) == ends
