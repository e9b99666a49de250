// @ts-check
// A big table of the form (an export of thousands of deals): its rows are kept as values, and
// only the rows on screen, and a few beyond, are laid out, by @tanstack/virtual-core (the npm
// package, served by the site itself from javascripts/vendor/). The form (form.mjs) decides
// when a table is big; everything else of a row (its controls, results, messages, tone) is what
// the build rendered from the schema, cloned from the table's row template. Printing lays out
// every row, and a screen reader is told the row count and each row's place (aria-rowcount,
// aria-rowindex). It computes nothing.

/** @typedef {Record<string, string | boolean>} RowValues a row as the form reads it */
/** @typedef {import("./protocol.mjs").RowResult} RowView */
/** @typedef {import("./vendor/virtual-core/index.js").Virtualizer<HTMLElement, Element>} Virtualizer */
/** @typedef {typeof import("./vendor/virtual-core/index.js")} Kit */

/** A table of more rows than this lays out only the rows on screen. */
export const VIRTUAL_FROM = 500;
const ROW_PX = 48; // a first guess at a row's height; each row laid out is measured
const OVERSCAN = 12; // rows laid out beyond the screen, so Tab and the arrow keys find the next
const CARDS = "(max-width: 44.9375em)"; // a phone's cards (phone.mjs), one row at a time

/** @type {Promise<Kit> | null} */
let loading = null;

/** The virtualiser, loaded once, the first time a table is big. */
export function loadKit() {
  loading ??= import("./vendor/virtual-core/index.js");
  return loading;
}

/** @param {Element | null} element @returns {element is HTMLInputElement | HTMLSelectElement} */
function isControl(element) {
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement;
}

/**
 * A value as its control would hold it, without a control: a checkbox's yes or no, a choice
 * only if the select offers it, else the text.
 * @param {HTMLInputElement | HTMLSelectElement} control the template's control for the column
 * @param {unknown} value
 * @returns {string | boolean}
 */
export function asHeld(control, value) {
  if (control instanceof HTMLInputElement && control.type === "checkbox") return value === true || value === "true";
  const text = ["string", "number", "boolean"].includes(typeof value) ? String(value) : "";
  if (control instanceof HTMLSelectElement) return choicesOf(control).has(text) ? text : "";
  return text;
}

/** @type {WeakMap<HTMLSelectElement, Set<string>>} */
const choices = new WeakMap();

/** A select's values, read once (an import asks for each of thousands of rows). @param {HTMLSelectElement} select */
function choicesOf(select) {
  let values = choices.get(select);
  if (!values) {
    values = new Set([...select.options].map((option) => option.value));
    choices.set(select, values);
  }
  return values;
}

export class VirtualRows {
  /** @type {Virtualizer | null} */
  #virtualizer = null;
  /** @type {(() => void) | null} */
  #unmount = null;
  /** @type {Map<number, HTMLTableRowElement>} the rows laid out, by index */
  #shown = new Map();
  /** @type {(RowView | null | undefined)[] | null} each row's results, as Python last placed them */
  #results = null;
  /** @type {Map<number, Map<string, string>>} messages by row, then column */
  #errors = new Map();
  /** @type {Set<number>} rows laid out whatever is on screen (a phone's card, a focused row) */
  #pinned = new Set();
  #printing = false;
  #listening = new AbortController();

  /**
   * @param {HTMLElement} table the `.ka-table` group
   * @param {RowValues[]} values every row, as the form reads them
   * @param {() => void} laidOut told after rows were laid out (print values, phone, taps)
   */
  constructor(table, values, laidOut) {
    this.table = table;
    this.values = values;
    this.laidOut = laidOut;
    this.scroller = /** @type {HTMLElement} */ (table.querySelector(".ka-table-scroll"));
    this.grid = /** @type {HTMLTableElement} */ (table.querySelector("table"));
    this.tbody = /** @type {HTMLTableSectionElement} */ (table.querySelector("tbody"));
    this.template = /** @type {HTMLTemplateElement} */ (table.querySelector(".ka-row-template"));
    table.classList.add("ka-virtual");
    this.tbody.replaceChildren();
    this.before = this.spacer();
    this.after = this.spacer();
    this.tbody.append(this.before, this.after);
    this.ready = loadKit().then((kit) => this.mount(kit));
    const { signal } = this.#listening;
    // print lays out every row (paper has no scrolling), then goes back to the rows on screen
    window.addEventListener("beforeprint", () => this.print(true), { signal });
    window.addEventListener("afterprint", () => this.print(false), { signal });
    const media = window.matchMedia("print");
    media.addEventListener("change", () => this.print(media.matches), { signal });
    window.matchMedia(CARDS).addEventListener("change", () => this.refresh(), { signal });
    // a row that holds the focus stays laid out while the reader is in it
    table.addEventListener("focusin", (event) => {
      const row = event.target instanceof Element ? event.target.closest("tr[data-index]") : null;
      this.#pinned.clear();
      if (row instanceof HTMLElement) this.#pinned.add(Number(row.dataset.index));
    }, { signal });
  }

