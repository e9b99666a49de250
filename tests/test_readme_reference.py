"""The README's reference parts are the code's own: the module reference is written from each
module's docstring (``ka_site.commands.readme_reference``), so a module added, removed or renamed
shows in the README or fails here."""

from __future__ import annotations

from ka_site.commands.readme_reference import END, START, readme_with_reference, reference
from ka_site.paths import ROOT


def test_the_readme_lists_every_module_as_its_docstring_says():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert START in readme and END in readme
    assert readme_with_reference(readme) == readme, (
        "README.md's module reference is out of date: run "
        "`.venv/bin/python -m ka_site.commands.readme_reference`"
    )


def test_every_module_says_what_it_is():
    missing = [line for line in reference().splitlines() if line.endswith("| — |")]
    assert not missing, missing
