"""The batch progress bar: tqdm on standard error, sized from the input file.

It stays silent when standard error is not a terminal (logs, pipes, CI) or
when asked to be quiet, so redirected output is never littered with bars.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Shows how far through the input a run is, with rows per second and an ETA."""

    def __init__(self, total: int | None, unit: str, quiet: bool, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and self._stream.isatty()
        self._first: tuple[float, int] | None = None  # (when, rows) at the first update
        self._position = 0
        self._bar = None
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                unit=unit,
                unit_scale=unit == "B",
                unit_divisor=1024 if unit == "B" else 1000,
                file=self._stream,
                dynamic_ncols=True,
                smoothing=0.1,
            )

    def update(self, position: int, rows: int) -> None:
        """Move the bar to `position` (bytes or rows read) after `rows` rows in all."""
        if self._bar is None:
            return
        if self._first is None:
            # The first update is the starting line: a resumed run begins far into the input, and
            # counting that jump (or the rows done before the kill) as speed gave 355,507 rows/s.
            self._first = (time.monotonic(), rows)
            self._bar.n = self._bar.last_print_n = self._position = position
            self._bar.set_postfix_str(f"{rows:,} rows", refresh=False)
            self._bar.refresh()
            return
        self._bar.update(max(0, position - self._position))
        self._position = max(position, self._position)
        since, rows_then = self._first
        elapsed = max(time.monotonic() - since, 1e-9)
        self._bar.set_postfix_str(f"{rows:,} rows, {(rows - rows_then) / elapsed:,.0f} rows/s", refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
