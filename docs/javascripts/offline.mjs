// @ts-check
// The playbook on this device: the offline copy, its updates and the trainer's "ready" button.
// The service worker (sw.js, written by Workbox at build time from the built files) keeps every
// page of both languages and the calculators' engine; it is registered a few seconds after the
// page has loaded, once it is idle. A new build installs beside the old one and waits: the
// reader is told in their language and switches when they choose, so a page never runs with an
// engine of another build. Words come from the page (scripts/ka_site/build/offline/offline.py, ui/*.toml).

import { testHooks } from "./hooks.mjs";
import { keepOnly, keepsUnpacked, packedAddress, SNAPSHOT_CACHE } from "./engine-store.mjs";
import { onEveryPage } from "./material.mjs";

const SITE_ROOT = new URL("../", import.meta.url);
const UPDATE_CHECK_MS = 60_000; // at most one update check a minute, on navigation or return

/** @typedef {Record<string, string>} UI the words of the notice and the button, in the page's language */
/** @typedef {{urls: string[], bytes: number, snapshot?: string}} OfflinePlan assets/offline.json */

/**
 * Fill a UI string's {placeholders}.
 * @param {string} text
 * @param {Record<string, unknown>} values
 */
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));

// ------------------------------------------------------------------------- the update notice

/**
 * A notice at the bottom of the screen, with one button.
 * @param {string} text
 * @param {string} label
 * @param {() => void} onClick
 */
function notice(text, label, onClick) {
  let box = document.querySelector(".ka-update");
  if (!(box instanceof HTMLElement)) {
    box = document.createElement("div");
    box.className = "ka-update";
    box.setAttribute("role", "status");
    box.innerHTML = '<p class="ka-update__text"></p><button type="button" class="md-button md-button--primary"></button>';
    Object.assign(/** @type {HTMLElement} */ (box).style, {
      position: "fixed", insetInline: "0.8rem", bottom: "0.8rem", zIndex: "5", margin: "0 auto",
      maxWidth: "36rem", padding: "0.6rem 0.8rem", display: "flex", flexWrap: "wrap",
      gap: "0.6rem", alignItems: "center", background: "var(--md-default-bg-color)",
      color: "var(--md-default-fg-color)", border: "2px solid var(--md-primary-fg-color)",
      borderRadius: "0.2rem", boxShadow: "var(--md-shadow-z2)", fontSize: "0.75rem",
    });
    const paragraph = box.querySelector("p");
    if (paragraph) paragraph.style.margin = "0";
    document.body.append(box);
  }
  if (!(box instanceof HTMLElement)) return;
  const message = box.querySelector(".ka-update__text");
  if (message) message.textContent = text;
  const button = box.querySelector("button");
  if (button) {
    button.textContent = label;
    button.onclick = onClick;
  }
  box.hidden = false;
}

// The offline copy of this page load: its registration, and whether this tab asked a new
// version to take over. Instant navigation keeps it for the whole visit.
class OfflineCopy {
  /** @type {ServiceWorkerRegistration | null} */
  registration = null;
  switching = false; // this tab asked the new version to take over
  lastCheck = 0;

  /** @param {UI} ui */
  constructor(ui) {
    this.ui = ui;
    this.supported = "serviceWorker" in navigator && window.isSecureContext;
  }

  /** A new version finished installing and waits for this tab's reader. @param {ServiceWorkerRegistration} reg */
  updateReady(reg) {
    notice(this.ui.update_ready, this.ui.update_button, () => {
      this.switching = true;
      if (reg.waiting) reg.waiting.postMessage({ type: "SKIP_WAITING" });
      else location.reload();
    });
  }

  /** @param {ServiceWorkerRegistration} reg */
  watch(reg) {
    if (reg.waiting && navigator.serviceWorker.controller) this.updateReady(reg);
    reg.addEventListener("updatefound", () => {
      const incoming = reg.installing;
      if (!incoming) return;
      incoming.addEventListener("statechange", () => {
        if (incoming.state === "installed" && navigator.serviceWorker.controller) this.updateReady(reg);
      });
    });
  }

