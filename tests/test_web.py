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


def test_the_browser_never_cuts_a_paste_and_the_server_reports_its_whole_length(client: FlaskClient) -> None:
    # maxlength cut a pasted 5,000-character headline to 4,000 without a word; the error then said 4,000.
    page = parse(client.get("/").get_data(as_text=True))
    for field_id, limit in (("headline", MAX_HEADLINE_CHARS), ("body", MAX_BODY_CHARS)):
        assert "maxlength" not in page.by_id(field_id).attrs
        assert page.by_id(field_id).attrs["data-limit"] == str(limit)  # form.js counts against it
    pasted = "Storm FURY " + "x" * 4_989
    refused = client.post("/", data={"headline": pasted})
    assert refused.status_code == 422
    page = parse(refused.get_data(as_text=True))
    assert "5,000 characters long" in page.by_id("form-error").text()
    assert page.by_id("headline").text() == pasted  # shown back whole, to shorten
    accepted = client.post("/", data={"headline": "\U0001f631 SHOCK " + "\U0001f631" * (MAX_HEADLINE_CHARS - 8)})
    assert accepted.status_code == 200


def test_a_form_over_the_request_size_limit_is_refused_unread(scorer: Scorer) -> None:
    # Without maxlength, the server's request limit is what bounds a paste.
    client = create_app({"SCORER_INSTANCE": scorer, "SCORER_MAX_REQUEST_BYTES": "2048"}).test_client()
    response = client.post("/", data={"headline": "Storm", "body": "y" * 4_000})
    assert response.status_code == 413
    assert "larger than this server accepts" in parse(response.get_data(as_text=True)).by_id("form-error").text()


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
    assert alert and alert[0].text().startswith("Too many requests: the limit is 3 a minute")
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


# --- The review of the form (notes/review_form.md) ---------------------------------------------------------


def field_message(page: Node, name: str) -> list[Node]:
    """The messages shown under the field `name`."""
    return [n for n in page.by_id(f"{name}-message").iter() if n.tag == "p"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"headline": "   "}, "headline"),
        ({"headline": "x" * (MAX_HEADLINE_CHARS + 1)}, "headline"),
        ({"headline": "ШОК! Правительство в ХАОСЕ"}, "headline"),
        ({"headline": SEED, "body": "y" * (MAX_BODY_CHARS + 1)}, "body"),
    ],
    ids=["spaces", "too-long", "no-latin", "body-too-long"],
)
def test_an_error_is_shown_under_its_field_which_is_marked_invalid(
    client: FlaskClient, data: dict[str, str], field: str
) -> None:
    # The message was under the Score button, after the body box, and the field did not change.
    page = parse(client.post("/", data=data).get_data(as_text=True))
    (message,) = field_message(page, field)
    assert message.attrs["role"] == "alert" and message.attrs["data-field"] == field
    assert message.attrs["id"] in page.by_id(field).attrs["aria-describedby"].split()
    assert page.by_id(field).attrs.get("aria-invalid") == "true"
    other = "body" if field == "headline" else "headline"
    assert field_message(page, other) == [] and "aria-invalid" not in page.by_id(other).attrs
    alerts_in_result = [n for n in page.by_id("result").iter() if n.attrs.get("role") == "alert"]
    assert alerts_in_result == []  # once, beside the field
    # A refused headline takes the focus on load, so a keyboard user is at the field to correct.
    assert ("autofocus" in page.by_id(field).attrs) == (field == "headline")


def test_a_body_error_leaves_a_pointer_in_the_result(client: FlaskClient) -> None:
    page = parse(client.post("/", data={"headline": SEED, "body": "Шок в столице"}).get_data(as_text=True))
    note = page.by_id("body-skipped")
    assert [a.attrs["href"] for a in note.find_all("a")] == ["#body-message"]


