// @ts-check
// Thin glue between the pre-rendered calculator forms and the Pyodide worker.
// Forms and results are rendered by Python (at build time, then in the worker); CSV is read and
// written by Python too. This script only moves values between the form, the worker, the
// address bar and local storage. It holds no sales logic.
// It runs on every page instant navigation brings in (material.mjs), starts the worker only on a
// page that has a calculator, after the page is painted, and keeps it for the rest of the visit.
// The widgets of a page that was left are destroyed (their listeners removed).
//
// Its parts, each loaded from here so the browser fetches them at once: client.mjs (the worker,
// through rpc.mjs; messages in protocol.mjs), widget.mjs (one calculator) with form.mjs,
// saved.mjs, toolbar.mjs (with import-preview.mjs) and scoreboard.mjs, and hooks.mjs (test
// hooks, only when asked for).

import { WorkerClient } from "./client.mjs";
import { testHooks } from "./hooks.mjs";
import { ENGINE_SETTLED } from "./offline.mjs";
import { format } from "./form.mjs";
import { onEveryPage } from "./material.mjs";
import { recordProgress, showProgress } from "./progress.mjs";
import { Room } from "./room.mjs";
import { parseHash } from "./state.mjs";
import { Widget } from "./widget.mjs";
import "./import-preview.mjs";
import "./rpc.mjs";
import "./saved.mjs";
import "./scoreboard.mjs";
import "./toolbar.mjs";

// A start that has not finished by then is reported, with a button to try again; it goes on in
// the background and the calculator still goes live if it finishes later (a slow network).
const START_TIMEOUT_MS = 60_000;
// The watchdog of a result: not answered by then (longer for a new worker's first result and for
// many rows, see client.mjs watchdogMs), Python is taken to be stuck (it cannot be interrupted):
// the result is marked stale, the worker is started again by itself and the latest inputs are
// sent again. Reading or writing a whole file has a limit of its own.
const CALL_TIMEOUT_MS = 5_000;
const FILE_TIMEOUT_MS = 300_000;

// The calculators of this visit: one worker, and the widgets of the page shown.
class Session {
  /** @type {Set<Widget>} */
  widgets = new Set();
  /** @type {Set<Widget>} widgets to compute when the worker is ready */
  waiting = new Set();

  /**
   * @param {import("./hooks.mjs").TestHooks | null} hooks
   * @param {Room | null} room the room this page is served to (room mode), if any
   */
  constructor(hooks, room) {
    this.room = room;
    /** @type {import("./client.mjs").ClientOptions} */
    const options = {
      root: new URL("../", import.meta.url),
      startTimeoutMs: hooks?.startTimeoutMs ?? START_TIMEOUT_MS,
      callTimeoutMs: hooks?.callTimeoutMs ?? CALL_TIMEOUT_MS,
      fileTimeoutMs: hooks?.callTimeoutMs ?? FILE_TIMEOUT_MS,
      onReady: () => this.ready(),
      onFailed: () => this.failed(),
      onRestarting: () => this.restarting(),
    };
    // in room mode the laptop's Python answers (room-client.mjs): no runtime to download
    this.client = room ? room.client(options) : new WorkerClient(options);
    /** @type {import("./widget.mjs").Host} */
    this.host = {
      client: this.client,
      retry: () => this.retry(),
      wait: (widget) => this.waiting.add(widget),
    };
  }

  /** The widgets of the page shown; those of a page left are destroyed. */
  live() {
    for (const widget of this.widgets) {
      if (widget.root.isConnected) continue;
      widget.destroy();
      this.widgets.delete(widget);
      this.waiting.delete(widget);
    }
    return [...this.widgets];
  }

  // Start Python once the page has been painted: at once if it already has been (Paint Timing),
  // otherwise after the next frame. Pages without a calculator never start it.
  startAfterPaint() {
    const first = document.querySelector(".ka-calc");
    if (!(first instanceof HTMLElement) || this.client.state !== "off") return;
    const ui = JSON.parse(first.dataset.ui ?? "{}");
    const start = () => this.client.start(ui.wheel, ui.engine);
    // with the offline copy in control, the engine comes from this device: no need to wait
    if (performance.getEntriesByType("paint").length || navigator.serviceWorker?.controller) start();
    else requestAnimationFrame(() => setTimeout(start, 0));
  }

