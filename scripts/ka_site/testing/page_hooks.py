"""The page's test hooks, asked for the way a test or the benchmark must: before the page's
scripts run (``docs/javascripts/hooks.mjs``). A reader's page has no test API on ``window``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ka_site.build.engine.pyodide_seam import SELF_FETCHED

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, JSHandle, Page

#: The object the page's modules put their test API on, only when it exists before they run.
HOOKS = "window.KA_TEST_HOOKS"
#: The worker's state and scoring without a form (``calculators.mjs``).
CALCULATORS = f"{HOOKS}.calculators"
#: The offline copy's registration and an update check on demand (``offline.mjs``).
OFFLINE = f"{HOOKS}.offline"


def hooks_script(**limits: int) -> str:
    """The init script that asks for the hooks; ``limits`` shorten the page's time limits
    (``startTimeoutMs``, ``callTimeoutMs``)."""
    return f"{HOOKS} = {json.dumps(limits)};"


def ask_for_hooks(page_or_context: Page | BrowserContext, **limits: int) -> None:
    """Ask for the hooks on every page ``page_or_context`` opens from now on."""
    page_or_context.add_init_script(hooks_script(**limits))


#: What the device keeps of the calculators' engine (``docs/javascripts/engine-store.mjs``):
#: ``{folders: {name: [file, …]}, packed: [file, …]}``, the private file system's folders with
#: their files, and the packed snapshots in the cache. Read with ``page.evaluate``.
KEPT_ENGINE = """async () => {
  const folders = {};
  const root = await navigator.storage.getDirectory();
  for await (const [name, handle] of root.entries()) {
    folders[name] = [];
    if (handle.kind !== "directory") continue;
    for await (const file of handle.keys()) folders[name].push(file);
    folders[name].sort();
  }
  const cache = await caches.open("ka-playbook-snapshot");
  const packed = (await cache.keys()).map(k => k.url.split("/").pop());
  return { folders, packed };
}"""


def kept_engine(version: str) -> dict[str, object]:
    """What :data:`KEPT_ENGINE` reads once a start has kept the whole engine of ``version``:
    its folder with the unpacked snapshot and the runtime's two big files, and nothing else."""
    files = ["calculators.snapshot", *SELF_FETCHED]
    return {"folders": {f"engine-{version}": files}, "packed": []}


#: An init script that keeps the calculators' worker (worker.mjs) as ``window.kaWorker``, for a
#: test that makes it fail as a worker that dies does. Only that one: the theme starts a worker
#: of its own for search, sometimes after the calculators' (a test then killed the search's).
KEEP_THE_WORKER = """
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(url, ...rest) {
    super(url, ...rest);
    if (new URL(url, location.href).pathname.endsWith("/worker.mjs")) window.kaWorker = this;
  }
};
"""


# ------------------------------------------------------------------------ waiting with a limit

#: How long a test or the benchmark waits for the page's answer before it fails (a cold start of
#: Python on a loaded two-core machine takes well under this).
WAIT_MS = 60_000


def within(function: str, ms: float, what: str) -> str:
    """``function`` (JavaScript, a function that may return a promise) wrapped so that its promise
    races a timer: after ``ms`` it fails with a message naming ``what``, instead of leaving
    ``page.evaluate`` (which has no time limit of its own) waiting for ever. The wrapper passes on
    every argument, so it serves ``Page.evaluate`` and ``JSHandle.evaluate`` alike."""
    message = json.dumps(f"no answer within {ms:g} ms: {what}")
    return f"""async (...args) => {{
  const run = {function};
  let timer;
  const limit = new Promise((_, fail) => {{
    timer = setTimeout(() => fail(new Error({message})), {ms:g});
  }});
  try {{
    return await Promise.race([Promise.resolve().then(() => run(...args)), limit]);
  }} finally {{
    clearTimeout(timer);
  }}
}}"""


def evaluate_within(
    page: Page, function: str, arg: object = None, *, ms: float = WAIT_MS, what: str = ""
) -> Any:
    """``page.evaluate(function, arg)`` for a function whose answer is a promise: the promise
    races a timer of ``ms`` (see :func:`within`)."""
    return page.evaluate(within(function, ms, what or function.strip()[:80]), arg)


#: Arms a listener for a calculator's next ``ka:computed`` event (its inputs and Python's reply)
#: that ``accept`` takes; the promise is kept in the returned object, for :func:`computed_after`.
_ARM_COMPUTED = """slug => {
  const root = document.querySelector(`.ka-calc[data-calc="${slug}"]`);
  if (!root) throw new Error(`no calculator ${slug} on this page`);
  const accept = ACCEPT;
  const armed = {};
  armed.detail = new Promise(resolve => {
    root.addEventListener("ka:computed", function heard(event) {
      if (!accept(event.detail)) return;
      root.removeEventListener("ka:computed", heard);
      resolve(event.detail);
    });
  });
  return armed;
}"""


def computed_after(
    page: Page,
    slug: str,
    action: Callable[[], object],
    *,
    accept: str = "detail => true",
    ms: float = WAIT_MS,
) -> dict[str, Any]:
    """Do ``action`` (an edit, a file picked, a click) and return the detail of the first
    ``ka:computed`` event of calculator ``slug`` after it that ``accept`` (a JavaScript predicate
    on ``{inputs, reply}``) takes. The listener is registered before the action, so an answer that
    comes at once is not missed, and the wait ends after ``ms`` with an error."""
    armed: JSHandle = page.evaluate_handle(_ARM_COMPUTED.replace("ACCEPT", accept), slug)
    try:
        action()
        detail: dict[str, Any] = armed.evaluate(
            within("armed => armed.detail", ms, f"a ka:computed event of {slug}")
        )
        return detail
    finally:
        armed.dispose()


def status_within(page: Page, status: str, *states: str, ms: float = 60_000) -> str:
    """Wait until the calculator status ``status`` (a selector) shows one of ``states``, and
    say which: read in the same step as the wait, since a worker that restarts from the
    device's copy can leave "restarting" before a second look would find it."""
    handle = page.wait_for_function(
        """([selector, states]) => {
             const state = document.querySelector(selector)?.dataset.state;
             return states.includes(state) ? state : null;
           }""",
        arg=[status, list(states)],
        timeout=ms,
    )
    return str(handle.json_value())
