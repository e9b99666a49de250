"""The npm modules the page imports are copied into the built site, ready for a browser."""

from __future__ import annotations

import json
from pathlib import Path

from ka_site.build.vendor import publish_vendor
from ka_site.paths import ROOT


def test_virtual_core_is_copied_beside_the_page_s_modules_as_a_browser_runs_it(tmp_path: Path):
    written = publish_vendor(tmp_path)
    folder = tmp_path / "javascripts" / "vendor" / "virtual-core"
    assert folder / "index.js" in written and (folder / "LICENSE").exists()
    for file in written:
        text = file.read_text("utf-8")
        assert "process." not in text  # Node's global: a bundler's job, done by the copy
        assert "sourceMappingURL" not in text
        # every import is a sibling in the same folder: nothing from another host or node_modules
        for line in text.splitlines():
            if line.startswith("import "):
                assert '"./' in line and (folder / line.split('"./')[1].split('"')[0]).exists()


def test_the_copied_package_is_the_pinned_one():
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["dependencies"]
    installed = ROOT / "node_modules" / "@tanstack" / "virtual-core" / "package.json"
    assert json.loads(installed.read_text("utf-8"))["version"] == pinned["@tanstack/virtual-core"]
