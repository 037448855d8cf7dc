"""End-to-end: the unpacked extension in Debian's Chromium scores a local front page.

Launches /usr/bin/chromium (never a downloaded browser) with the extension,
an API on a loopback port and the fixture page on another, and checks the
badges, the highlight, the popup and that the page keeps working once the API
is gone.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scorer import Scorer
from scorer.explain import score_text

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "extension"
FIXTURES = EXTENSION / "test" / "fixtures"
CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = ROOT / "docs" / "screenshots" / "extension.png"

SEED = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"
SOBER = (
    "Council approves budget for new library branch",
    "Central bank holds interest rates at 4.5 per cent",
    "Rail operator publishes revised timetable for spring",
)
EMOJI = "🚨 CHILLING footage shows storm hitting the coast"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed", allow_module_level=True)

playwright_sync = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_health(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            return  # it answers (a 401 when keys are required): it is up
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"API at {url} did not become healthy within {timeout} s")


@contextlib.contextmanager
def scorer_serve(port: int, api_keys: str = "") -> Iterator[subprocess.Popen[bytes]]:
    """The real API: `scorer serve` on a loopback port, requiring `api_keys` if given."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SCORER_")}
    if api_keys:
        env["SCORER_API_KEYS"] = api_keys
    log = tempfile.TemporaryFile()  # a file, not a pipe: gunicorn's log must never block it
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from scorer.cli import main; sys.exit(main())",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        try:
            wait_for_health(f"http://127.0.0.1:{port}")
        except RuntimeError:
            process.kill()
            process.wait(timeout=10)
            log.seek(0)
            raise RuntimeError(f"scorer serve did not start: {log.read().decode(errors='replace')[-2000:]}") from None
        yield process
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


BADGES_JS = """
() => Array.from(document.querySelectorAll('[data-headline-scorer=badge]'), (badge) => {
  const owner = badge.parentElement;
  return {headline: owner.textContent.replace(/\\s+/g, ' ').trim(),
          label: badge.dataset.label, score: Number(badge.dataset.score)};
})
"""


def wait_for_popup_status(popup: Any, text: str, timeout: float = 10.0) -> None:
    """Reload the popup until its status line says `text`: the calls behind it (tab, worker, API) take a moment."""
    deadline = time.monotonic() + timeout
    status = ""
    while time.monotonic() < deadline:
        popup.reload()
        popup.wait_for_selector("#summary:not([hidden])", timeout=5000)
        popup.wait_for_timeout(200)  # the status line is filled in after the summary
        status = popup.inner_text("#status") if popup.locator("#status").is_visible() else ""
        if text in status:
            return
    raise AssertionError(f"the popup's status line said {status!r}, never {text!r}, within {timeout} s")


@pytest.fixture(scope="module")
def scorer_model() -> Scorer:
    return Scorer.load()


def launch_with_extension(pw: Any, profile: Path) -> Any:
    """Debian's Chromium, headless, with a fresh profile and the unpacked extension loaded."""
    return pw.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        viewport={"width": 1100, "height": 900},
        args=[
            "--headless=new",
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            f"--disable-extensions-except={EXTENSION}",
            f"--load-extension={EXTENSION}",
        ],
    )


