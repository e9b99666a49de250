// Thin glue between the pre-rendered calculator forms and the Pyodide worker.
// Forms and results are rendered by Python (at build time, then in the worker); CSV is read and
// written by Python too. This script only moves values between the form, the worker, the
// address bar and local storage. It holds no sales logic.
// It runs on every page instant navigation brings in (document$), starts the worker only on a
// page that has a calculator, after the page is painted, and keeps it for the rest of the visit.

import {
  LIMITS, StateError, formShape, formatHash, legacyKey, pack, parseHash, readState, storage,
  storageKey, unpack,
} from "./state.mjs";
import { onAction, placeForm, projectorFold, relayout, syncPrintValues } from "./scoreboard.mjs";

const SITE_ROOT = new URL("../", import.meta.url);
const DEBOUNCE_MS = 80; // wait for a pause in typing before computing
// A start that has not finished by then is reported, with a button to try again; it goes on in
// the background and the calculator still goes live if it finishes later (a slow network).
const START_TIMEOUT_MS = 60_000;

let worker = null;
let workerState = "off"; // off | loading | ready | failed
let workerStarts = 0;
let firstResultAt = null; // performance.now() of the first result Pyodide computed on this visit
let workerCreatedAt = null;
let workerTimings = null; // how long each step of the start took, for the benchmark
let nextId = 1;
const pending = new Map(); // id -> callback
const waiting = new Set(); // widgets to compute when the worker is ready
const widgets = new Set(); // every widget mounted on this visit (the connected ones are live)
let workerWheel = null;
let workerEngine = null;
let startTimer = null;
let failure = null; // why the worker failed: fetch | start | timeout | stopped

function liveWidgets() {
  for (const widget of widgets) if (!widget.root.isConnected) widgets.delete(widget);
  return [...widgets];
}

// Fill a UI string's {placeholders}.
function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// ------------------------------------------------------------------------------ the worker

function startWorker(wheel, engine) {
  if (worker) return;
  workerWheel = wheel;
  workerEngine = engine;
  const url = new URL("javascripts/worker.mjs", SITE_ROOT);
  url.searchParams.set("index", new URL(engine, SITE_ROOT).href); // runtime of the same version
  url.searchParams.set("wheel", new URL(wheel, SITE_ROOT).href);
  workerState = "loading";
  workerStarts += 1;
  workerCreatedAt = Math.round(performance.now());
  worker = new Worker(url, { type: "module" });
  const timeout = window.KA_START_TIMEOUT_MS ?? START_TIMEOUT_MS; // tests shorten it
  clearTimeout(startTimer);
  startTimer = setTimeout(() => {
    if (workerState === "loading") fail("timeout", `not started after ${timeout} ms`);
  }, timeout);
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
      clearTimeout(startTimer);
      const late = workerState === "failed"; // reported as too slow, then started after all
      workerState = "ready";
      failure = null;
      workerTimings = { created: workerCreatedAt, ...message.timings };
      for (const widget of late ? liveWidgets() : waiting) if (widget.root.isConnected) widget.compute();
      waiting.clear();
    } else if (message.type === "failed") {
      fail(message.reason || "start", message.message);
    } else {
      const callback = pending.get(message.id);
      pending.delete(message.id);
      if (callback) callback(message);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    fail(workerState === "ready" ? "stopped" : "start", event.message || "the worker script did not run");
  };
}

