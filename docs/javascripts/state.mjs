// @ts-check
// A calculator's state outside the page: in a share link (the part of the address after `#`)
// and in this browser's local storage. Everything that comes from there is checked here, against
// limits and against the form's own fields, before anything is built from it: a damaged,
// oversized or foreign state is refused with a StateError naming what is wrong, and the form is
// never touched. No sales logic here; the values are checked by the Python model afterwards.

//: Limits, each named in the notice a reader sees when it is reached.
export const LIMITS = {
  linkChars: 300_000, // a packed state in an address (browsers keep about 2 MB of address)
  stateChars: 1_000_000, // a state as JSON text: from a link, for local storage
  cellChars: 10_000, // one value: no field takes more than a few hundred characters
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
/** @param {string} packed @returns {Promise<string>} */
export async function unpack(packed) {
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
      if (text.length > LIMITS.stateChars) {
        reader.cancel().catch(() => {});
        throw new StateError("too_big", { limit: LIMITS.stateChars });
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

/** @param {unknown} value */
function checkCell(value) {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new StateError("damaged");
    return value;
  }
  if (typeof value === "string") {
    if (value.length > LIMITS.cellChars) throw new StateError("too_big", { limit: LIMITS.cellChars });
    return value;
  }
  throw new StateError("damaged"); // an object or a list where one value belongs
}

// What the form can hold, read from its markup: each field's key, and for a table its columns
// and row limit. `fields` is the form's `.ka-field` elements.
/** @typedef {{key: string, label: string, table: boolean, maxRows: number, columns: Set<string>}} FieldShape */
/** @param {Iterable<HTMLElement>} fields @returns {FieldShape[]} */
export function formShape(fields) {
  return [...fields].map((field) => {
    const key = field.dataset.field ?? "";
    const template = field.querySelector(".ka-row-template");
    const cells = template instanceof HTMLTemplateElement ? template.content.querySelectorAll("td[data-column]") : [];
    return {
      key,
      label: field.querySelector(":scope > legend, :scope > label")?.textContent?.trim() || key,
      table: field.classList.contains("ka-table"),
      maxRows: Number(field.dataset.maxRows || 0),
      columns: new Set([...cells].map((td) => (td instanceof HTMLElement ? td.dataset.column ?? "" : ""))),
    };
  });
}

// The state's values for the form's fields, checked: refused whole (StateError) if it is not
// an object of this calculator's fields, if a table has more rows than the form takes, or if a
// value is not a plain text, number or yes/no. Keys the form does not have are left out.
/** @param {unknown} state @param {FieldShape[]} shape @returns {State} */
export function checkState(state, shape) {
  if (!plainObject(state)) throw new StateError("foreign");
  /** @type {State} */
  const clean = {};
  let known = 0;
  for (const field of shape) {
    if (!Object.hasOwn(state, field.key)) continue;
    known += 1;
    const value = state[field.key];
    if (!field.table) {
      clean[field.key] = checkCell(value);
      continue;
    }
    if (!Array.isArray(value)) throw new StateError("damaged");
    if (value.length > field.maxRows) {
      throw new StateError("rows", { table: field.label, rows: value.length, limit: field.maxRows });
    }
    clean[field.key] = value.map((row) => {
      if (!plainObject(row)) throw new StateError("damaged");
      /** @type {Record<string, unknown>} */
      const cells = {};
      for (const column of field.columns) if (Object.hasOwn(row, column)) cells[column] = checkCell(row[column]);
      return cells;
    });
  }
  if (!known) throw new StateError("foreign");
  return clean;
}

// Parse and check a state given as JSON text (from a link or from storage).
/** @param {unknown} text @param {FieldShape[]} shape @returns {State} */
export function readState(text, shape) {
  if (typeof text !== "string") throw new StateError("damaged");
  if (text.length > LIMITS.stateChars) throw new StateError("too_big", { limit: LIMITS.stateChars });
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
  page = page.replace(/^zh\//, "").replace(/index\.html$/, "").replace(/\/$/, "");
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
