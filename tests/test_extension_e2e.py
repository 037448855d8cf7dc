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


@pytest.fixture(scope="module")
def scorer_model() -> Scorer:
    return Scorer.load()


def test_extension_scores_highlights_and_survives_the_api_stopping(tmp_path: Path, scorer_model: Scorer) -> None:
    api_port = free_port()
    api_url = f"http://127.0.0.1:{api_port}"
    page_errors: list[str] = []
    with (
        static_server(FIXTURES) as site,
        scorer_serve(api_port) as api,
        playwright_sync.sync_playwright() as pw,
    ):
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
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
                assert badges[headline]["score"] == pytest.approx(result.score, abs=0.006), headline
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
            emoji_badge.click()
            marks = page.eval_on_selector_all("#emoji h2 mark", "(ms) => ms.map((m) => m.textContent)")
            assert marks == ["CHILLING"]
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
                "() => { const t = document.createElement('p'); document.body.append(t);"
                " window.__ticker = setInterval(() => { t.textContent = String(Date.now()); }, 100); }"
            )
            later = "SHOCKING: You won't BELIEVE what the council did next!!!"
            page.evaluate("(texts) => window.addMoreHeadlines(texts)", [later])
            page.wait_for_function(
                "(t) => Array.from(document.querySelectorAll('#more [data-headline-scorer=badge]'))"
                ".some((b) => b.parentElement.textContent === t)",
                arg=later,
                timeout=10000,
            )
            page.evaluate("() => clearInterval(window.__ticker)")

            # The global highlight switch, then a screenshot with a tooltip open.
            worker.evaluate("() => chrome.storage.local.set({highlight: true})")
            page.wait_for_function("document.querySelectorAll('#seed mark').length >= 3", timeout=5000)
            seed_marks = page.eval_on_selector_all("#seed h2 mark", "(ms) => ms.map((m) => m.textContent)")
            assert seed_marks == ["CHILLING", "RIOTS", "WILL", "!"]
            page.focus("#clicker")  # close the tooltip the earlier click left open
            page.locator("#seed [data-headline-scorer=badge] button").hover()
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))

            # The popup's summary for this tab.
            tab_id = worker.evaluate("async (url) => (await chrome.tabs.query({url: url + '/*'}))[0].id", site)
            popup = context.new_page()
            popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={tab_id}")
            popup.wait_for_selector("#summary:not([hidden])")
            scored_count = len(badges) + 1
            assert popup.inner_text("#scored") == str(scored_count)
            high_count = sum(1 for r in expected.values() if r.label == "high") + 1
            assert popup.inner_text("#high") == str(high_count)
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
            assert page.locator("#more [data-headline-scorer=badge]").count() == 1  # only the one scored earlier
            popup.reload()
            popup.wait_for_selector("#status:not([hidden])", timeout=5000)
            assert "could not be reached" in popup.inner_text("#status")

            # Back with a key required: a wrong key is reported quietly, the right one brings the badge.
            with scorer_serve(api_port, api_keys="s3cret-key-for-the-e2e-test"):
                worker.evaluate("() => chrome.storage.local.set({apiKey: 'wrong-key'})")
                page.wait_for_timeout(1500)
                popup.reload()
                popup.wait_for_selector("#status:not([hidden])", timeout=5000)
                assert "rejected the key" in popup.inner_text("#status")
                assert page.locator("#more [data-headline-scorer=badge]").count() == 1
                worker.evaluate("() => chrome.storage.local.set({apiKey: 's3cret-key-for-the-e2e-test'})")
                page.wait_for_function("document.querySelectorAll('#more [data-headline-scorer=badge]').length === 2")
                popup.reload()
                popup.wait_for_selector("#summary:not([hidden])")
                assert popup.locator("#status").is_hidden()

            # Turning the site off removes the badges.
            popup.click("#enabled")
            page.wait_for_function(
                "document.querySelectorAll('[data-headline-scorer=badge]').length === 0", timeout=5000
            )
            assert page.locator("mark").count() == 0
            assert page_errors == []
        finally:
            context.close()
    print(json.dumps({"screenshot": str(SCREENSHOT)}))
