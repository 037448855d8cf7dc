"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { buildTextMap, mapRange, codePointToUtf16, evidenceRange, highlightRanges } = require("../src/textmap.js");

const SEED = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'";

/** Evidence as the API sends it, built from code point offsets the way Python counts them. */
function span(text, word, kind = "shouting", weight = 1.2) {
  const utf16 = text.indexOf(word);
  const codePoints = Array.from(text.slice(0, utf16)).length;
  return {
    start: codePoints,
    end: codePoints + Array.from(word).length,
    start_utf16: utf16,
    end_utf16: utf16 + word.length,
    text: word,
    kind,
    weight,
  };
}

function sliceOf(segments, pieces) {
  return pieces.map((piece) => segments[piece.segment].slice(piece.start, piece.end)).join("|");
}

test("whitespace runs collapse to one space and the ends are trimmed", () => {
  const map = buildTextMap(["  Storm \n hits", "   ", "coast  "]);
  assert.equal(map.text, "Storm hits coast");
  assert.equal(map.positions.length, map.text.length);
});

test("every position points at the code unit it came from", () => {
  const segments = ["🚨", "   CHILLING footage ", "\tshows storm"];
  const map = buildTextMap(segments);
  map.positions.forEach((position, i) => {
    const source = segments[position.segment][position.offset];
    assert.equal(map.text[i] === " " ? /\s/.test(source) : source === map.text[i], true, `index ${i}`);
  });
});

test("an emoji before a shouted word does not shift the highlight", () => {
  const segments = ["🚨", "   CHILLING footage   shows storm hitting the coast"];
  const map = buildTextMap(segments);
  assert.equal(map.text, "🚨 CHILLING footage shows storm hitting the coast");
  const evidence = span(map.text, "CHILLING");
  assert.deepEqual([evidence.start, evidence.start_utf16], [2, 3]);
  const [range] = highlightRanges(map.text, [evidence]);
  assert.equal(map.text.slice(range.start, range.end), "CHILLING");
  assert.equal(sliceOf(segments, mapRange(map, range.start, range.end)), "CHILLING");
});

test("code point offsets convert to UTF-16 when the API omits the UTF-16 ones", () => {
  const text = "🚨🔥 SHOCKING: 👀 what the MAYOR said";
  const evidence = span(text, "MAYOR");
  delete evidence.start_utf16;
  delete evidence.end_utf16;
  const range = evidenceRange(text, evidence);
  assert.equal(text.slice(range.start, range.end), "MAYOR");
});

const CODE_POINTS = [
  ["abc", 0, 0],
  ["abc", 3, 3],
  ["🚨abc", 1, 2],
  ["a🚨b🚨c", 4, 6],
  ["abc", 4, -1],
];
for (const [text, index, expected] of CODE_POINTS) {
  test(`codePointToUtf16(${JSON.stringify(text)}, ${index}) is ${expected}`, () => {
    assert.equal(codePointToUtf16(text, index), expected);
  });
}

test("a range split across elements maps to one piece per text node", () => {
  const segments = ["Central bank holds rates at ", "4.5 PER", " CENT today"];
  const map = buildTextMap(segments);
  const start = map.text.indexOf("PER CENT");
  assert.equal(sliceOf(segments, mapRange(map, start, start + "PER CENT".length)), "PER| CENT");
});

test("a collapsed whitespace run inside a highlight is covered", () => {
  const segments = ["You WON'T    BELIEVE it"];
  const map = buildTextMap(segments);
  const start = map.text.indexOf("WON'T BELIEVE");
  assert.equal(sliceOf(segments, mapRange(map, start, start + 13)), "WON'T    BELIEVE");
});

test("invalid ranges map to nothing", () => {
  const map = buildTextMap(["Storm hits coast"]);
  for (const [start, end] of [[-1, 3], [3, 3], [5, 2], [0, 99], [0.5, 2], ["0", 2]]) {
    assert.deepEqual(mapRange(map, start, end), []);
  }
});

test("the seed headline highlights the devices that add to the score, merged and sorted, never quotes or model wording", () => {
  const evidence = [
    span(SEED, "CHILLING", "loaded"),
    span(SEED, "CHILLING", "shouting"),
    span(SEED, "RIOTS"),
    span(SEED, "'We WILL take action!'", "quote", 0),
    span(SEED, "WILL"),
    span(SEED, "!", "exclamation", 0.6),
    span(SEED, "streets", "wording", 0.3),
    span(SEED, "crisis", "wording", -0.4),
  ];
  const words = highlightRanges(SEED, evidence).map((range) => SEED.slice(range.start, range.end));
  assert.deepEqual(words, ["CHILLING", "RIOTS", "WILL", "!"]);
});

test("evidence whose offsets do not match its text, or is malformed, is dropped", () => {
  const text = "Storm hits COAST";
  const wrong = { ...span(text, "COAST"), start_utf16: 0, end_utf16: 5 };
  const outside = { ...span(text, "COAST"), start_utf16: 11, end_utf16: 99 };
  const ranges = highlightRanges(text, [wrong, outside, null, "x", { weight: 1 }, span(text, "COAST")]);
  assert.deepEqual(ranges, [{ start: 11, end: 16 }]);
  assert.deepEqual(highlightRanges(text, "not a list"), []);
});

test("a block boundary is a space in the text that maps to no character on the page", () => {
  const segments = ["BREAKING", "Shocking moment storm hits"];
  const map = buildTextMap(segments, [false, true]);
  assert.equal(map.text, "BREAKING Shocking moment storm hits");
  assert.deepEqual(mapRange(map, 0, 17), [
    { segment: 0, start: 0, end: 8 },
    { segment: 1, start: 0, end: 8 },
  ]);
  assert.deepEqual(mapRange(map, 9, 17), [{ segment: 1, start: 0, end: 8 }]);
  // A boundary next to white space already in the text is still one space.
  assert.equal(buildTextMap(["Storm ", " hits"], [false, true]).text, "Storm hits");
  assert.equal(buildTextMap(["", "Storm"], [true, true]).text, "Storm");
});
