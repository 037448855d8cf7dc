"""Checkpoints: how far a batch run got, saved so a killed run resumes without losing or repeating rows.

A run writes each chunk's output to its own numbered part file, atomically,
then records the chunk in `checkpoint.json` (written to a temporary file,
fsynced and renamed over the old one). After a crash, even `kill -9`, the
checkpoint names exactly the chunks that are whole on disk; `--resume` drops
any part written after it and starts reading again after the last counted row.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .summary import Summary
from .writers import write_atomic

__all__ = ["CHECKPOINT_VERSION", "Checkpoint", "RunState"]

#: 3: a CSV record a stray quote breaks is its first line (version 2 took every line up to the error into one
#: bad row), so chunks end elsewhere: a version 2 run resumed now would mix two readings of the same input.
#: 4: rows gain a `warnings` column (`scorer.caveats`): a version 3 run resumed now would mix rows without it
#: and rows with it in one output.
CHECKPOINT_VERSION = 4
_CHECKPOINT = "checkpoint.json"


@dataclass
class Checkpoint:
    """What a run has committed: whole chunks, row counts and the report figures so far."""

    fingerprint: dict[str, Any]
    chunks: int = 0
    rows_read: int = 0
    rows_scored: int = 0
    rows_failed: int = 0
    columns: list[str] | None = None
    summary: Summary = field(default_factory=Summary)
    #: For line formats: input bytes (after the header) and the number of the next line after the committed chunks.
    offset: int = 0
    next_line: int = 0
    #: The chunks that wrote an errors part (a chunk with no bad row writes none).
    error_chunks: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": CHECKPOINT_VERSION,
            "fingerprint": self.fingerprint,
            "chunks": self.chunks,
            "rows_read": self.rows_read,
            "rows_scored": self.rows_scored,
            "rows_failed": self.rows_failed,
            "columns": self.columns,
            "summary": self.summary.to_json(),
            "offset": self.offset,
            "next_line": self.next_line,
            "error_chunks": self.error_chunks,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        return cls(
            fingerprint=dict(data["fingerprint"]),
            chunks=int(data["chunks"]),
            rows_read=int(data["rows_read"]),
            rows_scored=int(data["rows_scored"]),
            rows_failed=int(data["rows_failed"]),
            columns=data.get("columns"),
            summary=Summary.from_json(data["summary"]),
            offset=int(data.get("offset", 0)),
            next_line=int(data.get("next_line", 0)),
            error_chunks=[int(i) for i in data.get("error_chunks", [])],
        )


@dataclass(frozen=True)
class RunState:
    """The directory beside the output that holds a run's part files and checkpoint."""

    directory: Path

    @classmethod
    def for_output(cls, output: Path) -> RunState:
        return cls(output.with_name(output.name + ".parts"))

    def part(self, index: int, suffix: str) -> Path:
        return self.directory / f"{index:08d}.{suffix}"

    def rows_left_behind(self) -> int:
        """Rows an interrupted run committed here (0 when there is no such run, or its checkpoint is unreadable)."""
        try:
            data = json.loads((self.directory / _CHECKPOINT).read_text(encoding="utf-8"))
            return int(data.get("rows_read", 0)) if isinstance(data, dict) else 0
        except (OSError, ValueError, TypeError):
            return 0

    def start(self, fingerprint: dict[str, Any]) -> Checkpoint:
        """A fresh run: clear any earlier parts."""
        if self.directory.exists():
            shutil.rmtree(self.directory)
        self.directory.mkdir(parents=True)
        checkpoint = Checkpoint(fingerprint)
        self.save(checkpoint)
        return checkpoint

    def resume(self, fingerprint: dict[str, Any]) -> Checkpoint:
        """The last checkpoint of an interrupted run with the same input and options; parts after it are dropped."""
        path = self.directory / _CHECKPOINT
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            where = str(self.directory)
            raise InputError(f"nothing to resume: no checkpoint in {where!r}; run without --resume") from None
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read checkpoint {str(path)!r} ({exc}); delete it and run again") from None
        if data.get("version") != CHECKPOINT_VERSION:
            raise InputError(f"checkpoint {str(path)!r} is from another version; delete it and run again")
        checkpoint = Checkpoint.from_json(data)
        if checkpoint.fingerprint != fingerprint:
            changed = sorted(k for k in fingerprint if checkpoint.fingerprint.get(k) != fingerprint[k])
            raise InputError(
                f"the checkpoint in {str(self.directory)!r} is for a different run (changed: {', '.join(changed)}); "
                "run again without --resume to start over"
            )
        for stale in self.directory.iterdir():
            index = stale.name.split(".", 1)[0]
            if stale.name.endswith(".tmp") or (index.isdigit() and int(index) >= checkpoint.chunks):
                stale.unlink()
        return checkpoint

    def check_parts(self, checkpoint: Checkpoint, suffix: str) -> None:
        """Refuse to go on when a committed part is gone: the output would silently lack its rows."""
        missing = [p for p in self._committed(checkpoint, suffix) if not p.exists()]
        if missing:
            raise InputError(
                f"{len(missing)} part file(s) of this run are missing from {str(self.directory)!r} (the first: "
                f"{missing[0].name}); their rows would be lost: run again without --resume to start over"
            )

    def save(self, checkpoint: Checkpoint) -> None:
        write_atomic(self.directory / _CHECKPOINT, json.dumps(checkpoint.to_json(), ensure_ascii=False))

    def parts(self, checkpoint: Checkpoint, suffix: str) -> list[Path]:
        """The committed part files with `suffix`, in order; an `InputError` if one is missing (`check_parts`)."""
        self.check_parts(checkpoint, suffix)
        return self._committed(checkpoint, suffix)

    def _committed(self, checkpoint: Checkpoint, suffix: str) -> list[Path]:
        """The part files with `suffix` the checkpoint counts: one a chunk, errors parts for the chunks that had any."""
        chunks = checkpoint.error_chunks if suffix == "errors.jsonl" else range(checkpoint.chunks)
        return [self.part(i, suffix) for i in chunks]

    def remove(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)
