"""The site's seam with Material for MkDocs holds, and fails loudly when the theme is upgraded.

What the site relies on inside the theme is written for one release, named in
``docs/javascripts/material.mjs`` (``MATERIAL_VERSION``) and in each file that mirrors one of
the theme's own: the observables its script publishes (``document$``, ``location$``), its
storage helpers (re-written in ``head.js``), and the partials the site overrides. A new release
of the theme fails here first, each failure naming what to read again.
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "docs" / "javascripts"
OVERRIDES = ROOT / "docs" / "overrides"
THEME = Path(material.__file__).parent / "templates"
SEAM = SCRIPTS / "material.mjs"

#: The theme's own templates the site overrides or re-writes, as they were in the release the
#: seam was written for (sha256, first 16 hex digits). When one changes, the site's copy may
#: miss what the theme now does.
THEME_FILES_READ = {
    "base.html": "8536d352b0093623",  # main.html's blocks, ka_site.build.theme_script's bundle tag
    "main.html": "9948b55a7bc979c3",
    "404.html": "80c93494b5432b1b",
    "partials/javascripts/base.html": "d6113712bc4deb30",  # head.js's storage helpers
    "partials/javascripts/content.html": "3722e156f0f6339d",  # content.js
    "partials/javascripts/palette.html": "8790389765ea6036",  # head.js, palette.mjs
    "partials/palette.html": "fb935107ae7d3d74",
    "partials/search.html": "bfd556535abcddb9",
    "partials/progress.html": "f7596002950a7d9f",
    "partials/copyright.html": "bc86bca3bf75070f",  # the footer's credit, in the page's words
}


def seam_version() -> str:
    found = re.search(r'export const MATERIAL_VERSION = "([^"]+)";', SEAM.read_text("utf-8"))
    assert found, "material.mjs no longer declares MATERIAL_VERSION"
    return found.group(1)


def test_the_installed_theme_is_the_release_the_seam_was_written_for():
    assert version("mkdocs-material") == seam_version(), (
        "mkdocs-material was upgraded: read docs/javascripts/material.mjs and every file that "
        "names the old release again, then set MATERIAL_VERSION"
    )


def test_every_file_that_mirrors_the_theme_names_the_same_release():
    named: dict[str, set[str]] = {}
    for path in [*SCRIPTS.glob("*.js"), *SCRIPTS.glob("*.mjs"), *OVERRIDES.rglob("*.html")]:
        for release in re.findall(r"mkdocs-material (\d+\.\d+\.\d+)", path.read_text("utf-8")):
            named.setdefault(release, set()).add(str(path.relative_to(ROOT)))
    assert set(named) == {seam_version()}, named


def test_the_theme_still_publishes_the_observables_the_seam_reads():
    (bundle,) = (THEME / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text("utf-8")
    for name in ("document$", "location$"):
        assert f"window.{name}=" in text, f"the theme's script no longer publishes {name}"


def test_the_theme_files_the_site_overrides_are_those_it_was_written_against():
    changed = {
        name: digest
        for name, digest in THEME_FILES_READ.items()
        if hashlib.sha256((THEME / name).read_bytes()).hexdigest()[:16] != digest
    }
    assert not changed, (
        f"the theme changed {sorted(changed)}: compare each with the site's own copy in "
        "docs/overrides (and head.js / content.js / palette.mjs where they re-write one)"
    )


def test_every_override_of_a_theme_file_is_checked_here():
    overridden = {
        str(path.relative_to(OVERRIDES))
        for path in OVERRIDES.rglob("*.html")
        if (THEME / path.relative_to(OVERRIDES)).exists()
    }
    assert overridden <= set(THEME_FILES_READ), overridden - set(THEME_FILES_READ)


def test_only_the_seam_reads_the_theme_s_observables():
    readers = [
        path.name
        for path in [*SCRIPTS.glob("*.mjs"), *SCRIPTS.glob("*.js")]
        if path != SEAM and re.search(r"\b(?:document|location)\$", path.read_text("utf-8"))
    ]
    assert not readers, f"{readers} read the theme's observables: ask material.mjs instead"


#: The site's scripts that work around what the theme's script does inside (not only through
#: material.mjs): each names the release it was written for, checked above with the others.
WORKAROUNDS = (
    "head.js",  # the theme's storage helpers and colour scheme, before the stylesheets
    "content.js",  # the theme's script after the content, from a file
    "search-on-demand.js",  # holds the theme's XMLHttpRequest of the search index
    "head-links-guard.js",  # ignores the theme's start-up rewrite of each <link>'s address
    "head-links.mjs",
)


def theme_script() -> str:
    (bundle,) = (THEME / "assets" / "javascripts").glob("bundle.*.min.js")
    return bundle.read_text("utf-8")


def test_every_script_that_works_around_the_theme_names_its_release():
    unnamed = [
        name
        for name in WORKAROUNDS
        if f"mkdocs-material {seam_version()}" not in (SCRIPTS / name).read_text("utf-8")
    ]
    assert not unnamed, f"say which release of the theme these were written for: {unnamed}"


def test_the_theme_still_loads_its_search_index_with_an_xmlhttprequest():
    text = theme_script()
    assert 'new URL("search/search_index.json"' in text, "the theme's index has moved"
    assert "new XMLHttpRequest" in text and "fetch(" not in text, (
        "the theme's script may load the search index another way than the XMLHttpRequest "
        "javascripts/search-on-demand.js holds until search is opened: read it again"
    )


def test_the_theme_still_rewrites_each_relative_address_at_start_up():
    """``for (const e of $$("[href], [src]")) e.href = e.href``, minified: the rewrite
    javascripts/head-links-guard.js keeps from restyling the whole page."""
    text = theme_script()
    assert '"[href], [src]"' in text and re.search(r"\b(\w)\[(\w)\]=\1\[\2\]", text), (
        "the theme no longer rewrites each address to itself at start-up: "
        "javascripts/head-links-guard.js and head-links.mjs may no longer be needed"
    )
