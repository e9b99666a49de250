// @ts-check
// Where a device keeps the calculators' engine for a quick start (shared by worker.mjs, which
// starts from it, and offline.mjs, whose "ready" button fetches the snapshot).
// - In the origin's private file system, one folder per engine version: the memory snapshot
//   unpacked (about 30 MB), Pyodide's WebAssembly (9.6 MB) and its standard library (7.8 MB),
//   under the names the site serves them by (pyodide-seam.mjs, RUNTIME_FILES).
//   The worker reads each in one synchronous call (about 30 ms for the snapshot on this
//   machine). Unpacking the 6.6 MB gzip took a return visit about 250 ms; reading an unpacked
//   copy from the Cache API about 170 ms; the WebAssembly, streamed from the offline copy
//   through the service worker, about 250 ms before it could be compiled.
// - The snapshot packed, as served, in a cache: where the trainer's "ready" button puts it, and
//   where a browser without a private file system keeps it. The first start unpacks it.
// Only the current engine's files are kept.

export const SNAPSHOT_CACHE = "ka-playbook-snapshot";
export const PACKED = "calculators.snapshot.gz"; // as the site serves it, in the engine's folder
/** The snapshot's name in the device's folder. */
export const UNPACKED = "calculators.snapshot";
export const PART = ".part"; // a file being written: never read as the file itself

/** @param {string | URL} engine the engine's folder (its index URL), named by its version */
export function packedAddress(engine) {
  return new URL(PACKED, engine).href;
}

/** The device's folder for an engine, named by its version. @param {string | URL} engine */
export function folderName(engine) {
  const version = new URL(".", engine).pathname.split("/").filter(Boolean).pop() ?? "engine";
  return `engine-${version}`;
}

/**
 * The device's folder for an engine; null without a private file system.
 * @param {string | URL} engine
 * @param {boolean} create
 * @returns {Promise<FileSystemDirectoryHandle | null>}
 */
export async function deviceFolder(engine, create = false) {
  try {
    return await (await navigator.storage.getDirectory()).getDirectoryHandle(folderName(engine), { create });
  } catch {
    return null; // not kept yet, or no private file system in this browser
  }
}

/** Whether this device keeps the engine's snapshot unpacked. @param {string | URL} engine */
export async function keepsUnpacked(engine) {
  const folder = await deviceFolder(engine);
  return Boolean(folder && (await folder.getFileHandle(UNPACKED).catch(() => null)));
}

/**
 * Remove every engine but this one: its packed snapshot in the cache, and its folder (or an
 * older version's file) in the private file system.
 * @param {Cache} store
 * @param {string | URL} engine
 */
export async function keepOnly(store, engine) {
  const packed = packedAddress(engine);
  for (const old of await store.keys()) if (old.url !== packed) await store.delete(old);
  const root = await navigator.storage?.getDirectory().catch(() => null);
  if (!root) return;
  const current = folderName(engine);
  const names = [];
  for await (const name of root.keys()) if (name !== current) names.push(name);
  for (const name of names) await root.removeEntry(name, { recursive: true }).catch(() => {}); // held: next time
}
