"""The extractor on the seed headlines, exclamations, loaded terms, clickbait and quotes."""

from __future__ import annotations

import unicodedata

import pytest

from scorer import InputError, Scorer
from scorer.extract import FEATURE_IDS, MAX_HEADLINE_CHARS, extract
from scorer.lexicon import Lexicon

from .conftest import SEED_HEADLINES


def spans(headline: str, lexicon: Lexicon, kind: str) -> list[tuple[str, str]]:
    return [(s.text, s.category) for s in extract(headline, lexicon).spans_of(kind)]


def test_seed_headline_evidence(lexicon: Lexicon) -> None:
    extraction = extract(SEED_HEADLINES[0], lexicon)
    found = {(s.kind, s.text) for s in extraction.spans}
    assert {("shouting", "CHILLING"), ("shouting", "RIOTS"), ("shouting", "WILL")} <= found
    assert ("exclamation", "!") in found
    assert ("loaded", "CHILLING") in found
    assert ("quote", "'We WILL take action!'") in found
    assert not any(s.text == "US" for s in extraction.spans)


def test_spans_inside_quotes_are_quoted_voice(lexicon: Lexicon) -> None:
    extraction = extract(SEED_HEADLINES[0], lexicon)
    voice = {s.text: s.voice for s in extraction.spans if s.kind in ("shouting", "exclamation")}
    assert voice == {"CHILLING": "outlet", "RIOTS": "outlet", "WILL": "quoted", "!": "quoted"}


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Stop it!", [("!", "exclamation")]),
        ("Unbelievable!!! And again!", [("!!!", "exclamation"), ("!", "exclamation")]),
        ("Is this the end?!", [("?!", "interrobang")]),
        ("Really‽ Yes‼", [("‽", "interrobang"), ("‼", "exclamation")]),
        ("Is the economy slowing?", []),
    ],
)
def test_exclamation_runs(headline: str, expected: list[tuple[str, str]], lexicon: Lexicon) -> None:
    assert spans(headline, lexicon, "exclamation") == expected


def test_exclamation_counts_runs_and_marks(lexicon: Lexicon) -> None:
    features = extract("Unbelievable!!! And again‼", lexicon).features
    assert features["exclaim_runs"] == 2
    assert features["exclaim_marks"] == 5


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Minister slams critics", [("slams", "anger")]),
        ("Minister slammed critics as fury grows", [("slammed", "anger"), ("fury", "anger")]),
        ("Terrifying footage shows the moment", [("Terrifying", "fear")]),
        ("Jaw-dropping scenes at summit", [("Jaw-dropping", "hyperbole")]),
        ("The worst ever floods hit the valley", [("worst ever", "superlative")]),
        (
            "Breaking: regime thugs arrest reporter",
            [("Breaking", "urgency"), ("regime", "derogatory"), ("thugs", "derogatory")],
        ),
        ("An extremely rare bird is seen", [("extremely", "intensifier")]),
    ],
)
def test_loaded_terms_with_inflections_and_multiword(
    headline: str, expected: list[tuple[str, str]], lexicon: Lexicon
) -> None:
    assert spans(headline, lexicon, "loaded") == expected


@pytest.mark.parametrize(
    "headline",
    [
        "Is this the worst? Ever. Readers decide",
        "The worst, ever so slightly, is over",
        "Rated worst. Ever since, silence",
    ],
)
def test_a_multiword_term_does_not_match_across_punctuation(headline: str, lexicon: Lexicon) -> None:
    assert spans(headline, lexicon, "loaded") == []
    unpunctuated = headline.replace("?", "").replace(".", "").replace(",", "")
    assert [t.lower() for t, _ in spans(unpunctuated, lexicon, "loaded")] == ["worst ever"]


def test_loaded_term_carries_neutral_alternative(lexicon: Lexicon) -> None:
    (span,) = extract("Minister slams critics", lexicon).spans_of("loaded")
    assert span.suggestion
    assert "neutral alternative" in span.explanation


@pytest.mark.parametrize(
    ("headline", "category"),
    [
        ("You won't believe what this dog did", "curiosity_gap"),
        ("She opened the door. What happened next is amazing", "curiosity_gap"),
        ("Here's why the bank raised rates", "curiosity_gap"),
        ("This is what happens when you skip breakfast", "curiosity_gap"),
        ("21 things only nurses know", "listicle"),
        ("Is your phone listening to you", "direct_address"),
        ("Could this be the end of the high street?", "teaser_question"),
    ],
)
def test_clickbait_patterns(headline: str, category: str, lexicon: Lexicon) -> None:
    assert category in [c for _, c in spans(headline, lexicon, "clickbait")]


