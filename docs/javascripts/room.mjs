// @ts-check
// Room mode's page side: a page built by the room command carries the room's data
// (<script type="application/json" id="ka-room">, scripts/ka_site/build/room/page.py); on any other
// site this module finds none and does nothing. With it:
//   - a phone that opened an activity's link (?room=<join code>) joins the room;
//   - the laptop computes for the phone (room-client.mjs), so Pyodide is never downloaded;
//   - a workshop tool gets a "Group" field and "Send to trainer";
//   - a drill answers the room's live quiz as the learner chooses;
//   - on the trainer's browser (?trainer=<key> once, or the laptop itself) the join page shows
//     each activity's QR code, the quiz board, the groups that sent, export and clear, and the
//     debrief fills itself from the groups' tables.
// Every rule (who may send, what a table must hold, how a quiz is scored) is the room service's
// and the engine's; this module moves data and places the answers, in the page's language.

import { format } from "./form.mjs";
import { RoomClient } from "./room-client.mjs";
import { checkDepth, LIMITS } from "./state.mjs";

/** @typedef {import("./widget.mjs").Widget} Widget */
/** @typedef {import("./client.mjs").ClientOptions} ClientOptions */
/** @typedef {{key: string, kind: "table" | "quiz", calculator: string}} Activity */
/** @typedef {{ui: Record<string, string>, activities: Activity[]}} RoomConfig */
/**
 * @typedef {{id: number, drill: string, activity: string | null, started_at: number,
 *   seconds: number | null, open: boolean, remaining: number | null}} QuizView
 */
/** @typedef {{status: number, data: any}} Answer */

const API = new URL("../room/api/", import.meta.url);
const GROUP_KEY = "ka-room-group";
const TRAINER_KEY = "ka-room-trainer";
const FED_KEY = "ka-room-debrief-links"; // the links the room put in the debrief
const REQUEST_MS = 15_000; // a room request not answered by then has failed
const FEED_MS = 1_000; // the trainer's debrief and board ask the room this often
const QUIZ_POLL_MS = 4_000; // a phone on a drill asks whether a quiz runs this often

/** @param {string} key */
function stored(key) {
  try {
    return localStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}

/** @param {string} key @param {string} value */
function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the name is asked again next time
  }
}

/**
 * A list of strings kept under `key`; empty if there is none or it is damaged (its size and depth
 * are checked before it is parsed, as a saved state's are).
 * @param {string} key
 */
