"""Speakers in realistic news prose: pronouns, offices standing for a name, tags and quotation marks."""

from __future__ import annotations

from typing import Any

import pytest

from scorer import Scorer
from scorer.body.speakers import canonical_name


def _quotes(scorer: Scorer, body: str) -> list[dict[str, Any]]:
    return list(scorer.analyse_body(body)["quotes"])


def _check_speaker(scorer: Scorer, body: str, said: str, speaker: str, kind: str, how: str) -> None:
    """The body's one quotation: its speaker, the speaker's kind, how it was found, and a span on the first `said`."""
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == (speaker, kind, how)
    start = body.index(said)
    assert (quote["speaker_start"], quote["speaker_end"]) == (start, start + len(said))


@pytest.mark.parametrize(
    "body",
    [
        "Maria Lopez, the mayor, spoke on Monday. 'We will rebuild,' she said.",
        "Maria Lopez, the mayor, spoke on Monday. \u2018We will rebuild,\u2019 she said.",
        'Maria Lopez, the mayor, spoke on Monday. \u201cWe will rebuild,\u201d she said.',
        'The mayor, Maria Lopez, toured the flooded streets on Monday.\n\n"We will rebuild," she said.',
        'Mayor Maria Lopez met Governor John Smith on Monday. "We will rebuild," she said.',
        # The latest sentence that names someone decides, not an earlier one.
        'Governor John Smith left on Sunday. Maria Lopez, the mayor, stayed. "We will rebuild," she said.',
    ],
)
def test_she_said_is_the_person_named_before(scorer: Scorer, body: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == ("Maria Lopez", "person", "tag")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "she"
    assert quote["text"].strip("'\"\u2018\u2019\u201c\u201d,") == "We will rebuild"


@pytest.mark.parametrize(
    "body",
    [
        # Two people, neither the subject of the sentence: "she" could be either.
        'On Monday, Mayor Maria Lopez met Governor Ann Smith. "We will rebuild," she said.',
        'Reporters asked Mayor Maria Lopez and Governor Ann Smith about it. "We will rebuild," she said.',
        # Named too long before.
        'Mayor Maria Lopez spoke. Rain fell. Roads closed. Schools shut. "We will rebuild," she said.',
    ],
)
def test_she_said_is_left_open_when_the_text_does_not_say_who(scorer: Scorer, body: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] is None and quote["speaker_start"] is None


def test_she_said_twice_counts_for_one_source(scorer: Scorer) -> None:
    body = (
        "Maria Lopez, the mayor, spoke on Monday.\n\n"
        '"We will rebuild the town from the ground up," she said.\n\n'
        'Asked about the cost, she added: "Whatever it takes."'
    )
    result = scorer.analyse_body(body)
    assert [q["speaker"] for q in result["quotes"]] == ["Maria Lopez", "Maria Lopez"]
    assert [(s["name"], s["quotes"]) for s in result["sources"]] == [("Maria Lopez", 2)]


@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('President Donald Trump met reporters on Monday. "We will act," the president said.', "Donald Trump",
         "the president"),
        ('President Donald Trump met reporters.\n\nThe president said: "We will act."', "Donald Trump",
         "The president"),
        ('Foreign Minister Jorge Arreaza flew in. "It is finished," the foreign minister said.', "Jorge Arreaza",
         "the foreign minister"),
        ('Foreign Minister Jorge Arreaza flew in. "It is finished," the minister said.', "Jorge Arreaza",
         "the minister"),
        ('Angela Merkel, the German chancellor, spoke. "We will act," the chancellor said.', "Angela Merkel",
         "the chancellor"),
        # The latest holder: a former one is not "the president".
        ('Former President Barack Obama spoke first. Later President Joe Biden arrived. The crowd cheered. '
         '"We will act," the president said.', "Joe Biden", "the president"),
        ('President Joe Biden arrived after former President Barack Obama. "We will act," the president said.',
         "Joe Biden", "the president"),
    ],
)
def test_an_office_alone_is_the_person_last_named_with_it(scorer: Scorer, body: str, speaker: str, said: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, "person")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == said


@pytest.mark.parametrize(
    "body",
    [
        # Two presidents in one sentence: "the president" could be either.
        'President Donald Trump met President Emmanuel Macron. "We will act," the president said.',
        # Nobody named with the office.
        'Donald Trump met reporters. "We will act," the president said.',
        # A different office.
        'Prime Minister Boris Johnson spoke. "We will act," the foreign minister said.',
    ],
)
def test_an_office_alone_stays_an_office_when_its_holder_is_not_clear(scorer: Scorer, body: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] in ("president", "foreign minister")


def test_the_president_and_president_donald_trump_are_one_source(scorer: Scorer) -> None:
    body = (
        'President Donald Trump said: "The regime is illegitimate."\n\n'
        "The president said the talks were over.\n\n"
        '"We are ready to act," the president added.'
    )
    result = scorer.analyse_body(body)
    assert [q["speaker"] for q in result["quotes"]] == ["Donald Trump", "Donald Trump"]
    assert [(s["name"], s["quotes"], s["reported"]) for s in result["sources"]] == [("Donald Trump", 2, 1)]


