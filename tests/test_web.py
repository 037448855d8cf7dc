"""The editors' web form, rendered on the server (no JavaScript), parsed as HTML."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from flask.testing import FlaskClient
from markupsafe import Markup
from scorer.api import create_app
from scorer.api.highlight import show_controls

from scorer import Scorer
from scorer.core import MAX_BODY_CHARS
from scorer.extract import MAX_HEADLINE_CHARS

SEED = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"
VOID = {"meta", "link", "input", "br", "img", "hr", "rect"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Any] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Any:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes())]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(found) == 1, ident
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        node = self.stack[-1]
        if node.tag in ("textarea", "pre") and not node.children and data.startswith("\n"):
            data = data[1:]  # as a browser does: a line break just after the start tag is not content
        node.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    return builder.root


class BodyScorer(Scorer):
    """A scorer whose body analysis is a fixed, well-formed answer (the body work is tested elsewhere)."""

    def analyse_body(self, body: str) -> dict[str, Any]:
        said = body.index("DISASTER")
        loaded = body.index("reckless")
        return {
            "score": 0.8,
            "label": "high",
            "components": {},
            "evidence": [
                {
                    "start": loaded,
                    "end": loaded + 8,
                    "text": "reckless",
                    "kind": "loaded",
                    "category": "anger",
                    "explanation": "outlet calls it reckless",
                    "voice": "outlet",
                    "speaker": None,
                },
                {
                    "start": said,
                    "end": said + 8,
                    "text": "DISASTER",
                    "kind": "loaded",
                    "category": "hyperbole",
                    "explanation": "quoted speaker calls it a disaster",
                    "voice": "quoted",
                    "speaker": "Ms <b>Ruiz</b>",
                },
            ],
            "quotes": [],
            "sources": [],
            "cross_promoted": [],
        }


def test_get_shows_a_labelled_form_and_no_result(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = parse(response.get_data(as_text=True))
    form = page.find_all("form")[0]
    assert form.attrs["method"] == "post"
    for field_id in ("headline", "body"):
        assert page.by_id(field_id).attrs["name"] == field_id
        assert [n for n in page.find_all("label") if n.attrs.get("for") == field_id]
    assert not page.find_all("mark")
    assert page.find_all("meta") and any(m.attrs.get("name") == "viewport" for m in page.find_all("meta"))


def test_the_browser_never_cuts_a_headline_the_server_accepts(client: FlaskClient) -> None:
    # maxlength counts UTF-16 code units; the server's limits count code points.
    page = parse(client.get("/").get_data(as_text=True))
    for field_id, limit in (("headline", MAX_HEADLINE_CHARS), ("body", MAX_BODY_CHARS)):
        longest = "\U0001f631" * limit  # astral: two UTF-16 units each
        assert len(longest.encode("utf-16-le")) // 2 <= int(page.by_id(field_id).attrs["maxlength"])
    accepted = client.post("/", data={"headline": "\U0001f631 SHOCK " + "\U0001f631" * (MAX_HEADLINE_CHARS - 8)})
    assert accepted.status_code == 200


def test_posting_the_seed_highlights_chilling_and_reads_high(client: FlaskClient, scorer: Scorer) -> None:
    response = client.post("/", data={"headline": SEED})
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert page.by_id("label").text().strip() == scorer.score(SEED).label.upper() == "HIGH"
    headline = page.by_id("highlighted")
    marked = {m.find_all("span", "ev-text")[0].text(): m for m in headline.find_all("mark")}
    assert {"CHILLING", "RIOTS", "WILL"} <= set(marked)
    chilling = marked["CHILLING"]
    assert chilling.attrs["tabindex"] == "0"
    tip = chilling.find_all("span", "tip")[0].text()
    assert "fear" in tip and "capitals" in tip
    for ident in chilling.attrs["aria-describedby"].split():
        assert page.by_id(ident).tag == "li"
    assert "voice-quoted" in marked["WILL"].classes() and "voice-quoted" not in chilling.classes()
    # The headline text survives highlighting exactly (tooltips aside).
    plain = "".join(
        c if isinstance(c, str) else (c.find_all("span", "ev-text")[0].text() if c.tag == "mark" else c.text())
        for c in headline.children
    )
    assert plain == SEED


@pytest.mark.parametrize(
    ("headline", "code", "words"),
    [("Le gouvernement annonce une réforme choc des retraites", "unfamiliar_words", "1 of the headline's 8 words"),
     ("Wow", "too_short", "only one word")],
)
def test_the_page_says_when_the_score_says_little(client: FlaskClient, headline: str, code: str, words: str) -> None:
    page = parse(client.post("/", data={"headline": headline}).get_data(as_text=True))
    note = page.by_id(f"warning-{code}")
    assert note.attrs["role"] == "note" and words in note.text()
    assert not page.find_all("p", "caveat")[1:]


def test_an_ordinary_headline_shows_no_warning(client: FlaskClient) -> None:
    page = parse(client.post("/", data={"headline": SEED}).get_data(as_text=True))
    assert page.find_all("p", "caveat") == []


def test_suggestions_offer_lower_case_and_neutral_words(client: FlaskClient) -> None:
    page = parse(
        client.post("/", data={"headline": "Minister SLAMS critics over CHILLING report as RIVALS meet"})
        .get_data(as_text=True)
    )
    pairs = {
        (li.find_all("span", "from")[0].text(), li.find_all("span", "to")[0].text())
        for li in page.find_all("ul", "suggestions")[0].find_all("li")
    }
    assert ("“RIVALS”", "“rivals”") in pairs  # shouted only: lower case
    # A shouted loaded word gets its neutral word alone, not also itself in lower case.
    assert ("“CHILLING”", "“stark”") in pairs and ("“CHILLING”", "“chilling”") not in pairs
    assert [to for word, to in pairs if word == "“SLAMS”"] == ["“criticises”"]


def test_a_word_found_without_weight_is_not_offered_an_alternative(client: FlaskClient) -> None:
    posted = client.post("/", data={"headline": "Man charged over alleged fraud at council"})
    page = parse(posted.get_data(as_text=True))
    lists = page.find_all("ul", "suggestions")
    assert not lists or not [li for li in lists[0].find_all("li") if "alleged" in li.text()]


def test_devices_without_weight_are_listed_apart_from_words_that_lower_the_score(client: FlaskClient) -> None:
    # "alleged" is a framing verb that VADER does not rate: found, shown, but no weight in the model.
    posted = client.post("/", data={"headline": "Man charged over alleged fraud at council"})
    page = parse(posted.get_data(as_text=True))
    apart = page.find_all("details", "unweighted")[0]
    assert "no weight" in apart.find_all("summary")[0].text()
    assert any("alleged" in li.text() for li in apart.find_all("li"))
    lowering = page.find_all("details", "lowering")
    assert lowering and not any("alleged" in li.text() for li in lowering[0].find_all("li"))
    assert "+0.00" not in lowering[0].text()


def test_the_page_shows_the_starting_point_and_a_score_cut_to_two_places(client: FlaskClient, scorer: Scorer) -> None:
    page = parse(client.post("/", data={"headline": SEED}).get_data(as_text=True))
    result = scorer.score(SEED)
    note = " ".join(page.find_all("p", "baseline")[0].text().split())
    assert f"before any evidence: that is {result.intercept:+.2f} on the scale of the weights above" in note
    shown = page.find_all("span", "score")[0].text()
    assert shown == f"score {math.floor(result.score * 100 + 1e-9) / 100:.2f} of 1"


def test_gauge_needle_sits_at_the_score(client: FlaskClient, scorer: Scorer) -> None:
    headline = "Council approves budget for road repairs"
    page = parse(client.post("/", data={"headline": headline}).get_data(as_text=True))
    needle = page.find_all("rect", "needle")[0]
    assert float(needle.attrs["x"]) + 1 == pytest.approx(scorer.score(headline).score * 100, abs=1.01)
    assert page.by_id("label").text().strip() == scorer.score(headline).label.upper()


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert('x')</script> RIOTS",
        '"><img src=x onerror=alert(1)> CHILLING',
        "</textarea><script>alert(1)</script>",
        "<mark onfocus=alert(1) tabindex=0>SHOCK</mark>",
    ],
)
def test_markup_in_the_headline_renders_as_text(client: FlaskClient, attack: str) -> None:
    response = client.post("/", data={"headline": attack})
    page = parse(response.get_data(as_text=True))
    scripts = page.find_all("script")
    assert all(s.attrs.get("src", "").startswith("/static/") and not s.text().strip() for s in scripts)
    assert not page.find_all("img")
    assert not [n for n in page.iter() if any(k.startswith("on") for k in n.attrs)]
    assert page.by_id("headline").text() == attack  # the textarea keeps it, as text


def test_empty_or_too_long_headline_shows_an_error_not_a_traceback(client: FlaskClient) -> None:
    for headline, status in (("   ", 422), ("x" * (MAX_HEADLINE_CHARS + 1), 422)):
        response = client.post("/", data={"headline": headline})
        assert response.status_code == status
        page = parse(response.get_data(as_text=True))
        alert = [n for n in page.iter() if n.attrs.get("role") == "alert"]
        assert alert and "headline" in alert[0].text().lower()
        assert "Traceback" not in response.get_data(as_text=True)



def error_ties(page: Node) -> dict[str, bool]:
    """For each text field: whether it is marked invalid and described by the page's one alert."""
    alerts = [n for n in page.iter() if n.attrs.get("role") == "alert"]
    alert_id = alerts[0].attrs.get("id") if len(alerts) == 1 else None
    ties = {}
    for name in ("headline", "body"):
        attrs = page.by_id(name).attrs
        described = attrs.get("aria-describedby", "").split()
        invalid = attrs.get("aria-invalid") == "true"
        assert invalid == (alert_id is not None and alert_id in described), name  # both or neither
        assert f"{name}-hint" in described, name  # the hint stays
        ties[name] = invalid
    return ties


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"headline": "   "}, "headline"),
        ({"headline": "x" * (MAX_HEADLINE_CHARS + 1)}, "headline"),
        ({"headline": SEED, "body": "y" * (MAX_BODY_CHARS + 1)}, "body"),
        ({"body": "The council met on Tuesday."}, "headline"),
    ],
    ids=["empty", "headline-too-long", "body-too-long", "no-headline"],
)
def test_an_error_about_a_field_is_tied_to_it_for_screen_readers(
    client: FlaskClient, data: dict[str, str], field: str
) -> None:
    # The alert was announced once, but the field itself said nothing: moving back to it, a screen
    # reader read "Headline, edit text", not that it was invalid nor why.
    response = client.post("/", data=data)
    assert response.status_code == (200 if field == "body" else 422)  # a body problem leaves a score
    ties = error_ties(parse(response.get_data(as_text=True)))
    assert ties == {"headline": field == "headline", "body": field == "body"}


