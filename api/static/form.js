// Progressive enhancement of the editors' form: score as you type, place and dismiss the explanations,
// count characters. Without this script the form posts to the server and works the same.
"use strict";
(function () {
  const DEBOUNCE_MS = 350;
  const FIELDS = ["headline", "body"];
  const form = document.getElementById("score-form");
  const region = document.getElementById("result");

  // --- Explanations of the marks (WCAG 1.4.13) -------------------------------------------------------
  // CSS shows a mark's .tip on hover and focus, under the line of its word and as wide as the headline.
  // Here it is narrowed and put under its word, kept inside the headline; Esc hides it without moving focus.

  function placeTip(mark) {
    const tip = mark.querySelector(".tip");
    const words = mark.querySelector(".ev-text");
    const box = mark.closest(".headline");
    if (!tip || !words || !box) return;
    tip.classList.add("placed");
    const lines = words.getClientRects();
    if (!lines.length) return;
    const line = lines[lines.length - 1]; // the tip sits under the last line of its words
    const outer = box.getBoundingClientRect();
    const room = outer.width - tip.offsetWidth;
    const left = Math.max(0, Math.min(line.left - outer.left, room));
    tip.style.left = left + "px";
  }

  // Placed at once and again once the tip is laid out (a hover can be seen before :hover applies).
  function place(mark) {
    placeTip(mark);
    requestAnimationFrame(() => placeTip(mark));
  }

  function markOf(node) {
    return node instanceof Element ? node.closest("mark.ev") : null;
  }

  document.addEventListener("focusin", (event) => {
    const mark = markOf(event.target);
    if (mark) {
      mark.classList.remove("tip-dismissed");
      place(mark);
    }
  });
  document.addEventListener("pointerover", (event) => {
    const mark = markOf(event.target);
    if (mark && !mark.contains(event.relatedTarget)) {
      if (document.activeElement !== mark) mark.classList.remove("tip-dismissed");
      place(mark);
    }
  });
  // Dismissed stays dismissed until the pointer and the focus have both left the mark.
  for (const type of ["focusout", "pointerout"]) {
    document.addEventListener(type, (event) => {
      const mark = markOf(event.target);
      if (!mark || mark.contains(event.relatedTarget)) return;
      const focused = mark.contains(type === "focusout" ? event.relatedTarget : document.activeElement);
      if (!focused && !mark.matches(":hover")) mark.classList.remove("tip-dismissed");
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const mark of document.querySelectorAll("mark.ev:hover, mark.ev:focus")) {
      mark.classList.add("tip-dismissed");
    }
  });

  if (!form) return;

  // --- Character counts --------------------------------------------------------------------------------
  // The boxes have no maxlength (it cut a paste without a word). A text over the limit is counted in the
  // field's hint, in code points as the server counts; the server refuses it and shows it back whole.

  function count(field) {
    const limit = Number(field.dataset.limit);
    const hint = document.getElementById(field.id + "-hint");
    if (!limit || !hint) return;
    let counter = hint.querySelector(".count");
    const over = Array.from(field.value).length - limit;
    if (over <= 0) {
      // within the limit the hint says enough; the count is part of the field's description while it shows
      if (counter) counter.remove();
      return;
    }
    if (!counter) {
      counter = document.createElement("span");
      counter.className = "count over";
      hint.append(counter);
    }
    counter.textContent = `${(limit + over).toLocaleString("en")} characters: ${over.toLocaleString("en")} over the limit.`;
  }

  for (const name of FIELDS) {
    const field = form.elements.namedItem(name);
    if (field) {
      field.addEventListener("input", () => count(field));
      count(field);
    }
  }

  // A field the server refused takes the focus (its autofocus gives way to the #result the form posts to).
  const refused = form.querySelector("textarea[autofocus][aria-invalid='true']");
  if (refused) {
    const focus = () => { if (document.activeElement !== refused) refused.focus(); };
    if (document.readyState === "complete") focus();
    else window.addEventListener("load", focus, { once: true });
  }

  // A headline is one line: Enter scores it, as in a one-line field (Shift+Enter still breaks the line).
  const headlineBox = form.elements.namedItem("headline");
  if (headlineBox) {
    headlineBox.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  // --- Scoring as you type -------------------------------------------------------------------------------
  if (!region || !window.fetch || !window.DOMParser || !window.AbortController) return;
  const url = form.dataset.live;
  let timer = 0;
  let inflight = null;
  // Every request has a number; an answer is shown only if it is the latest request's and the boxes still
  // hold the text it was for. An answer for older text had been shown undimmed, as if it were current.
  let sequence = 0;

  // The result section's contents change in place; what screen readers announce is a one-line
  // summary in the live region beside it (the whole result, read again after every pause in typing,
  // had flooded them). An error is an alert and announces itself, once: an unchanged one is not re-inserted.
  const status = document.getElementById("result-status");

  function texts() {
    return FIELDS.map((name) => {
      const field = form.elements.namedItem(name);
      return field ? field.value : "";
    });
  }

  function show(nodes) {
    // The <details> the user opened stay open (and closed ones closed) across updates.
    const open = new Map();
    for (const details of region.querySelectorAll("details")) open.set(details.className, details.open);
    region.replaceChildren(...nodes);
    for (const details of region.querySelectorAll("details")) {
      if (open.has(details.className)) details.open = open.get(details.className);
    }
    region.classList.remove("stale");
    region.removeAttribute("aria-busy");
    placeErrors();
    tieErrors();
    const line = summary();
    if (status && status.textContent !== line) status.textContent = line;
  }

  function summary() {
    const label = region.querySelector("#label");
    if (!label) return "";
    const score = region.querySelector(".score");
    const reasons = region.querySelector("h3 + ol.reasons"); // "Why", not the lists folded below it
    const count = reasons ? reasons.children.length : 0;
    const doubt = region.querySelector(".doubt") ? " Too little to judge." : "";
    return `${label.textContent.trim()}, ${score ? score.textContent.trim() : ""}.${doubt} ` +
      `${count} ${count === 1 ? "reason" : "reasons"}.`;
  }

  // As on the server's page, an error about a field is shown under it: the fragment brings it in the result
  // with data-field, and it moves to the field's message slot. The same message already there is kept as it
  // is, so it is not announced again at every pause.
  function placeErrors() {
    const arrived = new Map();
    for (const error of region.querySelectorAll(".error[data-field]")) {
      const slot = document.getElementById(error.dataset.field + "-message");
      if (!slot) continue;
      error.remove();
      if (!arrived.has(slot)) arrived.set(slot, []);
      arrived.get(slot).push(error);
    }
    for (const name of FIELDS) {
      const slot = document.getElementById(name + "-message");
      if (!slot) continue;
      const fresh = arrived.get(slot) || [];
      const old = Array.from(slot.children);
      const same = fresh.length === old.length &&
        fresh.every((node, i) => node.id === old[i].id && node.textContent === old[i].textContent);
      if (!same) slot.replaceChildren(...fresh);
    }
  }

  // The field an error is about is marked invalid and described by it, so a screen reader going back to
  // the field says why; any other answer unties it once it is corrected.
  function tieErrors() {
    for (const name of FIELDS) {
      const field = form.elements.namedItem(name);
      if (!field) continue;
      const errors = Array.from(document.querySelectorAll(`.error[data-field="${name}"][id]`));
      field.setAttribute("aria-describedby", [name + "-hint", ...errors.map((e) => e.id)].join(" "));
      if (errors.length) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
  }

  function failed(message) {
    const p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = message + " Press Score to try again.";
    show([p]);
  }

  function cancel() {
    clearTimeout(timer);
    if (inflight) inflight.abort();
    inflight = null;
    sequence += 1; // whatever is still on its way is for text that has changed
  }

  function refresh() {
    cancel();
    const sent = texts();
    if (!sent[0].trim()) {
      // No headline, no result: the last one was for text that is gone.
      show([]);
      return;
    }
    const request = new AbortController();
    const mine = sequence;
    inflight = request;
    const current = () => mine === sequence && texts().every((text, i) => text === sent[i]);
    fetch(url, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      signal: request.signal,
      credentials: "same-origin",
    })
      .then((response) => response.text().then((html) => [response, html]))
      .then(([response, html]) => {
        if (!current()) return; // a later edit has its own request; the result stays dimmed until it answers
        inflight = null;
        // The fragment is rendered and escaped by the server; parse it inertly, then move its contents in.
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("result");
        if (fresh) show(Array.from(fresh.childNodes));
        else failed("Live scoring failed (the server answered " + response.status + ").");
      })
      .catch((error) => {
        if (error.name === "AbortError" || !current()) return;
        inflight = null;
        failed("Live scoring failed: the server could not be reached.");
      });
  }

  form.addEventListener("input", () => {
    // Until the answer for the new text arrives, the result shown is for the text as it was: dimmed and busy,
    // and the request for the old text is dropped.
    region.classList.add("stale");
    region.setAttribute("aria-busy", "true");
    cancel();
    timer = setTimeout(refresh, DEBOUNCE_MS);
  });
  form.addEventListener("submit", cancel);
})();