@pytest.mark.parametrize(
    ("body", "inner"),
    [
        ('Jane Doe said: "They told me \u201cyou are finished\u201d and walked off."', "\u201cyou are finished\u201d"),
        ('Jane Doe said: \u201cThey told me "you are finished" and walked off.\u201d', '"you are finished"'),
        ("Jane Doe said: \u201cThey told me \u2018you\u2019re finished\u2019 and walked off.\u201d",
         "\u2018you\u2019re finished\u2019"),
    ],
)
def test_a_quotation_in_another_style_of_marks_is_nested(scorer: Scorer, body: str, inner: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["text"], quote["closed"], quote["speaker"]) == (body[body.index(":") + 2 :], True, "Jane Doe")
    assert inner in quote["text"]


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        ('"We will rebuild," said Mayor Maria Lopez. "We have done it before."', ["Maria Lopez", "Maria Lopez"]),
        ("\u2018We will win,\u2019 the minister said. \u2018They will lose.\u2019", ["minister", "minister"]),
        ('"We will rebuild," said Mayor Maria Lopez.\n\n"Never again."', ["Maria Lopez", "Maria Lopez"]),
        # A short quotation inside a sentence is a label, not the speaker's next words.
        ('"We will rebuild," said Mayor Maria Lopez. The plan was "pure fantasy" from the start.',
         ["Maria Lopez", None]),
        ('"We will rebuild," said Mayor Maria Lopez. "Pure fantasy" was the verdict.', ["Maria Lopez", None]),
    ],
)
def test_a_short_quotation_that_is_a_sentence_continues_the_speaker(
    scorer: Scorer, body: str, speakers: list[str | None]
) -> None:
    assert [q["speaker"] for q in _quotes(scorer, body)] == speakers


@pytest.mark.parametrize(
    ("body", "speaker", "kind"),
    [
        ("According to Mr Smith, \u201cthe plan will fail\u201d.", "Smith", "person"),
        ('According to the ministry, "all roads will reopen by Friday".', "ministry", "organisation"),
        ('"All roads will reopen by Friday," according to the ministry.', "ministry", "organisation"),
        ('"The water rose in minutes," according to witnesses.', "witnesses", "group"),
        ('"All roads will reopen by Friday," according to reports.', None, None),
        ('According to a statement, "all roads will reopen".', None, None),
    ],
)
def test_according_to_names_the_source(scorer: Scorer, body: str, speaker: str | None, kind: str | None) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, kind)
    if speaker is not None:
        assert speaker in body[quote["speaker_start"] : quote["speaker_end"]]


@pytest.mark.parametrize(
    ("body", "speaker", "kind"),
    [
        ('"We are monitoring the situation," a spokeswoman for the ministry said.', "ministry", "organisation"),
        ('"We are monitoring the situation," said a spokesman for the Foreign Office.', "Foreign Office",
         "organisation"),
        ('A Foreign Office spokesman said: "We are monitoring the situation."', "Foreign Office", "organisation"),
        ('"We are monitoring the situation," Amnesty International said.', "Amnesty International",
         "organisation"),
        ('Prime Minister Boris Johnson spoke first. Later the prime minister added: "And soon."', "Boris Johnson",
         "person"),
    ],
)
def test_organisations_and_their_spokespeople(scorer: Scorer, body: str, speaker: str, kind: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, kind)


def test_a_police_spokesman_and_the_police_are_one_source(scorer: Scorer) -> None:
    body = (
        "Police said the suspect had been arrested.\n\n"
        '"We urge anyone with information to come forward," a police spokesman said.'
    )
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"].lower(), s["kind"], s["quotes"], s["reported"]) for s in sources] == [
        ("police", "organisation", 1, 1)
    ]


@pytest.mark.parametrize("mark", ["\u2018", "'"])
def test_a_quotation_in_single_marks_runs_over_paragraphs_that_reopen_it(scorer: Scorer, mark: str) -> None:
    close = "\u2019" if mark == "\u2018" else "'"
    body = f"Jane Doe said: {mark}We will win.\n\n{mark}We will rebuild the whole town, street by street.{close}"
    body += "\n\nOfficials agreed."
    (quote,) = _quotes(scorer, body)
    assert (quote["start"], quote["end"], quote["closed"]) == (body.index(mark), body.index(close + "\n\n") + 1, True)
    assert (quote["speaker"], quote["mark"]) == ("Jane Doe", "single")


def test_a_quotation_in_single_marks_never_closed_ends_with_its_paragraphs(scorer: Scorer) -> None:
    body = "Jane Doe said: \u2018We will win.\n\n\u2018We will rebuild.\n\nOfficials agreed."
    quotes = _quotes(scorer, body)
    expected = [("\u2018We will win.", False), ("\u2018We will rebuild.", False)]
    assert [(q["text"], q["closed"]) for q in quotes] == expected
    assert all("Officials" not in q["text"] for q in quotes)


@pytest.mark.parametrize("verb", ["promised", "pledged", "stressed", "revealed", "reiterated", "insisted"])
def test_more_speech_verbs_tag_a_quotation(scorer: Scorer, verb: str) -> None:
    (quote,) = _quotes(scorer, f'"We will rebuild the town," Jane Doe {verb} on Monday.')
    assert (quote["speaker"], quote["attributed_by"]) == ("Jane Doe", "tag")


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('"We will act," Smith, 45, a teacher, told the BBC.', "Smith"),
        ('"We are watching closely," Dmitry Peskov, the Kremlin\'s spokesman, told reporters.', "Dmitry Peskov"),
        ('"Stay calm," the EU Foreign Minister, Federica Mogherini, said.', "Federica Mogherini"),
        ('"We reject this," the ministry, in a statement, said.', "ministry"),
    ],
)
def test_a_tag_speaker_leaves_out_what_stands_in_apposition(scorer: Scorer, body: str, speaker: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] == speaker
    assert body[quote["speaker_start"] : quote["speaker_end"]].endswith(speaker)


