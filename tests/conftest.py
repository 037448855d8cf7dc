"""Shared fixtures: the default lexicon and scorer, the seed article, no network."""

from __future__ import annotations

import importlib.util
import json
import socket
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from flask.testing import FlaskClient
from scorer.api import create_app

from scorer import Scorer
from scorer.lexicon import Lexicon, default_lexicon

ROOT = Path(__file__).resolve().parent.parent
SEED_HEADLINES = (
    "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'",
    "Venezuela RIOTS: Tear gas and vehicles set on FIRE",
    "Venezuela CRISIS: Country on brink as failed military coup sparks riot",
)


def _load_build_script() -> ModuleType:
    """`setup.py` as a module, for its list of compiled modules and where their files lie (it builds only as main)."""
    spec = importlib.util.spec_from_file_location("scorer_build_script", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD_SCRIPT = _load_build_script()


def stale_compiled_modules(root: Path) -> list[str]:
    """Compiled modules (`setup.py`) older than their source: they would run instead of the edited code."""
    stale = []
    for path in BUILD_SCRIPT.compiled_modules(root):
        source = root / path
        built = BUILD_SCRIPT.compiled_files(source)
        if built and any(b.stat().st_mtime < source.stat().st_mtime for b in built):
            stale.append(path)
    return stale


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test an old build: an editable install's compiled modules shadow edited source."""
    stale = stale_compiled_modules(ROOT)
    if stale:
        pytest.exit(
            f"{', '.join(stale)} changed after they were compiled, so the tests would run the old code; "
            "rebuild with `pip install -e .` (or `SCORER_PURE_PYTHON=1 pip install -e .` to run the source)",
            returncode=4,
        )


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to reach a non-loopback address during tests."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("/"):
            raise NetworkBlocked(f"test tried to reach {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return default_lexicon()


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    return Scorer.load()


@pytest.fixture
def client(scorer: Scorer) -> FlaskClient:
    """A test client of the app around the shared scorer (test_api.py has its own, with a test config)."""
    return create_app({"SCORER_INSTANCE": scorer}).test_client()


@pytest.fixture(scope="session")
def seed_article() -> dict[str, str]:
    data: dict[str, str] = json.loads((ROOT / "seeds" / "articles" / "venezuela-express.json").read_text("utf-8"))
    return data