@pytest.mark.parametrize(
    "headline",
    [
        "21 killed in flooding in eastern Spain",
        "Central bank raises interest rates by a quarter point",
        "What the budget means for pensions",
    ],
)
def test_sober_headlines_have_no_clickbait(headline: str, lexicon: Lexicon) -> None:
    assert spans(headline, lexicon, "clickbait") == []


@pytest.mark.parametrize(
    ("headline", "quote"),
    [
        ("Minister: 'We will not back down'", "'We will not back down'"),
        ("Minister: ‘We won’t back down’ on tax", "‘We won’t back down’"),
        ('PM says "enough is enough" over strikes', '"enough is enough"'),
        ("PM says “enough is enough” over strikes", "“enough is enough”"),
        ("Coach: 'It was the players' fault, not mine'", "'It was the players' fault, not mine'"),
        ("Boss: ‘Workers’ rights matter’ as strike looms", "‘Workers’ rights matter’"),
        ("PM: 'We will not pay for their mistakes' says aide", "'We will not pay for their mistakes'"),
        ("’Astonishing’ figures show NHS staff quit", "’Astonishing’"),  # a right single quote set as the opener
        ("«Astonishing» figures show NHS staff quit", "«Astonishing»"),
        ("»Astonishing« figures show NHS staff quit", "»Astonishing«"),
        ("Minister: „Astonishing“ figures", "„Astonishing“"),
        ("Minister: „Astonishing” figures", "„Astonishing”"),
        ("Trump’s ’astonishing’ attack on judges", "’astonishing’"),
    ],
)
def test_quoted_speech(headline: str, quote: str, lexicon: Lexicon) -> None:
    assert [t for t, _ in spans(headline, lexicon, "quote")] == [quote]


def test_two_single_quoted_words_stay_two_quotations(lexicon: Lexicon) -> None:
    assert [t for t, _ in spans("'Bills' and 'taxes' rise", lexicon, "quote")] == ["'Bills'", "'taxes'"]


def test_apostrophes_are_not_quotes(lexicon: Lexicon) -> None:
    assert spans("Venezuela's leader won't go, the leaders' summit hears", lexicon, "quote") == []
    assert spans("Venezuela’s leader won’t go, the leaders’ summit hears", lexicon, "quote") == []
    assert spans("The ’90s were astonishing", lexicon, "quote") == []
    # elisions before a later plural possessive had opened a quotation that discounted the words between
    assert spans("’00s pop star slams critics’ cruel comments", lexicon, "quote") == []
    assert spans("Why ’90s kids are furious about millennials’ housing costs", lexicon, "quote") == []
    assert spans("Rock ’n’ roll star slams critics’ claims", lexicon, "quote") == []
    assert spans("Why '90s kids are furious about millennials' housing costs", lexicon, "quote") == []


@pytest.mark.parametrize(
    "quoted", ["‘Astonishing’", "’Astonishing’", "«Astonishing»", "»Astonishing«", "„Astonishing“"]
)
def test_a_loaded_word_in_any_quotation_marks_is_the_speakers(quoted: str, lexicon: Lexicon) -> None:
    (span,) = extract(f"{quoted} figures show NHS staff quit", lexicon).spans_of("loaded")
    assert (span.text, span.voice) == ("Astonishing", "quoted")
    (own,) = extract("Astonishing figures show NHS staff quit", lexicon).spans_of("loaded")
    assert own.voice == "outlet"


def test_overlap_longest_lexical_span_wins(lexicon: Lexicon) -> None:
    found = spans("You won't believe it", lexicon, "clickbait")
    assert found == [("You won't believe", "curiosity_gap")]


def test_features_derive_from_spans(lexicon: Lexicon) -> None:
    extraction = extract(SEED_HEADLINES[0], lexicon)
    assert tuple(extraction.features) == FEATURE_IDS
    assert extraction.features["shout_words"] == len(extraction.spans_of("shouting")) == 3
    for feature, parts in extraction.attribution.items():
        assert sum(v for _, v in parts) == pytest.approx(extraction.features[feature])


