"""Benchmark inputs: the headlines in ../shared/data, or a generated set when it is absent."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

from scorer.extract import letters_problem

__all__ = ["DEFAULT_DATA", "load_headlines"]

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

_WORDS = (
    "minister government police storm city council budget school report market vote election court "
    "crisis riots fury shock warning deal talks leader army border health prices fire flood strike"
).split()
_SHOUTED = ["CHILLING", "RIOTS", "FURY", "SHOCK", "HORROR", "WILL", "CRISIS", "FIRE"]


def _generated(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 14))]
        if rng.random() < 0.3:
            words[rng.randrange(len(words))] = rng.choice(_SHOUTED)
        if rng.random() < 0.2:
            words[0] = "US"
        headline = " ".join(words).capitalize()
        out.append(headline + ("!" if rng.random() < 0.15 else ""))
    return out


def load_headlines(data_dir: Path = DEFAULT_DATA, generated: int = 40_000) -> tuple[list[str], str]:
    """Headlines from the shared corpora (Webis post texts and Chakraborty lines) and where they came from."""
    headlines: list[str] = []
    webis = data_dir / "webis-clickbait-17" / "instances.jsonl"
    if webis.exists():
        with webis.open(encoding="utf-8") as handle:
            for line in handle:
                text = " ".join(json.loads(line).get("postText") or []).strip()
                if text:
                    headlines.append(text[:2000])
    for name in ("clickbait_data.gz", "non_clickbait_data.gz"):
        path = data_dir / "chakraborty2016" / name
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                headlines.extend(line.strip() for line in handle if line.strip())
    headlines = [h for h in headlines if letters_problem(h) is None]  # not "..." (3 posts): nothing to score
    if headlines:
        return headlines, f"{data_dir} ({len(headlines):,} headlines)"
    return _generated(generated), f"generated ({generated:,} headlines)"
