// @ts-check
// In room mode the trainer's laptop computes for the phones: the same entry points the page's
// Pyodide worker answers (protocol.mjs) are posted to the room service (scripts/ka_site/commands/room/
// api.py, `engine`), where the laptop's own Python runs the same `calculators` package. A phone
// then needs only the page to score, send and answer a quiz; the Python runtime (megabytes) is
// never downloaded. The widget sees the same client as with a worker: ready at once, the same
// answers, and "failed" with a way to try again when the laptop does not answer.

import { WorkerClient } from "./client.mjs";
import { CallError } from "./rpc.mjs";

/** @typedef {import("./protocol.mjs").EntryPoint} EntryPoint */
/** @typedef {import("./protocol.mjs").EntryArgs} EntryArgs */
/** @typedef {import("./protocol.mjs").EntryAnswers} EntryAnswers */
/** @typedef {import("./client.mjs").ClientOptions} ClientOptions */

/**
 * Bytes as base64, for a file sent in a JSON body.
 * @param {Uint8Array} bytes
 */
function toBase64(bytes) {
  let text = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(text);
}

export class RoomClient extends WorkerClient {
  #options;
  #engine;

  /**
   * @param {ClientOptions} options
   * @param {URL} api the room service's address (…/room/api/)
   */
  constructor(options, api) {
    super(options);
    this.#options = options;
    this.#engine = new URL("engine", api);
  }

  /** Nothing to load: the laptop's Python is already running. A worker the page's <head>
   * started (a phone that once kept the site offline) is not needed and is stopped. */
  start() {
    const client = this.#base();
    if (client.state === "ready") return;
    const early = window.kaEarlyWorker;
    delete window.kaEarlyWorker;
    early?.worker.terminate();
    client.state = "ready";
    client.failure = null;
    client.starts += 1;
    client.timings = { created: Math.round(performance.now()) };
    queueMicrotask(() => this.#options.onReady());
  }

  retry() {
    this.#base().state = "off";
    this.start();
  }

  // The state the widgets read is the base client's (assigned through it, so this class does
  // not declare fields of its own with the same names).
  #base() {
    return /** @type {WorkerClient} */ (this);
  }

  /**
   * Call one of the package's entry points on the laptop; resolves with its parsed answer,
   * rejects with a CallError (and the client fails, with a way to try again) when the laptop
   * does not answer in time or at all. (`call` comes here with the entry point's usual limit.)
   * @template {EntryPoint} N
   * @param {number} limit milliseconds
   * @param {N} name
   * @param {EntryArgs[N]} args
   * @returns {Promise<EntryAnswers[N]>}
   */
  async callWithin(limit, name, ...args) {
    if (this.state !== "ready") throw new CallError("failed", `calculator is ${this.state}`);
    const wire = args.map((arg) => (arg instanceof Uint8Array ? toBase64(arg) : arg));
    let response;
    try {
      response = await fetch(this.#engine, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name, args: wire }),
        signal: AbortSignal.timeout(limit),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      this.#lost(timedOut ? { reason: "unanswered", seconds: Math.round(limit / 1000) } : { reason: "fetch", seconds: 0 });
      throw new CallError(timedOut ? "timeout" : "failed", String(error));
    }
    if (!response.ok) {
      // the room refused the call (too large, too many): an answer about the call, not the laptop
      throw new CallError("crash", `the room answered ${response.status}`);
    }
    return /** @type {EntryAnswers[N]} */ (await response.json());
  }

  /** The laptop's Python has openpyxl already. */
  installXlsx() {
    return Promise.resolve();
  }

  /** @param {import("./client.mjs").Failure} failure */
  #lost(failure) {
    const client = this.#base();
    if (client.state !== "ready") return;
    client.state = "failed";
    client.failure = failure;
    this.#options.onFailed(failure);
  }
}
