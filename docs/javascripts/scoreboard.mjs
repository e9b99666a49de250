// Tables that answer in the row, folding, sorting and printed values: placing what Python says.
// The package's `_form.form_view` decides every heading, which columns show, each row's results
// and the order by score (it comes with every answer of `score_json`, as `form`). This module
// only puts those pieces where they belong; it computes nothing.

const layouts = new WeakMap(); // widget -> the last `form` Python sent

function tableOf(widget, key) {
  return widget.form.querySelector(`:scope > .ka-table[data-field="${CSS.escape(key)}"]`);
}

// Show or hide a column, and name its controls, in the rows and in the template for new rows.
function placeColumns(table, columns) {
  const template = table.querySelector(".ka-row-template").content;
  for (const column of columns) {
    const selector = `[data-column="${CSS.escape(column.key)}"]`;
    const heading = table.querySelector(`thead th${selector}`);
    if (heading) {
      heading.innerHTML = column.html; // escaped by calculators._form
      heading.title = column.text;
      heading.hidden = column.hidden;
    }
    for (const scope of [table.querySelector("tbody"), template]) {
      for (const cell of scope.querySelectorAll(`td${selector}`)) {
        cell.hidden = column.hidden;
        cell.querySelector("input, select")?.setAttribute("aria-label", column.text);
      }
    }
  }
}

// Each row's results, or, for an input Python refused, the last ones marked stale.
function placeResults(table, entry) {
  table.classList.toggle("ka-rows-stale", entry.results === null);
  table.querySelector('[data-action="sort"]')?.toggleAttribute("disabled", entry.results === null);
  if (entry.results === null) return;
  const rows = table.querySelectorAll("tbody tr[data-row]");
  rows.forEach((row, index) => {
    const answer = entry.results[index];
    for (const cell of row.querySelectorAll("td.ka-row-result")) {
      cell.innerHTML = answer ? answer.cells[cell.dataset.result] : ""; // escaped by Python
    }
    if (answer && answer.tone) row.dataset.tone = answer.tone;
    else delete row.dataset.tone;
  });
  table.kaOrder = entry.order || null;
}

// What each control holds, as text beside it: print shows that instead of a box that cuts it.
export function syncPrintValues(widget) {
  for (const control of widget.form.querySelectorAll("input:not([type=file]), select")) {
    const slot = control.nextElementSibling;
    if (!slot || !slot.classList.contains("ka-print-value")) continue;
    if (control.tagName === "SELECT") slot.textContent = control.selectedOptions[0]?.textContent ?? "";
    else if (control.type === "checkbox") slot.textContent = control.checked ? "✓" : "—";
    else slot.textContent = control.value;
  }
}

// Place a `form` answer (see calculators._form.form_view); keep it to re-place on new rows.
export function placeForm(widget, form) {
  syncPrintValues(widget);
  if (!form) return;
  layouts.set(widget, form);
  for (const entry of form.tables) {
    const table = tableOf(widget, entry.field);
    if (!table) continue;
    placeColumns(table, entry.columns);
    if ("headings" in entry) placeResults(table, entry);
  }
}

// After rows are added, removed or replaced: the columns Python last hid stay hidden.
export function relayout(widget) {
  const form = layouts.get(widget);
  if (!form) return;
  for (const entry of form.tables) {
    const table = tableOf(widget, entry.field);
    if (table) placeColumns(table, entry.columns);
  }
}

function fold(table, folded) {
  table.classList.toggle("ka-folded", folded);
  const button = table.querySelector(':scope > [data-action="fold"]');
  if (!button) return;
  button.setAttribute("aria-expanded", String(!folded));
  button.textContent = folded ? button.dataset.unfold : button.dataset.fold;
}

// On the projector every table folds its details away (a scoreboard keeps its rows and results);
// off it, everything unfolds again.
export function projectorFold(widget, on) {
  for (const table of widget.form.querySelectorAll(":scope > .ka-table")) fold(table, on);
}

// The toolbar buttons this module owns; true if it handled the click.
export function onAction(widget, button) {
  const table = button.closest(".ka-table");
  if (!table) return false;
  if (button.dataset.action === "fold") {
    fold(table, !table.classList.contains("ka-folded"));
    return true;
  }
  if (button.dataset.action === "sort") {
    // rows move in the order Python gave (by rank); each keeps its name, points and results
    const order = table.kaOrder;
    const tbody = table.querySelector("tbody");
    const rows = [...tbody.querySelectorAll("tr[data-row]")];
    if (!order || order.length !== rows.length) return true;
    for (const index of order) tbody.append(rows[index]);
    widget.refreshTables();
    widget.changed();
    return true;
  }
  return false;
}
