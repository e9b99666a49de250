"""The standard library as the browser gets it: Pyodide's archive without the modules no page
runs, stored so that the server's brotli compresses across files
(ka_site.build.engine.stdlib_zip)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ka_site.build.engine.pyodide_seam import PYODIDE_DIR, STDLIB
from ka_site.build.engine.stdlib_zip import LEFT_OUT, is_left_out, repack_stdlib

ORIGINAL = PYODIDE_DIR / STDLIB

needs_pyodide = pytest.mark.skipif(
    not ORIGINAL.exists(), reason="Pyodide is not installed; run scripts/setup.sh"
)


@pytest.fixture(scope="module")
def repacked(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("stdlib") / STDLIB
    repack_stdlib(ORIGINAL, target)
    return target


@needs_pyodide
def test_the_browser_gets_every_module_but_the_left_out_ones_unchanged(repacked):
    with zipfile.ZipFile(ORIGINAL) as original, zipfile.ZipFile(repacked) as served:
        kept = [e.filename for e in original.infolist() if not is_left_out(e.filename)]
        assert [e.filename for e in served.infolist()] == kept
        assert all(served.read(name) == original.read(name) for name in kept)
        assert {e.compress_type for e in served.infolist()} == {zipfile.ZIP_STORED}


@needs_pyodide
def test_every_left_out_module_is_one_pyodide_ships():
    """A misspelt name would leave a module in without anyone noticing."""
    with zipfile.ZipFile(ORIGINAL) as original:
        shipped = {e.filename.split("/", 1)[0] for e in original.infolist()}
    assert shipped >= LEFT_OUT, sorted(LEFT_OUT - shipped)


#: Everything a page can ask the engine for: every calculator, CSV (in GBK, as Chinese Excel
#: saves it) and Excel files read and written. Prints the modules then imported.
READER_SCENARIO = """
import json, sys, io
import calculators
from calculators.tables import _xlsx
for calc in calculators.REGISTRY.values():
    calculators.score_json(calc.slug, "{}", "en")
    calculators.score_json(calc.slug, "{}", "zh")
csv = "name,stage,amount_wan\\n甲公司,need_defined,12\\n".encode("gbk")
calculators.table_import_json("pipeline", "deals", csv, "deals.csv")
for fmt in ("csv", "xlsx"):
    calculators.table_export_json("pipeline", "deals", "[]", fmt)
import openpyxl
book = openpyxl.Workbook()
book.active.append(["name", "stage", "amount_wan"])
book.active.append(["Acme", "need_defined", 12])
data = io.BytesIO()
book.save(data)
calculators.table_import_json("pipeline", "deals", data.getvalue(), "deals.xlsx")
print(json.dumps(sorted(sys.modules)))
"""


def test_no_calculator_or_file_reader_imports_a_left_out_module():
    run = subprocess.run(
        [sys.executable, "-c", READER_SCENARIO], capture_output=True, text=True, check=True
    )
    imported = {name.split(".")[0] for name in json.loads(run.stdout.splitlines()[-1])}
    left_out = {name.removesuffix(".py") for name in LEFT_OUT}
    assert not imported & left_out, sorted(imported & left_out)
