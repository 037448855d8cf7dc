// Progressive enhancement of the editors' form: score as you type.
// Without this script the form posts to the server and works the same.
"use strict";
(function () {
  const DEBOUNCE_MS = 350;
  const form = document.getElementById("score-form");
  const region = document.getElementById("result");
  if (!form || !region || !window.fetch || !window.DOMParser || !window.AbortController) return;
  const url = form.dataset.live;
  let timer = 0;
  let inflight = null;

  // The result section's contents change in place; what screen readers announce is a one-line
  // summary in the live region beside it (the whole result, read again after every pause in typing,
  // had flooded them). An error is an alert and announces itself.
  const status = document.getElementById("result-status");

  function show(nodes) {
    region.replaceChildren(...nodes);
    region.classList.remove("stale");
    region.removeAttribute("aria-busy");
    tieError();
    if (status) status.textContent = summary();
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

  // As on the server's page: the field an error is about is marked invalid and described by it, so a
  // screen reader going back to the field says why; any other answer unties it once it is corrected.
  function tieError() {
    const error = document.getElementById("form-error");
    const about = error ? error.dataset.field : "";
    for (const name of ["headline", "body"]) {
      const field = form.elements.namedItem(name);
      if (!field) continue;
      field.setAttribute("aria-describedby", name === about ? name + "-hint form-error" : name + "-hint");
      if (name === about) field.setAttribute("aria-invalid", "true");
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
  }

  function refresh() {
    cancel();
    const headline = form.elements.namedItem("headline").value;
    if (!headline.trim()) {
      // No headline, no result: the last one was for text that is gone.
      show([]);
      return;
    }
    const request = new AbortController();
    inflight = request;
    fetch(url, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      signal: request.signal,
      credentials: "same-origin",
    })
      .then((response) => response.text().then((html) => [response, html]))
      .then(([response, html]) => {
        if (inflight !== request) return; // a later edit has its own request
        inflight = null;
        // The fragment is rendered and escaped by the server; parse it inertly, then move its contents in.
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("result");
        if (fresh) show(Array.from(fresh.childNodes));
        else failed("Live scoring failed (the server answered " + response.status + ").");
      })
      .catch((error) => {
        if (error.name === "AbortError" || inflight !== request) return;
        inflight = null;
        failed("Live scoring failed: the server could not be reached.");
      });
  }

  form.addEventListener("input", () => {
    // Until the new answer arrives, the result shown is for the text as it was.
    region.classList.add("stale");
    region.setAttribute("aria-busy", "true");
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  });
  form.addEventListener("submit", cancel);
  // A headline is one line: Enter scores it, as in a one-line field (Shift+Enter still breaks the line).
  document.getElementById("headline").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