def test_fields_are_not_marked_invalid_when_scored_or_blank(client: FlaskClient) -> None:
    for response in (client.get("/"), client.post("/", data={"headline": SEED})):
        assert error_ties(parse(response.get_data(as_text=True))) == {"headline": False, "body": False}


def test_an_error_about_no_field_is_tied_to_none(scorer: Scorer) -> None:
    client = create_app({"SCORER_INSTANCE": scorer, "SCORER_RATE_LIMIT": "1"}).test_client()
    client.post("/", data={"headline": SEED})
    limited = client.post("/", data={"headline": SEED})
    assert limited.status_code == 429
    assert error_ties(parse(limited.get_data(as_text=True))) == {"headline": False, "body": False}

def test_the_form_shares_the_api_rate_limit(scorer: Scorer) -> None:
    client = create_app({"SCORER_INSTANCE": scorer, "SCORER_RATE_LIMIT": "3"}).test_client()
    statuses = [client.post(path, data={"headline": "Storm FURY hits coast"}).status_code for path in ("/", "/result")]
    assert statuses == [200, 200]
    assert client.post("/v1/score", json={"headline": "Storm FURY hits coast"}).status_code == 200
    limited = client.post("/", data={"headline": "Storm FURY hits coast"})
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    alert = [n for n in parse(limited.get_data(as_text=True)).iter() if n.attrs.get("role") == "alert"]
    assert alert and "too many requests" in alert[0].text()
    assert client.post("/result", data={"headline": "x"}).status_code == 429
    assert client.get("/").status_code == 200  # the empty form is not scoring