def test_readability_features_present(lexicon: Lexicon) -> None:
    features = extract("The cat sat on the mat", lexicon).features
    assert features["syllables_per_word"] == pytest.approx(1.0)
    assert features["flesch_reading_ease"] > 90


@pytest.mark.parametrize("bad", ["", "   ", "\n\t "])
def test_empty_text_is_an_input_error(bad: str, lexicon: Lexicon) -> None:
    with pytest.raises(InputError, match="empty"):
        extract(bad, lexicon)


def test_overlong_text_is_an_input_error(lexicon: Lexicon) -> None:
    with pytest.raises(InputError, match="limit"):
        extract("a" * (MAX_HEADLINE_CHARS + 1), lexicon)


@pytest.mark.parametrize("bad", ["Lone \ud800 high surrogate", "Bytes that were not UTF-8: \udcff\udcfe", "\udfff"])
def test_text_with_an_unpaired_surrogate_is_an_input_error(bad: str, lexicon: Lexicon) -> None:
    # Not text: no result holding it could be written as UTF-8 (JSON, CSV, the API all refuse it).
    with pytest.raises(InputError, match="unpaired UTF-16 surrogate"):
        extract(bad, lexicon)
    with pytest.raises(InputError, match="body holds an unpaired"):
        Scorer.load().score("A fine headline", body=f"A body with {bad} in it.")


@pytest.mark.parametrize("text", ["...", "1234", "!!!", "2026 – 2027?", "😱😱"])
def test_text_without_letters_has_nothing_to_score(text: str, lexicon: Lexicon) -> None:
    # The model answered with its base rate alone: "..." scored 0.72, high.
    with pytest.raises(InputError, match="no words, only digits, punctuation or symbols"):
        Scorer.load().score(text)
    with pytest.raises(InputError, match="no words"):
        extract(text, lexicon, to_score=True)
    # Extraction alone, as training does for every corpus line (Webis has "..."), still reads it.
    assert extract(text, lexicon).text == text


@pytest.mark.parametrize("text", ["日本の首相が辞任", "مرحبا بالعالم", "ШОК: цены на хлеб снова растут"])
def test_a_headline_with_no_latin_word_is_refused_for_scoring_but_still_extracted(text: str, lexicon: Lexicon) -> None:
    # Each scored 0.72 or more, high: nothing in it moved the English model off its base rate.
    with pytest.raises(InputError, match="no word in the Latin alphabet"):
        Scorer.load().score(text)
    assert extract(text, lexicon).text == text  # the devices can still be found (ШОК is shouted)
    with pytest.raises(InputError, match="body has no word in the Latin alphabet"):
        Scorer.load().score("A fine headline", body=text)


@pytest.mark.parametrize("text", ["Ça ira", "Şok: NATO", "Привет NATO", "Đà Nẵng floods", "x"])
def test_one_latin_letter_is_enough_to_score(text: str) -> None:
    assert 0.0 <= Scorer.load().score(text).score <= 1.0


def test_text_with_a_character_beyond_the_bmp_is_scored(lexicon: Lexicon) -> None:
    # An emoji is one code point in a str (a surrogate pair only in UTF-16): it is text.
    assert extract("Fans go WILD 🔥 at final", lexicon).spans_of("shouting")[0].text == "WILD"


def test_non_string_is_an_input_error(lexicon: Lexicon) -> None:
    with pytest.raises(InputError, match="string"):
        extract(123, lexicon)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "headline",
    [
        "Zero\u200bwidth SHOCK\u200b claim!",
        "Control\x00chars\x07 and HORROR\x1b[31m",
        "<script>alert('PANIC')</script> in the NEWSROOM",
        "😱😱 TERRIFYING 🔥 moment",
        "Москва: ПАНИКА в городе! Mixed scripts ΚΡΙΣΗ",
        "مرحبا HORROR שלום",
    ],
)
def test_odd_text_keeps_offsets_exact(headline: str, lexicon: Lexicon) -> None:
    extraction = extract(headline, lexicon)
    assert extraction.spans
    for span in extraction.spans:
        assert headline[span.start : span.end] == span.text


@pytest.mark.parametrize("space", ["\u00a0", "  ", "\u202f", " \t"])
def test_clickbait_phrases_match_across_any_white_space(space: str, lexicon: Lexicon) -> None:
    plain = "You won't believe what happened next"
    spaced = plain.replace(" ", space)
    found = spans(spaced, lexicon, "clickbait")
    assert [c for _, c in found] == [c for _, c in spans(plain, lexicon, "clickbait")]
    assert [t.replace(space, " ") for t, _ in found] == [t for t, _ in spans(plain, lexicon, "clickbait")]


