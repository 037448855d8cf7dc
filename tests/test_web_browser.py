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
    headline.fill("x" * (MAX_HEADLINE_CHARS + 1))  # the browser lets it through (maxlength counts UTF-16)
    if not javascript:
        post_and_wait_for_load(page)
    page.wait_for_selector("#result [role=alert]")
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
