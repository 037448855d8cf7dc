"""The `Scorer`: one object that holds a lexicon and a model and scores headlines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .caveats import caveats
from .errors import InputError
from .explain import Model, label_for, sigmoid
from .extract import Extraction, check_text, extract
from .lexicon import Lexicon, default_lexicon
from .result import ScoreResult
from .rules import RuleModel

__all__ = ["MAX_BODY_CHARS", "Scorer"]

#: Longest article body accepted, in code points (about 40 printed pages).
MAX_BODY_CHARS = 200_000


@dataclass(frozen=True)
class Scorer:
    """Scores headlines (and optionally article bodies) for sensational, loaded writing.

    >>> scorer = Scorer.load()
    >>> scorer.score("Venezuela crisis: US sends CHILLING warning!").label
    'high'
    """

    model: Model
    lexicon: Lexicon

    @classmethod
    def load(cls, model_path: str | None = None) -> Scorer:
        """The default scorer: the shipped model (or the model at `model_path`) and lexicon."""
        lexicon = default_lexicon()
        return cls(model=_load_model(model_path, lexicon), lexicon=lexicon)

    @property
    def model_info(self) -> dict[str, str]:
        """The model's name and version, as reported in results."""
        return {"name": self.model.name, "version": self.model.version}

    def extract(self, headline: str) -> Extraction:
        """The evidence in a headline, before the model weighs it (in any script: capitals in ШОК count)."""
        return extract(headline, self.lexicon)

    def score(self, headline: str, body: str | None = None) -> ScoreResult:
        """Score one headline; with `body`, analyse the article body too.

        Raises `InputError` for empty, over-long or non-string input.
        """
        return self.score_many([headline], None if body is None else [body])[0]

    def score_many(
        self, headlines: Iterable[str], bodies: Iterable[str | None] | None = None
    ) -> list[ScoreResult]:
        """Score many headlines at once (faster than one by one: the model is vectorised).

        Any iterable of headlines (and of bodies) will do, a generator included;
        a single string is refused, as it would be scored character by character.
        """
        if isinstance(headlines, str):
            raise InputError("score_many takes a list of headlines, not one string; use score() for one headline")
        _check_not_table(headlines)
        headlines = list(headlines)
        if bodies is not None:
            if isinstance(bodies, str):
                raise InputError("bodies must be a list with one body (or None) per headline, not one string")
            bodies = list(bodies)
        if bodies is not None and len(bodies) != len(headlines):
            raise InputError(f"{len(headlines)} headlines but {len(bodies)} bodies")
        lexicon = self.lexicon  # the model reads English: a headline to score needs a Latin letter
        extractions = []
        for i, headline in enumerate(headlines):
            try:
                extractions.append(extract(headline, lexicon, to_score=True))
            except InputError as exc:
                if len(headlines) < 2:
                    raise
                raise InputError(f"headline {i} of {len(headlines)} (counting from 0): {exc}") from None
        explanations = self.model.explain_many(extractions)
        info = MappingProxyType(self.model_info)  # one read-only view for every result: none can change it
        thresholds = self.model.thresholds
        vocabulary = self.model.vocabulary
        results = []
        for i, (extraction, explanation) in enumerate(zip(extractions, explanations, strict=True)):
            score = sigmoid(explanation.decision)
            body = bodies[i] if bodies is not None else None
            results.append(
                ScoreResult.build(
                    extraction,
                    explanation,
                    score,
                    label_for(score, thresholds),
                    info,
                    MappingProxyType(self.analyse_body(body)) if body is not None else None,
                    caveats(extraction.norms, vocabulary, extraction.tokens),
                )
            )
        return results

    def analyse_body(self, body: str) -> dict[str, Any]:
        """Analyse an article body (see `scorer.body`)."""
        check_text(body, "body", MAX_BODY_CHARS)
        from .body import analyse_body

        return analyse_body(body, self)



def _check_not_table(headlines: object) -> None:
    """Refuse a mapping or a table, whose iteration gives its keys or column names rather than headlines."""
    if hasattr(headlines, "columns"):  # a pandas, Dask or Polars DataFrame
        raise InputError(
            "score_many takes a list of headlines, not a DataFrame (it would score the column names); "
            "pass one column, e.g. df['headline'], or use scorer.score_frame(df, 'headline')"
        )
    if isinstance(headlines, Mapping):
        raise InputError(
            "score_many takes a list of headlines, not a dict (it would score the keys); "
            "pass list(d.keys()) or list(d.values())"
        )


def _load_model(model_path: str | None, lexicon: Lexicon) -> Model:
    """The trained model at `model_path` or shipped in `models/`; the rule model if none is shipped."""
    from .model import load_default_model, load_model  # joblib and numpy load only when a model is

    if model_path is not None:
        return load_model(model_path, lexicon)
    return load_default_model(lexicon) or RuleModel()
