"""How often the score comes with a warning (`scorer.caveats`), on English headlines and on other languages.

Prints, for each corpus, the share of headlines that get `unfamiliar_words`
(fewer than half of the words known to the model), `repeated_words` (fewer than
three different words, or more than half of them repeats) and `too_short` (fewer
than three words), and the cost of the check a headline.

    python bench/bench_caveats.py                                    # ../shared/data, if present
    python bench/bench_caveats.py --data /path/to/chakraborty2016 --data /path/to/webis-clickbait-17

English: the Chakraborty 2016 headlines, which the shipped model never trained on
(held out as a whole), and Webis-Clickbait-17, which it trained on (its words are
all known, so its rate is a floor, not a held-out figure). Other languages: the
60 headlines in six languages of `tests/data/latin_script_headlines.tsv`.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import scorer as scorer_package
from scorer import Scorer
from scorer.caveats import caveats
from scorer.corpora import read_corpus
from scorer.extract import letters_problem

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
LANGUAGES = ROOT / "tests" / "data" / "latin_script_headlines.tsv"


def rates(scorer: Scorer, name: str, texts: list[str]) -> None:
    """Print the share of `texts` given each warning, and an example of each."""
    texts = [t for t in texts if letters_problem(t) is None]
    vocabulary = scorer.model.vocabulary
    found: Counter[str] = Counter()
    example: dict[str, str] = {}
    extractions = [scorer.extract(t) for t in texts]
    start = time.perf_counter()
    for text, extraction in zip(texts, extractions, strict=True):
        for caveat in caveats(extraction.norms, vocabulary, extraction.tokens):
            found[caveat.code] += 1
            example.setdefault(caveat.code, text)
    seconds = time.perf_counter() - start
    print(f"{name}: {len(texts):,} headlines; the check took {seconds / max(1, len(texts)) * 1e6:.2f} µs a headline")
    for code in ("unfamiliar_words", "repeated_words", "too_short"):
        share = found[code] / max(1, len(texts))
        shown = f"  e.g. {example[code][:70]!r}" if code in example else ""
        print(f"  {code:<17} {found[code]:>6,} ({share:.2%}){shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, action="append", help="a labelled corpus (repeatable)")
    args = parser.parse_args()
    scorer = Scorer.load()
    print(f"scorer from {Path(scorer_package.__file__).parent} ({scorer_package.build_name()}); "
          f"model {scorer.model.name} {scorer.model.version}")
    corpora = args.data or [p for p in (SHARED / "chakraborty2016", SHARED / "webis-clickbait-17") if p.exists()]
    if not corpora:
        print("no corpus given and ../shared/data is absent: English rates skipped")
    for path in corpora:
        corpus = read_corpus(path)
        rates(scorer, f"{corpus.name} (English)", list(corpus.texts))
    rows = [line.split("\t") for line in LANGUAGES.read_text("utf-8").splitlines() if line and line[0] != "#"]
    for language in sorted({lang for lang, _ in rows}):
        rates(scorer, f"{LANGUAGES.name} [{language}]", [text for lang, text in rows if lang == language])
    rates(scorer, f"{LANGUAGES.name} (all six languages)", [text for _, text in rows])


if __name__ == "__main__":
    main()