@pytest.mark.parametrize(
    ("data", "alert_id"),
    [({"headline": "x" * (MAX_HEADLINE_CHARS + 1)}, "form-error"), ({"headline": SEED, "body": "Шок"}, "body-error")],
)
def test_the_live_fragment_brings_a_field_s_error_with_its_field_named(
    client: FlaskClient, data: dict[str, str], alert_id: str
) -> None:
    # form.js moves it under the field named by data-field.
    section = parse(client.post("/result", data=data).get_data(as_text=True)).by_id("result")
    error = section.by_id(alert_id)
    assert error.attrs["role"] == "alert" and error.attrs["data-field"] in ("headline", "body")


def test_the_rate_limit_message_is_a_capitalised_sentence_on_the_page_and_unchanged_in_the_api(
    scorer: Scorer,
) -> None:
    client = create_app({"SCORER_INSTANCE": scorer, "SCORER_RATE_LIMIT": "1"}).test_client()
    client.post("/", data={"headline": SEED})
    page = parse(client.post("/", data={"headline": SEED}).get_data(as_text=True))
    message = page.by_id("form-error").text()
    assert re.fullmatch(r"Too many requests: the limit is 1 a minute; retry in \d+ s\.", message)
    api = client.post("/v1/score", json={"headline": SEED}).get_json()
    assert api["error"]["message"].startswith("too many requests")


@pytest.mark.parametrize(
    ("headline", "kinds"),
    [
        (SEED, ["loaded", "shouting", "exclamation", "quoted"]),
        ("BREAKING: STOCKS PLUNGE AS TRADE WAR FEARS GROW", ["loaded", "all_caps"]),
        ("You won't believe what this mayor did next!!!", ["clickbait", "wording", "exclamation"]),
        ("Council approves budget for road repairs", []),
    ],
)
def test_the_headline_has_a_legend_of_the_kinds_of_mark_it_shows(
    client: FlaskClient, headline: str, kinds: list[str]
) -> None:
    # Kinds differed only by a pale hue, and the headline had no legend.
    page = parse(client.post("/", data={"headline": headline}).get_data(as_text=True))
    shown = {c[5:] for m in page.by_id("highlighted").find_all("mark") for c in m.classes() if c.startswith("kind-")}
    legends = [n for n in page.iter() if n.attrs.get("id") == "headline-legend"]
    if not kinds:
        assert legends == []
        return
    samples = legends[0].find_all("span", "sample")
    keyed = ["quoted" if "voice-quoted" in s.classes() else next(c[5:] for c in s.classes() if c.startswith("kind-"))
             for s in samples]
    assert keyed == kinds
    assert set(keyed) <= shown | {"quoted"}
    assert all(s.text().strip() for s in samples)


def test_legend_names_each_kind_once_in_a_fixed_order() -> None:
    from scorer.api.highlight import KIND_NAMES, QUOTED_NAME, Piece, legend

    pieces = [
        Piece("!", ids=(3,), kind="exclamation", quoted=True),
        Piece(" plain "),
        Piece("RIOTS", ids=(1,), kind="shouting"),
        Piece("CHILLING", ids=(0, 2), kind="loaded"),
        Piece("'quoted, no mark'", quoted=True),
        Piece("RAGE", ids=(4,), kind="shouting"),
    ]
    assert legend(pieces) == [
        ("loaded", KIND_NAMES["loaded"]),
        ("shouting", KIND_NAMES["shouting"]),
        ("exclamation", KIND_NAMES["exclamation"]),
        ("quoted", QUOTED_NAME),
    ]
    assert legend([Piece("Council approves budget")]) == []


def test_the_tooltip_is_hidden_from_screen_readers_which_read_the_description(client: FlaskClient) -> None:
    # The explanation was read twice: as part of the mark's name, then as its description.
    page = parse(client.post("/", data={"headline": SEED}).get_data(as_text=True))
    for mark in page.by_id("highlighted").find_all("mark"):
        (tip,) = mark.find_all("span", "tip")
        assert tip.attrs.get("aria-hidden") == "true" and "role" not in tip.attrs
        assert mark.attrs["aria-describedby"]


