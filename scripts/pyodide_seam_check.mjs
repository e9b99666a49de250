// @ts-check
// Run what docs/javascripts/pyodide-seam.mjs relies on against the installed Pyodide, under Node,
// and print what happened as JSON (tests/test_pyodide_seam.py reads it):
//   node scripts/pyodide_seam_check.mjs snapshot        a snapshot made and restored through it
//   node scripts/pyodide_seam_check.mjs damaged FILE    a start from a copy of the distribution
//   node scripts/pyodide_seam_check.mjs missing FILE    with FILE damaged, or missing
// The seam's fetch answering (the device's copies) needs a browser: the browser tests check it.

import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { memorySnapshot, startForSnapshot, startPyodide } from "../docs/javascripts/pyodide-seam.mjs";

const distribution = dirname(fileURLToPath(import.meta.resolve("pyodide")));
const MARK = "kept by the snapshot";

/** A snapshot made with a mark in Python's memory, restored: is the mark there? */
async function snapshot() {
  const made = await startForSnapshot(loadPyodide);
  made.runPython(`import sys; sys.ka_seam_mark = ${JSON.stringify(MARK)}`);
  const bytes = memorySnapshot(made);
  const restored = await startPyodide(loadPyodide, { indexURL: `${distribution}/`, snapshot: Promise.resolve(bytes) });
  return {
    bytes: bytes.byteLength,
    mark: restored.runPython("import sys; getattr(sys, 'ka_seam_mark', None)"),
    expected: MARK,
  };
}

/**
 * A start from a copy of the distribution with `file` damaged or missing: how did it end?
 * @param {"damaged" | "missing"} how
 * @param {string} file
 */
async function broken(how, file) {
  const folder = mkdtempSync(join(tmpdir(), "pyodide-seam-"));
  try {
    cpSync(distribution, folder, { recursive: true });
    if (how === "missing") rmSync(join(folder, file));
    else writeFileSync(join(folder, file), "not what Pyodide expects");
    const limit = new Promise((resolve) => setTimeout(() => resolve({ ended: "no end within 60 s" }), 60_000).unref());
    const start = startPyodide(loadPyodide, { indexURL: `${folder}/` }).then(
      () => ({ ended: "started" }),
      (/** @type {Error} */ error) => ({ ended: "failed", name: error.constructor.name, message: error.message }),
    );
    return await Promise.race([start, limit]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Pyodide asks for its standard library before it waits for it: a missing one is a rejection no
// one handles yet, which a browser only logs but which would end Node here.
process.on("unhandledRejection", () => {});

const [what, file] = process.argv.slice(2);
/** @type {unknown} */
let result;
if (what === "snapshot") result = await snapshot();
else if ((what === "damaged" || what === "missing") && file && existsSync(join(distribution, file))) result = await broken(what, file);
else {
  console.error("usage: node scripts/pyodide_seam_check.mjs snapshot | damaged FILE | missing FILE");
  process.exit(2);
}
console.log(JSON.stringify(result));
process.exit(0); // a start that never ends keeps Node alive
