"""Build the store zip of the extension: `python extension/tools/build_zip.py [--out DIR]`.

Packs the manifest and the runtime files (src/, popup/, options/), never the
tests or this tool, with fixed timestamps so the same sources give the same zip.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

EXTENSION = Path(__file__).resolve().parent.parent
RUNTIME_DIRS = ("src", "popup", "options", "icons")
RUNTIME_SUFFIXES = {".js", ".html", ".css", ".png", ".json"}
#: The earliest date a zip can hold; fixed so builds are reproducible.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def runtime_files() -> list[Path]:
    """Files that go into the zip, relative to the extension directory, sorted."""
    files = [Path("manifest.json")]
    for directory in RUNTIME_DIRS:
        root = EXTENSION / directory
        if root.is_dir():
            files += sorted(
                path.relative_to(EXTENSION)
                for path in root.rglob("*")
                if path.is_file() and path.suffix in RUNTIME_SUFFIXES
            )
    return files


def build(out_dir: Path) -> Path:
    """Write headline-scorer-<version>.zip into out_dir and return its path."""
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"headline-scorer-{manifest['version']}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for relative in runtime_files():
            info = zipfile.ZipInfo(relative.as_posix(), date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (EXTENSION / relative).read_bytes())
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=EXTENSION.parent / "dist", help="output directory (default: dist/)")
    args = parser.parse_args(argv)
    print(build(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
