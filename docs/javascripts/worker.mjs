// @ts-check
// The Pyodide worker: one Python per tab, kept for the whole visit.
// Its engine comes in its name (protocol.mjs, EngineName). It restores the memory snapshot the
// build made (Python with `calculators` imported), or else starts Pyodide and installs the
// project's own wheel, all served by this site or kept by this device (engine-store.mjs); then
// it answers the messages written in protocol.mjs (the page's side is client.mjs). It holds no
// sales logic: every answer comes from the package's entry points. What it needs of Pyodide's
// internals (a watched start, snapshots, the files Pyodide fetches by itself) is in
// pyodide-seam.mjs; here, only Pyodide's documented API.

// Both loaded beside Pyodide's loader, not before this script runs: on a phone's connection a
// static import would cost the start one more round trip (about 0.6 s under slow 4G).
const engineStore = import("./engine-store.mjs");
engineStore.catch(() => {}); // without it, Python starts from the wheel
const pyodideSeam = import("./pyodide-seam.mjs");
pyodideSeam.catch(() => {}); // without it, no start: start() reports it

/** @typedef {import("./protocol.mjs").EngineName} EngineName */
/** @typedef {import("./protocol.mjs").EntryPoint} EntryPoint */
/** @typedef {import("./protocol.mjs").Reply} Reply */
/** @typedef {import("./protocol.mjs").Request} Request */
/** @typedef {import("./protocol.mjs").Timings} Timings */
/** @typedef {import("./protocol.mjs").WorkerFailure} WorkerFailure */
/** @typedef {typeof import("./pyodide-seam.mjs")} PyodideSeam */
/** @typedef {import("./pyodide-seam.mjs").RuntimeCopies} RuntimeCopies */
/** @typedef {import("pyodide").PyodideAPI} PyodideAPI */
/** @typedef {typeof import("pyodide").loadPyodide} LoadPyodide */

/**
 * The package `calculators` as Python exposes it: each entry point takes its arguments and
 * answers JSON text.
 * @typedef {{[name in EntryPoint]: (...args: unknown[]) => string}} Calculators
 */

// The entry points the page may call: every name of the protocol, and no other.
/** @type {Record<EntryPoint, true>} */
const ENTRY_POINTS = {
  score_json: true, table_import_json: true, table_export_json: true,
};

/** @param {Reply} message */
const post = (message) => self.postMessage(message);

/** @param {unknown} error */
const text = (error) => String(error instanceof Error ? error.message : error);

// The snapshot saves Python's start but weighs 6.6 MB. It is used when this device keeps it
// (engine-store.mjs: kept by an earlier visit, or by the trainer's "ready" button), or else on a
// fast connection (measured by the page on its own files, else as the browser reports it); on a
// slow or metered one Python starts from the wheel, which costs less than the snapshot saves.
const FAST_MBPS = 10; // slow 4G is 1.6 Mbit/s; past 10 the snapshot arrives sooner than Python starts
const KEEP_AFTER_MS = 2_000; // writing 50 MB waits until the first results have been answered
// ... and it is written a piece at a time, each once no call has come for a while: an edit in
// a big table, typed just after the start, is never held up behind the write
const QUIET_MS = 1_000;
const PIECE_BYTES = 4 << 20;
const GC_THRESHOLDS = [50_000, 20, 100]; // Python 3.14's defaults: 2000, 10, 0

/**
 * A failure of the start (a failure Pyodide only logs is one too: pyodide-seam.mjs), with the
 * reason the page shows, which a button to try again follows.
 */
class StartError extends Error {
  /** @param {unknown} detail */
  constructor(detail) {
    super(text(detail));
    // Pyodide's words for a file it could not fetch are the seam's (PyodideStartFailure)
    const pyodideCouldNot = Boolean(detail && typeof detail === "object" && "couldNotFetch" in detail && detail.couldNotFetch);
    /** @type {WorkerFailure} a file that could not be downloaded (fetch) or anything else (start) */
    this.reason = pyodideCouldNot || /fetch|HTTP|NetworkError|Failed to load|status code/i.test(this.message) ? "fetch" : "start";
  }
}

