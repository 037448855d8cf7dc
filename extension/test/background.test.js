"use strict";
/*
 * The service worker (src/background.js) run in a Node vm context against a
 * fake `chrome`: what it lets content scripts see, and what it tells them when
 * settings or host permissions change.
 */
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ID = "abcdefghijklmnop";
const ORIGIN = `chrome-extension://${ID}/`;
const SECRET = "s3cret-key-never-in-pages";
const CONTENT_SCRIPT = { id: ID, url: "https://news.example/front", tab: { id: 1 } };

/** A chrome.storage area over a plain object, recording access-level requests. */
function fakeArea(data, levels) {
  return {
    data,
    get: async (keys) => {
      const wanted = keys == null ? Object.keys(data) : [].concat(keys);
      return Object.fromEntries(wanted.filter((key) => key in data).map((key) => [key, data[key]]));
    },
    set: async (items) => void Object.assign(data, items),
    remove: async (keys) => [].concat(keys).forEach((key) => delete data[key]),
    setAccessLevel: async ({ accessLevel }) => void levels.push(accessLevel),
  };
}

function fakeEvent() {
  const listeners = [];
  return { listeners, addListener: (listener) => listeners.push(listener) };
}

/** Start src/background.js with fake extension APIs; returns the fakes to drive and inspect it. */
function startWorker(stored) {
  const levels = { local: [], session: [] };
  const sent = [];
  const chrome = {
    runtime: { id: ID, getURL: (rel) => ORIGIN + rel, onMessage: fakeEvent(), onStartup: fakeEvent() },
    storage: {
      local: fakeArea({ ...stored }, levels.local),
      session: fakeArea({ backoff: { failures: 4, until: Date.now() + 60000 } }, levels.session),
      onChanged: fakeEvent(),
    },
    permissions: { contains: async () => true, onAdded: fakeEvent() },
    tabs: {
      query: async () => [{ id: 1 }, { id: 2 }],
      sendMessage: async (tabId, message) => {
        sent.push({ tabId, message: JSON.parse(JSON.stringify(message)) });
        if (tabId === 2) throw new Error("Could not establish connection. Receiving end does not exist.");
      },
    },
  };
  const context = vm.createContext({ chrome, URL, console, setTimeout, clearTimeout, AbortController, TextDecoder, fetch: null });
  for (const file of ["settings.js", "client.js", "background.js"]) {
    vm.runInContext(fs.readFileSync(path.join(__dirname, "..", "src", file), "utf8"), context, { filename: file });
  }
  return { chrome, levels, sent };
}

/** Let the worker's promise chains run. */
async function settle() {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function ask(chrome, message, sender) {
  return new Promise((resolve) => {
    const answered = chrome.runtime.onMessage.listeners.map((listener) => listener(message, sender, resolve));
    if (!answered.includes(true)) resolve(undefined);
  });
}

const STORED = { apiUrl: "http://127.0.0.1:8000", apiKey: SECRET, disabledSites: ["quiet.example"], highlight: true };

test("the worker closes storage.local, where the key is, to content scripts", async () => {
  const { chrome, levels } = startWorker(STORED);
  await settle();
  assert.deepEqual(levels.local, ["TRUSTED_CONTEXTS"]);
  // ...and again as the browser starts, before the pages of the last session load.
  assert.equal(chrome.runtime.onStartup.listeners.length, 1);
  chrome.runtime.onStartup.listeners[0]();
  await settle();
  assert.deepEqual(levels.local, ["TRUSTED_CONTEXTS", "TRUSTED_CONTEXTS"]);
  assert.deepEqual(levels.session, []);
});

test("a content script gets its page settings from the worker, never the key", async () => {
  const { chrome } = startWorker(STORED);
  const answer = await ask(chrome, { type: "pageSettings" }, CONTENT_SCRIPT);
  assert.deepEqual(JSON.parse(JSON.stringify(answer)), { disabledSites: ["quiet.example"], highlight: true });
  assert.equal(await ask(chrome, { type: "pageSettings" }, { ...CONTENT_SCRIPT, id: "another-extension" }), undefined);
});

test("a new key reaches the tabs as a retry with the page settings, without the key", async () => {
  const { chrome, sent } = startWorker(STORED);
  for (const listener of chrome.storage.onChanged.listeners) listener({ apiKey: { newValue: SECRET } }, "local");
  await settle();
  assert.deepEqual(sent.map((item) => item.tabId), [1, 2]); // tab 2 has no content script: its error is ignored
  for (const { message } of sent) {
    assert.deepEqual(message, { type: "settings", settings: { disabledSites: ["quiet.example"], highlight: true }, retry: true });
  }
  assert.ok(!JSON.stringify(sent).includes(SECRET));
  assert.deepEqual({ ...chrome.storage.session.data.backoff }, { failures: 0, until: 0 });
});

test("a page setting change reaches the tabs without a retry; other areas are ignored", async () => {
  const { chrome, sent } = startWorker(STORED);
  for (const listener of chrome.storage.onChanged.listeners) listener({ status: { newValue: {} } }, "session");
  await settle();
  assert.equal(sent.length, 0);
  for (const listener of chrome.storage.onChanged.listeners) listener({ highlight: { newValue: true } }, "local");
  await settle();
  assert.equal(sent.length, 2);
  assert.equal(sent[0].message.retry, false);
  assert.equal(chrome.storage.session.data.backoff.failures, 4); // the API settings did not change
});

test("host access granted after the pages were opened makes them retry at once", async () => {
  const { chrome, sent } = startWorker(STORED);
  chrome.storage.session.data.status = { state: "no_permission", message: "No permission to reach …" };
  assert.equal(chrome.permissions.onAdded.listeners.length, 1);
  for (const listener of chrome.permissions.onAdded.listeners) listener({ origins: ["https://scores.example.org/*"] });
  await settle();
  assert.deepEqual(sent.map((item) => [item.tabId, item.message.retry]), [[1, true], [2, true]]);
  assert.deepEqual({ ...chrome.storage.session.data.backoff }, { failures: 0, until: 0 });
  assert.equal(chrome.storage.session.data.status, undefined);
});
