/*
 * Popup: the page's summary from its content script, the per-site switch, the
 * highlight switch, and one quiet status line when the API is not answering.
 */
"use strict";

const Settings = globalThis.HeadlineScorerSettings;

function byId(id) {
  return document.getElementById(id);
}

/** The tab to describe: the active one, or ?tab=ID (used by the end-to-end test, which opens the popup as a page). */
async function targetTabId() {
  const requested = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

async function pageSummary(tabId) {
  if (tabId === null) return null;
  try {
    return await chrome.tabs.sendMessage(tabId, { type: "summary" });
  } catch {
    return null; // no content script here (browser pages, the web store, file: URLs)
  }
}

function showSummary(summary) {
  byId("site").textContent = summary.hostname;
  byId("summary").hidden = false;
  byId("scored").textContent = String(summary.scored);
  byId("high").textContent = String(summary.high);
  const doubtful = Number(summary.doubtful) || 0;
  byId("doubtful").textContent = String(doubtful);
  byId("doubtful-line").hidden = doubtful === 0;
  const list = byId("top");
  list.replaceChildren();
  for (const item of summary.top) {
    const li = document.createElement("li");
    const label = document.createElement("span");
    label.className = `label-${item.label}`;
    label.textContent = `${item.label} ${globalThis.HeadlineScorerResults.scoreText(item.score)}`;
    li.append(label, document.createTextNode(` ${item.headline}`));
    list.append(li);
  }
  byId("top-title").hidden = summary.top.length === 0;
}

async function showStatus(summary) {
  const { status } = await chrome.storage.session.get("status");
  const line = byId("status");
  // Quiet when all is well; one line when it is not.
  const problem = status && status.state !== "ok" ? status.message : summary && summary.error ? summary.error.message : "";
  // A rejected key or a missing permission waits for the settings to change; anything else is retried.
  const waits = status && (status.state === "unauthorized" || status.state === "no_permission");
  const code = summary && summary.error ? summary.error.code : "";
  const retried = !(waits || code === "unauthorized" || code === "no_permission");
  line.hidden = !problem;
  line.textContent = problem ? `${problem}${retried ? " Retrying in the background." : ""}` : "";
}

async function main() {
  const settings = await Settings.loadSettings(chrome.storage.local);
  const tabId = await targetTabId();
  const summary = await pageSummary(tabId);
  const enabled = byId("enabled");
  const highlight = byId("highlight");
  highlight.checked = settings.highlight;
  highlight.addEventListener("change", () => chrome.storage.local.set({ highlight: highlight.checked }));
  if (summary) {
    showSummary(summary);
    enabled.checked = !settings.disabledSites.includes(summary.hostname);
    enabled.addEventListener("change", async () => {
      const current = await Settings.loadSettings(chrome.storage.local);
      await chrome.storage.local.set({
        disabledSites: Settings.toggleSite(current.disabledSites, summary.hostname, enabled.checked),
      });
      setTimeout(async () => showSummary((await pageSummary(tabId)) || summary), 300);
    });
  } else {
    byId("unavailable").hidden = false;
    enabled.disabled = true;
  }
  byId("options").addEventListener("click", (event) => {
    event.preventDefault();
    chrome.runtime.openOptionsPage();
  });
  await showStatus(summary);
}

main();