/**
 * @param {Response} response
 * @param {string} url
 * @param {boolean} gunzip
 */
async function readBytes(response, url, gunzip = false) {
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const body = gunzip ? response.body.pipeThrough(new DecompressionStream("gzip")) : response.body;
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** @param {string | URL} url */
async function fetchBytes(url) {
  return readBytes(await fetch(url), String(url));
}

/**
 * A file this device keeps in its private file system, read in one call; null if it cannot be.
 * @param {FileSystemFileHandle} file
 * @returns {Promise<Uint8Array<ArrayBuffer> | null>}
 */
async function readKept(file) {
  try {
    const access = await file.createSyncAccessHandle();
    try {
      const bytes = new Uint8Array(access.getSize());
      return access.read(bytes, { at: 0 }) === bytes.byteLength ? bytes : null;
    } finally {
      access.close();
    }
  } catch {
    return null; // held by another tab's start, or gone
  }
}

/**
 * Keep a file in the device's folder: written under another name, then renamed, so that a
 * write cut short is never read as the file. Written a piece at a time, each after `quiet()`.
 * @param {FileSystemDirectoryHandle} folder
 * @param {string} name
 * @param {Uint8Array} bytes
 * @param {string} part the suffix of a file being written
 * @param {() => Promise<void>} quiet resolves when the worker has no call to answer
 */
async function writeKept(folder, name, bytes, part, quiet) {
  const file = await folder.getFileHandle(`${name}${part}`, { create: true });
  const access = await file.createSyncAccessHandle();
  try {
    access.truncate(0);
    for (let at = 0; at < bytes.byteLength; at += PIECE_BYTES) {
      await quiet();
      const piece = bytes.subarray(at, at + PIECE_BYTES);
      if (access.write(piece, { at }) !== piece.byteLength) throw new Error("disk full");
    }
    access.flush();
  } finally {
    access.close();
  }
  await /** @type {FileSystemFileHandle & {move(name: string): Promise<void>}} */ (file).move(name);
}

// One Python in this worker: its start, and the answers to the page's calls.
class Runtime {
  /** @type {Timings} milliseconds since the worker started, per step, for the benchmark */
  timings = {};
  /** @type {PyodideAPI | null} for installing openpyxl on demand */
  pyodide = null;
  /** @type {Promise<void> | null} */
  xlsx = null;
  lastCall = 0; // when the last call was answered (performance.now())

  /** @param {Required<EngineName>} engine the engine's addresses and the page's download speed */
  constructor(engine) {
    this.indexURL = engine.index;
    this.wheelURL = engine.wheel;
    this.pageMbps = engine.mbps;
    /** @type {Promise<Calculators>} */
    this.ready = this.start();
  }

  /**
   * The files of this engine the device keeps (engine-store.mjs), by name; none if it keeps
   * none, or has no private file system.
   * @returns {Promise<Map<string, FileSystemFileHandle>>}
   */
  async kept() {
    const [{ deviceFolder, UNPACKED }, { RUNTIME_FILES }] = await Promise.all([engineStore, pyodideSeam]);
    /** @type {Map<string, FileSystemFileHandle>} */
    const files = new Map();
    const folder = await deviceFolder(this.indexURL);
    if (!folder) return files;
    for (const name of [UNPACKED, ...RUNTIME_FILES]) {
      const file = await folder.getFileHandle(name).catch(() => null);
      if (file) files.set(name, file);
    }
    return files;
  }

  /**
   * The runtime's two big files (the WebAssembly and the standard library) as this device keeps
   * them, for the seam to answer Pyodide's own fetches of them while it starts (one read each,
   * instead of about 250 ms of streaming through the offline copy).
   * @param {PyodideSeam} seam
   * @param {Map<string, FileSystemFileHandle>} kept the device's files of this engine, by name
   * @returns {RuntimeCopies}
   */
  runtimeCopies(seam, kept) {
    /** @type {RuntimeCopies} */
    const copies = {};
    for (const name of seam.RUNTIME_FILES) {
      const file = kept.get(name);
      if (file) copies[name] = () => readKept(file);
    }
    const count = Object.keys(copies).length;
    this.timings.runtime_local = count > 0 && count === seam.RUNTIME_FILES.length;
    return copies;
  }

  /** Forget the device's copy of this engine (a damaged copy is not tried again). */
  async forgetKept() {
    const { folderName } = await engineStore;
    const root = await navigator.storage?.getDirectory().catch(() => null);
    await root?.removeEntry(folderName(this.indexURL), { recursive: true }).catch(() => {});
  }

  /** @param {"loader" | "runtime" | "wheel" | "import"} step */
  mark(step) {
    this.timings[step] = Math.round(performance.now());
  }

  /**
   * The snapshot's bytes, unpacked: those this device keeps unpacked, else the packed file this
   * device keeps, else the packed file from the site (only on a fast connection). Throws when
   * there is no snapshot to use; the bytes themselves may still fail to come.
   * @param {Promise<Map<string, FileSystemFileHandle>>} kept
   * @returns {Promise<{bytes: Promise<Uint8Array>, unpacked: boolean}>}
   */
  async snapshot(kept) {
    const { keepOnly, packedAddress, SNAPSHOT_CACHE, UNPACKED } = await engineStore;
    const file = (await kept).get(UNPACKED);
    const unpacked = file ? await readKept(file) : null;
    if (unpacked) {
      this.timings.snapshot_local = true;
      return { bytes: Promise.resolve(unpacked), unpacked: true };
    }
    const packed = packedAddress(this.indexURL);
    const store = self.caches ? await caches.open(SNAPSHOT_CACHE).catch(() => null) : null;
    const local = await store?.match(packed);
    this.timings.snapshot_local = Boolean(local);
    const response = local ?? (await this.download(packed));
    if (!local && store && response.ok) {
      const copy = response.clone(); // a browser without a private file system keeps it packed
      store.put(packed, copy).then(() => keepOnly(store, this.indexURL)).catch(() => {});
    }
    return { bytes: readBytes(response, packed, true), unpacked: false };
  }

  /**
   * The packed snapshot from the site, if the connection is fast enough to be worth it.
   * @param {string} url
   */
  async download(url) {
    if (self.navigator.onLine === false) throw new Error("offline, and no snapshot on this device");
    /** @type {{saveData?: boolean, effectiveType?: string} | undefined} */
    const net = /** @type {any} */ (self.navigator).connection;
    this.timings.mbps = this.pageMbps === null ? null : Math.round(this.pageMbps);
    const slow = net?.saveData
      || (this.pageMbps !== null ? this.pageMbps < FAST_MBPS : net && net.effectiveType !== "4g");
    if (slow) throw new Error(`slow or metered connection (${this.timings.mbps} Mbit/s): no snapshot`);
    return fetch(url);
  }

  // Fast path: restore the memory snapshot the build made with `calculators` already imported.
  /**
   * @param {PyodideSeam} seam
   * @param {LoadPyodide} loadPyodide
   * @param {Promise<Uint8Array>} snapshot its bytes
   * @param {Map<string, FileSystemFileHandle>} kept
   * @returns {Promise<Calculators>}
   */
  async restore(seam, loadPyodide, snapshot, kept) {
    const copies = this.runtimeCopies(seam, kept);
    this.pyodide = await seam.startPyodide(loadPyodide, { indexURL: this.indexURL, snapshot, copies });
    this.mark("runtime");
    this.timings.snapshot = true;
    return this.pyodide.pyimport("calculators");
  }

  /**
   * Keep on this device what it lacks of this engine: the snapshot unpacked (when this start
   * read the packed one) and the runtime's two big files; then forget any other engine, and
   * the packed snapshot.
   * @param {Map<string, FileSystemFileHandle>} kept what the device keeps already
   * @param {Uint8Array | null} snapshot the unpacked snapshot this start read, if not kept
   */
  async keep(kept, snapshot) {
    const [{ deviceFolder, keepOnly, packedAddress, PART, SNAPSHOT_CACHE, UNPACKED }, { RUNTIME_FILES }] = await Promise.all([engineStore, pyodideSeam]);
    if (kept.has(UNPACKED) && RUNTIME_FILES.every((name) => kept.has(name))) return; // all kept
    const folder = await deviceFolder(this.indexURL, true);
    if (!folder) return; // no private file system: the next start reads the packed copy again
    try {
      // empty when Python took the buffer itself: nothing to write
      const quiet = () => this.quiet();
      if (!kept.has(UNPACKED) && snapshot?.byteLength) await writeKept(folder, UNPACKED, snapshot, PART, quiet);
      for (const name of RUNTIME_FILES) {
        // from the offline copy, or the browser's cache (versioned: never fetched again)
        if (!kept.has(name)) await writeKept(folder, name, await fetchBytes(new URL(name, this.indexURL)), PART, quiet);
      }
      const store = self.caches ? await caches.open(SNAPSHOT_CACHE) : null;
      if (store && (kept.has(UNPACKED) || snapshot?.byteLength)) await store.delete(packedAddress(this.indexURL));
      if (store) await keepOnly(store, this.indexURL); // an older engine's files go
    } catch {
      // a full disk: what was not written is written at the next start
      for await (const name of folder.keys()) if (name.endsWith(PART)) await folder.removeEntry(name).catch(() => {});
    }
  }

  /** Resolves once no call has been answered for QUIET_MS. @returns {Promise<void>} */
  async quiet() {
    for (let since = performance.now() - this.lastCall; since < QUIET_MS; since = performance.now() - this.lastCall) {
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS - since));
    }
  }

  // Normal path: start Python, then install the wheel into site-packages.
  /**
   * @param {PyodideSeam} seam
   * @param {LoadPyodide} loadPyodide
   * @param {Map<string, FileSystemFileHandle>} kept
   * @returns {Promise<Calculators>}
   */
  async boot(seam, loadPyodide, kept) {
    const wheel = fetchBytes(this.wheelURL); // downloads while the runtime starts
    wheel.catch(() => {}); // a failure is raised below, where it is awaited
    const copies = this.runtimeCopies(seam, kept);
    const pyodide = await seam.startPyodide(loadPyodide, { indexURL: this.indexURL, copies });
    this.pyodide = pyodide;
    this.mark("runtime");
    // unpackArchive throws on a broken wheel (loadPackage would only log the failure)
    pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages(pyodide) });
    this.mark("wheel");
    return pyodide.pyimport("calculators");
  }

  /** @returns {Promise<Calculators>} */
  async start() {
    // looked up (and read, or fetched) while the loader loads
    const keptFiles = this.kept().catch(() => new Map());
    const snapshot = this.snapshot(keptFiles);
    snapshot.catch(() => {}); // handled below, once the loader is in
    /** @type {LoadPyodide} */
    let loadPyodide;
    /** @type {PyodideSeam} */
    let seam;
    try {
      [{ loadPyodide }, seam] = await Promise.all([import(new URL("pyodide.mjs", this.indexURL).href), pyodideSeam]);
    } catch (error) {
      throw new StartError(error);
    }
    this.mark("loader");
    let kept = await keptFiles;
    const chosen = await snapshot.catch((error) => {
      console.warn("KA Playbook: no snapshot, starting Python normally:", String(error));
      return null;
    });
    chosen?.bytes.catch(() => {}); // a failure is raised by loadPyodide, which awaits it
    /** @type {Calculators | null} */
    let calculators = null;
    if (chosen) {
      try {
        calculators = await this.restore(seam, loadPyodide, chosen.bytes, kept);
      } catch (error) {
        console.warn("KA Playbook: the snapshot did not restore, starting Python normally:", String(error));
        await this.forgetKept(); // a damaged copy on this device is not tried again
        kept = new Map();
      }
    }
    try {
      calculators ??= await this.boot(seam, loadPyodide, kept);
    } catch (error) {
      throw error instanceof StartError ? error : new StartError(error);
    }
    this.mark("import");
    // Python's cycle collector ran at nearly every edit of a 10,000-deal table, over every object
    // the engine remembers (a tenth of the edit); the engine makes few cycles, so it runs rarely
    this.pyodide?.runPython(`import gc; gc.set_threshold(${GC_THRESHOLDS.join(", ")})`);
    // once Python runs, the device keeps what it lacks of this engine for the next start
    const read = chosen && !chosen.unpacked ? await chosen.bytes.catch(() => null) : null;
    setTimeout(() => this.keep(kept, read).catch(() => {}), KEEP_AFTER_MS);
    return calculators;
  }

  // openpyxl's pure-Python wheels, listed by the build in xlsx.json beside the project's wheel.
  installXlsx() {
    const installing = this.xlsx ?? (async () => {
      const pyodide = this.pyodide;
      if (!pyodide) throw new Error("Python has not started");
      const list = new URL("xlsx.json", this.wheelURL);
      const response = await fetch(list);
      if (!response.ok) throw new Error(`${list}: HTTP ${response.status}`);
      /** @type {string[]} */
      const names = await response.json();
      for (const name of names) {
        pyodide.unpackArchive(await fetchBytes(new URL(name, this.wheelURL)), "wheel", { extractDir: sitePackages(pyodide) });
      }
      pyodide.runPython("import importlib; importlib.invalidate_caches(); import openpyxl");
    })();
    this.xlsx = installing;
    installing.catch(() => { if (this.xlsx === installing) this.xlsx = null; }); // a later pick may try again
    return installing;
  }

  /** Answer one request of the page. @param {Request} message */
  async answer(message) {
    if (message.type === "xlsx") {
      try {
        await this.ready;
        await this.installXlsx();
        post({ id: message.id, type: "result", payload: '{"ok": true}' });
      } catch (error) {
        post({ id: message.id, type: "crash", message: text(error) });
      }
      return;
    }
    if (message.type !== "call") return;
    const { id, name, args } = message;
    if (!Object.hasOwn(ENTRY_POINTS, name)) {
      post({ id, type: "crash", message: `no entry point called ${name}` });
      return;
    }
    let calculators;
    try {
      calculators = await this.ready;
    } catch {
      return; // "failed" was already posted
    }
    try {
      post({ id, type: "result", payload: calculators[name](...args) });
    } catch (error) {
      const message = text(error);
      post({ id, type: "crash", message });
      // a Python exception (it has a type) leaves Python usable; anything else is Pyodide itself
      if (!(error && typeof error === "object" && "type" in error && error.type)) post({ type: "failed", reason: "stopped", message });
    } finally {
      this.lastCall = performance.now();
    }
  }
}

