"""The batch progress bar: shown on a terminal with rows per second, silent otherwise or with --quiet."""

from __future__ import annotations

import io

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
