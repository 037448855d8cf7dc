"""The compiled build (`setup.py`, mypyc): all or none of the listed modules, the same results as the source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import scorer
from scorer import Scorer
from scorer.cli import main

from .conftest import BUILD_SCRIPT, ROOT, SEED_HEADLINES, stale_compiled_modules

LISTED: list[str] = BUILD_SCRIPT.compiled_modules(ROOT)

#: Headlines that reach every part of the hot path: shouting, acronyms, marks, loaded terms,
#: clickbait patterns, quotations, questions, accents, emoji, markup and control characters.
HEADLINES = (
    *SEED_HEADLINES,
    "You won't BELIEVE what happened next?!",
    "10 things NASA doesn't want you to know",
    "PM slams 'disgraceful' BBC report as MPs demand answers",
    "Why the FBI is 'deeply concerned' about this viral video",
    "Zero\u200bwidth SHOCK\u200b claim!!!",
    "Control\x00chars\x07 and HORROR\x1b[31m",
    "<script>alert('PANIC')</script> in the NEWSROOM",
    "😱😱 TERRIFYING 🔥 moment as fans go WILD",
    "Café owner’s “SHOCKING” rant: ‘I won’t pay’",
    "Council approves budget for new library",
    "İSTANBUL derby ends in CHAOS",
    "Is this the END of the road for Brexit?",
)


def _module_file(path: str) -> str:
    name = path.removesuffix(".py").replace("/", ".")
    __import__(name)
    return str(sys.modules[name].__file__)


def test_the_listed_modules_are_all_compiled_or_all_source() -> None:
    suffixes = {_module_file(p).endswith(".py") for p in LISTED}
    assert suffixes == {not scorer.compiled()}, "a partial build: reinstall with `pip install -e .`"


def test_version_names_the_build(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    expected = "compiled with mypyc" if scorer.compiled() else "pure Python"
    assert out.startswith("scorer ") and expected in out


def test_a_compiled_module_older_than_its_source_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.scorer.build]\ncompiled = ["pkg/fast.py", "pkg/slow.py"]\n')
    (tmp_path / "pkg").mkdir()
    for stem in ("fast", "slow"):
        (tmp_path / "pkg" / f"{stem}.py").write_text("X = 1\n")
        (tmp_path / "pkg" / f"{stem}.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    os.utime(tmp_path / "pkg" / "fast.cpython-311-x86_64-linux-gnu.so", (1_000, 1_000))  # built long before
    assert stale_compiled_modules(tmp_path) == ["pkg/fast.py"]
    (tmp_path / "pkg" / "fast.cpython-311-x86_64-linux-gnu.so").unlink()  # source only: nothing stale
    assert stale_compiled_modules(tmp_path) == []


#: Run in a child process: import the listed modules from their Python source, even where
#: compiled ones sit beside them, and print each headline's result as JSON.
_FROM_SOURCE = """
import importlib.util, json, sys
from pathlib import Path
root = Path(sys.argv[1])
listed = {p.removesuffix(".py").replace("/", "."): root / p for p in json.loads(sys.argv[2])}
class Source:
    @staticmethod
    def find_spec(name, path=None, target=None):
        where = listed.get(name)
        return importlib.util.spec_from_file_location(name, where) if where else None
sys.meta_path.insert(0, Source)
import scorer
assert not scorer.compiled()
headlines = json.loads(sys.stdin.read())
results = scorer.Scorer.load().score_many(headlines)
print(json.dumps([r.to_dict() for r in results]))
"""


def test_the_compiled_build_scores_as_the_source_does(scorer: Scorer) -> None:
    """Every listed module from source in a child process: results equal those of this process's build."""
    done = subprocess.run(
        [sys.executable, "-c", _FROM_SOURCE, str(ROOT), json.dumps(LISTED)],
        input=json.dumps(HEADLINES), capture_output=True, text=True, check=True, timeout=120,
    )
    from_source = json.loads(done.stdout)
    here = json.loads(json.dumps([r.to_dict() for r in scorer.score_many(list(HEADLINES))]))
    assert len(from_source) == len(HEADLINES)
    for headline, a, b in zip(HEADLINES, from_source, here, strict=True):
        assert a == b, headline
        assert a["evidence"], headline
