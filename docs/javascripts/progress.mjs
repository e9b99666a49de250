// @ts-check
// A new hire's progress on the drills, kept on this device only: per drill, how many items are
// answered, how many right, and when it was last visited. Each drill's answer (Python's figures
// "answered", "correct" and "items") is written down here after every computation; the
// self-check index's overview and each drill's head read it back. A reset forgets the progress
// and the drill's answers kept in this browser. Nothing is sent anywhere.

import { format } from "./form.mjs";
import { checkDepth, legacyKey, storage } from "./state.mjs";

export const PROGRESS_KEY = "ka-playbook-progress";
//: The most the progress of every drill takes as text (each drill's is under 100 characters):
//: anything longer is not ours and is not parsed.
const PROGRESS_MAX_CHARS = 64_000;

/** @typedef {{answered: number, right: number, items: number, visited: number}} DrillProgress */

/**
 * What this device keeps, checked: its size and depth before it is parsed, then each drill's
 * numbers. `damaged`: something was kept that could not be read (it is dropped at the next
 * record; the drills' own answers are kept apart and stay).
 * @returns {{progress: Record<string, DrillProgress>, damaged: boolean}}
 */
export function readKept() {
  const text = storage.get(PROGRESS_KEY);
  if (text === null) return { progress: {}, damaged: false };
  let data;
  try {
    if (text.length > PROGRESS_MAX_CHARS) throw new RangeError("too big");
    checkDepth(text);
    data = JSON.parse(text);
  } catch {
    return { progress: {}, damaged: true };
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return { progress: {}, damaged: true };
  /** @type {Record<string, DrillProgress>} */
  const progress = {};
  let damaged = false;
  for (const [slug, entry] of Object.entries(data)) {
    const { answered, right, items, visited } = entry ?? {};
    if ([answered, right, items, visited].every((n) => Number.isFinite(n) && n >= 0)) {
      progress[slug] = { answered, right, items, visited };
    } else {
      damaged = true;
    }
  }
  return { progress, damaged };
}

/** The drills' progress this device keeps (what can be read of it). */
export function readProgress() {
  return readKept().progress;
}

/** @param {Record<string, DrillProgress>} progress */
function writeProgress(progress) {
  storage.set(PROGRESS_KEY, JSON.stringify(progress));
}

/**
 * After a drill's computation: its figures become its progress, and its head shows them.
 * @param {HTMLElement} root the drill's widget
 * @param {Event} event its `ka:computed` event
 */
export function recordProgress(root, event) {
  if (root.dataset.kind !== "drill" || !(event instanceof CustomEvent)) return;
  const reply = event.detail?.reply;
  if (!reply?.ok) return;
  /** @type {Record<string, number>} */
  const figures = {};
  for (const figure of reply.result?.figures ?? []) {
    if (typeof figure?.key === "string" && typeof figure.value === "number") figures[figure.key] = figure.value;
  }
  if (!("answered" in figures && "correct" in figures && "items" in figures)) return;
  const progress = readProgress();
  progress[root.dataset.calc ?? ""] = {
    answered: figures.answered, right: figures.correct, items: figures.items, visited: Date.now(),
  };
  writeProgress(progress);
  showProgress(root.ownerDocument);
}

/**
 * When a drill was last visited, in the page's language.
 * @param {number} time
 * @param {string} lang
 */
function when(time, lang) {
  return new Date(time).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
  });
}

/**
 * Forget a drill's progress and the answers this browser keeps for it (on any page).
 * @param {string} slug
 */
function forget(slug) {
  const progress = readProgress();
  delete progress[slug];
  writeProgress(progress);
  const prefix = legacyKey(slug);
  try {
    for (const key of Object.keys(localStorage)) {
      if (key === prefix || key.startsWith(`${prefix}@`)) storage.remove(key);
    }
  } catch { /* nothing kept */ }
}

/**
 * Fill every progress overview and drill head of `scope` from what this device keeps.
 * @param {Document} scope
 */
export function showProgress(scope) {
  const { progress, damaged } = readKept();
  for (const overview of scope.querySelectorAll(".ka-progress")) {
    if (!(overview instanceof HTMLElement)) continue;
    const ui = JSON.parse(overview.dataset.ui ?? "{}");
    const lang = overview.dataset.lang ?? "en";
    overview.hidden = false;
    // what could not be read is said, until a drill's answer or the reset writes it anew
    const status = overview.querySelector(".ka-progress-status");
    if (status && damaged) status.textContent = ui.progress_damaged;
    else if (status && status.textContent === ui.progress_damaged) status.textContent = "";
    for (const row of overview.querySelectorAll("tr[data-progress-for]")) {
      if (!(row instanceof HTMLElement)) continue;
      const entry = progress[row.dataset.progressFor ?? ""];
      const items = Number(row.dataset.items);
      /** @type {Record<string, string>} */
      const cells = entry
        ? { answered: `${entry.answered} / ${entry.items}`, right: `${entry.right} / ${entry.answered}`, visited: when(entry.visited, lang) }
        : { answered: `0 / ${items}`, right: "—", visited: ui.progress_never };
      for (const [key, text] of Object.entries(cells)) {
        const cell = row.querySelector(`[data-cell="${key}"]`);
        if (cell && cell.textContent !== text) cell.textContent = text;
      }
    }
    if (!overview.dataset.wired) {
      overview.dataset.wired = "true";
      overview.querySelector('[data-action="progress-reset"]')?.addEventListener("click", () => {
        for (const row of overview.querySelectorAll("tr[data-progress-for]")) {
          if (row instanceof HTMLElement) forget(row.dataset.progressFor ?? "");
        }
        const status = overview.querySelector(".ka-progress-status");
        if (status) status.textContent = ui.progress_cleared;
        showProgress(scope);
      });
    }
  }
  for (const line of scope.querySelectorAll(".ka-progress-line[data-progress-for]")) {
    if (!(line instanceof HTMLElement)) continue;
    const widget = line.closest(".ka-calc");
    if (!(widget instanceof HTMLElement)) continue;
    const ui = JSON.parse(widget.dataset.ui ?? "{}");
    const slug = line.dataset.progressFor ?? "";
    const entry = progress[slug];
    line.hidden = !entry;
    if (!entry) continue;
    const text = format(ui.progress_line, {
      answered: entry.answered, items: entry.items, right: entry.right,
      visited: when(entry.visited, widget.dataset.lang ?? "en"),
    });
    let words = line.querySelector(".ka-progress-words");
    if (!words) {
      words = document.createElement("p");
      words.className = "ka-progress-words";
      const again = document.createElement("button");
      again.type = "button";
      again.className = "md-button";
      again.textContent = ui.progress_restart;
      again.addEventListener("click", () => {
        forget(slug);
        const form = widget.querySelector("form.ka-calc-form");
        if (form instanceof HTMLFormElement) form.reset(); // the widget forgets the answers
      });
      const note = document.createElement("p");
      note.className = "ka-progress-note";
      note.textContent = ui.progress_kept;
      line.replaceChildren(words, note, again);
    }
    if (words.textContent !== text) words.textContent = text;
  }
}
