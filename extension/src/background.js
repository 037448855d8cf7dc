/*
 * Service worker: the only part of the extension that talks to the API.
 * Content scripts send it headline batches; it adds the key, enforces the
 * backoff shared by all tabs, and records one status line for the popup.
 * Page text goes to the configured API origin and nowhere else.
 */
"use strict";

if (typeof importScripts === "function" && typeof HeadlineScorerClient === "undefined") {
  // Chromium service worker; Firefox loads these as background scripts from the manifest.
  importScripts("settings.js", "client.js");
}

const Settings = globalThis.HeadlineScorerSettings;
const Client = globalThis.HeadlineScorerClient;

/** Longest headline a content script may send (the finder never sends longer). */
const MAX_HEADLINE_CHARS = 300;

/** Backoff applies to the settings it was earned with; new settings get a fresh try at once. */
function settingsKey(settings) {
  return `${settings.apiUrl}\n${settings.apiKey}`;
}

async function readBackoff(settings) {
  const { backoff } = await chrome.storage.session.get("backoff");
  const valid = backoff && typeof backoff === "object" && backoff.settings === settingsKey(settings);
  return valid ? backoff : { failures: 0, until: 0 };
}

async function setStatus(state, message) {
  await chrome.storage.session.set({ status: { state, message, at: Date.now() } });
}

async function recordFailure(settings, result) {
  const backoff = await readBackoff(settings);
  const failures = backoff.failures + 1;
  let wait = Client.backoffMs(failures);
  if (result.permanent) wait = Client.BACKOFF_MAX_MS;
  if (typeof result.retryAfterMs === "number") wait = Math.max(result.retryAfterMs, 1000);
  await chrome.storage.session.set({ backoff: { failures, until: Date.now() + wait, settings: settingsKey(settings) } });
  await setStatus(result.code === "unauthorized" ? "unauthorized" : "error", result.message);
  return wait;
}

function validItems(items) {
  return (
    Array.isArray(items) &&
    items.length > 0 &&
    items.length <= Client.MAX_BATCH &&
    items.every(
      (item) =>
        item && Number.isInteger(item.id) && typeof item.headline === "string" &&
        item.headline.length > 0 && item.headline.length <= MAX_HEADLINE_CHARS,
    )
  );
}

async function hasPermission(apiUrl) {
  const origin = new URL(apiUrl).origin;
  return chrome.permissions.contains({ origins: [Settings.originPattern(origin)] });
}

async function score(items) {
  if (!validItems(items)) return { ok: false, code: "bad_batch", message: "Malformed batch." };
  const settings = await Settings.loadSettings(chrome.storage.local);
  if (!(await hasPermission(settings.apiUrl))) {
    const message = `No permission to reach ${new URL(settings.apiUrl).origin}. Save the API URL on the options page to grant it.`;
    await setStatus("no_permission", message);
    return { ok: false, code: "no_permission", message, retryInMs: null };
  }
  const backoff = await readBackoff(settings);
  const now = Date.now();
  if (backoff.until > now) {
    return { ok: false, code: "backoff", message: "Waiting before retrying the API.", retryInMs: backoff.until - now };
  }
  const result = await Client.scoreBatch(fetch, settings, items);
  if (!result.ok && result.code === "request_too_large") {
    // Not the API failing: the content script splits the batch and tries again at once.
    return { ...result, retryInMs: 0 };
  }
  if (!result.ok) {
    const wait = await recordFailure(settings, result);
    return { ...result, retryInMs: wait };
  }
  await chrome.storage.session.set({ backoff: { failures: 0, until: 0 } });
  await setStatus("ok", `Connected to ${new URL(settings.apiUrl).origin}.`);
  return result;
}

async function health(apiUrl, apiKey) {
  const parsed = Settings.parseApiUrl(apiUrl);
  if (!parsed.ok) return { ok: false, code: "bad_url", message: parsed.message };
  if (!Settings.validApiKey(apiKey)) return { ok: false, code: "bad_key", message: "The API key has spaces, characters other than printable ASCII, or is too long." };
  if (!(await hasPermission(parsed.url))) {
    return { ok: false, code: "no_permission", message: `No permission to reach ${parsed.origin}. Save first to grant it.` };
  }
  return Client.checkHealth(fetch, { apiUrl: parsed.url, apiKey });
}

/**
 * Tell every tab's content script about new page settings (never the API key:
 * content scripts cannot read storage.local, see restrictToExtension), and,
 * with retry, to send its waiting headlines again at once.
 */
async function broadcastSettings(retry) {
  const message = { type: "settings", settings: await Settings.loadPageSettings(chrome.storage.local), retry };
  const tabs = await chrome.tabs.query({});
  await Promise.all(
    tabs.map((tab) => chrome.tabs.sendMessage(tab.id, message).catch(() => null)), // tabs without our content script
  );
}

/** New settings or a new permission deserve a fresh try. */
async function resetBackoff() {
  await chrome.storage.session.set({ backoff: { failures: 0, until: 0 } });
  await chrome.storage.session.remove("status");
}

// Content scripts must never see the API key: close storage.local (where it is
// kept) to them, on every start of the worker, which the onStartup listener
// makes happen as the browser starts, before pages load; Chromium also
// remembers the level.
Settings.restrictToExtension(chrome.storage.local);
chrome.runtime.onStartup.addListener(() => Settings.restrictToExtension(chrome.storage.local));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const kind = Client.messageKind(message, sender, chrome.runtime.id, chrome.runtime.getURL(""));
  let work = null;
  if (kind === "score") work = score(message.items);
  else if (kind === "pageSettings") work = Settings.loadPageSettings(chrome.storage.local);
  else if (kind === "health") work = health(message.apiUrl, message.apiKey);
  if (!work) return false;
  work.then(sendResponse, (error) => sendResponse({ ok: false, code: "internal", message: String(error).slice(0, 200) }));
  return true; // answer asynchronously
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== "local") return;
  const apiChanged = Boolean(changes.apiUrl || changes.apiKey);
  if (!apiChanged && !Settings.PAGE_KEYS.some((key) => changes[key])) return;
  (apiChanged ? resetBackoff() : Promise.resolve()).then(() => broadcastSettings(apiChanged)).catch(() => null);
});

// Host access granted after the pages were opened (the options page's Save, or
// the browser's site access menu): pages waiting without it try again now,
// not only after a reload.
chrome.permissions.onAdded.addListener(() => {
  resetBackoff().then(() => broadcastSettings(true)).catch(() => null);
});
