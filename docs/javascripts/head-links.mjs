// @ts-check
// The other half of javascripts/head-links-guard.js: the page's relative <link>s ignored
// Material's start-up rewrite to absolute addresses (it would restyle the whole page). When the
// reader first navigates, and before Material fetches the next page and compares the two
// <head>s, they get their absolute address, so Material keeps them instead of loading them again.
// Written for mkdocs-material 9.8.1, as head-links-guard.js.

import { onFirstNavigation } from "./material.mjs";

/** Give each link that still ignores rewrites its absolute address, once. */
function absoluteAddresses() {
  for (const link of document.querySelectorAll("head > link[href]")) {
    if (!(link instanceof HTMLLinkElement) || !Object.hasOwn(link, "href")) continue;
    // the guard's address, resolved against this page's address (the document's has changed)
    const address = link.href;
    Reflect.deleteProperty(link, "href"); // the guard's accessor: the element's own one returns
    link.href = address;
  }
}

onFirstNavigation(absoluteAddresses);
