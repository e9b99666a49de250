// @ts-check
// The messages between the page (client.mjs, through rpc.mjs) and the Pyodide worker
// (worker.mjs), in one place. Both sides import these types; the type check (scripts/tsconfig.*)
// fails when one side sends or reads a message that is not written here. The module has no code:
// it is never loaded by a browser, only read by the checker.
//
// A start:  the page creates the worker named with its engine (EngineName, as JSON);
//           worker → page {type: "ready"} once, or {type: "failed"}.
// A call:   page → worker {type: "call", id, name, args} or {type: "xlsx", id};
//           worker → page {type: "result", id, payload} or {type: "crash", id, message}.
// Any time: worker → page {type: "failed", reason: "stopped"} when Python itself stops working.

// ------------------------------------------------------------------------------ page → worker

/**
 * The worker's name, as JSON: the engine's addresses (runtime folder and wheel, of one version;
 * absolute, or relative to worker.mjs) and how fast this page's own files came (Mbit/s; null or
 * left out if they came from a cache): the worker's choice of a snapshot or not. A name, not a
 * message or address parameters: the worker reads it as it starts, and a copy of the worker the
 * offline copy serves keeps its name, not its parameters.
 * @typedef {{index: string, wheel: string, mbps?: number | null}} EngineName
 */

/**
 * The package's entry points the worker answers, each with its arguments as Python takes them
 * (named as the Python parameters: tests/test_protocol_entry_points.py checks them).
 * @typedef {{
 *   score_json: [slug: string, inputs_json: string, lang: string, root: string, base: string],
 *   table_import_json: [slug: string, table: string, data: Uint8Array, filename: string, options_json: string],
 *   table_export_json: [slug: string, table: string, rows_json: string, kind: "csv" | "xlsx", lang: string],
 * }} EntryArgs
 */

/** @typedef {keyof EntryArgs} EntryPoint */

/**
 * One call of an entry point, answered by a {@link ResultReply} or a {@link CrashReply} with
 * the same id.
 * @template {EntryPoint} [N=EntryPoint]
 * @typedef {{type: "call", id: number, name: N, args: EntryArgs[N]}} CallRequest
 */

/**
 * Install openpyxl in the worker from this site's wheels (once), before an Excel file is read or
 * written; answered like a call (payload `{"ok": true}`).
 * @typedef {{type: "xlsx", id: number}} XlsxRequest
 */

/** @typedef {CallRequest | XlsxRequest} IdRequest */
/** @typedef {IdRequest} Request */

// ------------------------------------------------------------------------------ worker → page

/**
 * Milliseconds since the worker started, per step of its start, for the benchmark; `snapshot`
 * when the memory snapshot was restored (`snapshot_local`: from this device), `runtime_local`
 * when the runtime's WebAssembly and standard library came from this device's copies, `mbps`
 * the speed the choice of a snapshot was made on.
 * @typedef {{
 *   loader?: number, runtime?: number, wheel?: number, import?: number,
 *   snapshot?: boolean, snapshot_local?: boolean, runtime_local?: boolean, mbps?: number | null,
 * }} Timings
 */

/** @typedef {{type: "ready", timings: Timings}} ReadyReply */

/**
 * Why the worker cannot be used: a file could not be downloaded (fetch), Python could not start
 * (start), or Python stopped working after it had started (stopped).
 * @typedef {"fetch" | "start" | "stopped"} WorkerFailure
 */

/** @typedef {{type: "failed", reason: WorkerFailure, message: string}} FailedReply */

/** The entry point's answer: JSON text, parsed by the page. @typedef {{type: "result", id: number, payload: string}} ResultReply */

/**
 * Python raised something other than the one input error for this call (an engine fault), or
 * the call could not be made; Python stays usable unless a {@link FailedReply} follows.
 * @typedef {{type: "crash", id: number, message: string}} CrashReply
 */

/** @typedef {ResultReply | CrashReply} IdReply */
/** @typedef {ReadyReply | FailedReply | IdReply} Reply */

// ------------------------------------------------------------------------------ the answers

/** A text in both languages, as the engine writes it. @typedef {{zh: string, en: string}} Bilingual */

/**
 * One problem of the one input error type: its field, row and column, and the message.
 * @typedef {{field: string, row: number | null, column: string | null, message: Bilingual}} Problem
 */

/** @typedef {Problem & {problems: Problem[]}} InputErrorData */

/**
 * One column's heading of a table, as Python placed it (`html` escaped by Python).
 * @typedef {{key: string, html: string, text: string, hidden: boolean}} ColumnView
 */

/**
 * One row's results: the cells by result key (escaped HTML) and the row's tone.
 * @typedef {{cells: Record<string, string>, tone?: string | null}} RowResult
 */

/**
 * What the form shows around one table's inputs (calculators.core._form.form_view). Sent to a
 * page that holds an earlier answer (FormView's `base`), a table lists only the rows whose
 * results changed (`changed`: row and results) and how many rows there are (`count`), in place
 * of `results` (calculators._sent); the page completes it before placing it.
 * @typedef {{
 *   field: string, columns: ColumnView[], results?: (RowResult | null)[] | null,
 *   headings?: {key: string, label: string}[], sort?: string, order?: number[] | null,
 *   partial?: boolean, changed?: [number, RowResult | null][], count?: number,
 * }} TableView
 */

/**
 * What goes beside one scalar field (a drill's question): escaped HTML, and its tone.
 * @typedef {{field: string, html: string, tone: string | null}} FieldView
 */

/**
 * The form's part of an answer: its tables and fields; `answer` names an answer with row
 * results (for the page to name as its `base` next time), `base` the earlier answer its
 * tables' `changed` rows apply to.
 * @typedef {{tables: TableView[], fields?: FieldView[], answer?: string, base?: string}} FormView
 */

/**
 * The answer of `score_json`: a result and its rendering, or the input error; `form` when the
 * calculator has tables that answer in the row.
 * @typedef {({ok: true, result: unknown, html: string} | {ok: false, error: InputErrorData})
 *   & {form?: FormView}} ScoreAnswer
 */

/**
 * What an import read: its notice's lines, and the warnings among them with their rows.
 * @typedef {{lines: Bilingual[], rows?: number, warnings?: {kind: string, rows: number[], text: Bilingual}[]}} ImportNotice
 */

/**
 * What the import's preview may offer to settle a refusal: the amount unit, the number format,
 * and the CRM stages nothing maps, with the stages (and "leave out") they may be mapped to.
 * @typedef {{amount_unit?: true, decimal_mark?: true,
 *   stages?: {unmapped: string[], choices: {value: string, label: Bilingual}[]}}} ImportSettle
 */

/**
 * The answer of `table_import_json`.
 * @typedef {{ok: true, rows: Record<string, unknown>[], notice: ImportNotice}
 *   | {ok: false, error: InputErrorData & {settle?: ImportSettle}}} ImportAnswer
 */

/**
 * The answer of `table_export_json`: CSV text, or an Excel book in base64.
 * @typedef {{ok: true, csv: string, xlsx?: undefined} | {ok: true, xlsx: string, csv?: undefined}
 *   | {ok: false, error: InputErrorData}} ExportAnswer
 */

/**
 * Each entry point's parsed answer.
 * @typedef {{
 *   score_json: ScoreAnswer,
 *   table_import_json: ImportAnswer,
 *   table_export_json: ExportAnswer,
 * }} EntryAnswers
 */

export {};
