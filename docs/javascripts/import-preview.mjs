// @ts-check
// The import's preview. A file is read by Python in the worker (calculators.tables) and shown
// before it replaces a table: how it was read (columns used and not, units, stages, rows left
// out), what to check (likely duplicates, implausible amounts), and the choices that settle what
// the file cannot say itself (the amount unit, the number format, CRM stages nothing maps). The
// reader confirms or cancels; a confirmed import can be undone until the table is edited. No
// sales logic here: Python reads and decides, this only asks and shows, in the page's language.

import { format, part } from "./form.mjs";

/** @typedef {import("./widget.mjs").Widget} Widget */
/** @typedef {import("./protocol.mjs").ImportAnswer} ImportAnswer */
/** @typedef {import("./protocol.mjs").Bilingual} Bilingual */

/** The reading choices the preview offers, as `table_import_json` takes them. */
const UNITS = ["", "yuan", "wan", "yi"];
const MARKS = ["", "point", "comma"];

export class ImportPreview {
  /**
   * @param {Widget} widget
   * @param {HTMLElement} table the table the file is for
   * @param {Uint8Array} bytes the file, kept to be read again with other choices
   * @param {string} filename
   */
  constructor(widget, table, bytes, filename) {
    this.widget = widget;
    this.table = table;
    this.bytes = bytes;
    this.filename = filename;
    /** @type {{amount_unit: string, decimal_mark: string, stage_map: Record<string, string>}} */
    this.choices = { amount_unit: "", decimal_mark: "", stage_map: {} };
    /** @type {{value: string, label: Bilingual}[]} the stages a CRM stage may be mapped to */
    this.stageChoices = [];
    /** @type {string[]} the CRM stages nothing mapped, once Python named them */
    this.unmapped = [];
    /** @type {Set<string>} the choices offered, once a refusal named them (they stay offered) */
    this.offered = new Set();
    /** @type {Record<string, unknown>[] | null} the rows read, when the file can be used */
    this.rows = null;
    /** @type {string} the notice of the rows read, in the page's language */
    this.noticeText = "";
    /** @type {unknown[] | null} the table's rows before a confirmed import, for undo */
    this.before = null;
    this.shown = false; // brought into view once, when it first answers
    this.element = document.createElement("div");
    this.element.className = "ka-import-preview";
    this.element.setAttribute("role", "region");
    this.element.setAttribute("aria-label", widget.ui.import_csv ?? "");
    // its choices are not edits of the table: the form must not recompute (and clear messages)
    for (const type of ["input", "change"]) this.element.addEventListener(type, (event) => event.stopPropagation());
    this.element.addEventListener("change", (event) => this.onChoice(event));
    this.element.addEventListener("click", (event) => this.onClick(event));
    /** @param {Event} event */
    this.onEdit = (event) => this.forgetUndo(event);
    part(table, ":scope > .ka-import-area").append(this.element);
  }

  get lang() {
    return this.widget.lang === "zh" ? "zh" : "en";
  }

  /** Read the file (again) with the current choices and show what Python answered. */
  async read() {
    const { host, slug, ui } = this.widget;
    this.element.replaceChildren(this.paragraph(ui.import_reading, "ka-import-status"));
    // the controls' names, so that a refusal names them (the page shows one language)
    const controls = { amount_unit: ui.import_unit, decimal_mark: ui.import_decimal, stage_map: ui.import_stages };
    const named = Object.fromEntries(Object.entries(controls).map(([key, name]) => [key, { zh: name, en: name }]));
    const options = JSON.stringify({ ...this.choices, controls: named });
    const field = this.table.dataset.field ?? "";
    const answer = await host.client.call("table_import_json", slug, field, this.bytes, this.filename, options);
    if (!this.element.isConnected) return;
    this.show(answer);
    if (this.element.isConnected && !this.shown) this.element.scrollIntoView({ block: "nearest" });
    this.shown = true;
  }

  /** @param {ImportAnswer} answer */
  show(answer) {
    const { ui } = this.widget;
    const lang = this.lang;
    const parts = [];
    if (answer.ok) {
      this.rows = answer.rows;
      const warnings = (answer.notice.warnings ?? []).map((w) => w.text[lang]);
      const lines = answer.notice.lines.map((line) => line[lang]).filter((line) => !warnings.some((w) => line.endsWith(w)));
      this.noticeText = lines.join(" ");
      parts.push(this.paragraph(format(ui.import_preview, { file: this.filename }), "ka-import-heading"));
      parts.push(this.list(lines, "ka-import-lines"));
      if (warnings.length) {
        parts.push(this.paragraph(ui.import_check, "ka-import-heading ka-import-warning"));
        parts.push(this.list(warnings, "ka-import-warnings"));
      }
    } else {
      this.rows = null;
      const settle = answer.error.settle ?? {};
      const messages = [...new Set(answer.error.problems.map((p) => p.message[lang] || p.message.en))];
      if (!Object.keys(settle).length && !this.offered.size && !this.unmapped.length) {
        // no choice here settles it (an empty file, no usable column): said beside the table
        this.close();
        this.widget.form.tableMessage(this.table, messages.join(" "));
        return;
      }
      for (const key of ["amount_unit", "decimal_mark"]) if (key in settle) this.offered.add(key);
      if (settle.stages) {
        this.stageChoices = settle.stages.choices;
        for (const stage of settle.stages.unmapped) if (!this.unmapped.includes(stage)) this.unmapped.push(stage);
      }
      parts.push(this.paragraph(format(ui.import_refused, { file: this.filename }), "ka-import-heading ka-error"));
      parts.push(this.list(messages, "ka-import-problems"));
    }
    if (this.offered.size || this.unmapped.length) parts.push(this.controls());
    const buttons = document.createElement("p");
    buttons.className = "ka-import-buttons";
    if (this.rows) buttons.append(this.button(format(ui.import_confirm, { rows: this.rows.length.toLocaleString() }), "confirm", true));
    buttons.append(this.button(ui.import_cancel, "cancel", false));
    parts.push(buttons);
    this.element.replaceChildren(...parts);
  }