function readList(key) {
  try {
    const text = stored(key) || "[]";
    if (text.length > LIMITS.stateChars) return [];
    checkDepth(text);
    const list = JSON.parse(text);
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * One request to the room service: JSON in and out, the trainer key when this browser holds it,
 * a time limit, and one wait-and-retry when the room asks for it (429). A network failure is
 * status 0.
 * @param {string} path
 * @param {unknown} [body] posted as JSON when given
 * @returns {Promise<Answer>}
 */
async function ask(path, body) {
  /** @type {Record<string, string>} */
  const headers = {};
  const key = stored(TRAINER_KEY);
  if (key) headers["X-KA-Trainer"] = key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let response;
    try {
      response = await fetch(new URL(path, API), {
        method: body === undefined ? "GET" : "POST",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        signal: AbortSignal.timeout(REQUEST_MS),
      });
    } catch {
      return { status: 0, data: null };
    }
    if (response.status === 429 && attempt === 0) {
      const seconds = Math.min(5, Number(response.headers.get("Retry-After")) || 1);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    const type = response.headers.get("Content-Type") ?? "";
    const data = type.startsWith("application/json") ? await response.json().catch(() => null) : await response.blob();
    return { status: response.status, data };
  }
  return { status: 0, data: null };
}

/**
 * An element with a class and, optionally, its text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, className, text) {
  const made = document.createElement(tag);
  made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/** @param {string} text @param {() => void} onClick */
function button(text, onClick, primary = false) {
  const made = element("button", primary ? "md-button md-button--primary" : "md-button", text);
  made.type = "button";
  made.addEventListener("click", onClick);
  return made;
}

/** "12:03" for a time the room gives in seconds since 1970. @param {number} seconds */
function clock(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** The debrief's rows as its form holds them. @param {Widget} widget */
function groupRows(widget) {
  const rows = widget.form.inputs().groups;
  return Array.isArray(rows) ? /** @type {Record<string, unknown>[]} */ (rows) : [];
}

/** A refusal's message in the page's language. @param {any} data @param {string} lang */
function refusal(data, lang) {
  const message = data?.message;
  return message ? String(message[lang === "zh" ? "zh" : "en"] ?? message.en ?? "") : "";
}

// The quiz board's column headings (each key written out: tests/test_ui_keys.py).
const BOARD_HEADING_WORDS = ["board_item", "board_prompt", "board_answered", "board_share"];

export class Room {
  /** @type {QuizView | null} */
  quiz = null;
  trainer = false;
  joined = false;
  /** @type {Set<() => void>} what each page shown asks the room for, stopped when it is left */
  #polls = new Set();
  /** @type {Map<string, string>} each activity's name, as the room gave it to the console */
  #labels = new Map();
  /** @type {HTMLElement | null} the console's quiz board, above the join code */
  #board = null;

  /** The room of this page, or null on a site that is not served in room mode. */
  static fromPage() {
    const data = document.getElementById("ka-room");
    if (!data) return null;
    try {
      return new Room(JSON.parse(data.textContent ?? "{}"));
    } catch {
      return null;
    }
  }

  /** @param {RoomConfig} config */
  constructor(config) {
    this.ui = config.ui;
    this.activities = config.activities;
    this.lang = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
    this.ready = this.#arrive();
  }

  /** The client of the page's calculators: the laptop's Python. @param {ClientOptions} options */
  client(options) {
    return new RoomClient(options, API);
  }

  // The address may carry the trainer key (kept by this browser) or the room's join code (this
  // phone joins); both leave the address, the rest of it (start=blank, the anchor) stays.
  async #arrive() {
    const address = new URL(location.href);
    const key = address.searchParams.get("trainer");
    const code = address.searchParams.get("room");
    address.searchParams.delete("trainer");
    address.searchParams.delete("room");
    if (key !== null || code !== null) history.replaceState(history.state, "", address.href);
    if (key) store(TRAINER_KEY, key);
    if (code) {
      const joined = await ask("join", { code });
      if (joined.status !== 200) this.#flash(refusal(joined.data, this.lang) || this.ui.join_failed);
    }
    const hello = await ask("hello");
    this.trainer = Boolean(hello.data?.trainer);
    this.joined = Boolean(hello.data?.joined);
    this.quiz = hello.data?.quiz ?? null;
    if (code && this.joined) this.#flash(this.ui.joined);
  }

  /** A short notice at the top of the page's content. @param {string} text */
  #flash(text) {
    const content = document.querySelector("article") ?? document.body;
    const note = element("p", "ka-room-flash admonition note", text);
    note.setAttribute("role", "status");
    content.prepend(note);
  }

  /** Every page instant navigation brings in: stop what the page left asked for, then the
   * join page's console for the trainer. */
  page() {
    for (const stop of this.#polls) stop();
    this.#polls.clear();
    const join = document.querySelector(".ka-join");
    if (join instanceof HTMLElement) {
      this.ready.then(() => {
        if (this.trainer) this.#console(join);
      });
    }
  }

  /**
   * Ask `read` now and every `ms` while the page is shown.
   * @param {() => Promise<void>} read
   * @param {number} ms
   */
  #poll(read, ms) {
    let stopped = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    const next = async () => {
      if (stopped) return;
      await read().catch((error) => console.error("KA Playbook room:", error));
      if (!stopped) timer = setTimeout(next, ms);
    };
    next();
    this.#polls.add(() => {
      stopped = true;
      clearTimeout(timer);
    });
  }

  /** A calculator of the page joins the room's work, by what its tool is. @param {Widget} widget */
  attach(widget) {
    const activity = this.activities.find((a) => a.calculator === widget.slug);
    if (activity?.kind === "table") this.#sendBar(widget, activity);
    if (activity?.kind === "quiz") this.ready.then(() => this.#quizAnswers(widget, activity));
    if (widget.slug === "debrief") this.ready.then(() => this.trainer && this.#debriefFeed(widget));
  }

  // ---------------------------------------------------------------------------- a group sends

  /** @param {Widget} widget @param {Activity} activity */
  #sendBar(widget, activity) {
    const { ui } = this;
    const bar = element("div", "ka-room-bar");
    const id = `ka-room-group-${widget.slug}`;
    const label = element("label", "ka-room-group-label", ui.group);
    label.htmlFor = id;
    const name = element("input", "ka-room-group");
    name.id = id;
    name.type = "text";
    name.maxLength = 40;
    name.autocomplete = "off";
    name.value = stored(GROUP_KEY);
    name.setAttribute("aria-describedby", `${id}-hint`);
    const hint = element("p", "ka-room-hint", ui.group_hint);
    hint.id = `${id}-hint`;
    const send = button(ui.send, () => this.#send(widget, activity, name, note, false), true);
    send.classList.add("ka-room-send");
    const note = element("p", "ka-room-note");
    note.setAttribute("role", "status");
    name.addEventListener("change", () => store(GROUP_KEY, name.value.trim()));
    bar.append(label, name, send, hint, note);
    const toolbar = widget.root.querySelector(".ka-toolbar");
    if (toolbar) toolbar.before(bar);
    else widget.root.prepend(bar);
    // the same button where the group finishes, under the result: no scrolling back to send
    const again = element("div", "ka-room-send-again");
    const againNote = element("p", "ka-room-note");
    againNote.setAttribute("role", "status");
    again.append(button(ui.send, () => this.#send(widget, activity, name, againNote, false), true), againNote);
    widget.result.after(again);
  }

  /**
   * Send the group's table; on a name another phone used, say so and let the group choose.
   * @param {Widget} widget @param {Activity} activity @param {HTMLInputElement} name
   * @param {HTMLElement} note @param {boolean} replace
   */
  async #send(widget, activity, name, note, replace) {
    const { ui, lang } = this;
    const group = name.value.trim();
    note.replaceChildren(ui.sending);
    note.dataset.state = "sending"; // what the last send came to: sent, refused or failed
    if (!group) {
      note.textContent = ui.error_group_missing;
      note.dataset.state = "refused";
      name.focus();
      return;
    }
    store(GROUP_KEY, group);
    const inputs = widget.form.inputs();
    const sent = await ask("send", { activity: activity.key, group, inputs, replace });
    note.dataset.state = sent.status === 200 ? "sent" : sent.status === 0 ? "failed" : "refused";
    if (sent.status === 200) {
      note.textContent = format(ui.sent, { time: clock(sent.data.sent_at) });
      return;
    }
    if (sent.status === 0) {
      note.textContent = ui.send_failed;
      return;
    }
    note.textContent = sent.status === 422 ? ui.send_fix_first : refusal(sent.data, lang);
    if (sent.status === 422 && sent.data?.error) {
      const first = sent.data.error.problems?.[0]?.message;
      if (first) note.textContent += ` ${first[lang === "zh" ? "zh" : "en"]}`;
      widget.compute(); // the form marks every problem beside its field
    }
    if (sent.status === 409) {
      const choices = element("span", "ka-room-choices");
      choices.append(
        button(ui.replace, () => this.#send(widget, activity, name, note, true)),
        button(ui.rename, () => { name.select(); name.focus(); }),
      );
      note.append(" ", choices);
    }
  }

  // ---------------------------------------------------------------------------- a live quiz

  /** @param {Widget} widget @param {Activity} activity */
  #quizAnswers(widget, activity) {
    const banner = element("p", "ka-room-quiz admonition note");
    banner.setAttribute("role", "status");
    banner.hidden = true;
    widget.root.querySelector(".ka-calc-form")?.before(banner);
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    const running = () => this.quiz?.open && this.quiz.activity === activity.key ? this.quiz : null;
    const show = () => {
      const quiz = running();
      banner.hidden = !quiz && !banner.dataset.ended;
      if (quiz) banner.textContent = this.ui.quiz_live;
    };
    // One answer set in flight at a time, the latest sent last: answers sent side by side could
    // reach the room out of order, and an older set would replace a newer one.
    let inFlight = false;
    let again = false;
    const answer = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        do {
          again = false;
          await sendAnswers();
        } while (again);
      } finally {
        inFlight = false;
      }
    };
    const sendAnswers = async () => {
      const quiz = running();
      if (!quiz || !this.joined) return;
      /** @type {Record<string, string>} */
      const answers = {};
      for (const [key, value] of Object.entries(widget.form.inputs())) {
        if (typeof value === "string" && value !== "") answers[key] = value;
      }
      const sent = await ask("quiz/answer", { quiz: quiz.id, answers, group: stored(GROUP_KEY) });
      if (sent.status === 200) {
        banner.textContent = `${this.ui.quiz_live} ${format(this.ui.quiz_sent, { count: Object.keys(answers).length })}`;
      } else if (sent.status === 409) {
        banner.dataset.ended = "true";
        banner.textContent = this.ui.quiz_ended;
        this.quiz = null;
      } else {
        banner.textContent = refusal(sent.data, this.lang) || this.ui.send_failed;
      }
    };
    widget.form.element.addEventListener("change", () => {
      clearTimeout(timer);
      timer = setTimeout(answer, 150);
    });
    this.#poll(async () => {
      const found = await ask("quiz");
      if (found.status !== 200) return;
      const was = running();
      this.quiz = found.data.quiz;
      if (was && !running()) {
        banner.dataset.ended = "true";
        banner.textContent = this.ui.quiz_ended;
      }
      show();
    }, QUIZ_POLL_MS);
  }

  // ---------------------------------------------------------------------------- the debrief

  /** The debrief's groups follow the room: each group that sent is a row, with its table as a
   * share link; rows the trainer pasted stay beside them. @param {Widget} widget */
  #debriefFeed(widget) {
    const table = widget.form.tables().find((t) => t.dataset.field === "groups");
    if (!table) return;
    const note = element("p", "ka-room-feed admonition note", this.ui.debrief_waiting);
    note.setAttribute("role", "status");
    widget.root.querySelector(".ka-calc-form")?.before(note);
    /** @type {Set<string>} the worked example's links, which the room's groups replace */
    const example = new Set(groupRows(widget).map((row) => String(row.link ?? "")));
    /** @type {Set<string>} the links the room put in the table last time (kept across reloads) */
    const fromRoom = new Set(readList(FED_KEY));
    let last = "";
    this.#poll(async () => {
      const found = await ask("entries?activity=group-screening");
      if (found.status !== 200) return;
      /** @type {{group: string, link: string}[]} */
      const entries = found.data.entries;
      const seen = JSON.stringify(entries.map((e) => [e.group, e.link]));
      if (seen === last || (!entries.length && !fromRoom.size)) return; // the example stays until a group sends
      last = seen;
      // rows the trainer pasted stay (a name used twice is the debrief's own error to name);
      // the example's rows and the room's earlier rows do not
      const pasted = groupRows(widget).filter((row) => {
        const link = String(row.link ?? "");
        return link && !example.has(link) && !fromRoom.has(link);
      });
      fromRoom.clear();
      for (const entry of entries) fromRoom.add(entry.link);
      store(FED_KEY, JSON.stringify([...fromRoom]));
      widget.form.setRows(table, [...entries.map((e) => ({ group: e.group, link: e.link })), ...pasted]);
      note.textContent = entries.length ? format(this.ui.debrief_feed, { count: entries.length }) : this.ui.debrief_waiting;
      widget.changed();
    }, FEED_MS);
  }

  // ---------------------------------------------------------------------------- the console

  /** The trainer's console under the join page's address. @param {HTMLElement} join */
  async #console(join) {
    const { ui } = this;
    const box = element("section", "ka-room-console");
    box.setAttribute("aria-label", ui.console);
    const devices = element("p", "ka-room-devices");
    const board = element("div", "ka-room-board");
    const groups = element("div", "ka-room-groups");
    const tools = element("p", "ka-room-tools");
    const status = element("p", "ka-room-note");
    status.setAttribute("role", "status");
    tools.append(
      button(ui.console_export, () => this.#export(status)),
      button(ui.console_clear, () => this.#clear(status)),
    );
    const list = element("ul", "ka-room-activities");
    box.append(element("h2", "ka-room-heading", ui.console_activities), devices, list,
      element("h2", "ka-room-heading", ui.console_groups), groups, tools, status);
    join.before(board); // a running quiz is what the projector shows first
    join.after(box);
    this.#board = board;
    this.#polls.add(() => {
      board.remove();
      this.#board = null;
    });
    const found = await ask(`activities?lang=${this.lang}`);
    if (found.status !== 200) return;
    // the large code, drawn by the laptop with the room's join code: a phone that scans it joins
    const large = join.querySelector(".ka-join-code");
    if (large && typeof found.data.join?.qr === "string") {
      large.innerHTML = found.data.join.qr;
      large.setAttribute("data-joins", "");
    }
    for (const activity of found.data.activities) {
      this.#labels.set(activity.key, activity.label);
      list.append(this.#activityCard(activity));
    }
    this.#poll(() => this.#refreshConsole(devices, board, groups), FEED_MS);
  }

  /** @param {{key: string, kind: string, label: string, url: string, qr: string}} activity */
  #activityCard(activity) {
    const { ui } = this;
    // (its kind apart from the phone's quiz banner, .ka-room-quiz, and its padding)
    const card = element("li", `ka-room-activity ka-room-kind-${activity.kind}`);
    const code = element("div", "ka-room-qr");
    code.innerHTML = activity.qr; // SVG drawn by segno on the laptop, from the room's own address
    code.setAttribute("role", "img");
    code.setAttribute("aria-label", `QR: ${activity.label}`);
    const link = element("a", "ka-room-link", activity.label);
    link.href = activity.url;
    card.append(code, link);
    if (activity.kind === "quiz") {
      const timer = element("select", "ka-room-timer");
      timer.setAttribute("aria-label", ui.console_timer);
      for (const minutes of [0, 2, 5, 10]) {
        const option = element("option", "", minutes ? format(ui.console_minutes, { minutes }) : ui.console_no_timer);
        option.value = String(minutes * 60);
        timer.append(option);
      }
      const start = button(ui.console_start_quiz, async () => {
        const seconds = Number(timer.value) || null;
        const started = await ask("quiz/start", { activity: activity.key, seconds });
        if (started.status !== 200) return;
        this.quiz = started.data.quiz;
        // the board is at the top of the page, the button far below it: the projector goes to
        // the board at once, as the room starts answering (to the page's very top, where the
        // theme's "back to top" button does not cover the board's title)
        const found = await ask("quiz/board");
        const board = this.#board;
        if (found.status !== 200 || !board) return;
        this.#drawBoard(board, found.data);
        window.scrollTo({ top: 0 });
      });
      card.append(timer, start);
    }
    return card;
  }

  /** @param {HTMLElement} devices @param {HTMLElement} board @param {HTMLElement} groups */
  async #refreshConsole(devices, board, groups) {
    const { ui } = this;
    const [hello, quiz, ...sent] = await Promise.all([
      ask("hello"),
      ask("quiz/board"),
      ...this.activities.filter((a) => a.kind === "table").map((a) => ask(`entries?activity=${a.key}`)),
    ]);
    if (hello.status === 200) devices.textContent = format(ui.console_devices, { count: hello.data.devices });
    if (quiz.status === 200) this.#drawBoard(board, quiz.data);
    const rows = sent.flatMap((answer) => (answer.status === 200 ? answer.data.entries.map(
      (/** @type {{group: string, sent_at: number}} */ e) => ({ ...e, activity: answer.data.activity }),
    ) : []));
    groups.replaceChildren();
    if (!rows.length) groups.append(element("p", "ka-room-none", ui.console_none_sent));
    else {
      const list = element("ul", "ka-room-sent");
      for (const row of rows) {
        const label = this.#labels.get(row.activity) ?? row.activity;
        list.append(element("li", "", `${row.group} · ${label} · ${clock(row.sent_at)}`));
      }
      groups.append(list);
    }
  }

  /**
   * The quiz board: per item how many answered and the share right, most-missed first.
   * @param {HTMLElement} board
   * @param {{quiz: QuizView | null, respondents: number, items: {number: number, prompt: Record<string, string>, answered: number, right: number, share_right: number | null}[]}} data
   */
  #drawBoard(board, data) {
    const { ui, lang } = this;
    board.replaceChildren();
    const quiz = data.quiz;
    if (!quiz) return;
    const name = this.#labels.get(quiz.activity ?? "") ?? quiz.drill;
    const head = element("div", "ka-room-board-head");
    head.append(element("h2", "ka-room-heading", format(ui.board_title, { name })));
    let state = format(ui.board_respondents, { count: data.respondents });
    if (!quiz.open) state += ` · ${quiz.remaining === 0 ? ui.board_over : ui.board_closed}`;
    else if (quiz.remaining !== null) {
      const left = Math.max(0, Math.round(quiz.remaining));
      state += ` · ${format(ui.board_remaining, { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}` })}`;
    }
    head.append(element("p", "ka-room-board-state", state));
    if (quiz.open) head.append(button(ui.console_stop_quiz, () => ask("quiz/close", {})));
    board.append(head);
    if (!data.respondents) {
      board.append(element("p", "ka-room-none", ui.board_none));
      return;
    }
    const table = element("table", "ka-room-board-table");
    const header = element("tr", "");
    for (const key of BOARD_HEADING_WORDS) header.append(element("th", "", ui[key]));
    table.createTHead().append(header);
    const body = table.createTBody();
    for (const item of data.items) {
      const row = element("tr", "");
      const share = item.share_right === null ? "—" : `${Math.round(item.share_right)}%`;
      const bar = element("span", "ka-room-share");
      bar.style.setProperty("--share", `${item.share_right ?? 0}%`);
      bar.textContent = share;
      const cell = element("td", "ka-room-share-cell");
      cell.append(bar);
      row.append(
        element("td", "", String(item.number)),
        element("td", "", item.prompt[lang === "zh" ? "zh" : "en"]),
        element("td", "", String(item.answered)),
        cell,
      );
      body.append(row);
    }
    board.append(table);
  }

  /** @param {HTMLElement} status */
  async #export(status) {
    const found = await ask(`export?lang=${this.lang}`);
    if (found.status !== 200 || !(found.data instanceof Blob)) {
      status.textContent = refusal(found.data, this.lang) || this.ui.send_failed;
      return;
    }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(found.data);
    link.download = "ka-room.xlsx";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  /** @param {HTMLElement} status */
  async #clear(status) {
    if (!window.confirm(this.ui.console_clear_confirm)) return;
    const cleared = await ask("clear", {});
    status.textContent = cleared.status === 200 ? this.ui.console_cleared : refusal(cleared.data, this.lang);
  }
}