BODY_START = "The reckless plan was unveiled on Monday by the council, which met in a crowded hall downtown."


@pytest.mark.parametrize(
    ("body", "start", "end", "shown"),
    [
        # at the body's start: no "…" before; words cut only at spaces
        (BODY_START, 4, 12, ("", "The ", " plan was unveiled on Monday by the council, which met in a", "…")),
        # a word cut by the window is left out, not shown in part
        ("x" * 5 + " interrupted speech " * 5 + "reckless" + " then more words" * 6, 105, 113, None),
        # at the body's end: no "…" after
        ("Long before the vote, many critics in the council said the plan was reckless", 68, 76,
         ("…", "the vote, many critics in the council said the plan was ", "", "")),
        # the whole body fits: no "…" at all
        ("A reckless plan.", 2, 10, ("", "A ", " plan.", "")),
        # no space in the window: cut inside the word, as nothing else fits
        ("y" * 100 + "reckless", 100, 108, ("…", "y" * 60, "", "")),
    ],
    ids=["start", "mid-word", "end", "whole", "long-word"],
)
def test_body_context_is_cut_at_word_boundaries_with_an_ellipsis_only_where_text_is_left_out(
    body: str, start: int, end: int, shown: tuple[str, str, str, str] | None
) -> None:
    from scorer.api.highlight import BODY_CONTEXT_CHARS, body_evidence

    span = {"start": start, "end": end, "text": body[start:end], "kind": "loaded", "voice": "outlet"}
    (e,) = body_evidence(body, {"evidence": [span]})
    assert e.text == "reckless"
    assert len(e.before) <= BODY_CONTEXT_CHARS and len(e.after) <= BODY_CONTEXT_CHARS
    assert body[start - len(e.before) : start] == e.before and body[end : end + len(e.after)] == e.after
    if shown is None:  # the mid-word case: both ends at a word boundary
        assert e.before.startswith("interrupted") or e.before.startswith("speech")
        assert e.after.endswith(("then", "more", "words"))
        assert e.cut_before and e.cut_after
        return
    ellipsis_before, before, after, ellipsis_after = shown
    assert (e.before, e.after) == (before, after)
    assert (e.cut_before, e.cut_after) == (ellipsis_before == "…", ellipsis_after == "…")


def test_the_page_shows_an_ellipsis_only_where_body_text_was_left_out(scorer: Scorer) -> None:
    # The first snippet read "…THE United States has fired…" although it was the very start of the body.
    page = body_page(scorer, "The reckless plan was unveiled on Monday. 'It is a DISASTER,' said Ms Ruiz.")
    contexts = [li.find_all("p", "context")[0].text() for li in page.find_all("ol", "body-evidence")[0].find_all("li")]
    assert contexts[0].startswith("The reckless plan") and contexts[0].endswith(" said Ms…")  # cut after a word
    assert contexts[1] == "The reckless plan was unveiled on Monday. 'It is a DISASTER,' said Ms Ruiz."  # all of it


@pytest.mark.parametrize(("headline", "doubt"), [(SEED, False), ("Wow", True)])
def test_the_gauge_is_read_once_with_its_zones(client: FlaskClient, scorer: Scorer, headline: str, doubt: bool) -> None:
    # The gauge was named by the line under it, and that line was read again.
    page = parse(client.post("/", data={"headline": headline}).get_data(as_text=True))
    result = scorer.score(headline)
    low, high = scorer.model.thresholds
    svg = page.by_id("gauge")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-label"] == (
        f"Score {math.floor(result.score * 100 + 1e-9) / 100:.2f} of 1: {result.label}"
        f"{', but too little to judge' if doubt else ''} (moderate from {low:.2f}, high from {high:.2f})"
    )
    assert page.by_id("gauge-text").attrs.get("aria-hidden") == "true"