  /** The choices: the amount unit, the number format, a stage for each CRM stage nothing maps. */
  controls() {
    const { ui } = this.widget;
    const box = document.createElement("div");
    box.className = "ka-import-choices";
    if (this.offered.has("amount_unit")) {
      const names = [ui.import_unit_file, ui.import_unit_yuan, ui.import_unit_wan, ui.import_unit_yi];
      box.append(this.select(ui.import_unit, "amount_unit", UNITS.map((value, i) => [value, names[i]]), this.choices.amount_unit));
    }
    if (this.offered.has("decimal_mark")) {
      const names = [ui.import_decimal_file, ui.import_decimal_point, ui.import_decimal_comma];
      box.append(this.select(ui.import_decimal, "decimal_mark", MARKS.map((value, i) => [value, names[i]]), this.choices.decimal_mark));
    }
    if (this.unmapped.length) {
      const stages = document.createElement("fieldset");
      stages.className = "ka-import-stages";
      const legend = document.createElement("legend");
      legend.textContent = ui.import_stages;
      stages.append(legend);
      /** @type {[string, string][]} */
      const options = [["", ui.import_stage_pick], ...this.stageChoices.map((c) => /** @type {[string, string]} */ ([c.value, c.label[this.lang]]))];
      for (const stage of this.unmapped) {
        stages.append(this.select(stage, `stage:${stage}`, options, this.choices.stage_map[stage] ?? ""));
      }
      box.append(stages);
    }
    return box;
  }

  /**
   * @param {string} label
   * @param {string} name
   * @param {[string, string][]} options value and text
   * @param {string} chosen
   */
  select(label, name, options, chosen) {
    const wrapper = document.createElement("label");
    wrapper.className = "ka-import-choice";
    const text = document.createElement("span");
    text.textContent = label;
    const select = document.createElement("select");
    select.name = name;
    for (const [value, shown] of options) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = shown;
      option.selected = value === chosen;
      select.append(option);
    }
    wrapper.append(text, select);
    return wrapper;
  }

  /** @param {string} text @param {string} action @param {boolean} primary */
  button(text, action, primary) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = primary ? "md-button md-button--primary" : "md-button";
    button.dataset.preview = action;
    button.textContent = text;
    return button;
  }

  /** @param {string} text @param {string} className */
  paragraph(text, className) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  /** @param {string[]} items @param {string} className */
  list(items, className) {
    const list = document.createElement("ul");
    list.className = className;
    for (const item of items) {
      const li = document.createElement("li");
      li.textContent = item;
      list.append(li);
    }
    return list;
  }

  /** A choice changed: read the file again with it. @param {Event} event */
  onChoice(event) {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement)) return;
    if (select.name === "amount_unit") this.choices.amount_unit = select.value;
    else if (select.name === "decimal_mark") this.choices.decimal_mark = select.value;
    else if (select.name.startsWith("stage:")) {
      const stage = select.name.slice("stage:".length);
      if (select.value) this.choices.stage_map[stage] = select.value;
      else delete this.choices.stage_map[stage];
    } else return;
    this.read().catch((error) => this.failed(error));
  }

  /** @param {MouseEvent} event */
  onClick(event) {
    const button = event.target instanceof Element ? event.target.closest("button[data-preview]") : null;
    if (!(button instanceof HTMLButtonElement)) return;
    const action = button.dataset.preview;
    if (action === "confirm") this.confirm();
    else if (action === "cancel") this.cancel();
    else if (action === "undo") this.undo();
  }

  /** The rows replace the table's; the table's rows before are kept for undo. */
  confirm() {
    const { form, ui } = this.widget;
    if (!this.rows) return;
    const field = this.table.dataset.field ?? "";
    const before = form.inputs()[field];
    this.before = Array.isArray(before) ? before : [];
    form.setRows(this.table, this.rows);
    this.widget.changed();
    form.importNotice(this.table, this.noticeText);
    this.element.replaceChildren(this.button(ui.import_undo, "undo", false));
    this.element.classList.add("ka-import-done");
    // an edit of the table after the import: undo would lose it, so it is no longer offered
    this.table.addEventListener("input", this.onEdit);
    this.table.addEventListener("click", this.onEdit);
  }

  cancel() {
    const { form, ui } = this.widget;
    this.close();
    form.importNotice(this.table, ui.import_cancelled);
  }

  undo() {
    const { form, ui } = this.widget;
    if (!this.before) return;
    form.setRows(this.table, /** @type {Record<string, unknown>[]} */ (this.before));
    this.widget.changed();
    this.close();
    form.importNotice(this.table, ui.import_undone);
  }

  /** @param {Event} event */
  forgetUndo(event) {
    const target = event.target;
    if (target instanceof Element && this.element.contains(target)) return;
    if (event.type === "click" && !(target instanceof Element && target.closest(".ka-add-row, .ka-remove-row"))) return;
    this.close();
  }

  /** @param {unknown} error */
  failed(error) {
    const { ui } = this.widget;
    console.error("KA Playbook import:", error instanceof Error ? error.message : error);
    this.close();
    this.widget.form.tableMessage(this.table, this.widget.callFailed(error, ui.import_failed));
  }

  /** The preview (or the undo button) goes away; the table stays as it is. */
  close() {
    this.table.removeEventListener("input", this.onEdit);
    this.table.removeEventListener("click", this.onEdit);
    this.element.remove();
  }
}
