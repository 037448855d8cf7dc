/*
 * Options: the API URL and key, kept in chrome.storage.local (closed to content
 * scripts, see Settings.restrictToExtension). Saving a new
 * origin asks for host permission for that origin only, at that moment.
 */
"use strict";

const Settings = globalThis.HeadlineScorerSettings;

const urlInput = document.getElementById("api-url");
const keyInput = document.getElementById("api-key");
const message = document.getElementById("message");

function say(text, kind) {
  message.textContent = text;
  message.className = kind;
}

/** Validate the form; returns {url, origin, key} or null after saying what is wrong. */
function readForm() {
  const parsed = Settings.parseApiUrl(urlInput.value);
  if (!parsed.ok) {
    say(parsed.message, "error");
    return null;
  }
  const key = keyInput.value.trim();
  if (!Settings.validApiKey(key)) {
    say(
      `The API key must be at most ${Settings.MAX_API_KEY_CHARS} printable ASCII characters, with no spaces ` +
        "(check for an invisible character pasted with it).",
      "error",
    );
    return null;
  }
  return { url: parsed.url, origin: parsed.origin, key };
}

async function ensurePermission(origin) {
  const origins = [Settings.originPattern(origin)];
  if (await chrome.permissions.contains({ origins })) return true;
  // Must run inside the click that saved, which it does.
  return chrome.permissions.request({ origins });
}

/** Least privilege: give back host access granted for API origins used before this one. */
async function dropStalePermissions(origin) {
  try {
    const manifest = chrome.runtime.getManifest();
    const required = [
      ...(manifest.host_permissions || []),
      ...(manifest.content_scripts || []).flatMap((script) => script.matches || []),
    ];
    const { origins } = await chrome.permissions.getAll();
    const stale = Settings.stalePermissions(origins, required, Settings.originPattern(origin));
    if (stale.length) await chrome.permissions.remove({ origins: stale });
  } catch {
    // Keeping an old grant is not worth failing the save over.
  }
}

async function save(event) {
  event.preventDefault();
  const form = readForm();
  if (!form) return;
  let granted = false;
  try {
    granted = await ensurePermission(form.origin);
  } catch (error) {
    say(`Could not ask for permission: ${error.message}`, "error");
    return;
  }
  if (!granted) {
    say(`Not saved: the extension needs permission to reach ${form.origin}.`, "error");
    return;
  }
  // Before the key is stored: storage.local must be closed to content scripts (the worker does this too).
  const closed = await Settings.restrictToExtension(chrome.storage.local);
  await chrome.storage.local.set({ apiUrl: form.url, apiKey: form.key });
  await dropStalePermissions(form.origin);
  if (form.key && !closed) {
    say("Saved, but this browser cannot keep the key from the extension's scripts in web pages.", "error");
  } else {
    say("Saved.", "ok");
  }
}

async function testConnection() {
  const form = readForm();
  if (!form) return;
  say("Testing…", "");
  const answer = await chrome.runtime.sendMessage({ type: "health", apiUrl: form.url, apiKey: form.key });
  if (answer && answer.ok) {
    const version = answer.body && typeof answer.body.version === "string" ? answer.body.version : "";
    say(`Connected to ${form.origin}${version ? ` (model ${String(version).slice(0, 40)})` : ""}.`, "ok");
  } else {
    say(answer ? answer.message : "No answer from the extension.", "error");
  }
}

async function main() {
  const settings = await Settings.loadSettings(chrome.storage.local);
  urlInput.value = settings.apiUrl;
  keyInput.value = settings.apiKey;
  document.getElementById("form").addEventListener("submit", save);
  document.getElementById("test").addEventListener("click", testConnection);
}

main();
