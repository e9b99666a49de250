// Thin glue between the pre-rendered calculator forms and the Pyodide worker.
// Forms and results are rendered by Python (at build time, then in the worker); CSV is read and
// written by Python too. This script only moves values between the form, the worker, the
// address bar and local storage. It holds no sales logic.
// It runs on every page instant navigation brings in (document$), starts the worker only on a
// page that has a calculator, after the page is painted, and keeps it for the rest of the visit.

import { onAction, placeForm, projectorFold, relayout, syncPrintValues } from "./scoreboard.mjs";

const SITE_ROOT = new URL("../", import.meta.url);
const DEBOUNCE_MS = 80; // wait for a pause in typing before computing
const STORAGE_PREFIX = "ka-playbook:"; // local storage: one entry per calculator
const HASH_PREFIX = "ka."; // share links: #ka.<slug>=<compressed state>

let worker = null;
let workerState = "off"; // off | loading | ready | failed
let workerStarts = 0;
let firstResultAt = null; // performance.now() of the first result Pyodide computed on this visit
let workerCreatedAt = null;
let workerTimings = null; // how long each step of the start took, for the benchmark
let nextId = 1;
const pending = new Map(); // id -> callback
const waiting = new Set(); // widgets to compute when the worker is ready

// ------------------------------------------------------------------------------ the worker

function startWorker(wheel, engine) {
  if (worker) return;
  const url = new URL("javascripts/worker.mjs", SITE_ROOT);
  url.searchParams.set("index", new URL(engine, SITE_ROOT).href); // runtime of the same version
  url.searchParams.set("wheel", new URL(wheel, SITE_ROOT).href);
  workerState = "loading";
  workerStarts += 1;
  workerCreatedAt = Math.round(performance.now());
  worker = new Worker(url, { type: "module" });
  // the same addresses again (a copy of the worker served offline keeps no parameters), and
  // how fast this page's own files came, for the worker's choice of a snapshot or not
  worker.postMessage({
    type: "engine",
    index: url.searchParams.get("index"),
    wheel: url.searchParams.get("wheel"),
    mbps: measuredMbps(),
  });
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

// The fastest download of this page's own files, in Mbit/s; null if all came from a cache.
function measuredMbps() {
  let best = null;
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  for (const entry of entries) {
    const ms = entry.responseEnd - entry.responseStart;
    if (entry.transferSize > 8000 && ms > 0) best = Math.max(best ?? 0, (entry.transferSize * 8) / ms / 1000);
  }
  return best;
}

function fail(reason) {
  workerState = "failed";
  console.error("KA Playbook calculator:", reason);
  waiting.clear();
  for (const root of document.querySelectorAll(".ka-calc")) {
    const status = root.querySelector(".ka-calc-status");
    status.dataset.state = "failed";
    status.textContent = JSON.parse(root.dataset.ui).status_failed;
  }
}

// Call one of the package's entry points in the worker; resolves with its parsed JSON answer.
function call(name, ...args) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, (message) => {
      if (message.type === "result") resolve(JSON.parse(message.payload));
      else reject(new Error(message.message));
    });
    worker.postMessage({ id, type: "call", name, args });
  });
}

// Install openpyxl in the worker (from this site's own wheels), once, before an Excel file.
let xlsxInstalled = null;
function installXlsx() {
  xlsxInstalled ??= new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, (message) => (message.type === "result" ? resolve() : reject(new Error(message.message))));
    worker.postMessage({ id, type: "xlsx" });
  });
  xlsxInstalled.catch(() => { xlsxInstalled = null; });
  return xlsxInstalled;
}

const EXCEL = /\.xls[xm]$/i;

// ------------------------------------------------------------------------------ shared state

async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

