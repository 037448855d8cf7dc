"""Tables of short bodies with the expected sentences, quotes, voice, speaker and devices."""

from __future__ import annotations

from typing import Any

import pytest

from scorer import Scorer
from scorer.body.quotes import UNCLOSED_QUOTE_MAX_CHARS
from scorer.body.sentences import find_layout, split_sentences
from scorer.body.speakers import canonical_name


def _sentences(body: str) -> list[str]:
    layout = find_layout(body)
    return [body[s.start : s.end] for i, p in enumerate(layout.paragraphs) for s in split_sentences(body, p, i)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The U.S. will act. Talks failed.", ["The U.S. will act.", "Talks failed."]),
        ("Dr. Marta Velasco spoke. Mr Maduro left.", ["Dr. Marta Velasco spoke.", "Mr Maduro left."]),
        ("He met J. Smith at 3.30pm today. It rained.", ["He met J. Smith at 3.30pm today.", "It rained."]),
        ('She said: "Stop. Now." Then she left.', ['She said: "Stop.', 'Now."', "Then she left."]),
        ("First paragraph\n\nSecond one", ["First paragraph", "Second one"]),
        ("Is it over? Nobody knows! Wait…", ["Is it over?", "Nobody knows!", "Wait…"]),
        (
            "Prices rose 2.5 per cent. Grain, e.g. Rye, cost more.",
            ["Prices rose 2.5 per cent.", "Grain, e.g. Rye, cost more."],
        ),
        ("no capitals here. or here.", ["no capitals here. or here."]),
        ("Growth was 3.2. Then it fell.", ["Growth was 3.2.", "Then it fell."]),
        ("It cost $1.5m. Then prices rose.", ["It cost $1.5m.", "Then prices rose."]),
        ("It was 3.2 per cent in the U.S. Then it fell.", ["It was 3.2 per cent in the U.S. Then it fell."]),
        ("Talks ended at 5 p.m. Reporters left.", ["Talks ended at 5 p.m. Reporters left."]),
    ],
)
def test_sentences_split_at_ends_not_abbreviations(body: str, expected: list[str]) -> None:
    assert _sentences(body) == expected


@pytest.mark.parametrize(
    ("line", "promo"),
    [
        ("READ MORE: Venezuela RIOTS: Tear gas and vehicles set on FIRE", True),
        ("Read more: Markets fall", True),
        ("RELATED - Ten things about the budget", True),
        ("More: ", False),
        ("Read more about it in our guide below, which explains " + "every detail " * 30, False),
        ("Readers wrote in: many were angry", False),
        ("Watch - The moment the dam burst", True),
        ("LATEST \u2013 Markets fall", True),
        ("Watch-makers gathered in Geneva on Monday.", False),
        ("Latest-generation phones sold out within hours.", False),
        ("More-or-less everyone agreed.", False),
    ],
)
def test_cross_promoted_lines(line: str, promo: bool) -> None:
    layout = find_layout(f"Story starts.\n\n{line}\n\nStory ends.")
    assert bool(layout.promos) is promo


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("READ MORE:   Venezuela RIOTS: Tear gas \t ", "Venezuela RIOTS: Tear gas"),
        ("Related - A", "A"),
        ("See also: Markets fall  after \t the vote\t", "Markets fall  after \t the vote"),
    ],
)
def test_a_cross_promoted_headline_runs_to_the_last_visible_character(line: str, headline: str) -> None:
    body = f"Story starts.\n\n{line}\n\nStory ends."
    (promo,) = find_layout(body).promos
    assert body[promo.headline_start : promo.headline_end] == headline


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("source: express.co.uk", True),
        ("Source: Reuters, AP", True),
        ("Photo: Getty Images", True),
        ("Source: a senior official said the talks had failed and that nothing would change soon.", False),
        ("Sources close to the talks were gloomy.", False),
    ],
)
def test_credit_lines_are_not_body_text(line: str, credit: bool) -> None:
    layout = find_layout(f"Story starts.\n\n{line}")
    assert bool(layout.credits) is credit


def _analyse(scorer: Scorer, body: str) -> dict[str, Any]:
    return scorer.analyse_body(body)


