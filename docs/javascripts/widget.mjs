// @ts-check
// One calculator on a page: it sends the form's inputs to Python (client.mjs) on every change,
// places the answer (the result, each message beside its field, the tables' row results) and
// shows its status in the page's language. The form (form.mjs), the reader's saved work and links
// (saved.mjs), the tools (toolbar.mjs) and the tables' layout (scoreboard.mjs) are its parts.
// Every listener it adds is removed by destroy(), when instant navigation leaves the page.

import { CallError } from "./rpc.mjs";
import { Exercise } from "./exercise.mjs";
import { Form, format, part } from "./form.mjs";
import { PhoneView } from "./phone.mjs";
import { Notice, SavedWork } from "./saved.mjs";
import { Scoreboard } from "./scoreboard.mjs";
import { Toolbar } from "./toolbar.mjs";

/** @typedef {import("./client.mjs").WorkerClient} WorkerClient */
/** @typedef {import("./protocol.mjs").ScoreAnswer} ScoreAnswer */

/**
 * What a widget needs from the page it is on: the one worker of the visit, a way to start it
 * again, and a way to be computed once the worker is ready.
 * @typedef {object} Host
 * @property {WorkerClient} client
 * @property {() => void} retry start the worker again, then compute every calculator
 * @property {(widget: Widget) => void} wait compute `widget` when the worker is ready
 */

// A change after a pause is computed at once; changes that follow it within this many
// milliseconds (typing "120") wait for the next pause, and are computed together.
const DEBOUNCE_MS = 80;

/**
 * Put a result's HTML into `box`, part by part: a part (the verdict, the figures, a table, a
 * chart) that is the same as the one shown stays as it is, so that an edit in a big pipeline
 * lays out and paints again only what changed (its ranked table of 200 deals often did not),
 * and the pre-rendered worked example, when it is the answer, stays untouched: the first
 * paint's largest content then stays final. (A result's tables carry a class, so the theme
 * leaves them where they are: no wrapper to discount here.)
 * @param {HTMLElement} box
 * @param {string} html
 */
function updateInPlace(box, html) {
  if (shownHtml.get(box) === html) return; // the same answer again
  shownHtml.set(box, html);
  const fresh = document.createElement("div");
  fresh.innerHTML = html; // parsed once: a result of thousands of rows costs its parse
  const parts = [...fresh.childNodes].filter(isPart);
  const shown = [...box.childNodes].filter(isPart);
  if (parts.length !== shown.length) {
    box.replaceChildren(...fresh.childNodes);
    return;
  }
  parts.forEach((part, i) => { if (!shown[i].isEqualNode(part)) shown[i].replaceWith(part); });
}

/** @param {Node} node a part of a result: anything but the blanks between parts */
function isPart(node) {
  return node.nodeType !== Node.TEXT_NODE || Boolean(node.textContent?.trim());
}

/** @type {WeakMap<HTMLElement, string>} the HTML each result box shows, as Python sent it */
const shownHtml = new WeakMap();


/** @typedef {"loading" | "live" | "error" | "failed" | "working" | "crashed" | "restarting" | "hung"} Status */

// The words of each status, by what the result shows then (the worked example, the result of
// earlier inputs, or, while Python is stopped, the result of what the form shows now): every key
// written out, so tests/test_ui_keys.py finds each in the word files.
/** @type {Record<Status, {example: string, earlier: string, inputs?: string}>} */
const STATUS_WORDS = {
  loading: { example: "status_loading", earlier: "status_loading" },
  live: { example: "status_live", earlier: "status_live" },
  error: { example: "status_error_example", earlier: "status_error_earlier" },
  failed: { example: "status_failed_example", earlier: "status_failed_earlier", inputs: "status_failed_inputs" },
  working: { example: "status_working", earlier: "status_working" },
  crashed: { example: "status_crashed_example", earlier: "status_crashed_earlier" },
  restarting: { example: "status_restarting_example", earlier: "status_restarting_earlier", inputs: "status_restarting_inputs" },
  hung: { example: "status_hung_example", earlier: "status_hung_earlier" },
};