// Put a result's HTML into `box`, leaving it untouched when it is what is shown already (the
// pre-rendered worked example): the first paint's largest content then stays final. The theme
// wraps tables in scroll boxes after loading; those wrappers are not part of the comparison.
function updateInPlace(box, html) {
  const shown = box.cloneNode(true);
  for (const wrap of shown.querySelectorAll(".md-typeset__scrollwrap")) {
    wrap.replaceWith(...(wrap.querySelector(".md-typeset__table") || wrap).childNodes);
  }
  const fresh = document.createElement("div");
  fresh.innerHTML = html;
  if (shown.innerHTML.trim() !== fresh.innerHTML.trim()) box.innerHTML = html;
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

// The runtime cannot be used: every calculator on the page says why, keeps the worked example
// (or the last result) and offers to try again. Calls still waiting are answered as failed.
function fail(reason, detail) {
  clearTimeout(startTimer);
  workerState = "failed";
  failure = reason;
  console.error("KA Playbook calculator:", reason, detail);
  waiting.clear();
  const answered = [...pending.values()];
  pending.clear();
  for (const callback of answered) callback({ type: "crash", message: detail, failed: true });
  for (const widget of liveWidgets()) widget.showFailed();
}

// Start again from scratch (the files the browser already has come from its cache).
function retry() {
  worker?.terminate();
  worker = null;
  workerState = "off";
  xlsxInstalled = null; // the new worker has not installed it
  startWorker(workerWheel, workerEngine);
  for (const widget of liveWidgets()) widget.compute();
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

// ------------------------------------------------------------------------------ one widget

function readControl(control) {
  if (control.type === "checkbox") return control.checked;
  return control.value;
}

function writeControl(control, value) {
  if (control.type === "checkbox") control.checked = value === true || value === "true";
  // only a text, a number or a yes/no is written: never "[object Object]" or "undefined"
  else control.value = ["string", "number", "boolean"].includes(typeof value) ? String(value) : "";
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
    this.form.addEventListener("input", (event) => this.edited(event));
    this.form.addEventListener("change", (event) => this.edited(event));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.addEventListener("click", (event) => this.onClick(event));
    // capture: a picked file is handled here, before the form would take it for an edit
    this.root.addEventListener("change", (event) => this.onFile(event), true);
    this.root.addEventListener("input", (event) => {
      if (event.target.classList?.contains("ka-csv-file")) event.stopPropagation(); // a file pick fires both
    }, true);
    this.form.addEventListener("reset", () => this.reset());
    document.addEventListener("fullscreenchange", () => {
      if (!document.fullscreenElement && this.root.classList.contains("ka-projected")) this.projector(false);
    });
    for (const hidden of root.querySelectorAll("[data-needs-script]")) hidden.hidden = false;
    this.refreshTables();
    this.shape = formShape(this.fields());
    this.key = storageKey(this.slug, root.dataset.root);
    this.asideKey = `${this.key}:aside`; // the other version, when a link met the reader's own work
    this.settled = null; // the last inputs Python answered (a result or a message), as JSON
    this.warned = new Set(); // notices already shown once on this page
    this.notice = document.createElement("div");
    this.notice.className = "ka-notice";
    this.notice.hidden = true;
    this.form.before(this.notice);
    this.retryButton = document.createElement("button");
    this.retryButton.type = "button";
    this.retryButton.className = "md-button ka-retry";
    this.retryButton.dataset.action = "retry";
    this.retryButton.textContent = this.ui.retry;
    this.retryButton.hidden = true;
    this.status.after(this.retryButton);
    widgets.add(this);
  }

  // ---------------------------------------------------------------- saved state and links

  // Restore what the reader had: a shared link first, then this browser's saved state. A link is
  // taken out of the address at once (the page's own heading anchor stays). If the reader has
  // saved work of their own that differs, both are kept: the link is what its sender meant the
  // reader to see, so it is shown, and the reader's work is put aside with a notice and a button
  // to go back to it. Asking first would block a class that opens the trainer's link; replacing
  // silently would lose work. A link or saved state that cannot be used is refused with a notice.
  async restore() {
    const hash = parseHash(location.hash);
    const packed = hash.states.get(this.slug);
    const own = this.readSaved();
    if (packed !== undefined) {
      hash.states.delete(this.slug);
      history.replaceState(history.state, "", location.pathname + location.search + formatHash(hash));
      try {
        const state = readState(await unpack(packed), this.shape);
        const text = JSON.stringify(state);
        // the reader's own work goes aside, unless it is there already (a second link)
        if (own && own.text !== text && this.readAside()?.aside !== "own") {
          storage.set(this.asideKey, JSON.stringify({ aside: "own", text: own.text }));
        }
        this.save(text);
        this.setInputs(state);
        this.showAside();
        return;
      } catch (error) {
        this.refused("link", error, Boolean(own));
      }
    }
    if (own) this.setInputs(own.state);
    this.showAside();
  }

  // This page's saved state, checked ({text, state}), or null. Work saved before states were
  // kept per page is read from the calculator's old shared entry.
  readSaved() {
    let text = storage.get(this.key);
    const legacy = text === null;
    if (legacy) text = storage.get(legacyKey(this.slug));
    if (text === null) return null;
    try {
      const state = readState(text, this.shape);
      const clean = JSON.stringify(state);
      if (legacy) storage.set(this.key, clean);
      return { text: clean, state };
    } catch (error) {
      storage.remove(this.key); // it would fail again on every visit
      if (legacy) storage.remove(legacyKey(this.slug));
      this.refused("saved", error, false);
      return null;
    }
  }

  // Keep the inputs (JSON text) in this browser, within the limit; say so once if it cannot.
  save(text) {
    if (text.length > LIMITS.stateChars) {
      this.warnOnce("too_big_to_save", format(this.ui.notice_not_kept_big, { limit: LIMITS.stateChars.toLocaleString() }));
    } else if (!storage.set(this.key, text)) {
      this.warnOnce("not_saved", this.ui.notice_not_kept);
    }
  }

  refused(where, error, ownKept) {
    if (!(error instanceof StateError)) console.error("KA Playbook: state refused:", error);
    const code = error instanceof StateError ? error.code : "damaged";
    const detail = error instanceof StateError ? error.detail : {};
    const values = { ...detail };
    for (const name of ["limit", "rows"]) if (name in values) values[name] = Number(values[name]).toLocaleString();
    const kept = where === "link" && ownKept ? this.ui.state_own_kept : this.ui.state_example_shown;
    const text = [this.ui[`state_${where}_refused`], format(this.ui[`state_${code}`], values), kept].join(" ");
    this.notify(text, [], `refused-${where}`);
  }

  // When a link met the reader's own work, say which version is shown and offer the other one.
  readAside() {
    try {
      const aside = JSON.parse(storage.get(this.asideKey));
      return aside && typeof aside.text === "string" ? aside : null;
    } catch {
      return null;
    }
  }

  showAside() {
    const aside = this.readAside();
    if (!aside) {
      storage.remove(this.asideKey);
      if (this.notice.dataset.kind === "aside") this.closeNotice();
      return;
    }
    const showingLink = aside.aside === "own";
    this.notify(
      showingLink ? this.ui.aside_link_shown : this.ui.aside_own_shown,
      [
        { label: showingLink ? this.ui.aside_show_own : this.ui.aside_show_link, run: () => this.swapAside(aside) },
        { label: showingLink ? this.ui.aside_forget_own : this.ui.aside_forget_link, run: () => { storage.remove(this.asideKey); this.closeNotice(); } },
      ],
      "aside",
    );
  }

  swapAside(aside) {
    let state;
    try {
      state = readState(aside.text, this.shape);
    } catch (error) {
      storage.remove(this.asideKey);
      this.refused("saved", error, false);
      return;
    }
    storage.set(this.asideKey, JSON.stringify({ aside: aside.aside === "own" ? "link" : "own", text: JSON.stringify(this.inputs()) }));
    this.setInputs(state);
    this.changed();
    this.showAside();
  }

  // One notice above the form, in the page's language, until the reader closes it or acts on it.
  notify(text, actions = [], kind = "") {
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent = text;
    const buttons = actions.map(({ label, run }) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = label;
      button.addEventListener("click", run);
      return button;
    });
    const close = document.createElement("button");
    close.type = "button";
    close.className = "md-button ka-notice-close";
    close.textContent = this.ui.notice_close;
    close.addEventListener("click", () => this.closeNotice());
    const tools = document.createElement("p");
    tools.className = "ka-notice-tools";
    tools.append(...buttons, close);
    this.notice.replaceChildren(message, tools);
    this.notice.dataset.kind = kind;
    this.notice.hidden = false;
  }

  warnOnce(kind, text) {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.notify(text, [], kind);
  }

  closeNotice() {
    this.notice.hidden = true;
    this.notice.replaceChildren();
    delete this.notice.dataset.kind;
  }

  onClick(event) {
    const button = event.target.closest("button");
    if (!button || !this.root.contains(button)) return;
    if (onAction(this, button)) return; // folding and sorting: scoreboard.mjs
    const table = button.closest(".ka-table");
    if (table && button.closest(".ka-table-tools, .ka-row-tools")) this.clearTableMessage(table);
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
    } else if (button.dataset.action === "retry") {
      retry();
    }
  }

  // A change the reader made in the form. Choosing a file is not one: its import answers beside
  // the table, and a recompute here would clear that answer before it could be read.
  edited(event) {
    if (event.target.classList?.contains("ka-csv-file")) return;
    const table = event.target.closest?.(".ka-table");
    if (table) this.clearTableMessage(table);
    this.changed();
  }

  // Import: the file's bytes and name go to Python (calculators.tables), which finds the
  // encoding, delimiter, headers, units and stages, and says what it did in a notice.
  async onFile(event) {
    const input = event.target;
    if (!input.classList.contains("ka-csv-file")) return;
    event.stopPropagation(); // not an edit: nothing recomputes (and clears messages) until it is read
    if (!input.files.length) return;
    const table = input.closest(".ka-table");
    this.clearTableMessage(table);
    const { size } = input.files[0];
    if (size > LIMITS.fileBytes) { // checked before the file is read
      const megabytes = (bytes) => (bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 });
      input.value = "";
      return this.tableMessage(table, format(this.ui.import_too_big, { size: megabytes(size), limit: megabytes(LIMITS.fileBytes) }));
    }
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

  // What an import of this table answered, beside the table in the page's language. It has its
  // own slot, which a recompute leaves alone: it stays until the next import or edit of the table.
  tableMessage(table, message) {
    let slot = table.querySelector(":scope > .ka-import-note");
    if (!slot) {
      slot = document.createElement("p");
      slot.className = "ka-error ka-import-note";
      slot.setAttribute("role", "alert");
      table.querySelector(":scope > .ka-error").after(slot);
    }
    slot.textContent = message;
    slot.hidden = false;
  }

  clearTableMessage(table) {
    const slot = table.querySelector(":scope > .ka-import-note");
    if (slot) { slot.hidden = true; slot.textContent = ""; }
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

  // The link keeps the page's own heading anchor (if the address has one) apart from the state:
  // #<heading>&ka.<slug>=<state>.
  async share() {
    const hash = parseHash(location.hash);
    const packed = await pack(JSON.stringify(this.inputs()));
    const note = this.shareBox.querySelector(".ka-share-note");
    const field = this.shareBox.querySelector("input");
    if (packed.length > LIMITS.linkChars) {
      field.value = "";
      this.shareBox.hidden = false;
      note.textContent = format(this.ui.share_too_big, { size: packed.length.toLocaleString(), limit: LIMITS.linkChars.toLocaleString() });
      return;
    }
    hash.states.set(this.slug, packed);
    const url = new URL(location.pathname + location.search + formatHash(hash), location.href);
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
    for (const key of [this.key, this.asideKey, legacyKey(this.slug)]) storage.remove(key);
    this.closeNotice();
    for (const table of this.form.querySelectorAll(".ka-table")) this.clearTableMessage(table);
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
    this.retryButton.hidden = true;
  }

  // The runtime failed: say why, keep what is shown, offer to try again.
  showFailed() {
    this.status.dataset.state = "failed";
    const why = this.ui[`failed_${failure}`] || "";
    this.status.textContent = `${this.ui.status_failed} ${format(why, { seconds: Math.round((window.KA_START_TIMEOUT_MS ?? START_TIMEOUT_MS) / 1000) })}`.trim();
    this.retryButton.hidden = false;
  }

  changed() {
    this.save(JSON.stringify(this.inputs())); // kept across reloads, until reset
    this.schedule();
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.compute(), DEBOUNCE_MS);
  }

  async compute() {
    if (workerState === "failed") return this.showFailed();
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
      if (sequence !== this.sequence || !this.root.isConnected) return;
      if (workerState === "failed") return this.showFailed();
      if (workerState !== "ready") return this.compute(); // restarted: queue again
      return this.crashed(inputs, error);
    }
    if (sequence !== this.sequence || !this.root.isConnected) return; // a newer input won
    this.settled = inputs;
    this.clearErrors();
    placeForm(this, reply.form); // headings and each row's results, as Python placed them
    if (reply.ok) {
      firstResultAt ??= performance.now();
      updateInPlace(this.result, reply.html); // rendered and escaped by calculators._html
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

  // Python raised something other than the one input error for these inputs: a fault of the
  // engine, not of the reader. Only this calculator says so; the next change computes again, and
  // the inputs are not kept (the saved state goes back to the last inputs Python answered).
  crashed(inputs, error) {
    console.error(`KA Playbook calculator ${this.slug}:`, error.message);
    this.clearErrors();
    this.result.classList.add("ka-stale");
    this.setStatus("crashed");
    if (this.settled !== null) this.save(this.settled);
    const reply = { ok: false, crashed: true };
    this.root.dispatchEvent(new CustomEvent("ka:computed", { detail: { inputs, reply } }));
  }

  clearErrors() {
    for (const error of this.form.querySelectorAll(".ka-error:not(.ka-import-note)")) { error.hidden = true; error.textContent = ""; }
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
  // with the offline copy in control, the engine comes from this device: no need to wait
  if (performance.getEntriesByType("paint").length || navigator.serviceWorker?.controller) start();
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
