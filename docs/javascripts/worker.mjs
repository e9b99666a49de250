// The Pyodide worker: one Python per tab, kept for the whole visit.
// It loads Pyodide and the project's own `calculators` wheel, served by this site, then answers
// typed messages. It holds no sales logic: every answer comes from calculators.score_json.
//   in:  {id, type: "score", slug, inputs (JSON text), lang}
//   out: {type: "ready"} once; {id, type: "result", payload (JSON text)}; {type: "failed", message}

const params = new URL(self.location.href).searchParams;
const indexURL = params.get("index");
const wheelURL = params.get("wheel");

async function start() {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL });
  const problems = [];
  // loadPackage logs a failure instead of throwing: collect it, then prove the import works.
  await pyodide.loadPackage(wheelURL, {
    messageCallback: () => {},
    errorCallback: (message) => problems.push(message),
  });
  try {
    return pyodide.pyimport("calculators");
  } catch (error) {
    throw new Error(`calculators did not load: ${problems.join("; ") || error}`);
  }
}

const ready = start();
ready.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", message: String(error && error.message || error) }),
);

self.onmessage = async (event) => {
  const { id, type, slug, inputs, lang } = event.data;
  if (type !== "score") return;
  let calculators;
  try {
    calculators = await ready;
  } catch {
    return; // "failed" was already posted
  }
  try {
    self.postMessage({ id, type: "result", payload: calculators.score_json(slug, inputs, lang) });
  } catch (error) {
    self.postMessage({ id, type: "crash", message: String(error && error.message || error) });
  }
};
