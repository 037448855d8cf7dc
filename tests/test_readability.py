"""Readability from textstat works offline: no NLTK download is ever attempted."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from scorer.readability import flesch_reading_ease, readability_features, syllables


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