@pytest.mark.parametrize(
    "headline", ["Café owner’s fury as council closes résumé office", "Pokémon fans in frenzy over new game"]
)
def test_decomposed_accents_score_as_composed_ones(scorer: Scorer, headline: str) -> None:
    """macOS pastes "é" as "e" + U+0301; the model's vocabulary holds composed words."""
    composed, decomposed = unicodedata.normalize("NFC", headline), unicodedata.normalize("NFD", headline)
    assert decomposed != composed
    assert scorer.extract(decomposed).norms == scorer.extract(composed).norms
    assert scorer.score(decomposed).score == pytest.approx(scorer.score(composed).score, abs=1e-12)


@pytest.mark.parametrize(
    ("headline", "direct"),
    [
        ("'You will pay,' PM tells Russia", []),
        ("'We will find you,' police tell killer", []),
        ("Your 'free' holiday could cost you", ["Your", "you"]),  # outside the quotation: the reader
        ("Your energy bill is about to rise", ["Your"]),
    ],
)
def test_a_quoted_you_is_not_direct_address_to_the_reader(lexicon: Lexicon, headline: str, direct: list[str]) -> None:
    found = [s.text for s in extract(headline, lexicon).spans if s.category == "direct_address"]
    assert found == direct


@pytest.mark.parametrize(
    ("headline", "word"),
    [
        ("PM sl\u00adams rebels", "sl\u00adams"),  # a soft hyphen, as CMSs insert them
        ("Markets SO\u2060AR after deal", "SO\u2060AR"),  # a word joiner
        ("Ministers face DEVAS\u00adTATING verdict", "DEVAS\u00adTATING"),
        ("\uff2d\uff41rkets \uff33\uff2f\uff21\uff32 after deal", "\uff33\uff2f\uff21\uff32"),  # fullwidth letters
    ],
)
def test_invisible_characters_and_fullwidth_letters_do_not_hide_a_loaded_word(
    lexicon: Lexicon, headline: str, word: str
) -> None:
    extraction = extract(headline, lexicon)
    loaded = [s for s in extraction.spans if s.kind == "loaded"]
    assert [s.text for s in loaded] == [word] and headline[loaded[0].start : loaded[0].end] == word


@pytest.mark.parametrize(
    "headline",
    [
        "Tyson Fury wins the title",
        "The river was raging after the storm",
        "Police find explosive device near station",
        "Monster truck show cancelled",
        "Patient in toxic shock after crash",
        "Abattoir can slaughter 500 cattle a day",
        "Male models win The Amazing Race",
        "Brutally honest review of the new phone",
        "Police say suspect admits theft",
        "Driver admitted causing death by dangerous driving",
        "December blizzard slams Northeastern United States",  # weather's physical impact
        "Snowstorm blasts most of the country",
        "Tornadoes rampage through Mississippi",
        "UK drivers urged not to panic buy fuel",
        "India and Pakistan Agree to Fight Terror Together",  # terrorism as a policy subject
        "Blair could face inquiry into terror vote",
        "Seismic Readings Point to a Small Nuclear Test",
        "Bomb blast kills 7 in Baghdad",  # explosions
        "Annual polar plunge event draws hundreds",
    ],
)
def test_lexicon_words_in_a_literal_sense_or_a_name_are_not_loaded(lexicon: Lexicon, headline: str) -> None:
    assert [s.text for s in extract(headline, lexicon).spans if s.kind == "loaded"] == []


@pytest.mark.parametrize(
    ("headline", "loaded"),
    [
        ("Evil monster jailed for sickening attack", ["Evil", "monster", "sickening"]),
        ("Minister grovels after gaffe", ["grovels", "gaffe"]),
        ("Shock as disgraceful fiasco hits council", ["Shock", "disgraceful", "fiasco"]),
    ],
)
def test_tabloid_words_the_lexicon_gained_are_loaded(lexicon: Lexicon, headline: str, loaded: list[str]) -> None:
    assert [s.text for s in extract(headline, lexicon).spans if s.kind == "loaded"] == loaded