@pytest.mark.parametrize(
    ("body", "quote_words", "speaker"),
    [
        ('Trump said: "We will act."', "We will act", "Trump"),
        ("“We will act,” the ministry said.", "We will act", "ministry"),
        ('"We will act", it said. ', "We will act", None),
        ('"We will act," said Mike Pompeo.', "We will act", "Mike Pompeo"),
        ("The EU Foreign Minister, Federica Mogherini said: 'Stay calm.'", "Stay calm", "Federica Mogherini"),
        ('"We will act," Jane Doe told reporters on Monday.', "We will act", "Jane Doe"),
        ("Mr Maduro, who is in Caracas, has vowed to crush what he calls a 'coup attempt'.", "coup attempt", "Maduro"),
        ('The weather was "unusual" this week.', "unusual", None),
        ("The Acme Council said: \u2018We reject this.\u2019", "We reject this", "Acme Council"),
        ('President Donald Trump said the deal was "a disaster for everyone".', "a disaster", "Donald Trump"),
        ('Trump said the talks were over. The weather was "unusual" all week.', "unusual", None),
    ],
)
def test_quote_speakers(scorer: Scorer, body: str, quote_words: str, speaker: str | None) -> None:
    quotes = [q for q in _analyse(scorer, body)["quotes"] if quote_words in q["text"]]
    assert len(quotes) == 1
    if speaker is None:
        assert quotes[0]["speaker"] is None
    else:
        assert quotes[0]["speaker"] is not None and speaker in quotes[0]["speaker"]


@pytest.mark.parametrize(
    ("body", "speaker", "kind"),
    [
        ('"We will act," said Mr Smith the day before.', "Smith", "person"),
        ('Mr Smith the minister said: "We will act."', "Smith", "person"),
        ('"We will act," said John Smith, 45.', "John Smith", "person"),
        ('John Smith, 45, said: "We will act."', "John Smith", "person"),
        ('Smith 45 said: "We will act."', "Smith", "person"),
        ('The president said: "We will act."', "president", "person"),
        ('"We will act," the foreign minister said.', "foreign minister", "person"),
    ],
)
def test_speaker_names_leave_out_ages_and_trailing_roles_and_a_role_names_one_person(
    scorer: Scorer, body: str, speaker: str, kind: str
) -> None:
    (quote,) = _analyse(scorer, body)["quotes"]
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, kind)


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('Jane Doe, 45, of Leeds, said: "We will act."', "Jane Doe"),
        ('Smith, in a statement, said: "We will act."', "Smith"),
        ('Mr Maduro, who is in Caracas, said: "We will act."', "Maduro"),
        ('In Caracas, Maduro said: "We will act."', "Maduro"),
    ],
)
def test_asides_between_the_speaker_and_the_verb_are_skipped(scorer: Scorer, body: str, speaker: str) -> None:
    (quote,) = _analyse(scorer, body)["quotes"]
    assert quote["speaker"] == speaker


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('Angela Merkel, the German chancellor, spoke on Monday. "We will act," she said.', "Angela Merkel"),
        ('Angela Merkel, 64, spoke on Monday.\n\nShe said: "We will act."', "Angela Merkel"),
        # Without a title, role or age nothing shows that a name is a person's: left empty, not guessed.
        ('Angela Merkel spoke on Monday. "We will act," she said.', None),
        ('New York, the city, was quiet. "We will act," she said.', None),
    ],
)
def test_she_resolves_to_a_bare_name_given_an_age_or_a_role_in_apposition(
    scorer: Scorer, body: str, speaker: str | None
) -> None:
    (quote,) = _analyse(scorer, body)["quotes"]
    assert quote["speaker"] == speaker


def test_it_said_resolves_to_the_organisation_named_before(scorer: Scorer) -> None:
    body = 'The Acme Ministry issued a statement on Tuesday. "We reject this", it said.'
    quote = _analyse(scorer, body)["quotes"][0]
    assert quote["speaker"] == "Acme Ministry"
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "it"


def test_pronouns_in_one_sentence_resolve_to_the_first_person_it_names(scorer: Scorer) -> None:
    body = 'Mr Maduro, who met Dr Lima, spoke. "We stay," he said, and "we fight," he said.'
    quotes = _analyse(scorer, body)["quotes"]
    assert [q["speaker"] for q in quotes] == ["Maduro", "Maduro"]


def test_she_said_resolves_to_the_person_named_before(scorer: Scorer) -> None:
    body = 'An analyst, Dr. Marta Velasco, spoke to us.\n\nShe said: "Neither side can back down."'
    assert _analyse(scorer, body)["quotes"][0]["speaker"] == "Marta Velasco"


