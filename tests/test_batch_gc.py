"""Batch workers pause the garbage collector for a chunk and restore it as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from scorer.batch import workers
from scorer.batch.readers import Record
from scorer.batch.workers import ChunkSpec, process_chunk

SPEC = ChunkSpec(
    model_path=None,
    text_column="headline",
    body_column=None,
    group_by=None,
    evidence="top",
    output_format="jsonl",
    columns=None,
)
RECORDS = [
    Record(2, {"id": "1", "headline": "Venezuela RIOTS: Tear gas and vehicles set on FIRE"}),
    Record(3, {"id": "2", "headline": ""}),
    Record(4, None, "malformed JSON", "{oops"),
]


@pytest.fixture
def collector_state() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.enable() if enabled else gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_scoring_and_restored(
    enabled: bool, collector_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = workers.score_texts

    def spy(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(workers, "score_texts", spy)
    gc.enable() if enabled else gc.disable()
    result = process_chunk(SPEC, 0, RECORDS)
    assert seen == [False]
    assert gc.isenabled() is enabled
    assert (result.rows_read, result.rows_scored, result.rows_failed) == (3, 1, 2)


def test_the_collector_is_restored_when_scoring_fails(collector_state: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("scorer exploded")

    monkeypatch.setattr(workers, "score_texts", broken)
    gc.enable()
    with pytest.raises(RuntimeError, match="exploded"):
        process_chunk(SPEC, 0, RECORDS)
    assert gc.isenabled()
