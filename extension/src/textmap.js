/*
 * Text of a headline element as the API sees it, and the way back from API
 * offsets to the DOM.
 *
 * A headline's text is spread over several DOM text nodes ("segments") with
 * arbitrary whitespace. We send the API one normalised string (whitespace runs
 * collapsed to one space, trimmed) and keep, for every UTF-16 code unit of it,
 * the segment and offset it came from. The API reports evidence offsets both in
 * code points (Python) and in UTF-16 code units (JavaScript string indices); we
 * use the UTF-16 ones so that an emoji (two code units, one code point) earlier
 * in the headline does not shift a highlight.
 *
 * Pure functions only: no DOM access, so Node's test runner can check them.
 */
(function (root) {
  "use strict";

  const WHITESPACE = /\s/;
  /**
   * Evidence kinds never highlighted or listed as reasons: quotes are the
   * speaker's words, not the outlet's; "wording" spans are a learned model's
   * per-word n-gram contributions (often words like "the"), not devices a
   * reader would recognise.
   */
  const NOT_DEVICES = new Set(["quote", "wording"]);
  /** The position of a space that stands for a block boundary, not for a character on the page. */
  const BREAK = Object.freeze({ segment: -1, offset: 0 });

  /** Whether an evidence span is a sensational device that adds to the score. */
  function isDevice(span) {
    return Boolean(span) && typeof span === "object" && Number(span.weight) > 0 && !NOT_DEVICES.has(span.kind);
  }

  /**
   * Normalise a list of text segments into one string with a position map.
   * @param {string[]} segments text of each DOM text node, in document order
   * @param {boolean[]} [breaks] for each segment, whether a block boundary (<br>, a <div>) comes
   *   before it: the text has a space there, which maps to no character (segment -1)
   * @returns {{text: string, positions: Array<{segment: number, offset: number}>}}
   *   positions[i] is where text[i] (a UTF-16 code unit) came from.
   */
  function buildTextMap(segments, breaks = []) {
    let text = "";
    const positions = [];
    let pendingSpace = null; // where a collapsed whitespace run started
    segments.forEach((segment, segmentIndex) => {
      if (breaks[segmentIndex] && pendingSpace === null && text.length > 0) {
        pendingSpace = BREAK; // a block boundary: a space in the text, no character on the page
      }
      for (let offset = 0; offset < segment.length; offset += 1) {
        const unit = segment[offset];
        if (WHITESPACE.test(unit)) {
          if (pendingSpace === null && text.length > 0) {
            pendingSpace = { segment: segmentIndex, offset };
          }
          continue;
        }
        if (pendingSpace !== null) {
          text += " ";
          positions.push(pendingSpace);
          pendingSpace = null;
        }
        text += unit;
        positions.push({ segment: segmentIndex, offset });
      }
    });
    return { text, positions };
  }

  /**
   * Turn a [start, end) range of the normalised text into per-segment ranges.
   * @returns {Array<{segment: number, start: number, end: number}>} in document
   *   order; empty if the range is invalid.
   */
  function mapRange(textMap, start, end) {
    const { positions } = textMap;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > positions.length || start >= end) {
      return [];
    }
    const pieces = [];
    for (let i = start; i < end; i += 1) {
      const { segment, offset } = positions[i];
      if (segment < 0) continue; // a block boundary's space: nothing on the page to mark
      const last = pieces[pieces.length - 1];
      if (last && last.segment === segment && last.end === offset) {
        last.end = offset + 1;
      } else if (last && last.segment === segment && offset > last.end) {
        // A collapsed whitespace run inside one segment: cover it too.
        last.end = offset + 1;
      } else {
        pieces.push({ segment, start: offset, end: offset + 1 });
      }
    }
    return pieces;
  }

  /**
   * Convert a code point index (Python str index) into a UTF-16 index.
   * Returns -1 when the index lies beyond the text.
   */
  function codePointToUtf16(text, codePointIndex) {
    let units = 0;
    let points = 0;
    while (points < codePointIndex) {
      if (units >= text.length) return -1;
      const code = text.codePointAt(units);
      units += code > 0xffff ? 2 : 1;
      points += 1;
    }
    return units;
  }

  /** The UTF-16 [start, end) of one evidence span, or null if it is unusable. */
  function evidenceRange(text, span) {
    let start = span.start_utf16;
    let end = span.end_utf16;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      // Older API without UTF-16 offsets: convert the code point ones.
      if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) return null;
      start = codePointToUtf16(text, span.start);
      end = codePointToUtf16(text, span.end);
    }
    if (start < 0 || end > text.length || start >= end) return null;
    // Never highlight something other than what the API says it found.
    if (typeof span.text === "string" && text.slice(start, end) !== span.text) return null;
    return { start, end };
  }

  /**
   * The ranges to highlight for a result: the devices (see isDevice), merged
   * where they overlap, sorted.
   */
  function highlightRanges(text, evidence) {
    const ranges = [];
    for (const span of Array.isArray(evidence) ? evidence : []) {
      if (!isDevice(span)) continue;
      const range = evidenceRange(text, span);
      if (range) ranges.push(range);
    }
    ranges.sort((a, b) => a.start - b.start || a.end - b.end);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range.start <= last.end) {
        last.end = Math.max(last.end, range.end);
      } else {
        merged.push({ ...range });
      }
    }
    return merged;
  }

  const api = { buildTextMap, mapRange, codePointToUtf16, evidenceRange, highlightRanges, isDevice };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.HeadlineScorerText = api;
  }
})(globalThis);
