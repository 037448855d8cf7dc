"""The batch progress bar: shown on a terminal with rows per second, silent otherwise or with --quiet."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from scorer.batch.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "quiet", "shown"), [(_Terminal(), False, True), (_Terminal(), True, False),
                                                         (io.StringIO(), False, False)])
def test_bar_only_on_a_terminal_and_not_when_quiet(stream: io.StringIO, quiet: bool, shown: bool) -> None:
    with Progress(total=10_000, unit="B", quiet=quiet, stream=stream) as progress:
        progress.update(5_000, 1_234)
        progress.update(10_000, 2_468)
    text = stream.getvalue()
    assert ("rows/s" in text and "2,468 rows" in text and "100%" in text) is shown
    assert (text == "") is not shown


def test_a_resumed_run_starts_the_bar_where_it_is_and_counts_only_its_own_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = iter([100.0, 110.0])
    monkeypatch.setattr("scorer.batch.progress.time.monotonic", lambda: next(clock))
    stream = _Terminal()
    with Progress(total=10_000, unit="B", quiet=False, stream=stream) as progress:
        progress.update(8_000, 28_000)  # the first chunk after a resume: 26,000 rows were done before the kill
        progress.update(9_000, 30_000)  # 2,000 rows in the next 10 s
    text = stream.getvalue()
    assert "30,000 rows, 200 rows/s" in text
    assert "2,800" not in text  # not 28,000 rows / 10 s


def test_the_bar_follows_the_chunks_written_not_the_reader(tmp_path: Path) -> None:
    """The reader runs a 1 MiB block ahead: the bar had shown 100 % with a quarter of the rows to go."""
    from scorer.batch.runner import BatchOptions, run_batch

    src = tmp_path / "in.txt"
    src.write_bytes(b"".join(b"Council approves budget for road repairs %d\n" % i for i in range(40_000)))
    seen: list[tuple[int, int, int | None]] = []

    def on_progress(source: Any, position: int, rows: int) -> None:
        seen.append((position, rows, source.total))

    options = BatchOptions(str(src), str(tmp_path / "out.jsonl"), evidence="none", jobs=1, chunk_rows=5_000, quiet=True)
    run_batch(options, lambda message: None, on_progress)
    total = src.stat().st_size
    assert [rows for _, rows, _ in seen] == list(range(5_000, 40_001, 5_000))
    for position, rows, size in seen:
        assert size == total
        assert abs(position / total - rows / 40_000) < 0.01, (position, rows)