@pytest.mark.parametrize("marks", [("\u2018", "\u2019"), ("'", "'")])
def test_a_plural_possessive_inside_single_marks_does_not_close_the_quotation(
    scorer: Scorer, marks: tuple[str, str]
) -> None:
    o, c = marks
    body = f"Mr Smith, the union leader, spoke. {o}The players{c} union will fight this all the way,{c} he said."
    (quote,) = _quotes(scorer, body)
    assert quote["text"] == f"{o}The players{c} union will fight this all the way,{c}"
    assert (quote["speaker"], quote["closed"]) == ("Smith", True)


@pytest.mark.parametrize(
    ("body", "texts"),
    [
        # A scare quote that ends in "s" before a lower-case word still closes there.
        ("Critics dismissed the \u2018new rules\u2019 as a gimmick.", ["\u2018new rules\u2019"]),
        (
            "He called them \u2018dangerous claims\u2019 and left. \u2018We will win,\u2019 she said.",
            ["\u2018dangerous claims\u2019", "\u2018We will win,\u2019"],
        ),
    ],
)
def test_a_scare_quote_ending_in_s_still_closes(scorer: Scorer, body: str, texts: list[str]) -> None:
    assert [q["text"] for q in _quotes(scorer, body)] == texts


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Army Corps of Engineers", ("Army Corps of Engineers", "organisation")),
        ("The Bank of England", ("Bank of England", "organisation")),
        ("the University of Oxford", ("University of Oxford", "organisation")),
        ("A spokeswoman for the Army Corps of Engineers", ("Army Corps of Engineers", "organisation")),
        ("John Smith of Leeds", ("John Smith", "person")),
        ("Mr Smith of Leeds", ("Smith", "person")),
    ],
)
def test_names_with_of_are_institutions_or_a_person_and_a_place(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


def test_she_after_a_spokeswoman_is_her_organisation(scorer: Scorer) -> None:
    body = (
        "A spokeswoman for the Army Corps of Engineers said the levee had been inspected last year.\n\n"
        "\u201cWe are reviewing what happened,\u201d she said, adding that a full report would follow."
    )
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["speaker_kind"]) == ("Army Corps of Engineers", "organisation")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "she"
    assert [(s["name"], s["quotes"], s["reported"]) for s in result["sources"]] == [("Army Corps of Engineers", 1, 1)]


@pytest.mark.parametrize(
    "body",
    [
        'The plan, according to Mr Smith, is "a disaster for everyone involved".',
        'According to Mr Smith, the plan is "a disaster for everyone involved".',
    ],
)
def test_a_partial_quotation_in_a_claim_according_to_someone_is_theirs(scorer: Scorer, body: str) -> None:
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["attributed_by"]) == ("Smith", "reported")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "Mr Smith"
    assert [(s["name"], s["quotes"], s["reported"]) for s in result["sources"]] == [("Smith", 1, 1)]


def test_according_to_a_source_is_reported_speech(scorer: Scorer) -> None:
    body = "According to the National Weather Service, more than eight inches of rain fell in twelve hours."
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"], s["kind"], s["reported"], s["words"]) for s in sources] == [
        ("National Weather Service", "organisation", 1, 10)
    ]


@pytest.mark.parametrize(
    "body",
    [
        "\u201cAll roads will reopen by Friday,\u201d according to the ministry.",
        "According to the ministry, \u201call roads will reopen by Friday\u201d.",
    ],
)
def test_according_to_as_a_quotations_tag_or_lead_in_is_not_counted_twice(scorer: Scorer, body: str) -> None:
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"], s["quotes"], s["reported"]) for s in sources] == [("ministry", 1, 0)]


def test_it_said_is_the_institution_named_by_its_kind(scorer: Scorer) -> None:
    body = 'The ministry issued a statement on Tuesday. "We reject this," it said. "We will respond," it added.'
    quotes = _quotes(scorer, body)
    assert [(q["speaker"], q["speaker_kind"], body[q["speaker_start"] : q["speaker_end"]]) for q in quotes] == [
        ("ministry", "organisation", "it"),
        ("ministry", "organisation", "it"),
    ]


def test_they_said_is_not_taken_for_an_institution_named_only_by_its_kind(scorer: Scorer) -> None:
    body = 'Protesters clashed with the police on Monday. "We were attacked," they said.'
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Mayor Maria Lopez", ("Maria Lopez", "person")),
        ("Detective Inspector Jane Doe", ("Jane Doe", "person")),
        ("Julie Bishop", ("Julie Bishop", "person")),  # a surname, not the office
    ],
)
def test_more_titles_are_left_out_of_names(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Tom Reed of Amnesty International", ("Tom Reed", "person")),
        ("Dr Tom Reed of the University of Oxford", ("Tom Reed", "person")),
        ("Sarah Jones of Human Rights Watch", ("Sarah Jones", "person")),
        ("Mayor Sadiq Khan of London", ("Sadiq Khan", "person")),
        ("Ms Jones of the Red Cross", ("Jones", "person")),
        # Institutions named with "of" stay institutions.
        ("the Royal Bank of Scotland", ("Royal Bank of Scotland", "organisation")),
        ("the London School of Economics", ("London School of Economics", "organisation")),
        ("the National Institutes of Health", ("National Institutes of Health", "organisation")),
        ("the People's Republic of China", ("People's Republic of China", "organisation")),
    ],
)
def test_a_person_of_an_organisation_is_the_person(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "said", "how"),
    [
        ('Tom Reed of Amnesty International said: "The arrests are unlawful."', "Tom Reed of Amnesty International",
         "lead-in"),
        ('"The arrests are unlawful," said Tom Reed of Amnesty International.', "Tom Reed of Amnesty International",
         "tag"),
        ('"The arrests are unlawful," Tom Reed of Amnesty International told reporters.',
         "Tom Reed of Amnesty International", "tag"),
        ('"The arrests are unlawful," said Tom Reed of Leeds.', "Tom Reed of Leeds", "tag"),
    ],
)
def test_a_quotation_from_a_person_of_an_organisation_is_the_persons(
    scorer: Scorer, body: str, said: str, how: str
) -> None:
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == ("Tom Reed", "person", how)
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))
    assert [(s["name"], s["kind"]) for s in result["sources"]] == [("Tom Reed", "person")]


