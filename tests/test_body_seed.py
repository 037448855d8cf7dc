"""The seed article as a fixture: speakers, voice, cross-promoted headlines, the credit line."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from scorer import Scorer
from scorer.body.scoring import BODY_WEIGHTS


@pytest.fixture(scope="module")
def seed_body(seed_article: dict[str, str]) -> str:
    """The body as pasted from the page: the credit line comes last."""
    return seed_article["body"] + "\n\n" + seed_article["source"] + "\n"


@pytest.fixture(scope="module")
def analysis(scorer: Scorer, seed_body: str) -> dict[str, Any]:
    return scorer.analyse_body(seed_body)


def _quote_containing(analysis: dict[str, Any], words: str) -> dict[str, Any]:
    found = [q for q in analysis["quotes"] if words in q["text"]]
    assert len(found) == 1, f"expected one quote with {words!r}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("The Maduro regime is illegitimate", "Trump"),
        ("we will take action", "Trump"),
        ("hold every official who orders violence", "State Department"),
        ("We reject this open interference", "Cuba"),
        ("Washington dreams of installing", "Cuba"),
        ("There can be no military solution", "Federica Mogherini"),
        ("time is running out", "Mike Pompeo"),
        ("We had been told that they were ready", "Mike Pompeo"),
        ("Neither side can back down", "Marta Velasco"),
        ("coup attempt", "Maduro"),
    ],
)
def test_seed_quotes_are_attributed_to_their_speakers(analysis: dict[str, Any], words: str, speaker: str) -> None:
    quote = _quote_containing(analysis, words)
    assert quote["speaker"] is not None and speaker in quote["speaker"]


def test_trumps_quote_spans_two_paragraphs_as_one_quotation(analysis: dict[str, Any], seed_body: str) -> None:
    quote = _quote_containing(analysis, "The Maduro regime is illegitimate")
    assert "we will take action" in quote["text"]
    assert "\n\n" in seed_body[quote["start"] : quote["end"]]
    assert quote["closed"] is True


@pytest.mark.parametrize("word", ["illegitimate", "regime"])
def test_loaded_words_in_trumps_quote_are_quoted_voice(analysis: dict[str, Any], word: str) -> None:
    spans = [e for e in analysis["evidence"] if e["text"].lower() == word]
    assert len(spans) == 2
    for span in spans:
        assert span["voice"] == "quoted"
        assert "Trump" in span["speaker"]
        assert span["kind"] == "loaded"


@pytest.mark.parametrize("word", ["chilling", "chaos", "brutal", "insists"])
def test_outlet_words_are_outlet_voice(analysis: dict[str, Any], word: str) -> None:
    spans = [e for e in analysis["evidence"] if e["text"].lower() == word]
    assert spans and all(e["voice"] == "outlet" and e["speaker"] is None for e in spans)


def test_hedges_are_found_in_the_outlets_voice(analysis: dict[str, Any]) -> None:
    hedges = {e["text"] for e in analysis["evidence"] if e["kind"] == "hedge"}
    assert {"It is believed", "reportedly", "analysts warned"} <= hedges


def test_read_more_lines_are_cross_promoted_headlines(analysis: dict[str, Any], seed_body: str, scorer: Scorer) -> None:
    promos = analysis["cross_promoted"]
    assert [p["headline"]["headline"] for p in promos] == [
        "Venezuela RIOTS: Tear gas and vehicles set on FIRE",
        "Venezuela CRISIS: Country on brink as failed military coup sparks riot",
    ]
    for promo in promos:
        assert seed_body[promo["start"] : promo["end"]].startswith("READ MORE:")
        headline = seed_body[promo["headline_start"] : promo["headline_end"]]
        assert promo["headline"]["label"] == scorer.score(headline).label
        # Kept out of the body's own text: no sentence or evidence inside the line.
        assert not any(promo["start"] <= s["start"] < promo["end"] for s in analysis["sentences"])
        assert not any(promo["start"] <= e["start"] < promo["end"] for e in analysis["evidence"])


def test_read_more_lines_score_high(analysis: dict[str, Any], scorer: Scorer) -> None:
    if scorer.model_info["name"] == "rules":
        pytest.skip("the rule model labels the READ MORE headlines moderate; the trained model is expected to say high")
    assert [p["headline"]["label"] for p in analysis["cross_promoted"]] == ["high", "high"]


def test_source_line_is_not_body_text(analysis: dict[str, Any], seed_body: str) -> None:
    assert [x["text"] for x in analysis["excluded"]] == ["source: express.co.uk"]
    start = seed_body.index("source: express.co.uk")
    assert all(s["end"] <= start for s in analysis["sentences"])
    assert all(source["name"] != "express.co.uk" for source in analysis["sources"])


def test_sources_table_lists_who_is_heard(analysis: dict[str, Any]) -> None:
    by_name = {s["name"]: s for s in analysis["sources"]}
    assert by_name["Donald Trump"]["quotes"] == 1
    assert by_name["Mike Pompeo"]["quotes"] == 2
    trump_words = sum(q["words"] for q in analysis["quotes"] if q["speaker"] == "Donald Trump")
    assert by_name["Donald Trump"]["quoted_words"] == trump_words
    words = [s["words"] for s in analysis["sources"]]
    assert words == sorted(words, reverse=True)
    assert abs(sum(s["share"] for s in analysis["sources"]) - 1.0) < 0.01


def test_components_add_up_to_the_score(analysis: dict[str, Any]) -> None:
    assert set(analysis["components"]) == set(BODY_WEIGHTS)
    assert abs(sum(analysis["components"].values()) - analysis["score"]) < 1e-3
    assert 0.0 <= analysis["score"] <= 1.0
    assert analysis["label"] in ("low", "moderate", "high")


def test_evidence_offsets_point_at_the_text(analysis: dict[str, Any], seed_body: str) -> None:
    for item in analysis["evidence"] + analysis["quotes"]:
        assert seed_body[item["start"] : item["end"]] == item["text"]
    for sentence in analysis["sentences"]:
        assert 0 <= sentence["start"] < sentence["end"] <= len(seed_body)
        assert 0.0 <= sentence["score"] <= 1.0


def test_result_to_dict_carries_the_body_section(scorer: Scorer, seed_article: dict[str, str]) -> None:
    result = scorer.score(seed_article["headline"], body=seed_article["body"])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["body"]["analysed"] is True
    assert {"score", "label", "components", "sentences", "evidence", "quotes", "sources", "cross_promoted"} <= set(
        data["body"]
    )


def test_cli_prints_the_body_analysis(tmp_path: Any, seed_article: dict[str, str]) -> None:
    path = tmp_path / "article.txt"
    path.write_text(seed_article["body"], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "scorer.cli", "score", "--json", "--body-file", str(path), seed_article["headline"]],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)["body"]
    assert any(q["speaker"] == "Donald Trump" for q in body["quotes"])
