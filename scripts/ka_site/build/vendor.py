"""JavaScript from npm that the page imports, served by the site itself.

``@tanstack/virtual-core`` (pinned in package.json, installed by ``scripts/setup.sh``) lays out
only the rows on screen of a big table (``docs/javascripts/virtual-rows.mjs``). After each
build its ES modules are copied from ``node_modules`` into ``javascripts/vendor/virtual-core/``
beside the page's own modules, which import it by a relative address; the site asks no other
host for anything. Its licence goes with it. The package's ES modules are written for a bundler,
which replaces ``process.env.NODE_ENV`` (Node's, unknown to a browser); the copy does what a
bundler does for a production build: ``"production"`` in its place (its debug logging off).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ka_site.pages import SiteBuildError
from ka_site.paths import ROOT

#: npm package → folder under ``javascripts/vendor/`` and the folder of its ES modules.
PACKAGES = {"@tanstack/virtual-core": ("virtual-core", "dist/esm")}
#: A source map's address at a module's end: the maps are not shipped.
NODE_ENV = "process.env.NODE_ENV"
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")


def publish_vendor(site: Path, node_modules: Path = ROOT / "node_modules") -> list[Path]:
    """Copy each package's ES modules (and licence) into ``site``; the files written."""
    written: list[Path] = []
    for package, (name, modules) in PACKAGES.items():
        source = node_modules / package
        files = sorted((source / modules).glob("*.js"))
        if not files:
            raise SiteBuildError(
                f"{package} is not installed ({source / modules} has no module); "
                "run scripts/setup.sh (it runs `npm ci`)."
            )
        target = site / "javascripts" / "vendor" / name
        target.mkdir(parents=True, exist_ok=True)
        for file in files:
            text = SOURCE_MAP.sub("\n", file.read_text("utf-8"))
            text = text.replace(NODE_ENV, '"production"')
            out = target / file.name
            if not out.exists() or out.read_text("utf-8") != text:
                out.write_text(text, "utf-8")
            written.append(out)
        shutil.copyfile(source / "LICENSE", target / "LICENSE")
    return written
