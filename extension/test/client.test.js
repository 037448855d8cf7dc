"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { scoreBatch, checkHealth, messageKind, backoffMs, retryAfterMs, MAX_BATCH, BACKOFF_MAX_MS } = require("../src/client.js");

const SETTINGS = { apiUrl: "http://127.0.0.1:8000", apiKey: "" };
const ITEMS = [{ id: 0, headline: "Council approves budget for new library branch" }];

/** A fake fetch that records its calls and answers with the given status, body and headers. */
function fakeFetch(status, body, headers = {}) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: { get: (name) => headers[name.toLowerCase()] ?? null },
      text: async () => text,
    };
  };
  return { fetchImpl, calls };
}

test("a batch is posted as JSON to /v1/score/batch without cookies", async () => {
  const { fetchImpl, calls } = fakeFetch(200, { results: [{ id: 0, score: 0.1, label: "low", evidence: [] }] });
  const answer = await scoreBatch(fetchImpl, SETTINGS, ITEMS);
  assert.equal(answer.ok, true);
  assert.equal(calls[0].url, "http://127.0.0.1:8000/v1/score/batch");
  assert.equal(calls[0].init.method, "POST");
  assert.equal(calls[0].init.credentials, "omit");
  assert.deepEqual(JSON.parse(calls[0].init.body), { items: ITEMS });
  assert.equal(calls[0].init.headers.Authorization, undefined);
});

test("the API key goes in a Bearer header", async () => {
  const { fetchImpl, calls } = fakeFetch(200, { results: [{}] });
  await scoreBatch(fetchImpl, { ...SETTINGS, apiKey: "k3y" }, ITEMS);
  assert.equal(calls[0].init.headers.Authorization, "Bearer k3y");
});

const FAILURES = [
  ["a rejected key", 401, { error: { code: "unauthorized", message: "bad key" } }, {}, "unauthorized"],
  ["rate limiting", 429, { error: { code: "rate_limited", message: "slow down" } }, { "retry-after": "7" }, "rate_limited"],
  ["a batch over the server's request size limit", 413, { error: { code: "too_large", message: "body too large" } }, {}, "request_too_large"],
  ["a server error", 500, { error: { code: "internal", message: "boom" } }, {}, "http"],
  ["a non-JSON answer", 200, "<html>proxy error</html>", {}, "bad_response"],
  ["a wrong number of results", 200, { results: [] }, {}, "bad_response"],
];
for (const [name, status, body, headers, code] of FAILURES) {
  test(`${name} is reported as ${code}`, async () => {
    const answer = await scoreBatch(fakeFetch(status, body, headers).fetchImpl, SETTINGS, ITEMS);
    assert.equal(answer.ok, false);
    assert.equal(answer.code, code);
    assert.equal(typeof answer.message, "string");
  });
}

test("Retry-After is honoured on 429", async () => {
  const answer = await scoreBatch(fakeFetch(429, {}, { "retry-after": "7" }).fetchImpl, SETTINGS, ITEMS);
  assert.equal(answer.retryAfterMs, 7000);
});

test("an unreachable API is reported, not thrown", async () => {
  const answer = await scoreBatch(async () => { throw new TypeError("Failed to fetch"); }, SETTINGS, ITEMS);
  assert.deepEqual([answer.ok, answer.code], [false, "unreachable"]);
});

test("a slow API times out", async () => {
  const hanging = (url, init) => new Promise((resolve, reject) => {
    init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });
  const answer = await scoreBatch(hanging, SETTINGS, ITEMS, 50);
  assert.deepEqual([answer.ok, answer.code], [false, "timeout"]);
});

test("empty and oversized batches are refused before any request", async () => {
  const { fetchImpl, calls } = fakeFetch(200, { results: [] });
  const big = Array.from({ length: MAX_BATCH + 1 }, (_, id) => ({ id, headline: "x" }));
  for (const items of [[], big, "nope"]) {
    assert.equal((await scoreBatch(fetchImpl, SETTINGS, items)).code, "bad_batch");
  }
  assert.equal(calls.length, 0);
});

