"""The learned wording part of the model, per word, for a whole batch at once.

The clickbait estimate reads word 1..3-grams (sublinear, l2-normalised tf-idf)
and character 2..5-grams inside words (counts x idf, scaled per document). Both
are linear, so the estimate splits exactly into one weight per word: an n-gram's
part is shared equally by its words, and a word's character part is its own
sum divided by one per-document number.

`WordingIndex.token_weights` computes those weights for many headlines with a
few numpy operations over all their words: a word becomes its vocabulary
column, a pair or triple of known words becomes one integer key, looked up by
binary search in the sorted keys of the vocabulary's pairs and triples.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .lexicon import MAX_CACHED_WORD_CHARS

__all__ = [
    "CHAR_CACHE_WORDS",
    "RowWording",
    "WordingIndex",
    "char_grams",
    "char_part_table",
    "char_value_from_table",
    "char_word_value",
    "is_closed",
    "word_grams",
]

#: Word n-grams and character n-grams (within words) of the learned clickbait part.
WORD_NGRAMS = (1, 3)
CHAR_NGRAMS = (2, 5)
#: Batches with fewer words than this are computed row by row in plain Python.
SMALL_BATCH_WORDS = 100
#: Distinct out-of-vocabulary words whose character-n-gram values are remembered (a few MB at most).
CHAR_CACHE_WORDS = 1 << 16

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


class RowWording(NamedTuple):
    """One row's word weights, summed and split at a threshold (what an explanation needs)."""

    #: the sum of every word's weight
    total: float
    #: the sum of the weights smaller than the threshold in size
    minor: float
    #: (word index, weight) of the others, in word order
    strong: list[tuple[int, float]]


def _summary(weights: Sequence[float], threshold: float) -> RowWording:
    strong = [(i, w) for i, w in enumerate(weights) if not -threshold < w < threshold]
    minor = sum([w for w in weights if -threshold < w < threshold])
    return RowWording(sum(weights), minor, strong)


def word_grams(doc: str) -> list[str]:
    """Word 1..3-grams of a space-joined token string (the training analyser)."""
    words = doc.split(" ") if doc else []
    grams: list[str] = []
    for n in range(WORD_NGRAMS[0], WORD_NGRAMS[1] + 1):
        grams.extend(" ".join(words[p : p + n]) for p in range(len(words) - n + 1))
    return grams


def _char_grams_of(word: str) -> list[str]:
    padded = f" {word} "
    grams: list[str] = []
    for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):
        if n >= len(padded):
            grams.append(padded)
            break
        grams.extend(padded[p : p + n] for p in range(len(padded) - n + 1))
    return grams


def char_grams(doc: str) -> list[str]:
    """Character 2..5-grams inside each space-padded word (the training analyser)."""
    grams = []
    for word in doc.split(" ") if doc else []:
        grams.extend(_char_grams_of(word))
    return grams


def char_word_value(word: str, vocab: Mapping[str, int], idf: Floats, coef: Floats) -> tuple[float, float]:
    """What one word adds to the character block: (sum of idf x coef, sum of idf squared).

    The character block is counts x idf scaled by 1 / sqrt(sum over the
    document's n-grams of count x idf squared), so each word's part is its own
    sum divided by one per-document number: exact per word, and precomputable.
    """
    value = norm = 0.0
    for gram in _char_grams_of(word):
        column = vocab.get(gram)
        if column is not None:
            weight = float(idf[column])
            value += weight * float(coef[column])
            norm += weight * weight
    return value, norm


def char_part_table(vocab: Mapping[str, int], idf: Floats, coef: Floats) -> dict[str, tuple[float, float]]:
    """Each character n-gram's (idf x coef, idf squared): what it adds to a word's `char_word_value`.

    Plain floats in a dict: one lookup a gram instead of a lookup and two numpy
    scalar reads. The products are the same doubles `char_word_value` makes.
    """
    idf_list = np.asarray(idf, dtype=np.float64).tolist()
    coef_list = np.asarray(coef, dtype=np.float64).tolist()
    return {gram: (idf_list[c] * coef_list[c], idf_list[c] * idf_list[c]) for gram, c in vocab.items()}


def char_value_from_table(word: str, table: Mapping[str, tuple[float, float]]) -> tuple[float, float]:
    """`char_word_value(word, ...)` read from `char_part_table(...)`: the same sums, in the same order."""
    value = norm = 0.0
    get = table.get
    for gram in _char_grams_of(word):
        part = get(gram)
        if part is not None:
            value += part[0]
            norm += part[1]
    return value, norm


