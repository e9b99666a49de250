// @ts-check
// Tables that answer in the row, folding, sorting and printed values: placing what Python says.
// The package's `_form.form_view` decides every heading, which columns show, each row's results
// and the order by score (it comes with every answer of `score_json`, as `form`). This module
// only puts those pieces where they belong; it computes nothing.

/** @typedef {import("./protocol.mjs").FormView} FormView */
/** @typedef {import("./protocol.mjs").TableView} TableView */
/** @typedef {import("./protocol.mjs").ColumnView} ColumnView */

// Every write below happens only when the value changes: most answers change a few cells, and a
// table left alone keeps its nodes, so the browser has nothing to style or lay out again.

/**
 * @param {Element} element
 * @param {string} html
 */
function setHtml(element, html) {
  if (element.innerHTML !== html) element.innerHTML = html;
}

/**
 * @param {Element} element
 * @param {string} name
 * @param {string} value
 */
function setAttribute(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * @param {HTMLElement} element
 * @param {boolean} hidden
 */
function setHidden(element, hidden) {
  if (element.hidden !== hidden) element.hidden = hidden;
}

/**
 * @param {Node} node
 * @param {string} text
 */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Show or hide a column, and name its controls, in the rows and in the template for new rows.
 * @param {Element} table
 * @param {ColumnView[]} columns
 */
function placeColumns(table, columns) {
  const template = table.querySelector(".ka-row-template");
  const scopes = [table.querySelector("tbody"), template instanceof HTMLTemplateElement ? template.content : null];
  for (const column of columns) {
    const selector = `[data-column="${CSS.escape(column.key)}"]`;
    const heading = table.querySelector(`thead th${selector}`);
    if (heading instanceof HTMLElement) {
      setHtml(heading, column.html); // escaped by calculators.core._form
      setAttribute(heading, "title", column.text);
      setHidden(heading, column.hidden);
    }
    for (const scope of scopes) {
      for (const cell of scope?.querySelectorAll(`td${selector}`) ?? []) {
        if (cell instanceof HTMLElement) setHidden(cell, column.hidden);
        setAttribute(cell, "data-label", column.text); // a phone's card names each value
        for (const control of cell.querySelectorAll("input, select, .ka-taps")) {
          setAttribute(control, "aria-label", column.text);
        }
      }
    }
  }
}

/**
 * Fold a table's details away, or unfold them.
 * @param {Element} table
 * @param {boolean} folded
 */
function fold(table, folded) {
  table.classList.toggle("ka-folded", folded);
  const button = table.querySelector(':scope > [data-action="fold"]');
  if (!(button instanceof HTMLElement)) return;
  button.setAttribute("aria-expanded", String(!folded));
  button.textContent = (folded ? button.dataset.unfold : button.dataset.fold) ?? "";
}

// One widget's tables: what Python last placed in them, kept to re-place it on new rows.
export class Scoreboard {
  /** @type {FormView | null} the last `form` Python sent */
  #layout = null;
  /** @type {WeakMap<Element, number[]>} each table's rows in the order Python gave (by rank) */
  #orders = new WeakMap();
  /** the answer whose row results the tables hold, and those results by table */
  #held = { answer: "", /** @type {Map<string, (import("./protocol.mjs").RowResult | null)[]>} */ rows: new Map() };

  /**
   * @param {HTMLFormElement} form the widget's `.ka-calc-form`
   * @param {(table: Element) => import("./virtual-rows.mjs").VirtualRows | undefined} big a big
   *   table's rows (only those on screen are laid out: their results are kept there)
   */
  constructor(form, big = () => undefined) {
    this.form = form;
    this.big = big;
  }

  /** @param {string} key */
  #table(key) {
    return this.form.querySelector(`:scope > .ka-table[data-field="${CSS.escape(key)}"]`);
  }

  /**
   * Each row's results, or, for an input Python refused, the last ones marked stale.
   * @param {Element} table
   * @param {TableView} entry
   */
  #placeResults(table, entry) {
    const results = entry.results ?? null;
    table.classList.toggle("ka-rows-stale", results === null);
    // rows still incomplete: each complete row has its own result, but no rank to sort by
    table.querySelector('[data-action="sort"]')?.toggleAttribute("disabled", results === null || Boolean(entry.partial));
    if (results === null) return;
    if (entry.order) this.#orders.set(table, entry.order);
    else this.#orders.delete(table);
    const big = this.big(table);
    if (big) return big.setResults(results);
    const rows = table.querySelectorAll("tbody tr[data-row]");
    rows.forEach((row, index) => {
      const answer = results[index];
      for (const cell of row.querySelectorAll("td.ka-row-result")) {
        const key = cell instanceof HTMLElement ? cell.dataset.result ?? "" : "";
        setHtml(cell, answer ? answer.cells[key] ?? "" : ""); // escaped by Python
      }
      if (!(row instanceof HTMLElement)) return;
      if (answer && answer.tone) setAttribute(row, "data-tone", answer.tone);
      else row.removeAttribute("data-tone");
    });
  }

  /** What each control holds, as text beside it: print shows that instead of a box that cuts it. */
  syncPrintValues() {
    for (const control of this.form.querySelectorAll("input:not([type=file]), select")) {
      const slot = control.nextElementSibling;
      if (!slot || !slot.classList.contains("ka-print-value")) continue;
      if (control instanceof HTMLSelectElement) setText(slot, control.selectedOptions[0]?.textContent ?? "");
      else if (control instanceof HTMLInputElement && control.type === "checkbox") setText(slot, control.checked ? "✓" : "—");
      else if (control instanceof HTMLInputElement) setText(slot, control.value);
    }
  }

  /** The answer whose row results the tables hold: Python then sends only the rows that changed. */
  heldAnswer() {
    return this.#held.answer;
  }

  /** Hold no answer: the next one comes whole. */
  forgetHeld() {
    this.#held = { answer: "", rows: new Map() };
  }

  /**
   * Complete a `form` that lists only the rows whose results changed since the answer the
   * tables hold (calculators._sent): each table's `results` in full again. False, with nothing
   * changed, when they do not hold that answer: ask for the whole answer.
   * @param {FormView | undefined} form
   */
  complete(form) {
    if (!form) return true;
    const entries = form.tables.filter((entry) => entry.changed);
    if (entries.length && (form.base !== this.#held.answer || entries.some((entry) => !this.#held.rows.has(entry.field)))) return false;
    for (const entry of entries) {
      const before = this.#held.rows.get(entry.field) ?? [];
      const results = Array.from({ length: entry.count ?? 0 }, (_, index) => before[index] ?? null);
      for (const [index, row] of entry.changed ?? []) results[index] = row;
      entry.results = results;
      delete entry.changed;
      delete entry.count;
    }
    if (form.answer) {
      /** @type {Map<string, (import("./protocol.mjs").RowResult | null)[]>} */
      const rows = new Map();
      for (const entry of form.tables) if (Array.isArray(entry.results)) rows.set(entry.field, entry.results.slice());
      this.#held = { answer: form.answer, rows };
    }
    return true;
  }

  /**
   * Place a `form` answer (see calculators.core._form.form_view), completed (`complete`); keep
   * it to re-place on new rows.
   * @param {FormView | undefined} form
   */
  place(form) {
    this.syncPrintValues();
    if (!form) return;
    this.#layout = form;
    for (const entry of form.tables) {
      const table = this.#table(entry.field);
      if (!table) continue;
      placeColumns(table, entry.columns);
      if ("headings" in entry) this.#placeResults(table, entry);
    }
    // beside each question: right or wrong, the answer and why (a drill; escaped by Python)
    for (const answer of form.fields ?? []) {
      const slot = this.form.querySelector(`.ka-field-answer[data-answer-for="${CSS.escape(answer.field)}"]`);
      if (!(slot instanceof HTMLElement)) continue;
      setHtml(slot, answer.html);
      if (answer.tone) setAttribute(slot, "data-tone", answer.tone);
      else slot.removeAttribute("data-tone");
    }
  }

  /** After rows are added, removed or replaced: the columns Python last hid stay hidden. */
  relayout() {
    if (!this.#layout) return;
    for (const entry of this.#layout.tables) {
      const table = this.#table(entry.field);
      if (table) placeColumns(table, entry.columns);
    }
  }

  /**
   * On the projector every table folds its details away (a scoreboard keeps its rows and
   * results); off it, everything unfolds again.
   * @param {boolean} on
   */
  projectorFold(on) {
    for (const table of this.form.querySelectorAll(":scope > .ka-table")) fold(table, on);
  }

  /**
   * The toolbar buttons this module owns: "sorted" when the rows moved (a change of the
   * inputs), "handled" for any other of its buttons, null if the button is not one of them.
   * @param {Element} button
   * @returns {"handled" | "sorted" | null}
   */
  onAction(button) {
    const table = button.closest(".ka-table");
    if (!table || !(button instanceof HTMLElement)) return null;
    if (button.dataset.action === "fold") {
      fold(table, !table.classList.contains("ka-folded"));
      return "handled";
    }
    if (button.dataset.action === "sort") {
      // rows move in the order Python gave (by rank); each keeps its name, points and results
      const order = this.#orders.get(table);
      const big = this.big(table);
      if (big) {
        if (!order || order.length !== big.values.length) return "handled";
        big.reorder(order);
        return "sorted";
      }
      const tbody = table.querySelector("tbody");
      const rows = [...tbody?.querySelectorAll("tr[data-row]") ?? []];
      if (!tbody || !order || order.length !== rows.length) return "handled";
      for (const index of order) tbody.append(rows[index]);
      return "sorted";
    }
    return null;
  }
}
