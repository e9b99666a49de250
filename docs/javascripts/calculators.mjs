// Thin glue between the pre-rendered calculator forms and the Pyodide worker.
// Forms and results are rendered by Python (at build time, then in the worker); this script only
// reads what the reader typed, sends it, and shows the answer or the engine's message. It holds
// no sales logic. It runs on every page instant navigation brings in (document$), starts the
// worker only on a page that has a calculator, after the page is shown, and keeps it for the
// rest of the visit.

const SITE_ROOT = new URL("../", import.meta.url);
const DEBOUNCE_MS = 80; // wait for a pause in typing before computing

let worker = null;
let workerState = "off"; // off | loading | ready | failed
let workerStarts = 0;
let firstResultAt = null;
let workerCreatedAt = null;
let workerTimings = null; // how long each step of the start took, for the benchmark // performance.now() of the first result Pyodide computed on this visit
let nextId = 1;
const pending = new Map(); // id -> callback
const waiting = new Set(); // widgets to compute when the worker is ready

function startWorker(wheel) {
  if (worker) return;
  const url = new URL("javascripts/worker.mjs", SITE_ROOT);
  url.searchParams.set("index", new URL("assets/pyodide/", SITE_ROOT).href);
  url.searchParams.set("wheel", new URL(wheel, SITE_ROOT).href);
  workerState = "loading";
  workerStarts += 1;
  workerCreatedAt = Math.round(performance.now());
  worker = new Worker(url, { type: "module" });
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "ready") {
      workerState = "ready";
      workerTimings = { created: workerCreatedAt, ...message.timings };
      for (const widget of waiting) if (widget.root.isConnected) widget.compute();
      waiting.clear();
    } else if (message.type === "failed") {
      fail(message.message);
    } else {
      const callback = pending.get(message.id);
      pending.delete(message.id);
      if (callback) callback(message);
    }
  };
  worker.onerror = (event) => fail(event.message || "worker error");
}

function fail(reason) {
  workerState = "failed";
  console.error("KA Playbook calculator:", reason);
  for (const widget of waiting) widget.setStatus("failed");
  waiting.clear();
  for (const root of document.querySelectorAll(".ka-calc")) {
    const status = root.querySelector(".ka-calc-status");
    status.dataset.state = "failed";
    status.textContent = JSON.parse(root.dataset.ui).status_failed;
  }
}

function ask(slug, inputs, lang, root = "") {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker.postMessage({ id, type: "score", slug, inputs, lang, root });
  });
}

function readControl(control) {
  if (control.type === "checkbox") return control.checked;
  return control.value;
}

class Widget {
  constructor(root) {
    this.root = root;
    this.slug = root.dataset.calc;
    this.lang = root.dataset.lang;
    this.ui = JSON.parse(root.dataset.ui);
    this.form = root.querySelector(".ka-calc-form");
    this.status = root.querySelector(".ka-calc-status");
    this.result = root.querySelector(".ka-calc-result");
    this.sequence = 0;
    this.timer = null;
    this.initialRows = new Map(
      [...this.form.querySelectorAll(".ka-table")].map((t) => [t, t.querySelector("tbody").innerHTML]),
    );
    this.form.addEventListener("input", () => this.schedule());
    this.form.addEventListener("change", () => this.schedule());
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("click", (event) => this.onClick(event));
    this.form.addEventListener("reset", () => {
      // the browser restores scalar inputs; rows added or removed are restored here
      for (const [table, rows] of this.initialRows) table.querySelector("tbody").innerHTML = rows;
      setTimeout(() => { this.refreshTables(); this.schedule(); }, 0);
    });
    this.refreshTables();
  }

  onClick(event) {
    const add = event.target.closest(".ka-add-row");
    const remove = event.target.closest(".ka-remove-row");
    if (add) {
      const table = add.closest(".ka-table");
      const template = table.querySelector(".ka-row-template");
      const tbody = table.querySelector("tbody");
      tbody.append(template.content.cloneNode(true));
      this.refreshTables();
      tbody.lastElementChild.querySelector("input, select")?.focus();
      this.schedule();
    } else if (remove) {
      const table = remove.closest(".ka-table");
      remove.closest("tr").remove();
      this.refreshTables();
      table.querySelector(".ka-add-row").focus();
      this.schedule();
    }
  }

  refreshTables() {
    for (const table of this.form.querySelectorAll(".ka-table")) {
      const rows = table.querySelectorAll("tbody tr[data-row]");
      rows.forEach((row, index) => { row.querySelector(".ka-row-number").textContent = String(index + 1); });
      table.querySelector(".ka-add-row").disabled = rows.length >= Number(table.dataset.maxRows);
      for (const button of table.querySelectorAll(".ka-remove-row")) {
        button.disabled = rows.length <= Number(table.dataset.minRows);
      }
    }
  }

