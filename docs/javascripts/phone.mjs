// @ts-check
// A calculator on a phone: each table row is a card, shown one at a time with "previous" and
// "next" and a list of every row (its name and band) to jump to; a field with a few declared
// values is answered by tapping one of them (the build rendered those buttons from the schema's
// own choices and ranges, beside the control that keeps the value); a tap on a number selects
// it, so what is typed replaces it. The stylesheet decides when this view shows (below 720 px,
// never on the projector); this module keeps it in step with the form. It computes nothing.

import { format } from "./form.mjs";

/** @typedef {import("./form.mjs").Form} Form */

/** @param {Element | null} element @returns {element is HTMLInputElement | HTMLSelectElement} */
function isControl(element) {
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement;
}

/**
 * The value a group of taps stands for, as the control beside it holds it.
 * @param {HTMLInputElement | HTMLSelectElement} control
 */
function valueOf(control) {
  if (control instanceof HTMLInputElement && control.type === "checkbox") return control.checked ? "true" : "false";
  return control.value.trim();
}

// A phone in the hand: a tap on a number should select it (a mouse keeps its own habits).
const TOUCH = "(pointer: coarse), (max-width: 44.9375em)";
// The card view shows (the stylesheet's own breakpoint): a big table then lays out its card.
const CARDS = "(max-width: 44.9375em)";

/** @param {string} html a cell as Python escaped it @returns {string} its text */
function textOf(html) {
  if (!html.includes("<") && !html.includes("&")) return html.trim();
  const box = document.createElement("template");
  box.innerHTML = html;
  return box.content.textContent?.trim() ?? "";
}

export class PhoneView {
  /** @type {WeakMap<HTMLElement, HTMLTableRowElement>} each table's row on screen */
  #current = new WeakMap();
  /** @type {WeakMap<HTMLElement, number>} a big table's row on screen, by its place */
  #at = new WeakMap();

  /**
   * @param {Form} form
   * @param {Record<string, string>} ui the widget's words in the page's language
   * @param {AbortSignal} signal removes every listener when the page is left
   * @param {(row: HTMLTableRowElement) => void} left told when the reader moves on from a row
   */
  constructor(form, ui, signal, left) {
    this.form = form;
    this.ui = ui;
    this.left = left;
    const element = form.element;
    element.addEventListener("click", (event) => this.onClick(event), { signal });
    element.addEventListener("focusin", (event) => this.onFocus(event), { signal });
  }

  /** @param {MouseEvent} event */
  onClick(event) {
    const target = event.target instanceof Element ? event.target : null;
    const tap = target?.closest(".ka-tap");
    if (tap instanceof HTMLButtonElement) return this.tap(tap);
    const button = target?.closest("button");
    const table = button ? this.form.tableOf(button) : null;
    if (!button || !table) return;
    if (button.dataset.action === "row-next") this.step(table, 1);
    else if (button.dataset.action === "row-prev") this.step(table, -1);
    else if (button.dataset.rowIndex !== undefined) this.show(table, Number(button.dataset.rowIndex));
  }

  /**
   * A tap gives its value to the control beside it, as if typed; a second tap on the value
   * given takes it back (blank again), where blank is allowed.
   * @param {HTMLButtonElement} tap
   */
  tap(tap) {
    const group = tap.parentElement;
    const control = group?.previousElementSibling ?? null;
    if (!group || !isControl(control)) return;
    const value = tap.dataset.value ?? "";
    const again = tap.getAttribute("aria-pressed") === "true";
    if (control instanceof HTMLInputElement && control.type === "checkbox") {
      control.checked = value === "true";
    } else if (again && (control instanceof HTMLInputElement || [...control.options].some((o) => o.value === ""))) {
      control.value = "";
    } else {
      control.value = value;
    }
    this.syncTaps(group, control);
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
  }