def is_closed(vocabulary: Mapping[str, object]) -> bool:
    """Whether both (n-1)-grams inside every n-gram are in the vocabulary too.

    True of any vocabulary cut by document frequency alone, as `scorer train`
    cuts it: an n-gram is in at least as many documents as the n-grams inside it.
    """
    for gram in vocabulary:
        if " " in gram:
            head, tail = gram.rsplit(" ", 1)[0], gram.split(" ", 1)[1]
            if head not in vocabulary or tail not in vocabulary:
                return False
    return True


def _lookup(keys: Ints, columns: Ints, wanted: Ints) -> tuple[Ints, Ints]:
    """Which of `wanted` are in the sorted `keys`: (their positions in `wanted`, their columns)."""
    if not len(keys) or not len(wanted):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    found = np.flatnonzero(keys[at] == wanted)
    return found, columns[at[found]]


@dataclass(frozen=True)
class WordingIndex:
    """The model's n-gram vocabularies and weights, arranged for batch lookups."""

    #: every known word -> its row in `word_columns` and `char_parts`, for one lookup per word
    word_rows: Mapping[str, int]
    #: per row: the word's unigram column (-1 if it has none); the last row is -1 for unknown words
    word_columns: Ints
    #: per row: the word's character part (sum of idf x coef, sum of idf squared); the last row is zeros
    char_parts: Floats
    #: sorted integer keys of the word pairs and triples, and each key's column
    pair_keys: Ints
    pair_columns: Ints
    triple_keys: Ints
    triple_columns: Ints
    #: per column: idf, and idf x coefficient
    idf: Floats
    idf_coef: Floats
    #: n-gram -> (idf, idf x coefficient), for the row-by-row path
    grams: Mapping[str, tuple[float, float]]
    #: word -> (sum of idf x coef, sum of idf squared) of its character n-grams, for known words
    char_words: Mapping[str, tuple[float, float]]
    char_vocab: Mapping[str, int] = field(repr=False)
    char_idf: Floats = field(repr=False)
    char_coef: Floats = field(repr=False)
    #: `char_word_value` of other words, remembered per word
    char_value: Callable[[str], tuple[float, float]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        table = char_part_table(self.char_vocab, self.char_idf, self.char_coef)
        value = functools.partial(char_value_from_table, table=table)
        cached = functools.lru_cache(maxsize=CHAR_CACHE_WORDS)(value)

        def char_value(word: str) -> tuple[float, float]:
            return value(word) if len(word) > MAX_CACHED_WORD_CHARS else cached(word)

        object.__setattr__(self, "char_value", char_value)

    @classmethod
    def build(cls, params: Mapping[str, Any]) -> WordingIndex:
        """The index of a model's parameters; `ValueError` if its vocabulary is not closed."""
        vocab: Mapping[str, int] = params["word_vocab"]
        if not is_closed(vocab):
            raise ValueError("the word n-grams are not closed under shorter n-grams")
        word_ids = {g: c for g, c in vocab.items() if " " not in g}
        size = max(len(vocab), 1)
        if size ** WORD_NGRAMS[1] >= 2**63:
            raise ValueError(f"{size:,} word n-grams are too many for integer keys of triples")
        by_length: dict[int, tuple[list[int], list[int]]] = {2: ([], []), 3: ([], [])}
        for gram, column in vocab.items():
            words = gram.split(" ")
            if len(words) in by_length:
                key = 0
                for word in words:
                    key = key * size + word_ids[word]
                by_length[len(words)][0].append(key)
                by_length[len(words)][1].append(column)
        sorted_keys = {}
        for n, (keys, columns) in by_length.items():
            order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
            sorted_keys[n] = (np.asarray(keys, np.int64)[order], np.asarray(columns, np.int64)[order])
        idf = np.asarray(params["word_idf"], dtype=np.float64)
        idf_coef = idf * np.asarray(params["word_coef"], dtype=np.float64)
        idf_list, idf_coef_list = idf.tolist(), idf_coef.tolist()
        char_words: Mapping[str, tuple[float, float]] = params["char_words"]
        # Training gives every word its character part; a unigram without one gets it computed here.
        parts = dict(char_words)
        for word in word_ids.keys() - parts.keys():
            parts[word] = char_word_value(word, params["char_vocab"], params["char_idf"], params["char_coef"])
        return cls(
            word_rows={w: row for row, w in enumerate(parts)},
            word_columns=np.array([*(word_ids.get(w, -1) for w in parts), -1], dtype=np.int64),
            char_parts=np.array([*parts.values(), (0.0, 0.0)], dtype=np.float64),
            grams={g: (idf_list[c], idf_coef_list[c]) for g, c in vocab.items()},
            pair_keys=sorted_keys[2][0],
            pair_columns=sorted_keys[2][1],
            triple_keys=sorted_keys[3][0],
            triple_columns=sorted_keys[3][1],
            idf=idf,
            idf_coef=idf_coef,
            char_words=params["char_words"],
            char_vocab=params["char_vocab"],
            char_idf=np.asarray(params["char_idf"], dtype=np.float64),
            char_coef=np.asarray(params["char_coef"], dtype=np.float64),
        )

    def token_weights(self, rows: Sequence[Sequence[str]], scale: float) -> list[list[float]]:
        """Each word's share of the clickbait estimate, times `scale`, for every row of words.

        Batches of fewer than `SMALL_BATCH_WORDS` words go row by row in plain
        Python (numpy's cost per call outweighs its speed there); larger ones
        through numpy. Both give the same weights (tested).
        """
        if sum(len(row) for row in rows) < SMALL_BATCH_WORDS:
            return [self.row_weights(row, scale) for row in rows]
        return self.batch_weights(rows, scale)

    def summaries(self, rows: Sequence[Sequence[str]], scale: float, threshold: float) -> list[RowWording]:
        """`token_weights` of every row, summed and split at `threshold` (numpy does the split too)."""
        if sum(len(row) for row in rows) < SMALL_BATCH_WORDS:
            return [_summary(self.row_weights(row, scale), threshold) for row in rows]
        lengths = [len(row) for row in rows]
        n_rows = len(rows)
        flat, row_of = self._flat_weights(rows, lengths, scale)
        if not len(flat):
            return [RowWording(0.0, 0.0, []) for _ in rows]
        strong = np.abs(flat) >= threshold
        totals = np.bincount(row_of, weights=flat, minlength=n_rows).tolist()
        minors = np.bincount(row_of, weights=np.where(strong, 0.0, flat), minlength=n_rows).tolist()
        at = np.flatnonzero(strong)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        rows_at = row_of[at]
        bounds = np.searchsorted(rows_at, np.arange(n_rows + 1)).tolist()
        pairs = list(zip((at - starts[rows_at]).tolist(), flat[at].tolist(), strict=True))
        return [
            RowWording(totals[i], minors[i], pairs[bounds[i] : bounds[i + 1]]) for i in range(n_rows)
        ]

    def row_weights(self, words: Sequence[str], scale: float) -> list[float]:
        """One row's weights in plain Python."""
        weights = [0.0] * len(words)
        if not words:
            return weights
        table = self.grams
        known = [w in table for w in words]
        hits = [(w, i, 1) for i, w in enumerate(words) if known[i]]
        if len(hits) > 1:  # pairs of known words, triples whose first pair is known (the vocabulary is closed)
            last = len(words) - 1
            for i in [i for i in range(last) if known[i] and known[i + 1]]:
                pair = f"{words[i]} {words[i + 1]}"
                if pair in table:
                    hits.append((pair, i, 2))
                    if i + 1 < last and known[i + 2]:
                        triple = f"{pair} {words[i + 2]}"
                        if triple in table:
                            hits.append((triple, i, 3))
        if hits:
            counts = Counter(h[0] for h in hits)
            tf = {g: 1.0 + math.log(c) for g, c in counts.items()}
            shrink = scale / math.sqrt(sum(table[g][0] ** 2 * tf[g] ** 2 for g in counts))
            for gram, start, n in hits:
                share = shrink * table[gram][1] * tf[gram] / (n * counts[gram])
                for index in range(start, start + n):
                    weights[index] += share
        char_table, value = self.char_words, self.char_value
        values = [char_table.get(w) or value(w) for w in words]
        squared = sum(v[1] for v in values)
        if squared > 0:
            char_shrink = scale / math.sqrt(squared)
            for index, (part, _) in enumerate(values):
                weights[index] += char_shrink * part
        return weights

    def batch_weights(self, rows: Sequence[Sequence[str]], scale: float) -> list[list[float]]:
        """All rows' weights through numpy."""
        lengths = [len(row) for row in rows]
        weights, _ = self._flat_weights(rows, lengths, scale)
        if not len(weights):
            return [[] for _ in rows]
        flat = weights.tolist()
        out, start = [], 0
        for length in lengths:
            out.append(flat[start : start + length])
            start += length
        return out

    def _flat_weights(self, rows: Sequence[Sequence[str]], lengths: list[int], scale: float) -> tuple[Floats, Ints]:
        """Every word's weight, rows one after another, and the row of each word."""
        words = [word for row in rows for word in row]
        row_of = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        if not words:
            return np.zeros(0), row_of
        known = np.fromiter(map(self.word_rows.get, words, itertools.repeat(-1)), np.int64, len(words))
        # A row repeats an n-gram only if it repeats a word: the few rows that do are counted apart.
        repeats = np.array([len(set(row)) < len(row) for row in rows], dtype=np.bool_)
        weights = self._ngram_weights(self.word_columns[known], row_of, repeats, scale) + self._char_weights(
            words, known, row_of, len(rows), scale
        )
        return weights, row_of

    def _ngram_weights(self, ids: Ints, row_of: Ints, repeats: npt.NDArray[np.bool_], scale: float) -> Floats:
        """Word n-gram parts: sublinear tf-idf, l2-normalised per row, each n-gram split over its words.

        `ids` are the words' unigram columns, -1 for a word without one; `repeats`
        tells, per row, whether it has a word twice.
        """
        n_rows = len(repeats)
        size = max(len(self.idf), 1)
        known = ids >= 0
        # Pairs of known words in one row, then triples whose first pair is in the vocabulary.
        candidates = np.flatnonzero(known[:-1] & known[1:] & (row_of[:-1] == row_of[1:]))
        found, pair_cols = _lookup(self.pair_keys, self.pair_columns, ids[candidates] * size + ids[candidates + 1])
        pairs = candidates[found]
        ahead = pairs[pairs + 2 < len(ids)]
        ahead = ahead[known[ahead + 2] & (row_of[ahead + 2] == row_of[ahead])]
        found3, triple_cols = _lookup(
            self.triple_keys, self.triple_columns, (ids[ahead] * size + ids[ahead + 1]) * size + ids[ahead + 2]
        )
        singles = np.flatnonzero(known)
        starts = np.concatenate([singles, pairs, ahead[found3]])
        spans = np.concatenate([np.ones(len(singles)), np.full(len(pairs), 2.0), np.full(len(found3), 3.0)])
        columns = np.concatenate([ids[singles], pair_cols, triple_cols])
        weights = np.zeros(len(ids))
        if not len(starts):
            return weights
        rows = row_of[starts]
        # tf = 1 + log(count) for an n-gram seen `count` times in a row, shared by its occurrences.
        # Only a row with a repeated word can repeat an n-gram; sorting the whole batch's
        # n-grams to find those few had been a tenth of the wording part's instructions.
        count = np.ones(len(starts))
        in_repeats = np.flatnonzero(repeats[rows])
        if len(in_repeats) > 1:
            keys = rows[in_repeats] * size + columns[in_repeats]
            _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
            count[in_repeats] = counts[inverse]
        tf = 1.0 + np.log(count)
        raw = self.idf[columns] * tf
        squared = np.bincount(rows, weights=raw * raw / count, minlength=n_rows)
        shrink = scale / np.sqrt(np.where(squared > 0, squared, 1.0))
        share = shrink[rows] * self.idf_coef[columns] * tf / (spans * count)
        for offset in range(WORD_NGRAMS[1]):
            reach = spans > offset
            weights += np.bincount(starts[reach] + offset, weights=share[reach], minlength=len(ids))
        return weights

    def _char_weights(self, words: list[str], known: Ints, row_of: Ints, n_rows: int, scale: float) -> Floats:
        """Character n-gram parts: each word's own sum, divided by its row's norm.

        `known` are the words' rows in `char_parts`, -1 for a word seen in no training headline.
        """
        values = self.char_parts[known]
        unknown = np.flatnonzero(known < 0).tolist()
        if unknown:
            value = self.char_value
            values[unknown] = [value(words[i]) for i in unknown]
        squared = np.bincount(row_of, weights=values[:, 1], minlength=n_rows)
        shrink = np.where(squared > 0, scale / np.sqrt(np.where(squared > 0, squared, 1.0)), 0.0)
        result: Floats = shrink[row_of] * values[:, 0]
        return result
