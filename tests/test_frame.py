"""`scorer.score_frame`: DataFrame scoring for notebooks, and the partition function of Dask and Spark."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pd = pytest.importorskip("pandas")

from scorer import InputError, Scorer, score_frame  # noqa: E402
from scorer.batch.columns import result_columns  # noqa: E402

from .conftest import SEED_HEADLINES  # noqa: E402


def test_adds_columns_keeps_index_and_input_unchanged(scorer: Scorer) -> None:
    df = pd.DataFrame({"title": list(SEED_HEADLINES), "n": [1, 2, 3]}, index=[7, 8, 9])
    before = df.copy()
    scored = score_frame(df, "title")
    pd.testing.assert_frame_equal(df, before)
    assert list(scored.columns) == ["title", "n", "score", "label", "components", "evidence", "warnings", "error"]
    assert list(scored.index) == [7, 8, 9]
    for headline, (_, row) in zip(SEED_HEADLINES, scored.iterrows(), strict=True):
        expected = result_columns(scorer.score(headline), "top", False, False)
        assert {k: row[k] for k in expected} == expected
        assert pd.isna(row["error"])


def test_bad_rows_are_marked_not_raised() -> None:
    df = pd.DataFrame({"headline": ["Fine headline", None, "", "x" * 2_001, 42]})
    scored = score_frame(df, "headline")
    assert scored["score"].notna().tolist() == [True, False, False, False, False]
    reasons = scored["error"].tolist()
    assert "empty" in reasons[1] and "empty" in reasons[2] and "2,001" in reasons[3] and "string" in reasons[4]


@pytest.mark.parametrize("dtype", ["string", "object"])
def test_pandas_na_is_missing_text_not_a_value(dtype: str) -> None:
    df = pd.DataFrame({"headline": pd.Series(["Fine headline", pd.NA], dtype=dtype)})
    scored = score_frame(df, "headline")
    assert scored["score"].notna().tolist() == [True, False]
    assert "empty" in scored["error"].iloc[1]


def test_full_evidence_is_json_text(scorer: Scorer) -> None:
    scored = score_frame(pd.DataFrame({"headline": [SEED_HEADLINES[0]]}), evidence="all")
    spans = json.loads(scored["evidence"].iloc[0])
    assert spans == [e.to_dict() for e in scorer.score(SEED_HEADLINES[0]).evidence]
    assert all(SEED_HEADLINES[0][s["start"] : s["end"]] == s["text"] for s in spans)


def test_body_columns_are_added(scorer: Scorer) -> None:
    df = pd.DataFrame({"headline": [SEED_HEADLINES[1], "Quiet day"], "body": ["Rioters set cars on fire.", None]})
    scored = score_frame(df, "headline", "body")
    assert {"body_score", "body_label"} <= set(scored.columns)
    body = scorer.score(SEED_HEADLINES[1], body="Rioters set cars on fire.").body or {}
    expected = body.get("score")
    if isinstance(expected, float):
        assert scored["body_score"].iloc[0] == round(expected, 6)
    else:
        assert pd.isna(scored["body_score"].iloc[0])
    assert pd.isna(scored["body_score"].iloc[1])


def test_empty_frame_has_the_columns_and_types() -> None:
    scored = score_frame(pd.DataFrame({"headline": pd.Series([], dtype=object)}))
    assert list(scored.columns) == ["headline", "score", "label", "components", "evidence", "warnings", "error"]
    assert scored["score"].dtype == "float64"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"text_column": "nope"}, "no column 'nope'"), ({"evidence": "some"}, "evidence must be")],
)
def test_argument_errors(kwargs: dict[str, str], match: str) -> None:
    with pytest.raises(InputError, match=match):
        score_frame(pd.DataFrame({"headline": ["A"]}), **kwargs)  # type: ignore[arg-type]


def test_existing_column_needs_a_prefix() -> None:
    df = pd.DataFrame({"headline": ["A SHOCK"], "label": ["mine"]})
    with pytest.raises(InputError, match="prefix"):
        score_frame(df)
    assert score_frame(df, prefix="s_")["label"].tolist() == ["mine"]


def test_import_scorer_does_not_import_the_frame_module() -> None:
    code = "import sys, scorer; assert 'scorer.batch.frame' not in sys.modules; scorer.score_frame; " \
           "assert 'scorer.batch.frame' in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_text_column_name_used_twice_is_an_input_error() -> None:
    df = pd.DataFrame([["Markets SOAR!", "x"]], columns=["headline", "headline"])
    with pytest.raises(InputError, match="more than one column named 'headline'"):
        score_frame(df, "headline")


def test_missing_text_values_are_none_whether_or_not_another_row_failed() -> None:
    scored = score_frame(pd.DataFrame({"headline": ["Markets SOAR!", "", "Budget passed"]}), "headline")
    assert scored["error"].tolist()[0] is None and scored["error"].tolist()[2] is None
    assert "empty" in scored["error"].iloc[1]
    assert scored["label"].tolist()[1] is None and scored["components"].tolist()[1] is None
    assert [bool(e) for e in scored["error"]] == [False, True, False]


@pytest.mark.parametrize(
    ("series", "hint"),
    [(pd.Series(["Markets SOAR!"]), "series.to_frame('headline') with text_column='headline'"),
     (pd.Series(["Markets SOAR!"], name="title"), "series.to_frame('title') with text_column='title'")],
)
def test_a_series_is_refused_with_how_to_make_it_a_frame(series: pd.Series, hint: str) -> None:
    with pytest.raises(InputError, match="takes a DataFrame, not a Series") as caught:
        score_frame(series, "headline")  # type: ignore[arg-type]
    assert hint in str(caught.value)
    name = "title" if "title" in hint else "headline"
    assert score_frame(series.to_frame(name), name)["label"].notna().all()  # the hint works


def test_something_else_than_a_frame_is_an_input_error() -> None:
    with pytest.raises(InputError, match="takes a pandas DataFrame, not list"):
        score_frame(["Markets SOAR!"])  # type: ignore[arg-type]


def test_multiindex_columns_are_refused_with_how_to_flatten_them() -> None:
    columns = pd.MultiIndex.from_tuples([("meta", "id"), ("headline", "text")])
    df = pd.DataFrame([[1, "Markets SOAR!"]], columns=columns)
    with pytest.raises(InputError, match="MultiIndex of 2 levels") as caught:
        score_frame(df, "headline")
    message = str(caught.value)
    assert "('meta', 'id')" in message and "more than one column" not in message
    flatten = message.split("e.g. ", 2)[2].split(", and", 1)[0]
    exec(flatten, {}, {"df": df})  # the suggested line runs and flattens
    assert list(df.columns) == ["meta_id", "headline_text"]
    assert score_frame(df, "headline_text")["score"].notna().all()


def test_a_clash_lists_every_clashing_column_and_offers_a_prefix_that_clashes_with_nothing() -> None:
    df = pd.DataFrame({"headline": ["A SHOCK"], "label": ["mine"], "error": [None], "scorer_score": [1.0]})
    with pytest.raises(InputError) as caught:
        score_frame(df)
    assert "already has columns 'label', 'error', which scoring adds; give prefix='scorer2_'" in str(caught.value)
    with pytest.raises(InputError) as caught:
        score_frame(df, prefix="scorer_")
    assert "a column 'scorer_score', which scoring adds with the prefix 'scorer_'" in str(caught.value)
    assert "another prefix, e.g. prefix='scorer2_'" in str(caught.value)
    assert score_frame(df, prefix="scorer2_")["scorer_score"].tolist() == [1.0]


def test_an_empty_selection_keeps_its_multiindex_and_names() -> None:
    df = pd.DataFrame(
        {"outlet": ["Wire", "Tabloid"], "day": ["2024-01-01", "2024-01-02"], "headline": ["Budget passed", "SHOCK!"]}
    ).set_index(["outlet", "day"])
    empty = score_frame(df[df["headline"].str.contains("nothing")], "headline")
    assert len(empty) == 0 and list(empty.index.names) == ["outlet", "day"]
    assert list(empty.columns) == ["headline", "score", "label", "components", "evidence", "warnings", "error"]
    scored = score_frame(df, "headline")
    assert list(scored.index) == list(df.index) and scored["label"].notna().all()


def test_an_empty_frame_keeps_its_index_name_and_type() -> None:
    df = pd.DataFrame({"headline": pd.Series([], dtype=object)}, index=pd.Index([], dtype="datetime64[ns]", name="day"))
    scored = score_frame(df)
    assert scored.index.name == "day" and scored.index.dtype == "datetime64[ns]"


def test_attrs_and_the_columns_name_are_kept() -> None:
    df = pd.DataFrame({"headline": ["Markets SOAR!"]})
    df.attrs["source"] = "wire archive"
    df.columns.name = "fields"
    scored = score_frame(df)
    assert scored.attrs == {"source": "wire archive"} and scored.columns.name == "fields"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"prefix": None}, r"prefix must be a string \(\"\" for none\), not NoneType"),
        ({"scorer": "x"}, "scorer must be a scorer.Scorer"),
        ({"text_column": ["headline"]}, "text_column must be one column's name"),
        ({"body_column": ["body"]}, "body_column must be one column's name, not a list"),
    ],
)
def test_arguments_of_the_wrong_type_are_input_errors(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(InputError, match=match):
        score_frame(pd.DataFrame({"headline": ["A headline"]}), **kwargs)  # type: ignore[arg-type]


def test_the_list_of_columns_in_the_message_says_when_it_is_cut() -> None:
    df = pd.DataFrame({f"c{i}": [1] for i in range(25)})
    with pytest.raises(InputError, match=r"c19, …$"):
        score_frame(df, "headline")


def test_a_body_that_is_not_text_fails_its_row_instead_of_being_ignored() -> None:
    df = pd.DataFrame({"headline": ["Budget passed", "Markets SOAR!", "Rates held"], "body": [42, None, ["x"]]})
    scored = score_frame(df, "headline", "body")
    assert scored["error"].tolist() == [
        "body must be a string, not a number", None, "body must be a string, not a list"
    ]
    assert scored["score"].notna().tolist() == [False, True, False]


def test_a_column_named_by_a_number_is_scored() -> None:
    df = pd.DataFrame([["Markets SOAR!", "Shares rose sharply."]])  # as read_csv(header=None) names them: 0, 1
    scored = score_frame(df, 0, 1)
    assert scored["score"].notna().all() and scored["error"].isna().all()