@pytest.mark.parametrize(
    ("headline", "loaded"),
    [
        ("Tories brace for shock defeat", "shock"),
        ("Flood victims rage at council over delays", "rage"),
        ("Villagers blast quarry plans", "blast"),
        ("Two epic games in one night", "epic"),
        ("Miracle on the pitch as City win", "Miracle"),
        ("A seismic shift in British politics", "seismic"),
        ("Critics blast council over storm response", "blast"),  # a storm nearby, not the subject
        ("Trump slams storm of criticism", "slams"),
        ("Panic as shoppers strip shelves", "Panic"),
        ("Trump blasts investigation as witch hunt", "blasts"),  # the verb and its object: loaded
        ("Families blast probe into hospital deaths", "blast"),
        ("Lawyers blast case against protesters", "blast"),
        ("Farage in blast over EU deal", "blast"),  # the tabloid noun: an attack in words
        ("Jon Snow blasts government over Grenfell", "blasts"),  # a surname, not the weather
        ("Thames Water plunges deeper into crisis", "plunges"),
        ("Seismic wave of anger sweeps Westminster", "Seismic"),
        ("Terror as gunman storms school", "Terror"),
    ],
)
def test_the_literal_senses_are_narrow_enough_for_tabloid_usage(lexicon: Lexicon, headline: str, loaded: str) -> None:
    assert loaded in [s.text for s in extract(headline, lexicon).spans if s.kind == "loaded"]


def test_a_zero_width_space_still_parts_words_and_fullwidth_words_are_weighed_as_ascii(scorer: Scorer) -> None:
    assert [s.text for s in scorer.extract("Minister\u200bSLAMS critics").spans if s.kind == "loaded"] == ["SLAMS"]
    wide = scorer.score("PM \uff53\uff4c\uff41\uff4d\uff53 rivals over plan")
    plain = scorer.score("PM slams rivals over plan")
    loaded = [[e for e in r.evidence if e.span.kind == "loaded"] for r in (wide, plain)]
    assert [e.weight for e in loaded[0]] == [e.weight for e in loaded[1]]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Minister furiously denies claims", {"furiously": "angrily"}),  # "claims" the noun: no speech verb
        ("Row over outrageous claims grows", {"outrageous": "controversial"}),
        ("Horror as dog savages toddler", {"Horror": "Distress"}),  # an animal's attack: literal
        ("Savage cuts to council budgets", {"Savage": ""}),  # the adjective: "Criticise cuts" would mislead
        ("PM savages critics over plan", {"savages": "criticises"}),
        ("Minister claims the vote was rigged", {"claims": "says"}),
    ],
)
def test_claims_the_noun_and_savage_the_adjective_or_an_animal_s_attack(
    lexicon: Lexicon, headline: str, expected: dict[str, str]
) -> None:
    loaded = {s.text: s.suggestion for s in extract(headline, lexicon).spans if s.kind == "loaded"}
    assert loaded == expected


@pytest.mark.parametrize(
    ("headline", "loaded"),
    [
        ("Jaw\u2011dropping moment whale surfaces beside kayak", "Jaw\u2011dropping"),  # a non-breaking hyphen
        ("Jaw\u2010dropping moment whale surfaces beside kayak", "Jaw\u2010dropping"),  # Unicode's hyphen
        ("Jaw dropping moment whale surfaces beside kayak", "Jaw dropping"),  # compounds written apart
        ("Mind blowing images from Mars", "Mind blowing"),
        ("These game changers will transform your kitchen", "game changers"),
        ("This lunatic policy will bankrupt every family", "lunatic"),  # "This" no longer swallows the next word
        ("This shocking video will make you furious", "shocking"),
        ("The savage cuts to police budgets", "savage"),  # the adjective after "the" is loaded
        ("A savage critique of the budget", "savage"),
        ("Sicko jailed for spineless attack on pensioner", "Sicko"),
    ],
)
def test_loaded_words_behind_hyphen_variants_spaces_and_determiners_are_found(
    lexicon: Lexicon, headline: str, loaded: str
) -> None:
    assert loaded in [s.text for s in extract(headline, lexicon).spans if s.kind == "loaded"]


def test_the_forward_reference_marks_only_its_this(lexicon: Lexicon) -> None:
    (span,) = [s for s in extract("This lunatic policy will bankrupt us", lexicon).spans if s.kind == "clickbait"]
    assert span.text == "This"
    assert [s for s in extract("This week in politics", lexicon).spans if s.kind == "clickbait"] == []