  inputs() {
    const inputs = {};
    for (const field of this.form.querySelectorAll(":scope > .ka-field")) {
      if (field.classList.contains("ka-table")) {
        inputs[field.dataset.field] = [...field.querySelectorAll("tbody tr[data-row]")].map((row) => {
          const cells = {};
          for (const cell of row.querySelectorAll("td[data-column]")) {
            cells[cell.dataset.column] = readControl(cell.querySelector("input, select"));
          }
          return cells;
        });
      } else {
        inputs[field.dataset.field] = readControl(field.querySelector("input, select"));
      }
    }
    return inputs;
  }

  setStatus(state) {
    this.status.dataset.state = state;
    this.status.textContent = this.ui[`status_${state}`];
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.compute(), DEBOUNCE_MS);
  }

  async compute() {
    if (workerState === "failed") return;
    if (workerState !== "ready") {
      waiting.add(this);
      this.setStatus("loading");
      return;
    }
    const sequence = ++this.sequence;
    const started = performance.now();
    const inputs = JSON.stringify(this.inputs());
    const answer = await ask(this.slug, inputs, this.lang, this.root.dataset.root);
    if (sequence !== this.sequence || !this.root.isConnected) return; // a newer input won
    if (answer.type !== "result") { fail(answer.message); return; }
    const reply = JSON.parse(answer.payload);
    this.clearErrors();
    if (reply.ok) {
      firstResultAt ??= performance.now();
      this.result.innerHTML = reply.html; // rendered and escaped by calculators._html
      this.result.classList.remove("ka-stale");
      this.setStatus("live");
    } else {
      const unplaced = this.showErrors(reply.error);
      this.result.classList.add("ka-stale");
      this.setStatus("error");
      if (unplaced.length) this.status.textContent += ` ${unplaced.join(" ")}`;
    }
    this.root.dataset.computeMs = String(Math.round(performance.now() - started));
    this.root.dataset.computed = String(sequence);
    this.root.dispatchEvent(new CustomEvent("ka:computed", { detail: { inputs, reply } }));
  }

  clearErrors() {
    for (const error of this.form.querySelectorAll(".ka-error")) { error.hidden = true; error.textContent = ""; }
    for (const control of this.form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  }

  // Put each problem's message, in the page's language, beside its field or table cell; return
  // the messages that no field owns.
  showErrors(error) {
    const seen = new Set();
    const unplaced = [];
    for (const problem of error.problems) {
      const message = problem.message[this.lang] || problem.message.en;
      let slot = null;
      let control = null;
      const field = this.form.querySelector(`:scope > .ka-field[data-field="${CSS.escape(problem.field)}"]`);
      if (field && problem.row !== null && problem.row !== undefined) {
        const row = field.querySelectorAll("tbody tr[data-row]")[problem.row];
        const cell = row && problem.column
          ? row.querySelector(`td[data-column="${CSS.escape(problem.column)}"]`)
          : null;
        if (cell) { slot = cell.querySelector(".ka-error"); control = cell.querySelector("input, select"); }
      }
      if (!slot && field) {
        slot = field.querySelector(":scope > .ka-error");
        control = field.classList.contains("ka-table") ? null : field.querySelector("input, select");
      }
      if (!slot) { unplaced.push(message); continue; }
      if (control) control.setAttribute("aria-invalid", "true");
      const key = `${problem.field}|${problem.row}|${problem.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
      slot.hidden = false;
    }
    return unplaced;
  }
}

// Start Python once the page has been painted (a frame, then a task): pages without a calculator
// never start it, and a calculator page does not wait for the rest of the theme's start-up.
function startAfterPaint() {
  const first = document.querySelector(".ka-calc");
  if (!first || worker) return;
  requestAnimationFrame(() => setTimeout(() => startWorker(JSON.parse(first.dataset.ui).wheel), 0));
}

function mount() {
  const roots = document.querySelectorAll(".ka-calc:not([data-mounted])");
  if (!roots.length) return;
  startAfterPaint();
  for (const root of roots) {
    root.dataset.mounted = "true";
    new Widget(root).compute(); // queued until the worker is ready
  }
}

startAfterPaint();

// The same worker, for tools and tests that score without a form (e.g. the parity tests).
window.kaCalculators = {
  state: () => workerState,
  starts: () => workerStarts,
  firstResultAt: () => firstResultAt,
  timings: () => workerTimings,
  score(slug, inputs, lang = "en", root = "") {
    if (workerState !== "ready") return Promise.reject(new Error(`calculator is ${workerState}`));
    return ask(slug, inputs, lang, root).then((answer) => answer.payload);
  },
};

if (window.document$) window.document$.subscribe(mount);
else document.addEventListener("DOMContentLoaded", mount);
