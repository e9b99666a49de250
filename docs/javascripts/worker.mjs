// The Pyodide worker: one Python per tab, kept for the whole visit.
// It restores the memory snapshot the build made (Python with `calculators` imported), or else
// starts Pyodide and installs the project's own wheel, all served by this site; then it answers
// typed messages. It holds no sales logic: every answer comes from the package's entry points.
//   in:  {id, type: "call", name, args}  name: score_json | csv_import_json | csv_export_json
//   out: {type: "ready", timings} once; {id, type: "result", payload (JSON text)};
//        {type: "failed", reason, message} if Python cannot start (reason: fetch | start) or stops
//        working (reason: stopped); {id, type: "crash", message} if Python raised for one call
//   in:  {id, type: "xlsx"}: install openpyxl from this site's wheels (once), answered like a call

// The engine's addresses (runtime folder and wheel, of one version) come as parameters of this
// script's address, or in a first {type: "engine", index, wheel} message: a copy of this script
// served by the offline cache keeps no parameters.
const params = new URL(self.location.href).searchParams;
let indexURL = params.get("index");
let wheelURL = params.get("wheel");
let pageMbps = null; // the download speed the page measured on its own files, if it could
const engine = new Promise((resolve) => {
  self.addEventListener("message", function first(event) {
    if (event.data?.type !== "engine") return;
    indexURL ||= event.data.index;
    wheelURL ||= event.data.wheel;
    pageMbps = event.data.mbps ?? null;
    self.removeEventListener("message", first);
    resolve();
  });
});

// Milliseconds since the worker started, per step: reported with "ready" for the benchmark.
const timings = {};
const mark = (name) => { timings[name] = Math.round(performance.now()); };

async function fetchBytes(url, gunzip = false) {
  return readBytes(await fetch(url), url, gunzip);
}

async function readBytes(response, url, gunzip = false) {
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = gunzip ? response.body.pipeThrough(new DecompressionStream("gzip")) : response.body;
  return new Uint8Array(await new Response(body).arrayBuffer());
}

// The snapshot saves Python's start but weighs 6.6 MB. It is used when this device keeps it
// (the cache below, filled by an earlier visit or the trainer's "ready" button), or else on a
// fast connection (measured by the page on its own files, else as the browser reports it); on a
// slow or metered one Python starts from the wheel, which costs less than the snapshot saves.
const FAST_MBPS = 10; // slow 4G is 1.6 Mbit/s; past 10 the snapshot arrives sooner than Python starts
const SNAPSHOT_CACHE = "ka-playbook-snapshot"; // one entry: the snapshot of the current engine

async function snapshotResponse() {
  const url = new URL("calculators.snapshot.gz", indexURL).href;
  const store = self.caches ? await caches.open(SNAPSHOT_CACHE).catch(() => null) : null;
  const kept = await store?.match(url);
  timings.snapshot_local = Boolean(kept);
  if (kept) return kept;
  if (self.navigator.onLine === false) throw new Error("offline, and no snapshot on this device");
  const net = self.navigator.connection;
  timings.mbps = pageMbps === null ? null : Math.round(pageMbps);
  const slow = net?.saveData
    || (pageMbps !== null ? pageMbps < FAST_MBPS : net && net.effectiveType !== "4g");
  if (slow) throw new Error(`slow or metered connection (${timings.mbps} Mbit/s): no snapshot`);
  const response = await fetch(url);
  if (store && response.ok) {
    const copy = response.clone();
    (async () => {
      await store.put(url, copy);
      for (const old of await store.keys()) if (old.url !== url) await store.delete(old);
    })().catch(() => {}); // a full disk only costs the next visit its speed
  }
  return response;
}

// Pyodide 314 does not reject when its WebAssembly cannot be fetched or compiled (it logs "wasm
// instantiation failed!" and waits forever), nor when the standard library cannot be fetched (it
// logs and goes on without it). While Pyodide starts, those two log lines are watched for and
// turn the start into a failure, which the page reports with a button to try again.
const FATAL_LOGS = ["wasm instantiation failed", "Error occurred while installing the standard library"];

// A failure of the start, with the reason the page shows: a file that could not be downloaded
// (fetch) or anything else (start).
function startError(detail) {
  const text = String(detail && detail.message || detail);
  const error = new Error(text);
  error.reason = /fetch|HTTP|request failed|NetworkError|Failed to load|status code/i.test(text) ? "fetch" : "start";
  return error;
}

