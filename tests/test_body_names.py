"""The gender a speaker phrase tells, read from titles and the shipped first-name list."""

from __future__ import annotations

import pytest

from scorer.body.names import default_first_names, gender_of, parse_first_names
from scorer.errors import LexiconError


@pytest.mark.parametrize(
    ("phrase", "name", "gender"),
    [
        ("Interior Minister Ana Ruiz", "Ana Ruiz", "f"),
        ("Governor John Smith", "John Smith", "m"),
        ("Mr Smith", "Smith", "m"),
        ("Ms Ruiz", "Ruiz", "f"),
        ("Dame Judi Dench", "Judi Dench", "f"),
        ("José Martínez", "José Martínez", "m"),
        ("she", "Ana Ruiz", "f"),
        ("a spokeswoman for the ministry", "ministry", "f"),
        # Nothing tells: a surname alone, a name not in the list, one borne by both, a "-man" title.
        ("Ruiz", "Ruiz", None),
        ("Governor Sam Smith", "Sam Smith", None),
        ("Andrea Rossi", "Andrea Rossi", None),
        ("a spokesman for the ministry", "ministry", None),
        # The words disagree: nothing is told.
        ("Mr Ana Ruiz", "Ana Ruiz", None),
    ],
)
def test_a_title_or_first_name_tells_the_gender(phrase: str, name: str, gender: str | None) -> None:
    assert gender_of(phrase, name, default_first_names()) == gender


def test_the_shipped_name_list_holds_common_names_of_each_gender() -> None:
    names = default_first_names()
    assert (names["ana"], names["john"], names["maria"], names["jose"]) == ("f", "m", "f", "m")
    assert not {"alex", "sam", "andrea", "jean", "kim"} & set(names)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# only a comment\n", r"first_names\.tsv:1: header must be"),
        ("name\tgender\nana\tx\n", r"first_names\.tsv:2: gender 'x' must be one of f, m"),
        ("name\tgender\nAna\tf\n", r"first_names\.tsv:2: name 'Ana' must be lower-case"),
        ("name\tgender\nana\tf\n# c\nana\tm\n", r"first_names\.tsv:4: name 'ana' already on line 2"),
        ("name\tgender\nana\n", r"first_names\.tsv:2: expected 2 tab-separated columns, found 1"),
    ],
)
def test_a_malformed_name_list_names_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_first_names(text)
