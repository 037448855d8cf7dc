"""Extractions, explanations and results pickle, so they can cross processes, and stay read-only."""

from __future__ import annotations

import multiprocessing
import pickle
from types import MappingProxyType

import pytest

from scorer import Scorer
from scorer.explain import Explanation
from scorer.extract import Extraction
from tests.conftest import SEED_HEADLINES

HEADLINES = (*SEED_HEADLINES, "Is this the end? SHOCKING!!! 'We WILL act,' says minister", "Man bites dog")


def _parts(scorer: Scorer, headline: str) -> tuple[Extraction, Explanation]:
    extraction = scorer.extract(headline)
    return extraction, scorer.model.explain(extraction)


@pytest.mark.parametrize("headline", HEADLINES)
def test_extraction_round_trips_through_pickle(scorer: Scorer, headline: str) -> None:
    extraction, _ = _parts(scorer, headline)
    copy = pickle.loads(pickle.dumps(extraction))
    assert type(copy) is Extraction
    assert copy.spans == extraction.spans
    assert copy.tokens == extraction.tokens and copy.norms == extraction.norms
    assert dict(copy.features) == dict(extraction.features)  # readability included
    assert dict(copy.attribution) == dict(extraction.attribution)
    assert isinstance(copy.attribution, MappingProxyType)
    with pytest.raises(TypeError):
        copy.features["n_words"] = 0.0  # type: ignore[index]  # still read-only


@pytest.mark.parametrize("headline", HEADLINES)
def test_explanation_round_trips_through_pickle(scorer: Scorer, headline: str) -> None:
    _, explanation = _parts(scorer, headline)
    copy = pickle.loads(pickle.dumps(explanation))
    assert type(copy) is Explanation
    assert copy == explanation
    assert isinstance(copy.components, MappingProxyType)
    with pytest.raises(TypeError):
        copy.components["shouting"] = 0.0  # type: ignore[index]


def _extract_in_child(headline: str) -> Extraction:
    return Scorer.load().extract(headline)


def test_extractions_come_back_from_a_process_pool(scorer: Scorer) -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        got = pool.map(_extract_in_child, HEADLINES[:2])
    assert [g.spans for g in got] == [scorer.extract(h).spans for h in HEADLINES[:2]]