def test_reported_speech_from_a_person_of_an_organisation_is_the_persons(scorer: Scorer) -> None:
    body = "Tom Reed of Amnesty International said the arrests were unlawful."
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"], s["kind"], s["reported"]) for s in sources] == [("Tom Reed", "person", 1)]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("So", ("", "group")),
        ("However", ("", "group")),
        ("White House", ("White House", "organisation")),
        ("Jack White", ("Jack White", "person")),
    ],
)
def test_a_capitalised_connective_or_place_word_is_no_persons_name(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


def test_so_said_does_not_make_so_a_source(scorer: Scorer) -> None:
    body = "The ministry will not back down.\n\nSo said Ana Ruiz, the interior minister, on Tuesday."
    assert all(s["name"] != "So" for s in scorer.analyse_body(body)["sources"])


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # The subject is a man; "she" is the woman named after him.
        ('Governor John Smith met Mayor Ana Ruiz on Monday. "It is over," she said.', "Ana Ruiz"),
        ('Mayor Ana Ruiz met Governor John Smith on Monday. "It is over," he said.', "John Smith"),
        ('Mr Tom Lee met Ms Eva Diaz. "It is over," she said.', "Eva Diaz"),
        # A sentence naming only a man does not decide "she": the one before does.
        ('Mayor Ana Ruiz spoke first. Governor John Smith replied. "It is over," she said.', "Ana Ruiz"),
    ],
)
def test_he_and_she_pass_over_people_of_the_other_gender(scorer: Scorer, body: str, speaker: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == (speaker, "person", "tag")
    pronoun = "she" if " she said" in body else "he"
    start = body.index(f" {pronoun} said") + 1
    assert (quote["speaker_start"], quote["speaker_end"]) == (start, start + len(pronoun))


@pytest.mark.parametrize(
    "body",
    [
        # Only a man is named: "she" is someone the text does not name.
        'Governor John Smith spoke first. "It is over," she said.',
        'Mr Smith said the talks had failed. "It is over," she said.',
        # "he" after only a woman is named is left open, not handed on to her as a continuation.
        '"We will rebuild," said Ana Ruiz. "It is over," he said.',
        # Both are women: the gender does not decide.
        'On Monday, Mayor Maria Lopez met Governor Ana Ruiz. "It is over," she said.',
    ],
)
def test_he_or_she_is_left_open_when_no_one_of_that_gender_is_named(scorer: Scorer, body: str) -> None:
    quotes = _quotes(scorer, body)
    assert quotes[-1]["speaker"] is None and quotes[-1]["speaker_start"] is None


def test_she_after_a_man_named_with_an_unknown_first_name_is_resolved_as_before(scorer: Scorer) -> None:
    # "Sam" tells no gender: the subject of the sentence is still taken.
    body = 'Governor Sam Smith met Mayor Ana Ruiz. "It is over," she said.'
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] == "Sam Smith"


@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('Mr Streeting told Sky News: "We will fix the NHS."', "Streeting", "Mr Streeting"),
        ('Health Secretary Wes Streeting told MPs: "We will fix the NHS."', "Wes Streeting",
         "Health Secretary Wes Streeting"),
        ('Mr Streeting asked Ms Badenoch: "Where is your plan?"', "Streeting", "Mr Streeting"),
        ('Mayor Ana Ruiz warned Governor John Smith: "We will sue."', "Ana Ruiz", "Mayor Ana Ruiz"),
        # With no one before the verb, the words after it are the speaker: 'Said Mike Pompeo:'.
        ('Said Mike Pompeo: "We will act."', "Mike Pompeo", "Mike Pompeo"),
    ],
)
def test_in_a_lead_in_the_one_told_or_asked_is_not_the_speaker(
    scorer: Scorer, body: str, speaker: str, said: str
) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["attributed_by"]) == (speaker, "lead-in")
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('Sarah Jones, a senior researcher at Chatham House, said: "The situation is critical."', "Sarah Jones",
         "Sarah Jones"),
        ('Ana Ruiz, 45, a nurse from Madrid, said: "We are exhausted."', "Ana Ruiz", "Ana Ruiz"),
        # A description with a name-like word of its own (GP) had given the speaker "GP".
        ('Dr Ahmed Khan, a local GP, said: "It was terrifying."', "Ahmed Khan", "Dr Ahmed Khan"),
        ('Maria Lopez, a BBC producer, said: "We filmed it all."', "Maria Lopez", "Maria Lopez"),
        # A description with no name: no one the text names speaks, so no one is given the words.
        ('A nurse from Madrid said: "We are exhausted."', None, None),
        ('A lawyer for Mr Smith said: "We will appeal."', None, None),
    ],
)
def test_a_place_or_employer_after_a_description_is_not_the_speaker(
    scorer: Scorer, body: str, speaker: str | None, said: str | None
) -> None:
    (quote,) = _quotes(scorer, body)
    assert quote["speaker"] == speaker
    if said is not None:
        assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("a nurse from Madrid", ("a nurse from Madrid", "group")),
        ("a lawyer for Mr Smith", ("a lawyer for Mr Smith", "group")),
        ("an economist at the Bank of England", ("Bank of England", "organisation")),
        ("US Secretary of State Mike Pompeo", ("Mike Pompeo", "person")),
    ],
)
def test_a_name_after_a_described_persons_preposition_is_not_their_name(
    phrase: str, expected: tuple[str, str]
) -> None:
    assert canonical_name(phrase) == expected