async function unpack(packed) {
  const binary = atob(packed.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

function hashParams() {
  return new URLSearchParams(location.hash.slice(1));
}

const storage = {
  get(slug) {
    try { return localStorage.getItem(STORAGE_PREFIX + slug); } catch { return null; }
  },
  set(slug, value) {
    try { localStorage.setItem(STORAGE_PREFIX + slug, value); } catch { /* private mode: keep going */ }
  },
  remove(slug) {
    try { localStorage.removeItem(STORAGE_PREFIX + slug); } catch { /* nothing stored */ }
  },
};

// ------------------------------------------------------------------------------ one widget

function readControl(control) {
  if (control.type === "checkbox") return control.checked;
  return control.value;
}

function writeControl(control, value) {
  if (control.type === "checkbox") control.checked = value === true || value === "true";
  else control.value = value === null || value === undefined ? "" : String(value);
}

function download(filename, text, type = "text/csv;charset=utf-8") {
  const link = document.createElement("a");
  const parts = typeof text === "string" ? ["\ufeff", text] : [text]; // text gets a BOM for Excel
  link.href = URL.createObjectURL(new Blob(parts, { type }));
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
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
    this.shareBox = root.querySelector(".ka-share-box");
    this.sequence = 0;
    this.timer = null;
    this.initialRows = new Map(
      [...this.form.querySelectorAll(".ka-table")].map((t) => [t, t.querySelector("tbody").innerHTML]),
    );
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("click", (event) => this.onClick(event));
    // capture: a picked file is handled here, before the form would take it for an edit
    this.root.addEventListener("change", (event) => this.onFile(event), true);
    this.form.addEventListener("reset", () => this.reset());
    document.addEventListener("fullscreenchange", () => {
      if (!document.fullscreenElement && this.root.classList.contains("ka-projected")) this.projector(false);
    });
    for (const hidden of root.querySelectorAll("[data-needs-script]")) hidden.hidden = false;
    this.refreshTables();
  }

  // Restore what the reader had: a shared link first, then this browser's saved state.
  async restore() {
    const packed = hashParams().get(HASH_PREFIX + this.slug);
    let saved = null;
    if (packed) {
      try {
        saved = await unpack(packed);
        JSON.parse(saved);
        const params = hashParams();
        params.delete(HASH_PREFIX + this.slug);
        const rest = params.toString();
        history.replaceState(history.state, "", location.pathname + location.search + (rest ? `#${rest}` : ""));
        storage.set(this.slug, saved);
      } catch {
        saved = null; // a damaged link: keep the page as it is
      }
    }
    saved ??= storage.get(this.slug);
    if (saved) {
      try { this.setInputs(JSON.parse(saved)); } catch { storage.remove(this.slug); }
    }
  }

  onClick(event) {
    const button = event.target.closest("button");
    if (!button || !this.root.contains(button)) return;
    if (onAction(this, button)) return; // folding and sorting: scoreboard.mjs
    const table = button.closest(".ka-table");
    if (button.classList.contains("ka-add-row")) {
      const template = table.querySelector(".ka-row-template");
      const tbody = table.querySelector("tbody");
      tbody.append(template.content.cloneNode(true));
      this.refreshTables();
      tbody.lastElementChild.querySelector("input, select")?.focus();
      this.changed();
    } else if (button.classList.contains("ka-remove-row")) {
      button.closest("tr").remove();
      this.refreshTables();
      table.querySelector(".ka-add-row").focus();
      this.changed();
    } else if (button.dataset.action === "import") {
      table.querySelector(".ka-csv-file").click();
    } else if (button.dataset.action === "export") {
      this.exportCsv(table);
    } else if (button.dataset.action === "export-xlsx") {
      this.exportXlsx(table);
    } else if (button.dataset.action === "projector") {
      this.projector(!this.root.classList.contains("ka-projected"));
    } else if (button.dataset.action === "share") {
      this.share();
    } else if (button.dataset.action === "print") {
      window.print();
    }
  }

  // Import: the file's bytes and name go to Python (calculators.tables), which finds the
  // encoding, delimiter, headers, units and stages, and says what it did in a notice.
  async onFile(event) {
    const input = event.target;
    if (!input.classList.contains("ka-csv-file")) return;
    event.stopPropagation(); // not an edit: nothing recomputes (and clears messages) until it is read
    if (!input.files.length) return;
    const table = input.closest(".ka-table");
    const file = input.files[0];
    input.value = "";
    if (workerState !== "ready") return this.tableMessage(table, this.ui.status_loading);
    this.importNotice(table, "");
    let answer;
    try {
      if (EXCEL.test(file.name)) {
        this.importNotice(table, this.ui.xlsx_loading);
        await installXlsx();
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      answer = await call("table_import_json", this.slug, table.dataset.field, bytes, file.name, "{}");
    } catch (error) {
      console.error("KA Playbook import:", error.message);
      this.importNotice(table, "");
      return this.tableMessage(table, this.ui.xlsx_failed);
    }
    if (!answer.ok) {
      this.importNotice(table, "");
      const messages = answer.error.problems.map((p) => p.message[this.lang] || p.message.en);
      return this.tableMessage(table, [...new Set(messages)].join(" "));
    }
    this.setRows(table, answer.rows);
    this.changed();
    this.importNotice(table, answer.notice.lines.map((line) => line[this.lang]).join(" "));
  }

  // What the import read (encoding, delimiter, units, stages, columns not used): kept until the
  // next import, apart from the error slots that every computation clears.
  importNotice(table, text) {
    let note = table.querySelector(":scope > .ka-import-notice");
    if (!note) {
      note = document.createElement("p");
      note.className = "ka-import-notice";
      note.setAttribute("role", "status");
      table.querySelector(":scope > .ka-table-tools").before(note);
    }
    note.textContent = text;
    note.hidden = !text;
  }

  async exportCsv(table) {
    if (workerState !== "ready") return this.tableMessage(table, this.ui.status_loading);
    const rows = JSON.stringify(this.inputs()[table.dataset.field]);
    const answer = await call("table_export_json", this.slug, table.dataset.field, rows, "csv");
    if (answer.ok) download(`${this.slug}-${table.dataset.field}.csv`, answer.csv);
  }

  async exportXlsx(table) {
    if (workerState !== "ready") return this.tableMessage(table, this.ui.status_loading);
    const rows = JSON.stringify(this.inputs()[table.dataset.field]);
    let answer;
    try {
      await installXlsx();
      answer = await call("table_export_json", this.slug, table.dataset.field, rows, "xlsx");
    } catch {
      return this.tableMessage(table, this.ui.xlsx_failed);
    }
    if (!answer.ok) return this.tableMessage(table, answer.error.message[this.lang]);
    const bytes = Uint8Array.from(atob(answer.xlsx), (c) => c.charCodeAt(0));
    download(`${this.slug}-${table.dataset.field}.xlsx`, bytes,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  tableMessage(table, message) {
    const slot = table.querySelector(":scope > .ka-error");
    slot.textContent = message;
    slot.hidden = false;
  }

  projector(on) {
    this.root.classList.toggle("ka-projected", on);
    document.documentElement.classList.toggle("ka-projector", on);
    this.root.querySelector('[data-action="projector"]').setAttribute("aria-pressed", String(on));
    projectorFold(this, on);
    if (on) this.root.requestFullscreen?.().catch(() => {}); // the class alone still works
    else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    if (on) this.root.scrollIntoView();
  }

  async share() {
    const url = new URL(location.href);
    const params = hashParams();
    params.set(HASH_PREFIX + this.slug, await pack(JSON.stringify(this.inputs())));
    url.hash = params.toString();
    const field = this.shareBox.querySelector("input");
    field.value = url.href;
    this.shareBox.hidden = false;
    field.select();
    try {
      await navigator.clipboard.writeText(url.href);
      this.shareBox.querySelector(".ka-share-note").textContent = this.ui.share_copied;
    } catch {
      this.shareBox.querySelector(".ka-share-note").textContent = this.ui.share_manual;
    }
  }

  reset() {
    // the browser restores scalar inputs; rows added or removed, and saved state, are reset here
    storage.remove(this.slug);
    for (const [table, rows] of this.initialRows) table.querySelector("tbody").innerHTML = rows;
    setTimeout(() => { this.refreshTables(); this.schedule(); }, 0);
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
    relayout(this); // columns Python hid stay hidden in new rows
    syncPrintValues(this);
  }

  fields() {
    return this.form.querySelectorAll(":scope > .ka-field");
  }

  inputs() {
    const inputs = {};
    for (const field of this.fields()) {
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

  setRows(table, rows) {
    const tbody = table.querySelector("tbody");
    const template = table.querySelector(".ka-row-template");
    tbody.replaceChildren();
    for (const values of rows) {
      tbody.append(template.content.cloneNode(true));
      for (const cell of tbody.lastElementChild.querySelectorAll("td[data-column]")) {
        writeControl(cell.querySelector("input, select"), values[cell.dataset.column]);
      }
    }
    this.refreshTables();
  }

  setInputs(inputs) {
    for (const field of this.fields()) {
      const value = inputs[field.dataset.field];
      if (value === undefined) continue;
      if (field.classList.contains("ka-table")) {
        if (Array.isArray(value)) this.setRows(field, value);
      } else {
        writeControl(field.querySelector("input, select"), value);
      }
    }
  }

  setStatus(state) {
    this.status.dataset.state = state;
    this.status.textContent = this.ui[`status_${state}`];
  }

  changed() {
    storage.set(this.slug, JSON.stringify(this.inputs())); // kept across reloads, until reset
    this.schedule();
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
    let reply;
    try {
      reply = await call("score_json", this.slug, inputs, this.lang, this.root.dataset.root);
    } catch (error) {
      fail(error.message);
      return;
    }
    if (sequence !== this.sequence || !this.root.isConnected) return; // a newer input won
    this.clearErrors();
    placeForm(this, reply.form); // headings and each row's results, as Python placed them
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

// ------------------------------------------------------------------------------ start-up

// Start Python once the page has been painted: at once if it already has been (Paint Timing),
// otherwise after the next frame. Pages without a calculator never start it.
function startAfterPaint() {
  const first = document.querySelector(".ka-calc");
  if (!first || worker) return;
  const ui = JSON.parse(first.dataset.ui);
  const start = () => startWorker(ui.wheel, ui.engine);
  if (performance.getEntriesByType("paint").length) start();
  else requestAnimationFrame(() => setTimeout(start, 0));
}

function mount() {
  const roots = document.querySelectorAll(".ka-calc:not([data-mounted])");
  if (!roots.length) return;
  startAfterPaint();
  for (const root of roots) {
    root.dataset.mounted = "true";
    const widget = new Widget(root);
    widget.restore().then(() => widget.compute()); // queued until the worker is ready
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
    return call("score_json", slug, inputs, lang, root).then((answer) => JSON.stringify(answer));
  },
};

// The widget may load this module before the theme has started; mount through the theme's
// document$ (every page instant navigation brings in) once the document is parsed.
function subscribe() {
  if (window.document$) window.document$.subscribe(mount);
  else mount();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
else subscribe();
