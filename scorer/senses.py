"""Lexicon words used in a literal or fixed sense, which carry no loading: "a bomb blast", "Grand Slam".

Many loaded terms have a common neutral reading that the words around them
show: "the car slammed into", "road rage", "a horror film", "panic buying",
"a terror suspect". Headlines and article bodies both check these before
counting a term as loaded language.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ALSO_ADJECTIVE",
    "BE_FORMS",
    "LITERAL_AFTER",
    "LITERAL_AT_END",
    "LITERAL_BEFORE",
    "LITERAL_NEXT",
    "LITERAL_PHRASES",
    "LITERAL_PREVIOUS",
    "LITERAL_WINDOW",
    "NOUN_MARKERS",
    "VERB_ONLY",
    "WEATHER",
    "adjective_sense",
    "literal_sense",
]

#: Lemmas with a common literal or fixed sense, and the next words that show that sense.
LITERAL_NEXT: dict[str, frozenset[str]] = {
    "slam": frozenset("into shut onto against down".split()),
    # An explosion: "Cairo blast kills 3", "blasts rock Baghdad", "blast at a factory".
    "blast": frozenset(
        "off through into away from kill kills killed hit hits rock rocks rocked injure injures injured wound wounds "
        "wounded toll victims survivors site sites leaves left destroys destroyed damages damaged near outside at "
        "in death deaths".split()
    ),
    # Other senses of the same spelling: "woke up", "spat out", a puppet show, a mob boss, "How to claim your rebate".
    "woke": frozenset("up from early".split()),
    "spat": frozenset("out blood".split()),  # not "spat at", which a row between two leaders is as often
    "puppet": frozenset("theatre theater theatres show shows maker makers museum festival film musical".split()),
    "colossal": frozenset("squid squids statue statues".split()),
    "mammoth": frozenset(
        "tusk tusks fossil fossils remains bone bones skeleton skeletons dna calf carcass tooth teeth ivory".split()
    ),
    "mob": frozenset(
        "boss bosses ties figure figures hit family families museum informant trial killing lawyer wife".split()
    ),
    "insane": frozenset("asylum".split()),
    "illegitimate": frozenset("son sons daughter daughters child children heir baby".split()),
    "claim": frozenset(
        "your their his her its our back compensation benefit benefits refund refunds asylum rebate prize title "
        "titles victory responsibility seat crown lives life gold silver bronze record damages credit ownership "
        "land territory control".split()
    ),
    "rage": frozenset("fire fires wildfire wildfires storm storms river rivers flood floods inferno sea".split()),
    "storm out": frozenset(),
    "savage": frozenset("attack attacks assault beating".split()),
    # Genres and fixed terms of news: the film is a horror film, the suspect a terror suspect.
    "horror": frozenset(
        "film films movie movies genre franchise novel novels series show shows fiction writer".split()
    ),
    "panic": frozenset("buying buy buys buyers bought button buttons attack attacks disorder room rooms".split()),
    "terror": frozenset(
        "suspect suspects attack attacks plot plots charge charges threat threats cell cells group groups law laws "
        "offence offences offense offenses raid raids probe arrest arrests trial trials financing list watchlist "
        "level police unit alert alerts war case cases vote legislation bill bills conviction convictions link links "
        "network networks camp camps training funding".split()
    ),
    # Measurements of earthquakes: "seismic readings", "seismic activity" (not "a seismic shift", "a seismic
    # wave of anger", "the seismic event that changed politics").
    "seismic": frozenset(
        "reading readings activity data survey surveys monitoring station stations sensor sensors".split()
    ),
    "greatest": frozenset("hits".split()),
    # A shock absorber, a shock wave; a monster truck, Monster Energy; pest control.
    "shock": frozenset("absorber absorbers wave waves therapy collar collars".split()),
    "monster": frozenset("truck trucks energy munch jam jams".split()),
    "vermin": frozenset("control infestation infestations".split()),
    "evil": frozenset("eye".split()),
    # Titles: The Amazing Race, Amazing Grace, The Amazing Spider-Man.
    "amazing": frozenset("race grace spider-man".split()),
    # Things, not manner: an explosive device, a stun gun, a sheer cliff, an epic poem.
    "explosive": frozenset("device devices material materials ordnance charge charges vest vests belt belts".split()),
    "stun": frozenset("gun guns grenade grenades".split()),
    "sheer": frozenset("cliff cliffs drop drops face rock tights fabric curtain curtains".split()),
    "epic": frozenset("poem poems poetry".split()),
    # A plea in court: "admits theft", "admitted three counts of fraud" (the legal term, not a framing verb).
    "admit": frozenset(
        "theft fraud murder manslaughter assault burglary robbery rape harassment stalking charge charges count "
        "counts offence offences offense offenses guilt causing possessing possession careless dangerous "
        "drink-driving".split()
    ),
    # "Brutally honest": frankness, not violence.
    "brutal": frozenset("honest honesty frank frankness candid candour".split()),
    # Telling someone: "Neighbour alerts police", "app alerts users to scam".
    "alert": frozenset(
        "police authorities officials residents staff users customers parents public drivers passengers neighbours "
        "neighbors doctors coastguard firefighters neighbour neighbor owners".split()
    ),
}
#: Lemmas with a common literal sense, and words up to `LITERAL_WINDOW` tokens after
#: them that show it: "slammed the door", "slams on the brakes" (but "slammed the regime").
LITERAL_AFTER: dict[str, frozenset[str]] = {
    "slam": frozenset("door doors brakes lid".split()),
    # Farming: "can slaughter 500 cattle a day".
    "slaughter": frozenset("cattle livestock pigs sheep chickens cows lambs poultry".split()),
}
#: Lemmas with a common literal sense, and words up to `LITERAL_WINDOW` tokens before
#: them that show it ("the fire was raging", "road rage").
LITERAL_BEFORE: dict[str, frozenset[str]] = {
    # A debate or row that "rages" is the news cliché for one that goes on, not anger on the page.
    "rage": frozenset(
        "fire fires wildfire wildfires blaze flames storm storms battle battles fighting war road river rivers "
        "torrent torrents debate debates controversy controversies row rows argument arguments discussion "
        "discussions dispute disputes".split()
    ),
}
#: Weather that hits a place: "blizzard slams Northeast", "snowstorm blasts US", "tornadoes rampage
#: through Mississippi" report a physical impact in the words of a storm report.
#: Not snow, rain, hail, wind or gale, which are surnames too ("Jon Snow blasts government").
WEATHER = frozenset(
    "storm storms blizzard blizzards snowstorm snowstorms hurricane hurricanes typhoon typhoons cyclone cyclones "
    "tornado tornadoes tornados gales gusts heatwave heatwaves nor'easter".split()
)
#: Lemmas with a literal or fixed sense, and the word right before them that shows it ("a car
#: blast", "Grand Slam", "a tax regime"). Only the word right before: within three words,
#: "Five MPs blast PM" and "New sanctions hit Iran regime" had been taken for literal.
LITERAL_PREVIOUS: dict[str, frozenset[str]] = {
    "blast": frozenset(
        "bomb bombs explosion gas arctic polar icy cold wintry twin huge massive powerful suicide car truck mine "
        "landmine mortar rocket pipeline factory tanker fuel refinery mosque church hotel coordinated explosive "
        "deadly".split()
    )
    | WEATHER,
    "slam": frozenset("grand".split()) | WEATHER,
    "rampage": WEATHER,
    # A dip in cold water: "polar plunge", "icy water plunge".
    "plunge": frozenset("polar icy ice cold".split()),  # not "water": "Thames Water plunges into crisis"
    # Fighting terrorism as a policy: "agree to fight terror", "charged with aiding terror".
    "terror": frozenset("fight fighting against aiding funding financing counter combat combating combatting".split()),
    "woke": frozenset("i he she we they who".split()),  # the past of "wake"
    "mammoth": frozenset("woolly wooly frozen extinct baby".split()),
    "mob": frozenset("flash".split()),
    "puppet": frozenset("glove sock string shadow".split()),
    "regime": frozenset(
        "tax sanctions regulatory training inspection fitness testing visa pension trading exercise treatment "
        "dosing diet feeding safety licensing".split()
    ),
    "insane": frozenset("criminally clinically".split()),
    # A warning a service issues: "terror alert", "flood alert", "Amber Alert".
    "alert": frozenset(
        "terror weather amber flood floods security red yellow storm heat health tsunami travel".split()
    ),
    "meltdown": frozenset("nuclear reactor core".split()),
    # Verbs and prepositions that take the noun ("denies claims", "row over claims") and adjectives of
    # claims ("outrageous claims spark outrage"): there "claims" reports no speech.
    "claim": frozenset(
        "denies deny denied denying rejects reject rejected dismisses dismiss dismissed refutes refute refuted "
        "disputes dispute disputed faces face faced investigates investigate probes probe over about amid after "
        "despite against wild outrageous unfounded baseless fresh bogus dubious extraordinary "
        # A claim for money or land: "pay claim", "insurance claim", "asylum claims".
        "pay wage wages compensation benefit benefits expenses injury damage damages asylum tax warranty accident ppi "
        "territorial sovereignty".split()
    ),
    # A medical or economic shock: "toxic shock", "an oil price shock".
    "shock": frozenset(
        "electric electrical toxic shell septic anaphylactic price prices oil supply demand energy inflation rate "
        "rates economic external financial".split()
    ),
    "monster": frozenset("cookie ness sea gila".split()),
    "evil": frozenset("resident".split()),
    "tragedy": frozenset("greek".split()),
    # Surnames: Tyson Fury, Robbie Savage; a feeding frenzy.
    "fury": frozenset("tyson tommy".split()),
    "savage": frozenset("robbie dog dogs shark bear lion tiger fox".split()),  # an animal's attack
    "frenzy": frozenset("feeding".split()),
}
#: Lemmas in a fixed phrase with the two words right before them: the War on Terror, the
#: Tower of Terror, Dennis the Menace.
LITERAL_PHRASES: dict[str, frozenset[tuple[str, str]]] = {
    "terror": frozenset({("war", "on"), ("tower", "of")}),
    "menace": frozenset({("dennis", "the")}),
}
LITERAL_WINDOW = 3
#: The forms of "be": before a verb they make it passive ("was admitted to hospital", "is said to be").
BE_FORMS = frozenset("is are was were be been being".split())
#: Lemmas that are loaded only as verbs: as nouns after a noun marker they are literal ("a blast").
VERB_ONLY = frozenset(("blast", "slam", "savage", "rage", "claim", "admit", "allege", "vow", "concede", "insist"))
#: Verb lemmas whose bare form is also a loaded adjective: "the savage cuts", "a savage critique".
ALSO_ADJECTIVE = frozenset(("savage",))
#: Forms that end a headline only as nouns: "Three killed in Cairo blast", "… in Thailand blasts"
#: (a verb would have an object: "Critics blast the plan").
LITERAL_AT_END = frozenset(("blast", "blasts"))
#: Words that, before a lexicon word, show it is used as a noun: "the claims",
#: "a blast", "his admission". As nouns these verbs report nothing one-sided.
NOUN_MARKERS = frozenset(
    "a an the his her its their our my your this that these those such any no some every each of "
    "insurance false new".split()
)


def literal_sense(lemma: str, norms: Sequence[str], i: int, n: int) -> bool:
    """Whether the term `lemma`, at tokens `i` to `i + n` of `norms` (normalised tokens), is used literally."""
    if lemma in VERB_ONLY and i > 0 and norms[i - 1] in NOUN_MARKERS and not adjective_sense(lemma, norms, i):
        return True
    if n == 1 and i + 1 == len(norms) and norms[i] in LITERAL_AT_END:
        return True
    previous = LITERAL_PREVIOUS.get(lemma)
    if previous and i > 0 and norms[i - 1] in previous:
        return True
    phrases = LITERAL_PHRASES.get(lemma)
    if phrases and i > 1 and (norms[i - 2], norms[i - 1]) in phrases:
        return True
    literal = LITERAL_NEXT.get(lemma)
    if literal and i + n < len(norms) and norms[i + n] in literal:
        return True
    after = LITERAL_AFTER.get(lemma)
    if after and any(w in after for w in norms[i + n : i + n + LITERAL_WINDOW]):
        return True
    before = LITERAL_BEFORE.get(lemma)
    return before is not None and any(w in before for w in norms[max(0, i - LITERAL_WINDOW) : i])


def adjective_sense(lemma: str, norms: Sequence[str], i: int) -> bool:
    """Whether the verb `lemma` at token `i` is its adjective: the bare form, first or after a noun marker.

    "Savage cuts to budgets", "The savage cuts": loaded, but "criticise" would not fit.
    """
    return lemma in ALSO_ADJECTIVE and norms[i] == lemma and (i == 0 or norms[i - 1] in NOUN_MARKERS)
