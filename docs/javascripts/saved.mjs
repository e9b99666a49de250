// @ts-check
// The reader's work on one calculator, kept in this browser and carried by share links: what is
// restored when the page opens, what is saved on every change, and what is put aside when a link
// meets the reader's own work. Everything read back is checked by state.mjs first; what cannot
// be used is refused with a notice above the form, in the page's language.

import { format } from "./form.mjs";
import {
  StateError, checkDepth, formShape, formatHash, legacyKey, maxStateChars, parseHash, readState,
  storage, storageKey, unpack,
} from "./state.mjs";

/** @typedef {import("./form.mjs").Form} Form */
/** @typedef {import("./form.mjs").Inputs} Inputs */
/** @typedef {Record<string, string>} UI the widget's own words in the page's language */
/** @typedef {{label: string, run: () => void}} NoticeAction */
/** @typedef {{aside: "own" | "link", text: string}} Aside the version not shown, as JSON text */

// The words of a refusal: what was refused, and why (each key written out, so
// tests/test_ui_keys.py finds each in the word files).
/** @type {Record<"link" | "saved", string>} */
const REFUSED_WORDS = { link: "state_link_refused", saved: "state_saved_refused" };
/** @type {Record<import("./state.mjs").StateErrorCode, string>} */
const STATE_ERROR_WORDS = {
  damaged: "state_damaged", too_big: "state_too_big", foreign: "state_foreign", rows: "state_rows",
};

// Notices above the form, in the page's language, each until the reader closes it or acts on it.
// Several may stand at once (a link met the reader's work, and part of it was set aside), one
// per kind; a notice of a kind replaces the one before it.
export class Notice {
  /** @type {Set<string>} notices already shown once on this page */
  #warned = new Set();

  /**
   * @param {HTMLFormElement} form the notice goes right above it
   * @param {UI} ui
   */
  constructor(form, ui) {
    this.ui = ui;
    this.element = document.createElement("div");
    this.element.className = "ka-notice";
    this.element.hidden = true;
    form.before(this.element);
  }

  /** @param {string} kind */
  has(kind) {
    return Boolean(this.#item(kind));
  }

  /** @param {string} kind @returns {HTMLElement | null} */
  #item(kind) {
    for (const item of this.element.children) if (item instanceof HTMLElement && item.dataset.kind === kind) return item;
    return null;
  }

  /**
   * @param {string} text
   * @param {NoticeAction[]} actions
   * @param {string} kind what the notice is about (closed when that changes)
   */
  show(text, actions = [], kind = "") {
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent = text;
    const buttons = actions.map(({ label, run }) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = label;
      button.addEventListener("click", run);
      return button;
    });
    const close = document.createElement("button");
    close.type = "button";
    close.className = "md-button ka-notice-close";
    close.textContent = this.ui.notice_close;
    close.addEventListener("click", () => this.close(kind));
    const tools = document.createElement("p");
    tools.className = "ka-notice-tools";
    tools.append(...buttons, close);
    const item = document.createElement("div");
    item.className = "ka-notice-item";
    item.dataset.kind = kind;
    item.append(message, tools);
    const old = this.#item(kind);
    if (old) old.replaceWith(item);
    else this.element.append(item);
    this.element.hidden = false;
  }

  /** @param {string} kind @param {string} text */
  once(kind, text) {
    if (this.#warned.has(kind)) return;
    this.#warned.add(kind);
    this.show(text, [], kind);
  }

  /** Close the notice of `kind`, or every notice. @param {string} [kind] */
  close(kind) {
    if (kind === undefined) this.element.replaceChildren();
    else this.#item(kind)?.remove();
    this.element.hidden = !this.element.children.length;
  }
}

/** @typedef {import("./state.mjs").SetAside} SetAside */

/**
 * Offer `text` as a file the browser downloads.
 * @param {string} filename
 * @param {string} text
 */
function saveAsFile(filename, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * Run `work` once the page is idle (its last change drawn), or within a second.
 * @param {() => void} work
 */
function whenIdle(work) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 0);
}

export class SavedWork {
  /** @type {string | null} the last inputs Python answered on this page (as JSON), as kept */
  #good = null;
  #offered = false; // inputs after which the engine stopped were offered on this visit