  // Every page instant navigation brings in: its calculators come alive.
  mount() {
    this.live();
    showProgress(document); // a drill's progress, kept on this device (progress.mjs)
    this.room?.page();
    const roots = document.querySelectorAll(".ka-calc:not([data-mounted])");
    if (!roots.length) return;
    this.otherCalculators(roots);
    this.startAfterPaint();
    for (const root of roots) {
      if (!(root instanceof HTMLElement)) continue;
      root.dataset.mounted = "true";
      const widget = new Widget(root, this.host);
      this.widgets.add(widget);
      root.addEventListener("ka:computed", (event) => recordProgress(root, event));
      this.room?.attach(widget);
      widget.saved.restore()
        .catch((error) => console.error("KA Playbook: state not restored:", error))
        .then(() => widget.exercise.startFromAddress()) // the room's link: `?start=blank`
        .then(() => widget.compute()); // queued until the worker is ready
    }
  }

  // A link that holds the state of a calculator this page does not have is not ignored silently:
  // the first calculator of the page says so (the link stays in the address).
  /** @param {NodeListOf<Element>} roots */
  otherCalculators(roots) {
    const here = new Set([...roots].map((root) => (root instanceof HTMLElement ? root.dataset.calc : "")));
    const others = [...parseHash(location.hash).states.keys()].filter((slug) => !here.has(slug));
    const first = roots[0];
    if (!others.length || !(first instanceof HTMLElement)) return;
    const ui = JSON.parse(first.dataset.ui ?? "{}");
    queueMicrotask(() => {
      const widget = [...this.widgets].find((w) => w.root === first);
      widget?.notice.show(format(ui.link_other_calculator, { names: others.join(", ") }), [], "other-calculator");
    });
  }

  // The worker is ready (also after it was reported as too slow): compute what waits, and every
  // calculator that shows the failure.
  ready() {
    for (const widget of this.live()) {
      if (this.waiting.has(widget) || widget.status.dataset.state === "failed") widget.compute();
    }
    this.waiting.clear();
    document.dispatchEvent(new Event(ENGINE_SETTLED)); // the offline copy may start now
  }

  failed() {
    this.waiting.clear();
    for (const widget of this.live()) widget.showFailed();
    document.dispatchEvent(new Event(ENGINE_SETTLED));
  }

  // The worker stopped and starts again by itself: every calculator says so, and computes once
  // it is ready (a calculator whose inputs were the cause says that instead).
  restarting() {
    setTimeout(() => { // after the calls the stopped worker left have ended (their callers first)
      for (const widget of this.live()) {
        if (!["crashed", "hung", "restarting"].includes(widget.status.dataset.state ?? "")) widget.compute();
      }
    }, 0);
  }

  // Start again from scratch (the files the browser already has come from its cache).
  retry() {
    this.client.retry();
    for (const widget of this.live()) widget.compute();
  }

  // For tests and the benchmark, only when they ask (hooks.mjs): the worker's state, and
  // scoring without a form (e.g. the parity tests).
  testApi() {
    const { client } = this;
    return {
      state: () => client.state,
      starts: () => client.starts,
      firstResultAt: () => client.firstResultAt,
      timings: () => client.timings,
      /** @param {string} slug @param {string} inputs */
      score: (slug, inputs, lang = "en", root = "") => client
        .call("score_json", slug, inputs, lang, root, "")
        .then((answer) => JSON.stringify(answer)),
    };
  }
}

function main() {
  const hooks = testHooks();
  const session = new Session(hooks, Room.fromPage());
  if (hooks) hooks.calculators = session.testApi();
  session.startAfterPaint();
  // the page shown and every page instant navigation brings in (the widget may load this
  // module before the theme has started: material.mjs waits for it)
  onEveryPage(() => session.mount());
}

main();
