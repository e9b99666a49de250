// @ts-check
// A calculator's state outside the page: in a share link (the part of the address after `#`)
// and in this browser's local storage. Everything that comes from there is checked here, against
// limits and against the form's own fields, before anything is built from it: a damaged,
// oversized, too deeply nested or foreign state is refused with a StateError naming what is
// wrong, and the form is never touched; a value its field cannot take (longer than the field's
// own limit, or not a value at all) is set aside, naming the field, and the rest is used.
// The limits are the form's: each value's is the field's own (`data-max-chars`, written from
// the schema's Field.max_chars), so what the form accepts the page can save, restore and share.
// No sales logic here; the values are checked by the Python model afterwards.

import { withoutLanguage } from "./addresses.mjs";

//: Limits, each named in the notice a reader sees when it is reached.
export const LIMITS = {
  linkChars: 300_000, // a packed state in an address (browsers keep about 2 MB of address)
  stateChars: 1_000_000, // a state as JSON text, at least (MIN_STATE_CHARS): a form whose largest state is larger allows that (maxStateChars)
  cellChars: 20_000, // one value, when its field names no limit: the most any field takes (a debrief's group link)
  depth: 32, // how deep a state may nest (it is three levels: fields, rows, cells), as calculators/core/_untrusted.py
  fileBytes: 5 * 1024 * 1024, // a file to import, before it is read and sent to Python
};

export const HASH_PREFIX = "ka."; // share links: #<heading>&ka.<slug>=<compressed state>
const STORAGE_PREFIX = "ka-playbook:";

/** @typedef {"damaged" | "too_big" | "foreign" | "rows"} StateErrorCode */
/** @typedef {Record<string, unknown>} State a form's values by field key, checked */

// A state that cannot be used: `code` picks the reader's message, `detail` fills it in.
export class StateError extends Error {
  /**
   * @param {StateErrorCode} code
   * @param {Record<string, unknown>} detail
   */
  constructor(code, detail = {}) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

// ------------------------------------------------------------------------------ packing

/** @param {string} text @returns {Promise<string>} */
export async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

// The state a link carries, as JSON text. Refused before it is unpacked when the link is too
// long, and while it is unpacked as soon as it grows past the limit: a few kilobytes of link can
// unpack to hundreds of megabytes.
/** @param {string} packed @param {number} [maxChars] @returns {Promise<string>} */
export async function unpack(packed, maxChars = LIMITS.stateChars) {
  if (packed.length > LIMITS.linkChars) throw new StateError("too_big", { limit: LIMITS.linkChars });
  let bytes;
  try {
    const binary = atob(packed.replaceAll("-", "+").replaceAll("_", "/"));
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    throw new StateError("damaged");
  }
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length > maxChars) {
        reader.cancel().catch(() => {});
        throw new StateError("too_big", { limit: maxChars });
      }
    }
    text += decoder.decode();
  } catch (error) {
    if (error instanceof StateError) throw error;
    throw new StateError("damaged"); // truncated, not deflate, not UTF-8
  }
  return text;
}

// ------------------------------------------------------------------------------ the address

// The part of the address after `#`, split into the page's own heading anchor (Material's
// navigation.tracking writes `#heading-id` there while the reader scrolls), the calculators'
// states (`ka.<slug>=…`) and anything else, which is kept as it is.
/** @typedef {{anchor: string, states: Map<string, string>, rest: string[]}} Hash */
/** @param {string} hash @returns {Hash} */
export function parseHash(hash) {
  /** @type {Hash} */
  const parsed = { anchor: "", states: new Map(), rest: [] };
  for (const part of hash.replace(/^#/, "").split("&")) {
    if (!part) continue;
    const equals = part.indexOf("=");
    const key = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? "" : part.slice(equals + 1);
    if (key.startsWith(HASH_PREFIX) && equals > 0) parsed.states.set(key.slice(HASH_PREFIX.length), value);
    // a bare anchor, or one an earlier version turned into `heading-id=`
    else if (!parsed.anchor && (equals < 0 || (!value && key))) parsed.anchor = key;
    else parsed.rest.push(part);
  }
  return parsed;
}

/** @param {Hash} hash */
export function formatHash({ anchor, states, rest }) {
  const parts = anchor ? [anchor] : [];
  for (const [slug, packed] of states) parts.push(`${HASH_PREFIX}${slug}=${packed}`);
  parts.push(...rest);
  return parts.length ? `#${parts.join("&")}` : "";
}

// ------------------------------------------------------------------------------ checking

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const plainObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A value of the state that its field cannot take: set aside, not restored, and named in the
 * notice. `where` names the field (and row) in the reader's words; `chars` is its length when
 * it is too long for the field's `limit`, null when it is not a value at all.
 * @typedef {{field: string, row: number | null, column: string | null, where: {field: string, row: number | null, column: string | null}, chars: number | null, limit: number, value: unknown}} SetAside
 */

// What the form can hold, read from its markup: each field's key, label and longest value, and
// for a table its row limit and its columns (label and longest value each). `fields` is the
// form's `.ka-field` elements.
/** @typedef {{label: string, maxChars: number}} ColumnShape */
/** @typedef {{key: string, label: string, table: boolean, maxRows: number, maxChars: number, columns: Map<string, ColumnShape>}} FieldShape */
/** @param {Element | null} control */
const maxChars = (control) => Number(control instanceof HTMLElement ? control.dataset.maxChars : 0) || LIMITS.cellChars;
/** @param {Iterable<HTMLElement>} fields @returns {FieldShape[]} */
export function formShape(fields) {
  return [...fields].map((field) => {
    const key = field.dataset.field ?? "";
    const template = field.querySelector(".ka-row-template");
    const cells = template instanceof HTMLTemplateElement ? template.content.querySelectorAll("td[data-column]") : [];
    /** @type {Map<string, ColumnShape>} */
    const columns = new Map();
    for (const td of cells) {
      if (!(td instanceof HTMLElement)) continue;
      const control = td.querySelector("input, select");
      columns.set(td.dataset.column ?? "", { label: control?.getAttribute("aria-label") || (td.dataset.column ?? ""), maxChars: maxChars(control) });
    }
    return {
      key,
      label: field.querySelector(":scope > .ka-legend, :scope > label")?.textContent?.trim() || key,
      table: field.classList.contains("ka-table"),
      maxRows: Number(field.dataset.maxRows || 0),
      maxChars: maxChars(field.querySelector(":scope > input, :scope > select")),
      columns,
    };
  });
}

// The longest JSON text a state of this form can be while every value is one its field takes
// (calculators/core/_calculator.py, Calculator.max_state_chars, written on the form): what the page
// saves, restores and shares. Never below LIMITS.stateChars.
/** @param {HTMLFormElement} form */
export function maxStateChars(form) {
  return Math.max(LIMITS.stateChars, Number(form.dataset.maxStateChars) || 0);
}

// Too deep a state is refused before it is parsed (a state is three levels deep): brackets are
// counted outside strings, as calculators/core/_untrusted.py counts them.
/** @param {string} text */
export function checkDepth(text) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // a backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) { depth += 1; if (depth > LIMITS.depth) throw new StateError("damaged"); }
    else if (c === 93 || c === 125) depth -= 1;
  }
}