def test_reported_speech_of_a_person_described_in_apposition_is_theirs(scorer: Scorer) -> None:
    body = "Sarah Jones, a senior researcher at Chatham House, said the situation was critical."
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"], s["kind"], s["reported"]) for s in sources] == [("Sarah Jones", "person", 1)]


@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('"We did nothing wrong," said Carlos Mendez, 52, a shopkeeper in the capital.', "Carlos Mendez",
         "Carlos Mendez"),
        ('"We are watching closely," said Dmitry Peskov, the Kremlin\'s spokesman.', "Dmitry Peskov",
         "Dmitry Peskov"),
        ('"Stay calm," said the EU Foreign Minister, Federica Mogherini.', "Federica Mogherini",
         "Federica Mogherini"),
    ],
)
def test_an_inverted_tag_speaker_leaves_out_what_stands_in_apposition(
    scorer: Scorer, body: str, speaker: str, said: str
) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["attributed_by"]) == (speaker, "tag")
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Duke of Sussex", ("Duke of Sussex", "person")),
        ("Duchess of Cambridge", ("Duchess of Cambridge", "person")),
        ("the Prince of Wales", ("Prince of Wales", "person")),
        ("Prince Harry, Duke of Sussex", ("Prince Harry", "person")),
        # A royal named by one name keeps the title: "Harry" alone reads as a surname.
        ("Prince Harry", ("Prince Harry", "person")),
        ("King Charles", ("King Charles", "person")),
        ("Sir Keir Starmer", ("Keir Starmer", "person")),
    ],
)
def test_a_title_held_of_a_place_names_its_holder(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "speaker", "said", "how"),
    [
        ('"We will go on," the Duke of Sussex said.', "Duke of Sussex", "the Duke of Sussex", "tag"),
        ('The Duke of Sussex said: "We will go on."', "Duke of Sussex", "The Duke of Sussex", "lead-in"),
        ('"We will go on," said the Duke of Sussex.', "Duke of Sussex", "the Duke of Sussex", "tag"),
        ('"We will go on," Prince Harry, Duke of Sussex, said.', "Prince Harry", "Prince Harry", "tag"),
        ('Prince Harry, Duke of Sussex, said: "We will go on."', "Prince Harry", "Prince Harry", "lead-in"),
        ('Prince Harry, the Duke of Sussex, said: "We will go on."', "Prince Harry", "Prince Harry", "lead-in"),
    ],
)
def test_a_duke_of_a_place_is_the_duke_not_the_place(
    scorer: Scorer, body: str, speaker: str, said: str, how: str
) -> None:
    _check_speaker(scorer, body, said, speaker, "person", how)


def test_reported_speech_of_a_prince_named_with_his_title_is_his(scorer: Scorer) -> None:
    body = "Prince Harry, Duke of Sussex, said the press had been cruel."
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"], s["kind"], s["reported"]) for s in sources] == [("Prince Harry", "person", 1)]


def test_the_prince_after_prince_harry_is_prince_harry(scorer: Scorer) -> None:
    body = 'Prince Harry met reporters. "We will go on," the prince said.'
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == ("Prince Harry", "person")
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "the prince"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Friends of the Earth", ("Friends of the Earth", "organisation")),
        ("the Sisters of Mercy", ("Sisters of Mercy", "organisation")),
        ("Knights of Columbus", ("Knights of Columbus", "organisation")),
    ],
)
def test_a_plural_named_with_of_is_an_organisation(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "said", "how"),
    [
        ('"We must act now," Friends of the Earth said.', "Friends of the Earth", "tag"),
        ('Friends of the Earth said: "We must act now."', "Friends of the Earth", "lead-in"),
        ('"We must act now," said Friends of the Earth.', "Friends of the Earth", "tag"),
    ],
)
def test_friends_of_the_earth_is_an_organisation_not_a_person_called_earth(
    scorer: Scorer, body: str, said: str, how: str
) -> None:
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == (said, "organisation", how)
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))
    assert [(s["name"], s["kind"]) for s in result["sources"]] == [(said, "organisation")]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the chief executive of Acme", ("chief executive of Acme", "person")),
        ("The Mayor of London", ("Mayor of London", "person")),
        ("the head of the Red Cross", ("head of the Red Cross", "person")),
        ("Jane Doe, the chief executive of Acme", ("Jane Doe", "person")),
    ],
)
def test_an_office_of_an_organisation_names_its_holder_not_the_organisation(
    phrase: str, expected: tuple[str, str]
) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "speaker", "said", "how"),
    [
        ('"We will grow," the chief executive of Acme said.', "chief executive of Acme",
         "the chief executive of Acme", "tag"),
        ('The chief executive of Acme said: "We will grow."', "chief executive of Acme",
         "The chief executive of Acme", "lead-in"),
        ('Jane Doe, the chief executive of Acme, said: "We will grow."', "Jane Doe", "Jane Doe", "lead-in"),
    ],
)
def test_the_chief_executive_of_a_company_is_the_office_not_the_company(
    scorer: Scorer, body: str, speaker: str, said: str, how: str
) -> None:
    _check_speaker(scorer, body, said, speaker, "person", how)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Minister for Health Jane Doe", ("Jane Doe", "person")),
        ("President of France Emmanuel Macron", ("Emmanuel Macron", "person")),
        # No first name the list knows: the office alone, not "Health Doe".
        ("Minister for Health Doe", ("Minister for Health Doe", "person")),
        ("the Minister for Health", ("Minister for Health", "person")),
    ],
)
def test_the_portfolio_of_an_office_is_not_part_of_the_name(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "how"),
    [
        ('"We will act," Minister for Health Jane Doe said.', "tag"),
        ('Minister for Health Jane Doe said: "We will act."', "lead-in"),
        ('"We will act," said Minister for Health Jane Doe.', "tag"),
    ],
)
def test_minister_for_health_jane_doe_is_jane_doe(scorer: Scorer, body: str, how: str) -> None:
    (quote,) = _quotes(scorer, body)
    said = "Minister for Health Jane Doe"
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == ("Jane Doe", "person", how)
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("MPs", ("MPs", "group")),
        ("Several MPs", ("MPs", "group")),
        ("Labour MPs", ("Labour MPs", "group")),
        ("MEPs", ("MEPs", "group")),
    ],
)
def test_members_named_by_a_plural_initialism_are_a_group(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "speaker", "said", "how"),
    [
        ('"This is a scandal," MPs said.', "MPs", "MPs", "tag"),
        ('Several MPs told reporters: "This is a scandal."', "MPs", "Several MPs", "lead-in"),
        ('"This is a scandal," said Labour MPs.', "Labour MPs", "Labour MPs", "tag"),
    ],
)
def test_mps_are_a_group_not_a_person(scorer: Scorer, body: str, speaker: str, said: str, how: str) -> None:
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == (speaker, "group", how)
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