  /**
   * @param {object} widget
   * @param {string} widget.slug
   * @param {string} widget.root the widget's relative path to the site's root
   * @param {UI} widget.ui
   * @param {Form} widget.form
   * @param {Notice} widget.notice
   * @param {() => void} widget.changed the inputs changed: save and compute
   * @param {() => void} widget.refresh the inputs changed elsewhere (another tab): compute only
   * @param {AbortSignal} widget.signal removes the listener for other tabs when the page is left
   */
  constructor({ slug, root, ui, form, notice, changed, refresh, signal }) {
    this.slug = slug;
    this.ui = ui;
    this.form = form;
    this.notice = notice;
    this.changed = changed;
    this.refresh = refresh;
    this.shape = formShape(form.fields());
    this.maxChars = maxStateChars(form.element);
    this.key = storageKey(slug, root);
    this.asideKey = `${this.key}:aside`; // the other version, when a link met the reader's own work
    this.setAsideKey = `${this.key}:set-aside`; // values their fields could not take
    this.goodKey = `${this.key}:good`; // the last inputs Python answered
    this.crashedKey = `${this.key}:crashed`; // inputs after which the engine stopped
    this.refusedKey = `${this.key}:refused`; // a saved state that could not be restored at all
    // Another tab of this browser on the same calculator and page: its edits show here too.
    window.addEventListener("storage", (event) => this.otherTab(event), { signal });
  }

  // Restore what the reader had: a shared link first, then this browser's saved state. A link is
  // taken out of the address at once (the page's own heading anchor stays). If the reader has
  // saved work of their own that differs, both are kept: the link is what its sender meant the
  // reader to see, so it is shown, and the reader's work is put aside with a notice and a button
  // to go back to it. Asking first would block a class that opens the trainer's link; replacing
  // silently would lose work. A link or saved state that cannot be used is refused with a notice;
  // a value its field cannot take is set aside with a notice naming it, and the rest is restored.
  // Inputs after which the engine stopped are never restored by themselves: the last inputs it
  // answered are, and the reader is offered the others.
  async restore() {
    const hash = parseHash(location.hash);
    const packed = hash.states.get(this.slug);
    const own = this.readSaved();
    if (packed !== undefined) {
      hash.states.delete(this.slug);
      history.replaceState(history.state, "", location.pathname + location.search + formatHash(hash));
      try {
        const { state, aside } = readState(await unpack(packed, this.maxChars), this.shape, this.maxChars);
        const text = JSON.stringify(state);
        // the reader's own work goes aside, unless it is there already (a second link)
        if (own && own.text !== text && this.readAside()?.aside !== "own") {
          storage.set(this.asideKey, JSON.stringify({ aside: "own", text: own.text }));
        }
        this.save(text);
        this.form.setInputs(state);
        this.keepSetAside("link", aside);
        this.showAside();
        this.offerCrashed(text);
        return;
      } catch (error) {
        this.refused("link", error, Boolean(own));
      }
    }
    if (own) this.form.setInputs(own.state);
    this.showAside();
    this.showSetAside();
    this.offerCrashed(own?.text ?? null);
  }

  /**
   * This page's saved state, checked, or null. Work saved before states were kept per page is
   * read from the calculator's old shared entry. Values set aside are kept apart, and the rest
   * is kept as the saved state.
   * @returns {{text: string, state: Inputs} | null}
   */
  readSaved() {
    let text = storage.get(this.key);
    const legacy = text === null;
    if (legacy) text = storage.get(legacyKey(this.slug));
    if (text === null) return null;
    try {
      const { state, aside } = readState(text, this.shape, this.maxChars);
      const clean = JSON.stringify(state);
      if (legacy || aside.length) storage.set(this.key, clean);
      if (aside.length) this.keepSetAside("saved", aside, false);
      return { text: clean, state };
    } catch (error) {
      // it would fail again on every visit: it is moved apart, never dropped, and can be saved
      // as a file from the notice
      storage.set(this.refusedKey, text);
      storage.remove(this.key);
      if (legacy) storage.remove(legacyKey(this.slug));
      this.refused("saved", error, false, text);
      return null;
    }
  }

  /** Keep the inputs (JSON text) in this browser, within the limit; say so once if it cannot. @param {string} text */
  save(text) {
    if (text.length > this.maxChars) {
      this.notice.once("too_big_to_save", format(this.ui.notice_not_kept_big, { limit: this.maxChars.toLocaleString() }));
    } else if (!storage.set(this.key, text)) {
      this.notice.once("not_saved", this.ui.notice_not_kept);
    }
  }

  /** Back to the worked example: nothing of this calculator stays saved on this page. */
  forget() {
    for (const key of [this.key, this.asideKey, this.setAsideKey, this.goodKey, this.crashedKey, this.refusedKey, legacyKey(this.slug)]) storage.remove(key);
    this.#good = null;
    this.notice.close();
  }

  // ------------------------------------------------------------------ what Python made of it