/**
 * A value its field can take (a text within the field's limit, a finite number, a yes/no or
 * nothing), or `undefined` when it is to be set aside.
 * @param {unknown} value @param {number} limit
 */
function usable(value, limit) {
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && value.trim().length <= limit;
}

/** @param {unknown} value */
const charsOf = (value) => (typeof value === "string" ? value.length : null);

// The state's values for the form's fields, checked. Refused whole (StateError) if it is not an
// object of this calculator's fields or if a table has more rows than the form takes (the form
// never makes such a state). A value its field cannot take is set aside and named, and the
// rest is used. Keys the form does not have are left out.
/** @param {unknown} state @param {FieldShape[]} shape @returns {{state: State, aside: SetAside[]}} */
export function checkState(state, shape) {
  if (!plainObject(state)) throw new StateError("foreign");
  /** @type {State} */
  const clean = {};
  /** @type {SetAside[]} */
  const aside = [];
  let known = 0;
  for (const field of shape) {
    if (!Object.hasOwn(state, field.key)) continue;
    known += 1;
    const value = state[field.key];
    const where = { field: field.label, row: null, column: null };
    if (!field.table) {
      if (usable(value, field.maxChars)) clean[field.key] = value;
      else aside.push({ field: field.key, row: null, column: null, where, chars: charsOf(value), limit: field.maxChars, value });
      continue;
    }
    if (!Array.isArray(value)) {
      aside.push({ field: field.key, row: null, column: null, where, chars: null, limit: 0, value });
      continue;
    }
    if (value.length > field.maxRows) {
      throw new StateError("rows", { table: field.label, rows: value.length, limit: field.maxRows });
    }
    clean[field.key] = value.map((row, index) => {
      /** @type {Record<string, unknown>} */
      const cells = {};
      if (!plainObject(row)) {
        aside.push({ field: field.key, row: index, column: null, where: { ...where, row: index + 1 }, chars: null, limit: 0, value: row });
        return cells;
      }
      for (const [column, { label, maxChars: limit }] of field.columns) {
        if (!Object.hasOwn(row, column)) continue;
        if (usable(row[column], limit)) cells[column] = row[column];
        else aside.push({ field: field.key, row: index, column, where: { field: field.label, row: index + 1, column: label }, chars: charsOf(row[column]), limit, value: row[column] });
      }
      return cells;
    });
  }
  if (!known) throw new StateError("foreign");
  return { state: clean, aside };
}

// Parse and check a state given as JSON text (from a link or from storage): its size and depth
// first, then its values (checkState).
/** @param {unknown} text @param {FieldShape[]} shape @param {number} limit the form's maxStateChars @returns {{state: State, aside: SetAside[]}} */
export function readState(text, shape, limit) {
  if (typeof text !== "string") throw new StateError("damaged");
  if (text.length > limit) throw new StateError("too_big", { limit });
  checkDepth(text);
  let state;
  try {
    state = JSON.parse(text);
  } catch {
    throw new StateError("damaged");
  }
  return checkState(state, shape);
}

// ------------------------------------------------------------------------------ storage

// Where this page keeps a calculator's state: one entry per calculator and page (the group
// exercise and the screening page hold different work), shared by the page's two languages.
// `root` is the widget's relative path to the site's root.
/** @param {string} slug @param {string} root */
export function storageKey(slug, root) {
  const base = new URL(root || "./", location.href).pathname;
  let page = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname;
  page = withoutLanguage(page).replace(/index\.html$/, "").replace(/\/$/, "");
  return `${STORAGE_PREFIX}${slug}@${page}`;
}

// The entry every page of a calculator shared before states were kept per page: read once, so
// that work saved then is not lost.
/** @param {string} slug */
export function legacyKey(slug) {
  return STORAGE_PREFIX + slug;
}

export const storage = {
  /** @param {string} key @returns {string | null} */
  get(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },
  // false when the browser refuses (storage full, private mode, disabled)
  /** @param {string} key @param {string} value */
  set(key, value) {
    try { localStorage.setItem(key, value); return true; } catch { return false; }
  },
  /** @param {string} key */
  remove(key) {
    try { localStorage.removeItem(key); } catch { /* nothing stored */ }
  },
};
