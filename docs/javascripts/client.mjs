// @ts-check
// The page's side of the Pyodide worker: one worker per tab, started once and kept for the whole
// visit (instant navigation keeps it). It starts the worker, says when it is ready or why it
// failed, calls the package's entry points through rpc.mjs and starts again on request. Every
// call ends: with the entry point's answer, or with a CallError that the widget shows in the
// reader's language. No sales logic: it moves inputs in and answers out.

import { CallError, Rpc } from "./rpc.mjs";

/** @typedef {import("./protocol.mjs").EngineName} EngineName */
/** @typedef {import("./protocol.mjs").EntryPoint} EntryPoint */
/** @typedef {import("./protocol.mjs").EntryArgs} EntryArgs */
/** @typedef {import("./protocol.mjs").EntryAnswers} EntryAnswers */
/** @typedef {import("./protocol.mjs").Reply} Reply */
/** @typedef {import("./protocol.mjs").Request} Request */
/** @typedef {import("./protocol.mjs").Timings} Timings */

/** @typedef {"off" | "loading" | "ready" | "failed"} WorkerState */

/**
 * Why the worker cannot be used, for the reader's message: a file it needs could not be
 * downloaded (fetch), Python could not start (start), not started in time (timeout), stopped
 * working (stopped), or a call got no answer in time and the worker was stopped (unanswered).
 * `seconds` is the time limit that was reached.
 * @typedef {{reason: import("./protocol.mjs").WorkerFailure | "timeout" | "unanswered", seconds: number}} Failure
 */

/**
 * @typedef {object} ClientOptions
 * @property {URL} root the site's root
 * @property {number} startTimeoutMs a start not finished by then is reported (it goes on)
 * @property {number} callTimeoutMs the watchdog of a result: a call not answered by then (plus
 *   the time its rows may take, see watchdogMs) stops the worker, which starts again by itself
 * @property {number} fileTimeoutMs the same for reading or writing a file (imports, exports)
 * @property {() => void} onReady the worker is ready (also after it was reported as too slow)
 * @property {(failure: Failure) => void} onFailed the worker cannot be used
 * @property {() => void} onRestarting the worker stopped and a new one is starting by itself
 */

// The first call of a new worker also compiles the calculator's modules: its watchdog is longer.
const FIRST_CALL_FACTOR = 4;
// Scoring time grows with the rows: 10,000 CRM deals take 10-12 s on a laptop, four times that
// on a slow phone, so each row adds this much to a result's watchdog.
const PER_ROW_MS = 5;
// How often in one visit a worker that stopped answering (or that Python itself took down) is
// started again without asking: past that, the reader is told and offered to try again.
const AUTO_RESTARTS = 3;

// Entry points that read or write a whole file: longer to answer than a result.
const FILE_CALLS = new Set(["table_import_json", "table_export_json"]);

export class WorkerClient {
  /** @type {Worker | null} */
  #worker = null;
  /** @type {WorkerState} */
  state = "off";
  /** @type {Failure | null} */
  failure = null;
  starts = 0; // how many workers this visit started (1 unless the reader tried again)
  /** @type {Timings & {created?: number, early?: boolean} | null} how long each step of the start took; `early`: the worker the page's <head> created */
  timings = null;
  /** @type {number | null} performance.now() of the first result Python computed on this visit */
  firstResultAt = null;
  /** @type {{wheel: string, engine: string} | null} */
  #engine = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #startTimer;
  /** @type {Promise<void> | null} openpyxl installed in this worker */
  #xlsx = null;
  answered = 0; // calls this worker answered: its first has the longer watchdog
  /** @type {Set<string>} calculators this worker answered for: its first of each is longer too */
  #warm = new Set();
  restarts = 0; // workers started again without asking, on this visit
  #rpc;
  #options;

  /** @param {ClientOptions} options */
  constructor(options) {
    this.#options = options;
    this.#rpc = new Rpc((message) => this.#post(message), (error, limit) => this.#unanswered(error, limit));
  }

