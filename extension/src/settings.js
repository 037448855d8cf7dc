/*
 * Settings kept in extension storage (chrome.storage.local, closed to content
 * scripts), their defaults and validation. Shared by the service worker, the
 * content script (which receives its part from the service worker), the popup
 * and the options page.
 */
(function (root) {
  "use strict";

  const DEFAULTS = Object.freeze({
    apiUrl: "http://127.0.0.1:8000",
    apiKey: "",
    disabledSites: [],
    highlight: false,
  });
  /** Bounds on what we keep, so a corrupted or hostile value cannot grow without end. */
  const MAX_API_KEY_CHARS = 512;
  const MAX_DISABLED_SITES = 1000;
  const MAX_HOSTNAME_CHARS = 253;

  /**
   * Validate an API URL typed by the user.
   * @returns {{ok: true, origin: string, url: string} | {ok: false, message: string}}
   *   url is the base URL without a trailing slash; origin is what host permission is asked for.
   */
  function parseApiUrl(value) {
    if (typeof value !== "string" || value.trim() === "") {
      return { ok: false, message: "Enter the API URL, for example http://127.0.0.1:8000." };
    }
    let url;
    try {
      url = new URL(value.trim());
    } catch {
      return { ok: false, message: "That is not a URL. Use a form like http://127.0.0.1:8000." };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { ok: false, message: "The API URL must start with http:// or https://." };
    }
    if (url.username || url.password) {
      return { ok: false, message: "Put the API key in its own field, not in the URL." };
    }
    if (url.search || url.hash) {
      return { ok: false, message: "The API URL must not have a query or fragment." };
    }
    const path = url.pathname.replace(/\/+$/, "");
    return { ok: true, origin: url.origin, url: url.origin + path };
  }

  /** The host permission pattern for an origin (ports are part of the origin, patterns ignore them). */
  function originPattern(origin) {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}/*`;
  }

  /**
   * Printable ASCII only: a key goes in an HTTP header, where fetch throws on any
   * character above U+00FF (a pasted zero-width space, a typographic quote), and
   * that failure would look like an API that cannot be reached.
   */
  function validApiKey(value) {
    return typeof value === "string" && value.length <= MAX_API_KEY_CHARS && /^[\x21-\x7e]*$/.test(value);
  }

  /** Settings read from storage, with anything missing or malformed replaced by its default. */
  function sanitise(stored) {
    const raw = stored && typeof stored === "object" ? stored : {};
    const parsed = parseApiUrl(raw.apiUrl);
    const sites = Array.isArray(raw.disabledSites) ? raw.disabledSites : [];
    return {
      apiUrl: parsed.ok ? parsed.url : DEFAULTS.apiUrl,
      apiKey: validApiKey(raw.apiKey) ? raw.apiKey : DEFAULTS.apiKey,
      disabledSites: sites
        .filter((site) => typeof site === "string" && site.length > 0 && site.length <= MAX_HOSTNAME_CHARS)
        .slice(0, MAX_DISABLED_SITES),
      highlight: raw.highlight === true,
    };
  }

  /** Add or remove a site from the disabled list, returning the new list. */
  function toggleSite(disabledSites, hostname, enabled) {
    const others = disabledSites.filter((site) => site !== hostname);
    return enabled ? others : [hostname, ...others].slice(0, MAX_DISABLED_SITES);
  }

  async function loadSettings(storage) {
    return sanitise(await storage.get(Object.keys(DEFAULTS)));
  }

  /**
   * Host permissions left over from API origins saved before: everything granted
   * except the manifest's own (required host permissions, content script
   * matches) and the one the current API URL needs.
   * @param {string[]} granted chrome.permissions.getAll().origins
   * @param {string[]} required patterns from the manifest, which cannot be removed
   * @param {string} keep the current API origin's pattern
   */
  function stalePermissions(granted, required, keep) {
    const fixed = new Set([...required, keep]);
    return (Array.isArray(granted) ? granted : []).filter((pattern) => typeof pattern === "string" && !fixed.has(pattern));
  }

  /** What content scripts need. Never the API key: it would sit in every web page's renderer. */
  const PAGE_KEYS = Object.freeze(["disabledSites", "highlight"]);

  /** The page settings out of stored or received values, malformed ones replaced by their defaults. */
  function pageSettings(raw) {
    const { disabledSites, highlight } = sanitise(raw);
    return { disabledSites, highlight };
  }

  async function loadPageSettings(storage) {
    return pageSettings(await storage.get([...PAGE_KEYS]));
  }

  /**
   * Close a storage area (storage.local, which holds the API key) to content
   * scripts: they can then neither read it nor receive its change events, and
   * get their page settings from the service worker instead. Chromium keeps the
   * level across restarts; a browser without setAccessLevel for the area
   * (Firefox, for storage.local) leaves it open.
   * @returns {Promise<boolean>} whether the area is now for the extension's own pages only
   */
  async function restrictToExtension(area) {
    if (!area || typeof area.setAccessLevel !== "function") return false;
    try {
      await area.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" });
      return true;
    } catch {
      return false;
    }
  }

  const api = {
    DEFAULTS, parseApiUrl, originPattern, validApiKey, sanitise, toggleSite, loadSettings, loadPageSettings, pageSettings,
    restrictToExtension, stalePermissions, PAGE_KEYS, MAX_API_KEY_CHARS,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.HeadlineScorerSettings = api;
  }
})(globalThis);