async function watchedLoad(loadPyodide, options) {
  const original = { warn: console.warn, error: console.error };
  let fatal;
  const failed = new Promise((_, reject) => { fatal = reject; });
  let seen = null;
  const watch = (level) => (...args) => {
    original[level].apply(console, args);
    const text = args.map((a) => String(a && a.message || a)).join(" ");
    if (seen !== null) {
      seen.push(text); // the detail Pyodide logs right after its marker line
    } else if (FATAL_LOGS.some((marker) => text.includes(marker))) {
      seen = [text];
      queueMicrotask(() => fatal(startError(seen.join(" "))));
    }
  };
  console.warn = watch("warn");
  console.error = watch("error");
  try {
    return await Promise.race([loadPyodide(options), failed]);
  } finally {
    console.warn = original.warn;
    console.error = original.error;
  }
}

// Fast path: restore the memory snapshot the build made with `calculators` already imported.
let pyodide = null; // the runtime, for installing openpyxl on demand

async function restore(loadPyodide) {
  const response = await snapshotResponse();
  const snapshot = readBytes(response, response.url || "snapshot", true);
  snapshot.catch(() => {}); // a failure is raised by loadPyodide, which awaits it
  pyodide = await watchedLoad(loadPyodide, { indexURL, _loadSnapshot: snapshot });
  mark("runtime");
  timings.snapshot = true;
  return pyodide.pyimport("calculators");
}

// Normal path: start Python, then install the wheel into site-packages.
async function boot(loadPyodide) {
  const wheel = fetchBytes(wheelURL); // downloads while the runtime starts
  wheel.catch(() => {}); // a failure is raised below, where it is awaited
  pyodide = await watchedLoad(loadPyodide, { indexURL });
  mark("runtime");
  // unpackArchive throws on a broken wheel (loadPackage would only log the failure)
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
  mark("wheel");
  return pyodide.pyimport("calculators");
}

async function start() {
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href));
  } catch (error) {
    throw startError(error);
  }
  mark("loader");
  let calculators;
  try {
    calculators = await restore(loadPyodide);
  } catch (error) {
    console.warn("KA Playbook: no usable snapshot, starting Python normally:", String(error));
    try {
      calculators = await boot(loadPyodide);
    } catch (error) {
      throw error.reason ? error : startError(error);
    }
  }
  mark("import");
  return calculators;
}

const ready = engine.then(start);
ready.then(
  () => self.postMessage({ type: "ready", timings }),
  (error) => self.postMessage({
    type: "failed",
    reason: error && error.reason || "start",
    message: String(error && error.message || error),
  }),
);

const ENTRY_POINTS = new Set([
  "score_json", "csv_import_json", "csv_export_json", "table_import_json", "table_export_json",
]);

// openpyxl's pure-Python wheels, listed by the build in xlsx.json beside the project's wheel.
let xlsxReady = null;
function installXlsx() {
  xlsxReady ??= (async () => {
    const list = new URL("xlsx.json", wheelURL);
    const response = await fetch(list);
    if (!response.ok) throw new Error(`${list}: HTTP ${response.status}`);
    const names = await response.json();
    const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
    for (const name of names) {
      pyodide.unpackArchive(await fetchBytes(new URL(name, wheelURL)), "wheel", { extractDir: sitePackages });
    }
    pyodide.runPython("import importlib; importlib.invalidate_caches(); import openpyxl");
  })();
  xlsxReady.catch(() => { xlsxReady = null; }); // a later pick may try again
  return xlsxReady;
}

self.onmessage = async (event) => {
  const { id, type, name, args } = event.data;
  if (type === "xlsx") {
    try {
      await ready;
      await installXlsx();
      self.postMessage({ id, type: "result", payload: '{"ok": true}' });
    } catch (error) {
      self.postMessage({ id, type: "crash", message: String(error && error.message || error) });
    }
    return;
  }
  if (type !== "call") return;
  if (!ENTRY_POINTS.has(name)) {
    self.postMessage({ id, type: "crash", message: `no entry point called ${name}` });
    return;
  }
  let calculators;
  try {
    calculators = await ready;
  } catch {
    return; // "failed" was already posted
  }
  try {
    self.postMessage({ id, type: "result", payload: calculators[name](...args) });
  } catch (error) {
    const message = String(error && error.message || error);
    self.postMessage({ id, type: "crash", message });
    // a Python exception (it has a type) leaves Python usable; anything else is Pyodide itself
    if (!(error && error.type)) self.postMessage({ type: "failed", reason: "stopped", message });
  }
};
