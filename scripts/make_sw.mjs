// @ts-check
// Write the site's service worker (sw.js) with Workbox, from the files of the built site.
// Usage: node scripts/make_sw.mjs SITE_DIR
//
// Every page of both languages, the theme, the search index, the glue, the Pyodide runtime and
// the wheels are precached: a reader who opened one page has the whole playbook, calculators
// included, with the network off. The list is globbed from the built site, so files added to it
// later (other wheels, downloads) are taken in by the next build without a change here.
// The memory snapshot is not precached (6.6 MB that only pays off on a fast connection): the
// calculators' worker keeps it on the device once fetched (engine-store.mjs), and the trainer's
// "ready" button fetches it (offline.mjs).
// A page that does not exist, opened offline, gets the site's page-not-found page in the
// address's language (zh/404.html under zh/, else 404.html), from the copy, instead of the
// browser's own error; online the server answers it (ka_site.commands.serve).
// A new build installs beside the old one and waits: the page tells the reader and switches
// when they say so (offline.mjs), so a page never runs with an engine of another build.
// Also writes assets/offline.json (the precache's size and version) for the "get this device
// ready" button.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSW, getManifest } from "workbox-build";

const site = process.argv[2];
if (!site) {
  console.error("usage: node scripts/make_sw.mjs SITE_DIR");
  process.exit(2);
}

// Addresses that carry their version: fetched as they are (the HTTP cache may answer), never
// cache-busted, since their content never changes.
const VERSIONED = /assets\/(pyodide|wheels)\/[0-9a-f]{12}\/|\.[0-9a-f]{8}\.min\.(js|css)$/;

const FILES = {
  globDirectory: site,
  globPatterns: [
    "**/*.{html,css,js,mjs,json,xml,svg,png,ico,webp,woff2,txt,wasm,zip,whl,csv,xlsx,webmanifest}",
  ],
  globIgnores: ["sw.js", "workbox-*.js", "assets/bench/**", "assets/offline.json"],
  maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  dontCacheBustURLsMatching: VERSIONED,
};
const { manifestEntries } = await getManifest(FILES);
const { count, size, warnings } = await generateSW({
  ...FILES,
  swDest: join(site, "sw.js"),
  // the worker's address carries its engine's addresses as parameters: the same file
  ignoreURLParametersMatching: [/^index$/, /^wheel$/, /^utm_/, /^fbclid$/],
  directoryIndex: "index.html",
  cleanupOutdatedCaches: true,
  clientsClaim: true, // the first visit's page is served offline from then on
  skipWaiting: false, // an update waits for the reader (it listens for {type: "SKIP_WAITING"})
  sourcemap: false,
  mode: "production",
  cacheId: "ka-playbook",
  // Pages are precached; a navigation to any other address goes to the network, and when that
  // fails (offline) the precached page-not-found page of its language answers. The two tests
  // are copied into sw.js as they are written here, so they name nothing from this file (the
  // service worker's `registration` is its scope: the site's root).
  runtimeCaching: [
    {
      urlPattern: ({ request, url }) =>
        request.mode === "navigate" &&
        url.pathname.startsWith(new URL("zh/", /** @type {any} */ (globalThis).registration.scope).pathname),
      handler: "NetworkOnly",
      options: { precacheFallback: { fallbackURL: "zh/404.html" } },
    },
    {
      urlPattern: ({ request }) => request.mode === "navigate",
      handler: "NetworkOnly",
      options: { precacheFallback: { fallbackURL: "404.html" } },
    },
  ],
});
for (const warning of warnings) console.warn(warning);

const version = createHash("sha256")
  .update(readFileSync(join(site, "sw.js")))
  .digest("hex")
  .slice(0, 12);
const engines = existsSync(join(site, "assets/pyodide")) ? readdirSync(join(site, "assets/pyodide")) : [];
const snapshot = engines
  .map((v) => `assets/pyodide/${v}/calculators.snapshot.gz`)
  .find((path) => existsSync(join(site, path)));
writeFileSync(
  join(site, "assets", "offline.json"),
  JSON.stringify({
    version,
    files: count,
    bytes: size,
    urls: manifestEntries.map((e) => e.url),
    snapshot: snapshot || null,
  }),
);
console.log(JSON.stringify({ version, files: count, bytes: size }));
