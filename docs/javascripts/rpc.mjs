// @ts-check
// Calls that wait for an answer over a message port (the Pyodide worker): each call gets an id,
// its answer is matched by that id, and every call ends, answered or not. A call the worker
// does not answer in time, or that is left waiting when the worker fails, is rejected with a
// CallError, never left pending, and the caller turns that into the widget's visible state.
// The worker answers one call after the other, so a call's time limit counts from the last sign
// of life: any answer re-arms the others' timers, and a call queued behind a long import is not
// failed for the import's time. A timer that fires late says this page was busy (printing a
// table of 10,000 rows, say), not that the worker is: an answer may be waiting behind it, so the
// call is given a short grace before it is failed.

/** @typedef {import("./protocol.mjs").IdRequest} IdRequest */
/** @typedef {import("./protocol.mjs").IdReply} IdReply */

/**
 * Why a call has no answer: `crash` (Python raised for it: an engine fault), `timeout` (no
 * answer in time), `failed` (the worker cannot be used: it failed, stopped or was replaced).
 * @typedef {"crash" | "timeout" | "failed"} CallErrorCode
 */

export class CallError extends Error {
  /**
   * @param {CallErrorCode} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = "CallError";
    this.code = code;
  }
}

/**
 * @typedef {object} Pending
 * @property {(payload: string) => void} resolve
 * @property {(error: CallError) => void} reject
 * @property {number} limit milliseconds without any sign of life before the call times out
 * @property {ReturnType<typeof setTimeout> | undefined} timer
 * @property {boolean} graced whether its time limit was already extended once for a late timer
 */

/** A timer this much past its time fired late: this page's own thread was busy meanwhile. */
export const LATE_MS = 500;
/** How long a call whose timer fired late still waits, for an answer queued behind the delay. */
export const GRACE_MS = 1_000;

export class Rpc {
  /** @type {Map<number, Pending>} */
  #pending = new Map();
  #nextId = 1;
  #send;
  #onTimeout;

  /**
   * @param {(message: IdRequest) => void} send posts one request to the other side
   * @param {(error: CallError, limit: number) => void} onTimeout told once per call that timed
   *   out, with its time limit in milliseconds
   */
  constructor(send, onTimeout) {
    this.#send = send;
    this.#onTimeout = onTimeout;
  }

  /** How many calls wait for an answer. */
  get waiting() {
    return this.#pending.size;
  }

  /**
   * Send the request `make` builds with a fresh id; resolves with the answer's payload (JSON
   * text), rejects with a CallError.
   * @param {(id: number) => IdRequest} make
   * @param {number} limit milliseconds
   * @returns {Promise<string>}
   */
  request(make, limit) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, limit, timer: undefined, graced: false });
      this.#arm(id);
      try {
        this.#send(make(id));
      } catch (error) { // a value that cannot be posted, or a worker already gone
        this.#settle(id)?.reject(new CallError("failed", String(error instanceof Error ? error.message : error)));
      }
    });
  }

  /**
   * An answer from the other side; false if no call waits for it (answered already, timed out,
   * or from a worker that was replaced).
   * @param {IdReply} reply
   */
  answer(reply) {
    const call = this.#settle(reply.id);
    for (const id of this.#pending.keys()) this.#arm(id); // the other side is alive
    if (!call) return false;
    if (reply.type === "result") call.resolve(reply.payload);
    else call.reject(new CallError("crash", reply.message));
    return true;
  }

  /**
   * End every waiting call with `error` (the worker failed or is replaced).
   * @param {CallError} error
   */
  rejectAll(error) {
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(error);
  }

  /**
   * @param {number} id
   * @param {number} [wait] milliseconds until the call times out (its limit, or a grace)
   */
  #arm(id, wait) {
    const call = this.#pending.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    const ms = wait ?? call.limit;
    const due = performance.now() + ms;
    call.timer = setTimeout(() => {
      if (!call.graced && performance.now() - due > LATE_MS) {
        call.graced = true; // late: this thread was busy; an answer may be queued behind it
        this.#arm(id, GRACE_MS);
        return;
      }
      const error = new CallError("timeout", `no answer within ${call.limit} ms`);
      this.#settle(id)?.reject(error);
      this.#onTimeout(error, call.limit);
    }, ms);
  }

  /** @param {number} id */
  #settle(id) {
    const call = this.#pending.get(id);
    if (!call) return undefined;
    clearTimeout(call.timer);
    this.#pending.delete(id);
    return call;
  }
}