def test_extension_scores_highlights_and_survives_the_api_stopping(tmp_path: Path, scorer_model: Scorer) -> None:
    api_port = free_port()
    api_url = f"http://127.0.0.1:{api_port}"
    page_errors: list[str] = []
    with (
        static_server(FIXTURES) as site,
        scorer_serve(api_port) as api,
        playwright_sync.sync_playwright() as pw,
    ):
        context = launch_with_extension(pw, tmp_path / "profile")
        try:
            worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
            extension_id = worker.url.split("/")[2]
            worker.evaluate("(url) => chrome.storage.local.set({apiUrl: url})", api_url)

            page = context.new_page()
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.goto(f"{site}/news.html")
            page.wait_for_function(
                "document.querySelectorAll('[data-headline-scorer=badge]').length >= 8", timeout=20000
            )
            badges = {item["headline"]: item for item in page.evaluate(BADGES_JS)}

            # The badges carry what the scorer says about exactly these texts.
            expected = dict(zip(badges, scorer_model.score_many(list(badges)), strict=True))
            for headline, result in expected.items():
                assert badges[headline]["label"] == result.label, headline
                # Shown cut to two places, as the server shows it (on the label's side of a threshold).
                assert badges[headline]["score"] == float(score_text(result.score)), headline
            assert badges[SEED]["label"] == "high"
            for sober in SOBER:
                assert badges[sober]["label"] == "low", sober
            assert not any("Subscribe" in text or "Read more" in text for text in badges)

            # Hover shows the reasons; pressing the badge highlights exactly CHILLING after the emoji.
            emoji_badge = page.locator("#emoji [data-headline-scorer=badge] button")
            emoji_badge.hover()
            tooltip = page.locator("#emoji [data-headline-scorer=badge] [role=tooltip]")
            assert tooltip.is_visible()
            assert "CHILLING" in tooltip.inner_text()
            nodes_before = highlighted(page, "#emoji h2")["textNodes"]
            emoji_badge.click()
            wait_for_highlights(page, "#emoji h2", 1)
            # Highlighted without touching the page's DOM: no <mark>, no text node split.
            assert highlighted(page, "#emoji h2") == {"texts": ["CHILLING"], "textNodes": nodes_before, "marks": 0}
            assert page.eval_on_selector("#emoji h2", "(h) => h.textContent.replace(/\\s+/g, ' ').trim()") == EMOJI
            # A badge inside a link does not follow the link when pressed.
            page.locator('#seed ~ section a[href="/business/rates"] [data-headline-scorer=badge] button').click()
            page.wait_for_timeout(300)
            assert page.url == f"{site}/news.html"
            # Nor does a middle click open it in a new tab.
            tabs_before = len(context.pages)
            badge_button = '#seed ~ section a[href="/business/rates"] [data-headline-scorer=badge] button'
            page.locator(badge_button).click(button="middle")
            page.wait_for_timeout(500)
            assert len(context.pages) == tabs_before

            # The page's own <headline-scorer-badge> custom element never touched our badges.
            assert page.evaluate("window.__hijacked") is None
            assert page.evaluate("document.querySelector('[data-headline-scorer=badge]').tagName") == "SPAN"

            # API text went in as text: the markup-looking headline did not run.
            assert page.evaluate("window.__pwned") is None
            assert page.locator("#xss h3 img").count() == 0

            # Headlines added later (infinite scroll) are picked up, even while a ticker
            # changes the page more often than the scan's 400 ms debounce.
            page.evaluate(
                "() => { const t = document.createElement('p'); t.id = 'ticker'; document.body.append(t);"
                " window.__ticker = setInterval(() => { t.textContent = String(Date.now()); }, 100); }"
            )
            later = "SHOCKING: You won't BELIEVE what the council did next!!!"
            french = "Le gouvernement annonce une réforme choc des retraites"
            page.evaluate("(texts) => window.addMoreHeadlines(texts)", [later, french])
            for text in (later, french):
                page.wait_for_function(
                    "(t) => Array.from(document.querySelectorAll('#more [data-headline-scorer=badge]'))"
                    ".some((b) => b.parentElement.textContent === t)",
                    arg=text,
                    timeout=10000,
                )
            # The ticker goes once it has done its work: its clock would make every screenshot differ.
            page.evaluate("() => { clearInterval(window.__ticker); document.getElementById('ticker').remove(); }")
            # A headline in another language: its badge is marked, and its tooltip says why the score says little.
            doubts = page.evaluate(
                "() => Array.from(document.querySelectorAll('#more [data-headline-scorer=badge]')).map((b) =>"
                " [b.parentElement.textContent, b.getAttribute('data-warning'),"
                " Array.from(b.shadowRoot.querySelectorAll('.warning')).map((p) => p.textContent)])"
            )
            assert [d[1:] for d in doubts if d[0] == later] == [[None, []]]
            ((_, flag, notes),) = [d for d in doubts if d[0] == french]
            assert flag == "true" and len(notes) == 1 and "knows only 1 of the headline's 8 words" in notes[0]

            # The global highlight switch, then a screenshot with a tooltip open.
            worker.evaluate("() => chrome.storage.local.set({highlight: true})")
            wait_for_highlights(page, "#seed h2", 4)
            assert highlighted(page, "#seed h2")["texts"] == ["CHILLING", "RIOTS", "WILL", "!"]
            # The page moves the headline (a list reordered): the ranges collapse, and are put back.
            page.evaluate("() => { const h = document.querySelector('#seed h2'); h.parentNode.append(h); }")
            wait_for_highlights(page, "#seed h2", 4)
            assert highlighted(page, "#seed h2")["texts"] == ["CHILLING", "RIOTS", "WILL", "!"]
            page.focus("#clicker")  # close the tooltip the earlier click left open
            page.locator("#seed [data-headline-scorer=badge] button").hover()
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
            # On a narrow window the tooltip of a badge near the right edge opens to the left, on screen.
            page.set_viewport_size({"width": 420, "height": 900})
            page.mouse.move(1, 1)
            page.locator("#seed [data-headline-scorer=badge] button").hover()
            tip_box = page.evaluate(
                "() => { const r = document.querySelector('#seed [data-headline-scorer=badge]').shadowRoot"
                ".querySelector('.tip').getBoundingClientRect(); return [r.left, r.right, innerWidth]; }"
            )
            assert tip_box[0] >= 0 and tip_box[1] <= tip_box[2], tip_box
            page.set_viewport_size({"width": 1100, "height": 900})

            # The popup's summary for this tab.
            tab_id = worker.evaluate("async (url) => (await chrome.tabs.query({url: url + '/*'}))[0].id", site)
            popup = context.new_page()
            popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={tab_id}")
            popup.wait_for_selector("#summary:not([hidden])")
            scored_count = len(badges) + 2  # and the two added later: `later` (high) and `french` (low)
            assert popup.inner_text("#scored") == str(scored_count)
            high_count = sum(1 for r in expected.values() if r.label == "high") + 1
            assert popup.inner_text("#high") == str(high_count)
            flagged = page.locator("[data-headline-scorer=badge][data-warning=true]").count()
            assert flagged >= 1  # the French headline, at least
            assert popup.inner_text("#doubtful") == str(flagged) and popup.locator("#doubtful-line").is_visible()
            top = popup.locator("#top li").all_inner_texts()
            assert len(top) == 3
            assert popup.locator("#status").is_hidden()

            # The options page (open in a tab) tests the connection.
            options = context.new_page()
            options.goto(f"chrome-extension://{extension_id}/options/options.html")
            # (No wait_for_function here: its polling evaluates strings, which the page's CSP forbids.)
            deadline = time.monotonic() + 5
            while options.input_value("#api-url") != api_url and time.monotonic() < deadline:
                options.wait_for_timeout(50)
            options.click("#test")
            options.wait_for_selector("#message.ok", timeout=10000)
            assert options.inner_text("#message").startswith(f"Connected to {api_url}")
            options.close()

            # Stop the API: the page keeps working and new headlines simply wait.
            api.terminate()
            api.wait(timeout=10)
            waiting = "Harbour authority extends opening hours for the summer season"
            page.evaluate("(texts) => window.addMoreHeadlines(texts)", [waiting])
            started = time.monotonic()
            page.click("#clicker")
            page.click("#clicker")
            assert page.inner_text("#clicks") == "2"
            assert time.monotonic() - started < 2.0
            page.wait_for_timeout(1500)
            assert page.locator("#more [data-headline-scorer=badge]").count() == 2  # only the two scored earlier
            wait_for_popup_status(popup, "could not be reached")

            # Back with a key required: a wrong key is reported quietly, the right one brings the badge.
            with scorer_serve(api_port, api_keys="s3cret-key-for-the-e2e-test"):
                worker.evaluate("() => chrome.storage.local.set({apiKey: 'wrong-key'})")
                page.wait_for_timeout(1500)
                wait_for_popup_status(popup, "rejected the key")
                assert "Retrying" not in popup.inner_text("#status")  # it waits for the key to change
                assert page.locator("#more [data-headline-scorer=badge]").count() == 2
                worker.evaluate("() => chrome.storage.local.set({apiKey: 's3cret-key-for-the-e2e-test'})")
                page.wait_for_function("document.querySelectorAll('#more [data-headline-scorer=badge]').length === 3")
                popup.reload()
                popup.wait_for_selector("#summary:not([hidden])")
                assert popup.locator("#status").is_hidden()

            # Turning the site off removes the badges.
            popup.click("#enabled")
            page.wait_for_function(
                "document.querySelectorAll('[data-headline-scorer=badge]').length === 0", timeout=5000
            )
            assert page.locator("mark").count() == 0
            assert page.evaluate("(CSS.highlights.get('headline-scorer') || new Set()).size") == 0
            popup.reload()
            popup.wait_for_selector("#summary:not([hidden])")
            assert popup.inner_text("#scored") == "0" and popup.locator("#top li").count() == 0
            assert page_errors == []
        finally:
            context.close()
    print(json.dumps({"screenshot": str(SCREENSHOT)}))


