// @ts-check
// One calculator's form, as the build rendered it from the schema: reading what the reader typed,
// writing values back (a restored state, an imported file), rows added and removed, and each
// message of the one input error placed beside its field or cell in the page's language.
// It holds no sales logic: every value is checked and computed by Python.

import { VIRTUAL_FROM, VirtualRows, asHeld, loadKit } from "./virtual-rows.mjs";

/** @typedef {import("./protocol.mjs").InputErrorData} InputErrorData */
/** @typedef {Record<string, unknown>} Inputs a form's values by field key; a table's are rows */

/**
 * Fill a UI string's {placeholders}.
 * @param {string} text
 * @param {Record<string, unknown>} values
 */
export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * An element the markup promises (the build rendered it); a clear error if it is not there.
 * @template {Element} E
 * @param {ParentNode} scope
 * @param {string} selector
 * @param {new () => E} [kind]
 * @returns {E}
 */
export function part(scope, selector, kind) {
  const found = scope.querySelector(selector);
  if (!found || (kind && !(found instanceof kind))) throw new Error(`KA Playbook: no ${selector} in the calculator's markup`);
  return /** @type {E} */ (found);
}

/** @typedef {HTMLInputElement | HTMLSelectElement} Control */

/** @param {Element | null} element @returns {element is Control} */
function isControl(element) {
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement;
}

/** @param {Control} control */
function readControl(control) {
  if (control instanceof HTMLInputElement && control.type === "checkbox") return control.checked;
  return control.value;
}

/**
 * @param {Control} control
 * @param {unknown} value
 */
function writeControl(control, value) {
  if (control instanceof HTMLInputElement && control.type === "checkbox") control.checked = value === true || value === "true";
  // only a text, a number or a yes/no is written: never "[object Object]" or "undefined"
  else control.value = ["string", "number", "boolean"].includes(typeof value) ? String(value) : "";
}

export class Form {
  /**
   * @param {HTMLFormElement} element the widget's `.ka-calc-form`
   * @param {string} lang the page's language: the language of every message placed
   * @param {() => void} afterRows told after rows were added, removed or replaced
   */
  constructor(element, lang, afterRows) {
    this.element = element;
    this.lang = lang;
    this.afterRows = afterRows;
    /** @type {Map<HTMLElement, string>} each table's rows as the build rendered them */
    this.initialRows = new Map(this.tables().map((table) => [table, this.body(table).innerHTML]));
    /** @type {Map<HTMLElement, VirtualRows>} the big tables: only their rows on screen are laid out */
    this.virtual = new Map();
    // an edit in a big table's row is kept in its values before anyone reads the form
    for (const type of ["input", "change"]) {
      element.addEventListener(type, (event) => {
        const table = this.tableOf(event.target);
        const big = table ? this.virtual.get(table) : undefined;
        if (big && event.target instanceof Element) big.edited(event.target);
      }, { capture: true });
    }
    // a table that may become big: its virtualiser is fetched while the page is idle
    if (this.tables().some((table) => Number(table.dataset.maxRows) > VIRTUAL_FROM)) {
      (window.requestIdleCallback ?? setTimeout)(() => { loadKit().catch(() => {}); });
    }
  }

  /** How many rows a table holds (laid out or not). @param {HTMLElement} table */
  count(table) {
    return this.virtual.get(table)?.values.length ?? this.rows(table).length;
  }

  /**
   * The place of a row in its table (0 is the first).
   * @param {HTMLElement} table
   * @param {Element} row
   */
  indexOf(table, row) {
    if (this.virtual.has(table)) return row instanceof HTMLElement ? Number(row.dataset.index ?? -1) : -1;
    return this.rows(table).indexOf(/** @type {HTMLTableRowElement} */ (row));
  }

  /**
   * Row `index` of a table, if it is laid out (a big table lays out the rows on screen).
   * @param {HTMLElement} table
   * @param {number} index
   */
  rowAt(table, index) {
    const big = this.virtual.get(table);
    return big ? big.shown(index) : this.rows(table)[index];
  }

