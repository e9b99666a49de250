// @ts-check
// The Pyodide worker: one Python per tab, kept for the whole visit.
// It restores the memory snapshot the build made (Python with `calculators` imported), or else
// starts Pyodide and installs the project's own wheel, all served by this site; then it answers
// the messages written in protocol.mjs (the page's side is client.mjs). It holds no sales logic:
// every answer comes from the package's entry points.

// Loaded beside Pyodide's loader, not before this script runs: on a phone's connection a static
// import would cost the start one more round trip (about 0.6 s under slow 4G).
const snapshotStore = import("./snapshot-store.mjs");
snapshotStore.catch(() => {}); // without it, Python starts from the wheel

/** @typedef {import("./protocol.mjs").EngineRequest} EngineRequest */
/** @typedef {import("./protocol.mjs").EntryPoint} EntryPoint */
/** @typedef {import("./protocol.mjs").Reply} Reply */
/** @typedef {import("./protocol.mjs").Request} Request */
/** @typedef {import("./protocol.mjs").Timings} Timings */
/** @typedef {import("./protocol.mjs").WorkerFailure} WorkerFailure */
/** @typedef {import("pyodide").PyodideAPI} PyodideAPI */
/** @typedef {typeof import("pyodide").loadPyodide} LoadPyodide */
/** @typedef {Parameters<LoadPyodide>[0]} PyodideConfig */

/**
 * The package `calculators` as Python exposes it: each entry point takes its arguments and
 * answers JSON text.
 * @typedef {{[name in EntryPoint]: (...args: unknown[]) => string}} Calculators
 */

// The entry points the page may call: every name of the protocol, and no other.
/** @type {Record<EntryPoint, true>} */
const ENTRY_POINTS = {
  score_json: true, csv_import_json: true, csv_export_json: true, table_import_json: true, table_export_json: true,
};

/** @param {Reply} message */
const post = (message) => self.postMessage(message);

/** @param {unknown} error */
const text = (error) => String(error instanceof Error ? error.message : error);

// The snapshot saves Python's start but weighs 6.6 MB. It is used when this device keeps it
// (the cache below, filled by an earlier visit or the trainer's "ready" button), or else on a
// fast connection (measured by the page on its own files, else as the browser reports it); on a
// slow or metered one Python starts from the wheel, which costs less than the snapshot saves.
const FAST_MBPS = 10; // slow 4G is 1.6 Mbit/s; past 10 the snapshot arrives sooner than Python starts
const KEEP_AFTER_MS = 2_000; // writing 30 MB waits until the first results have been answered

// Pyodide 314 does not reject when its WebAssembly cannot be fetched or compiled (it logs "wasm
// instantiation failed!" and waits forever), nor when the standard library cannot be fetched (it
// logs and goes on without it). While Pyodide starts, those two log lines are watched for and
// turn the start into a failure, which the page reports with a button to try again.
const FATAL_LOGS = ["wasm instantiation failed", "Error occurred while installing the standard library"];

