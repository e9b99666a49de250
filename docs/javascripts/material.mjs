// @ts-check
// The one module that knows how Material for MkDocs works inside, written for mkdocs-material
// 9.8.1 (MATERIAL_VERSION; tests/test_material_seam.py fails when the installed theme is another
// one, or no longer publishes what is read here). Every other module asks here.
//
// What it relies on: the theme's script (assets/javascripts/bundle.*.min.js) publishes its
// observables on window: `document$` emits the document once the theme has started and again
// for every page instant navigation brings in, `location$` emits each address the reader goes
// to. The theme's script is deferred (ka_site.build.theme_script), and the calculators' module is
// async: on a busy device that module can run before the theme has started, so nothing here
// assumes the theme is already there.

export const MATERIAL_VERSION = "9.8.1";

/** Whether the document's DOMContentLoaded has begun (the theme's deferred script ran before). */
function contentLoaded() {
  if (document.readyState === "complete") return true;
  const [navigation] = performance.getEntriesByType("navigation");
  return navigation instanceof PerformanceNavigationTiming && navigation.domContentLoadedEventStart > 0;
}

/**
 * Call `run` once the theme has started, or has turned out to be missing: deferred scripts,
 * the theme's among them, all run before DOMContentLoaded.
 * @param {() => void} run
 */
function whenThemeStarted(run) {
  if (window.document$ || contentLoaded()) run();
  else document.addEventListener("DOMContentLoaded", run, { once: true });
}

/**
 * Call `page` for the page shown and for every page instant navigation brings in, once its
 * content is in place. Without the theme (its script failed to load), for the page shown only.
 * @param {() => void} page
 */
export function onEveryPage(page) {
  whenThemeStarted(() => {
    if (window.document$) window.document$.subscribe(() => page());
    else page();
  });
}

/**
 * Call `leave` once, when the reader first goes to another page of the site by instant
 * navigation (before the theme fetches it). Without the theme, never: every page is a new load.
 * @param {() => void} leave
 */
export function onFirstNavigation(leave) {
  const here = location.pathname;
  whenThemeStarted(() => {
    if (!window.location$) return;
    const watch = window.location$.subscribe((url) => {
      if (url.pathname === here) return; // the page's own address, or a jump within it
      leave();
      queueMicrotask(() => watch.unsubscribe());
    });
  });
}

/**
 * Keep a value where the theme keeps its own (its `__md_set`, defined by head.js as Material's
 * <head> script does), as the theme reads it on every page: the reader's colour scheme.
 * @param {string} key
 * @param {unknown} value
 */
export function keepSetting(key, value) {
  __md_set(key, value);
}
