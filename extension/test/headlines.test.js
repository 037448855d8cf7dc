"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { parseHtml } = require("./minidom.js");
const { findHeadlines, readsLikeHeadline, mutationMatters } = require("../src/headlines.js");

const SEED = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'";

function fixture(name) {
  const document = parseHtml(fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8"));
  return document.byTag("body")[0];
}

function texts(body, options) {
  return findHeadlines(body, options).map((found) => found.text);
}

test("finds the seed headlines and the sober headlines on the front page", () => {
  const found = texts(fixture("news.html"));
  for (const headline of [
    SEED,
    "Venezuela RIOTS: Tear gas and vehicles set on FIRE",
    "Venezuela CRISIS: Country on brink as failed military coup sparks riot",
    "Council approves budget for new library branch",
    "Rail operator publishes revised timetable for spring",
  ]) {
    assert.ok(found.includes(headline), `missing ${headline}`);
  }
});

test("skips navigation, masthead, menus, footer and calls to action", () => {
  const found = texts(fixture("news.html"));
  for (const boilerplate of [
    "The Evening Ledger Daily",
    "Subscribe to our newsletter for daily updates and offers",
    "Politics news from around the country today",
    "Weather forecast for the whole week ahead here",
    "Read more about the warning and the protests",
    "Comments on this story from our readers today",
    "About the Evening Ledger and its editorial standards",
    "Business",
    "Click me",
  ]) {
    assert.ok(!found.includes(boilerplate), `should skip ${boilerplate}`);
  }
});

test("a headline text on two elements is reported at both, and counts once towards the limit", () => {
  const found = findHeadlines(fixture("news.html"));
  const budget = found.filter((item) => item.text === "Council approves budget for new library branch");
  assert.equal(budget.length, 2);
  assert.notEqual(budget[0].element, budget[1].element);
  assert.ok(budget.every((item) => item.element.getAttribute("href") === "/business/budget"));
  const distinct = new Set(found.map((item) => item.text)).size;
  assert.equal(distinct, found.length - 1);
  const limited = findHeadlines(fixture("news.html"), { limit: distinct });
  assert.equal(new Set(limited.map((item) => item.text)).size, distinct);
});

test("a heading wrapped in a link is found as the heading, a link in a heading as the heading", () => {
  const found = findHeadlines(fixture("news.html"));
  const byText = new Map(found.map((item) => [item.text, item]));
  assert.equal(byText.get("Venezuela RIOTS: Tear gas and vehicles set on FIRE").element.tagName, "H3");
  assert.equal(byText.get(SEED).element.tagName, "H2");
  assert.equal(byText.get("Council approves budget for new library branch").kind, "link");
});

test("whitespace is collapsed and text split over elements is joined", () => {
  const found = texts(fixture("news.html"));
  assert.ok(found.includes("🚨 CHILLING footage shows storm hitting the coast"));
  assert.ok(found.includes("Central bank holds interest rates at 4.5 per cent"));
});

test("markup-like text stays text", () => {
  const found = texts(fixture("news.html"));
  assert.ok(found.includes('<img src=x onerror="window.__pwned=1"> SHOCKING claim about the mayor'));
});

test("hidden elements and invisible ones are skipped", () => {
  const body = parseHtml(
    "<body><h2 hidden>Hidden headline that nobody can see here</h2>" +
      '<div aria-hidden="true"><h2>Decorative copy of a headline for screen</h2></div>' +
      '<h2 class="gone">Collapsed headline removed by the page style</h2>' +
      "<h2>Visible headline that everybody can read</h2></body>",
  ).byTag("body")[0];
  const found = texts(body, { isVisible: (element) => element.getAttribute("class") !== "gone" });
  assert.deepEqual(found, ["Visible headline that everybody can read"]);
});

test("noscript fallbacks, icon titles and hidden parts are not part of the headline's text", () => {
  const body = parseHtml(
    '<body><main><a href="/story/1"><noscript><img src="/lazy/1.jpg" alt="Storm"></noscript>' +
      "Storm footage shows waves hitting the harbour wall</a>" +
      '<h2><svg viewBox="0 0 1 1"><title>Play video</title><path d="M0 0"/></svg>Council approves budget for new library</h2>' +
      '<h3>Rail operator publishes <span hidden>(sponsored)</span>revised timetable</h3></main></body>',
  ).byTag("body")[0];
  assert.deepEqual(texts(body), [
    "Storm footage shows waves hitting the harbour wall",
    "Council approves budget for new library",
    "Rail operator publishes revised timetable",
  ]);
});

test("headlines inside editable areas get no badge (it would end up in what the user writes)", () => {
  const body = parseHtml(
    '<body><main><div class="editor" contenteditable="true"><h2>Draft headline the editor is still writing</h2>' +
      '<a href="/draft">Draft link to a story about the council budget</a></div>' +
      '<h2 contenteditable>Editable heading typed straight into the page</h2>' +
      '<div contenteditable="plaintext-only"><h3>Plain text editor holding a headline</h3></div>' +
      '<div contenteditable="false"><h2>Published headline shown beside the editor</h2></div></main></body>',
  ).byTag("body")[0];
  assert.deepEqual(texts(body), ["Published headline shown beside the editor"]);
  const editableBody = parseHtml('<body contenteditable="true"><h2>Whole page is a rich text editor</h2></body>').byTag("body")[0];
  assert.deepEqual(texts(editableBody), []);
});

test("a hostile page with thousands of links is capped", () => {
  const links = Array.from({ length: 3000 }, (_, i) => `<a href="/a/${i}">Story number ${i} about the local council budget</a>`);
  const body = parseHtml(`<body><main>${links.join("")}</main></body>`).byTag("body")[0];
  const found = findHeadlines(body);
  assert.ok(found.length > 0);
  assert.ok(found.length <= 400, `found ${found.length}`);
});

test("headlines already scored do not use up a scan's budget, so a long page's later ones are reached", () => {
  const links = Array.from({ length: 700 }, (_, i) => `<a href="/a/${i}">Story number ${i} about the local council budget</a>`);
  const body = parseHtml(`<body><main>${links.join("")}</main></body>`).byTag("body")[0];
  const first = texts(body);
  assert.equal(first.length, 400);
  const scored = new Set(first);
  const second = texts(body, { isKnown: (text) => scored.has(text) });
  assert.ok(second.includes("Story number 699 about the local council budget"));
  assert.equal(second.filter((text) => !scored.has(text)).length, 300);
  // Still bounded when nearly everything is known.
  assert.ok(texts(body, { isKnown: () => true }).length <= 2400);
});

test("headlines inside a web component's open shadow root are found", () => {
  const body = parseHtml(
    "<body><main><news-card></news-card><h2>Council approves budget for new library branch</h2></main></body>",
  ).byTag("body")[0];
  const card = body.byTag("news-card")[0];
  card.shadowRoot = parseHtml(
    '<div class="card"><h2>Storm footage shows waves hitting the harbour</h2>' +
      '<a href="/story/2">Rail operator publishes revised timetable for the spring</a></div>',
  );
  const roots = [];
  findHeadlines(body, { onShadowRoot: (root) => roots.push(root) });
  assert.deepEqual(roots, [card.shadowRoot]);
  assert.deepEqual(texts(body), [
    "Storm footage shows waves hitting the harbour",
    "Rail operator publishes revised timetable for the spring",
    "Council approves budget for new library branch",
  ]);
});

const READS_LIKE = [
  ["Council approves budget for new library branch", 5, true],
  ["Sport", 3, false],
  ["Read more about the storm and the floods", 5, false],
  ["Sign in to your account to keep reading", 5, false],
  ["x".repeat(301), 1, false],
  ["", 1, false],
  ["Storm hits coast", 3, true],
  ["12 34 56 78 90", 3, false],
];

for (const [text, minWords, expected] of READS_LIKE) {
  test(`readsLikeHeadline(${JSON.stringify(text.slice(0, 40))}, ${minWords}) is ${expected}`, () => {
    assert.equal(readsLikeHeadline(text, minWords), expected);
  });
}

test("a heading that starts with a call-to-action word is still a headline; such a link is not", () => {
  assert.equal(readsLikeHeadline("More than 100 killed in RIOTS across the capital", 3, false), true);
  assert.equal(readsLikeHeadline("Back to school chaos as teachers STRIKE again", 3, false), true);
  assert.equal(readsLikeHeadline("Read more about the storm and the floods", 5, true), false);
  const root = parseHtml(
    "<main><h2>Back to school chaos as teachers STRIKE again</h2>" +
      "<p><a href='/more'>Read more about the storm and the floods</a></p></main>",
  );
  assert.deepEqual(findHeadlines(root).map((h) => h.text), ["Back to school chaos as teachers STRIKE again"]);
});

test("words apart on the page stay apart in the headline's text, across <br> and block elements", () => {
  const root = parseHtml(
    "<main><h2><span class='kicker'>BREAKING</span><br>Shocking moment storm hits the coast</h2>" +
      "<a href='/story'><div>EXCLUSIVE</div><div>Minister SLAMS critics in bitter row over plans</div></a>" +
      "<h3>Storm <b>WARNING</b> for the coast</h3></main>",
  );
  assert.deepEqual(findHeadlines(root).map((h) => h.text), [
    "BREAKING Shocking moment storm hits the coast",
    "EXCLUSIVE Minister SLAMS critics in bitter row over plans",
    "Storm WARNING for the coast",
  ]);
});

test("only a mutation that can change a headline calls for a rescan", () => {
  const root = parseHtml(
    "<main><div id='ticker'><span>FTSE 100 up 0.3%</span></div>" +
      "<div id='slide' hidden><h2>Storm WARNING for the coast tonight</h2></div>" +
      "<h2 id='live'>Live: talks go on</h2><p id='plain'>text</p></main>",
  );
  const ticker = root.byId("ticker");
  const tickerText = ticker.childNodes[0].childNodes[0];
  const live = root.byId("live");
  const liveText = live.childNodes[0];
  const slide = root.byId("slide");
  const badge = { nodeType: 1, tagName: "SPAN", attributes: { "data-headline-scorer": "badge" }, childNodes: [] };
  badge.getAttribute = (name) => badge.attributes[name] ?? null;
  // A ticker's text, inside no heading or link: no rescan.
  assert.equal(mutationMatters({ type: "characterData", target: tickerText }), false);
  assert.equal(mutationMatters({ type: "childList", target: ticker.childNodes[0], addedNodes: [tickerText] }), false);
  // A headline's own text changing, a slide with a heading shown, new content: a rescan.
  assert.equal(mutationMatters({ type: "characterData", target: liveText }), true);
  assert.equal(mutationMatters({ type: "childList", target: live, addedNodes: [liveText] }), true);
  assert.equal(mutationMatters({ type: "attributes", target: slide }), true);
  assert.equal(mutationMatters({ type: "attributes", target: root.byId("plain") }), false);
  assert.equal(mutationMatters({ type: "childList", target: root, addedNodes: [slide] }), true);
  // Our own badge coming or going: no rescan.
  assert.equal(mutationMatters({ type: "childList", target: live, addedNodes: [badge] }), false);
  assert.equal(mutationMatters({ type: "childList", target: live, removedNodes: [badge] }), false);
});
