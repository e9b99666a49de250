"""Changing one threshold in its one declaration changes the verdict, the messages and the pages.

The test edits screening's hold edge (8 → 9) in a copy of ``calculators/`` and, in a fresh
interpreter that imports the copy, checks that a score of 8.5 is now put on hold, that the
ranges and messages in both languages say 9, and that the screening pages, expanded by the same
function the site build uses, show 9 in their band table and their prose.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.models.screening import band_for

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="the browser's Python runs no processes"
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    ROOT / "docs" / "prioritising" / "screening.md",
    ROOT / "docs" / "prioritising" / "screening.zh.md",
]

PROBE = r"""
import json, sys
from pathlib import Path
import calculators
from calculators import REGISTRY
from ka_site.build.widgets.band_pages import expand
from calculators.models.screening import BANDS, band_for

calc = REGISTRY["screening"]
weights = (5, 5, 5, 4, 1)
one = {  # 5×2 + 5×1 + 1×2 = 17 of 40 weighted points: 8.5 on the 20-point scale
    "criteria": [{"name": f"C{n}", "weight": w} for n, w in enumerate(weights, 1)],
    "prospects": [{"name": "Acme", "c1": 2, "c2": 1, "c3": 0, "c4": 0, "c5": 2}],
}
result = calc.run(one).to_dict()
pages = {}
for path in sys.argv[1:]:
    lang = "zh" if path.endswith(".zh.md") else "en"
    pages[path] = expand(Path(path).read_text(encoding="utf-8"), lang)
print(json.dumps({
    "package": calculators.__file__,
    "verdict_8_5": band_for(8.5),
    "result_verdict": result["verdict"]["key"],
    "score": result["tables"][0]["rows"][0]["score"],
    "ranges": {b.key: BANDS.range(b.key).to_dict() for b in BANDS},
    "summary": calc.summary.to_dict(),
    "reasoning": result["reasoning"],
    "chart": result["charts"][0]["svg"],
    "tables": {lang: expand("<!-- bands:screening -->", lang) for lang in ("zh", "en")},
    "edge": {lang: expand("<!-- edge:screening.invest.lower -->", lang) for lang in ("zh", "en")},
    "pages": pages,
}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the engine says once screening's hold edge is moved from 8 to 9 in a copy."""
    copy = tmp_path_factory.mktemp("threshold") / "calculators"
    shutil.copytree(ROOT / "calculators", copy, ignore=shutil.ignore_patterns("__pycache__"))
    module = copy / "models" / "screening.py"
    source = module.read_text(encoding="utf-8")
    declaration = re.compile(r"^HOLD_BELOW = 8$", re.M)
    assert len(declaration.findall(source)) == 1, "the hold edge is declared exactly once"
    module.write_text(declaration.sub("HOLD_BELOW = 9", source), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, PAGES)],
        cwd=copy.parent,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(copy.parent), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert Path(said["package"]).parent == copy, "the probe must import the edited copy"
    return said


def test_a_score_of_eight_and_a_half_needs_investment_today():
    assert band_for(8.5) == "invest"


def test_moving_the_edge_moves_the_verdict(moved):
    assert moved["verdict_8_5"] == "hold"
    assert moved["score"] == 8.5
    assert moved["result_verdict"] == "hold"


def test_moving_the_edge_moves_the_ranges_in_both_languages(moved):
    assert moved["ranges"]["hold"] == {"zh": "低于 9 分", "en": "below 9"}
    assert moved["ranges"]["invest"] == {"zh": "9–14 分", "en": "9–14"}
    assert moved["edge"] == {"zh": "9 分", "en": "9"}


def test_moving_the_edge_moves_the_messages(moved):
    assert "低于 9 分暂时搁置" in moved["summary"]["zh"]
    assert "below 9 put on hold" in moved["summary"]["en"]
    reasoning = moved["reasoning"][-1]
    assert "暂时搁置（低于 9 分）" in reasoning["zh"]
    assert "put on hold (below 9)" in reasoning["en"]
    assert "9 分和 14 分为分界" in moved["chart"]["zh"]
    assert "band edges 9 and 14" in moved["chart"]["en"]


def test_moving_the_edge_moves_the_band_table(moved):
    assert "| 低于 9 分 | **暂时搁置** |" in moved["tables"]["zh"]
    assert "| below 9 | **Put on hold** |" in moved["tables"]["en"]
    assert "8" not in moved["tables"]["en"]


def test_moving_the_edge_moves_the_pages(moved):
    en, zh = (moved["pages"][str(p)] for p in PAGES)
    assert "| below 9 | **Put on hold** |" in en
    assert "| 低于 9 分 | **暂时搁置** |" in zh
    assert "**below 9 put on" in en
    assert "低于 9 分暂时搁置" in zh
    for page in (en, zh):
        assert "<!--" not in page.split("<!-- calc:screening -->")[0]