def test_reported_speech_of_mps_is_a_groups(scorer: Scorer) -> None:
    sources = scorer.analyse_body("MPs said the bill was flawed.")["sources"]
    assert [(s["name"], s["kind"], s["reported"]) for s in sources] == [("MPs", "group", 1)]


def test_according_to_mps_is_a_groups_claim(scorer: Scorer) -> None:
    body = 'According to MPs, "the bill is deeply flawed."'
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == ("MPs", "group")
    assert (quote["speaker_start"], quote["speaker_end"]) == (13, 16)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("The wife of John Smith", ("The wife of John Smith", "group")),
        ("a friend of Mr Smith", ("a friend of Mr Smith", "group")),
        ("Relatives of John Smith", ("Relatives of John Smith", "group")),
        # An office held "of" a place or an organisation is still read first.
        ("The Mayor of London", ("Mayor of London", "person")),
    ],
)
def test_a_relative_or_friend_of_someone_is_not_that_someone(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    "body",
    [
        'The wife of John Smith said: "We are heartbroken."',
        '"We are heartbroken," the wife of John Smith said.',
        'A friend of John Smith said: "He was always kind."',
        'The son of Mr Smith said: "He was always kind."',
        '"We will appeal," a lawyer for John Smith said.',
        'A lawyer for Mr Jones said: "We will appeal."',
    ],
)
def test_the_words_of_a_relative_or_lawyer_are_not_the_named_persons(scorer: Scorer, body: str) -> None:
    result = scorer.analyse_body(body)
    (quote,) = result["quotes"]
    assert (quote["speaker"], quote["speaker_kind"], quote["speaker_start"]) == (None, None, None)
    assert result["sources"] == []


@pytest.mark.parametrize(
    ("body", "speaker", "kind", "said"),
    [
        ('Relatives of John Smith said: "We are heartbroken."', "Relatives of John Smith", "group",
         "Relatives of John Smith"),
        ('John Smith, a resident of Leeds, said: "We are scared."', "John Smith", "person", "John Smith"),
    ],
)
def test_a_described_group_or_a_person_described_in_apposition_speaks(
    scorer: Scorer, body: str, speaker: str, kind: str, said: str
) -> None:
    _check_speaker(scorer, body, said, speaker, kind, "lead-in")


@pytest.mark.parametrize(
    "body",
    ["The wife of John Smith said the family was heartbroken.", "The son of Mr Smith said his father was kind."],
)
def test_reported_speech_of_a_relative_is_not_the_named_persons(scorer: Scorer, body: str) -> None:
    assert scorer.analyse_body(body)["sources"] == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the chief executive of Acme Bank", ("chief executive of Acme Bank", "person")),
        ("the governor of the Bank of England", ("governor of the Bank of England", "person")),
        ("Jane Doe, the chief executive of Acme Bank", ("Jane Doe", "person")),
        # The institution alone, or one that speaks through a spokesman, is still the institution.
        ("the Bank of England", ("Bank of England", "organisation")),
        ("a spokesman for the Bank of England", ("Bank of England", "organisation")),
    ],
)
def test_an_office_of_a_bank_names_its_holder_not_the_bank(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "speaker", "said", "how"),
    [
        ('The chief executive of Acme Bank said: "We will grow."', "chief executive of Acme Bank",
         "The chief executive of Acme Bank", "lead-in"),
        ('"We will grow," the chief executive of Acme Bank said.', "chief executive of Acme Bank",
         "the chief executive of Acme Bank", "tag"),
        ('The governor of the Bank of England said: "Rates will rise."', "governor of the Bank of England",
         "The governor of the Bank of England", "lead-in"),
        ('Jane Doe, the chief executive of Acme Bank, said: "We will grow."', "Jane Doe", "Jane Doe", "lead-in"),
    ],
)
def test_the_chief_executive_of_a_bank_speaks_as_a_person_not_the_bank(
    scorer: Scorer, body: str, speaker: str, said: str, how: str
) -> None:
    _check_speaker(scorer, body, said, speaker, "person", how)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the German chancellor", ("German chancellor", "person")),
        ("the German Chancellor", ("German Chancellor", "person")),
        ("the Israeli prime minister", ("Israeli prime minister", "person")),
        # A nationality alone, after "the", is not a role.
        ("the French", ("French", "organisation")),
        # A name before a role in lower case is still the name.
        ("Mr Smith the minister", ("Smith", "person")),
    ],
)
def test_a_nationality_in_a_role_is_part_of_the_role(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "speaker", "said", "how"),
    [
        ('Angela Merkel, the German chancellor, said: "We will act."', "Angela Merkel", "Angela Merkel", "lead-in"),
        ('"We will act," said Angela Merkel, the German chancellor.', "Angela Merkel", "Angela Merkel", "tag"),
        ('The German chancellor said: "We will act."', "German chancellor", "The German chancellor", "lead-in"),
        # The office alone, after its holder was named with it.
        ('Angela Merkel, the German chancellor, spoke. "We will act," the German chancellor said.', "Angela Merkel",
         "the German chancellor", "tag"),
    ],
)
def test_a_person_named_with_a_nationality_and_a_role_is_the_speaker(
    scorer: Scorer, body: str, speaker: str, said: str, how: str
) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == (speaker, "person", how)
    # The last occurrence: the office alone is named after its holder.
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.rindex(said), body.rindex(said) + len(said))


