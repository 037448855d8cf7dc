"""The batch computation of the learned wording part, against a plain per-row reference."""

from __future__ import annotations

import math
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import Scorer
from scorer.errors import ModelError
from scorer.lexicon import TOKEN_RE, normalise_tokens, tokenize, tokenize_normalised
from scorer.model import TrainedModel, masked_tokens
from scorer.wording import (
    SMALL_BATCH_WORDS,
    WordingIndex,
    char_part_table,
    char_value_from_table,
    char_word_value,
    is_closed,
)

from .conftest import SEED_HEADLINES

#: Headlines with repeated words and n-grams (sublinear tf), question marks, no words at all, one word.
AWKWARD = [
    "You will never guess what you will never see: you will be shocked",
    "The the the the THE",
    "Is this the end? Is this the end? Is this?",
    "SHOCKING!!!",  # nothing left for the learned part: a loaded term and an exclamation
    "Why?",
    "Breaking",
    "won't won't won’t – rock-'n'-roll",
    "İstanbul İS GREAT today, says ΟΔΟΣ",
]


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.load()


def reference_weights(model: TrainedModel, words: Sequence[str], scale: float) -> list[float]:
    """Each word's share of the estimate, computed the slow, obvious way from the model's parameters."""
    p = model.params
    vocab, idf, coef = p["word_vocab"], p["word_idf"], p["word_coef"]
    weights = [0.0] * len(words)
    occurrences: list[tuple[str, int, int]] = []
    for n in (1, 2, 3):
        for start in range(len(words) - n + 1):
            gram = " ".join(words[start : start + n])
            if gram in vocab:
                occurrences.append((gram, start, n))
    counts = Counter(g for g, _, _ in occurrences)
    raw = {g: float(idf[vocab[g]]) * (1.0 + math.log(c)) for g, c in counts.items()}
    if raw:
        shrink = scale / math.sqrt(sum(v * v for v in raw.values()))
        for gram, start, n in occurrences:
            share = shrink * float(coef[vocab[gram]]) * raw[gram] / (n * counts[gram])
            for index in range(start, start + n):
                weights[index] += share
    values = [char_word_value(w, p["char_vocab"], p["char_idf"], p["char_coef"]) for w in words]
    squared = sum(v[1] for v in values)
    if squared > 0:
        for index, (value, _) in enumerate(values):
            weights[index] += scale / math.sqrt(squared) * value
    return weights


def test_batch_weights_match_the_per_row_reference(scorer: Scorer) -> None:
    model = scorer.model
    assert isinstance(model, TrainedModel)
    rows = [[t[2] for t in masked_tokens(scorer.extract(h))] for h in [*AWKWARD, *SEED_HEADLINES]]
    assert any(len(set(r)) < len(r) for r in rows)  # repeated words are in the test
    assert [] in rows  # so is a headline with nothing for the learned part
    vectorised = model.wording.batch_weights(rows, 2.5)
    for words, got in zip(rows, vectorised, strict=True):
        expected = reference_weights(model, words, 2.5)
        assert got == pytest.approx(expected, abs=1e-12)
        assert model.wording.row_weights(words, 2.5) == pytest.approx(expected, abs=1e-12)


def test_small_and_large_batches_take_each_path_with_the_same_result(scorer: Scorer) -> None:
    model = scorer.model
    assert isinstance(model, TrainedModel)
    rows = [[t[2] for t in masked_tokens(scorer.extract(h))] for h in [*AWKWARD, *SEED_HEADLINES] * 12]
    assert sum(map(len, rows)) >= SMALL_BATCH_WORDS
    large = model.wording.token_weights(rows, 1.0)
    small = [model.wording.token_weights([row], 1.0)[0] for row in rows]
    for a, b in zip(large, small, strict=True):
        assert a == pytest.approx(b, abs=1e-12)