KEY = "s3cret-key-for-the-e2e-test"
CHILD = "Panic as RIOTS spread: SHOCKING scenes in the capital!!!"
INLINE = "Rail operator publishes revised timetable for spring"

BADGE_SEEN_JS = """
(badge) => {
  const box = badge.getBoundingClientRect();
  const style = getComputedStyle(badge);
  return {visible: badge.checkVisibility({opacityProperty: true, visibilityProperty: true}),
          width: box.width, height: box.height, left: box.left, display: style.display,
          label: badge.dataset.label, score: Number(badge.dataset.score)};
}
"""

#: The texts the extension's highlight (CSS Custom Highlight API) covers under a selector, in page order,
#: and the number of text nodes under it (highlighting must not split them).
HIGHLIGHTED_JS = """
(selector) => {
  const root = document.querySelector(selector);
  const highlight = CSS.highlights.get("headline-scorer");
  const ranges = highlight ? [...highlight].filter((r) => root.contains(r.startContainer)) : [];
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  while (walker.nextNode()) textNodes += 1;
  return {texts: ranges.map((r) => r.toString()), textNodes, marks: root.querySelectorAll("mark").length};
}
"""


def highlighted(page: Any, selector: str) -> dict[str, Any]:
    """What the extension highlights under `selector` in the top document (see HIGHLIGHTED_JS).

    The highlight registry is the document's, so the page's own world sees the ranges
    the content script added in its isolated world.
    """
    result: dict[str, Any] = page.evaluate(HIGHLIGHTED_JS, selector)
    return result