@pytest.mark.parametrize(
    ("body", "word", "voice", "speaker", "kind"),
    [
        ("The regime cracked down on protesters.", "regime", "outlet", None, "loaded"),
        ('Trump said: "The regime must go."', "regime", "quoted", "Donald Trump", "loaded"),
        ('President Donald Trump said: "The regime must go."', "regime", "quoted", "Donald Trump", "loaded"),
        ("Police used brutal force.", "brutal", "outlet", None, "loaded"),
        ("The minister insists he did nothing wrong.", "insists", "outlet", None, "loaded"),
        ("It is believed the talks failed.", "It is believed", "outlet", None, "hedge"),
        ("Critics say the plan will fail.", "Critics say", "outlet", None, "hedge"),
        ("The plan is clearly a failure.", "clearly", "outlet", None, "assertive"),
        ("Jane Doe said: \"They call it a 'sham election' and it is.\"", "sham", "quoted", "Jane Doe", "loaded"),
    ],
)
def test_voice_speaker_and_device(
    scorer: Scorer, body: str, word: str, voice: str, speaker: str | None, kind: str
) -> None:
    spans = [e for e in _analyse(scorer, body)["evidence"] if e["text"] == word]
    assert len(spans) == 1
    assert (spans[0]["voice"], spans[0]["kind"]) == (voice, kind)
    if speaker is None:
        assert spans[0]["speaker"] is None
    else:
        assert spans[0]["speaker"] is not None and speaker.split()[-1] in spans[0]["speaker"]


@pytest.mark.parametrize(
    "body",
    [
        "The hospital admitted 40 patients.",  # admit as "take in", not one-sided speech
        "Forty patients were admitted to hospital.",
        "The insurance claims rose sharply.",
        "A car slammed into a wall.",
        "The fire was raging through the hills.",
        "Fighting raged for days.",
        "It was a very dramatic and massive effort.",  # mild words are not flagged in a body
        "Breaking the law carries a fine.",  # urgency cues are a headline device
    ],
)
def test_literal_senses_are_not_flagged_as_loaded(scorer: Scorer, body: str) -> None:
    assert [e["text"] for e in _analyse(scorer, body)["evidence"] if e["kind"] == "loaded"] == []


def test_nested_quote_stays_inside_the_outer_one(scorer: Scorer) -> None:
    body = "Jane Doe said: \"They keep saying 'all is well', but it is not.\" Then she left."
    quotes = _analyse(scorer, body)["quotes"]
    assert len(quotes) == 1
    assert quotes[0]["text"] == "\"They keep saying 'all is well', but it is not.\""
    assert quotes[0]["speaker"] == "Jane Doe"


def test_unbalanced_quote_does_not_swallow_the_article(scorer: Scorer) -> None:
    body = (
        'Jane Doe said: "We will never give up.\n\n'
        "The government regime fell later that week.\n\n"
        "The brutal crackdown continued."
    )
    result = _analyse(scorer, body)
    quote = result["quotes"][0]
    assert quote["closed"] is False
    assert quote["end"] == body.index("\n\n")
    voices = {e["text"]: e["voice"] for e in result["evidence"]}
    assert voices == {"regime": "outlet", "brutal": "outlet"}


def test_unclosed_quote_in_one_long_paragraph_is_cut(scorer: Scorer) -> None:
    body = 'Jane Doe said: "We will win. ' + "Then the regime fell apart again. " * 60
    quote = _analyse(scorer, body)["quotes"][0]
    assert quote["closed"] is False
    assert quote["end"] - quote["start"] <= UNCLOSED_QUOTE_MAX_CHARS + 60
    assert any(e["voice"] == "outlet" for e in _analyse(scorer, body)["evidence"])


def test_apostrophes_are_not_quotes(scorer: Scorer) -> None:
    body = "Venezuela's army didn't move. The generals' loyalty held, and Maduro\u2019s allies stayed."
    assert _analyse(scorer, body)["quotes"] == []


def test_text_without_quotes_is_all_outlet_voice(scorer: Scorer) -> None:
    body = "The brutal regime fell. Furious crowds celebrated in the streets."
    result = _analyse(scorer, body)
    assert result["quotes"] == [] and result["sources"] == []
    assert {e["voice"] for e in result["evidence"]} == {"outlet"}
    assert result["measures"]["quoted_words"] == 0
    assert all(s["voice"] == "outlet" for s in result["sentences"])


def test_outlet_voice_weighs_more_than_the_same_words_quoted(scorer: Scorer) -> None:
    outlet = _analyse(scorer, "The brutal regime crushed the thugs. Officials met on Monday.")
    quoted = _analyse(scorer, 'Jane Doe said: "The brutal regime crushed the thugs." Officials met on Monday.')
    assert outlet["score"] > quoted["score"]
    assert outlet["components"]["outlet_loaded"] > 0 and quoted["components"]["outlet_loaded"] == 0


