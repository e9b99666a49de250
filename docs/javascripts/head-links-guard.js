// @ts-check
// Runs before Material's script (partials/head-links.html: both deferred, this one first in the
// page), once the whole page, with every <link> of its <head>, is parsed. Material's instant
// navigation rewrites each relative address in the page to an absolute one when the page starts
// (link.href = link.href), so that it can compare the <head> of the next page with this one. For
// a stylesheet that rewrite makes Chromium take the sheet up again and restyle the whole page:
// about 60 ms here, four times that on a phone, in the middle of the page's start-up. Here each
// relative stylesheet (and module preload) ignores a rewrite to the address it already has; head-links.mjs makes the
// addresses absolute when the reader first navigates, before Material compares. Written for
// mkdocs-material 9.8.1 (tests/test_material_seam.py fails when a release no longer rewrites).

(() => {
  const address = Object.getOwnPropertyDescriptor(HTMLLinkElement.prototype, "href");
  const get = address?.get;
  const set = address?.set;
  if (!get || !set) return;
  // Only what a rewrite would load again: stylesheets and module preloads. The others (icon,
  // manifest, alternates) take their absolute address from Material at start-up like every other
  // element: Chromium looks the icon up again when the address changes within the page, and a
  // relative one would then resolve against the next page's address.
  for (const link of document.querySelectorAll("head > link[href]:is([rel~=stylesheet], [rel=modulepreload])")) {
    if (/^(?:[a-z]+:)?\/\//i.test(link.getAttribute("href") ?? "")) continue;
    // The address as resolved now, against this page's own address: instant navigation changes
    // the document's address (history.pushState) before head-links.mjs makes it absolute, and a
    // relative address read then would resolve against the next page's.
    let address = get.call(link);
    Object.defineProperty(link, "href", {
      configurable: true,
      get() {
        return address;
      },
      /** @param {string} value */
      set(value) {
        if (new URL(value, document.baseURI).href === address) return;
        set.call(this, value);
        address = get.call(this);
      },
    });
  }
})();
