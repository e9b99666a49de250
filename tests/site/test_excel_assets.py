"""The site serves openpyxl itself, for the Excel import and export: never from a CDN."""

from __future__ import annotations

import json
import zipfile

import pytest

from ka_site.build.engine.xlsx_pins import pins

pytestmark = pytest.mark.site


def test_the_pinned_openpyxl_wheels_are_listed_and_served(built_site):
    listings = [  # beside the project's wheel (a versioned folder)
        found
        for found in (built_site / "assets" / "wheels").rglob("xlsx.json")
        if list(found.parent.glob("ka_playbook-*.whl"))
    ]
    assert listings
    listing = listings[0]
    wheels = listing.parent
    names = json.loads(listing.read_text("utf-8"))
    pinned = {req.replace("==", "-").replace("-", "_").lower() for req in pins().values()}
    assert {"_".join(n.split("-")[:2]).lower() for n in names} == pinned
    for name in names:
        with zipfile.ZipFile(wheels / name) as wheel:  # a real wheel, pure Python
            assert wheel.testzip() is None
            assert not [n for n in wheel.namelist() if n.endswith((".so", ".pyd"))]


def test_the_import_accepts_excel_files(built_site):
    page = (built_site / "workshop" / "pipeline-board" / "index.html").read_text("utf-8")
    assert 'accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,text/csv"' in page
    assert 'data-action="export-xlsx"' in page
