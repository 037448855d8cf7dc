"""The editors' form in a real browser: Debian's Chromium driven by Playwright.

Needs /usr/bin/chromium (`apt-get install chromium`); skipped without it,
except under CI (`CI` set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scorer.api import create_app

from scorer import Scorer
from scorer.extract import MAX_HEADLINE_CHARS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
SEED = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "form.png"
#: Milliseconds to wait for the page to react.
WAIT_MS = 15_000

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


class SlowScorer(Scorer):
    """Takes `SLOW_SECONDS` over each score, so a live request can still be in flight when the text changes."""

    def score(self, *args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW_SECONDS)
        return super().score(*args, **kwargs)


#: Seconds the slow server takes to score.
SLOW_SECONDS = 1.0


def serve(scorer: Scorer) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, create_app({"SCORER_INSTANCE": scorer}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    yield from serve(Scorer.load())


@pytest.fixture(scope="module")
def slow_url() -> Iterator[str]:
    loaded = Scorer.load()
    yield from serve(SlowScorer(model=loaded.model, lexicon=loaded.lexicon))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def new_page(browser: Any, base_url: str, **options: Any) -> Any:
    context = browser.new_context(**options)
    # Nothing may leave the machine: only the test server answers.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return page


def post_and_wait_for_load(page: Any) -> None:
    """Press Score and wait for the posted page's load event, stylesheet included.

    A width measured as soon as `#label` is in the document can come before form.css
    applies: CI once read 971 px, the unstyled width of the same page.
    """
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Score").click()


def test_seed_headline_is_highlighted_and_labelled_high(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url, viewport={"width": 900, "height": 1000})
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill(SEED)
    # With JavaScript on, live scoring may already have shown a result on the old page: wait for the post's page.
    with page.expect_navigation():
        page.get_by_role("button", name="Score").click()
    page.wait_for_selector("#highlighted mark")
    assert page.locator("#label").inner_text().strip() == "HIGH"
    chilling = page.locator("#highlighted mark", has=page.locator(".ev-text", has_text="CHILLING")).first
    assert chilling.is_visible()
    background = chilling.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # The explanation appears on keyboard focus.
    tip = chilling.locator(".tip")
    assert not tip.is_visible()
    chilling.focus()
    assert tip.is_visible() and "fear" in tip.inner_text()
    page.locator("#headline").focus()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    page.context.close()


def test_the_form_page_loads_without_a_console_error_or_a_failed_request(browser: Any, base_url: str) -> None:
    # Chromium asked for /favicon.ico, got the API's JSON 404 and logged an error on every visit.
    page = new_page(browser, base_url)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("response", lambda reply: errors.append(f"{reply.status} {reply.url}") if reply.status >= 400 else None)
    page.goto(base_url + "/")
    page.wait_for_load_state("networkidle")
    assert errors == []
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and page.request.get(base_url + icon).status == 200
    page.context.close()


def test_markup_in_a_headline_does_not_execute(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/")
    attack = '"><img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script> RIOTS'
    page.get_by_label("Headline").fill(attack)
    # With JavaScript on, live scoring may already have shown a result on the old page: wait for the post's page.
    with page.expect_navigation():
        page.get_by_role("button", name="Score").click()
    page.wait_for_selector("#highlighted")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.locator("#highlighted img").count() == 0
    assert "<script>" in page.locator("#highlighted").inner_text()
    page.context.close()


def test_scores_as_you_type(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    page.goto(base_url + "/")
    page.get_by_label("Headline").press_sequentially("SHOCKING: you won't believe this!", delay=5)
    page.wait_for_selector("#highlighted mark")
    assert page.locator("#label").inner_text().strip() in {"LOW", "MODERATE", "HIGH"}
    assert page.url.rstrip("/") == base_url  # no navigation: the script fetched the result
    page.context.close()


def test_works_without_javascript_on_a_phone_screen(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url, java_script_enabled=False, viewport={"width": 360, "height": 740})
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill(SEED)
    post_and_wait_for_load(page)
    page.wait_for_selector("#highlighted mark")
    assert page.locator("#label").inner_text().strip() == "HIGH"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.context.close()


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("SHOCKING " + "A" * 300 + " RIOTS", ""),  # the explanation of the shouted word
        ("Minister SLAMS plan", '"This is an OUTRAGEOUS DISASTER," said Bob' + "b" * 300 + "."),  # the speaker tag
        ("Minister SLAMS plan", "Critics called it a DISASTER " + "x" * 400 + " and OUTRAGEOUS."),  # the context
    ],
    ids=["shouted-word", "speaker", "body-context"],
)
def test_a_long_unbroken_word_does_not_widen_the_phone_page(
    browser: Any, base_url: str, headline: str, body: str
) -> None:
    # the page was up to 3,465 px wide on a 360 px screen
    page = new_page(browser, base_url, java_script_enabled=False, viewport={"width": 360, "height": 740})
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill(headline)
    if body:
        page.locator("#body").fill(body)
    post_and_wait_for_load(page)
    page.wait_for_selector("#label")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.context.close()


def test_clearing_the_headline_clears_the_result_even_with_a_request_in_flight(browser: Any, slow_url: str) -> None:
    # The cleared box kept the old result, and a request still in flight then showed a result for gone text.
    page = new_page(browser, slow_url)
    page.goto(slow_url + "/")
    headline = page.get_by_label("Headline")
    headline.fill("Storm FURY hits coast")
    page.wait_for_selector("#result #label")
    headline.fill("Storm FURY hits coast again")
    page.wait_for_timeout(600)  # the debounce has passed: the request is at the slow server
    headline.fill("")
    page.wait_for_timeout(2_000 * SLOW_SECONDS)  # long enough for the request to have come back
    assert page.locator("#result #label").count() == 0
    assert page.locator("#result").inner_text().strip() == ""
    assert page.locator("#result").get_attribute("aria-busy") is None
    page.context.close()


def test_a_failed_live_update_says_so_instead_of_leaving_the_old_result(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("Storm FURY hits coast")
    page.wait_for_selector("#result #label")
    page.route("**/result", lambda route: route.abort())
    page.get_by_label("Headline").fill("Council approves budget")
    alert = page.wait_for_selector("#result [role=alert]")
    assert "try again" in alert.inner_text()
    assert page.locator("#result #label").count() == 0  # the old result is gone, not passed off as the new one
    page.context.close()


def test_the_live_region_stays_in_place_and_announces_a_summary(browser: Any, base_url: str) -> None:
    # Replacing a live region itself: screen readers do not announce a region that was just inserted.
    # And the whole result read again after every pause in typing flooded them: a summary line is announced.
    page = new_page(browser, base_url)
    page.goto(base_url + "/")
    page.evaluate("window.__region = document.getElementById('result-status')")
    page.get_by_label("Headline").fill("Storm FURY hits coast")
    page.wait_for_selector("#result #label")
    assert page.evaluate(
        "window.__region === document.getElementById('result-status') && window.__region.isConnected"
    )
    assert page.locator("#result-status").get_attribute("aria-live") == "polite"
    assert page.locator("#result").get_attribute("aria-live") is None
    assert page.locator("#result").get_attribute("aria-busy") is None
    summary = page.locator("#result-status").text_content() or ""
    label = page.locator("#label").inner_text().strip()
    assert summary.startswith(f"{label}, score ") and summary.endswith(("reason.", "reasons."))
    page.context.close()


def test_a_text_starting_with_a_line_break_comes_back_whole(browser: Any, base_url: str) -> None:
    # HTML drops a line break just after <textarea>: each post without JavaScript lost one from the start.
    page = new_page(browser, base_url, java_script_enabled=False)
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("\nStorm FURY hits coast")
    page.locator("#body").fill("\n\nThe reckless plan was unveiled.")
    page.get_by_role("button", name="Score").click()
    page.wait_for_selector("#label")
    assert page.locator("#headline").input_value() == "\nStorm FURY hits coast"
    assert page.locator("#body").input_value() == "\n\nThe reckless plan was unveiled."
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["live", "posted"])
def test_an_error_about_the_headline_is_its_accessible_description(
    browser: Any, base_url: str, javascript: bool
) -> None:
    # The alert was announced once; the field said nothing of it when a screen reader came back to it.
    page = new_page(browser, base_url, java_script_enabled=javascript)
    page.goto(base_url + "/")
    headline = page.get_by_role("textbox", name="Headline")
    headline.fill("x" * (MAX_HEADLINE_CHARS + 1))  # the box has no maxlength: the server says it is too long
    if not javascript:
        post_and_wait_for_load(page)
    page.wait_for_selector("#headline-message [role=alert]")  # under the field, not under the Score button
    headline = page.get_by_role("textbox", name="Headline")
    sync_api.expect(headline).to_have_attribute("aria-invalid", "true")
    sync_api.expect(headline).to_have_accessible_description(re.compile("too long|characters long"))
    sync_api.expect(page.get_by_role("textbox", name="Article body")).not_to_have_attribute("aria-invalid", "true")
    if javascript:  # corrected, the field is untied again
        headline.fill("Storm FURY hits coast")
        page.wait_for_selector("#result #label")
        sync_api.expect(headline).not_to_have_attribute("aria-invalid", "true")
        sync_api.expect(headline).to_have_accessible_description("Up to 2,000 characters.")
    page.context.close()


def test_an_arabic_headline_is_laid_out_right_to_left(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url, java_script_enabled=False)
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("عاجل: انهيار كامل للسوق في Dubai!!!")  # one Latin word: scored
    post_and_wait_for_load(page)
    page.wait_for_selector("#highlighted mark")
    direction = "el => getComputedStyle(el).direction"
    assert page.locator("#highlighted").evaluate(direction) == "rtl"
    assert page.locator("#headline").evaluate(direction) == "rtl"
    assert page.locator("#body").evaluate(direction) == "ltr"  # empty: the page's direction
    assert page.locator("#highlighted .tip").evaluate(direction) == "ltr"  # the page's English
    page.context.close()


def test_a_nul_in_a_headline_is_shown_as_its_picture(browser: Any, base_url: str) -> None:
    # The NUL went into the page as it was: the browser showed U+FFFD, or nothing.
    page = new_page(browser, base_url, java_script_enabled=False)
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("RIOTS\x00 in STREETS\x07!")
    post_and_wait_for_load(page)
    page.wait_for_selector("#highlighted mark")
    shown = page.locator("#highlighted").evaluate(
        "el => Array.from(el.childNodes, n => n.nodeType === 3 ? n.data : n.querySelector('.ev-text').textContent)"
        ".join('')"
    )
    assert shown == "RIOTS\u2400 in STREETS\u2407!"
    assert "\ufffd" not in page.locator("main").inner_text()
    assert page.get_by_label("Headline").input_value() == "RIOTS in STREETS!"  # the field, without the controls
    page.context.close()


def test_a_tooltip_near_the_right_edge_stays_on_a_phone_screen(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url, viewport={"width": 390, "height": 844})
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("Prices rise as families across the country STRUGGLE!")
    with page.expect_navigation():
        page.get_by_role("button", name="Score").click()
    page.wait_for_selector("#highlighted mark")
    mark = page.locator("#highlighted mark.ev").last
    mark.focus()
    tip = mark.locator(".tip")
    assert tip.is_visible()
    box = tip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()


def test_enter_in_the_headline_scores_it(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url, viewport={"width": 900, "height": 1000})
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("Storm WARNING for the coast")
    with page.expect_navigation():
        page.get_by_label("Headline").press("Enter")
    assert page.locator("#label").inner_text().strip() in ("LOW", "MODERATE", "HIGH")
    assert page.get_by_label("Headline").input_value() == "Storm WARNING for the coast"
    page.context.close()


def test_without_javascript_a_posted_form_opens_at_its_result(browser: Any, base_url: str) -> None:
    # On a phone the result is a screen and a half below the form: the page opens there, not at the top.
    page = new_page(browser, base_url, viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill(SEED)
    page.get_by_label("Article body (optional)").fill("The minister said the plan was sound. " * 20)
    page.get_by_role("button", name="Score").click()
    page.wait_for_selector("#label")
    assert page.url.endswith("/#result")
    assert page.evaluate("window.scrollY") > 0 and page.locator("#label").is_visible()
    page.context.close()


# --- The review of the form (notes/review_form.md) ---------------------------------------------------------

#: Where the tests of the review's fixes leave their screenshots, to be looked at.
SHOTS = Path(os.environ.get("FORM_SHOTS", "/tmp/form_fix"))
ACCENT = "rgb(11, 87, 208)"  # --accent in form.css


def shot(page: Any, name: str, **options: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), **options)


def scored(browser: Any, url: str, headline: str, body: str = "", javascript: bool = True, **options: Any) -> Any:
    """A page showing the posted result for `headline` (and `body`)."""
    page = new_page(browser, url, java_script_enabled=javascript, **options)
    page.goto(url + "/")
    page.get_by_label("Headline").fill(headline)
    if body:
        page.locator("#body").fill(body)
    post_and_wait_for_load(page)
    page.wait_for_selector("#label")
    return page


#: The headline as the page shows it, without the tooltips' text.
SHOWN = (
    "() => Array.from(document.getElementById('highlighted').childNodes,"
    " n => n.nodeType === 3 ? n.data : (n.querySelector('.ev-text') || n).textContent).join('')"
)


def current(page: Any) -> None:
    """Wait until the result shown is for the text in the headline box, and not dimmed."""
    page.wait_for_function(
        "() => { const h = document.getElementById('highlighted'), r = document.getElementById('result');"
        " return h && !r.classList.contains('stale') && h.querySelector('mark, .quoted') !== null"
        " && Array.from(h.childNodes, n => n.nodeType === 3 ? n.data : (n.querySelector('.ev-text') || n).textContent)"
        "   .join('') === document.getElementById('headline').value; }"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_every_evidence_mark_quoted_ones_included_shows_the_focus_ring(
    browser: Any, base_url: str, javascript: bool
) -> None:
    # The dashed outline of a quoted mark ("WILL", "!") overrode :focus-visible: no ring on them.
    page = scored(browser, base_url, SEED, javascript=javascript, viewport={"width": 1280, "height": 900})
    marks = page.locator("#highlighted mark.ev")
    quoted = [i for i in range(marks.count()) if "voice-quoted" in (marks.nth(i).get_attribute("class") or "")]
    assert quoted, "the seed headline has quoted marks"
    page.locator("#headline").focus()
    ring = "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    for i in range(marks.count()):
        while not marks.nth(i).evaluate("el => el === document.activeElement"):
            page.keyboard.press("Tab")  # by keyboard, so :focus-visible applies
        assert marks.nth(i).evaluate(ring) == ["solid", "3px", ACCENT], i
        if i == quoted[0]:
            shot(page, f"focus_quoted_{'js' if javascript else 'nojs'}_1280")
    assert marks.nth(quoted[0]).evaluate("el => getComputedStyle(el).borderTopStyle") == "dashed"  # still boxed
    page.locator("#headline").focus()
    assert marks.nth(quoted[0]).evaluate(ring)[0] == "none"
    page.context.close()


def test_an_answer_for_old_text_is_never_shown_as_current(browser: Any, base_url: str) -> None:
    # The answer for "Budget passed" arrived after " amid CHAOS!" was typed and before its own request:
    # it was shown undimmed, and announced, as the result for the new text.
    page = new_page(browser, base_url)
    held: list[Any] = []
    page.route("**/result", lambda route: held.append(route))
    page.goto(base_url + "/")
    page.evaluate(
        "window.__shown = []; new MutationObserver(() => { const h = document.getElementById('highlighted');"
        " const r = document.getElementById('result'); if (h && !r.classList.contains('stale'))"
        f" window.__shown.push([({SHOWN})(), document.getElementById('headline').value]); }})"
        ".observe(document.getElementById('result'), {childList: true, subtree: true, attributes: true})"
    )
    headline = page.get_by_label("Headline")
    headline.fill("Budget passed")
    page.wait_for_function("() => document.getElementById('result').classList.contains('stale')")
    page.wait_for_timeout(600)  # the debounce has passed: the request for "Budget passed" is held
    assert len(held) == 1
    headline.press("End")
    headline.press_sequentially(" amid CHAOS!")
    try:
        held[0].continue_()  # the old answer comes back before the new text's request is sent
    except Exception:  # the script already dropped it: nothing to answer
        pass
    page.wait_for_timeout(200)
    result = page.locator("#result")
    assert "stale" in (result.get_attribute("class") or "") and result.get_attribute("aria-busy") == "true"
    assert page.locator("#result-status").text_content() == ""  # nothing announced for the old text
    page.unroute("**/result")
    page.wait_for_timeout(600)
    for route in held[1:]:
        route.continue_()
    current(page)
    shown = page.evaluate("window.__shown")
    assert shown and all(text == box for text, box in shown), shown
    page.context.close()


def test_a_request_in_flight_is_aborted_by_new_input(browser: Any, slow_url: str) -> None:
    page = new_page(browser, slow_url)
    aborted: list[str] = []
    page.on("requestfailed", lambda r: aborted.append(r.post_data or "") if "/result" in r.url else None)
    page.goto(slow_url + "/")
    headline = page.get_by_label("Headline")
    headline.fill("Budget passed")
    page.wait_for_timeout(600)  # at the slow server
    headline.press("End")
    headline.press_sequentially(" amid CHAOS!")
    current(page)
    assert any("Budget+passed&" in data or data.endswith("Budget+passed") for data in aborted), aborted
    assert page.evaluate(SHOWN) == "Budget passed amid CHAOS!"
    page.context.close()


LONG = "Council sets out plans for the new library, the swimming pool and the roads in the north of the town"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_tooltip_sits_under_its_word_on_screen_on_a_phone(browser: Any, base_url: str, javascript: bool) -> None:
    # The tip was placed under the whole headline, off a 667 px screen for a long one.
    headline = "SHOCKING: " + " ".join([LONG] * 5)
    page = scored(browser, base_url, headline, javascript=javascript, viewport={"width": 375, "height": 667})
    mark = page.locator("#highlighted mark.ev").first
    mark.evaluate("el => el.scrollIntoView({block: 'center'})")
    mark.focus()
    tip = mark.locator(".tip")
    sync_api.expect(tip).to_be_visible()
    word = mark.locator(".ev-text").evaluate("el => { const r = el.getClientRects(); const l = r[r.length - 1];"
                                             " return {left: l.left, right: l.right, bottom: l.bottom}; }")
    box = tip.bounding_box()
    assert box is not None
    assert 0 <= box["y"] - word["bottom"] <= 24, (box, word)  # just under its word's line
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["y"] + box["height"] <= 667, box
    assert box["x"] <= word["left"] + 1 and box["x"] + box["width"] >= word["right"] - 1  # under the word itself
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, f"tip_phone_{'js' if javascript else 'nojs'}_375")
    page.context.close()


def test_a_tooltip_under_a_word_at_the_right_edge_is_pulled_back_on_screen(browser: Any, base_url: str) -> None:
    headline = "Prices rise as families across the country STRUGGLE!"
    page = scored(browser, base_url, headline, viewport={"width": 375, "height": 667})
    for mark in page.locator("#highlighted mark.ev").all():
        mark.hover()
        box = mark.locator(".tip").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_pointer_can_move_from_a_word_onto_its_tooltip(browser: Any, base_url: str, javascript: bool) -> None:
    # There was a gap between the word and its tip: the tip vanished on the way to it.
    page = scored(browser, base_url, SEED, javascript=javascript, viewport={"width": 1280, "height": 900})
    mark = page.locator("#highlighted mark.ev", has=page.locator(".ev-text", has_text="CHILLING")).first
    word = mark.locator(".ev-text").bounding_box()
    assert word is not None
    x = word["x"] + word["width"] / 2
    page.mouse.move(x, word["y"] + word["height"] / 2)
    tip = mark.locator(".tip")
    sync_api.expect(tip).to_be_visible()
    target = tip.bounding_box()
    assert target is not None
    for step in range(1, 11):  # straight down, a few pixels at a time, into the tip
        start = word["y"] + word["height"] / 2
        page.mouse.move(x, start + step * (target["y"] + 8 - start) / 10)
        assert tip.is_visible(), step
    shot(page, f"tip_hovered_{'js' if javascript else 'nojs'}_1280")
    page.context.close()


def test_escape_hides_the_tooltip_without_moving_focus(browser: Any, base_url: str) -> None:
    page = scored(browser, base_url, SEED, viewport={"width": 1280, "height": 900})
    marks = page.locator("#highlighted mark.ev")
    marks.first.focus()
    sync_api.expect(marks.first.locator(".tip")).to_be_visible()
    page.keyboard.press("Escape")
    sync_api.expect(marks.first.locator(".tip")).to_be_hidden()
    assert marks.first.evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")  # the next mark's tip shows
    sync_api.expect(marks.nth(1).locator(".tip")).to_be_visible()
    page.keyboard.press("Shift+Tab")  # and the first's again, on coming back
    sync_api.expect(marks.first.locator(".tip")).to_be_visible()
    # A tip shown by hover is dismissed too.
    page.locator("#headline").focus()
    marks.nth(1).hover()
    sync_api.expect(marks.nth(1).locator(".tip")).to_be_visible()
    page.keyboard.press("Escape")
    sync_api.expect(marks.nth(1).locator(".tip")).to_be_hidden()
    page.context.close()


@pytest.mark.parametrize(("width", "headline"), [(320, "Budget passed"), (375, "Wow!"), (320, "Wow!"), (375, SEED)])
def test_the_label_and_score_never_break_inside_on_a_phone(
    browser: Any, base_url: str, width: int, headline: str
) -> None:
    # "HIGH" became "HI/GH" and "LOW" "L/O/W" beside "too little to judge".
    page = scored(browser, base_url, headline, javascript=False, viewport={"width": width, "height": 700})
    lines = "el => new Set(Array.from((() => { const r = document.createRange(); r.selectNodeContents(el);" \
            " return r.getClientRects(); })(), q => Math.round(q.top))).size"
    assert page.locator("#label").evaluate(lines) == 1
    assert page.locator("#gauge-text .score").evaluate(lines) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".gauge").screenshot(path=str(SHOTS / f"label_{width}_{len(headline)}.png"))
    page.context.close()


def test_a_live_body_error_is_tied_to_the_body_field_and_announced_once(browser: Any, base_url: str) -> None:
    # The body box kept aria-describedby="body-hint", and the alert was inserted again at every pause.
    page = new_page(browser, base_url)
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("Storm FURY hits coast")
    page.locator("#body").fill("Шок в столице")
    error = page.wait_for_selector("#body-message #body-error[role=alert]")
    body = page.get_by_role("textbox", name="Article body")
    sync_api.expect(body).to_have_attribute("aria-invalid", "true")
    sync_api.expect(body).to_have_accessible_description(re.compile("Latin alphabet"))
    sync_api.expect(page.get_by_role("textbox", name="Headline")).not_to_have_attribute("aria-invalid", "true")
    page.evaluate("window.__error = document.getElementById('body-error')")
    shot(page, "live_body_error_1280", full_page=True)
    headline = page.get_by_label("Headline")
    headline.press("End")
    headline.press_sequentially(" again")
    current(page)
    assert page.evaluate("window.__error === document.getElementById('body-error') && window.__error.isConnected")
    assert page.locator("[role=alert]").count() == 1 and error.is_visible()
    page.locator("#body").fill("The council met on Tuesday.")
    page.wait_for_function("() => !document.getElementById('body-error')")
    sync_api.expect(body).not_to_have_attribute("aria-invalid", "true")
    sync_api.expect(body).to_have_attribute("aria-describedby", "body-hint")
    page.context.close()


def test_the_same_summary_is_not_announced_again(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("Storm FURY hits coast")
    current(page)
    page.evaluate(
        "window.__changes = 0; new MutationObserver(() => window.__changes++)"
        ".observe(document.getElementById('result-status'), {childList: true, characterData: true, subtree: true})"
    )
    page.locator("#body").fill("The council met.")  # the headline's result is the same
    page.wait_for_function("() => !document.getElementById('result').classList.contains('stale')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__changes") == 0
    page.context.close()


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two `rgb(...)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


KINDS = ("loaded", "clickbait", "wording", "shouting", "exclamation", "all_caps")


def test_each_kind_of_mark_has_its_own_underline_at_3_to_1(browser: Any, base_url: str) -> None:
    # The kinds differed only by pale fills, 1.18:1 to 1.46:1 against the page.
    page = scored(browser, base_url, SEED, javascript=False)
    styles = page.evaluate(
        """kinds => kinds.map(kind => {
            const mark = document.createElement('mark');
            mark.className = 'ev kind-' + kind;
            const text = document.createElement('span');
            text.className = 'ev-text';
            text.textContent = 'WORD';
            mark.append(text);
            document.getElementById('highlighted').append(mark);
            const line = getComputedStyle(text), box = getComputedStyle(mark);
            return [line.textDecorationLine, line.textDecorationStyle, line.textDecorationThickness,
                    line.textDecorationColor, box.backgroundColor];
        })""",
        list(KINDS),
    )
    for kind, (decoration, _, _, colour, fill) in zip(KINDS, styles, strict=True):
        assert decoration == "underline", kind
        assert contrast(colour, "rgb(255, 255, 255)") >= 3 and contrast(colour, fill) >= 3, (kind, colour, fill)
    looks = {(style, thickness) for _, style, thickness, _, _ in styles}
    assert len(looks) == len(KINDS), styles  # told apart without colour
    page.context.close()


def test_the_headline_legend_shows_each_kind_s_underline(browser: Any, base_url: str) -> None:
    page = scored(browser, base_url, SEED, javascript=False, viewport={"width": 375, "height": 800})
    legend = page.locator("#headline-legend")
    sync_api.expect(legend).to_be_visible()
    for mark in page.locator("#highlighted mark.ev").all():
        kind = next(c for c in (mark.get_attribute("class") or "").split() if c.startswith("kind-"))
        sample = legend.locator(f".sample.{kind}")
        style = "el => getComputedStyle(el).textDecorationStyle + getComputedStyle(el).textDecorationColor"
        assert sample.evaluate(style) == mark.locator(".ev-text").evaluate(style)
    page.locator("#highlighted").evaluate("el => el.scrollIntoView()")
    shot(page, "legend_seed_375")
    page.context.close()


def test_an_opened_section_stays_open_across_live_updates(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    page.goto(base_url + "/")
    headline = page.get_by_label("Headline")
    headline.fill(SEED)
    current(page)
    lowering = page.locator("details.lowering")
    lowering.locator("summary").click()
    sync_api.expect(lowering).to_have_attribute("open", "")
    headline.press("End")
    headline.press_sequentially(" Now")
    current(page)
    assert page.locator("details.lowering").evaluate("el => el.open")
    assert not page.locator("details.unweighted").evaluate_all("els => els.some(el => el.open)")
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_an_over_long_paste_is_kept_whole_and_reported(browser: Any, base_url: str, javascript: bool) -> None:
    # maxlength cut a 5,000-character paste to 4,000 without a word.
    page = new_page(browser, base_url, java_script_enabled=javascript, viewport={"width": 375, "height": 700})
    page.goto(base_url + "/")
    pasted = "Storm FURY " + "x" * 4_989
    page.get_by_label("Headline").focus()
    page.keyboard.insert_text(pasted)
    assert len(page.locator("#headline").input_value()) == 5_000
    if javascript:
        sync_api.expect(page.locator("#headline-hint .count")).to_have_text(
            "5,000 characters: 3,000 over the limit."
        )
    post_and_wait_for_load(page)
    error = page.locator("#headline-message [role=alert]")
    sync_api.expect(error).to_contain_text("5,000 characters long")
    assert page.locator("#headline").input_value() == pasted
    shot(page, f"paste_{'js' if javascript else 'nojs'}_375")
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_an_error_is_under_its_field_which_is_in_reach_and_has_a_red_border(
    browser: Any, base_url: str, javascript: bool
) -> None:
    # The message was under the Score button and the focus on the result: Shift+Tab back past the body box.
    page = new_page(browser, base_url, java_script_enabled=javascript, viewport={"width": 375, "height": 700})
    page.goto(base_url + "/")
    page.get_by_label("Headline").fill("ШОК! Правительство в ХАОСЕ")
    post_and_wait_for_load(page)
    headline, error, body = page.locator("#headline"), page.locator("#form-error"), page.locator("#body")
    box, message, below = headline.bounding_box(), error.bounding_box(), body.bounding_box()
    assert box and message and below and box["y"] < message["y"] < below["y"]  # between the two boxes
    assert headline.evaluate("el => getComputedStyle(el).borderTopColor") == "rgb(179, 38, 30)"
    focused = "el => el === document.activeElement"
    if not javascript:  # the page opens at #result: one Tab and Enter lead to the field
        shot(page, "error_under_field_nojs_375_opened")
        page.keyboard.press("Tab")
        assert page.locator("#not-scored a").evaluate(focused)
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement === document.getElementById('headline')")
    error_box = error.bounding_box()
    assert error_box and 0 <= error_box["y"] and error_box["y"] + error_box["height"] <= 700  # on screen
    shot(page, f"error_under_field_{'js' if javascript else 'nojs'}_375")
    page.context.close()
