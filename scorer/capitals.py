"""Shouting capitals: all-caps words used for emphasis, told apart from acronyms.

A word set in capitals inside a normally cased headline is shouting
(CHILLING, RIOTS, WILL). It is not shouting when it is an acronym or
initialism (US, NATO, COVID), a roman numeral (XIV), a word with digits (G7),
or when the whole headline is set in capitals as a layout style.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from .lexicon import HYPHENS, MAX_CACHED_WORD_CHARS
from .spans import Span

__all__ = ["Token", "find_capitals", "is_shouted_word"]

Token = tuple[int, int, str]

#: Share of cased words in capitals from which a headline counts as set in
#: capitals as a layout style rather than shouting word by word.
ALL_CAPS_LAYOUT_SHARE = 0.9
#: A headline needs at least this many words in capitals to be called all-caps.
ALL_CAPS_MIN_WORDS = 3
#: Extractor intensity of one shouted word. VADER (Hutto & Gilbert 2014) found
#: that capitalising a sentiment word adds 0.733 on its -4..4 scale (C_INCR);
#: divided by the 4-point scale that is 0.18 of the range.
SHOUT_INTENSITY = 0.733 / 4
#: Intensity given to an all-caps layout headline as a whole: much weaker,
#: because it is a house style, not a choice about particular words.
ALL_CAPS_INTENSITY = SHOUT_INTENSITY / 4

#: Two-letter English words that are shouted (NO, WE). Any other two-letter
#: token in capitals is taken for an initialism (TV, PM, NY).
SHORT_WORDS = frozenset(
    "AM AN AS AT BE BY DO GO HE IF IN IS ME MY NO OF OH ON OR SO TO UP WE".split()
)
#: Three-letter English words that are shouted (WAR, SEX, HIT, SKY, WIN), and the
#: shouted chat words OMG, LOL and WTF. Any other three-letter token in capitals is
#: taken for an initialism (FCA, TUC, ESA, BOE): regulators, unions and agencies
#: not on the acronym list were counted as shouting, and one sent "FCA fines TSB
#: over IT failure" to `high`.
THREE_LETTER_WORDS = frozenset(
    """
    ACE ACT ADD AGE AGO AID AIM AIR ALL AND ANY APE ARE ARK ARM ART ASH ASK ATE AWE AXE BAD BAG BAN BAR BAT BED
    BEE BET BID BIG BIN BIT BOW BOX BOY BUD BUG BUN BUS BUT BUY BYE CAB CAN CAP CAR CAT COP COT COW CRY CUB CUE
    CUP CUT DAD DAM DAY DEN DEW DID DIE DIG DIM DIP DOE DOG DON DOT DRY DUE DUG DYE EAR EAT EGG EGO ELF END ERA
    EVE EYE FAB FAN FAR FAT FED FEE FEW FIG FIN FIT FIX FLU FLY FOE FOG FOR FOX FRY FUN FUR GAG GAP GAS GEL GEM
    GET GIG GOD GOT GUM GUN GUT GUY GYM HAD HAM HAS HAT HAY HEN HER HEY HID HIM HIP HIS HIT HOG HOP HOT HOW HUB
    HUG HUM HUT ICY ILL INK INN IRE ITS IVY JAB JAM JAR JAW JET JOB JOG JOY JUG KEY KID KIN KIT LAB LAD LAG LAP
    LAW LAY LED LEG LET LID LIE LIP LIT LOG LOL LOT LOW MAD MAN MAP MAT MAY MEN MIX MOB MOM MOP MUD MUG MUM NAB
    NAG NAP NET NEW NIL NIP NOD NOR NOT NOW NUN NUT OAK OAR OAT ODD OFF OIL OLD OMG ONE OPT ORB ORE OUR OUT OWE
    OWL OWN PAD PAL PAN PAT PAW PAY PEA PEG PEN PET PIE PIG PIN PIT POD POP POT PRO PUB PUN PUP PUT RAG RAM RAN
    RAP RAT RAW RAY RED RIB RID RIG RIM RIP ROB ROD ROT ROW RUB RUG RUN RUT SAD SAG SAT SAW SAY SEA SEE SET SEW
    SEX SHE SHY SIN SIP SIR SIT SIX SKI SKY SLY SOB SON SOW SPA SPY SUB SUE SUM SUN TAB TAG TAN TAP TAR TAX TEA
    TEN THE TIE TIN TIP TOE TON TOO TOP TOY TRY TUB TUG TWO USE VAN VAT VET VOW WAR WAS WAX WAY WEB WED WET WHY
    WIG WIN WIT WOE WON WOW WTF YES YET YOU ZAP ZIP ZOO
    """.split()
)
#: Section labels of news sites ("ANALYSIS: …", "… (VIDEO)", "… – LIVE"): a label in capitals
#: is the site's layout, not shouting, where it stands as a label (`_label_positions`).
SECTION_LABELS = frozenset(
    """
    ANALYSIS OPINION CORRECTION CORRECTIONS CLARIFICATION EXPLAINER EXPLAINED UPDATE UPDATED LIVE WATCH VIDEO
    VIDEOS PHOTO PHOTOS PICTURES GALLERY AUDIO LISTEN PODCAST REVIEW REVIEWS OBITUARY INTERVIEW EDITORIAL
    COMMENT FACTBOX FACTCHECK RECAP PREVIEW POLL QUIZ LETTERS FEATURE
    """.split()
)
#: Section labels of two or three words ("IN PICTURES: …", "FACT CHECK: …", "… – AS IT HAPPENED").
MULTI_WORD_LABELS = frozenset(
    tuple(label.split())
    for label in (
        "IN PICTURES", "IN PHOTOS", "IN FULL", "IN NUMBERS", "IN BRIEF", "FACT CHECK", "LIVE UPDATES", "LIVE BLOG",
        "WATCH LIVE", "AS IT HAPPENED", "FIRST LOOK", "Q AND A",
    )
)
#: Words that begin a label of several words: most headlines have none of them in capitals.
_LABEL_STARTS = frozenset(label[0] for label in MULTI_WORD_LABELS)
_LABEL_SIZES = tuple(sorted({len(label) for label in MULTI_WORD_LABELS}))
#: Characters that set a label apart: "ANALYSIS:", "OPINION |", "– VIDEO", "(WATCH)".
_LABEL_MARKS = ":|-\u2013\u2014([)]"
#: English words in capitals that also read as roman numerals (MIX = 1009): words, not numbers.
ROMAN_LOOKALIKES = frozenset({"MIX"})
_ROMAN_RE = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_POSSESSIVE_RE = re.compile(r"['\u2019]S$")
#: What parts a word in capitals: hyphens (Unicode's too) and apostrophes (SHOCK-HORROR, CAN'T).
_PARTS_RE = re.compile(f"[-{HYPHENS}'\u2019]")
#: Capital vowels of the Latin, Greek and Cyrillic alphabets (accents are removed first).
_VOWELS = frozenset("AEIOUY" + "\u0391\u0395\u0397\u0399\u039f\u03a5\u03a9" + "АЕИОУЫЭЮЯІЄ")


def _has_vowel(word: str) -> bool:
    base = unicodedata.normalize("NFD", word)
    return any(ch in _VOWELS for ch in base)


#: Distinct words in capitals whose verdict is remembered (per word, never per text).
SHOUT_CACHE_WORDS = 1 << 14


def is_shouted_word(token: str, acronyms: frozenset[str]) -> bool:
    """True when `token` is a word in capitals used for emphasis, not an acronym."""
    if len(token) > MAX_CACHED_WORD_CHARS:
        return _shouted(token, acronyms)
    return _shouted_cached(token, acronyms)


def _shouted(token: str, acronyms: frozenset[str]) -> bool:
    if not token.isupper() or any(ch.isdigit() for ch in token):
        return False
    core = _POSSESSIVE_RE.sub("", token)
    parts = [p for p in _PARTS_RE.split(core) if p]
    if not parts or core in acronyms:
        return False
    return any(_is_shouted_part(part, acronyms) for part in parts)


_shouted_cached = functools.lru_cache(maxsize=SHOUT_CACHE_WORDS)(_shouted)


def _is_shouted_part(part: str, acronyms: frozenset[str]) -> bool:
    letters = sum(1 for ch in part if ch.isalpha())
    if letters < 2 or part in acronyms or (_ROMAN_RE.match(part) and part not in ROMAN_LOOKALIKES):
        return False
    if letters == 2:
        return part in SHORT_WORDS
    if letters == 3 and part.isascii():
        return part in THREE_LETTER_WORDS
    # Initialisms are mostly consonants (NHS, BBC, HSBC); words need a vowel, and begin and end
    # with consonants that English puts together (not ASML, OLPC, FTSE).
    return _has_vowel(part) and not (part.isascii() and part.isalpha() and _foreign_clusters(part))


#: Consonants that begin English words together (BL…, STR…), and that end them (…CK, …NGTH; …LDN and
#: …SN for SHOULDN'T and ISN'T, whose parts are weighed apart), an s of the plural aside. Y counts as a
#: vowel. Written for this project from English spelling; on the 47,567 headlines of the training data
#: they part NCAA, ESPN, NYPD, ADHD, FTSE and the like from words.
ENGLISH_ONSETS = frozenset(
    "BL BR CH CHL CHR CL CR CZ DR DW FJ FL FR GH GL GN GR KL KN KR PH PHL PHR PL PN PR PS RH SC SCH SCHM SCL SCR "
    "SH SHR SK SKR SL SM SN SP SPH SPL SPR SQ ST STR SV SW TH THR THW TR TS TW WH WR".split()
)
ENGLISH_CODAS = frozenset(
    "BT CH CHT CK CT DN DNT DST DTH FF FT FTH GH GHT GHTH GHTN GM GN LB LCH LD LDN LDNT LF LFTH LK LL LM LN LP "
    "LPT LSH LST LT LTH LTZ MB MN MP MPH MPT MTH NC NCH NCT ND NG NGST NGTH NK NST NT NTH NX PH PT PTH RB RC RCH "
    "RD RF RG RK RL RLD RM RMTH RN RNT RP RPH RPT RSH RST RT RTH RTZ SC SCH SH SHT SK SM SN SNT SP SS ST STN "
    "STNT TCH TH THM TLL TSCH TT TZ WD WK WL WN WT WTH XT XTH ZZ".split()
)
_CONSONANT_RUN_RE = re.compile("[B-DF-HJ-NP-TV-XZ]+")


def _foreign_clusters(word: str) -> bool:
    """True when `word` (ASCII capitals) begins or ends with consonants no English word has there (ASML, FTSE)."""
    for run in _CONSONANT_RUN_RE.finditer(word):
        cluster, start, end = run.group(), run.start(), run.end()
        if start == 0 and end < len(word) and len(cluster) > 1 and cluster not in ENGLISH_ONSETS:
            return True
        if end == len(word) and start > 0:
            coda = cluster[:-1] if cluster.endswith("S") else cluster
            if len(coda) > 1 and coda not in ENGLISH_CODAS and not (len(coda) == 2 and coda[0] == coda[1]):
                return True  # a doubled letter ends words too (ODDS, EGGS, APPS)
    return False


def _keeps_own_case(word: str) -> bool:
    """True for a mixed-case word with a capital after its first letter (iPhone, eBay, McDONALD'S)."""
    return not word.isupper() and any(ch.isupper() for ch in word[1:])


def _label_positions(text: str, tokens: Sequence[Token]) -> set[int]:
    """Indices of the tokens that are section labels where they stand as one.

    A label is one word (`SECTION_LABELS`) or a few (`MULTI_WORD_LABELS`). It stands
    as one first, followed by a mark ("ANALYSIS: …", "Opinion | …", "FACT CHECK: …",
    or a wire service's numbered "UPDATE 2-…"); last, after a mark ("… – video",
    "… (WATCH)"); or in brackets anywhere ("[VIDEO]").
    """
    found: set[int] = set()
    last = len(tokens) - 1
    for i, (start, _, word) in enumerate(tokens):
        upper = word.upper()
        size = _multi_word_label(tokens, i) if upper in _LABEL_STARTS else 0
        size = size or (1 if upper in SECTION_LABELS else 0)
        if not size:
            continue
        j = i + size - 1
        end = tokens[j][1]
        before, after = text[:start].rstrip()[-1:], text[end:].lstrip()[:1]
        if i == 0 and after.isdigit():  # a wire service's numbered label: "UPDATE 2-Oil steadies"
            after = text[end:].lstrip().lstrip("0123456789").lstrip()[:1]
        if (i == 0 and after and after in _LABEL_MARKS) or (j == last and before and before in _LABEL_MARKS) or (
            before in ("(", "[") and after in (")", "]")
        ):
            found.update(range(i, j + 1))
    return found


def _multi_word_label(tokens: Sequence[Token], i: int) -> int:
    """How many tokens from `i` make a label of several words (0 if none does)."""
    for size in _LABEL_SIZES:
        words = tuple(t[2].upper() for t in tokens[i : i + size])
        if len(words) == size and words in MULTI_WORD_LABELS:
            return size
    return 0


def _joined_by_ampersand(text: str, start: int, end: int) -> bool:
    """True for a part of a name joined by "&" (AT&T, M&S, P&O): an initialism, not a word."""
    return text[start - 1 : start] == "&" or text[end : end + 1] == "&"


def find_capitals(text: str, tokens: Sequence[Token], acronyms: frozenset[str]) -> list[Span]:
    """Spans for shouted words, or one `all_caps` span when the headline is set in capitals.

    The layout test leaves out words that keep their own mixed case: a brand
    keeps it in an all-caps headline (APPLE UNVEILS NEW iPhone), and that word
    must not turn the layout into shouting word by word; it also leaves out
    section labels ("PRESIDENT SIGNS BILL – video").
    """
    upper = [t for t in tokens if t[2].isupper()]
    if not upper:
        return []
    # A label matters to shouting only when one is in capitals, and to the layout test only with enough
    # words in capitals to make one: most headlines need neither, and skip the search.
    may_label = len(upper) >= ALL_CAPS_MIN_WORDS or any(t[2] in SECTION_LABELS or t[2] in _LABEL_STARTS for t in upper)
    labels = _label_positions(text, tokens) if may_label and len(tokens) > 1 else set()
    if labels:
        upper = [t for i, t in enumerate(tokens) if t[2].isupper() and i not in labels]
    if len(upper) >= ALL_CAPS_MIN_WORDS:
        cased = sum(
            1
            for i, t in enumerate(tokens)
            if t[2].upper() != t[2].lower() and not _keeps_own_case(t[2]) and i not in labels
        )
        if len(upper) >= ALL_CAPS_LAYOUT_SHARE * cased:
            # The whole text, quotation marks and brackets at its ends included ("'WE WILL FIGHT ON', SAYS PM").
            start, end = len(text) - len(text.lstrip()), len(text.rstrip())
            return [
                Span(
                    start,
                    end,
                    text[start:end],
                    "all_caps",
                    "layout",
                    ALL_CAPS_INTENSITY,
                    "The whole headline is set in capitals: a layout style, so its words "
                    "are not counted one by one as shouting.",
                )
            ]
    return [
        Span(
            start,
            end,
            word,
            "shouting",
            "caps",
            SHOUT_INTENSITY,
            f"“{word}” is set in capitals for emphasis (shouting); it is not an acronym.",
            word.lower(),
        )
        for start, end, word in upper
        if is_shouted_word(word, acronyms) and not _joined_by_ampersand(text, start, end)
    ]
