"""Run the extension's JavaScript unit tests (Node's built-in test runner) under pytest.

So the README's single test command covers the headline finder, the UTF-16
offset mapping, the settings and the API client too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parent.parent / "extension"
UNIT_TESTS = sorted((EXTENSION / "test").glob("*.test.js"))


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing; CI must install Node.js for the extension's unit tests", pytrace=False)
        pytest.skip("node not installed")
    return node


def test_there_are_extension_unit_tests() -> None:
    names = {path.name for path in UNIT_TESTS}
    assert {"headlines.test.js", "textmap.test.js"} <= names


@pytest.mark.parametrize("test_file", UNIT_TESTS, ids=lambda path: path.name)
def test_extension_unit_tests_pass(test_file: Path) -> None:
    node = node_or_skip()
    completed = subprocess.run(
        [node, "--test", str(test_file)],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert "# fail 0" in completed.stdout
    assert "# pass 0" not in completed.stdout
