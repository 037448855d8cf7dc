/*
 * A very small HTML parser for the test fixtures: just enough DOM (nodeType,
 * tagName, childNodes, getAttribute, nodeValue, textContent) for the headline
 * finder, so the unit tests need no browser and no npm packages. It handles
 * the fixture pages we write, not arbitrary HTML.
 */
"use strict";

const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** Raw text as a browser with scripting on parses it (so <noscript> content is text, not elements). */
const RAW_TEXT_TAGS = new Set(["script", "style", "noscript"]);
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", copy: "\u00a9", ndash: "\u2013" };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : whole;
  });
}

class TextNode {
  constructor(value, parent) {
    this.nodeType = 3;
    this.nodeValue = value;
    this.parentNode = parent;
  }

  get textContent() {
    return this.nodeValue;
  }
}

class ElementNode {
  constructor(tagName, attributes, parent) {
    this.nodeType = 1;
    this.tagName = tagName.toUpperCase();
    this.attributes = attributes;
    this.parentNode = parent;
    this.childNodes = [];
  }

  getAttribute(name) {
    return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null;
  }

  get textContent() {
    return this.childNodes.map((child) => child.textContent).join("");
  }

  /** All descendants with this tag name, in document order. */
  byTag(tagName) {
    const wanted = tagName.toUpperCase();
    const out = [];
    for (const child of this.childNodes) {
      if (child.nodeType !== 1) continue;
      if (child.tagName === wanted) out.push(child);
      out.push(...child.byTag(tagName));
    }
    return out;
  }

  byId(id) {
    for (const child of this.childNodes) {
      if (child.nodeType !== 1) continue;
      if (child.getAttribute("id") === id) return child;
      const found = child.byId(id);
      if (found) return found;
    }
    return null;
  }
}

function parseAttributes(source) {
  const attributes = {};
  const pattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let match;
  while ((match = pattern.exec(source)) !== null) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    attributes[match[1].toLowerCase()] = decode(value);
  }
  return attributes;
}

/** Parse an HTML document; returns the root element (a synthetic #document element). */
function parseHtml(html) {
  const document = new ElementNode("#document", {}, null);
  let current = document;
  const tokens = /<!--[\s\S]*?-->|<!doctype[^>]*>|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)([^>]*)>|[^<]+|</gi;
  let match;
  while ((match = tokens.exec(html)) !== null) {
    const [whole, closing, opening, attributeSource] = match;
    if (whole.startsWith("<!")) continue;
    if (closing) {
      let node = current;
      while (node !== document && node.tagName !== closing.toUpperCase()) node = node.parentNode;
      if (node !== document) current = node.parentNode;
    } else if (opening) {
      const tag = opening.toLowerCase();
      const element = new ElementNode(tag, parseAttributes(attributeSource.replace(/\/$/, "")), current);
      current.childNodes.push(element);
      if (RAW_TEXT_TAGS.has(tag)) {
        const end = html.toLowerCase().indexOf(`</${tag}`, tokens.lastIndex);
        const stop = end === -1 ? html.length : end;
        element.childNodes.push(new TextNode(html.slice(tokens.lastIndex, stop), element));
        tokens.lastIndex = stop;
      } else if (!VOID_TAGS.has(tag) && !attributeSource.endsWith("/")) {
        current = element;
      }
    } else {
      current.childNodes.push(new TextNode(decode(whole), current));
    }
  }
  return document;
}

module.exports = { parseHtml };