  /** Python answered these inputs (a result or a message): they are the last good ones. @param {string} text */
  settled(text) {
    if (text !== this.#good) {
      this.#good = text;
      // written once the answer is drawn: a big table's megabyte never delays it (crashed()
      // reads the inputs themselves until then)
      if (text.length <= this.maxChars) whenIdle(() => { if (this.#good === text) storage.set(this.goodKey, text); });
    }
    // Inputs held apart are let go when they are answered after all, or when the reader moved
    // on from them on this visit; inputs offered at the start of this visit stay offered.
    const crashed = storage.get(this.crashedKey);
    if (crashed !== null && (crashed === text || !this.#offered)) {
      storage.remove(this.crashedKey);
      this.notice.close("crashed");
    }
  }

  /**
   * The engine stopped (or gave no answer) on these inputs: they are kept apart, offered at the
   * next visit but not restored by themselves, and the last good inputs are kept instead.
   * @param {string} text
   */
  crashed(text) {
    storage.set(this.crashedKey, text);
    const good = this.#good ?? storage.get(this.goodKey);
    if (good !== null && good !== text) storage.set(this.key, good);
    else storage.remove(this.key);
  }

  /**
   * At a visit: inputs after which the engine stopped last time are offered, not restored. If
   * they are what would be restored (the page was closed while it hung), the last good inputs
   * are shown instead.
   * @param {string | null} restored the inputs restored, as JSON
   */
  offerCrashed(restored) {
    const crashed = storage.get(this.crashedKey);
    if (crashed === null) return;
    this.#offered = true;
    let good = restored !== null;
    if (crashed === restored) {
      const text = storage.get(this.goodKey);
      const last = text !== null && text !== crashed ? this.tryRead(text) : null;
      good = Boolean(last);
      if (last && text !== null) {
        this.form.setInputs(last);
        storage.set(this.key, text);
      } else {
        this.showExample();
        storage.remove(this.key);
      }
    }
    this.notice.show(
      good ? this.ui.crashed_good_shown : this.ui.crashed_example_shown,
      [
        { label: this.ui.crashed_restore, run: () => this.putBackCrashed() },
        { label: this.ui.crashed_forget, run: () => { storage.remove(this.crashedKey); this.notice.close("crashed"); } },
      ],
      "crashed",
    );
  }

  /** The form as the build rendered it: the worked example. */
  showExample() {
    for (const control of this.form.element.querySelectorAll("input, select")) {
      if (control instanceof HTMLInputElement) {
        if (control.type === "checkbox") control.checked = control.defaultChecked;
        else if (control.type !== "file") control.value = control.defaultValue;
      } else if (control instanceof HTMLSelectElement) {
        for (const option of control.options) option.selected = option.defaultSelected;
      }
    }
    this.form.resetRows();
    this.form.refreshTables();
  }

  putBackCrashed() {
    const state = this.tryRead(storage.get(this.crashedKey));
    this.notice.close("crashed");
    this.#offered = false;
    if (!state) return;
    this.form.setInputs(state);
    this.changed();
  }

  /** @param {string | null} text @returns {Inputs | null} */
  tryRead(text) {
    if (text === null) return null;
    try {
      return readState(text, this.shape, this.maxChars).state;
    } catch {
      return null;
    }
  }

  // ------------------------------------------------------------------ values set aside

  /**
   * Values their fields could not take: kept apart in this browser, named in a notice with a
   * button to put them back in the form (where Python says what is wrong with each).
   * @param {"link" | "saved"} where
   * @param {SetAside[]} aside
   * @param {boolean} show
   */
  keepSetAside(where, aside, show = true) {
    if (!aside.length) return;
    storage.set(this.setAsideKey, JSON.stringify({ where, aside }));
    if (show) this.showSetAside();
  }

  showSetAside() {
    const kept = /** @type {{where: "link" | "saved", aside: SetAside[]} | null} */ (this.readStored(this.setAsideKey));
    if (!kept || !Array.isArray(kept.aside) || !kept.aside.length) {
      storage.remove(this.setAsideKey);
      this.notice.close("set-aside");
      return;
    }
    const items = kept.aside.map((item) => {
      const where = item.where.row === null
        ? format(this.ui.set_aside_field, { field: item.where.field })
        : format(this.ui.set_aside_cell, { table: item.where.field, row: item.where.row, column: item.where.column ?? "" });
      return item.chars === null
        ? format(this.ui.set_aside_not_value, { where })
        : format(this.ui.set_aside_too_long, { where, chars: item.chars.toLocaleString(), limit: item.limit.toLocaleString() });
    });
    this.notice.show(
      [kept.where === "link" ? this.ui.set_aside_link : this.ui.set_aside_saved, ...items].join(" "),
      [
        { label: this.ui.set_aside_put_back, run: () => this.putBack(kept.aside) },
        { label: this.ui.set_aside_forget, run: () => { storage.remove(this.setAsideKey); this.notice.close("set-aside"); } },
      ],
      "set-aside",
    );
  }

  /** The values set aside back in their fields, as they were. @param {SetAside[]} aside */
  putBack(aside) {
    const inputs = this.form.inputs();
    for (const { field, row, column, value } of aside) {
      const text = typeof value === "string" || typeof value === "number" ? value : JSON.stringify(value);
      const target = inputs[field];
      if (row === null) inputs[field] = text;
      else if (Array.isArray(target) && column !== null && target[row] && typeof target[row] === "object") target[row][column] = text;
    }
    this.form.setInputs(inputs);
    storage.remove(this.setAsideKey);
    this.notice.close("set-aside");
    this.changed();
  }

  // ------------------------------------------------------------------ another tab

  // Another tab of this browser saved this calculator's work on this page: it is shown here too,
  // with a notice, so neither tab overwrites the other's work without the reader seeing it.
  /** @param {StorageEvent} event */
  otherTab(event) {
    if (event.storageArea !== localStorage) return;
    if (event.key === this.asideKey) this.showAside();
    if (event.key === this.setAsideKey) this.showSetAside();
    if (event.key !== this.key && event.key !== null) return;
    if (event.newValue === null) {
      this.notice.show(this.ui.other_tab_reset, [], "other-tab");
      return;
    }
    const state = this.tryRead(event.newValue);
    if (!state || JSON.stringify(this.form.inputs()) === JSON.stringify(state)) return;
    this.form.setInputs(state);
    this.refresh();
    this.notice.show(this.ui.other_tab_changed, [], "other-tab");
  }

  // ------------------------------------------------------------------ refusals and asides
  /**
   * @param {"link" | "saved"} where
   * @param {unknown} error
   * @param {boolean} ownKept
   * @param {string} [text] the saved state refused, offered as a file
   */
  refused(where, error, ownKept, text) {
    if (!(error instanceof StateError)) console.error("KA Playbook: state refused:", error);
    const code = error instanceof StateError ? error.code : "damaged";
    /** @type {Record<string, unknown>} */
    const values = { ...(error instanceof StateError ? error.detail : {}) };
    for (const name of ["limit", "rows"]) if (name in values) values[name] = Number(values[name]).toLocaleString();
    const kept = where === "link" && ownKept ? this.ui.state_own_kept : this.ui.state_example_shown;
    const words = [this.ui[REFUSED_WORDS[where]], format(this.ui[STATE_ERROR_WORDS[code]], values), kept];
    if (text !== undefined) words.push(this.ui.state_refused_kept);
    const save = text === undefined ? [] : [{ label: this.ui.state_refused_download, run: () => saveAsFile(`${this.slug}-saved.json`, text) }];
    this.notice.show(words.join(" "), save, `refused-${where}`);
  }

  /** When a link met the reader's own work: the version not shown. @returns {Aside | null} */
  readAside() {
    const aside = this.readStored(this.asideKey);
    return aside && typeof aside === "object" && "text" in aside && typeof aside.text === "string" ? /** @type {Aside} */ (aside) : null;
  }

  /**
   * One of this calculator's own entries besides its state (the version put aside, the values
   * set aside), parsed once its size and depth are checked; null if it is missing or unusable.
   * @param {string} key
   * @returns {unknown}
   */
  readStored(key) {
    const text = storage.get(key);
    if (text === null || text.length > 2 * this.maxChars) return null;
    try {
      checkDepth(text);
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  // Say which version is shown and offer the other one.
  showAside() {
    const aside = this.readAside();
    if (!aside) {
      storage.remove(this.asideKey);
      this.notice.close("aside");
      return;
    }
    const showingLink = aside.aside === "own";
    this.notice.show(
      showingLink ? this.ui.aside_link_shown : this.ui.aside_own_shown,
      [
        { label: showingLink ? this.ui.aside_show_own : this.ui.aside_show_link, run: () => this.swapAside(aside) },
        { label: showingLink ? this.ui.aside_forget_own : this.ui.aside_forget_link, run: () => { storage.remove(this.asideKey); this.notice.close("aside"); } },
      ],
      "aside",
    );
  }

  /** @param {Aside} aside */
  swapAside(aside) {
    let state;
    try {
      ({ state } = readState(aside.text, this.shape, this.maxChars));
    } catch (error) {
      storage.remove(this.asideKey);
      this.refused("saved", error, false);
      return;
    }
    storage.set(this.asideKey, JSON.stringify({ aside: aside.aside === "own" ? "link" : "own", text: JSON.stringify(this.form.inputs()) }));
    this.form.setInputs(state);
    this.changed();
    this.showAside();
  }
}