def wait_for_highlights(page: Any, selector: str, count: int) -> None:
    """Wait until the page's highlight holds `count` live (not collapsed) ranges under `selector`."""
    page.wait_for_function(
        """([selector, count]) => [...(CSS.highlights.get("headline-scorer") || [])].filter(
             (r) => !r.collapsed && document.querySelector(selector).contains(r.startContainer)).length >= count""",
        arg=[selector, count],
        timeout=5000,
    )


MARKS_SEEN_JS = """
(marks) => marks.map((mark) => {
  const box = mark.getBoundingClientRect();
  const style = getComputedStyle(mark);
  return {text: mark.textContent, width: box.width, display: style.display, background: style.backgroundColor,
          fontSize: style.fontSize, visible: mark.checkVisibility({opacityProperty: true, visibilityProperty: true})};
})
"""


def content_script_world(page: Any, context: Any) -> tuple[Any, int]:
    """A CDP session and the id of the extension's isolated world (its content script) in the page's top frame."""
    cdp = context.new_cdp_session(page)
    contexts: list[dict[str, Any]] = []
    cdp.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
    cdp.send("Runtime.enable")
    top = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
    for item in contexts:
        aux = item.get("auxData", {})
        if (
            aux.get("type") == "isolated"
            and aux.get("frameId") == top
            and item["origin"].startswith("chrome-extension://")
        ):
            return cdp, int(item["id"])
    raise AssertionError(f"no content script world among {contexts}")


def in_world(cdp: Any, world: int, expression: str) -> Any:
    answer = cdp.send(
        "Runtime.evaluate", {"expression": expression, "contextId": world, "awaitPromise": True, "returnByValue": True}
    )
    assert "exceptionDetails" not in answer, answer
    return answer["result"].get("value")