/** A failure of the start, with the reason the page shows. */
class StartError extends Error {
  /** @param {unknown} detail */
  constructor(detail) {
    super(text(detail));
    /** @type {WorkerFailure} a file that could not be downloaded (fetch) or anything else (start) */
    this.reason = /fetch|HTTP|request failed|NetworkError|Failed to load|status code/i.test(this.message) ? "fetch" : "start";
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
 * The unpacked snapshot this device keeps in its private file system, or null.
 * @param {string} name
 * @returns {Promise<Uint8Array | null>}
 */
async function readUnpacked(name) {
  try {
    const root = await navigator.storage.getDirectory();
    const access = await (await root.getFileHandle(name)).createSyncAccessHandle();
    try {
      const bytes = new Uint8Array(access.getSize());
      return access.read(bytes, { at: 0 }) === bytes.byteLength ? bytes : null;
    } finally {
      access.close();
    }
  } catch {
    return null; // not kept, held by another tab's start, or no private file system here
  }
}

/**
 * Start Pyodide, failing on the log lines that mean it never will.
 * @param {LoadPyodide} loadPyodide
 * @param {PyodideConfig} options
 * @returns {Promise<PyodideAPI>}
 */
async function watchedLoad(loadPyodide, options) {
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
      queueMicrotask(() => fatal(new StartError(lines.join(" "))));
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

// One Python in this worker: its start, and the answers to the page's calls.
class Runtime {
  /** @type {Timings} milliseconds since the worker started, per step, for the benchmark */
  timings = {};
  /** @type {PyodideAPI | null} for installing openpyxl on demand */
  pyodide = null;
  /** @type {Promise<void> | null} */
  xlsx = null;

  /** @param {EngineRequest} engine the engine's addresses and the page's download speed */
  constructor(engine) {
    this.indexURL = engine.index;
    this.wheelURL = engine.wheel;
    this.pageMbps = engine.mbps;
    /** @type {Promise<Calculators>} */
    this.ready = this.start();
  }

  /** @param {"loader" | "runtime" | "wheel" | "import"} step */
  mark(step) {
    this.timings[step] = Math.round(performance.now());
  }

  /**
   * The snapshot's bytes, unpacked: those this device keeps unpacked, else the packed file this
   * device keeps, else the packed file from the site (only on a fast connection). Throws when
   * there is no snapshot to use; the bytes themselves may still fail to come.
   * @returns {Promise<{bytes: Promise<Uint8Array>, unpacked: boolean}>}
   */
  async snapshot() {
    const { keepOnly, packedAddress, SNAPSHOT_CACHE, unpackedName } = await snapshotStore;
    const kept = await readUnpacked(unpackedName(this.indexURL));
    if (kept) {
      this.timings.snapshot_local = true;
      return { bytes: Promise.resolve(kept), unpacked: true };
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
   * @param {LoadPyodide} loadPyodide
   * @param {ReturnType<Runtime["snapshot"]>} snapshot
   * @returns {Promise<Calculators>}
   */
  async restore(loadPyodide, snapshot) {
    const { bytes, unpacked } = await snapshot;
    bytes.catch(() => {}); // a failure is raised by loadPyodide, which awaits it
    try {
      this.pyodide = await watchedLoad(loadPyodide, { indexURL: this.indexURL, _loadSnapshot: bytes });
    } catch (error) {
      // a damaged copy on this device is not tried again
      const { unpackedName } = await snapshotStore;
      if (unpacked) await (await navigator.storage.getDirectory()).removeEntry(unpackedName(this.indexURL)).catch(() => {});
      throw error;
    }
    this.mark("runtime");
    this.timings.snapshot = true;
    // once Python runs, the device keeps the snapshot unpacked for the next start
    if (!unpacked) bytes.then((b) => setTimeout(() => this.keepUnpacked(b), KEEP_AFTER_MS));
    return this.pyodide.pyimport("calculators");
  }

  /**
   * Keep the unpacked snapshot in the private file system (and the packed copy no longer).
   * @param {Uint8Array} bytes
   */
  async keepUnpacked(bytes) {
    const { keepOnly, packedAddress, SNAPSHOT_CACHE, unpackedName } = await snapshotStore;
    try {
      if (!bytes.byteLength) return; // Python took the buffer itself: nothing to write
      const root = await navigator.storage.getDirectory();
      const name = unpackedName(this.indexURL);
      // written under another name, then renamed: a write cut short is never read as a snapshot
      const file = await root.getFileHandle(`${name}.part`, { create: true });
      const access = await file.createSyncAccessHandle();
      try {
        access.truncate(0);
        if (access.write(bytes, { at: 0 }) !== bytes.byteLength) throw new Error("disk full");
        access.flush();
      } finally {
        access.close();
      }
      await /** @type {FileSystemFileHandle & {move(name: string): Promise<void>}} */ (file).move(name);
      const store = self.caches ? await caches.open(SNAPSHOT_CACHE) : null;
      if (store) {
        await store.delete(packedAddress(this.indexURL));
        await keepOnly(store, this.indexURL); // an older engine's snapshot goes
      }
    } catch {
      // no private file system, or a full disk: the next start unpacks the packed copy again
      const root = await navigator.storage?.getDirectory().catch(() => null);
      await root?.removeEntry(`${unpackedName(this.indexURL)}.part`).catch(() => {});
    }
  }

  // Normal path: start Python, then install the wheel into site-packages.
  /** @param {LoadPyodide} loadPyodide @returns {Promise<Calculators>} */
  async boot(loadPyodide) {
    const wheel = fetchBytes(this.wheelURL); // downloads while the runtime starts
    wheel.catch(() => {}); // a failure is raised below, where it is awaited
    const pyodide = await watchedLoad(loadPyodide, { indexURL: this.indexURL });
    this.pyodide = pyodide;
    this.mark("runtime");
    // unpackArchive throws on a broken wheel (loadPackage would only log the failure)
    pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages(pyodide) });
    this.mark("wheel");
    return pyodide.pyimport("calculators");
  }

  /** @returns {Promise<Calculators>} */
  async start() {
    const snapshot = this.snapshot(); // looked up (and read, or fetched) while the loader loads
    snapshot.catch(() => {}); // a failure is raised by restore(), which awaits it
    /** @type {LoadPyodide} */
    let loadPyodide;
    try {
      ({ loadPyodide } = await import(new URL("pyodide.mjs", this.indexURL).href));
    } catch (error) {
      throw new StartError(error);
    }
    this.mark("loader");
    let calculators;
    try {
      calculators = await this.restore(loadPyodide, snapshot);
    } catch (error) {
      console.warn("KA Playbook: no usable snapshot, starting Python normally:", String(error));
      try {
        calculators = await this.boot(loadPyodide);
      } catch (error) {
        throw error instanceof StartError ? error : new StartError(error);
      }
    }
    this.mark("import");
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
    }
  }
}

/** Where Python installs packages. @param {PyodideAPI} pyodide @returns {string} */
function sitePackages(pyodide) {
  return pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
}

// The engine's addresses (runtime folder and wheel, of one version) come as parameters of this
// script's address, or in the first message, {type: "engine"}: a copy of this script served by
// the offline cache keeps no parameters. Calls that come before it wait for the start.
function main() {
  const params = new URL(self.location.href).searchParams;
  /** @type {Promise<Runtime>} */
  const runtime = new Promise((resolve) => {
    /** @param {MessageEvent<Request>} event */
    const first = (event) => {
      if (event.data?.type !== "engine") return;
      self.removeEventListener("message", first);
      const engine = {
        ...event.data,
        index: params.get("index") || event.data.index,
        wheel: params.get("wheel") || event.data.wheel,
        mbps: event.data.mbps ?? null,
      };
      const started = new Runtime(engine);
      started.ready.then(
        () => post({ type: "ready", timings: started.timings }),
        (error) => post({
          type: "failed",
          reason: error instanceof StartError ? error.reason : "start",
          message: text(error),
        }),
      );
      resolve(started);
    };
    self.addEventListener("message", first);
  });
  self.addEventListener("message", (/** @type {MessageEvent<Request>} */ event) => {
    if (event.data?.type === "engine") return;
    runtime.then((started) => started.answer(event.data)).catch((error) => console.error("KA Playbook worker:", error));
  });
}

main();
