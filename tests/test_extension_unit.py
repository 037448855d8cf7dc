"""Run the extension's JavaScript unit tests (Node's built-in test runner) under pytest.

So the README's single test command covers the headline finder, the UTF-16
offset mapping, the settings and the API client too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
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


def test_store_zip_holds_the_runtime_files_and_every_file_the_manifest_names(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(EXTENSION / "tools" / "build_zip.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    archive = Path(completed.stdout.strip())
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert archive.name == f"headline-scorer-{manifest['version']}.zip"
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
    named = {manifest["background"]["service_worker"], manifest["action"]["default_popup"]}
    named.add(manifest["options_ui"]["page"])
    named |= {path for script in manifest["content_scripts"] for path in script["js"]}
    assert named <= names
    assert not any(name.startswith(("test/", "tools/")) for name in names)


def test_manifest_is_least_privilege() -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    assert manifest["permissions"] == ["storage"]
    # Only loopback (where `scorer serve` runs by default) up front; any other origin on request.
    assert set(manifest["host_permissions"]) == {"http://127.0.0.1/*", "http://localhost/*"}
    csp = manifest["content_security_policy"]["extension_pages"]
    assert "script-src 'self';" in csp
    assert "unsafe" not in csp
    assert "web_accessible_resources" not in manifest
    assert "externally_connectable" not in manifest


FORBIDDEN_JS = re.compile(
    r"\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|\beval\s*\(|new\s+Function\s*\(|document\.write"
)


@pytest.mark.parametrize(
    "source",
    sorted(p for d in ("src", "popup", "options") for p in (EXTENSION / d).glob("*") if p.suffix in {".js", ".html"}),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_no_html_injection_eval_or_remote_code(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    assert not FORBIDDEN_JS.search(text)
    if source.suffix == ".html":
        scripts = re.findall(r"<script\b([^>]*)>", text)
        assert scripts and all(re.search(r'src="\.{0,2}/?[\w./-]+\.js"', attrs) for attrs in scripts)
        assert "http" not in " ".join(scripts)


def test_manifest_requires_a_chrome_that_can_close_storage_to_content_scripts() -> None:
    # storage.local.setAccessLevel (which keeps the API key from content scripts) came in Chrome 140.
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert int(manifest["minimum_chrome_version"]) >= 140
    # The top frame's script scans same-origin frames itself, within its budgets: a script in
    # each frame too would badge their headlines twice and multiply the budgets.
    assert all(script.get("all_frames", False) is False for script in manifest["content_scripts"])
