// @ts-check
// The one module that knows how Pyodide works inside, written for Pyodide 314.0.7
// (PYODIDE_VERSION; tests/test_pyodide_seam.py fails, naming what to re-check, when the installed
// Pyodide is another one or no longer does what is relied on here). The worker (worker.mjs) and
// the snapshot's recipe (scripts/make_snapshot.mjs, under Node) start Pyodide through it; every
// other use of Pyodide is its documented API. Its Python half, the files of Pyodide's
// distribution the build serves, is ka_site.build.engine.pyodide_seam.
//
// What it relies on, beyond the documented API:
// - A start that fails does not always reject. When the WebAssembly cannot be fetched or
//   compiled, loadPyodide logs "wasm instantiation failed!" (console.warn) and never settles;
//   when the standard library cannot be fetched, it logs "Error occurred while installing the
//   standard library:" (console.error), then the error ("Failed to load '…': request failed."),
//   and goes on without it. `startPyodide` watches for those lines and fails the start.
// - Memory snapshots are private: loadPyodide's `_makeSnapshot` (start a Python that can be
//   saved) and `_loadSnapshot` (restore one: its bytes, or a promise of them), and
//   `pyodide.makeMemorySnapshot()`.
// - Pyodide fetches its two big files itself, with the global `fetch`, at `indexURL` + their
//   names (RUNTIME_FILES): `pyodide.asm.wasm`, whose address no option names, and
//   `python_stdlib.zip`, whose address `stdLibURL` names, but only an address: a `blob:` address
//   of the device's copy is refused by the site's `connect-src 'self'`. So `startPyodide`
//   answers those two fetches from the device's copies while Pyodide starts.
// Nothing here runs when it is imported: Node imports it too.

/** @typedef {import("pyodide").PyodideAPI} PyodideAPI */
/** @typedef {typeof import("pyodide").loadPyodide} LoadPyodide */
/** @typedef {NonNullable<Parameters<LoadPyodide>[0]>} PyodideConfig */

export const PYODIDE_VERSION = "314.0.7";

/** The runtime's files Pyodide fetches by itself from its `indexURL`, by these names. */
export const RUNTIME_FILES = /** @type {const} */ (["pyodide.asm.wasm", "python_stdlib.zip"]);
/** @typedef {(typeof RUNTIME_FILES)[number]} RuntimeFile */

/**
 * The device's copy of each runtime file it keeps: a read that answers the file's bytes, or
 * null when it cannot (the address is then fetched as usual).
 * @typedef {Partial<Record<RuntimeFile, () => Promise<Uint8Array<ArrayBuffer> | null>>>} RuntimeCopies
 */

/** What Pyodide logs, and only logs, when its start has failed (see the header). */
export const FATAL_LOGS = ["wasm instantiation failed", "Error occurred while installing the standard library"];
/** Pyodide's words, in a browser, for a file of its own it could not fetch (`loadBinaryFile`). */
export const COULD_NOT_FETCH = "request failed";

/** A start of Pyodide that failed, with the lines Pyodide logged about it. */
export class PyodideStartFailure extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    /** Whether Pyodide said that one of its files could not be fetched. */
    this.couldNotFetch = message.includes(COULD_NOT_FETCH);
  }
}

/** @param {unknown} value */
const text = (value) => String(value instanceof Error ? value.message : value);

/**
 * Run Pyodide's start, failing (PyodideStartFailure) on the log lines that mean it never will.
 * @param {() => Promise<PyodideAPI>} start
 * @returns {Promise<PyodideAPI>}
 */
async function watched(start) {
  const original = { warn: console.warn, error: console.error };
  /** @type {(error: Error) => void} */
  let fatal = () => {};
  /** @type {Promise<never>} */
  const failed = new Promise((_, reject) => { fatal = reject; });
  /** @type {string[] | null} */
  let seen = null;
  /** @param {"warn" | "error"} level */
  const watch = (level) => (/** @type {unknown[]} */ ...args) => {
    original[level].apply(console, args);
    const line = args.map(text).join(" ");
    if (seen !== null) {
      seen.push(line); // the detail Pyodide logs right after its marker line
    } else if (FATAL_LOGS.some((marker) => line.includes(marker))) {
      const lines = [line];
      seen = lines;
      queueMicrotask(() => fatal(new PyodideStartFailure(lines.join(" "))));
    }
  };
  console.warn = watch("warn");
  console.error = watch("error");
  try {
    return await Promise.race([start(), failed]);
  } finally {
    console.warn = original.warn;
    console.error = original.error;
  }
}

/**
 * Run `start` with the global `fetch` answering the runtime files' addresses from `copies`
 * (one read each, instead of a download or a stream through the offline copy), and passing any
 * other address on.
 * @template T
 * @param {string} indexURL
 * @param {RuntimeCopies} copies
 * @param {() => Promise<T>} start
 * @returns {Promise<T>}
 */
async function answeringRuntimeFiles(indexURL, copies, start) {
  /** @type {Map<string, {read: () => Promise<Uint8Array<ArrayBuffer> | null>, type: string}>} */
  const byAddress = new Map();
  for (const name of RUNTIME_FILES) {
    const read = copies[name];
    const type = name.endsWith(".wasm") ? "application/wasm" : "application/zip";
    if (read) byAddress.set(new URL(name, indexURL).href, { read, type });
  }
  if (!byAddress.size) return start();
  const network = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const copy = byAddress.get(url);
    const bytes = copy ? await copy.read() : null;
    if (!copy || !bytes) return network(input, init);
    return new Response(bytes, { headers: { "Content-Type": copy.type } });
  };
  try {
    return await start();
  } finally {
    globalThis.fetch = network;
  }
}

/**
 * Start Pyodide from `indexURL`: restore `snapshot` when one is given (made by
 * `startForSnapshot` and `memorySnapshot`), reading the runtime files the device keeps from
 * `copies`. Rejects with PyodideStartFailure when Pyodide only logs that it failed.
 * @param {LoadPyodide} loadPyodide
 * @param {{indexURL: string, snapshot?: Promise<Uint8Array> | null, copies?: RuntimeCopies}} start
 * @returns {Promise<PyodideAPI>}
 */
export function startPyodide(loadPyodide, { indexURL, snapshot = null, copies = {} }) {
  /** @type {PyodideConfig} */
  const options = snapshot ? { indexURL, _loadSnapshot: snapshot } : { indexURL };
  return answeringRuntimeFiles(indexURL, copies, () => watched(() => loadPyodide(options)));
}

/**
 * Start a Pyodide whose memory can be saved once the calculators are imported (under Node, by
 * the build). Rejects with PyodideStartFailure when Pyodide only logs that it failed.
 * @param {LoadPyodide} loadPyodide
 * @param {PyodideConfig} options
 * @returns {Promise<PyodideAPI>}
 */
export function startForSnapshot(loadPyodide, options = {}) {
  return watched(() => loadPyodide({ ...options, _makeSnapshot: true }));
}

/**
 * The memory of a Pyodide started by `startForSnapshot`, for `startPyodide` to restore.
 * @param {PyodideAPI} pyodide
 * @returns {Uint8Array}
 */
export function memorySnapshot(pyodide) {
  return pyodide.makeMemorySnapshot();
}
