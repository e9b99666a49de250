// The playbook on this device: the offline copy, its updates and the trainer's "ready" button.
// The service worker (sw.js, written by Workbox at build time from the built files) keeps every
// page of both languages and the calculators' engine; it is registered a few seconds after the
// page has loaded, once it is idle. A new build installs beside the old one and waits: the
// reader is told in their language and switches when they choose, so a page never runs with an
// engine of another build. Words come from the page (OFFLINE_UI in docs/overrides/hooks/offline.py).

const SITE_ROOT = new URL("../", import.meta.url);
const UI = JSON.parse(document.getElementById("ka-offline-ui")?.textContent || "{}");
const UPDATE_CHECK_MS = 60_000; // at most one update check a minute, on navigation or return
const supported = "serviceWorker" in navigator && window.isSecureContext;
const SNAPSHOT_CACHE = "ka-playbook-snapshot"; // as in worker.mjs

let registration = null;
let switching = false; // this tab asked the new version to take over
let lastCheck = 0;

const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));

// ------------------------------------------------------------------------- the update notice

function notice(text, onClick) {
  let box = document.querySelector(".ka-update");
  if (!box) {
    box = document.createElement("div");
    box.className = "ka-update";
    box.setAttribute("role", "status");
    box.innerHTML = '<p class="ka-update__text"></p><button type="button" class="md-button md-button--primary"></button>';
    Object.assign(box.style, {
      position: "fixed", insetInline: "0.8rem", bottom: "0.8rem", zIndex: "5", margin: "0 auto",
      maxWidth: "36rem", padding: "0.6rem 0.8rem", display: "flex", flexWrap: "wrap",
      gap: "0.6rem", alignItems: "center", background: "var(--md-default-bg-color)",
      color: "var(--md-default-fg-color)", border: "2px solid var(--md-primary-fg-color)",
      borderRadius: "0.2rem", boxShadow: "var(--md-shadow-z2)", fontSize: "0.75rem",
    });
    box.querySelector("p").style.margin = "0";
    document.body.append(box);
  }
  box.querySelector(".ka-update__text").textContent = text;
  const button = box.querySelector("button");
  button.textContent = UI.update_button;
  button.onclick = onClick;
  box.hidden = false;
}

// A new version finished installing and waits for this tab's reader.
function updateReady(reg) {
  notice(UI.update_ready, () => {
    switching = true;
    if (reg.waiting) reg.waiting.postMessage({ type: "SKIP_WAITING" });
    else location.reload();
  });
}

function watch(reg) {
  if (reg.waiting && navigator.serviceWorker.controller) updateReady(reg);
  reg.addEventListener("updatefound", () => {
    const incoming = reg.installing;
    if (!incoming) return;
    incoming.addEventListener("statechange", () => {
      if (incoming.state === "installed" && navigator.serviceWorker.controller) updateReady(reg);
    });
  });
}

function listen() {
  let hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (switching) location.reload(); // the reader chose the new version in this tab
    else if (hadController) notice(UI.update_active, () => location.reload()); // another tab did
    hadController = true;
  });
}

async function register() {
  if (!supported) return null;
  registration ??= await navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), {
    scope: SITE_ROOT.pathname,
    updateViaCache: "none",
  });
  return registration;
}

function checkForUpdate() {
  if (!registration || Date.now() - lastCheck < UPDATE_CHECK_MS) return Promise.resolve();
  lastCheck = Date.now();
  return registration.update().catch(() => {}); // offline: nothing to check against
}

// --------------------------------------------------------------- "get this device ready"

// How many of the offline copy's files this device already holds.
async function countSaved(urls) {
  let saved = 0;
  for (const url of urls) {
    if (await caches.match(new URL(url, SITE_ROOT).href, { ignoreSearch: true })) saved += 1;
  }
  return saved;
}

async function makeReady(box) {
  const button = box.querySelector("button");
  const bar = box.querySelector("progress");
  const status = box.querySelector(".ka-offline-ready__status");
  if (!supported) {
    status.textContent = UI.ready_unsupported;
    return;
  }
  button.disabled = true;
  box.dataset.state = "saving";
  try {
    const reg = await register();
    if (reg.waiting && navigator.serviceWorker.controller) {
      status.textContent = UI.ready_update_first;
      updateReady(reg);
      box.dataset.state = "update";
      return;
    }
    const response = await fetch(new URL("assets/offline.json", SITE_ROOT), { cache: "no-store" });
    if (!response.ok) throw new Error(`assets/offline.json: HTTP ${response.status}`);
    const plan = await response.json();
    bar.max = plan.urls.length;
    bar.hidden = false;
    let active = false;
    navigator.serviceWorker.ready.then(() => { active = true; });
    // installing the worker saves every file; show how far it got until it is active and whole
    for (;;) {
      const done = await countSaved(plan.urls);
      bar.value = done;
      status.textContent = fill(UI.ready_progress, { done, total: plan.urls.length });
      if (active && done === plan.urls.length) break;
      if (reg.installing === null && reg.waiting === null && !reg.active) throw new Error("service worker failed to install");
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    // the memory snapshot makes the calculators start sooner: keep it too, in the cache the
    // calculators' worker reads it from (worker.mjs), as the only entry there
    if (plan.snapshot) {
      const url = new URL(plan.snapshot, SITE_ROOT).href;
      const store = await caches.open(SNAPSHOT_CACHE);
      if (!(await store.match(url))) await store.add(url);
      for (const old of await store.keys()) if (old.url !== url) await store.delete(old);
    }
    status.textContent = fill(UI.ready_done, { mb: (plan.bytes / 1e6).toFixed(0) });
    box.dataset.state = "ready";
  } catch (error) {
    status.textContent = fill(UI.ready_failed, { reason: String(error && error.message || error) });
    box.dataset.state = "failed";
  } finally {
    button.disabled = false;
  }
}

function mountReadyButtons() {
  for (const box of document.querySelectorAll("[data-ka-offline-ready]:not([data-mounted])")) {
    box.dataset.mounted = "true";
    box.querySelector("button").addEventListener("click", () => makeReady(box));
  }
}

// ------------------------------------------------------------------------------- start-up

// The offline copy (megabytes) waits until the page has loaded and a few seconds more: on a
// slow connection the page's own files and its calculator's engine come first.
const OFFLINE_COPY_AFTER_LOAD_MS = 5_000;

function whenIdle(callback) {
  const idle = () => ("requestIdleCallback" in window
    ? requestIdleCallback(callback, { timeout: 4000 })
    : callback());
  const later = () => setTimeout(idle, OFFLINE_COPY_AFTER_LOAD_MS);
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
}

if (supported) {
  listen();
  whenIdle(() => register().then(watch).catch((error) => {
    console.warn("KA Playbook: no offline copy in this browser:", String(error));
  }));

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") checkForUpdate();
  });
}

function onPage() {
  mountReadyButtons();
  checkForUpdate();
}
if (window.document$) window.document$.subscribe(onPage);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
else onPage();

// For tests and the benchmark: the registration, and an update check on demand.
window.kaOffline = {
  registration: () => registration,
  checkForUpdate: () => { lastCheck = 0; return checkForUpdate(); },
};