  /**
   * Start the worker with the engine of this build (runtime folder and wheel, relative to the
   * site's root), or take over the one the page's <head> started; nothing if it runs already.
   * @param {string} wheel
   * @param {string} engine
   */
  start(wheel, engine) {
    if (this.#worker) return;
    this.#engine = { wheel, engine };
    const { root, startTimeoutMs } = this.#options;
    this.state = "loading";
    this.starts += 1;
    const early = takeEarlyWorker();
    const started = early ?? createWorker(root, wheel, engine);
    const { worker, created } = started;
    this.#worker = worker;
    clearTimeout(this.#startTimer);
    this.#startTimer = setTimeout(() => {
      if (this.state === "loading") this.#fail({ reason: "timeout", seconds: Math.round(startTimeoutMs / 1000) }, `not started after ${startTimeoutMs} ms`);
    }, startTimeoutMs);
    /** @param {MessageEvent<Reply>} event */
    const received = (event) => {
      if (worker !== this.#worker) return; // a worker replaced by a new start
      const message = event.data;
      if (message.type === "failed" && message.reason === "stopped" && this.state === "ready" && this.#restartOnItsOwn()) {
        console.error("KA Playbook calculator: Python stopped, started again:", message.message);
      } else if (message.type === "ready") {
        clearTimeout(this.#startTimer);
        this.state = "ready";
        this.failure = null;
        this.timings = { created, early: Boolean(early), ...message.timings };
        this.#options.onReady();
      } else if (message.type === "failed") {
        this.#fail({ reason: message.reason || "start", seconds: 0 }, message.message);
      } else {
        if (this.#rpc.answer(message)) this.answered += 1;
      }
    };
    /** @param {ErrorEvent} event */
    const crashed = (event) => {
      if (worker !== this.#worker) return;
      event.preventDefault();
      if (this.state === "ready" && this.#restartOnItsOwn()) return;
      this.#fail({ reason: this.state === "ready" ? "stopped" : "start", seconds: 0 }, event.message || "the worker script did not run");
    };
    worker.onmessage = received;
    worker.onerror = crashed;
    for (const event of started.missed) {
      if (event instanceof MessageEvent) received(event);
      else crashed(/** @type {ErrorEvent} */ (event));
    }
  }

  /** Start again from scratch (the files the browser already has come from its cache). */
  retry() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#rpc.rejectAll(new CallError("failed", "the worker was started again"));
    this.state = "off";
    this.answered = 0;
    this.#warm.clear();
    this.#xlsx = null; // the new worker has not installed it
    if (this.#engine) this.start(this.#engine.wheel, this.#engine.engine);
  }

  /**
   * Call one of the package's entry points; resolves with its parsed JSON answer, rejects with a
   * CallError (also when the worker is not ready).
   * @template {EntryPoint} N
   * @param {N} name
   * @param {EntryArgs[N]} args
   * @returns {Promise<EntryAnswers[N]>}
   */
  async call(name, ...args) {
    const { callTimeoutMs, fileTimeoutMs } = this.#options;
    return this.callWithin(FILE_CALLS.has(name) ? fileTimeoutMs : callTimeoutMs, name, ...args);
  }

  /**
   * The same, with a time limit of its own: a call not answered by then stops the worker,
   * which starts again by itself (rejects with a CallError "timeout").
   * @template {EntryPoint} N
   * @param {number} limit milliseconds
   * @param {N} name
   * @param {EntryArgs[N]} args
   * @returns {Promise<EntryAnswers[N]>}
   */
  async callWithin(limit, name, ...args) {
    if (this.state !== "ready") throw new CallError("failed", `calculator is ${this.state}`);
    const worker = this.#worker;
    const payload = await this.#rpc.request((id) => ({ type: "call", id, name, args }), limit);
    if (worker === this.#worker) this.#warm.add(String(args[0])); // its module is imported now
    return JSON.parse(payload);
  }

  /**
   * The watchdog of a result: a few seconds, longer for a new worker's first call and for the
   * first call of each calculator (Python imports its module then), and longer for inputs of
   * many rows.
   * @param {number} rows
   * @param {string} slug the calculator
   */
  watchdogMs(rows, slug) {
    const first = !this.answered || !this.#warm.has(slug);
    return this.#options.callTimeoutMs * (first ? FIRST_CALL_FACTOR : 1) + rows * PER_ROW_MS;
  }

  /** Install openpyxl in the worker (from this site's own wheels), once, before an Excel file. */
  installXlsx() {
    if (this.state !== "ready") return Promise.reject(new CallError("failed", `calculator is ${this.state}`));
    const installing = this.#xlsx ?? this.#rpc
      .request((id) => ({ type: "xlsx", id }), this.#options.fileTimeoutMs)
      .then(() => undefined);
    this.#xlsx = installing;
    installing.catch(() => { if (this.#xlsx === installing) this.#xlsx = null; }); // a later file may try again
    return installing;
  }

  /** The first result Python computed on this visit (for the benchmark). */
  computed() {
    this.firstResultAt ??= performance.now();
  }

  /** @param {Request} message */
  #post(message) {
    if (!this.#worker) throw new Error("no worker");
    this.#worker.postMessage(message);
  }

  /**
   * The runtime cannot be used: calls still waiting are answered as failed, and the page is told.
   * @param {Failure} failure
   * @param {string} detail
   */
  #fail(failure, detail) {
    clearTimeout(this.#startTimer);
    this.state = "failed";
    this.failure = failure;
    console.error("KA Playbook calculator:", failure.reason, detail);
    this.#rpc.rejectAll(new CallError("failed", detail));
    this.#options.onFailed(failure);
  }

  /**
   * A call got no answer in time: Python is stuck (it cannot be interrupted), so the worker is
   * stopped and started again by itself, or, when that was done too often already, the reader
   * is offered to start it again.
   * @param {CallError} error
   * @param {number} limit the call's time limit, in milliseconds
   */
  #unanswered(error, limit) {
    if (this.state !== "ready") return;
    if (this.#restartOnItsOwn()) return;
    this.#worker?.terminate();
    this.#worker = null;
    const seconds = Math.round(limit / 1000);
    this.#fail({ reason: "unanswered", seconds }, error.message);
  }

  /**
   * Python stopped answering, or stopped working: a new worker starts at once, a few times a
   * visit (calls still waiting end with a CallError, and their callers ask again once it is
   * ready); false when that was done too often already.
   */
  #restartOnItsOwn() {
    if (this.restarts >= AUTO_RESTARTS) return false;
    this.restarts += 1;
    this.retry();
    this.#options.onRestarting();
    return true;
  }
}

/**
 * A worker this page created, and what it said before client.mjs listened.
 * @typedef {{worker: Worker, created: number, missed: Event[]}} StartedWorker
 */

/**
 * The worker for an engine, named with it (protocol.mjs, EngineName), with how fast this page's
 * own files came, for the worker's choice of a snapshot or not.
 * @param {URL} root the site's root
 * @param {string} wheel relative to the root
 * @param {string} engine relative to the root
 * @returns {StartedWorker}
 */
function createWorker(root, wheel, engine) {
  /** @type {EngineName} */
  const name = { index: new URL(engine, root).href, wheel: new URL(wheel, root).href, mbps: measuredMbps() };
  const created = Math.round(performance.now());
  const worker = new Worker(new URL("javascripts/worker.mjs", root), { type: "module", name: JSON.stringify(name) });
  return { worker, created, missed: [] };
}

/**
 * The worker the page's <head> created on a return visit (javascripts/head.js), taken
 * once; null if there is none. It is named with the build's engine, as the widgets are.
 * @returns {StartedWorker | null}
 */
function takeEarlyWorker() {
  const early = window.kaEarlyWorker;
  delete window.kaEarlyWorker; // the page keeps no global of its own
  if (!early) return null;
  early.worker.onmessage = null;
  early.worker.onerror = null;
  return early;
}

// The fastest download of this page's own files, in Mbit/s; null if all came from a cache.
function measuredMbps() {
  /** @type {number | null} */
  let best = null;
  const entries = /** @type {PerformanceResourceTiming[]} */ ([
    ...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource"),
  ]);
  for (const entry of entries) {
    const ms = entry.responseEnd - entry.responseStart;
    if (entry.transferSize > 8000 && ms > 0) best = Math.max(best ?? 0, (entry.transferSize * 8) / ms / 1000);
  }
  return best;
}