test("the connection test asks for the model card, which needs the key", async () => {
  const { fetchImpl, calls } = fakeFetch(200, { name: "sensationalism", version: "2026-11-29+abc" });
  const answer = await checkHealth(fetchImpl, { ...SETTINGS, apiKey: "k1" });
  assert.equal(answer.ok, true);
  assert.equal(answer.body.version, "2026-11-29+abc");
  assert.equal(calls[0].url, "http://127.0.0.1:8000/v1/model");
  assert.equal(calls[0].init.headers.Authorization, "Bearer k1");
});

test("the connection test reports a rejected key", async () => {
  const { fetchImpl } = fakeFetch(401, { error: { code: "unauthorized", message: "bad key" } });
  const answer = await checkHealth(fetchImpl, { ...SETTINGS, apiKey: "wrong" });
  assert.equal(answer.ok, false);
  assert.equal(answer.code, "unauthorized");
});

test("backoff doubles from 2 s and is capped", () => {
  assert.deepEqual([1, 2, 3, 4].map(backoffMs), [2000, 4000, 8000, 16000]);
  assert.equal(backoffMs(50), BACKOFF_MAX_MS);
  assert.equal(retryAfterMs("soon"), null);
  assert.equal(retryAfterMs("99999"), BACKOFF_MAX_MS);
});

test("a 429 without Retry-After falls back to the doubling backoff, not an immediate retry", async () => {
  for (const header of [null, "", "  "]) assert.equal(retryAfterMs(header), null, JSON.stringify(header));
  const answer = await scoreBatch(fakeFetch(429, {}).fetchImpl, SETTINGS, ITEMS);
  assert.equal(answer.code, "rate_limited");
  assert.equal(answer.retryAfterMs, null);
  assert.equal(retryAfterMs("0"), 0);
  assert.equal(retryAfterMs("-3"), null);
});

test("the options page, open in a tab, may test the connection; web pages may only score", () => {
  const ID = "abcdefghijklmnop";
  const ORIGIN = `chrome-extension://${ID}/`;
  const tab = { id: 7 };
  const optionsInTab = { id: ID, url: `${ORIGIN}options/options.html`, tab };
  const popup = { id: ID, url: `${ORIGIN}popup/popup.html` };
  const contentScript = { id: ID, url: "https://news.example/front", tab };
  assert.equal(messageKind({ type: "health" }, optionsInTab, ID, ORIGIN), "health");
  assert.equal(messageKind({ type: "health" }, popup, ID, ORIGIN), "health");
  assert.equal(messageKind({ type: "score" }, contentScript, ID, ORIGIN), "score");
  assert.equal(messageKind({ type: "health" }, contentScript, ID, ORIGIN), null);
  assert.equal(messageKind({ type: "pageSettings" }, contentScript, ID, ORIGIN), "pageSettings");
  assert.equal(messageKind({ type: "pageSettings" }, { ...contentScript, id: "other" }, ID, ORIGIN), null);
  assert.equal(messageKind({ type: "score" }, { ...contentScript, id: "other" }, ID, ORIGIN), null);
  assert.equal(messageKind(null, contentScript, ID, ORIGIN), null);
});

test("an endless answer without Content-Length is cut off at the size limit, not read whole", async () => {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream({
    pull(controller) {
      pulled += 1;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  });
  const fetchImpl = async () => ({
    ok: true,
    status: 200,
    headers: { get: () => null },
    body,
    text: async () => { throw new Error("read whole"); },
  });
  const answer = await scoreBatch(fetchImpl, SETTINGS, ITEMS, 5000);
  assert.equal(answer.code, "too_large");
  assert.ok(cancelled);
  assert.ok(pulled <= 12, `pulled ${pulled} MiB`);
});

test("a streamed answer is decoded whole, multi-byte characters split across chunks included", async () => {
  const bytes = new TextEncoder().encode(JSON.stringify({ results: [{ id: 0, score: 0.2, label: "low", headline: "Café 🚨" }] }));
  const split = bytes.indexOf(0xf0) + 2; // inside the emoji
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, split));
      controller.enqueue(bytes.slice(split));
      controller.close();
    },
  });
  const fetchImpl = async () => ({ ok: true, status: 200, headers: { get: () => null }, body, text: async () => "" });
  const answer = await scoreBatch(fetchImpl, SETTINGS, ITEMS);
  assert.equal(answer.ok, true);
  assert.equal(answer.results[0].headline, "Café 🚨");
});