// Why the calculators failed, in the reader's words.
/** @type {Record<import("./client.mjs").Failure["reason"], string>} */
const FAILURE_WORDS = {
  fetch: "failed_fetch",
  start: "failed_start",
  timeout: "failed_timeout",
  stopped: "failed_stopped",
  unanswered: "failed_unanswered",
};

export class Widget {
  #listening = new AbortController();
  /** @type {ReturnType<typeof setTimeout> | undefined} the compute to come after a pause, if any */
  #timer;
  #lastChange = -Infinity;
  #startsNow = false; // a compute for the latest change starts once this event is handled
  /** @type {string | null} the latest change's inputs, as JSON, for the compute that starts now */
  #fresh = null;
  /** @type {string | null} inputs to keep in this browser once their compute is on its way */
  #toSave = null;
  /** @type {string | null} the inputs of the last call sent, answered or under way; null: it failed */
  #sent = null;
  #inFlight = false; // an answer is under way
  #pending = false; // inputs to compute once it has come
  #sequence = 0;
  /** @type {string | null} the inputs shown in the result, as JSON; null: the worked example */
  #shown = null;
  /** @type {string | null} inputs a worker gave no answer for: a second time, they are not sent again */
  #unanswered = null;

  /**
   * @param {HTMLElement} root the widget's `.ka-calc` section
   * @param {Host} host
   */
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.slug = root.dataset.calc ?? "";
    this.lang = root.dataset.lang ?? "en";
    /** @type {Record<string, string>} */
    this.ui = JSON.parse(root.dataset.ui ?? "{}");
    const formElement = part(root, ".ka-calc-form", HTMLFormElement);
    this.status = part(root, ".ka-calc-status", HTMLElement);
    this.result = part(root, ".ka-calc-result", HTMLElement);
    this.scoreboard = new Scoreboard(formElement, (table) => this.form.virtual.get(/** @type {HTMLElement} */ (table)));
    this.form = new Form(formElement, this.lang, () => {
      this.scoreboard.relayout(); // columns Python hid stay hidden in new rows
      this.scoreboard.syncPrintValues();
      this.phone?.sync();
    });
    this.toolbar = new Toolbar(this);
    const { signal } = this.#listening;
    // on a phone: a row at a time, tap targets (phone.mjs)
    this.phone = new PhoneView(this.form, this.ui, signal, (row) => this.exercise.leave(row));
    formElement.addEventListener("input", (event) => this.edited(event), { signal });
    formElement.addEventListener("change", (event) => this.edited(event), { signal });
    formElement.addEventListener("submit", (event) => event.preventDefault(), { signal });
    formElement.addEventListener("reset", () => this.reset(), { signal });
    root.addEventListener("click", (event) => this.onClick(event), { signal });
    // capture: a picked file is handled here, before the form would take it for an edit
    root.addEventListener("change", (event) => this.onFile(event), { capture: true, signal });
    root.addEventListener("input", (event) => {
      if (isFilePicker(event.target)) event.stopPropagation(); // a file pick fires both
    }, { capture: true, signal });
    document.addEventListener("fullscreenchange", () => this.toolbar.onFullscreenChange(), { signal });
    for (const hidden of root.querySelectorAll("[data-needs-script]")) {
      if (hidden instanceof HTMLElement) hidden.hidden = false;
    }
    this.form.refreshTables();
    this.notice = new Notice(formElement, this.ui);
    this.saved = new SavedWork({
      slug: this.slug, root: root.dataset.root ?? "", ui: this.ui, form: this.form, notice: this.notice,
      changed: () => this.changed(), refresh: () => this.schedule(), signal,
    });
    // an exercise started blank: what is still to give is "to do", not an error (exercise.mjs)
    this.exercise = new Exercise({
      root, form: this.form, notice: this.notice, ui: this.ui, status: this.status, result: this.result,
      changed: () => this.changed(), recompute: () => this.schedule(), signal,
    });
    this.retryButton = document.createElement("button");
    this.retryButton.type = "button";
    this.retryButton.className = "md-button ka-retry";
    this.retryButton.dataset.action = "retry";
    this.retryButton.textContent = this.ui.retry;
    this.retryButton.hidden = true;
    this.status.after(this.retryButton);
  }

  /** The page was left: no listener, timer or pending answer of this widget acts any more. */
  destroy() {
    // a page left in projector mode (the browser's back button) leaves the projector too: the
    // next page is shown with its header and navigation
    if (this.root.classList.contains("ka-projected")) this.toolbar.projector(false);
    this.#listening.abort();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#startsNow = false;
    if (this.#toSave !== null) this.saved.save(this.#toSave); // a change of the last moment
    this.#toSave = null;
    this.#sequence += 1;
  }

  get live() {
    return this.root.isConnected && !this.#listening.signal.aborted;
  }

  /** @param {MouseEvent} event */
  onClick(event) {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button || !this.root.contains(button)) return;
    const sorted = this.scoreboard.onAction(button); // folding and sorting: scoreboard.mjs
    if (sorted === "sorted") {
      this.form.refreshTables();
      this.changed();
    }
    if (sorted) return;
    const table = this.form.tableOf(button);
    if (table && button.closest(".ka-table-tools, .ka-row-tools")) this.form.clearTableMessage(table);
    if (table && button.classList.contains("ka-add-row")) {
      this.form.addRow(table);
      this.changed();
    } else if (table && button.classList.contains("ka-remove-row")) {
      this.form.removeRow(table, button);
      this.changed();
    } else {
      this.toolbar.onClick(button, table);
    }
  }

  // A change the reader made in the form. Choosing a file is not one: its import answers beside
  // the table, and a recompute here would clear that answer before it could be read.
  /** @param {Event} event */
  edited(event) {
    if (isFilePicker(event.target)) return;
    const table = this.form.tableOf(event.target);
    if (table) this.form.clearTableMessage(table);
    this.changed();
  }

  /** @param {Event} event */
  onFile(event) {
    const input = event.target;
    if (!isFilePicker(input)) return;
    event.stopPropagation(); // not an edit: nothing recomputes (and clears messages) until it is read
    this.toolbar.onFile(input).catch((error) => console.error("KA Playbook import:", error));
  }

  reset() {
    // the browser restores scalar inputs; rows added or removed, and saved state, are reset here
    this.saved.forget();
    this.form.resetRows();
    setTimeout(() => { if (this.live) { this.form.refreshTables(); this.schedule(); } }, 0);
  }

  changed() {
    const inputs = JSON.stringify(this.form.inputs());
    // the inputs of the call already sent, nothing else to come (a field left after typing
    // fires "change" too): its answer is the answer, and a second one of 10,000 rows is not
    if (inputs === this.#sent && this.#timer === undefined && !this.#startsNow) return;
    this.schedule(inputs);
    // kept across reloads, until reset: a compute that starts now is sent first, and the
    // inputs are kept while Python works (a big table's megabyte is written meanwhile)
    if (this.#startsNow) this.#toSave = inputs;
    else this.saved.save(inputs);
  }

  /**
   * Compute the form once the reader pauses: a change after a pause at once (as soon as the
   * event that brought it is handled, before the page is drawn again, so that Python works
   * while the browser draws), changes within DEBOUNCE_MS of the last one at the next pause.
   * @param {string | null} [inputs] the form's inputs as JSON, when the caller has them already
   */
  schedule(inputs = null) {
    // an answer still under way is for inputs the reader has changed since: never shown as live
    this.#sequence += 1;
    this.#fresh = inputs;
    const now = performance.now();
    const paused = now - this.#lastChange >= DEBOUNCE_MS;
    this.#lastChange = now;
    if (!this.#startsNow) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      if (paused) {
        this.#startsNow = true; // one action's changes (a pasted row) start one compute
        queueMicrotask(() => this.#startNow());
      } else {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.compute();
        }, DEBOUNCE_MS);
      }
    }
    // the result no longer follows the form until Python answers
    if (this.live && this.host.client.state === "ready" && this.status.dataset.state !== "working") this.setStatus("working");
  }

  // The compute of a change after a pause: sent, then the inputs kept in this browser.
  #startNow() {
    if (!this.#startsNow) return; // the page was left
    this.#startsNow = false;
    const inputs = this.#fresh;
    this.#fresh = null;
    this.compute(inputs);
    const keep = this.#toSave;
    this.#toSave = null;
    if (keep !== null) this.saved.save(keep);
  }

  /**
   * Say what is shown. Every state names what the result is: for the form's inputs (live), the
   * worked example's, or for earlier inputs; a Python that stopped while the result was already
   * the form's (nothing typed since) says so, never "earlier inputs".
   * @param {Status} state
   * @param {Record<string, unknown>} [values]
   */
  setStatus(state, values = {}) {
    this.status.dataset.state = state;
    const words = STATUS_WORDS[state];
    /** @type {"example" | "earlier" | "inputs"} */
    let shown = this.#shown === null ? "example" : "earlier";
    if (shown === "earlier" && words.inputs && this.#shown === JSON.stringify(this.form.inputs())) shown = "inputs";
    this.status.dataset.shown = state === "live" ? "inputs" : shown;
    const text = this.ui[words[shown] ?? words.earlier];
    this.status.textContent = format(text, values);
    this.retryButton.hidden = true;
  }

  /** The runtime failed: say why, keep what is shown, offer to try again. */
  showFailed() {
    const failure = this.host.client.failure;
    this.setStatus("failed");
    const why = failure ? this.ui[FAILURE_WORDS[failure.reason]] : "";
    this.status.textContent = `${this.status.textContent} ${format(why, { seconds: failure?.seconds ?? "" })}`.trim();
    this.retryButton.hidden = false;
  }

  /** How many rows the form holds: a result's watchdog grows with them. */
  rows() {
    return this.form.tables().reduce((sum, table) => sum + this.form.count(table), 0);
  }

  /**
   * The message for a call that ended without an answer: the worker's failure, already shown
   * in the status with a button to try again, or else `fallback`.
   * @param {unknown} error
   * @param {string} fallback
   */
  callFailed(error, fallback) {
    if (error instanceof CallError && error.code !== "crash" && this.host.client.state === "failed") {
      return this.status.textContent ?? fallback;
    }
    return fallback;
  }

  /**
   * Compute the form's inputs: at once, or, while an answer is still under way, once it has
   * come (only the latest inputs then: a big table's worker is never handed a queue of edits
   * typed since, each to be computed in turn).
   * @param {string | null} [inputs] the form's inputs as JSON, read just now; else they are read
   * @returns {Promise<void>}
   */
  async compute(inputs = null) {
    if (this.#inFlight) {
      this.#pending = true;
      return;
    }
    this.#inFlight = true;
    try {
      await this.#computeNow(inputs);
    } finally {
      this.#inFlight = false;
      if (this.#pending) {
        this.#pending = false;
        this.compute();
      }
    }
  }

  /** @param {string | null} fresh @returns {Promise<void>} */
  async #computeNow(fresh) {
    const { client } = this.host;
    if (!this.live) return;
    if (client.state === "failed") return this.showFailed();
    if (client.state !== "ready") {
      this.host.wait(this);
      this.setStatus(client.starts > 1 ? "restarting" : "loading");
      if (this.#shown !== null) this.result.classList.add("ka-stale");
      return;
    }
    const sequence = ++this.#sequence;
    const started = performance.now();
    const inputs = fresh ?? JSON.stringify(this.form.inputs());
    const watchdog = client.watchdogMs(this.rows(), this.slug);
    this.setStatus("working");
    /** @type {ScoreAnswer} */
    let reply;
    try {
      // the answer whose row results the form holds: Python sends only the rows that changed
      const held = this.scoreboard.heldAnswer();
      this.#sent = inputs;
      reply = await client.callWithin(watchdog, "score_json", this.slug, inputs, this.lang, this.root.dataset.root ?? "", held);
    } catch (error) {
      this.#sent = null; // no answer: the same inputs are sent again at the next change
      if (sequence !== this.#sequence || !this.live) return;
      const now = /** @type {import("./client.mjs").WorkerState} */ (client.state); // since the call
      if (error instanceof CallError && error.code === "timeout") return this.timedOut(inputs, watchdog);
      if (now === "failed") return this.showFailed();
      if (now !== "ready") return this.compute(); // restarted: queue again
      return this.crashed(inputs, error);
    }
    if (sequence !== this.#sequence || !this.live) return; // a newer input won
    if (!this.scoreboard.complete(reply.form)) {
      // the rows changed since an answer the form no longer holds: ask for all of them
      this.scoreboard.forgetHeld();
      return this.compute();
    }
    this.#unanswered = null;
    this.saved.settled(inputs);
    this.form.clearErrors();
    this.scoreboard.place(reply.form); // headings and each row's results, as Python placed them
    if (reply.ok) {
      client.computed();
      updateInPlace(this.result, reply.html); // rendered and escaped by calculators.core._html
      this.#shown = inputs;
      this.result.classList.remove("ka-stale");
      this.setStatus("live");
      this.exercise.settle(true, [], []);
    } else {
      const { shown, todo } = this.exercise.sort(reply.error); // blanks of an exercise: to do
      const unplaced = this.form.showErrors({ ...reply.error, problems: shown });
      this.result.classList.add("ka-stale");
      this.setStatus("error");
      if (unplaced.length) this.status.textContent += ` ${unplaced.join(" ")}`;
      this.exercise.settle(false, shown, todo);
    }
    this.phone.sync();
    this.root.dataset.computeMs = String(Math.round(performance.now() - started));
    this.root.dataset.computed = String(sequence);
    this.root.dispatchEvent(new CustomEvent("ka:computed", { detail: { inputs, reply } }));
  }

  /**
   * Python raised something other than the one input error for these inputs: a fault of the
   * engine, not of the reader. Only this calculator says so; the next change computes again, and
   * the inputs are not kept (the saved state goes back to the last inputs Python answered).
   * @param {string} inputs
   * @param {unknown} error
   * @param {"crashed" | "hung"} [state] the status to show: `hung` is no answer, twice
   * @param {Record<string, unknown>} [values] the status's placeholders
   */
  crashed(inputs, error, state = "crashed", values = {}) {
    console.error(`KA Playbook calculator ${this.slug}:`, error instanceof Error ? error.message : error);
    this.form.clearErrors();
    this.result.classList.add("ka-stale");
    this.setStatus(state, values);
    this.saved.crashed(inputs); // offered at the next visit, never restored by itself
    const reply = { ok: false, crashed: true };
    this.root.dispatchEvent(new CustomEvent("ka:computed", { detail: { inputs, reply } }));
  }

  /**
   * The watchdog: Python gave no answer for these inputs in time. The result is marked stale
   * and the worker starts again by itself (client.mjs); these inputs are sent again once it is
   * ready. Inputs a worker gave no answer for twice are the cause: they are not sent a third
   * time, nor restored at the next visit.
   * @param {string} inputs
   * @param {number} watchdog milliseconds
   */
  timedOut(inputs, watchdog) {
    const seconds = Math.round(watchdog / 1000);
    if (this.#unanswered === inputs) {
      this.#unanswered = null;
      return this.crashed(inputs, `no answer within ${seconds} s, twice`, "hung", { seconds });
    }
    this.#unanswered = inputs;
    this.saved.crashed(inputs); // until it is answered: a reload does not send it by itself
    if (this.host.client.state === "failed") return this.showFailed();
    this.result.classList.add("ka-stale");
    this.host.wait(this);
    this.setStatus("restarting", { seconds });
  }
}

/** @param {EventTarget | null} target @returns {target is HTMLInputElement} */
function isFilePicker(target) {
  return target instanceof HTMLInputElement && target.classList.contains("ka-csv-file");
}
