// Globals the page's modules (docs/javascripts/) read but do not define, for the type check.

// Material for MkDocs publishes its page events as RxJS observables on `window`; only
// `subscribe` is used here.
interface KaObservable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

interface Window {
  /** Material: every page instant navigation brings in (and the first). */
  document$?: KaObservable<Document>;
  /** Material: the address of every page instant navigation brings in. */
  location$?: KaObservable<URL>;
  /** A calculator page's worker, created by its <head> on a return visit (javascripts/head.js), until client.mjs takes it. */
  kaEarlyWorker?: { worker: Worker; created: number; missed: Event[] };
  /** Set by a test or the benchmark before the page's scripts run (docs/javascripts/hooks.mjs). */
  KA_TEST_HOOKS?: import("../../docs/javascripts/hooks.mjs").TestHooks;
}

// Material's storage helpers, globals its bundle reads; defined by javascripts/head.js as
// Material's own <head> script defined them.
/** The site's root: values are kept under its path. */
declare var __md_scope: URL;
/** A number from a text (Material keeps the hash of a dismissed banner). */
declare var __md_hash: (text: string) => number;
/** A value kept in the site's local storage (JSON), scoped to the site; null if none. */
declare var __md_get: (key: string, storage?: Storage, scope?: URL) => any;
/** Keep a value (JSON) in the site's local storage, scoped to the site; quiet if it cannot. */
declare var __md_set: (key: string, value: unknown, storage?: Storage, scope?: URL) => void;
