// @ts-check
// Keep the language switcher pointing at this page in the other language.
// Material's instant navigation swaps the page but keeps the header, so the links the i18n
// plugin wrote for the first page go stale; every page exists in both languages, English at the
// site root and Chinese under zh/, so the other page's address follows from this one's.

import { onEveryPage } from "./material.mjs";

const SITE_ROOT = new URL("../", import.meta.url);

function updateLanguageLinks() {
  const here = location.href.startsWith(SITE_ROOT.href) ? location.href.slice(SITE_ROOT.href.length) : "";
  const english = here.startsWith("zh/") ? here.slice(3) : here;
  for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    const path = link.hreflang === "zh" ? `zh/${english}` : english;
    link.href = new URL(path, SITE_ROOT).href;
    // a full page load, so the header and the search index switch language too
    link.target = "_self";
  }
}

onEveryPage(updateLanguageLinks);