def test_extension_keeps_the_key_from_pages_scans_same_origin_frames_and_resists_page_css(
    tmp_path: Path, scorer_model: Scorer
) -> None:
    api_port = free_port()
    api_url = f"http://127.0.0.1:{api_port}"
    page_errors: list[str] = []
    with (
        static_server(FIXTURES) as site,
        static_server(FIXTURES) as elsewhere,  # another port: another origin
        scorer_serve(api_port, api_keys=KEY),
        playwright_sync.sync_playwright() as pw,
    ):
        context = launch_with_extension(pw, tmp_path / "profile")
        try:
            worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
            extension_id = worker.url.split("/")[2]
            worker.evaluate("([url, key]) => chrome.storage.local.set({apiUrl: url, apiKey: key})", [api_url, KEY])

            page = context.new_page()
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.goto(f"{site}/frames.html")
            page.evaluate("(url) => { document.getElementById('other').src = url; }", f"{elsewhere}/frame-child.html")
            page.wait_for_function(
                "document.querySelectorAll('[data-headline-scorer=badge]').length >= 1", timeout=20000
            )

            # 1. The content script can neither read the key nor hear it change.
            cdp, world = content_script_world(page, context)
            read_all = "chrome.storage.local.get(null).then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)"
            read = in_world(cdp, world, read_all)
            assert read.startswith("refused"), read
            in_world(
                cdp,
                world,
                "globalThis.__heard = []; chrome.storage.onChanged.addListener((c, a) => __heard.push([a, c])); 0",
            )
            worker.evaluate("(key) => chrome.storage.local.set({apiKey: key + '-renewed'})", KEY)
            worker.evaluate("(key) => chrome.storage.local.set({apiKey: key, highlight: false})", KEY)
            page.wait_for_timeout(500)
            heard = in_world(cdp, world, "JSON.stringify(globalThis.__heard)")
            assert KEY not in heard, heard
            # Saving on the options page keeps it so (it closes storage.local before writing the key).
            options = context.new_page()
            options.goto(f"chrome-extension://{extension_id}/options/options.html")
            deadline = time.monotonic() + 5
            while options.input_value("#api-key") != KEY and time.monotonic() < deadline:
                options.wait_for_timeout(50)
            options.fill("#api-key", KEY + "-saved")
            options.click("#save")
            options.wait_for_selector("#message.ok", timeout=10000)
            assert options.inner_text("#message") == "Saved."
            options.close()
            assert in_world(cdp, world, read_all).startswith("refused")
            assert KEY not in in_world(cdp, world, "JSON.stringify(globalThis.__heard)")
            worker.evaluate("(key) => chrome.storage.local.set({apiKey: key})", KEY)

            # 2. Same-origin frames (a page and a srcdoc) are scanned, with the page's labels;
            # a cross-origin frame and an editor (designMode) are not.
            same = page.frame_locator("#same")
            same.locator("#child [data-headline-scorer=badge]").wait_for(timeout=20000)
            inline = page.frame_locator("#inline")
            inline.locator("h2 [data-headline-scorer=badge]").wait_for(timeout=20000)
            expected = dict(zip((SEED, CHILD, INLINE), scorer_model.score_many([SEED, CHILD, INLINE]), strict=True))
            for locator, text in (
                (page.locator("#top h2 [data-headline-scorer=badge]"), SEED),
                (same.locator("#child [data-headline-scorer=badge]"), CHILD),
                (inline.locator("h2 [data-headline-scorer=badge]"), INLINE),
            ):
                seen = locator.evaluate(BADGE_SEEN_JS)
                assert seen["label"] == expected[text].label, text
                assert seen["score"] == float(score_text(expected[text].score)), text
                # 4. ...and visible, whatever the page's CSS says about spans and our attribute.
                assert seen["visible"] and seen["width"] > 10 and seen["height"] > 5 and seen["left"] >= 0, (text, seen)
                assert seen["display"] == "inline-block", (text, seen)
            other = next(frame for frame in page.frames if frame.url.startswith(elsewhere))
            other.wait_for_load_state()
            page.wait_for_timeout(1000)
            assert other.evaluate("document.querySelectorAll('[data-headline-scorer]').length") == 0
            editor = page.frame_locator("#editor")
            assert editor.locator("[data-headline-scorer]").count() == 0

            # A frame added later is scanned when it loads.
            later = "SHOCKING: You won't BELIEVE what the council did next!!!"
            page.evaluate(
                "(text) => { const f = document.createElement('iframe'); f.id = 'later';"
                " f.srcdoc = '<!doctype html><meta charset=utf-8><h2>' + text + '</h2>';"
                " document.querySelector('main').append(f); }",
                later,
            )
            page.frame_locator("#later").locator("h2 [data-headline-scorer=badge]").wait_for(timeout=10000)

            # 4. The highlight of the top document is drawn over the page's text (the page's CSS
            # hides every <mark>, which it no longer uses); in the frame whose CSS unsets everything
            # the words are <mark>s that stay visible and yellow; the headline's words are all still there.
            page.locator("#top h2 [data-headline-scorer=badge] button").click()
            wait_for_highlights(page, "#top h2", 4)
            top = highlighted(page, "#top h2")
            assert top["texts"] == ["CHILLING", "RIOTS", "WILL", "!"] and top["marks"] == 0
            colour = page.evaluate(
                "() => getComputedStyle(document.querySelector('#top h2'), '::highlight(headline-scorer)')"
                ".backgroundColor"
            )
            assert colour == "rgb(255, 224, 102)"
            heading = page.eval_on_selector("#top h2", "(h) => h.textContent.replace(/\\s+/g, ' ').trim()")
            assert heading == SEED
            page.mouse.move(1, 1)  # close the tooltip the click left open over the frame
            page.evaluate("() => document.activeElement.blur()")
            same.locator("#child [data-headline-scorer=badge] button").click()
            child_marks = same.locator("#child mark").evaluate_all(MARKS_SEEN_JS)
            assert child_marks and all(m["visible"] and m["background"] == "rgb(255, 224, 102)" for m in child_marks)
            # The tooltip opens over the frame's unset styles too.
            same.locator("#child [data-headline-scorer=badge] button").hover()
            assert same.locator("#child [data-headline-scorer=badge] [role=tooltip]").is_visible()
            assert page_errors == []
        finally:
            context.close()
