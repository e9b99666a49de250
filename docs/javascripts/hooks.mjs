// @ts-check
// Test hooks, only for a test or the benchmark that asks for them: it sets `window.KA_TEST_HOOKS`
// to an object before the page's scripts run (Playwright's add_init_script), with shorter time
// limits if it wants them. Only then do the page's modules put their test API on that object
// (`calculators`: the worker's state and scoring without a form; `offline`: the offline copy).
// A reader's page has no such global and no test API.

/**
 * @typedef {object} TestHooks
 * @property {number} [startTimeoutMs] report a start that takes longer (default 60 s)
 * @property {number} [callTimeoutMs] stop a worker that does not answer a call in time
 * @property {object} [calculators] set by calculators.mjs
 * @property {object} [offline] set by offline.mjs
 */

/** The hooks a test asked for, or null on a reader's page. @returns {TestHooks | null} */
export function testHooks() {
  const hooks = window.KA_TEST_HOOKS;
  return hooks !== null && typeof hooks === "object" ? hooks : null;
}
