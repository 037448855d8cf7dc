"""Build the package, compiling the scoring hot path to C with mypyc.

The modules listed under `[tool.scorer.build] compiled` in `pyproject.toml` are
compiled; they run the same code about a quarter faster (`bench/bench_instructions.py`).
The Python source stays the one definition: set `SCORER_PURE_PYTHON=1` to install
it uncompiled, as happens by itself where there is no C compiler. An editable
install (`pip install -e .`) puts the compiled modules beside their source, where
they take precedence; a pure-Python install removes them, so an old build never
shadows the code, and `tests/conftest.py` refuses to test compiled modules older
than their source.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tomllib
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
#: The shared runtime of the compiled modules (one file beside the package).
GROUP = "scorer"


def compiled_modules(root: Path = HERE) -> list[str]:
    """The module paths to compile, as `pyproject.toml` under `root` lists them (`tests/conftest.py` reads them too)."""
    with (root / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["tool"]["scorer"]["build"]["compiled"])


def compiled_files(source: Path) -> list[Path]:
    """The compiled files of the module at `source` that an editable install put beside it."""
    return sorted(source.parent.glob(f"{source.stem}.*.so"))


def remove_compiled(paths: list[str]) -> None:
    """Delete the compiled files an earlier editable install left beside the source."""
    for path in paths:
        for built in compiled_files(HERE / path):
            built.unlink()
    for runtime in HERE.glob(f"{GROUP}__mypyc.*.so"):
        runtime.unlink()


def why_not_compiled() -> str | None:
    """Why this build stays pure Python: asked to, or no C compiler or Python headers here."""
    if os.environ.get("SCORER_PURE_PYTHON", "") not in ("", "0"):
        return "SCORER_PURE_PYTHON is set"
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler}) is installed"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "Python's C headers (Python.h) are not installed"
    return None


def main() -> None:
    """Build, compiled unless `why_not_compiled` says why not."""
    reason = why_not_compiled()
    if reason is not None:
        message = f"scorer: installing the pure-Python build ({reason}); scoring is about a quarter slower"
        print(message, file=sys.stderr)
        remove_compiled(compiled_modules())
        setup()
    else:
        from mypyc.build import mypycify

        setup(ext_modules=mypycify(compiled_modules(), group_name=GROUP, opt_level="3"))


if __name__ == "__main__":  # as pip's build backend runs it; the tests import it for the helpers above
    main()
