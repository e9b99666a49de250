"""The page's test hooks, asked for the way a test or the benchmark must: before the page's
scripts run (``docs/javascripts/hooks.mjs``). A reader's page has no test API on ``window``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

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
    files = ["calculators.snapshot", "pyodide.asm.wasm", "python_stdlib.zip"]
    return {"folders": {f"engine-{version}": files}, "packed": []}
