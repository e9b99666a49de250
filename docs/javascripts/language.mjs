// @ts-check
// Keep the language switcher pointing at this page in the other language.
// Material's instant navigation swaps the page but keeps the header, so the links the i18n
// plugin wrote for the first page go stale; every page exists in both languages, English at the
// site root and Chinese under zh/, so the other page's address follows from this one's.

import { languagePrefix, withoutLanguage } from "./addresses.mjs";
import { onEveryPage } from "./material.mjs";

const SITE_ROOT = new URL("../", import.meta.url);

function updateLanguageLinks() {
  const here = location.href.startsWith(SITE_ROOT.href) ? location.href.slice(SITE_ROOT.href.length) : "";
  const english = withoutLanguage(here);
  for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    const path = languagePrefix(link.hreflang) + english;
    link.href = new URL(path, SITE_ROOT).href;
    // a full page load, so the header and the search index switch language too
    link.target = "_self";
  }
}

onEveryPage(updateLanguageLinks);
