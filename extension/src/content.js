/*
 * Content script: find the headlines, ask the service worker to score them in
 * batches, put a badge beside each one. Watches the page for more headlines
 * (infinite scroll, single-page apps) with a debounced MutationObserver.
 *
 * Everything here is asynchronous and bounded, so a down, slow or refusing API
 * never breaks or slows the page: the headlines simply stay without badges
 * until a retry succeeds.
 */
(function () {
  "use strict";

  const Finder = globalThis.HeadlineScorerFinder;
  const Badge = globalThis.HeadlineScorerBadge;
  const Settings = globalThis.HeadlineScorerSettings;
  const Results = globalThis.HeadlineScorerResults;

  /** Wait for the page to settle before rescanning after a change. */
  const SCAN_DEBOUNCE_MS = 400;
  /** ...but no longer than this after the first change: a page that never stops changing (a ticker) still gets scanned. */
  const SCAN_MAX_WAIT_MS = 2000;
  const BATCH_SIZE = 100;
  /** At most this many distinct headlines are scored per page load, however long the scroll. */
  const MAX_TEXTS_PER_PAGE = 2000;
  /** Spread retries from many tabs a little. */
  const RETRY_JITTER_MS = 500;
  const OBSERVE_OPTIONS = {
    childList: true, subtree: true, characterData: true,
    // A heading shown later: a carousel's slide, a "show more" block (see Finder.mutationMatters).
    attributes: true, attributeFilter: ["hidden", "style", "class", "aria-hidden"],
  };
  /** Same-origin frames are scanned from the top page, within its budgets: at most this many, nested this deep. */
  const MAX_FRAMES = 16;
  const MAX_FRAME_DEPTH = 3;

  const hostname = location.hostname;
  const page = {
    settings: { disabledSites: [], highlight: false }, // Settings.pageSettings, from the service worker: never the API key
    enabled: false,
    results: new Map(), // headline text -> readResult(...) or null when the API could not score it
    queued: new Set(), // texts waiting to be sent
    sending: new Set(), // texts in the batch being scored
    moreToScan: false, // the last scan stopped at its budget: scan again once its texts are scored
    elements: new Map(), // element -> {text, kind, badge, pressed}
    inFlight: false,
    scanTimer: 0,
    scanSince: 0, // when the pending scan was first asked for
    retryTimer: 0,
    observer: null,
    watchedRoots: new WeakSet(), // shadow roots and frame documents the observer watches
    watchedFrames: new WeakSet(), // frame elements whose loads trigger a scan
    lastError: null,
    settingsPushed: false, // the worker has pushed settings: the answer to the first request is older
    batchSize: BATCH_SIZE, // halved each time the API refuses a batch as too large (413)
  };

  /** In the page still: connected, and not in a frame's document that has gone. */
  function isLive(element) {
    return element.isConnected && element.ownerDocument.defaultView !== null;
  }

  function isVisible(element) {
    if (typeof element.checkVisibility === "function") return element.checkVisibility();
    return element.getClientRects().length > 0;
  }

  /** Run a DOM change of ours without the observer reacting to it. */
  function quietly(change) {
    const pending = page.observer ? page.observer.takeRecords() : [];
    try {
      return change();
    } finally {
      if (page.observer) page.observer.takeRecords();
      if (pending.length) scheduleScan();
    }
  }

  function forget(element) {
    const entry = page.elements.get(element);
    if (!entry) return;
    quietly(() => {
      if (entry.badge) entry.badge.remove();
      Badge.removeHighlights(element);
    });
    page.elements.delete(element);
  }

  function applyHighlight(element, entry) {
    const result = page.results.get(entry.text);
    if (!result || !entry.badge) return;
    const on = entry.pressed === null ? page.settings.highlight : entry.pressed;
    quietly(() => {
      if (on) Badge.highlight(element, entry.text, result.evidence);
      else Badge.removeHighlights(element);
    });
    Badge.setPressed(entry.badge, on);
  }

  function render(element, entry) {
    const result = page.results.get(entry.text);
    if (!result || entry.badge || !isLive(element)) return;
    const onToggle = () => {
      const current = entry.pressed === null ? page.settings.highlight : entry.pressed;
      entry.pressed = !current;
      applyHighlight(element, entry);
    };
    entry.badge = Badge.createBadge(result, onToggle, element.ownerDocument);
    quietly(() => Badge.placeBadge(element, entry.badge));
    applyHighlight(element, entry);
  }

  function scan() {
    page.scanTimer = 0;
    if (!page.enabled || !document.body) return;
    if (document.designMode === "on") return; // the whole page is an editor: no badges in the user's text
    for (const [element, entry] of page.elements) {
      if (!isLive(element)) {
        quietly(() => Badge.removeHighlights(element)); // its ranges leave the page's highlight too
        page.elements.delete(element);
      } else if (entry.badge && !entry.badge.isConnected) {
        entry.badge = null; // the page removed it; put it back
      } else if (entry.badge && Badge.highlightLost(element)) {
        applyHighlight(element, entry); // moved or re-rendered: its ranges collapsed
      }
    }
    const isKnown = (text) => page.results.has(text) || page.queued.has(text) || page.sending.has(text);
    let added = 0;
    for (const doc of [document, ...frameDocuments(document)]) {
      const limit = Finder.MAX_HEADLINES - added; // one budget for the page and its frames
      if (limit <= 0) break;
      if (doc !== document) watch(doc.documentElement);
      const found = Finder.findHeadlines(doc.body, { isVisible, isKnown, limit, onShadowRoot: watch });
      for (const { element, text, kind } of found) {
        const known = page.elements.get(element);
        if (known && known.text !== text) forget(element); // the page rewrote this headline
        if (!page.elements.has(element)) page.elements.set(element, { text, kind, badge: null, pressed: null });
        const entry = page.elements.get(element);
        if (page.results.has(text)) render(element, entry);
        else if (!isKnown(text) && page.results.size + page.queued.size + page.sending.size < MAX_TEXTS_PER_PAGE) {
          page.queued.add(text);
          added += 1;
        }
      }
    }
    // A page with more headlines than one scan takes (Finder.MAX_HEADLINES) gets the rest
    // once these are scored, not only when the page next changes.
    page.moreToScan = added >= Finder.MAX_HEADLINES;
    flush();
  }

  /**
   * The documents of the same-origin frames under doc (srcdoc and about:blank
   * ones too, and frames in them), in document order. Cross-origin frames
   * (contentDocument is null), hidden ones and editors (designMode) are left alone.
   */
  function frameDocuments(doc, depth = 1, out = []) {
    if (depth > MAX_FRAME_DEPTH) return out;
    for (const frame of Array.from(doc.querySelectorAll("iframe, frame"))) {
      if (out.length >= MAX_FRAMES) break;
      watchFrame(frame);
      let inner = null;
      try {
        inner = frame.contentDocument;
      } catch {
        inner = null; // cross-origin, in browsers that throw rather than answer null
      }
      if (!inner || !inner.body || inner.designMode === "on" || !isVisible(frame)) continue;
      out.push(inner);
      frameDocuments(inner, depth + 1, out);
    }
    return out;
  }

  /** A frame that loads (or navigates) later is scanned then. */
  function watchFrame(frame) {
    if (page.watchedFrames.has(frame)) return;
    page.watchedFrames.add(frame);
    frame.addEventListener("load", scheduleScan);
  }

  /** A MutationObserver on the document sees neither inside shadow roots nor inside frames: watch each one found. */
  function watch(root) {
    if (!page.observer || page.watchedRoots.has(root)) return;
    page.watchedRoots.add(root);
    page.observer.observe(root, OBSERVE_OPTIONS);
  }

  function scheduleScan() {
    if (!page.enabled) return;
    const now = Date.now();
    if (!page.scanTimer) page.scanSince = now;
    clearTimeout(page.scanTimer);
    const delay = Math.max(0, Math.min(SCAN_DEBOUNCE_MS, page.scanSince + SCAN_MAX_WAIT_MS - now));
    page.scanTimer = setTimeout(scan, delay);
  }

  function scheduleRetry(delayMs) {
    clearTimeout(page.retryTimer);
    page.retryTimer = setTimeout(() => {
      page.retryTimer = 0;
      flush();
    }, delayMs + Math.random() * RETRY_JITTER_MS);
  }

  function deliver(texts, results) {
    for (const [text, result] of Results.pairResults(texts, results)) page.results.set(text, result);
    for (const [element, entry] of page.elements) render(element, entry);
  }

  async function flush() {
    if (!page.enabled || page.inFlight || page.retryTimer) return;
    if (page.queued.size === 0) {
      if (page.moreToScan) {
        page.moreToScan = false;
        scheduleScan();
      }
      return;
    }
    const texts = Array.from(page.queued).slice(0, page.batchSize);
    texts.forEach((text) => {
      page.queued.delete(text);
      page.sending.add(text);
    });
    page.inFlight = true;
    let answer;
    try {
      answer = await chrome.runtime.sendMessage({ type: "score", items: texts.map((headline, id) => ({ id, headline })) });
    } catch (error) {
      answer = { ok: false, code: "extension", message: String(error).slice(0, 200), retryInMs: 5000 };
    } finally {
      page.inFlight = false;
      page.sending.clear();
    }
    if (!page.enabled) return;
    if (answer && answer.ok) {
      page.lastError = null;
      deliver(texts, answer.results);
      flush();
      return;
    }
    if (answer && answer.code === "request_too_large") {
      if (texts.length > 1) {
        page.batchSize = Math.max(1, Math.ceil(texts.length / 2));
        texts.forEach((text) => page.queued.add(text));
      } else {
        page.results.set(texts[0], null); // too long for this server even alone: leave it without a badge
      }
      flush();
      return;
    }
    texts.forEach((text) => page.queued.add(text));
    page.lastError = answer ? { code: answer.code, message: answer.message } : { code: "extension", message: "No answer." };
    // With no permission there is nothing to retry until the settings change.
    if (answer && typeof answer.retryInMs === "number") scheduleRetry(answer.retryInMs);
  }

  function start() {
    if (page.enabled) return;
    page.enabled = true;
    page.observer = new MutationObserver((records) => {
      if (records.some(Finder.mutationMatters)) scheduleScan();
    });
    page.observer.observe(document.documentElement, OBSERVE_OPTIONS);
    scan();
  }

  function stop() {
    page.enabled = false;
    if (page.observer) page.observer.disconnect();
    page.observer = null;
    page.watchedRoots = new WeakSet();
    clearTimeout(page.scanTimer);
    clearTimeout(page.retryTimer);
    page.scanTimer = 0;
    page.retryTimer = 0;
    for (const element of Array.from(page.elements.keys())) forget(element);
    page.queued.clear();
    page.moreToScan = false;
  }

  function summary() {
    const scored = [];
    // Switched off for this site: its results are kept (to show again without a new request when it is
    // switched back on) but the popup says nothing is scored here, as the page shows no badge.
    for (const [text, result] of page.enabled ? page.results : []) {
      if (result) scored.push({ headline: text, score: result.score, label: result.label, warned: result.warnings.length > 0 });
    }
    scored.sort((a, b) => b.score - a.score);
    return {
      hostname,
      enabled: page.enabled,
      scored: scored.length,
      high: scored.filter((item) => item.label === "high").length,
      doubtful: scored.filter((item) => item.warned).length, // scores that say little: the badge is dashed
      waiting: page.queued.size,
      top: scored.slice(0, 3),
      error: page.lastError,
    };
  }

  /** Apply page settings (from the service worker: this script cannot read extension storage). */
  function applySettings(settings) {
    page.settings = Settings.pageSettings(settings);
    const wanted = !page.settings.disabledSites.includes(hostname);
    if (wanted && !page.enabled) start();
    else if (!wanted && page.enabled) stop();
    else if (page.enabled) for (const [element, entry] of page.elements) applyHighlight(element, entry);
  }

  /** The settings changed (or host access was granted): apply them, and with retry send waiting headlines now. */
  function onSettings(settings, retry) {
    page.settingsPushed = true;
    const highlight = Settings.pageSettings(settings).highlight;
    if (highlight !== page.settings.highlight) for (const entry of page.elements.values()) entry.pressed = null;
    applySettings(settings);
    if (retry && page.enabled) {
      clearTimeout(page.retryTimer);
      page.retryTimer = 0;
      flush();
    }
  }

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !message) return false;
    if (message.type === "summary") sendResponse(summary());
    else if (message.type === "settings" && !sender.tab) onSettings(message.settings, message.retry === true);
    return false;
  });

  chrome.runtime.sendMessage({ type: "pageSettings" }).then(
    (settings) => page.settingsPushed || applySettings(settings),
    () => page.settingsPushed || applySettings({}), // no answer from the extension: the defaults (on, no highlight)
  );
})();
