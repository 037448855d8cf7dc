"""The shipped default model: seed expectations, sober headlines, exact sums, monotonic devices."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scorer import Scorer
from scorer.capitals import is_shouted_word
from scorer.lexicon import TOKEN_RE, Lexicon, default_lexicon
from scorer.model import TrainedModel, masked_tokens
from tests.conftest import SEED_HEADLINES

SOBER_HEADLINES = (
    "Venezuela's opposition leader declares himself interim president",
    "Federal Reserve raises interest rates by a quarter point",
    "Parliament approves budget after lengthy debate",
    "Storm leaves thousands without power in Texas",
    "Germany's unemployment rate holds steady in March",
    "Court upholds ruling on state voting districts",
    "Japan's exports rise for third straight month",
    "EU ministers meet to discuss migration policy",
    "Oil prices edge lower as inventories grow",
    "Kenya holds presidential election amid tight security",
    "UN envoy arrives in Yemen for talks with rebels",
    "Apple reports quarterly revenue of $94 billion",
)


@pytest.fixture(scope="module")
def shipped() -> Scorer:
    scorer = Scorer.load()
    assert isinstance(scorer.model, TrainedModel), "the shipped model in models/ should be the default"
    return scorer


@pytest.mark.parametrize("headline", SEED_HEADLINES)
def test_seed_headlines_are_high_with_devices_on_top(shipped: Scorer, headline: str) -> None:
    result = shipped.score(headline)
    assert result.label == "high"
    devices = [e for e in result.evidence if e.span.kind in ("shouting", "exclamation")]
    assert devices
    top = result.top_evidence(len(devices) + 1)
    assert all(d in top for d in devices)


@pytest.mark.parametrize("headline", SOBER_HEADLINES)
def test_sober_wire_headlines_are_low(shipped: Scorer, headline: str) -> None:
    assert shipped.score(headline).label == "low"


def test_evidence_and_other_contributions_add_up_to_the_decision(shipped: Scorer) -> None:
    headlines = [*SEED_HEADLINES, *SOBER_HEADLINES, *(h.upper() for h in SOBER_HEADLINES)]
    baits = zip(SOBER_HEADLINES, SEED_HEADLINES * 4, strict=True)
    headlines += [f"{a} - you won't believe what {b.lower()}!!" for a, b in baits]
    for result in shipped.score_many(headlines):
        total = result.intercept + sum(e.weight for e in result.evidence) + sum(result.other_contributions.values())
        assert total == pytest.approx(result.decision, abs=1e-9), result.headline
        assert result.intercept + sum(result.components.values()) == pytest.approx(result.decision, abs=1e-9)


def test_evidence_is_sorted_by_position_and_points_into_the_text(shipped: Scorer) -> None:
    result = shipped.score(SEED_HEADLINES[0])
    starts = [(e.span.start, e.span.end) for e in result.evidence]
    assert starts == sorted(starts)
    assert all(result.headline[e.span.start : e.span.end] == e.span.text for e in result.evidence)
    assert {"wording", "shouting", "exclamation"} <= {e["kind"] for e in result.to_dict()["evidence"]}


def test_card_reports_metrics_and_thresholds(shipped: Scorer) -> None:
    card = shipped.model.card()
    assert card["label_thresholds"] == {"low_below": 0.35, "high_from": 0.65}
    metrics = card["metrics"]
    assert isinstance(metrics, dict)
    assert any(k.startswith("webis-clickbait-17") for k in metrics)


def _shoutable(headline: str, acronyms: frozenset[str]) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in TOKEN_RE.finditer(headline)
        if m.group().isalpha() and not m.group().isupper() and is_shouted_word(m.group().upper(), acronyms)
    ]


def _single_word_terms(lexicon: Lexicon) -> list[str]:
    return sorted(
        t.lemma for t in lexicon.terms if t.category in ("fear", "anger", "hyperbole") and " " not in t.lemma
    )


_LEXICON = default_lexicon()
_TERMS = _single_word_terms(_LEXICON)


@settings(max_examples=150, deadline=None)
@given(
    headline=st.sampled_from(SOBER_HEADLINES),
    pick=st.integers(0, 1000),
    device=st.sampled_from(["caps", "!", "term"]),
)
def test_adding_a_device_never_lowers_the_score(shipped: Scorer, headline: str, pick: int, device: str) -> None:
    scorer = shipped
    before = scorer.score(headline).score
    if device == "caps":
        words = _shoutable(headline, _LEXICON.acronyms)
        start, end = words[pick % len(words)]
        changed = headline[:start] + headline[start:end].upper() + headline[end:]
    elif device == "!":
        changed = headline + "!" * (1 + pick % 3)
    else:
        starts = [m.start() for m in TOKEN_RE.finditer(headline)]
        at = starts[pick % len(starts)]
        term = _TERMS[pick % len(_TERMS)]
        changed = f"{headline[:at]}{term} {headline[at:]}"
        # A term the words after it show in a literal sense ("… blast in Yemen") is no device.
        assume(any(s.kind == "loaded" and s.start == at for s in scorer.extract(changed).spans))
    assert scorer.score(changed).score >= before - 1e-12, changed


@pytest.mark.parametrize(
    "question",
    ["What is going on?", "Is this the end?", "Why?", "Will rates rise again?", "Can the talks be saved?"],
)
@pytest.mark.parametrize("marks", ["!", "!!", "?!"])
def test_an_exclamation_after_a_question_never_lowers_the_score(shipped: Scorer, question: str, marks: str) -> None:
    assert shipped.score(question + marks).score >= shipped.score(question).score - 1e-12


@pytest.mark.parametrize("headline", ["What is going on?!", "Why did they go?!!", "Is this the end!?"])
def test_a_question_ending_in_exclamations_is_still_a_teaser(scorer: Scorer, headline: str) -> None:
    assert [s.category for s in scorer.extract(headline).spans_of("clickbait")] == ["teaser_question"]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Is it? Yes?", [(0, 2, "is"), (3, 5, "it"), (5, 6, "?"), (7, 10, "yes"), (10, 11, "?")]),
        ("?Why now", [(0, 1, "?"), (1, 4, "why"), (5, 8, "now")]),
        ("Shocking news?!", [(9, 13, "news"), (13, 14, "?")]),
        ("Why?? Because", [(0, 3, "why"), (3, 4, "?"), (4, 5, "?"), (6, 13, "because")]),
    ],
)
def test_masked_tokens_merge_question_marks_and_cut_devices(
    scorer: Scorer, headline: str, expected: list[tuple[int, int, str]]
) -> None:
    assert masked_tokens(scorer.extract(headline)) == expected


def _loaded(result: object) -> list[tuple[str, float, float, str]]:
    return [
        (e.span.text, e.weight, e.span.intensity, e.span.voice)
        for e in result.evidence  # type: ignore[attr-defined]
        if e.span.kind == "loaded"
    ]


@pytest.mark.parametrize(
    ("headline", "form"),
    [
        ("Travel chaos as air traffic control fault grounds flights", "chaos"),
        ("Minister slams critics over visa figures", "slams"),
        ("Everyone in Wales to be offered booster jab", "everyone"),  # a term VADER does not rate
    ],
)
def test_a_loaded_term_weighs_its_valence_times_the_lexicons_rating(shipped: Scorer, headline: str, form: str) -> None:
    # The lexicon rates how loaded a term is, lower where a neutral sense is common;
    # the model had used VADER's valence alone, and one mild word sent a wire headline to `high`.
    params = shipped.model.params  # type: ignore[attr-defined]
    [(text, weight, intensity, voice)] = _loaded(shipped.score(headline))
    valence = params["loaded_valence"].get(form)
    if valence is None:
        [term] = [t for t in shipped.lexicon.terms if form in t.forms]
        valence = params["category_valence"][term.category]
    assert text.lower() == form and voice == "outlet" and 0 < intensity < 1
    assert weight == pytest.approx(params["device_scale"] * valence * intensity)


@pytest.mark.parametrize(
    ("quoted", "own"),
    [
        ("Residents describe 'terrifying' night in fire", "Residents describe terrifying night in fire"),
        ("PM calls protesters “thugs”", "PM calls protesters thugs"),
    ],
)
def test_a_quoted_loaded_term_weighs_a_fifth_of_the_outlets_own(shipped: Scorer, quoted: str, own: str) -> None:
    from scorer.body.scoring import QUOTED_VOICE_FACTOR

    [(_, said, _, voice)] = _loaded(shipped.score(quoted))
    [(_, used, _, _)] = _loaded(shipped.score(own))
    assert voice == "quoted" and said == pytest.approx(used * QUOTED_VOICE_FACTOR)
    assert shipped.score(quoted).score < shipped.score(own).score


#: Wire headlines with one mildly rated lexicon word (0.5 or less) in its everyday news sense.
MILD_WORD_HEADLINES = (
    "Everyone in Scotland to be offered booster jab",
    "House prices soar in coastal towns, figures show",
    "Shares plunge as retailer cuts profit forecast",
    "Biggest rise in rail fares for a decade takes effect",
    "Economy shrinks in dire start to the year",
    "Nobody hurt as lorry overturns on motorway",
)


@pytest.mark.parametrize("headline", MILD_WORD_HEADLINES)
def test_one_mild_loaded_word_does_not_make_a_wire_headline_high(shipped: Scorer, headline: str) -> None:
    result = shipped.score(headline)
    assert [intensity <= 0.5 for _, _, intensity, _ in _loaded(result)] == [True]
    assert result.label != "high"


@pytest.mark.parametrize(
    ("headline", "word"),
    [
        ("Nadal wins 22nd Grand Slam title", "Slam"),
        ("Bomb blast damages buildings in Athens", "blast"),
        ("Arctic blast to bring snow to Scotland", "blast"),
        ("Horror film tops box office for second week", "Horror"),
        ("Panic buying empties fuel stations in the south", "Panic"),
        ("Terror suspect arrested at Manchester airport", "Terror"),
        ("Road rage driver jailed for four years", "rage"),
        ("Greatest hits album tops the charts", "Greatest"),
        ("The minister slammed the door as she left", "slammed"),
        ("Police investigate the claims made by residents", "claims"),
        ("Cairo blast kills 3", "blast"),
        ("Twin blasts kill 30 in Baghdad", "blasts"),
        ("Blast in Pakistan kills one, injures ten", "Blast"),
        ("Police officer killed in south Thailand blasts", "blasts"),
        ("Death toll in fuel tanker blast rises to 98", "blast"),
        ("Two blasts hit Boston Marathon finish line", "blasts"),
        ("Three killed in Cairo blast", "blast"),
        ("2 blasts rock Kabul", "blasts"),
        ("War on Terror veterans honoured", "Terror"),
        ("Terror alert raised at airports", "Terror"),
        ("Terror alert raised at airports", "alert"),
        ("Flood alert issued for River Severn", "alert"),
        ("She woke up to find her house flooded", "woke"),
        ("Player spat out a tooth after the tackle", "spat"),
        ("Puppet theatre reopens in Prague", "Puppet"),
        ("Dennis the Menace celebrates 70 years", "Menace"),
        ("Colossal squid caught off New Zealand", "Colossal"),
        ("Woolly mammoth remains found in Siberia", "mammoth"),
        ("Mob boss jailed for 30 years", "Mob"),
        ("New tax regime for non-doms comes into force", "regime"),
        ("Patient found criminally insane by court", "insane"),
        ("Illegitimate son of king recognised", "Illegitimate"),
        ("How to claim your energy rebate", "claim"),
        ("Nuclear meltdown feared at damaged plant", "meltdown"),
    ],
)
def test_a_lexicon_word_in_a_literal_or_fixed_sense_is_not_loaded(shipped: Scorer, headline: str, word: str) -> None:
    assert word in headline and _loaded(shipped.score(headline)) == []


@pytest.mark.parametrize(
    ("headline", "word"),
    [
        ("Minister slams critics over the budget", "slams"),
        ("The minister slammed the regime on Monday", "slammed"),
        ("Critics blast the plan as a disaster", "blast"),
        ("Trump blasts critics over wall", "blasts"),
        ("PM to blast rebels in speech", "blast"),
        ("Woke agenda is ruining schools, says MP", "Woke"),
        ("Syrian regime bombs rebels", "regime"),
        ("Mob attacks police station", "Mob"),
        # Found by review: words three back, a number before, or a fixed phrase that was too wide.
        ("Mother of soldier killed in Iraq blasts Blair", "blasts"),
        ("Five MPs blast PM over Brexit deal", "blast"),
        ("Church leaders blast government over benefits", "blast"),
        ("Pensioner, 82, blasts council over bins", "blasts"),
        ("New sanctions hit Iran regime", "regime"),
        ("Trump-Macron spat at G7 summit", "spat"),
        ("Putin's puppet master pulls the strings", "puppet"),
        ("Nike goes woke to sell shoes", "woke"),
        ("Gaza war: terror as families flee", "terror"),
        ("Minister claims the plan will save money", "claims"),
        ("ALERT: Storm to hit coast tonight", "ALERT"),
        ("Fans rage at ticket prices", "rage"),
        ("Horror as crowds flee the square", "Horror"),
        ("Panic in the streets as prices rise", "Panic"),
    ],
)
def test_the_same_words_in_a_loaded_sense_still_count(shipped: Scorer, headline: str, word: str) -> None:
    assert word in [text for text, *_ in _loaded(shipped.score(headline))]


@pytest.mark.parametrize(
    "headline",
    [
        "Will interest rates rise again this year?",
        "This common household item could be making you ill",
        "10 things you never knew about your cat",
    ],
)
def test_white_space_before_a_headline_changes_nothing(shipped: Scorer, headline: str) -> None:
    # Patterns anchored at the start had missed " Will ...?" and " This ...": 0.52 became 0.38.
    plain, padded = shipped.score(headline), shipped.score(" \t" + headline)
    assert padded.score == pytest.approx(plain.score, abs=1e-12)
    assert [(e.span.start - 2, e.span.text) for e in padded.evidence] == [
        (e.span.start, e.span.text) for e in plain.evidence
    ]


@pytest.mark.parametrize(
    ("headline", "word"),
    [
        ("Nobody injured in factory fire", "Nobody"),  # "Few injured" made the fire worse
        ("Everyone over 65 to get booster", "Everyone"),  # "Many" changed the claim
        ("Alleged fraudster extradited to the United States", "Alleged"),  # the careful word: "Say fraudster"
        ("Man convicted of plotting extremist attack", "extremist"),  # "activist attack"
        ("Rail strike on the brink of ending", "on the brink"),  # "at risk of ending" reversed the sense
    ],
)
def test_no_replacement_is_offered_where_it_would_change_the_meaning(
    shipped: Scorer, headline: str, word: str
) -> None:
    [span] = [e.span for e in shipped.score(headline).evidence if e.span.kind == "loaded"]
    assert span.text == word and span.suggestion is None and "alternative" not in span.explanation
