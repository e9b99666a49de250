// @ts-check
// The one script a page runs while its <head> is parsed, before the stylesheets (main.html,
// partials/head-start.html): a classic script, not deferred, so it runs where it stands, before
// anything is styled; a file, not inline, so the site's Content-Security-Policy runs no inline
// script (ka_site.commands.serve). What it does, in order:
//
// 1. Material's storage helpers. Material's own <head> script (partials/javascripts/base.html of
//    mkdocs-material 9.8.1) defines them as globals that its bundle, its body scripts and the
//    site's palette read: a value kept in local storage under the site's path. Same behaviour,
//    same names; the scope (the site's root) comes in the script's data-scope.
// 2. The focus-visible polyfill's marks on <html>. The theme's script adds them as it starts, and
//    its styles select on them: added then, the whole page was restyled (about 40 ms on a
//    calculator page here, four times that on a phone). Added now, before there is anything to
//    restyle, the polyfill's own marking changes nothing.
// 3. The reader's colour scheme: <body> wears the stored one, or on a first visit the one the
//    device prefers, as soon as the parser creates it, and the header's switch shows the button
//    for the other scheme as soon as it is parsed (partials/palette.html). A mutation observer's
//    callback runs before the browser next renders, so nothing is ever painted or styled in
//    the other scheme. Stored as Material stores it ("__palette"), so Material's own pages and
//    this one agree; palette.mjs switches on a click. (This was a script after the switch; in
//    the <head> it costs no request of its own: on a first visit over HTTP/1.1, each script
//    the parser waits for is one more round trip before the first paint.)
// 4. On a calculator page loaded with the offline copy in control (a return visit), the
//    calculators' worker: every file of the engine comes from this device, so nothing is gained
//    by waiting for the page, and the theme's and the calculators' scripts would create it about
//    0.2 s later. The worker knows its engine from its name (protocol.mjs, EngineName; written by
//    ka_site.build.engine.engine_start into data-name). client.mjs takes it over, with the messages and
//    errors it sent before anyone listened. A first visit creates it from client.mjs, after the
//    first paint, since the engine then comes over the network.

(() => {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  const { scope, palette, worker: address, name } = script.dataset;

  // 1. Material's helpers, as its bundle expects them.
  const root = new URL(scope ?? ".", location.href);
  globalThis.__md_scope = root;
  globalThis.__md_hash = (text) => [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
  globalThis.__md_get = (key, storage = localStorage, where = root) =>
    JSON.parse(storage.getItem(`${where.pathname}.${key}`) ?? "null");
  globalThis.__md_set = (key, value, storage = localStorage, where = root) => {
    try {
      storage.setItem(`${where.pathname}.${key}`, JSON.stringify(value));
    } catch {
      // full or refused storage: the value is simply not kept, as in Material
    }
  };

  // 2. The focus-visible marks.
  document.documentElement.classList.add("js-focus-visible");
  document.documentElement.setAttribute("data-js-focus-visible", "");

  // 3. The reader's colour scheme.
  /** @type {Record<string, string>[]} */
  const schemes = JSON.parse(palette ?? "[]");
  if (schemes.length) {
    /** @type {{index?: unknown} | null} */
    const stored = globalThis.__md_get("__palette");
    let index = typeof stored?.index === "number" && schemes[stored.index] ? stored.index : -1;
    if (index < 0) index = Math.max(0, schemes.findIndex((scheme) => matchMedia(scheme.media).matches));
    const scheme = schemes[index];
    let worn = false;
    /** Wear the scheme on <body> once it exists; true once the switch shows its button too. */
    const wear = () => {
      if (!worn && document.body) {
        for (const key of ["media", "scheme", "primary", "accent"]) {
          document.body.setAttribute(`data-md-color-${key}`, scheme[key]);
        }
        worn = true;
      }
      const input = document.querySelectorAll("[data-ka-palette] input[name=__palette]")[index];
      const label = input?.nextElementSibling;
      if (!(input instanceof HTMLInputElement) || !(label instanceof HTMLLabelElement)) return false;
      input.checked = true;
      label.hidden = false;
      return true;
    };
    const watch = new MutationObserver(() => {
      if (wear()) watch.disconnect();
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", () => {
      wear();
      watch.disconnect();
    });
  }

  // 4. A return visit's calculators' worker.
  if (!address || !name || !navigator.serviceWorker || !navigator.serviceWorker.controller) return;
  const worker = new Worker(new URL(address, location.href), { type: "module", name });
  /** @type {Event[]} */
  const missed = [];
  worker.onmessage = (event) => missed.push(event);
  worker.onerror = (event) => {
    event.preventDefault();
    missed.push(event);
  };
  window.kaEarlyWorker = { worker, created: Math.round(performance.now()), missed };
})();
