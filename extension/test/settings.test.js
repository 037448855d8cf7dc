"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {
  parseApiUrl, originPattern, sanitise, toggleSite, validApiKey, loadPageSettings, pageSettings, restrictToExtension, stalePermissions, DEFAULTS,
} = require("../src/settings.js");

const URLS = [
  ["http://127.0.0.1:8000", true, "http://127.0.0.1:8000"],
  ["  https://scores.example.org/api/ ", true, "https://scores.example.org/api"],
  ["ftp://example.org", false, null],
  ["javascript:alert(1)", false, null],
  ["http://user:pass@example.org", false, null],
  ["http://example.org/?x=1", false, null],
  ["not a url", false, null],
  ["", false, null],
];
for (const [input, ok, url] of URLS) {
  test(`parseApiUrl(${JSON.stringify(input)})`, () => {
    const parsed = parseApiUrl(input);
    assert.equal(parsed.ok, ok);
    if (ok) assert.equal(parsed.url, url);
    else assert.match(parsed.message, /\S/);
  });
}

test("the permission pattern covers the origin's host", () => {
  assert.equal(originPattern("http://127.0.0.1:8000"), "http://127.0.0.1/*");
  assert.equal(originPattern("https://scores.example.org"), "https://scores.example.org/*");
});

test("malformed stored settings fall back to the defaults", () => {
  assert.deepEqual(sanitise(undefined), { ...DEFAULTS, disabledSites: [] });
  const stored = sanitise({ apiUrl: "gopher://x", apiKey: "has space", disabledSites: ["a.example", 3, ""], highlight: "yes" });
  assert.deepEqual(stored, { ...DEFAULTS, disabledSites: ["a.example"] });
});

test("API keys with whitespace or over the limit are refused", () => {
  assert.equal(validApiKey("abc-123"), true);
  assert.equal(validApiKey("abc 123"), false);
  assert.equal(validApiKey("x".repeat(513)), false);
  // fetch refuses header values above U+00FF; a pasted zero-width space or BOM is invisible in the field.
  for (const key of ["abc\u200b", "\ufeffabc", "clé", "abc\u00a0", "“abc”", "abc\u007f"]) {
    assert.equal(validApiKey(key), false, JSON.stringify(key));
  }
  assert.equal(validApiKey("sk_live-AZaz09._~+/=!#$%&*"), true);
});

test("a site is switched off and on again", () => {
  const off = toggleSite(["b.example"], "news.example", false);
  assert.deepEqual(off, ["news.example", "b.example"]);
  assert.deepEqual(toggleSite(off, "news.example", true), ["b.example"]);
});

test("content scripts load the page settings without ever reading the API key", async () => {
  const asked = [];
  const storage = {
    get: async (keys) => {
      asked.push(...keys);
      return { apiUrl: "http://127.0.0.1:8000", apiKey: "s3cret", disabledSites: ["a.example"], highlight: true };
    },
  };
  const settings = await loadPageSettings(storage);
  assert.deepEqual(settings, { disabledSites: ["a.example"], highlight: true });
  assert.ok(!asked.includes("apiKey"), `asked for ${asked}`);
});

test("saving a new API origin gives back the host access of the ones saved before", () => {
  const required = ["http://127.0.0.1/*", "http://localhost/*", "http://*/*", "https://*/*"];
  const granted = [...required, "https://old.example.org/*", "https://older.example.net/*", "https://scores.example.org/*"];
  assert.deepEqual(stalePermissions(granted, required, "https://scores.example.org/*"), [
    "https://old.example.org/*",
    "https://older.example.net/*",
  ]);
  assert.deepEqual(stalePermissions(granted, required, "http://127.0.0.1/*").length, 3);
  assert.deepEqual(stalePermissions(undefined, required, "http://127.0.0.1/*"), []);
});

test("storage is closed to content scripts where the browser can, and says when it cannot", async () => {
  const levels = [];
  assert.equal(await restrictToExtension({ setAccessLevel: async ({ accessLevel }) => levels.push(accessLevel) }), true);
  assert.deepEqual(levels, ["TRUSTED_CONTEXTS"]);
  assert.equal(await restrictToExtension({}), false); // no setAccessLevel at all
  const refuses = { setAccessLevel: async () => { throw new Error("This StorageArea is not available for setting access level"); } };
  assert.equal(await restrictToExtension(refuses), false);
});

test("page settings received from the worker are sanitised and never carry the key", () => {
  assert.deepEqual(pageSettings({ apiKey: "s3cret", disabledSites: ["a.example", 7], highlight: "yes" }), {
    disabledSites: ["a.example"],
    highlight: false,
  });
  assert.deepEqual(pageSettings(undefined), { disabledSites: [], highlight: false });
});
