"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { readResult, reasons, warnings, pairResults, scoreText, MAX_REASONS, MAX_WARNINGS } = require("../src/results.js");

const RESULT = {
  headline: "🚨 CHILLING footage shows storm",
  score: 0.6,
  label: "moderate",
  evidence: [
    { text: "CHILLING", kind: "shouting", weight: 1.2, explanation: "“CHILLING” is set in capitals." },
    { text: "CHILLING", kind: "loaded", weight: 1.5, explanation: "“CHILLING” is a fear word." },
    { text: "'quoted'", kind: "quote", weight: 0, explanation: "Quoted speech." },
    { text: "footage", kind: "wording", weight: 0.4, explanation: "The wording around “footage” raises it." },
    { text: "CHILLING", kind: "shouting", weight: 1.2, explanation: "“CHILLING” is set in capitals." },
  ],
};

test("a result beside its id and a result nested under 'result' read the same", () => {
  const flat = readResult({ id: 0, ...RESULT });
  const nested = readResult({ id: 0, result: RESULT });
  assert.deepEqual(flat, nested);
  assert.deepEqual([flat.label, flat.score, flat.evidence.length], ["moderate", 0.6, 5]);
});

const UNUSABLE = [
  ["an item error", { id: 0, error: { code: "input", message: "empty headline" } }],
  ["an unknown label", { id: 0, score: 0.5, label: "<b>extreme</b>" }],
  ["a score out of range", { id: 0, score: 7, label: "high" }],
  ["a score that is not a number", { id: 0, score: "high", label: "high" }],
  ["null", null],
  ["a string", "high"],
];
for (const [name, item] of UNUSABLE) {
  test(`${name} gives no badge`, () => {
    assert.equal(readResult(item), null);
  });
}

test("warnings are the messages of well-formed warnings, bounded in number and length", () => {
  const french = { ...RESULT, warnings: [{ code: "unfamiliar_words", message: "The model knows only 1 of 8 words." }] };
  assert.deepEqual(readResult({ id: 0, ...french }).warnings, ["The model knows only 1 of 8 words."]);
  assert.deepEqual(readResult({ id: 0, ...RESULT }).warnings, []);
  const hostile = { warnings: [null, "text", { code: "x" }, { message: 7 }, { message: "<b>a</b>".repeat(100) }] };
  assert.deepEqual(warnings(hostile).map((m) => m.length), [240]);
  const many = { warnings: Array.from({ length: 5 }, (_, i) => ({ code: "c", message: `m${i}` })) };
  assert.equal(warnings(many).length, MAX_WARNINGS);
  assert.deepEqual(warnings({ warnings: "not a list" }), []);
});

test("reasons are the weighted explanations, strongest first, each once", () => {
  assert.deepEqual(reasons(RESULT), ["“CHILLING” is a fear word.", "“CHILLING” is set in capitals."]);
  const many = { evidence: Array.from({ length: 9 }, (_, i) => ({ kind: "loaded", weight: i + 1, explanation: `reason ${i}` })) };
  assert.equal(reasons(many).length, MAX_REASONS);
  assert.equal(reasons(many)[0], "reason 8");
});

test("results are paired with the texts by id, whatever their order", () => {
  const texts = ["first headline here", "second headline here"];
  const paired = pairResults(texts, [
    { id: 1, score: 0.9, label: "high", evidence: [] },
    { id: 0, score: 0.1, label: "low", evidence: [] },
  ]);
  assert.equal(paired.get("first headline here").label, "low");
  assert.equal(paired.get("second headline here").label, "high");
  assert.equal(pairResults(texts, [{ id: 5, score: 0.1, label: "low" }]).get("first headline here"), null);
});

test("scoreText cuts to two places, so the shown score is on the label's side of a threshold", () => {
  assert.equal(scoreText(0.646), "0.64");
  assert.equal(scoreText(0.651), "0.65");
  assert.equal(scoreText(0.65), "0.65");
  assert.equal(scoreText(0.29), "0.29");
  assert.equal(scoreText(0.999999), "0.99");
  assert.equal(scoreText(1), "1.00");
  assert.equal(scoreText(0), "0.00");
});
