// The Pyodide worker: one Python per tab, kept for the whole visit.
// It restores the memory snapshot the build made (Python with `calculators` imported), or else
// starts Pyodide and installs the project's own wheel, all served by this site; then it answers
// typed messages. It holds no sales logic: every answer comes from the package's entry points.
//   in:  {id, type: "call", name, args}  name: score_json | csv_import_json | csv_export_json
//   out: {type: "ready", timings} once; {id, type: "result", payload (JSON text)};
//        {type: "failed", message} if Python cannot start; {id, type: "crash", message}
//   in:  {id, type: "xlsx"}: install openpyxl from this site's wheels (once), answered like a call

const params = new URL(self.location.href).searchParams;
const indexURL = params.get("index");
const wheelURL = params.get("wheel");

// Milliseconds since the worker started, per step: reported with "ready" for the benchmark.
const timings = {};
const mark = (name) => { timings[name] = Math.round(performance.now()); };

async function fetchBytes(url, gunzip = false) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = gunzip ? response.body.pipeThrough(new DecompressionStream("gzip")) : response.body;
  return new Uint8Array(await new Response(body).arrayBuffer());
}

// Fast path: restore the memory snapshot the build made with `calculators` already imported.
let pyodide = null; // the runtime, for installing openpyxl on demand

async function restore(loadPyodide) {
  const snapshot = fetchBytes(new URL("calculators.snapshot.gz", indexURL), true);
  pyodide = await loadPyodide({ indexURL, _loadSnapshot: snapshot });
  mark("runtime");
  timings.snapshot = true;
  return pyodide.pyimport("calculators");
}

// Normal path: start Python, then install the wheel into site-packages.
async function boot(loadPyodide) {
  const wheel = fetchBytes(wheelURL); // downloads while the runtime starts
  wheel.catch(() => {}); // a failure is raised below, where it is awaited
  pyodide = await loadPyodide({ indexURL });
  mark("runtime");
  // unpackArchive throws on a broken wheel (loadPackage would only log the failure)
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
  mark("wheel");
  return pyodide.pyimport("calculators");
}

async function start() {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  mark("loader");
  let calculators;
  try {
    calculators = await restore(loadPyodide);
  } catch (error) {
    console.warn("KA Playbook: no usable snapshot, starting Python normally:", String(error));
    calculators = await boot(loadPyodide);
  }
  mark("import");
  return calculators;
}

const ready = start();
ready.then(
  () => self.postMessage({ type: "ready", timings }),
  (error) => self.postMessage({ type: "failed", message: String(error && error.message || error) }),
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
  if (type !== "call" || !ENTRY_POINTS.has(name)) return;
  let calculators;
  try {
    calculators = await ready;
  } catch {
    return; // "failed" was already posted
  }
  try {
    self.postMessage({ id, type: "result", payload: calculators[name](...args) });
  } catch (error) {
    self.postMessage({ id, type: "crash", message: String(error && error.message || error) });
  }
};