def test_a_form_that_cannot_be_read_still_draws_on_the_rate_limit_and_text_is_shown_back(scorer: Scorer) -> None:
    """A post refused while reading the form had cost no token: a client could send them without limit."""
    client = create_app({"SCORER_INSTANCE": scorer, "SCORER_RATE_LIMIT": "2"}).test_client()
    for _ in range(2):
        bad = client.post("/", data=b"headline=a&headline=b", content_type="application/x-www-form-urlencoded")
        assert bad.status_code == 400  # a repeated field
    limited = client.post("/", data={"headline": "Storm FURY hits coast", "body": "The plan."})
    assert limited.status_code == 429
    page = parse(limited.get_data(as_text=True))
    assert page.by_id("headline").text() == "Storm FURY hits coast"  # nothing typed is lost
    assert page.by_id("body").text() == "The plan."


def test_a_body_the_browser_allowed_is_not_too_long_for_its_crlf_line_breaks(client: FlaskClient) -> None:
    # the browser counts a line break as one character (maxlength) and sends it as two
    line = "Officials said the plan was a DISASTER.\r\n"
    body = line * (MAX_BODY_CHARS // (len(line) - 1))
    assert len(body.replace("\r\n", "\n")) <= MAX_BODY_CHARS < len(body)
    response = client.post("/result", data={"headline": SEED, "body": body})
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert not [n for n in page.iter() if n.attrs.get("role") == "alert"]
    assert page.find_all("p", "body-score")  # the body was analysed


def test_result_fragment_is_just_the_result_section(client: FlaskClient) -> None:
    page = parse(client.post("/result", data={"headline": SEED}).get_data(as_text=True))
    assert not page.find_all("form")
    assert page.by_id("result").find_all("mark")


def body_page(scorer: Scorer, body: str) -> Node:
    """The page for the seed headline with `body`, from an app whose scorer analyses bodies."""
    client = create_app({"SCORER_INSTANCE": BodyScorer(model=scorer.model, lexicon=scorer.lexicon)}).test_client()
    return parse(client.post("/", data={"headline": SEED, "body": body}).get_data(as_text=True))


def test_body_evidence_is_listed_with_outlet_and_quoted_voice_apart(scorer: Scorer) -> None:
    page = body_page(scorer, "The reckless plan was unveiled on Monday. 'It is a DISASTER,' said Ms Ruiz.")
    items = page.find_all("ol", "body-evidence")[0].find_all("li")
    assert [("voice-outlet" in li.classes(), "voice-quoted" in li.classes()) for li in items] == [
        (True, False),
        (False, True),
    ]
    assert items[0].find_all("mark")[0].text() == "reckless"
    assert items[1].find_all("mark")[0].text() == "DISASTER"
    assert "Ms <b>Ruiz</b>" in items[1].text() and not items[1].find_all("b")



def isolated(node: Node) -> bool:
    """Whether `node` takes its direction from its own text: `dir="auto"`, or a `<bdi>`."""
    return (node.tag == "bdi" and "dir" not in node.attrs) or node.attrs.get("dir") == "auto"


def test_right_to_left_text_in_the_form_and_the_headline_takes_its_own_direction(client: FlaskClient) -> None:
    # In the page's left-to-right flow an Arabic headline showed its "!" at the wrong end.
    headline = "عاجل: انهيار كامل للسوق في Dubai!!!"  # one Latin word: the model scores English only
    page = parse(client.post("/", data={"headline": headline, "body": "שלום עולם in Tel Aviv"}).get_data(as_text=True))
    assert isolated(page.by_id("headline")) and isolated(page.by_id("body"))
    highlighted = page.by_id("highlighted")
    assert isolated(highlighted) and highlighted.text().startswith(headline)  # then the tooltip
    # the explanations are the page's English, left to right whatever the headline
    assert all(tip.attrs.get("dir") == "ltr" for tip in highlighted.find_all("span", "tip"))


def test_user_words_in_suggestions_and_body_evidence_take_their_own_direction(scorer: Scorer) -> None:
    page = body_page(scorer, "התוכנית reckless נחשפה ביום שני. 'It is a DISASTER,' said Ms Ruiz.")
    suggestions = page.find_all("ul", "suggestions")[0].find_all("li")
    assert suggestions
    for li in suggestions:
        words = [n for n in li.iter() if n.classes() & {"from", "to"}]
        assert len(words) == 2 and all(isolated(w) for w in words)
    items = page.find_all("ol", "body-evidence")[0].find_all("li")
    assert all(isolated(li.find_all("p", "context")[0]) for li in items)
    speakers = [n for li in items for n in li.iter() if n.tag == "bdi" and "Ruiz" in n.text()]
    assert speakers and all(isolated(n) for n in speakers)


#: Characters an HTML page may not hold as they are: C0 controls but tab, line feed, form feed and
#: carriage return (NUL included), and DEL (WHATWG HTML, "control-character-in-input-stream").
RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def pictured(text: str) -> str:
    return RAW_CONTROLS.sub(lambda m: "\u2421" if m[0] == "\x7f" else chr(0x2400 + ord(m[0])), text)


@pytest.mark.parametrize(
    "headline",
    ["Control\x00chars\x07 and HORROR\x1b[31m", "RIOTS\x00\x00 in STREETS\x7f!!!", "\x01SHOCK\x02 claim"],
)
def test_control_characters_show_as_pictures_at_the_same_offsets(client: FlaskClient, headline: str) -> None:
    # A NUL went into the page as it was: an HTML parse error, shown as \ufffd or as nothing at all.
    response = client.post("/", data={"headline": headline, "body": f"The body: {headline}"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert not RAW_CONTROLS.search(html)
    page = parse(html)
    # The fields hold the text without the controls: refilled with pictures, a second post scored "␀".
    assert page.by_id("headline").text() == RAW_CONTROLS.sub("", headline)
    assert page.by_id("body").text() == RAW_CONTROLS.sub("", f"The body: {headline}")
    highlighted = page.by_id("highlighted")
    assert "".join(c if isinstance(c, str) else c.find_all("span", "ev-text")[0].text() for c in highlighted.children)[
        : len(headline)
    ] == pictured(headline)
    # each mark shows the words of its span: the pictures take one code point each, as the controls did
    evidence = client.post("/v1/score", json={"headline": headline}).get_json()["evidence"]
    marked = [m.find_all("span", "ev-text")[0].text() for m in highlighted.find_all("mark")]
    assert marked and set(marked) <= {pictured(headline[e["start"] : e["end"]]) for e in evidence}
    assert "control characters" in page.by_id("controls-note").text()


def test_no_note_on_control_characters_without_them(client: FlaskClient) -> None:
    response = client.post("/", data={"headline": SEED, "body": "Tabs\tand\nlines\r\nare text."})
    page = parse(response.get_data(as_text=True))
    assert not [n for n in page.iter() if n.attrs.get("id") == "controls-note"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\x00b", "a\u2400b"),
        ("\x01\x1b[31m\x1f", "\u2401\u241b[31m\u241f"),
        ("del\x7f", "del\u2421"),
        ("tab\tlf\nff\x0ccr\r", "tab\tlf\nff\x0ccr\r"),  # white space to HTML: allowed as it is
        ("vt\x0b", "vt\u240b"),
        ("c1 \x85 stays", "c1 \x85 stays"),  # no picture; HTML keeps it (a parse error, not a loss)
        (0.5, 0.5),
        (Markup("<b>\x00</b>"), Markup("<b>\x00</b>")),  # markup is the template's own, never user text
    ],
)
def test_show_controls_pictures_what_html_cannot_hold(value: object, shown: object) -> None:
    result = show_controls(value)
    assert result == shown and type(result) is type(shown)


def test_the_json_api_keeps_control_characters_as_sent(client: FlaskClient) -> None:
    headline = "RIOTS\x00 in STREETS"
    result = client.post("/v1/score", json={"headline": headline}).get_json()
    assert result["headline"] == headline  # JSON escapes them; only the page pictures them

def test_body_utf16_offsets_in_the_api(scorer: Scorer) -> None:
    client = create_app({"SCORER_INSTANCE": BodyScorer(model=scorer.model, lexicon=scorer.lexicon)}).test_client()
    body = "😀 The reckless plan. 'A DISASTER,' she said."
    data = client.post("/v1/score", json={"headline": SEED, "body": body}).get_json()
    units = body.encode("utf-16-le")
    for span in data["body"]["evidence"]:
        assert span["start_utf16"] == span["start"] + 1
        assert units[2 * span["start_utf16"] : 2 * span["end_utf16"]].decode("utf-16-le") == span["text"]


def test_page_sends_a_strict_content_security_policy(client: FlaskClient) -> None:
    for response in (client.get("/"), client.post("/", data={"headline": SEED})):
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = parse(client.get("/").get_data(as_text=True))
    assert not [n for n in page.iter() if "style" in n.attrs]  # inline styles would be blocked anyway


def test_static_files_are_served(client: FlaskClient) -> None:
    for name, mimetype in (("form.css", "text/css"), ("form.js", "text/javascript")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and response.mimetype == mimetype
        response.close()


def test_with_api_keys_the_form_is_off_unless_asked_for(scorer: Scorer) -> None:
    """Keys set to close the API had left the same scoring open to anyone at / and /result."""
    keyed = create_app({"SCORER_INSTANCE": scorer, "SCORER_API_KEYS": "k" * 20}).test_client()
    assert keyed.get("/").status_code == 404 and keyed.post("/result", data={"headline": SEED}).status_code == 404
    both = create_app({"SCORER_INSTANCE": scorer, "SCORER_API_KEYS": "k" * 20, "SCORER_WEB_FORM": "1"}).test_client()
    assert both.get("/").status_code == 200


def test_web_form_can_be_turned_off(scorer: Scorer) -> None:
    client = create_app({"SCORER_INSTANCE": scorer, "SCORER_WEB_FORM": "0"}).test_client()
    assert client.get("/").status_code == 404
    assert client.post("/v1/score", json={"headline": SEED}).status_code == 200


def test_a_body_in_another_language_shows_its_warning(client: FlaskClient) -> None:
    body = (
        "Der Bundestag hat am Donnerstag das umstrittene Heizungsgesetz beschlossen. Die Opposition sprach von "
        "einem schwarzen Tag für die Verbraucher, die Regierung von einem wichtigen Schritt für den Klimaschutz. "
        "Nach monatelangem Streit stimmten die Abgeordneten der Koalition geschlossen für den Entwurf."
    )
    page = parse(client.post("/result", data={"headline": SEED, "body": body}).get_data(as_text=True))
    (warning,) = [n for n in page.iter() if n.attrs.get("id") == "body-warning-unfamiliar_words"]
    assert warning.attrs.get("role") == "note"
    english = parse(
        client.post("/result", data={"headline": SEED, "body": "The minister said the plan was sound. " * 5})
        .get_data(as_text=True)
    )
    assert not [n for n in english.iter() if n.attrs.get("id") == "body-warning-unfamiliar_words"]


def test_a_headline_too_short_to_judge_greys_its_gauge(client: FlaskClient) -> None:
    short = parse(client.post("/", data={"headline": "Wow"}).get_data(as_text=True))
    (gauge,) = short.find_all("div", "gauge")
    assert "doubtful" in gauge.classes() and "too little to judge" in short.find_all("span", "doubt")[0].text()
    seed = parse(client.post("/", data={"headline": SEED}).get_data(as_text=True))
    assert "doubtful" not in seed.find_all("div", "gauge")[0].classes() and not seed.find_all("span", "doubt")


@pytest.mark.parametrize(
    ("body", "reason"),
    [("Шок в столице", "no word in the Latin alphabet"), ("x" * (MAX_BODY_CHARS + 1), "characters long")],
)
def test_a_body_that_cannot_be_analysed_leaves_the_headline_scored(client: FlaskClient, body: str, reason: str) -> None:
    response = client.post("/", data={"headline": SEED, "body": body})
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    note = page.by_id("body-error")
    assert note.attrs["role"] == "alert" and reason in note.text() and "scored alone" in note.text()
    assert page.by_id("label").text().strip() == "HIGH" and not page.find_all("p", "body-score")
    box = page.by_id("body")
    assert box.attrs.get("aria-invalid") == "true" and "body-error" in box.attrs["aria-describedby"]
    assert "aria-invalid" not in page.by_id("headline").attrs


def test_the_form_s_error_messages_are_sentences(client: FlaskClient) -> None:
    page = parse(client.post("/", data={"headline": "12345"}).get_data(as_text=True))
    message = page.by_id("form-error").text().strip()
    assert message.startswith("The headline has no words") and message.endswith(".")
