// @ts-check
// The reader's work on one calculator, kept in this browser and carried by share links: what is
// restored when the page opens, what is saved on every change, and what is put aside when a link
// meets the reader's own work. Everything read back is checked by state.mjs first; what cannot
// be used is refused with a notice above the form, in the page's language.

import { format } from "./form.mjs";
import {
  LIMITS, StateError, formShape, formatHash, legacyKey, parseHash, readState, storage, storageKey,
  unpack,
} from "./state.mjs";

/** @typedef {import("./form.mjs").Form} Form */
/** @typedef {import("./form.mjs").Inputs} Inputs */
/** @typedef {Record<string, string>} UI the widget's own words in the page's language */
/** @typedef {{label: string, run: () => void}} NoticeAction */
/** @typedef {{aside: "own" | "link", text: string}} Aside the version not shown, as JSON text */

// One notice above the form, in the page's language, until the reader closes it or acts on it.
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

  get kind() {
    return this.element.dataset.kind ?? "";
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
    close.addEventListener("click", () => this.close());
    const tools = document.createElement("p");
    tools.className = "ka-notice-tools";
    tools.append(...buttons, close);
    this.element.replaceChildren(message, tools);
    this.element.dataset.kind = kind;
    this.element.hidden = false;
  }

  /** @param {string} kind @param {string} text */
  once(kind, text) {
    if (this.#warned.has(kind)) return;
    this.#warned.add(kind);
    this.show(text, [], kind);
  }

  close() {
    this.element.hidden = true;
    this.element.replaceChildren();
    delete this.element.dataset.kind;
  }
}

export class SavedWork {
  /**
   * @param {object} widget
   * @param {string} widget.slug
   * @param {string} widget.root the widget's relative path to the site's root
   * @param {UI} widget.ui
   * @param {Form} widget.form
   * @param {Notice} widget.notice
   * @param {() => void} widget.changed the inputs changed: save and compute
   */
  constructor({ slug, root, ui, form, notice, changed }) {
    this.slug = slug;
    this.ui = ui;
    this.form = form;
    this.notice = notice;
    this.changed = changed;
    this.shape = formShape(form.fields());
    this.key = storageKey(slug, root);
    this.asideKey = `${this.key}:aside`; // the other version, when a link met the reader's own work
  }

  // Restore what the reader had: a shared link first, then this browser's saved state. A link is
  // taken out of the address at once (the page's own heading anchor stays). If the reader has
  // saved work of their own that differs, both are kept: the link is what its sender meant the
  // reader to see, so it is shown, and the reader's work is put aside with a notice and a button
  // to go back to it. Asking first would block a class that opens the trainer's link; replacing
  // silently would lose work. A link or saved state that cannot be used is refused with a notice.
  async restore() {
    const hash = parseHash(location.hash);
    const packed = hash.states.get(this.slug);
    const own = this.readSaved();
    if (packed !== undefined) {
      hash.states.delete(this.slug);
      history.replaceState(history.state, "", location.pathname + location.search + formatHash(hash));
      try {
        const state = readState(await unpack(packed), this.shape);
        const text = JSON.stringify(state);
        // the reader's own work goes aside, unless it is there already (a second link)
        if (own && own.text !== text && this.readAside()?.aside !== "own") {
          storage.set(this.asideKey, JSON.stringify({ aside: "own", text: own.text }));
        }
        this.save(text);
        this.form.setInputs(state);
        this.showAside();
        return;
      } catch (error) {
        this.refused("link", error, Boolean(own));
      }
    }
    if (own) this.form.setInputs(own.state);
    this.showAside();
  }

  /**
   * This page's saved state, checked, or null. Work saved before states were kept per page is
   * read from the calculator's old shared entry.
   * @returns {{text: string, state: Inputs} | null}
   */
  readSaved() {
    let text = storage.get(this.key);
    const legacy = text === null;
    if (legacy) text = storage.get(legacyKey(this.slug));
    if (text === null) return null;
    try {
      const state = readState(text, this.shape);
      const clean = JSON.stringify(state);
      if (legacy) storage.set(this.key, clean);
      return { text: clean, state };
    } catch (error) {
      storage.remove(this.key); // it would fail again on every visit
      if (legacy) storage.remove(legacyKey(this.slug));
      this.refused("saved", error, false);
      return null;
    }
  }

  /** Keep the inputs (JSON text) in this browser, within the limit; say so once if it cannot. @param {string} text */
  save(text) {
    if (text.length > LIMITS.stateChars) {
      this.notice.once("too_big_to_save", format(this.ui.notice_not_kept_big, { limit: LIMITS.stateChars.toLocaleString() }));
    } else if (!storage.set(this.key, text)) {
      this.notice.once("not_saved", this.ui.notice_not_kept);
    }
  }

  /** Back to the worked example: nothing of this calculator stays saved on this page. */
  forget() {
    for (const key of [this.key, this.asideKey, legacyKey(this.slug)]) storage.remove(key);
    this.notice.close();
  }

  /**
   * @param {"link" | "saved"} where
   * @param {unknown} error
   * @param {boolean} ownKept
   */
  refused(where, error, ownKept) {
    if (!(error instanceof StateError)) console.error("KA Playbook: state refused:", error);
    const code = error instanceof StateError ? error.code : "damaged";
    /** @type {Record<string, unknown>} */
    const values = { ...(error instanceof StateError ? error.detail : {}) };
    for (const name of ["limit", "rows"]) if (name in values) values[name] = Number(values[name]).toLocaleString();
    const kept = where === "link" && ownKept ? this.ui.state_own_kept : this.ui.state_example_shown;
    const text = [this.ui[`state_${where}_refused`], format(this.ui[`state_${code}`], values), kept].join(" ");
    this.notice.show(text, [], `refused-${where}`);
  }

  /** When a link met the reader's own work: the version not shown. @returns {Aside | null} */
  readAside() {
    try {
      const aside = JSON.parse(storage.get(this.asideKey) ?? "null");
      return aside && typeof aside.text === "string" ? aside : null;
    } catch {
      return null;
    }
  }

  // Say which version is shown and offer the other one.
  showAside() {
    const aside = this.readAside();
    if (!aside) {
      storage.remove(this.asideKey);
      if (this.notice.kind === "aside") this.notice.close();
      return;
    }
    const showingLink = aside.aside === "own";
    this.notice.show(
      showingLink ? this.ui.aside_link_shown : this.ui.aside_own_shown,
      [
        { label: showingLink ? this.ui.aside_show_own : this.ui.aside_show_link, run: () => this.swapAside(aside) },
        { label: showingLink ? this.ui.aside_forget_own : this.ui.aside_forget_link, run: () => { storage.remove(this.asideKey); this.notice.close(); } },
      ],
      "aside",
    );
  }

  /** @param {Aside} aside */
  swapAside(aside) {
    let state;
    try {
      state = readState(aside.text, this.shape);
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
