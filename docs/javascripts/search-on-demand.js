// @ts-check
// The search index is loaded when the reader opens search (partials/search-on-demand.html).
// Material's script requests search/search_index.json (an XMLHttpRequest) as soon as a page
// starts: about 100 kB on the wire and a large JSON parse on the main thread, paid on every first
// visit, also by readers who never search. This runs before Material's script (both are
// deferred, this one first in the page) and holds that one request until the reader opens the
// search box (click, tap, focus or Material's keyboard shortcut), then sends it. Every other
// request goes out untouched. Written for mkdocs-material 9.8.1, whose script loads the index
// with an XMLHttpRequest (tests/test_material_seam.py fails when a release no longer does).

(() => {
  /** @type {() => void} */
  let open = () => {};
  /** @type {Promise<void>} */
  const opened = new Promise((resolve) => {
    open = resolve;
  });
  /** @param {string | URL} url */
  const isIndex = (url) => new URL(String(url), location.href).pathname.endsWith("/search/search_index.json");
  /** @type {WeakSet<XMLHttpRequest>} */
  const held = new WeakSet();
  const { open: prepare, send } = XMLHttpRequest.prototype;
  /** @type {(this: XMLHttpRequest, method: string, url: string | URL, ...rest: any[]) => void} */
  function holdingOpen(method, url, ...rest) {
    if (isIndex(url)) held.add(this);
    else held.delete(this);
    return Reflect.apply(prepare, this, [method, url, ...rest]);
  }
  XMLHttpRequest.prototype.open = holdingOpen;
  /** @type {(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) => void} */
  function holdingSend(body) {
    if (!held.has(this)) return send.call(this, body);
    opened.then(() => send.call(this, body));
  }
  XMLHttpRequest.prototype.send = holdingSend;
  /** @param {Event} event */
  const wants = (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const searchOpened =
      target.id === "__search" ? target instanceof HTMLInputElement && target.checked : target.closest(".md-search, label[for='__search']");
    if (searchOpened) open();
  };
  for (const type of ["change", "focusin", "pointerdown"]) {
    document.addEventListener(type, wants, { capture: true, passive: true });
  }
  // opened while the page was still parsed, before this ran
  const toggle = document.getElementById("__search");
  if ((toggle instanceof HTMLInputElement && toggle.checked) || document.activeElement?.closest(".md-search")) open();
})();
