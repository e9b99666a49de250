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
  /** A calculator page's worker, created by its <head> on a return visit (partials/engine-start.html), until client.mjs takes it. */
  kaEarlyWorker?: { worker: Worker; created: number; missed: Event[] };
  /** Set by a test or the benchmark before the page's scripts run (docs/javascripts/hooks.mjs). */
  KA_TEST_HOOKS?: import("../../docs/javascripts/hooks.mjs").TestHooks;
}

/** Material's head script: a value kept in the site's local storage (JSON), scoped to the site. */
declare function __md_set(key: string, value: unknown): void;