@pytest.mark.parametrize(
    ("headline", "word"),
    [("The savage cuts to police budgets", "savage"), ("A savage critique of the budget", "savage")],
)
def test_savage_the_adjective_gets_no_verb_suggestion(lexicon: Lexicon, headline: str, word: str) -> None:
    (span,) = [s for s in extract(headline, lexicon).spans if s.kind == "loaded"]
    assert (span.text, span.suggestion) == (word, "")


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # "say" takes no preposition or infinitive: no suggestion rather than "says to have seen".
        ("Star claims to have seen UFO", {"claims": ""}),
        ("Minister boasts of record growth", {"boasts": ""}),
        ("PM insists on tough new rules", {"insists": ""}),
        ("PM insists plan will work", {"insists": "says"}),
        ("Striker vows to fight on", {"vows": "promises"}),  # "vow" → "promise", which takes "to"
        ("PM vowed revenge on rebels", {"vowed": "promised"}),
    ],
)
def test_a_speech_verb_s_suggestion_fits_the_words_after_it(
    lexicon: Lexicon, headline: str, expected: dict[str, str]
) -> None:
    loaded = {s.text: s.suggestion for s in extract(headline, lexicon).spans if s.kind == "loaded"}
    assert loaded == expected


@pytest.mark.parametrize(
    ("headline", "loaded", "suggestion"),
    [
        ("Minister hits out at critics", "hits out at", "criticises"),  # not "criticises at"
        ("Raging Trump lashes out at judge", "lashes out at", "criticises"),
        ("Minister hits out as row grows", "hits out", "criticises"),
    ],
)
def test_an_outburst_at_someone_is_one_term_so_its_suggestion_takes_the_at(
    lexicon: Lexicon, headline: str, loaded: str, suggestion: str
) -> None:
    spans = {s.text: s.suggestion for s in extract(headline, lexicon).spans if s.kind == "loaded"}
    assert spans[loaded] == suggestion


@pytest.mark.parametrize(
    ("headline", "word", "note"),
    [
        ("An epic fail at the summit", "epic", "(“An epic” → “A significant”)"),
        ("He gave an astonishing reply", "astonishing", "(“an astonishing” → “a surprising”)"),
        ("AN EPIC FAIL FOR THE AGES", "EPIC", "(“AN EPIC” → “A significant”)"),
    ],
)
def test_the_explanation_says_when_the_article_must_change_with_the_alternative(
    lexicon: Lexicon, headline: str, word: str, note: str
) -> None:
    (span,) = [s for s in extract(headline, lexicon).spans if s.kind == "loaded" and s.text == word]
    assert span.explanation.endswith(f"{note}.")
    assert (span.start, span.end) == (headline.index(word), headline.index(word) + len(word))  # the term alone


@pytest.mark.parametrize("headline", ["A shocking result for the party", "A surprising twist: a shocking save"])
def test_no_article_note_when_the_article_already_fits(lexicon: Lexicon, headline: str) -> None:
    explanations = [s.explanation for s in extract(headline, lexicon).spans if s.kind == "loaded"]
    assert explanations and not any("→" in e for e in explanations)


def test_a_quoted_term_with_an_article_note_loses_the_whole_hint(scorer: Scorer) -> None:
    (span,) = [
        e.span for e in scorer.score("'It was an epic fail,' says minister").evidence if e.span.kind == "loaded"
    ]
    assert span.suggestion is None
    assert span.explanation == "“epic” is a hyperbole; it is quoted, so no alternative is offered."


def test_a_headline_in_fullwidth_latin_letters_is_scored(scorer: Scorer) -> None:
    # CHILLING WARNING in fullwidth letters: it had been refused as having no Latin letter.
    text = "\uff23\uff28\uff29\uff2c\uff2c\uff29\uff2e\uff27 \uff37\uff21\uff32\uff2e\uff29\uff2e\uff27"
    assert 0.0 <= scorer.score(text).score <= 1.0


@pytest.mark.parametrize(
    ("headline", "term"),
    [
        ("Biden regime's border disaster deepens", "regime"),  # the possessive had hidden every word
        ("Thug's accomplice jailed for attack", "Thug"),
        ("REGIME'S crackdown on protest grows", "REGIME"),
        ("Britain’s shameful record on child poverty", "shameful"),
    ],
)
def test_a_possessive_does_not_hide_a_loaded_word(headline: str, term: str, lexicon: Lexicon) -> None:
    assert term in [s.text for s in extract(headline, lexicon).spans_of("loaded")]


