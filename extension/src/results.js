/*
 * Reading the API's batch answer: one item per headline, either a result or an
 * error. Pure functions, unit-tested with Node's test runner.
 */
(function (root) {
  "use strict";

  const Text = typeof module === "object" && module.exports ? require("./textmap.js") : root.HeadlineScorerText;

  const LABELS = new Set(["low", "moderate", "high"]);
  /** How many reasons the tooltip lists; the strongest first. */
  const MAX_REASONS = 5;
  const MAX_REASON_CHARS = 240;
  /** At most this many warnings (the API gives one at most today). */
  const MAX_WARNINGS = 2;

  /** The messages of the result's warnings (a score that says little: too short, another language). */
  function warnings(result) {
    const list = Array.isArray(result.warnings) ? result.warnings : [];
    return list
      .filter((w) => w && typeof w === "object" && typeof w.message === "string")
      .map((w) => w.message.slice(0, MAX_REASON_CHARS))
      .slice(0, MAX_WARNINGS);
  }

  /** The tooltip's reasons: distinct explanations of the devices found, strongest first. */
  function reasons(result) {
    const evidence = Array.isArray(result.evidence) ? result.evidence : [];
    const seen = new Set();
    return evidence
      .filter((span) => Text.isDevice(span) && typeof span.explanation === "string")
      .sort((a, b) => Number(b.weight) - Number(a.weight))
      .map((span) => span.explanation.slice(0, MAX_REASON_CHARS))
      .filter((text) => !seen.has(text) && seen.add(text))
      .slice(0, MAX_REASONS);
  }

  /**
   * A usable result from one item of the batch answer, or null. Accepts the
   * result fields at the top level beside "id", or nested under "result".
   */
  function readResult(item) {
    if (!item || typeof item !== "object" || item.error) return null;
    const result = item.result && typeof item.result === "object" ? item.result : item;
    const score = Number(result.score);
    if (!Number.isFinite(score) || score < 0 || score > 1 || !LABELS.has(result.label)) return null;
    return {
      score,
      label: result.label,
      evidence: Array.isArray(result.evidence) ? result.evidence : [],
      warnings: warnings(result),
    };
  }

  /**
   * Pair the batch answer with the texts sent (ids are their indices).
   * @returns {Map<string, object|null>} text -> readResult(...)
   */
  function pairResults(texts, results) {
    const byId = new Map();
    for (const item of Array.isArray(results) ? results : []) {
      if (item && typeof item === "object" && Number.isInteger(item.id)) byId.set(item.id, item);
    }
    return new Map(texts.map((text, id) => [text, readResult(byId.get(id))]));
  }

  /**
   * A score for people, to two places, cut rather than rounded (0.646 → "0.64"): the label
   * thresholds have two places, so the cut score is on the label's side of each (as the
   * server's `score_text`). The 1e-9 keeps 0.29, stored a hair under, from showing as 0.28.
   */
  function scoreText(score) {
    return (Math.floor(score * 100 + 1e-9) / 100).toFixed(2);
  }

  const api = { readResult, reasons, warnings, pairResults, scoreText, MAX_REASONS, MAX_WARNINGS };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.HeadlineScorerResults = api;
  }
})(globalThis);
