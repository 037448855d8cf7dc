// Progressive enhancement of the editors' form: score as you type.
// Without this script the form posts to the server and works the same.
"use strict";
(function () {
  const DEBOUNCE_MS = 350;
  const form = document.getElementById("score-form");
  if (!form || !window.fetch || !window.DOMParser) return;
  const url = form.dataset.live;
  let timer = 0;
  let inflight = null;

  function refresh() {
    const headline = form.elements.namedItem("headline").value;
    if (!headline.trim()) return;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    fetch(url, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      signal: inflight.signal,
      credentials: "same-origin",
    })
      .then((response) => response.text())
      .then((html) => {
        // The fragment is rendered and escaped by the server; parse it inertly, then swap it in.
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("result");
        const current = document.getElementById("result");
        if (fresh && current) current.replaceWith(fresh);
      })
      .catch((error) => {
        if (error.name !== "AbortError") console.warn("live scoring failed", error);
      });
  }

  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  });
})();
