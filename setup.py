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


def compiled_modules() -> list[str]:
    """The module paths to compile, as `pyproject.toml` lists them."""
    with (HERE / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["tool"]["scorer"]["build"]["compiled"])


def remove_compiled(paths: list[str]) -> None:
    """Delete the compiled files an earlier editable install left beside the source."""
    for path in paths:
        source = HERE / path
        for built in source.parent.glob(f"{source.stem}.*.so"):
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


reason = why_not_compiled()
if reason is not None:
    print(f"scorer: installing the pure-Python build ({reason}); scoring is about a quarter slower", file=sys.stderr)
    remove_compiled(compiled_modules())
    setup()
else:
    from mypyc.build import mypycify

    setup(ext_modules=mypycify(compiled_modules(), group_name=GROUP, opt_level="3"))
