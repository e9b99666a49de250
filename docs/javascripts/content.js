// @ts-check
// Material's script after the page's content (partials/javascripts/content.html of
// mkdocs-material 9.8.1), from a file so that the site's Content-Security-Policy runs no inline
// script. Instant navigation runs it again for every page it brings in. Same behaviour:
// 1. content tabs ("content.tabs.link"): the tab the reader last chose, by its label, is open in
//    every set of tabs that has it;
// 2. an address whose #fragment names a tab opens that tab.

(() => {
  /** @type {unknown} */
  const tabs = __md_get("__tabs");
  if (Array.isArray(tabs)) {
    sets: for (const set of document.querySelectorAll(".tabbed-set")) {
      const labels = set.querySelector(".tabbed-labels");
      if (!labels) continue;
      for (const tab of tabs) {
        for (const label of labels.getElementsByTagName("label")) {
          if (label.innerText.trim() !== tab) continue;
          const input = document.getElementById(label.htmlFor);
          if (input instanceof HTMLInputElement) input.checked = true;
          continue sets;
        }
      }
    }
  }
  const target = document.getElementById(location.hash.slice(1));
  if (target instanceof HTMLInputElement && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