def test_reported_speech_of_a_person_named_with_a_nationality_and_a_role_is_theirs(scorer: Scorer) -> None:
    sources = scorer.analyse_body("Angela Merkel, the German chancellor, said the euro was safe.")["sources"]
    assert [(s["name"], s["kind"], s["reported"]) for s in sources] == [("Angela Merkel", "person", 1)]


@pytest.mark.parametrize(
    ("body", "speaker", "kind", "said"),
    [
        ('Ms Ruiz spoke for an hour, adding: "We will not stop."', "Ruiz", "person", "Ms Ruiz"),
        ('Ms Ruiz spoke for an hour, noting: "We will not stop."', "Ruiz", "person", "Ms Ruiz"),
        ('Ms Ruiz, 45, spoke for an hour, insisting: "We will not stop."', "Ruiz", "person", "Ms Ruiz"),
        ('The mayor, Maria Lopez, toured the town, warning: "The river will rise."', "Maria Lopez", "person",
         "Maria Lopez"),
        ('The ministry issued a statement on Monday, adding: "We will act."', "ministry", "organisation",
         "The ministry"),
        ('Ms Maria Lopez arrived. She spoke for an hour, adding: "We will not stop."', "Maria Lopez", "person",
         "She"),
        # Through a speech verb of the main clause, as before: the words after it are not the speaker.
        ('Mr Smith said Labour had failed, adding: "We will win."', "Smith", "person", "Mr Smith"),
        ('Mr Smith said Labour, adding: "We will win."', "Smith", "person", "Mr Smith"),
    ],
)
def test_a_participle_after_a_main_clause_takes_its_subject(
    scorer: Scorer, body: str, speaker: str, kind: str, said: str
) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, kind)
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


@pytest.mark.parametrize(
    "body",
    [
        # The sentence opens with something other than its subject: not guessed.
        'After the meeting, Ms Ruiz spoke for an hour, adding: "We will not stop."',
        # The main clause's subject is an unnamed relative.
        'The wife of John Smith spoke for an hour, adding: "We will not stop."',
    ],
)
def test_a_participle_gives_no_speaker_when_the_main_clause_names_none(scorer: Scorer, body: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_start"]) == (None, None)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ('Minister for Health Jane Doe spoke on Monday. "We will act," the health minister said.',
         "the health minister"),
        ('Minister for Health Jane Doe spoke on Monday.\n\nThe health minister said: "We will act."',
         "The health minister"),
        ('Minister for Health Jane Doe spoke on Monday. "We will act," the minister said.', "the minister"),
        ('Secretary for Education Jane Doe spoke on Monday. "We will act," the education secretary said.',
         "the education secretary"),
    ],
)
def test_an_office_named_with_its_portfolio_is_the_person_named_with_it(scorer: Scorer, body: str, said: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == ("Jane Doe", "person")
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


@pytest.mark.parametrize(
    "body",
    [
        # Two holders named together: either could be "the health minister".
        'Minister for Health Jane Doe met Minister for Health Ann Smith. "We will act," the health minister said.',
        # No first name the list knows: the phrase reads as the office, and names no holder.
        'Minister for Health Doe spoke on Monday. "We will act," the health minister said.',
        # A former holder does not hold the office now.
        'Former Minister for Health Jane Doe spoke on Monday. "We will act," the health minister said.',
    ],
)
def test_an_office_named_with_its_portfolio_stays_an_office_when_its_holder_is_not_clear(
    scorer: Scorer, body: str
) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == ("health minister", "person")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Minister for Foreign Affairs Jane Doe", ("Jane Doe", "person")),
        ("the Minister for Foreign Affairs", ("Minister for Foreign Affairs", "person")),
        # No first name the list knows: the office, not a person called "Affairs Doe".
        ("Minister for Foreign Affairs Doe", ("Minister for Foreign Affairs Doe", "person")),
    ],
)
def test_a_portfolio_that_opens_with_a_title_word_is_not_part_of_the_name(
    phrase: str, expected: tuple[str, str]
) -> None:
    assert canonical_name(phrase) == expected


