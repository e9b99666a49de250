// @ts-check
// A calculator's tools: import and export of its tables (CSV or Excel, read and written by
// Python in the worker), print, projector and share link. Every call to the worker ends in a
// message beside the table, in the page's language, when it cannot be answered.

import { format, part } from "./form.mjs";
import { ImportPreview } from "./import-preview.mjs";
import { LIMITS, formatHash, pack, parseHash } from "./state.mjs";

/** @typedef {import("./widget.mjs").Widget} Widget */

const EXCEL = /\.xls[xm]$/i;

/**
 * Save `text` (CSV, with a BOM for Excel) or bytes as a file the browser downloads.
 * @param {string} filename
 * @param {string | Uint8Array<ArrayBuffer>} text
 * @param {string} type
 */
function download(filename, text, type = "text/csv;charset=utf-8") {
  const link = document.createElement("a");
  const parts = typeof text === "string" ? ["\ufeff", text] : [text];
  link.href = URL.createObjectURL(new Blob(parts, { type }));
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export class Toolbar {
  /** @param {Widget} widget */
  constructor(widget) {
    this.widget = widget;
    this.shareBox = part(widget.root, ".ka-share-box", HTMLElement);
    /** @type {Map<HTMLElement, ImportPreview>} each table's import preview (or undo), if any */
    this.previews = new Map();
  }

  /**
   * A click on one of the tools; false if the button is not one of them.
   * @param {HTMLButtonElement} button
   * @param {HTMLElement | null} table the table the button belongs to, if any
   */
  onClick(button, table) {
    const { action } = button.dataset;
    if (action === "import" && table) part(table, ".ka-csv-file", HTMLInputElement).click();
    else if (action === "export" && table) this.exportTable(table, "csv");
    else if (action === "export-xlsx" && table) this.exportTable(table, "xlsx");
    else if (action === "projector") this.projector(!this.widget.root.classList.contains("ka-projected"));
    else if (action === "share") this.share();
    else if (action === "print") window.print();
    else if (action === "retry") this.widget.host.retry();
    else return false;
    return true;
  }

  // Import: the file's bytes and name go to Python (calculators.tables), which finds the
  // encoding, delimiter, headers, units and stages, and says what it did; the preview shows it
  // and replaces the table only when the reader confirms (import-preview.mjs).
  /** @param {HTMLInputElement} input */
  async onFile(input) {
    const { form, ui, host } = this.widget;
    const file = input.files?.[0];
    const table = form.tableOf(input);
    if (!file || !table) return;
    form.clearTableMessage(table);
    if (file.size > LIMITS.fileBytes) { // checked before the file is read
      /** @param {number} bytes */
      const megabytes = (bytes) => (bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 });
      input.value = "";
      return form.tableMessage(table, format(ui.import_too_big, { size: megabytes(file.size), limit: megabytes(LIMITS.fileBytes) }));
    }
    input.value = "";
    if (host.client.state !== "ready") return form.tableMessage(table, ui.status_loading);
    form.importNotice(table, "");
    this.previews.get(table)?.close();
    // a workbook needs openpyxl first: only a failure of that step means no Excel support
    let step = "xlsx";
    try {
      if (EXCEL.test(file.name)) {
        form.importNotice(table, ui.xlsx_loading);
        await host.client.installXlsx();
        form.importNotice(table, "");
      }
      step = "read";
      const bytes = new Uint8Array(await file.arrayBuffer());
      const preview = new ImportPreview(this.widget, table, bytes, file.name);
      this.previews.set(table, preview);
      await preview.read();
    } catch (error) {
      console.error("KA Playbook import:", error instanceof Error ? error.message : error);
      this.previews.get(table)?.close();
      form.importNotice(table, "");
      return form.tableMessage(table, this.widget.callFailed(error, step === "xlsx" ? ui.xlsx_failed : ui.import_failed));
    }
  }

  /**
   * Download the table as Python writes it: CSV text, or an Excel workbook (openpyxl is
   * installed in the worker first).
   * @param {HTMLElement} table
   * @param {"csv" | "xlsx"} format
   */
  async exportTable(table, format) {
    const { form, slug, ui, host } = this.widget;
    if (host.client.state !== "ready") return form.tableMessage(table, ui.status_loading);
    const field = table.dataset.field ?? "";
    const rows = JSON.stringify(form.inputs()[field]);
    let answer;
    let step = format; // only a failure to load openpyxl means no Excel support
    try {
      if (format === "xlsx") await host.client.installXlsx();
      step = "csv";
      // headed by the columns' titles and choices by their labels, in the page's language
      answer = await host.client.call("table_export_json", slug, field, rows, format, this.widget.lang);
    } catch (error) {
      console.error("KA Playbook export:", error instanceof Error ? error.message : error);
      return form.tableMessage(table, this.widget.callFailed(error, step === "xlsx" ? ui.xlsx_failed : ui.export_failed));
    }
    if (!answer.ok) return form.tableMessage(table, answer.error.message[this.widget.lang === "zh" ? "zh" : "en"]);
    if (format === "csv" && answer.csv !== undefined) download(`${slug}-${field}.csv`, answer.csv);
    if (format === "xlsx" && answer.xlsx !== undefined) {
      const bytes = Uint8Array.from(atob(answer.xlsx), (c) => c.charCodeAt(0));
      download(`${slug}-${field}.xlsx`, bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
  }

  /** The calculator alone on the screen, large, its tables folded. @param {boolean} on */
  projector(on) {
    const { root, scoreboard } = this.widget;
    root.classList.toggle("ka-projected", on);
    document.documentElement.classList.toggle("ka-projector", on);
    root.querySelector('[data-action="projector"]')?.setAttribute("aria-pressed", String(on));
    scoreboard.projectorFold(on);
    if (on) root.requestFullscreen?.().catch(() => {}); // the class alone still works
    else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    if (on) root.scrollIntoView();
  }

  /** Leaving full screen (Escape) leaves the projector too. */
  onFullscreenChange() {
    if (!document.fullscreenElement && this.widget.root.classList.contains("ka-projected")) this.projector(false);
  }

  // The link keeps the page's own heading anchor (if the address has one) apart from the state:
  // #<heading>&ka.<slug>=<state>.
  async share() {
    const { form, slug, ui } = this.widget;
    const hash = parseHash(location.hash);
    const packed = await pack(JSON.stringify(form.inputs()));
    const note = part(this.shareBox, ".ka-share-note");
    const field = part(this.shareBox, "input", HTMLInputElement);
    if (packed.length > LIMITS.linkChars) {
      field.value = "";
      this.shareBox.hidden = false;
      note.textContent = format(ui.share_too_big, { size: packed.length.toLocaleString(), limit: LIMITS.linkChars.toLocaleString() });
      return;
    }
    hash.states.set(slug, packed);
    const url = new URL(location.pathname + location.search + formatHash(hash), location.href);
    field.value = url.href;
    this.shareBox.hidden = false;
    field.select();
    try {
      await navigator.clipboard.writeText(url.href);
      note.textContent = ui.share_copied;
    } catch {
      note.textContent = ui.share_manual;
    }
  }
}