  /** @param {FocusEvent} event */
  onFocus(event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("ka-num")) return;
    if (!window.matchMedia(TOUCH).matches) return;
    // after the browser has placed the caret where the finger landed
    setTimeout(() => { if (document.activeElement === input) input.select(); }, 0);
  }

  /**
   * @param {Element} group
   * @param {HTMLInputElement | HTMLSelectElement} control
   */
  syncTaps(group, control) {
    const value = valueOf(control);
    for (const tap of group.querySelectorAll(".ka-tap")) {
      if (!(tap instanceof HTMLElement)) continue;
      const pressed = String(tap.dataset.value === value);
      if (tap.getAttribute("aria-pressed") !== pressed) tap.setAttribute("aria-pressed", pressed);
    }
  }

  /**
   * Move to the row `by` away (1: next, -1: previous); the row left is reported.
   * @param {HTMLElement} table
   * @param {number} by
   */
  step(table, by) {
    if (this.form.virtual.has(table)) {
      this.show(table, Math.min(this.form.count(table) - 1, Math.max(0, (this.#at.get(table) ?? 0) + by)));
      return this.keepFocus(table, by);
    }
    const rows = this.form.rows(table);
    const at = rows.indexOf(this.currentRow(table, rows));
    this.show(table, Math.min(rows.length - 1, Math.max(0, at + by)));
    this.keepFocus(table, by);
  }

  /** @param {HTMLElement} table @param {number} by */
  keepFocus(table, by) {
    const button = table.querySelector(`.ka-pager-${by > 0 ? "next" : "prev"}`);
    // keep the finger's button in focus, or the other one when this end is reached
    if (button instanceof HTMLButtonElement && button.disabled) {
      const other = table.querySelector(`.ka-pager-${by > 0 ? "prev" : "next"}`);
      if (other instanceof HTMLButtonElement) other.focus();
    }
  }

  /**
   * Show row `index` of `table`.
   * @param {HTMLElement} table
   * @param {number} index
   */
  show(table, index) {
    const big = this.form.virtual.get(table);
    if (big) {
      const before = this.#at.get(table) ?? 0;
      if (index < 0 || index >= big.values.length) return;
      const left = big.shown(before);
      if (before !== index && left) this.left(left);
      this.#at.set(table, index);
      return this.sync();
    }
    const rows = this.form.rows(table);
    const before = this.currentRow(table, rows);
    const row = rows[index];
    if (!row) return;
    if (before && before !== row) this.left(before);
    this.#current.set(table, row);
    this.sync();
  }

  /**
   * @param {HTMLElement} table
   * @param {HTMLTableRowElement[]} rows
   */
  currentRow(table, rows) {
    const kept = this.#current.get(table);
    return kept && rows.includes(kept) ? kept : rows[0];
  }

  /** Everything shown in step with the form: taps, the row on screen, the pager, the list. */
  sync() {
    for (const group of this.form.element.querySelectorAll(".ka-taps")) {
      const control = group.previousElementSibling;
      if (isControl(control)) this.syncTaps(group, control);
    }
    for (const table of this.form.tables()) this.syncTable(table);
  }

  /** @param {HTMLElement} table */
  syncTable(table) {
    if (this.form.virtual.has(table)) return this.syncBig(table);
    const rows = this.form.rows(table);
    // a row that holds the focus (one just added) is the one on screen
    const focused = document.activeElement?.closest("tr[data-row]");
    if (focused instanceof HTMLTableRowElement && rows.includes(focused)) this.#current.set(table, focused);
    const current = this.currentRow(table, rows);
    if (current) this.#current.set(table, current);
    table.classList.toggle("ka-paged", rows.length > 1);
    for (const row of rows) row.classList.toggle("ka-current", row === current);
    const index = table.querySelector(":scope > .ka-row-index");
    this.syncPager(table, rows.indexOf(current), rows.length);
    if (index instanceof HTMLOListElement) this.syncIndex(index, rows, current);
  }

  /**
   * A big table (only its rows on screen are laid out): on a phone, its card is laid out.
   * @param {HTMLElement} table
   */
  syncBig(table) {
    const big = this.form.virtual.get(table);
    if (!big) return;
    const count = big.values.length;
    const focused = document.activeElement?.closest("tr[data-index]");
    if (focused instanceof HTMLElement && table.contains(focused)) this.#at.set(table, Number(focused.dataset.index));
    const at = Math.min(this.#at.get(table) ?? 0, count - 1);
    this.#at.set(table, at);
    const cards = window.matchMedia(CARDS).matches;
    if (cards && !big.shown(at)) big.pin(at);
    table.classList.toggle("ka-paged", count > 1);
    for (const row of big.rows()) row.classList.toggle("ka-current", Number(row.dataset.index) === at);
    this.syncPager(table, at, count);
    const list = table.querySelector(":scope > .ka-row-index");
    if (!(list instanceof HTMLOListElement)) return;
    if (!cards) { list.hidden = true; return; } // the list of every row is a phone's
    const key = big.values[0] ? Object.keys(big.values[0])[0] : "";
    this.fillIndex(list, big.values.map((values, n) => {
      const answer = big.resultOf(n);
      const verdict = answer ? answer.cells.band ?? answer.cells.grade ?? "" : "";
      const name = typeof values[key] === "string" ? values[key].trim() : "";
      return { name: name || `#${n + 1}`, result: textOf(verdict), tone: answer?.tone ?? "", invalid: false, current: n === at };
    }));
  }

  /**
   * @param {HTMLElement} table
   * @param {number} at the row on screen
   * @param {number} count
   */
  syncPager(table, at, count) {
    const rows = { length: count };
    const pager = table.querySelector(":scope > .ka-pager");
    if (pager instanceof HTMLElement) {
      pager.hidden = rows.length < 2;
      const text = format(this.ui.row_at, { n: at + 1, count: rows.length });
      const where = pager.querySelector(".ka-pager-at");
      if (where && where.textContent !== text) where.textContent = text;
      pager.querySelector(".ka-pager-prev")?.toggleAttribute("disabled", at <= 0);
      pager.querySelector(".ka-pager-next")?.toggleAttribute("disabled", at >= rows.length - 1);
    }
  }

  /**
   * Every row as a button: its name, and its result once Python has given one.
   * @param {HTMLOListElement} list
   * @param {HTMLTableRowElement[]} rows
   * @param {HTMLTableRowElement | undefined} current
   */
  syncIndex(list, rows, current) {
    const entries = rows.map((row, n) => {
      const name = row.querySelector("td[data-column] input, td[data-column] select");
      const named = isControl(name) && name.value.trim() ? name.value.trim() : `#${n + 1}`;
      const verdict = row.querySelector('td[data-result="band"], td[data-result="grade"]');
      return {
        name: named,
        result: verdict?.textContent?.trim() ?? "",
        tone: row.dataset.tone ?? "",
        invalid: Boolean(row.querySelector('[aria-invalid="true"]')),
        current: row === current,
      };
    });
    this.fillIndex(list, entries);
  }

  /**
   * @param {HTMLOListElement} list
   * @param {{name: string, result: string, tone: string, invalid: boolean, current: boolean}[]} entries
   */
  fillIndex(list, entries) {
    list.hidden = entries.length < 2;
    const signature = JSON.stringify(entries);
    if (list.dataset.signature === signature) return;
    list.dataset.signature = signature;
    list.replaceChildren(...entries.map((entry, n) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.rowIndex = String(n);
      if (entry.tone) button.dataset.tone = entry.tone;
      if (entry.invalid) button.dataset.invalid = "true";
      button.setAttribute("aria-current", String(entry.current));
      const name = document.createElement("span");
      name.className = "ka-index-name";
      name.textContent = entry.name;
      button.append(name);
      if (entry.result) button.append(entry.result);
      item.append(button);
      return item;
    }));
  }
}