def test_the_minister_for_foreign_affairs_is_the_person_named_with_the_office(scorer: Scorer) -> None:
    body = 'Minister for Foreign Affairs Jane Doe spoke. "We will act," the foreign affairs minister said.'
    (quote,) = _quotes(scorer, body)
    said = "the foreign affairs minister"
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == ("Jane Doe", "person", "tag")
    assert (quote["speaker_start"], quote["speaker_end"]) == (body.index(said), body.index(said) + len(said))


@pytest.mark.parametrize(
    ("body", "speaker", "said"),
    [
        ('"We will grow," said the chief executive of Acme Bank.', "chief executive of Acme Bank",
         "the chief executive of Acme Bank"),
        ('"We will act," said the interior minister.', "interior minister", "the interior minister"),
        ('"We will act," said the mayor of London on Monday.', "mayor of London", "the mayor of London"),
        # Not the nationality alone as an organisation.
        ('"We will act," said the German chancellor.', "German chancellor", "the German chancellor"),
        # The office alone, after its holder was named with it.
        ('President Donald Trump spoke. "We will act," said the president.', "Donald Trump", "the president"),
    ],
)
def test_an_inverted_tag_names_an_office(scorer: Scorer, body: str, speaker: str, said: str) -> None:
    _check_speaker(scorer, body, said, speaker, "person", "tag")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the Labour leader", ("Labour leader", "person")),
        ("the South African president", ("South African president", "person")),
        # A name before a role keeps the name; a name after "the" is an institution, as before.
        ("Smith the minister", ("Smith", "person")),
        ("The New York Times", ("New York Times", "organisation")),
    ],
)
def test_capitalised_words_between_the_and_a_role_say_which_role(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "how"),
    [
        ('Keir Starmer, the Labour leader, said: "We will win."', "lead-in"),
        ('"We will win," Keir Starmer, the Labour leader, said.', "tag"),
        ('Keir Starmer, the Labour Party leader, said: "We will win."', "lead-in"),
    ],
)
def test_a_person_named_with_a_party_role_in_apposition_is_the_speaker(scorer: Scorer, body: str, how: str) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"], quote["attributed_by"]) == ("Keir Starmer", "person", how)
    start = body.index("Keir Starmer")
    assert (quote["speaker_start"], quote["speaker_end"]) == (start, start + len("Keir Starmer"))


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('"We were surprised," said Dr. Priya Natarajan, who led the study.', "Priya Natarajan"),
        ('"It works," said Prof. Alan Hughes of Leeds.', "Alan Hughes"),
        ('"Ask not," said John F. Kennedy.', "John F. Kennedy"),
        ('"We were surprised," said Dr Priya Natarajan.', "Priya Natarajan"),
    ],
)
def test_a_title_or_initial_with_a_full_stop_does_not_end_the_speaker_after_a_quote(
    scorer: Scorer, body: str, speaker: str
) -> None:
    (quote,) = _quotes(scorer, body)
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, "person")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("A spokesman for the Department for Transport", ("Department for Transport", "organisation")),
        ("the Department for Education", ("Department for Education", "organisation")),
        ("A DWP spokesman", ("DWP", "organisation")),
        ("a GWR spokesperson", ("GWR", "organisation")),
        ("Minister for Health Jane Doe", ("Jane Doe", "person")),
        ("Mr Smith the minister", ("Smith", "person")),
    ],
)
def test_a_spokesperson_speaks_for_a_department_named_with_for_or_an_initialism(
    phrase: str, expected: tuple[str, str]
) -> None:
    assert canonical_name(phrase) == expected


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('"We have a dream," said Martin Luther King Jr. The crowd cheered loudly.', "King Jr"),
        ('"We will win," said Malcolm X. Then he left.', "Malcolm X"),
        ('"We will appeal," said Mr Smith the spokesman.', "Smith"),
    ],
)
def test_a_sentence_after_a_name_ending_in_a_full_stop_is_not_part_of_it(
    scorer: Scorer, body: str, speaker: str
) -> None:
    assert [q["speaker"] for q in _quotes(scorer, body)] == [speaker]


def test_a_whose_clause_between_the_name_and_the_verb_is_set_aside(scorer: Scorer) -> None:
    body = 'But Mark Tully, whose daughter is in Year 9, said the policy went too far. "I need to reach her," he said.'
    analysis = scorer.analyse_body(body)
    assert [(s["name"], s["kind"]) for s in analysis["sources"]] == [("Mark Tully", "person")]
    assert [q["speaker"] for q in analysis["quotes"]] == ["Mark Tully"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('Henrik Aalto, the City manager, was angry. "We were robbed," he said.', "Henrik Aalto"),
        ('"We were robbed," said Prosecutor Helen Ashworth.', "Helen Ashworth"),
    ],
)
def test_sport_and_court_roles_name_a_person(scorer: Scorer, body: str, speaker: str) -> None:
    assert [(q["speaker"], q["speaker_kind"]) for q in _quotes(scorer, body)] == [(speaker, "person")]


def test_an_auxiliary_before_the_verb_is_not_part_of_the_speaker() -> None:
    assert canonical_name("Councillor Mark Fenn has") == ("Mark Fenn", "person")


def test_a_passive_hedge_is_not_the_speech_of_its_subject(scorer: Scorer) -> None:
    analysis = scorer.analyse_body('PRINCE Edward is said to be "absolutely furious".')
    assert analysis["sources"] == [] and [q["speaker"] for q in analysis["quotes"]] == [None]
    named = scorer.analyse_body('Councillor Mark Fenn has called the budget "reckless".')
    assert [(s["name"], s["kind"]) for s in named["sources"]] == [("Mark Fenn", "person")]
