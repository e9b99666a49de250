// The Pyodide worker: one Python per tab, kept for the whole visit.
// It loads Pyodide and the project's own `calculators` wheel, served by this site (the wheel is
// fetched while the runtime starts, then unpacked into site-packages), then answers
// typed messages. It holds no sales logic: every answer comes from the package's entry points.
//   in:  {id, type: "call", name, args}  name: score_json | csv_import_json | csv_export_json
//   out: {type: "ready", timings} once; {id, type: "result", payload (JSON text)};
//        {type: "failed", message} if Python cannot start; {id, type: "crash", message}

const params = new URL(self.location.href).searchParams;
const indexURL = params.get("index");
const wheelURL = params.get("wheel");

// Milliseconds since the worker started, per step: reported with "ready" for the benchmark.
const timings = {};
const mark = (name) => { timings[name] = Math.round(performance.now()); };

async function fetchWheel() {
  const response = await fetch(wheelURL);
  if (!response.ok) throw new Error(`${wheelURL}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function start() {
  const wheel = fetchWheel(); // downloads while the runtime starts
  wheel.catch(() => {}); // a failure is raised below, where it is awaited
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  mark("loader");
  const pyodide = await loadPyodide({ indexURL });
  mark("runtime");
  // unpackArchive throws on a broken wheel (loadPackage would only log the failure)
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
  mark("wheel");
  const calculators = pyodide.pyimport("calculators");
  mark("import");
  return calculators;
}

const ready = start();
ready.then(
  () => self.postMessage({ type: "ready", timings }),
  (error) => self.postMessage({ type: "failed", message: String(error && error.message || error) }),
);

const ENTRY_POINTS = new Set(["score_json", "csv_import_json", "csv_export_json"]);

self.onmessage = async (event) => {
  const { id, type, name, args } = event.data;
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
