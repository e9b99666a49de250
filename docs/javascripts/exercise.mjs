// @ts-check
// An exercise started blank: the room's link (`?start=blank`) or the "Start blank" button puts
// in the names and the trainer's settings with none of the values the group gives (the build
// wrote them from the schema, `Calculator.blank_start`). Until the group asks for the result or
// moves on from a row, a value still blank is a neutral "to do", not a red error, and the worked
// example's result is not shown as if it were the group's. Each row's own result comes from
// Python as soon as the row is complete. Nothing here decides what is missing: Python names
// every problem; this module only tells a blank one apart from a wrong one.

import { format } from "./form.mjs";
import { storageKey } from "./state.mjs";

/** @typedef {import("./form.mjs").Form} Form */
/** @typedef {import("./saved.mjs").Notice} Notice */
/** @typedef {import("./protocol.mjs").InputErrorData} InputErrorData */
/** @typedef {InputErrorData["problems"][number]} Problem */

export const START_PARAMETER = "start";
export const START_BLANK = "blank";

/** @param {string} key */
const session = {
  /** @param {string} key */
  get(key) { try { return sessionStorage.getItem(key); } catch { return null; } },
  /** @param {string} key @param {string} value */
  set(key, value) { try { sessionStorage.setItem(key, value); } catch { /* kept for this page only */ } },
  /** @param {string} key */
  remove(key) { try { sessionStorage.removeItem(key); } catch { /* nothing kept */ } },
};

export class Exercise {
  /** @type {WeakSet<Element>} rows the group has moved on from */
  #left = new WeakSet();
  #asked = false;
  #bringIntoView = false;

  /**
   * @param {object} parts
   * @param {HTMLElement} parts.root the widget's section
   * @param {Form} parts.form
   * @param {Notice} parts.notice
   * @param {Record<string, string>} parts.ui
   * @param {HTMLElement} parts.status the status line
   * @param {HTMLElement} parts.result the result box
   * @param {() => void} parts.changed the form changed: save and compute
   * @param {() => void} parts.recompute place the last answer again (compute without a change)
   * @param {AbortSignal} parts.signal
   */
  constructor({ root, form, notice, ui, status, result, changed, recompute, signal }) {
    this.root = root;
    this.form = form;
    this.notice = notice;
    this.ui = ui;
    this.status = status;
    this.result = result;
    this.changed = changed;
    this.recompute = recompute;
    /** @type {Record<string, unknown> | null} */
    this.blank = root.dataset.blank ? JSON.parse(root.dataset.blank) : null;
    this.key = `${storageKey(root.dataset.calc ?? "", root.dataset.root ?? "")}:exercise`;
    this.active = this.blank !== null && session.get(this.key) === "on";
    if (this.active) result.hidden = true; // a reload: still the group's exercise
    this.askButton = document.createElement("button");
    this.askButton.type = "button";
    this.askButton.className = "md-button ka-ask";
    this.askButton.textContent = ui.show_missing ?? "";
    this.askButton.hidden = true;
    this.askButton.addEventListener("click", () => this.ask(), { signal });
    status.after(this.askButton);
    form.element.addEventListener("reset", () => this.stop(), { signal });
    root.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest('[data-action="start-blank"]') : null;
      if (button) this.start();
    }, { signal });
  }

  /** Opened by the room's link (`?start=blank`): start blank once, and leave a clean address
   * (the other parameters stay), so that a reload keeps the group's work. */
  startFromAddress() {
    const url = new URL(location.href);
    if (url.searchParams.get(START_PARAMETER) !== START_BLANK || !this.blank) return;
    url.searchParams.delete(START_PARAMETER);
    history.replaceState(history.state, "", url.href);
    this.start();
    // the link is for the exercise: the table the group fills comes into view, now and again
    // once the first answer has laid the form out
    this.#bringIntoView = true;
    this.scrollToTable();
  }

  scrollToTable() {
    const target = this.form.element.querySelector(":scope > [data-exercise]") ?? this.form.element;
    target.scrollIntoView({ block: "start" });
  }

  /** The names and settings, none of the group's values; what was here can be brought back. */
  start() {
    if (!this.blank) return;
    const before = this.form.inputs();
    this.form.setInputs(this.blank);
    this.active = true;
    this.#asked = false;
    this.#left = new WeakSet();
    session.set(this.key, "on");
    this.result.hidden = true; // the worked example is not the group's result
    this.notice.show(this.ui.blank_started, [{
      label: this.ui.blank_undo,
      run: () => { this.stop(); this.form.setInputs(before); this.notice.close(); this.changed(); },
    }], "blank");
    this.changed();
  }

  stop() {
    this.active = false;
    this.#asked = false;
    session.remove(this.key);
    this.result.hidden = false;
    this.askButton.hidden = true;
    for (const control of this.form.element.querySelectorAll("[data-todo]")) control.removeAttribute("data-todo");
  }

  /** The group asks for the result: every value still missing is shown as missing. */
  ask() {
    this.#asked = true;
    this.recompute();
  }

  /** The group moved on from `row`: what is still blank there is missing now. @param {Element} row */
  leave(row) {
    if (!this.active) return;
    this.#left.add(row);
    this.recompute();
  }

  /**
   * The control a problem is about, when it is a table cell or a scalar field of the form.
   * @param {Problem} problem
   */
  controlOf(problem) {
    const field = this.form.element.querySelector(`:scope > .ka-field[data-field="${CSS.escape(problem.field)}"]`);
    if (!field) return null;
    if (problem.row === null || problem.row === undefined) {
      return field.classList.contains("ka-table") ? null : field.querySelector("input, select");
    }
    const row = field instanceof HTMLElement ? this.form.rowAt(field, problem.row) : undefined;
    return row && problem.column ? row.querySelector(`td[data-column="${CSS.escape(problem.column)}"] input, td[data-column="${CSS.escape(problem.column)}"] select`) : null;
  }

  /**
   * Python's problems, parted: those to show as errors, and the values still to give.
   * @param {InputErrorData} error
   * @returns {{shown: Problem[], todo: Element[]}}
   */
  sort(error) {
    if (!this.active || this.#asked) return { shown: error.problems, todo: [] };
    /** @type {Problem[]} */
    const shown = [];
    /** @type {Element[]} */
    const todo = [];
    for (const problem of error.problems) {
      const control = this.controlOf(problem);
      const blank = control instanceof HTMLInputElement || control instanceof HTMLSelectElement
        ? control.value.trim() === "" && !(control instanceof HTMLInputElement && control.type === "checkbox")
        : false;
      const row = control?.closest("tr[data-row]");
      if (control && blank && !(row && this.#left.has(row))) todo.push(control);
      else shown.push(problem);
    }
    return { shown, todo };
  }

  /**
   * After an answer: mark the values still to give, and say how many; the result box stays
   * empty until the group's own result is there.
   * @param {boolean} ok
   * @param {Problem[]} shown
   * @param {Element[]} todo
   */
  settle(ok, shown, todo) {
    for (const control of this.form.element.querySelectorAll("[data-todo]")) {
      if (!todo.includes(control)) control.removeAttribute("data-todo");
    }
    for (const control of todo) control.setAttribute("data-todo", "");
    if (this.#bringIntoView) {
      this.#bringIntoView = false;
      this.scrollToTable();
    }
    if (!this.active) return;
    this.result.hidden = !ok;
    this.askButton.hidden = ok || todo.length === 0;
    if (!ok && shown.length === 0 && todo.length) {
      this.status.dataset.state = "todo";
      this.status.textContent = format(this.ui.status_todo, { count: todo.length });
    }
  }
}
