/*
 * The badge next to a headline and the evidence highlight inside it.
 *
 * The badge lives in a shadow root so the page's CSS can neither break it nor
 * read it, and every string from the API goes in with textContent, never as
 * HTML. Highlights are ranges of the CSS Custom Highlight API (the page's DOM is
 * not changed), or <mark> elements where that API or its stylesheet is missing,
 * located through the UTF-16 offsets the API returns (see textmap.js).
 */
(function (root) {
  "use strict";

  const Finder = root.HeadlineScorerFinder;
  const Text = root.HeadlineScorerText;
  const { reasons, scoreText } = root.HeadlineScorerResults;

  /**
   * The badge host's own style, inline and !important: that beats every rule of
   * the page's, even `span { display: none !important }` or `* { all: unset }`
   * (a :host rule loses to the page's normal rules). `all: initial` first, so
   * none of the page's styles reach the host, then what the badge needs.
   */
  const HOST_STYLE = [
    ["all", "initial"],
    ["display", "inline-block"],
    ["position", "relative"],
    ["margin-left", ".45em"],
    ["vertical-align", "middle"],
    ["font", '600 11px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif'],
    ["visibility", "visible"],
    ["opacity", "1"],
    // In a flex heading the badge keeps its own size and sits on the text's line, not stretched.
    ["flex", "none"],
    ["align-self", "center"],
  ];

  /**
   * The highlight marks' style, inline and !important for the same reason:
   * `all: revert` takes back whatever the page does to <mark> (hiding it would
   * hide the headline's own words), keeping the headline's font and colour.
   */
  const MARK_STYLE = [
    ["all", "revert"],
    ["display", "inline"],
    ["visibility", "visible"],
    ["background", "#ffe066"],
    ["color", "inherit"],
    ["padding", "0"],
  ];

  function setImportant(element, declarations) {
    for (const [name, value] of declarations) element.style.setProperty(name, value, "important");
  }

  const BADGE_CSS = `
    button { all: unset; cursor: pointer; padding: 0 .5em; border: 1px solid currentColor; border-radius: 999px;
             white-space: nowrap; font: inherit; }
    button:focus-visible { outline: 2px solid #1a56db; outline-offset: 1px; }
    button[aria-pressed="true"] { box-shadow: inset 0 0 0 1px currentColor; }
    .low { color: #1e5631; background: #e7f4ea; }
    .moderate { color: #6b4300; background: #fff3d4; }
    .high { color: #8a1c1c; background: #fde8e8; }
    .tip { display: none; position: absolute; z-index: 2147483647; top: calc(100% + 4px); left: 0;
           width: max-content; max-width: min(22rem, calc(100vw - 8px)); padding: .45rem .6rem; border: 1px solid #999; border-radius: 4px;
           background: #fff; color: #111; font-weight: 400; text-align: left; white-space: normal;
           box-shadow: 0 2px 8px rgba(0,0,0,.18); }
    :host(:hover) .tip, :host(:focus-within) .tip { display: block; }
    .tip p { margin: 0 0 .3em; font-weight: 600; }
    .tip ul { margin: 0; padding-left: 1.1em; }
    .tip li { margin: .15em 0; }
    .tip .hint { margin: .4em 0 0; font-weight: 400; color: #555; }
    .tip .warning { font-weight: 400; padding: .2em .4em; border-left: 3px solid #8a5a00; background: #fff8e6; }
    :host([data-warning="true"]) button { border-style: dashed; }
  `;

  function styleShadow(shadow, doc) {
    try {
      // A constructed sheet can only be adopted in the document whose constructor made it (a frame's).
      const Sheet = (doc.defaultView && doc.defaultView.CSSStyleSheet) || CSSStyleSheet;
      const sheet = new Sheet();
      sheet.replaceSync(BADGE_CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      const style = doc.createElement("style");
      style.textContent = BADGE_CSS;
      shadow.append(style);
    }
  }

  /**
   * Build a badge for a scored headline.
   * @param {{score: number, label: string, evidence: object[], warnings?: string[]}} result from readResult
   * @param {() => void} onToggle called when the reader presses the badge
   * @param {Document} [doc] the headline's document (a same-origin frame's, or this page's)
   */
  function createBadge(result, onToggle, doc = document) {
    // A built-in element, not a custom one: a page may define any custom element
    // name (customElements.define("headline-scorer-badge", ...)) and so run its
    // constructor on our badge, take its shadow root first or hide it.
    const host = doc.createElement("span");
    host.setAttribute(Finder.OWN_ATTRIBUTE, "badge");
    setImportant(host, HOST_STYLE);
    host.setAttribute("data-label", result.label);
    host.setAttribute("data-score", scoreText(result.score));
    const shadow = host.attachShadow({ mode: "open" });
    styleShadow(shadow, doc);

    const button = doc.createElement("button");
    button.type = "button";
    button.className = result.label;
    button.textContent = `${result.label} ${scoreText(result.score)}`;
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-describedby", "tip");

    const tip = doc.createElement("div");
    tip.id = "tip";
    tip.className = "tip";
    tip.setAttribute("role", "tooltip");
    const title = doc.createElement("p");
    const list = reasons(result);
    title.textContent = list.length
      ? `Sensationalism ${result.label} (${scoreText(result.score)}) because:`
      : `Sensationalism ${result.label} (${scoreText(result.score)}): no loaded or sensational devices found.`;
    tip.append(title);
    const doubts = result.warnings || [];
    if (doubts.length) host.setAttribute("data-warning", "true");
    for (const message of doubts) {
      const note = doc.createElement("p");
      note.className = "warning";
      note.textContent = message;
      tip.append(note);
    }
    if (list.length) {
      const ul = doc.createElement("ul");
      for (const reason of list) {
        const li = doc.createElement("li");
        li.textContent = reason;
        ul.append(li);
      }
      tip.append(ul);
    }
    const hint = doc.createElement("p");
    hint.className = "hint";
    hint.textContent = "Press the badge to highlight the words.";
    tip.append(hint);

    // The tooltip opens to the right of the badge, or to its left when that would run off the screen.
    const placeTip = () => {
      tip.style.left = "0";
      tip.style.right = "auto";
      const width = doc.defaultView ? doc.defaultView.innerWidth : 0;
      if (width && tip.getBoundingClientRect().right > width - 4) {
        tip.style.left = "auto";
        tip.style.right = "0";
        if (tip.getBoundingClientRect().left < 4) {
          // Neither side fits (a badge mid-line on a phone): from the screen's left edge.
          tip.style.right = "auto";
          tip.style.left = `${4 - host.getBoundingClientRect().left}px`;
        }
      }
    };
    host.addEventListener("mouseenter", placeTip);
    button.addEventListener("focus", placeTip);

    // Inside a link the badge must not follow it: not on a click, and not on a
    // middle click (auxclick), which would open the link in a new tab.
    button.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      onToggle();
    });
    button.addEventListener("auxclick", (event) => {
      event.preventDefault();
      event.stopPropagation();
    });
    shadow.append(button, tip);
    return host;
  }

  function setPressed(badge, pressed) {
    const button = badge.shadowRoot && badge.shadowRoot.querySelector("button");
    if (button) button.setAttribute("aria-pressed", pressed ? "true" : "false");
  }

  /**
   * Put the badge at the end of the headline element. Inside a link it stays
   * on the link's line; its click handler keeps the link from being followed.
   */
  function placeBadge(element, badge) {
    element.append(badge);
  }

  /** The name of the page's highlight (CSS Custom Highlight API), styled by src/highlight.css. */
  const HIGHLIGHT_NAME = "headline-scorer";
  /** The ranges each headline element has in that highlight. */
  const rangesOf = new WeakMap();

  /**
   * The highlight that colours evidence words without touching the page's DOM, or null where the
   * browser has none (Firefox before 140) or in a frame (the stylesheet that colours it is injected
   * into the top document only): there the words are wrapped in <mark>s instead.
   *
   * Wrapping split the page's text nodes and merging them back detached nodes that a framework such
   * as React still held: its next update threw NotFoundError or left stale text on screen.
   */
  function pageHighlight(doc) {
    if (typeof document === "undefined" || doc !== document) return null;
    const registry = root.CSS && root.CSS.highlights;
    if (!registry || typeof root.Highlight !== "function") return null;
    let highlight = registry.get(HIGHLIGHT_NAME);
    if (!highlight) {
      highlight = new root.Highlight();
      registry.set(HIGHLIGHT_NAME, highlight);
    }
    return highlight;
  }

  /**
   * Whether the element's highlight ranges no longer cover its words: the page moved the headline or
   * replaced its text nodes (a framework re-render), and the ranges collapsed. The caller highlights again.
   */
  function highlightLost(element) {
    const ranges = rangesOf.get(element);
    return Boolean(ranges) && ranges.some((range) => range.collapsed || !element.contains(range.startContainer));
  }

  function removeHighlights(element) {
    let removed = 0;
    const ranges = rangesOf.get(element);
    if (ranges) {
      const highlight = pageHighlight(element.ownerDocument);
      for (const range of ranges) if (highlight) highlight.delete(range);
      rangesOf.delete(element);
      removed += ranges.length;
    }
    const marks = element.querySelectorAll(`mark[${Finder.MARK_ATTRIBUTE}]`);
    const parents = new Set();
    for (const mark of marks) {
      parents.add(mark.parentNode);
      mark.replaceWith(...mark.childNodes);
    }
    for (const parent of parents) if (parent) parent.normalize();
    return removed + marks.length;
  }

  /**
   * Highlight the evidence words of a headline element: ranges in the page's highlight, or
   * <mark>s where there is none (see pageHighlight).
   * @returns {string[]} the highlighted texts, in order (for tests and the popup)
   */
  function highlight(element, text, evidence) {
    removeHighlights(element);
    const { nodes, breaks } = Finder.textSegments(element);
    const map = Text.buildTextMap(nodes.map((node) => node.nodeValue || ""), breaks);
    if (map.text !== text) return []; // the page changed the headline since it was scored
    const pieces = [];
    for (const range of Text.highlightRanges(text, evidence)) pieces.push(...Text.mapRange(map, range.start, range.end));
    const doc = element.ownerDocument;
    const shared = pageHighlight(doc);
    if (shared) {
      const ranges = pieces.map((piece) => {
        const range = doc.createRange();
        range.setStart(nodes[piece.segment], piece.start);
        range.setEnd(nodes[piece.segment], piece.end);
        shared.add(range);
        return range;
      });
      rangesOf.set(element, ranges);
      return ranges.map((range) => range.toString());
    }
    // Back to front, so splitting a text node leaves earlier offsets valid.
    for (const piece of pieces.reverse()) {
      const node = nodes[piece.segment];
      const tail = node.splitText(piece.start);
      tail.splitText(piece.end - piece.start);
      const mark = doc.createElement("mark");
      mark.setAttribute(Finder.MARK_ATTRIBUTE, "");
      setImportant(mark, MARK_STYLE);
      tail.replaceWith(mark);
      mark.append(tail);
    }
    return Array.from(element.querySelectorAll(`mark[${Finder.MARK_ATTRIBUTE}]`), (mark) => mark.textContent);
  }

  root.HeadlineScorerBadge = { createBadge, setPressed, placeBadge, highlight, removeHighlights, highlightLost };
})(globalThis);
