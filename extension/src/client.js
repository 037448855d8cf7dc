/*
 * Calls to the scoring API (POST /v1/score/batch, GET /v1/model) and the retry
 * policy. fetch is passed in, so Node's test runner can check every failure
 * path with a fake.
 */
(function (root) {
  "use strict";

  /** The API accepts up to 1000 items; smaller batches keep each request quick. */
  const MAX_BATCH = 100;
  /** Give up on a request after this long: a slow API must not hold badges back forever. */
  const REQUEST_TIMEOUT_MS = 10000;
  /** Backoff after consecutive failures: 2 s, 4 s, 8 s, ... capped at five minutes. */
  const BACKOFF_BASE_MS = 2000;
  const BACKOFF_MAX_MS = 5 * 60 * 1000;
  /** Largest response we read; a batch of 100 results is a few hundred kB at most. */
  const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

  function backoffMs(failures) {
    const exponent = Math.max(0, Math.min(failures - 1, 20));
    return Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
  }

  /** Retry-After in seconds (the only form our API sends), as milliseconds, or null. */
  function retryAfterMs(header) {
    // A missing or blank header is not "retry at once" (Number(null) and Number("") are 0).
    if (typeof header !== "string" || !/^\s*\d+(\.\d+)?\s*$/.test(header)) return null;
    const seconds = Number(header);
    return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, BACKOFF_MAX_MS) : null;
  }

  function failure(code, message, extra = {}) {
    return { ok: false, code, message, ...extra };
  }

  /**
   * The body as text, or null past MAX_RESPONSE_BYTES. Read as a stream and
   * stopped at the limit: an answer without Content-Length (chunked) is not
   * held in memory whole before its size is known.
   */
  async function readText(response) {
    if (!response.body || typeof response.body.getReader !== "function") return response.text();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_RESPONSE_BYTES) {
        reader.cancel().catch(() => {});
        return null;
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  }

  async function request(fetchImpl, url, init, timeoutMs) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(url, { ...init, signal: controller.signal, credentials: "omit", redirect: "error" });
      const length = Number(response.headers.get("content-length"));
      if (Number.isFinite(length) && length > MAX_RESPONSE_BYTES) {
        return { response, body: null, error: failure("too_large", "The API's answer was too large.") };
      }
      const text = await readText(response);
      if (text === null || text.length > MAX_RESPONSE_BYTES) {
        return { response, body: null, error: failure("too_large", "The API's answer was too large.") };
      }
      let body = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      return { response, body, error: null };
    } catch (error) {
      if (controller.signal.aborted) {
        return { response: null, body: null, error: failure("timeout", `The API did not answer within ${timeoutMs / 1000} s.`) };
      }
      return { response: null, body: null, error: failure("unreachable", "The API could not be reached. Is `scorer serve` running?") };
    } finally {
      clearTimeout(timer);
    }
  }

  function headers(apiKey, json) {
    const out = { Accept: "application/json" };
    if (json) out["Content-Type"] = "application/json";
    if (apiKey) out.Authorization = `Bearer ${apiKey}`;
    return out;
  }

  function httpFailure(response, body) {
    const message = body && body.error && typeof body.error.message === "string" ? body.error.message.slice(0, 300) : "";
    if (response.status === 401 || response.status === 403) {
      return failure("unauthorized", "The API rejected the key. Check it on the options page.", { permanent: true });
    }
    if (response.status === 413) {
      // The server's SCORER_MAX_REQUEST_BYTES is below this batch: smaller batches will pass.
      return failure("request_too_large", "The API refused a batch as too large.");
    }
    if (response.status === 429) {
      return failure("rate_limited", "The API asked us to slow down.", { retryAfterMs: retryAfterMs(response.headers.get("retry-after")) });
    }
    return failure("http", `The API answered ${response.status}${message ? `: ${message}` : ""}.`);
  }

  /**
   * Score one batch of headlines.
   * @param {Function} fetchImpl
   * @param {{apiUrl: string, apiKey: string}} settings
   * @param {Array<{id: number, headline: string}>} items at most MAX_BATCH
   * @returns {Promise<{ok: true, results: object[]} | {ok: false, code: string, message: string}>}
   */
  async function scoreBatch(fetchImpl, settings, items, timeoutMs = REQUEST_TIMEOUT_MS) {
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
      return failure("bad_batch", `A batch holds 1 to ${MAX_BATCH} headlines.`);
    }
    const { response, body, error } = await request(
      fetchImpl,
      `${settings.apiUrl}/v1/score/batch`,
      { method: "POST", headers: headers(settings.apiKey, true), body: JSON.stringify({ items }) },
      timeoutMs,
    );
    if (error) return error;
    if (!response.ok) return httpFailure(response, body);
    const results = body && Array.isArray(body.results) ? body.results : null;
    if (!results || results.length !== items.length) {
      return failure("bad_response", "The API's answer did not match the request.");
    }
    return { ok: true, results };
  }

  /**
   * GET /v1/model, for the options page's "Test connection": it checks the key as scoring does
   * (the open /healthz had said "Connected" with a wrong key, and every batch then failed with 401).
   */
  async function checkHealth(fetchImpl, settings, timeoutMs = REQUEST_TIMEOUT_MS) {
    const { response, body, error } = await request(
      fetchImpl, `${settings.apiUrl}/v1/model`, { method: "GET", headers: headers(settings.apiKey, false) }, timeoutMs,
    );
    if (error) return error;
    if (!response.ok) return httpFailure(response, body);
    return { ok: true, body: body && typeof body === "object" ? body : {} };
  }

  /**
   * Which request a runtime message may make: "score" and "pageSettings" from a
   * content script, "health" from the extension's own pages, else null. The options page opens
   * in a tab, so sender.tab does not tell the two apart; sender.url does.
   * @param {object} message
   * @param {{id?: string, url?: string, tab?: object}} sender
   * @param {string} runtimeId chrome.runtime.id
   * @param {string} extensionOrigin chrome.runtime.getURL("") (ends with "/")
   */
  function messageKind(message, sender, runtimeId, extensionOrigin) {
    if (!message || typeof message !== "object" || !sender || sender.id !== runtimeId) return null;
    const fromExtensionPage = typeof sender.url === "string" && sender.url.startsWith(extensionOrigin);
    if ((message.type === "score" || message.type === "pageSettings") && sender.tab && !fromExtensionPage) return message.type;
    if (message.type === "health" && fromExtensionPage) return "health";
    return null;
  }

  const api = { scoreBatch, checkHealth, messageKind, backoffMs, retryAfterMs, MAX_BATCH, REQUEST_TIMEOUT_MS, BACKOFF_MAX_MS };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.HeadlineScorerClient = api;
  }
})(globalThis);
