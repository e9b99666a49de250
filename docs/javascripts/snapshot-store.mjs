// @ts-check
// Where a device keeps the calculators' memory snapshot (shared by worker.mjs, which reads and
// unpacks it, and offline.mjs, whose "ready" button fetches it): one cache holding the current
// engine's snapshot only, packed as served or, once a start has unpacked it, unpacked. Unpacking
// 6.6 MB of gzip took a return visit a quarter of a second, more than reading the unpacked copy
// (about 30 MB) takes.

export const SNAPSHOT_CACHE = "ka-playbook-snapshot";
export const PACKED = "calculators.snapshot.gz"; // as the site serves it, in the engine's folder
export const UNPACKED = "calculators.snapshot"; // only ever in this cache, never served

/**
 * The addresses of an engine's snapshot, packed and unpacked.
 * @param {string | URL} engine the engine's folder (its index URL)
 */
export function snapshotAddresses(engine) {
  return { packed: new URL(PACKED, engine).href, unpacked: new URL(UNPACKED, engine).href };
}

/**
 * Remove every entry but the given engine's snapshot.
 * @param {Cache} store
 * @param {string | URL} engine
 */
export async function keepOnly(store, engine) {
  const { packed, unpacked } = snapshotAddresses(engine);
  for (const old of await store.keys()) if (old.url !== packed && old.url !== unpacked) await store.delete(old);
}
