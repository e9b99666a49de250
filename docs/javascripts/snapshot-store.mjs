// @ts-check
// Where a device keeps the calculators' memory snapshot (shared by worker.mjs, which restores it,
// and offline.mjs, whose "ready" button fetches it).
// - Unpacked (about 30 MB), in the origin's private file system: the calculators' worker reads
//   it in one synchronous call (about 30 ms on this machine). Unpacking the 6.6 MB gzip took a
//   return visit about 250 ms, and reading an unpacked copy from the Cache API about 170 ms.
// - Packed, as served, in a cache: where the trainer's "ready" button puts it, and where a
//   browser without a private file system keeps it. The first start unpacks it.
// Only the current engine's snapshot is kept.

export const SNAPSHOT_CACHE = "ka-playbook-snapshot";
export const PACKED = "calculators.snapshot.gz"; // as the site serves it, in the engine's folder
const UNPACKED = /^calculators-.+\.snapshot(\.part)?$/; // .part: being written

/** @param {string | URL} engine the engine's folder (its index URL), named by its version */
export function packedAddress(engine) {
  return new URL(PACKED, engine).href;
}

/** The unpacked snapshot's file name for an engine. @param {string | URL} engine */
export function unpackedName(engine) {
  const version = new URL(".", engine).pathname.split("/").filter(Boolean).pop() ?? "engine";
  return `calculators-${version}.snapshot`;
}

/** Whether this device keeps the engine's snapshot unpacked. @param {string | URL} engine */
export async function keepsUnpacked(engine) {
  try {
    await (await navigator.storage.getDirectory()).getFileHandle(unpackedName(engine));
    return true;
  } catch {
    return false; // no such file, or no private file system in this browser
  }
}

/**
 * Remove every snapshot but the engine's (whole): in the cache, and in the private file system.
 * @param {Cache} store
 * @param {string | URL} engine
 */
export async function keepOnly(store, engine) {
  const packed = packedAddress(engine);
  for (const old of await store.keys()) if (old.url !== packed) await store.delete(old);
  const root = await navigator.storage?.getDirectory().catch(() => null);
  if (!root) return;
  const name = unpackedName(engine);
  for await (const entry of root.keys()) if (UNPACKED.test(entry) && entry !== name) await root.removeEntry(entry).catch(() => {}); // held: next time
}