  /** The columns' controls in the template: how each value is held. @param {HTMLElement} table */
  #controls(table) {
    const template = part(table, ".ka-row-template", HTMLTemplateElement);
    /** @type {Map<string, Control>} */
    const controls = new Map();
    for (const cell of template.content.querySelectorAll("td[data-column]")) {
      const control = cell.querySelector("input, select");
      if (cell instanceof HTMLElement && isControl(control)) controls.set(cell.dataset.column ?? "", control);
    }
    return controls;
  }

  /** @returns {HTMLElement[]} the form's fields, scalars and tables, in order */
  fields() {
    return [...this.element.querySelectorAll(":scope > .ka-field")].filter((f) => f instanceof HTMLElement);
  }

  tables() {
    return this.fields().filter((field) => field.classList.contains("ka-table"));
  }

  /** @param {Element} table */
  body(table) {
    return part(table, "tbody", HTMLTableSectionElement);
  }

  /** @param {Element} table @returns {HTMLTableRowElement[]} */
  rows(table) {
    return [...this.body(table).querySelectorAll("tr[data-row]")].filter((r) => r instanceof HTMLTableRowElement);
  }

  /** The table a click or an edit happened in, if any. @param {EventTarget | null} target */
  tableOf(target) {
    const table = target instanceof Element ? target.closest(".ka-table") : null;
    return table instanceof HTMLElement && this.element.contains(table) ? table : null;
  }

  /** What the reader typed, by field; a table's value is its rows. @returns {Inputs} */
  inputs() {
    /** @type {Inputs} */
    const inputs = {};
    for (const field of this.fields()) {
      const key = field.dataset.field ?? "";
      const big = this.virtual.get(field);
      if (big) {
        inputs[key] = big.values.map((row) => ({ ...row }));
      } else if (field.classList.contains("ka-table")) {
        inputs[key] = this.rows(field).map((row) => {
          /** @type {Record<string, string | boolean>} */
          const cells = {};
          for (const cell of row.querySelectorAll("td[data-column]")) {
            const control = cell.querySelector("input, select");
            if (cell instanceof HTMLElement && isControl(control)) cells[cell.dataset.column ?? ""] = readControl(control);
          }
          return cells;
        });
      } else {
        const control = field.querySelector("input, select");
        if (isControl(control)) inputs[key] = readControl(control);
      }
    }
    return inputs;
  }

  /**
   * Replace a table's rows with `rows` (values by column key).
   * @param {HTMLElement} table
   * @param {Record<string, unknown>[]} rows
   */
  setRows(table, rows) {
    const tbody = this.body(table);
    const template = part(table, ".ka-row-template", HTMLTemplateElement);
    this.virtual.get(table)?.destroy();
    this.virtual.delete(table);
    if (rows.length > VIRTUAL_FROM) {
      // a big table: its values are kept, and only the rows on screen are laid out
      const controls = [...this.#controls(table)];
      const values = rows.map((row) => Object.fromEntries(controls.map(([key, control]) => [key, asHeld(control, row[key])])));
      this.virtual.set(table, new VirtualRows(table, values, () => this.afterRows()));
      this.refreshTables();
      return;
    }
    tbody.replaceChildren();
    for (const values of rows) {
      tbody.append(template.content.cloneNode(true));
      for (const cell of tbody.lastElementChild?.querySelectorAll("td[data-column]") ?? []) {
        const control = cell.querySelector("input, select");
        if (cell instanceof HTMLElement && isControl(control)) writeControl(control, values[cell.dataset.column ?? ""]);
      }
    }
    this.refreshTables();
  }

  /** Put a checked state's values into the form. @param {Inputs} inputs */
  setInputs(inputs) {
    for (const field of this.fields()) {
      const value = inputs[field.dataset.field ?? ""];
      if (value === undefined) continue;
      if (field.classList.contains("ka-table")) {
        if (Array.isArray(value)) this.setRows(field, value);
      } else {
        const control = field.querySelector("input, select");
        if (isControl(control)) writeControl(control, value);
      }
    }
  }

  /** A new empty row at the end of `table`, its first control focused. @param {HTMLElement} table */
  addRow(table) {
    const big = this.virtual.get(table);
    if (big) {
      const values = Object.fromEntries([...this.#controls(table)].map(([key, control]) => [key, readControl(control)]));
      big.values.push(values);
      big.refresh();
      this.refreshTables();
      big.reveal(big.values.length - 1).then((row) => {
        const control = row?.querySelector("input, select") ?? null;
        if (isControl(control)) control.focus();
      }).catch(() => {});
      return;
    }
    const template = part(table, ".ka-row-template", HTMLTemplateElement);
    const tbody = this.body(table);
    tbody.append(template.content.cloneNode(true));
    this.refreshTables();
    const control = tbody.lastElementChild?.querySelector("input, select") ?? null;
    if (isControl(control)) control.focus();
  }

  /** Remove the row of a row's remove button. @param {HTMLElement} table @param {Element} button */
  removeRow(table, button) {
    const big = this.virtual.get(table);
    const row = button.closest("tr");
    if (big && row) {
      big.values.splice(this.indexOf(table, row), 1);
      big.refresh();
    } else row?.remove();
    this.refreshTables();
    part(table, ".ka-add-row", HTMLButtonElement).focus();
  }

  /** Rows back as the build rendered them (the browser resets the scalar inputs itself). */
  resetRows() {
    for (const table of this.tables()) this.clearTableMessage(table);
    for (const big of this.virtual.values()) big.destroy();
    this.virtual.clear();
    for (const [table, rows] of this.initialRows) this.body(table).innerHTML = rows;
  }

  /** Number the rows and allow adding or removing one within the table's limits. */
  refreshTables() {
    for (const table of this.tables()) {
      const count = this.count(table);
      if (!this.virtual.has(table)) {
        this.rows(table).forEach((row, index) => { part(row, ".ka-row-number").textContent = String(index + 1); });
      }
      part(table, ".ka-add-row", HTMLButtonElement).disabled = count >= Number(table.dataset.maxRows);
      for (const button of table.querySelectorAll(".ka-remove-row")) {
        if (button instanceof HTMLButtonElement) button.disabled = count <= Number(table.dataset.minRows);
      }
    }
    this.afterRows();
  }

  // ---------------------------------------------------------------- messages

  /** Clear every message of the last computation (an import's answer stays). */
  clearErrors() {
    for (const error of this.element.querySelectorAll(".ka-error:not([data-import])")) {
      if (error instanceof HTMLElement) { error.hidden = true; error.textContent = ""; }
    }
    for (const control of this.element.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
    for (const big of this.virtual.values()) big.clearErrors();
  }

  /**
   * Put each problem's message, in the page's language, beside its field or table cell; return
   * the messages that no field owns.
   * @param {InputErrorData} error
   * @returns {string[]}
   */
  showErrors(error) {
    const seen = new Set();
    /** @type {string[]} */
    const unplaced = [];
    for (const problem of error.problems) {
      let message = problem.message[this.lang === "zh" ? "zh" : "en"] || problem.message.en;
      /** @type {HTMLElement | null} */
      let slot = null;
      /** @type {Element | null} */
      let control = null;
      const field = this.element.querySelector(`:scope > .ka-field[data-field="${CSS.escape(problem.field)}"]`);
      const big = field instanceof HTMLElement ? this.virtual.get(field) : undefined;
      if (big && problem.row !== null && problem.row !== undefined && problem.column) {
        // a big table keeps the message for the row, shown when the row is laid out
        if (big.setError(problem.row, problem.column, message)) {
          const shown = big.shown(problem.row)?.querySelector(`td[data-column="${CSS.escape(problem.column)}"]`);
          if (shown) { slot = shown.querySelector(".ka-error"); control = shown.querySelector("input, select"); }
          else message = `#${(problem.row + 1).toLocaleString()} ${message}`; // beside the table, with its row
        }
      } else if (field && problem.row !== null && problem.row !== undefined) {
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

  /**
   * What an import of this table answered, beside the table in the page's language. The slot is
   * marked as the import's, so a recompute leaves it alone: it stays until the next import or
   * edit of the table.
   * @param {HTMLElement} table
   * @param {string} message
   */
  tableMessage(table, message) {
    const slot = part(table, ":scope > .ka-error", HTMLElement);
    slot.dataset.import = "true";
    slot.textContent = message;
    slot.hidden = false;
  }

  /** @param {HTMLElement} table */
  clearTableMessage(table) {
    const slot = table.querySelector(":scope > .ka-error[data-import]");
    if (slot instanceof HTMLElement) { delete slot.dataset.import; slot.hidden = true; slot.textContent = ""; }
  }

  /**
   * What the import read (encoding, delimiter, units, stages, columns not used): kept until the
   * next import, apart from the error slots that every computation clears.
   * @param {HTMLElement} table
   * @param {string} text
   */
  importNotice(table, text) {
    let note = table.querySelector(":scope > .ka-import-area > .ka-import-notice");
    if (!(note instanceof HTMLElement)) {
      note = document.createElement("p");
      note.className = "ka-import-notice";
      note.setAttribute("role", "status");
      part(table, ":scope > .ka-import-area").prepend(note); // above the import's preview
    }
    if (!(note instanceof HTMLElement)) return;
    note.textContent = text;
    note.hidden = !text;
  }
}