  /** A phone's cards show (the stylesheet's breakpoint, never on the projector). */
  cards() {
    return window.matchMedia(CARDS).matches && !this.table.closest(".ka-projected");
  }

  /** The header row's height: rows start below it in the scrolled box. */
  head() {
    return this.grid.tHead?.offsetHeight ?? 0;
  }

  spacer() {
    const row = document.createElement("tr");
    row.className = "ka-spacer";
    row.setAttribute("aria-hidden", "true");
    const cell = document.createElement("td");
    cell.colSpan = 99;
    row.append(cell);
    return row;
  }

  /** @param {Kit} kit */
  mount(kit) {
    if (this.#listening.signal.aborted) return;
    const virtualizer = new kit.Virtualizer({
      count: this.values.length,
      getScrollElement: () => this.scroller,
      estimateSize: () => ROW_PX,
      overscan: OVERSCAN,
      scrollToFn: kit.elementScroll,
      observeElementRect: kit.observeElementRect,
      observeElementOffset: kit.observeElementOffset,
      measureElement: kit.measureElement,
      // the table's header row comes before the first row in the scrolled box (and stays)
      paddingStart: this.head(),
      scrollPaddingStart: this.head(),
      onChange: () => this.render(),
    });
    this.#virtualizer = virtualizer;
    this.#unmount = virtualizer._didMount();
    virtualizer._willUpdate();
    this.render();
  }

  /** Everything laid out again: new values, a new count, or results. */
  refresh() {
    if (this.#virtualizer && this.#virtualizer.options.count !== this.values.length) {
      this.#virtualizer.setOptions({ ...this.#virtualizer.options, count: this.values.length });
    }
    for (const row of this.#shown.values()) row.remove();
    this.#shown.clear();
    this.render();
  }

  /** The rows on screen laid out, the others only counted (spacers keep the scroll height). */
  render() {
    const virtualizer = this.#virtualizer;
    if (!virtualizer) return;
    this.grid.setAttribute("aria-rowcount", String(this.values.length + 1)); // the header row is 1
    /** @type {number[]} */
    let wanted;
    let top = 0;
    let bottom = 0;
    const cards = this.cards();
    if (this.#printing) {
      wanted = this.values.map((_, index) => index);
    } else if (cards) {
      // a phone's cards, one at a time: only the card shown (phone.mjs pins it) is laid out
      wanted = [...this.#pinned].filter((index) => index < this.values.length);
    } else {
      const items = virtualizer.getVirtualItems();
      wanted = items.map((item) => item.index);
      top = items.length ? items[0].start - this.head() : 0;
      bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
      for (const index of this.#pinned) if (index < this.values.length && !wanted.includes(index)) wanted.push(index);
      wanted.sort((a, b) => a - b);
    }
    const keep = new Set(wanted);
    for (const [index, row] of this.#shown) {
      if (!keep.has(index)) { row.remove(); this.#shown.delete(index); }
    }
    /** @type {HTMLTableRowElement[]} */
    const added = [];
    let next = /** @type {ChildNode} */ (this.after);
    for (let i = wanted.length - 1; i >= 0; i--) { // from the end: each row before the one after it
      const index = wanted[i];
      let row = this.#shown.get(index);
      if (!row) {
        row = this.build(index);
        this.#shown.set(index, row);
        added.push(row);
      }
      if (row.nextSibling !== next) this.tbody.insertBefore(row, next);
      next = row;
    }
    this.before.hidden = top <= 0;
    this.after.hidden = bottom <= 0;
    /** @type {HTMLElement} */ (this.before.firstElementChild).style.height = `${top}px`;
    /** @type {HTMLElement} */ (this.after.firstElementChild).style.height = `${bottom}px`;
    if (!this.#printing && !cards) for (const row of added) virtualizer.measureElement(row);
    if (added.length) this.laidOut();
  }

  /** A row laid out from the template, with its values, results and messages. @param {number} index */
  build(index) {
    const fragment = /** @type {DocumentFragment} */ (this.template.content.cloneNode(true));
    const row = /** @type {HTMLTableRowElement} */ (fragment.firstElementChild);
    row.dataset.index = String(index);
    row.setAttribute("aria-rowindex", String(index + 2));
    const number = row.querySelector(".ka-row-number");
    if (number) number.textContent = String(index + 1);
    const values = this.values[index];
    for (const cell of row.querySelectorAll("td[data-column]")) {
      const control = cell.querySelector("input, select");
      const key = cell instanceof HTMLElement ? cell.dataset.column ?? "" : "";
      if (!isControl(control)) continue;
      const value = values[key];
      if (control instanceof HTMLInputElement && control.type === "checkbox") control.checked = value === true;
      else control.value = typeof value === "string" ? value : "";
      const message = this.#errors.get(index)?.get(key);
      if (message) {
        const slot = cell.querySelector(".ka-error");
        if (slot instanceof HTMLElement) { slot.textContent = message; slot.hidden = false; }
        control.setAttribute("aria-invalid", "true");
      }
    }
    if (this.#results) placeResult(row, this.#results[index]);
    return row;
  }

  /** @param {number} index @returns {HTMLTableRowElement | undefined} the row, if laid out */
  shown(index) {
    return this.#shown.get(index);
  }

  /** The rows laid out, in order. */
  rows() {
    return [...this.#shown.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  }

  /**
   * Keep `index` laid out (a phone's card), and bring it on screen.
   * @param {number | null} index
   */
  pin(index) {
    this.#pinned.clear();
    if (index === null) return;
    this.#pinned.add(index);
    this.#virtualizer?.scrollToIndex(index, { align: "auto" });
    this.render();
  }

  /** Lay out row `index` and bring it on screen. @param {number} index */
  async reveal(index) {
    await this.ready;
    this.pin(index);
    return this.#shown.get(index);
  }

  /** An edit in a laid-out row: the value kept. @param {Element} control */
  edited(control) {
    const cell = control.closest("td[data-column]");
    const row = control.closest("tr[data-index]");
    if (!isControl(control) || !(cell instanceof HTMLElement) || !(row instanceof HTMLElement)) return;
    const values = this.values[Number(row.dataset.index)];
    if (!values) return;
    values[cell.dataset.column ?? ""] = control instanceof HTMLInputElement && control.type === "checkbox" ? control.checked : control.value;
  }

  /** Each row's results from Python (or none: the last ones, marked stale by the table). @param {(RowView | null | undefined)[]} results */
  setResults(results) {
    this.#results = results;
    for (const [index, row] of this.#shown) placeResult(row, results[index]);
  }

  /** Row `index`'s results, as Python last placed them. @param {number} index */
  resultOf(index) {
    return this.#results?.[index] ?? null;
  }

  /** Rows in the order Python gave (by rank). @param {number[]} order */
  reorder(order) {
    this.values = order.map((index) => this.values[index]);
    if (this.#results) { const results = this.#results; this.#results = order.map((index) => results[index]); }
    this.#errors.clear();
    this.refresh();
  }

  /**
   * A message of the last computation for a cell; false if the row is not one of this table's.
   * @param {number} index
   * @param {string} column
   * @param {string} message
   */
  setError(index, column, message) {
    if (index < 0 || index >= this.values.length) return false;
    const row = this.#errors.get(index) ?? new Map();
    row.set(column, row.has(column) ? `${row.get(column)} ${message}` : message);
    this.#errors.set(index, row);
    return true;
  }

  clearErrors() {
    this.#errors.clear();
  }

  /** @param {boolean} on */
  print(on) {
    if (this.#printing === on) return;
    this.#printing = on;
    this.render();
  }

  destroy() {
    this.#listening.abort();
    this.#unmount?.();
    this.table.classList.remove("ka-virtual");
    this.grid.removeAttribute("aria-rowcount");
    this.tbody.replaceChildren();
  }
}

/**
 * A row's results as Python placed them (escaped by Python), and its tone.
 * @param {HTMLElement} row
 * @param {RowView | null | undefined} answer
 */
export function placeResult(row, answer) {
  for (const cell of row.querySelectorAll("td.ka-row-result")) {
    const key = cell instanceof HTMLElement ? cell.dataset.result ?? "" : "";
    const html = answer ? answer.cells[key] ?? "" : "";
    if (cell.innerHTML !== html) cell.innerHTML = html;
  }
  if (answer && answer.tone) { if (row.dataset.tone !== answer.tone) row.dataset.tone = answer.tone; }
  else row.removeAttribute("data-tone");
}
