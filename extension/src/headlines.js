/*
 * Find the headlines on a page: h1-h3 headings, and links whose text reads
 * like a headline. Skips navigation and boilerplate, de-duplicates by text.
 *
 * Works on any tree with the small DOM surface it uses (nodeType, tagName,
 * childNodes, getAttribute, nodeValue), so Node's test runner can drive it on
 * fixture pages without a browser.
 */
(function (root) {
  "use strict";

  const ELEMENT_NODE = 1;
  const TEXT_NODE = 3;

  const HEADING_TAGS = new Set(["H1", "H2", "H3"]);
  /** Inside these, a <header> belongs to the content rather than the site. */
  const CONTENT_TAGS = new Set(["MAIN", "ARTICLE", "SECTION"]);
  /** Subtrees that never hold headlines we should score. */
  const SKIPPED_TAGS = new Set([
    "NAV", "FOOTER", "FORM", "BUTTON", "SELECT", "TEXTAREA", "LABEL", "SCRIPT", "STYLE",
    "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "OBJECT", "CANVAS", "VIDEO", "AUDIO", "HEAD", "DIALOG",
  ]);
  const SKIPPED_ROLES = new Set([
    "navigation", "contentinfo", "menu", "menubar", "menuitem", "search", "banner", "toolbar", "tablist", "dialog",
  ]);
  /** Class or id words that mark navigation and boilerplate on sites without semantic markup. */
  const BOILERPLATE_WORDS = new Set([
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "cookie", "cookies",
    "consent", "share", "sharing", "social", "pagination", "pager", "skip", "newsletter", "subscribe", "login",
  ]);
  /** Link texts that are calls to action, not headlines. */
  const BOILERPLATE_TEXT =
    /^(read|see|view|show|load|click|tap|sign|log|subscribe|register|download|share|follow|contact|skip|back|next|previous|more|continue|accept|manage)\b/i;

  /** Words (runs containing a letter) a headline needs; section titles and single labels have fewer. */
  const MIN_HEADING_WORDS = 3;
  const MIN_LINK_WORDS = 5;
  /** Longer than this is a teaser paragraph, not a headline (the API accepts up to 2000). */
  const MAX_HEADLINE_CHARS = 300;
  /** Bound the work on hostile or enormous pages: new headlines per scan... */
  const MAX_HEADLINES = 400;
  /** ...and ones already known (scored or waiting), which must not use up that budget (infinite scroll). */
  const MAX_KNOWN = 2400;
  const MAX_DEPTH = 64;

  /** Our badges carry this attribute and are never scanned; highlight marks carry MARK_ATTRIBUTE and are. */
  const OWN_ATTRIBUTE = "data-headline-scorer";
  const MARK_ATTRIBUTE = "data-headline-scorer-mark";

  function tagOf(node) {
    return typeof node.tagName === "string" ? node.tagName.toUpperCase() : "";
  }

  function attr(node, name) {
    const value = typeof node.getAttribute === "function" ? node.getAttribute(name) : null;
    return typeof value === "string" ? value : null;
  }

  /** contenteditable="" / "true" / "plaintext-only" (anything but "false") makes the subtree editable. */
  function isEditable(node) {
    const value = attr(node, "contenteditable");
    return value !== null && value.trim().toLowerCase() !== "false";
  }

  function isBoilerplateContainer(node) {
    const tag = tagOf(node);
    if (SKIPPED_TAGS.has(tag)) return true;
    if (attr(node, OWN_ATTRIBUTE) !== null) return true;
    if (attr(node, "hidden") !== null || attr(node, "aria-hidden") === "true") return true;
    if (isEditable(node)) return true; // a badge put there would become part of what the user is writing
    const role = attr(node, "role");
    if (role && SKIPPED_ROLES.has(role.trim().toLowerCase())) return true;
    const words = `${attr(node, "class") || ""} ${attr(node, "id") || ""}`.toLowerCase().split(/[^a-z]+/);
    return words.some((word) => BOILERPLATE_WORDS.has(word));
  }

  /**
   * Elements inside a headline whose text is not part of what the reader sees:
   * a <noscript> fallback is raw markup text when scripts run, an SVG icon's
   * <title> ("Play video") and form controls are not the headline's words.
   */
  const NOT_TEXT_TAGS = new Set([
    "SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "SVG", "MATH", "TEXTAREA", "SELECT", "BUTTON", "IFRAME", "OBJECT",
    "CANVAS", "VIDEO", "AUDIO",
  ]);

  /**
   * Elements that set their text on a line of its own (and <br>): their words are
   * apart from their neighbours' even when the markup has no space between them
   * (`<span>BREAKING</span><br>Storm hits` is "BREAKING Storm hits", not "BREAKINGStorm").
   */
  const BLOCK_TAGS = new Set([
    "BR", "P", "DIV", "LI", "UL", "OL", "DL", "DT", "DD", "H1", "H2", "H3", "H4", "H5", "H6", "SECTION", "ARTICLE",
    "HEADER", "FOOTER", "ASIDE", "NAV", "FIGURE", "FIGCAPTION", "BLOCKQUOTE", "TABLE", "TR", "TD", "TH", "HR", "PRE",
    "ADDRESS",
  ]);

  /**
   * Text nodes under an element, in document order, skipping scripts, hidden parts and our own
   * nodes, and `breaks`: for each node, whether a block boundary or <br> stands between it and the
   * node before it (the headline's text has a space there; see textmap.buildTextMap).
   * @returns {{nodes: object[], breaks: boolean[]}}
   */
  function textSegments(element) {
    const nodes = [];
    const breaks = [];
    let pending = false;
    function walk(node, depth) {
      if (depth > MAX_DEPTH) return;
      for (const child of Array.from(node.childNodes || [])) {
        if (child.nodeType === TEXT_NODE) {
          nodes.push(child);
          breaks.push(pending && nodes.length > 1);
          pending = false;
        } else if (child.nodeType === ELEMENT_NODE) {
          const tag = tagOf(child);
          if (NOT_TEXT_TAGS.has(tag) || attr(child, OWN_ATTRIBUTE) !== null || attr(child, "hidden") !== null) {
            continue;
          }
          const block = BLOCK_TAGS.has(tag);
          if (block) pending = true;
          walk(child, depth + 1);
          if (block) pending = true;
        }
      }
    }
    walk(element, 0);
    return { nodes, breaks };
  }

  /** Tags whose text a headline can be: a change inside one of them can change a headline. */
  const HEADLINE_TAGS = new Set(["H1", "H2", "H3", "A"]);
  /** How far up and down `mutationMatters` looks for a headline element. */
  const MUTATION_LOOK_UP = 12;
  const MUTATION_LOOK_DOWN = 200;

  function insideHeadline(node) {
    let current = node;
    for (let depth = 0; current && depth < MUTATION_LOOK_UP; depth += 1, current = current.parentNode) {
      if (current.nodeType === ELEMENT_NODE && HEADLINE_TAGS.has(tagOf(current))) return true;
    }
    return false;
  }

  /** Whether an element is or holds a headline element (looking at no more than MUTATION_LOOK_DOWN elements). */
  function holdsHeadline(element) {
    const stack = [element];
    for (let seen = 0; stack.length && seen < MUTATION_LOOK_DOWN; seen += 1) {
      const node = stack.pop();
      if (HEADLINE_TAGS.has(tagOf(node))) return true;
      for (const child of Array.from(node.childNodes || [])) if (child.nodeType === ELEMENT_NODE) stack.push(child);
    }
    return stack.length > 0; // too big to look through: assume it may
  }

  /**
   * Whether a MutationObserver record can change what the finder finds, so that a rescan is worth it.
   * A ticker rewriting its text outside any heading or link, and our own badges and marks coming and
   * going, are not: on a busy page they had set off a full rescan every 2 s, for ever. A heading shown
   * later (`hidden`, `style` or `class` changed on it or an ancestor: a carousel) is.
   * @param {{type: string, target: object, addedNodes?: object[], removedNodes?: object[]}} record
   */
  function mutationMatters(record) {
    const target = record.target;
    if (record.type === "characterData") return insideHeadline(target.parentNode);
    if (record.type === "attributes") return target.nodeType === ELEMENT_NODE && holdsHeadline(target);
    const changed = [...Array.from(record.addedNodes || []), ...Array.from(record.removedNodes || [])];
    for (const node of changed) {
      if (node.nodeType === TEXT_NODE) {
        if (insideHeadline(target)) return true;
      } else if (node.nodeType === ELEMENT_NODE && attr(node, OWN_ATTRIBUTE) === null && attr(node, MARK_ATTRIBUTE) === null) {
        return true;
      }
    }
    return false;
  }

  /** The text of text segments, with a space where `breaks` says a block boundary stands. */
  function joinSegments(nodes, breaks) {
    return nodes.map((node, i) => (breaks[i] ? " " : "") + (node.nodeValue || "")).join("");
  }

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function wordCount(text) {
    return text.split(" ").filter((word) => /\p{L}/u.test(word)).length;
  }

  /**
   * Whether a normalised text reads like a headline. Only a link's text can be a call to action
   * ("Read more", "Sign up"): a heading that starts with such a word is a headline ("Back to
   * school chaos as teachers strike", "More than 100 killed in riots").
   */
  function readsLikeHeadline(text, minWords, link = true) {
    if (text.length === 0 || text.length > MAX_HEADLINE_CHARS) return false;
    if (wordCount(text) < minWords) return false;
    return !(link && BOILERPLATE_TEXT.test(text));
  }

  function isArticleLink(node) {
    const href = (attr(node, "href") || "").trim().toLowerCase();
    if (!href || href.startsWith("#") || href.startsWith("javascript:") || href.startsWith("mailto:") || href.startsWith("tel:")) {
      return false;
    }
    return attr(node, "rel") === null || !/\b(nofollow|sponsored|ugc)\b/i.test(attr(node, "rel"));
  }

  function containsHeading(node, depth = 0) {
    if (depth > MAX_DEPTH) return false;
    for (const child of Array.from(node.childNodes || [])) {
      if (child.nodeType === ELEMENT_NODE && (HEADING_TAGS.has(tagOf(child)) || containsHeading(child, depth + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Find headline elements under root.
   * @param {object} rootNode usually document.body
   * @param {{isVisible?: (el: object) => boolean, limit?: number, isKnown?: (text: string) => boolean,
   *   onShadowRoot?: (root: object) => void}} [options]
   *   onShadowRoot: called with each open shadow root walked into.
   *   isKnown: texts already scored or waiting; they are still reported (their
   *   badges may need putting back) but do not count towards the limit, so a
   *   long page's later headlines are reached.
   * @returns {Array<{element: object, text: string, kind: "heading"|"link"}>}
   *   one entry per element, in document order; a text found on several elements counts once
   *   towards the limit (and at most `limit` repeats are reported).
   */
  function findHeadlines(rootNode, options = {}) {
    const isVisible = options.isVisible || (() => true);
    const isKnown = options.isKnown || (() => false);
    const limit = Math.min(options.limit || MAX_HEADLINES, MAX_HEADLINES);
    const found = [];
    const seen = new Set();
    let fresh = 0;
    let known = 0;
    let repeats = 0;
    const full = () => fresh >= limit || known >= MAX_KNOWN;

    function consider(element, kind) {
      const { nodes, breaks } = textSegments(element);
      const text = normalise(joinSegments(nodes, breaks));
      const minWords = kind === "heading" ? MIN_HEADING_WORDS : MIN_LINK_WORDS;
      if (!readsLikeHeadline(text, minWords, kind === "link") || !isVisible(element)) return;
      if (seen.has(text)) {
        // The same headline again ("Most read" repeats the grid): its element gets a badge too,
        // from the same result; it is scored once and does not count towards the limit.
        if (repeats < limit) {
          repeats += 1;
          found.push({ element, text, kind });
        }
        return;
      }
      seen.add(text);
      if (isKnown(text)) known += 1;
      else fresh += 1;
      found.push({ element, text, kind });
    }

    function walk(node, depth, inContent) {
      if (full() || depth > MAX_DEPTH) return;
      for (const child of Array.from(node.childNodes || [])) {
        if (full()) return;
        if (child.nodeType !== ELEMENT_NODE || isBoilerplateContainer(child)) continue;
        const tag = tagOf(child);
        // A <header> outside any article or main is the site banner (its implicit role).
        if (tag === "HEADER" && !inContent) continue;
        if (HEADING_TAGS.has(tag)) {
          consider(child, "heading");
        } else if (tag === "A" && isArticleLink(child) && !containsHeading(child)) {
          consider(child, "link");
        } else {
          const content = inContent || CONTENT_TAGS.has(tag);
          // Web components: an open shadow root's headings are on the page too (closed ones are out of reach).
          const shadow = child.shadowRoot;
          if (shadow && typeof shadow === "object" && shadow.childNodes) {
            if (options.onShadowRoot) options.onShadowRoot(shadow); // so the caller can watch it for changes
            walk(shadow, depth + 1, content);
          }
          walk(child, depth + 1, content);
        }
      }
    }

    if (isEditable(rootNode)) return found;
    walk(rootNode, 0, false);
    return found;
  }

  const api = {
    findHeadlines, textSegments, normalise, mutationMatters, readsLikeHeadline, OWN_ATTRIBUTE, MARK_ATTRIBUTE, MAX_HEADLINE_CHARS, MAX_HEADLINES,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.HeadlineScorerFinder = api;
  }
})(globalThis);