@pytest.mark.parametrize("threshold", [0.0, 0.05, 0.5, 10.0])
def test_summaries_split_each_rows_weights_at_the_threshold(scorer: Scorer, threshold: float) -> None:
    model = scorer.model
    assert isinstance(model, TrainedModel)
    rows = [[t[2] for t in masked_tokens(scorer.extract(h))] for h in [*AWKWARD, *SEED_HEADLINES] * 12]
    assert sum(map(len, rows)) >= SMALL_BATCH_WORDS  # the numpy path; one row at a time is the plain path
    for summaries in (model.wording.summaries(rows, 2.0, threshold), [
        model.wording.summaries([row], 2.0, threshold)[0] for row in rows
    ]):
        for words, summary in zip(rows, summaries, strict=True):
            expected = reference_weights(model, words, 2.0)
            strong = [(i, w) for i, w in enumerate(expected) if abs(w) >= threshold]
            assert summary.total == pytest.approx(sum(expected), abs=1e-12)
            assert summary.minor == pytest.approx(sum(expected) - sum(w for _, w in strong), abs=1e-12)
            assert [i for i, _ in summary.strong] == [i for i, _ in strong]
            assert [w for _, w in summary.strong] == pytest.approx([w for _, w in strong], abs=1e-12)


def test_explaining_a_batch_equals_explaining_each(scorer: Scorer) -> None:
    extractions = [scorer.extract(h) for h in [*AWKWARD, *SEED_HEADLINES]]
    together = scorer.model.explain_many(extractions)
    for extraction, explanation in zip(extractions, together, strict=True):
        alone = scorer.model.explain_many([extraction])[0]
        assert explanation.decision == pytest.approx(alone.decision, abs=1e-12)
        assert explanation.extra_spans == alone.extra_spans
        parts = explanation.intercept + sum(explanation.span_weights) + sum(explanation.extra_weights)
        assert explanation.decision == pytest.approx(parts + sum(explanation.other.values()), abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9_ -'’!?.\u0130\u00e9 \t\n😀\u00a0\u2014\u0663\u0301"), max_size=60))
def test_tokenize_finds_what_the_token_pattern_finds(text: str) -> None:
    assert tokenize(text) == [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def test_a_vocabulary_missing_inner_ngrams_is_refused(scorer: Scorer) -> None:
    assert is_closed({"you": 0, "will": 1, "you will": 2})
    assert not is_closed({"you": 0, "you will": 1})
    assert not is_closed({"you": 0, "will": 1, "never": 2, "you will never": 3, "you will": 4})
    model = scorer.model
    assert isinstance(model, TrainedModel)
    params = dict(model.params)
    vocab = dict(params["word_vocab"])
    vocab["zzqx will"] = 0  # a pair whose first word is not in the vocabulary
    params["word_vocab"] = vocab
    with pytest.raises(ValueError, match="not closed"):
        WordingIndex.build(params)
    with pytest.raises(ModelError, match="scorer train"):
        TrainedModel(MappingProxyType(params), model.sidecar)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9_ -'’!?.\u0130\u00e9 \t\n😀"), max_size=60))
def test_tokenize_normalised_is_tokenize_then_normalise_tokens(text: str) -> None:
    tokens = tokenize(text)
    assert tokenize_normalised(text) == (tokens, normalise_tokens(text, tokens))


def test_tokenize_reads_a_long_trailing_gap_in_linear_time() -> None:
    # With a required word after the gap, the engine rescanned a trailing run of non-word
    # characters from each of its characters: 7 s for 20,000 spaces, about 12 minutes for
    # these 200,000. Run in a child process so that a regression fails at the cap, not hangs.
    code = (
        "from scorer.lexicon import tokenize_normalised\n"
        "for tail in (' ', '\"', '!?', '\u2014 ', '!', ' !'):\n"
        "    for head in ('word. ', 'caf\u00e9 '):\n"
        "        tokens, norms = tokenize_normalised(head + tail * (200_000 // len(tail)))\n"
        "        assert [t[2] for t in tokens] == [head.split()[0].rstrip('.')], tokens\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz'-0é", min_size=1, max_size=16))
def test_character_parts_from_the_gram_table_equal_char_word_value(scorer: Scorer, word: str) -> None:
    """The per-gram table gives the same doubles as the numpy arrays: words unseen in training use it."""
    assert isinstance(scorer.model, TrainedModel)
    params = scorer.model.params
    table = char_part_table(params["char_vocab"], params["char_idf"], params["char_coef"])
    assert char_value_from_table(word, table) == char_word_value(
        word, params["char_vocab"], params["char_idf"], params["char_coef"]
    )