  listen() {
    let hadController = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (this.switching) location.reload(); // the reader chose the new version in this tab
      else if (hadController) notice(this.ui.update_active, this.ui.update_button, () => location.reload()); // another tab did
      hadController = true;
    });
  }

  /** @returns {Promise<ServiceWorkerRegistration | null>} */
  async register() {
    if (!this.supported) return null;
    this.registration ??= await navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), {
      scope: SITE_ROOT.pathname,
      updateViaCache: "none",
    });
    return this.registration;
  }

  /** @returns {Promise<unknown>} */
  checkForUpdate() {
    if (!this.registration || Date.now() - this.lastCheck < UPDATE_CHECK_MS) return Promise.resolve();
    this.lastCheck = Date.now();
    return this.registration.update().catch(() => {}); // offline: nothing to check against
  }

  // ------------------------------------------------------------- "get this device ready"

  /** @param {HTMLElement} box */
  async makeReady(box) {
    const { ui } = this;
    const button = box.querySelector("button");
    const bar = box.querySelector("progress");
    const status = box.querySelector(".ka-offline-ready__status");
    if (!button || !bar || !status) return;
    if (!this.supported) {
      status.textContent = ui.ready_unsupported;
      return;
    }
    button.disabled = true;
    box.dataset.state = "saving";
    try {
      const reg = await this.register();
      if (!reg) throw new Error("no service worker");
      if (reg.waiting && navigator.serviceWorker.controller) {
        status.textContent = ui.ready_update_first;
        this.updateReady(reg);
        box.dataset.state = "update";
        return;
      }
      const response = await fetch(new URL("assets/offline.json", SITE_ROOT), { cache: "no-store" });
      if (!response.ok) throw new Error(`assets/offline.json: HTTP ${response.status}`);
      /** @type {OfflinePlan} */
      const plan = await response.json();
      bar.max = plan.urls.length;
      bar.hidden = false;
      let active = false;
      navigator.serviceWorker.ready.then(() => { active = true; });
      // installing the worker saves every file; show how far it got until it is active and whole
      for (;;) {
        const done = await countSaved(plan.urls);
        bar.value = done;
        status.textContent = fill(ui.ready_progress, { done, total: plan.urls.length });
        if (active && done === plan.urls.length) break;
        if (reg.installing === null && reg.waiting === null && !reg.active) throw new Error("service worker failed to install");
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      // the memory snapshot makes the calculators start sooner: keep it too, in the cache the
      // calculators' worker reads it from (engine-store.mjs), unless it is kept already
      if (plan.snapshot) {
        const engine = new URL(".", new URL(plan.snapshot, SITE_ROOT));
        const store = await caches.open(SNAPSHOT_CACHE);
        const packed = packedAddress(engine);
        if (!(await keepsUnpacked(engine)) && !(await store.match(packed))) await store.add(packed);
        await keepOnly(store, engine);
      }
      status.textContent = fill(ui.ready_done, { mb: (plan.bytes / 1e6).toFixed(0) });
      box.dataset.state = "ready";
    } catch (error) {
      status.textContent = fill(ui.ready_failed, { reason: String(error instanceof Error ? error.message : error) });
      box.dataset.state = "failed";
    } finally {
      button.disabled = false;
    }
  }

  mountReadyButtons() {
    for (const box of document.querySelectorAll("[data-ka-offline-ready]:not([data-mounted])")) {
      if (!(box instanceof HTMLElement)) continue;
      box.dataset.mounted = "true";
      box.querySelector("button")?.addEventListener("click", () => this.makeReady(box));
    }
  }

  // For tests and the benchmark, only when they ask (hooks.mjs): the registration, and an
  // update check on demand.
  testApi() {
    return {
      registration: () => this.registration,
      checkForUpdate: () => { this.lastCheck = 0; return this.checkForUpdate(); },
    };
  }
}

/**
 * How many of the offline copy's files this device already holds.
 * @param {string[]} urls
 */
async function countSaved(urls) {
  let saved = 0;
  for (const url of urls) {
    if (await caches.match(new URL(url, SITE_ROOT).href, { ignoreSearch: true })) saved += 1;
  }
  return saved;
}

// ------------------------------------------------------------------------------- start-up

/** Sent on the document when the page's calculator engine has started, or failed to start. */
export const ENGINE_SETTLED = "ka:engine-settled";

// The offline copy (megabytes) waits. On a calculator page it waits for the calculator's engine
// (its runtime is megabytes too: on a phone's connection the two would share it, and the reader's
// first result would come seconds later), then on any page until the page has loaded, and a few
// seconds more.
const OFFLINE_COPY_AFTER_LOAD_MS = 5_000;
const ENGINE_WAIT_MS = 120_000; // an engine that neither starts nor fails by then is not waited for

/** @param {() => void} callback */
function whenIdle(callback) {
  const idle = () => ("requestIdleCallback" in window
    ? requestIdleCallback(callback, { timeout: 4000 })
    : callback());
  const later = () => setTimeout(idle, OFFLINE_COPY_AFTER_LOAD_MS);
  const afterLoad = () => {
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
  };
  if (!document.querySelector(".ka-calc")) {
    afterLoad();
    return;
  }
  let waited = false;
  const once = () => {
    if (!waited) afterLoad();
    waited = true;
  };
  document.addEventListener(ENGINE_SETTLED, once, { once: true });
  setTimeout(once, ENGINE_WAIT_MS);
}

function main() {
  const copy = new OfflineCopy(JSON.parse(document.getElementById("ka-offline-ui")?.textContent || "{}"));
  // In room mode (the trainer's laptop serves the room: scripts/ka_site/build/room/page.py) the laptop
  // computes for the phones; the offline copy (megabytes for each of 24 phones on the room's
  // Wi-Fi) is kept only when a reader asks for it with the ready button.
  const inRoom = document.getElementById("ka-room") !== null;
  if (copy.supported) copy.listen();
  if (copy.supported && !inRoom) {
    whenIdle(() => copy.register().then((reg) => reg && copy.watch(reg)).catch((error) => {
      console.warn("KA Playbook: no offline copy in this browser:", String(error));
    }));
    // once per page load: instant navigation keeps the document, so this is never added twice
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") copy.checkForUpdate();
    });
  }
  const onPage = () => {
    copy.mountReadyButtons();
    copy.checkForUpdate();
  };
  onEveryPage(onPage);
  const hooks = testHooks();
  if (hooks) hooks.offline = copy.testApi();
}

main();