def test_a_lexicon_form_with_a_possessive_still_matches_whole(lexicon: Lexicon) -> None:
    assert [s.text for s in extract("The world's worst airline revealed", lexicon).spans_of("loaded")] == [
        "world's worst"
    ]
    # "it's" is "it is", not a possessive: no word is cut from it.
    assert [s.text for s in extract("It's a shameful day for the party", lexicon).spans_of("loaded")] == ["shameful"]


@pytest.mark.parametrize(
    "headline",
    [
        "Row rages over school closures",  # the cliché for a dispute that goes on
        "Debate rages over new housing plan",
        "Neighbour alerts police to break-in",  # telling someone
        "Nurses lodge pay claim with health board",  # a claim for money
        "Insurers face surge in flood damage claims",
    ],
)
def test_fixed_news_phrases_are_not_loaded(headline: str, lexicon: Lexicon) -> None:
    assert [s.text for s in extract(headline, lexicon).spans_of("loaded")] == []


@pytest.mark.parametrize(
    ("headline", "word", "suggestion"),
    [
        ("Gang rampages through town centre", "rampages", ""),  # a verb: not "Gang violence through"
        ("Investors panic over bond market turmoil", "panic", "worry"),  # not "Investors concern over"
        ("Panic over bond market turmoil", "Panic", "Concern"),  # the noun, first
        ("Panicked investors sell bonds", "Panicked", "Worried"),
        ("The slaughter of civilians must end", "slaughter", "killing"),  # a noun: not "The kill of"
        ("Troops slaughter villagers", "slaughter", "kill"),
        ("Prince in humiliating climbdown over titles", "climbdown", "retreat"),  # not "humiliating withdraw"
        ("Prince's climbdown over titles", "climbdown", "retreat"),
        ("Council climbs down over parking fees", "climbs down", "withdraws"),
        ("Public fury over plan", "fury", "anger"),  # no verb forms: as it was
    ],
)
def test_the_alternative_is_in_the_word_class_the_term_has_where_it_stands(
    headline: str, word: str, suggestion: str, lexicon: Lexicon
) -> None:
    loaded = {s.text: s.suggestion for s in extract(headline, lexicon).spans_of("loaded")}
    assert loaded[word] == suggestion


@pytest.mark.parametrize(
    ("headline", "term", "suggestion"),
    [
        ("Crisis spirals out of control as talks fail", "spirals out of control", "worsens"),
        ("Holiday from hell for family of four", "from hell", None),
        ("Party in tatters after election rout", "in tatters", "in difficulty"),
        ("Heartbreak for family as appeal fails", "Heartbreak", "Grief"),
        ("Minister storms out of meeting", "storms out of", "leaves"),  # not "leaves out of"
        ("PM hits back at critics over plan", "hits back at", "responds to"),  # not "responds at"
        ("Star fires back at troll", "fires back at", "responds to"),
        ("PM snubs King at summit", "snubs", "ignores"),  # "declines King" read wrong
    ],
)
def test_terms_the_reviewers_found_missing_or_misleading(
    headline: str, term: str, suggestion: str | None, lexicon: Lexicon
) -> None:
    loaded = {s.text: s.suggestion for s in extract(headline, lexicon).spans_of("loaded")}
    assert loaded[term] == suggestion


@pytest.mark.parametrize(
    ("headline", "phrase"),
    [
        ("Doctors hate her! Mum's weird secret to younger skin", "Doctors hate her"),
        ("Farmer finds ordinary rock. Then experts looked closer", "Then experts looked closer"),
    ],
)
def test_advertising_clickbait_formulas_are_found(headline: str, phrase: str, lexicon: Lexicon) -> None:
    assert phrase in [s.text for s in extract(headline, lexicon).spans_of("clickbait")]


@pytest.mark.parametrize(
    "headline",
    ["Beijing slams Washington over tariffs", "King slams critics", "Boeing slams regulator over delays"],
)
def test_a_name_ending_in_ing_before_a_verb_keeps_the_verb_s_suggestion(headline: str, lexicon: Lexicon) -> None:
    # Read as "humiliating climbdown", these had suggested "criticisms".
    assert [s.suggestion for s in extract(headline, lexicon).spans_of("loaded")] == ["criticises"]