def test_neutral_wire_copy_scores_low(scorer: Scorer) -> None:
    body = (
        "The central bank raised its main interest rate by a quarter point on Thursday, "
        "the third increase this year. The governor, Ana Lima, said inflation had eased but "
        'remained above target. "We will watch the data closely," she told reporters.'
    )
    result = _analyse(scorer, body)
    assert result["label"] == "low"
    assert result["evidence"] == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Ms Smith also", ("Smith", "person")),
        ("Trump repeatedly", ("Trump", "person")),
        ("The ministry later", ("ministry", "organisation")),
        ("opposition figures also", ("opposition figures", "group")),
        ("he also", ("he", "pronoun")),
        ("the family", ("family", "group")),  # a noun in -ly is not an adverb
        ("Police Chief John Kelly", ("John Kelly", "person")),
        ("Mr Smith the", ("Smith", "person")),
        ("John Smith 45", ("John Smith", "person")),
        ("The president", ("president", "person")),
        ("the EU foreign minister", ("EU foreign minister", "person")),
        ("the leaders", ("leaders", "group")),
        ("the plan", ("plan", "group")),
        ("The General Assembly", ("General Assembly", "organisation")),
        ("The White House", ("White House", "organisation")),
        ("The New York Times", ("New York Times", "organisation")),
        ("The Foreign Minister", ("Foreign Minister", "person")),
        ("The President", ("President", "person")),
        ("Officials", ("officials", "group")),  # capitalised only to open a sentence
        ("Senior officials", ("senior officials", "group")),
        ("US officials", ("US officials", "organisation")),
    ],
)
def test_speaker_names_drop_titles_and_the_adverb_before_the_verb(phrase: str, expected: tuple[str, str]) -> None:
    assert canonical_name(phrase) == expected


def test_a_speaker_named_again_with_title_and_adverb_is_one_source(scorer: Scorer) -> None:
    body = (
        '"We will act," said Dr Jane Smith, a professor at the university. '
        "Smith said the plan was sound. Ms Smith also warned of delays."
    )
    sources = scorer.analyse_body(body)["sources"]
    assert [(s["name"], s["quotes"], s["reported"]) for s in sources] == [("Jane Smith", 1, 2)]


def test_a_partial_quotation_in_reported_speech_is_the_reporters_speakers(scorer: Scorer) -> None:
    body = 'Smith said the plan was "a disaster for everyone" and would fail.'
    quotes = _analyse(scorer, body)["quotes"]
    assert [(q["speaker"], q["attributed_by"]) for q in quotes] == [("Smith", "reported")]
    assert body[quotes[0]["speaker_start"] : quotes[0]["speaker_end"]] == "Smith"


_PROMO_LINE = "READ MORE: " + " ".join(["word"] * 29)
_OUTLET_TEXT = "The horror was shocking and chaos and carnage and terror reigned. " * 4 + " ".join(["so"] * 15) + "."
_QUOTE_OVER_PROMOS = "\n\n".join([_OUTLET_TEXT, 'Smith said: "Go.', _PROMO_LINE, '"Go.', _PROMO_LINE, '"Go."'])


def test_a_quotation_does_not_run_over_a_promo_line(scorer: Scorer) -> None:
    result = _analyse(scorer, _QUOTE_OVER_PROMOS)
    promos = [(p["start"], p["end"]) for p in result["cross_promoted"]]
    assert len(promos) == 2
    for quote in result["quotes"]:
        assert all(quote["end"] <= start or quote["start"] >= end for start, end in promos)


def test_word_counts_and_components_stay_in_range_when_a_quote_meets_a_promo_line(scorer: Scorer) -> None:
    result = scorer.score("x", _QUOTE_OVER_PROMOS).to_dict()["body"]
    assert result["measures"]["outlet_words"] == 61
    assert result["measures"]["quoted_words"] == 3
    for name, value in result["components"].items():
        assert 0.0 <= value <= result["weights"][name]


def test_a_quotation_still_runs_over_paragraphs_separated_by_blank_lines(scorer: Scorer) -> None:
    body = 'Smith said: "We will act.\n\n"We will not wait.\n\n"We will win."'
    quotes = _analyse(scorer, body)["quotes"]
    assert [(q["start"], q["end"], q["closed"]) for q in quotes] == [(body.index('"'), len(body), True)]