/** Where Python installs packages. @param {PyodideAPI} pyodide @returns {string} */
function sitePackages(pyodide) {
  return pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
}

/**
 * The engine this worker runs, from its name: the page creates it with its engine as JSON
 * (protocol.mjs, EngineName), which it has from its first line, with no message to wait for
 * (a message posted before the worker runs waits for the page, busy while it loads). Addresses
 * may be relative to this script.
 * @returns {Required<EngineName>}
 */
function namedEngine() {
  /** @type {Partial<EngineName>} */
  const named = JSON.parse(self.name || "{}");
  if (typeof named.index !== "string" || typeof named.wheel !== "string") throw new Error(`no engine in the worker's name: ${self.name}`);
  return {
    index: new URL(named.index, self.location.href).href,
    wheel: new URL(named.wheel, self.location.href).href,
    mbps: typeof named.mbps === "number" ? named.mbps : null,
  };
}

function main() {
  /** @type {Runtime} */
  let runtime;
  try {
    runtime = new Runtime(namedEngine());
  } catch (error) {
    post({ type: "failed", reason: "start", message: text(error) });
    return;
  }
  runtime.ready.then(
    () => post({ type: "ready", timings: runtime.timings }),
    (error) => post({
      type: "failed",
      reason: error instanceof StartError ? error.reason : "start",
      message: text(error),
    }),
  );
  self.addEventListener("message", (/** @type {MessageEvent<Request>} */ event) => {
    runtime.answer(event.data).catch((error) => console.error("KA Playbook worker:", error));
  });
}

main();
