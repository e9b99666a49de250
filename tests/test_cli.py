"""The command line: a rep scores a CSV export of prospects; bad input exits non-zero."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from calculators import REGISTRY
from calculators.cli.__main__ import EXIT_BAD_INPUT, main
from calculators.tables import BOM, csv_text, input_rows, read_table
from calculators.tables._write import column_title


def test_the_command_line_lists_every_calculator(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for slug in REGISTRY:
        assert slug in out


def test_a_rep_scores_a_csv_of_prospects(tmp_path, capsys):
    csv_file = tmp_path / "crm-export.csv"
    csv_file.write_text(
        "Prospect,C1,C2,C3,C4\nNorthwind,2,2,2,2\nContoso,0,1,0,1\n", encoding="utf-8"
    )
    assert main(["run", "screening", str(csv_file), "--table", "prospects", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    rows = {r["name"]: r for r in result["tables"][0]["rows"]}
    assert rows["Northwind"]["score"] == 20 and rows["Northwind"]["band"]["en"] == "Key prospect"
    assert rows["Contoso"]["band"]["en"] == "Put on hold"


def test_chinese_headers_and_output_work_too(tmp_path, capsys):
    csv_file = tmp_path / "客户.csv"
    csv_file.write_text("客户,准则1,准则2,准则3,准则4\n超级部件,2,2,1,1\n", encoding="utf-8-sig")
    assert main(["--lang", "zh", "run", "screening", str(csv_file), "--table", "prospects"]) == 0
    assert "结论" in capsys.readouterr().out


def test_a_bad_cell_exits_non_zero_with_both_languages(tmp_path, capsys):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("name,c1,c2,c3,c4\nX,2,two,1,1\n", encoding="utf-8")
    code = main(["run", "screening", str(csv_file), "--table", "prospects"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT
    # the row as the spreadsheet numbers it: the header is row 1, the prospect row 2
    assert "'c2' in row 2" in err and "must be a number" in err and "第 2 行" in err


def test_a_column_the_calculator_does_not_use_is_named_not_refused(tmp_path, capsys):
    csv_file = tmp_path / "export.csv"
    csv_file.write_text("name,budget,c1,c2,c3,c4\nX,3,2,2,2,2\n", encoding="utf-8")
    assert main(["run", "screening", str(csv_file), "--table", "prospects"]) == 0
    assert "Columns not used: 'budget'" in capsys.readouterr().err


def test_a_table_must_be_named_when_there_are_several(tmp_path, capsys):
    csv_file = tmp_path / "p.csv"
    csv_file.write_text("name,c1\nX,1\n", encoding="utf-8")
    assert main(["run", "screening", str(csv_file)]) == EXIT_BAD_INPUT
    assert "--table" in capsys.readouterr().err


def test_an_unknown_calculator_is_a_clear_error(tmp_path, capsys):
    assert main(["schema", "no_such"]) == EXIT_BAD_INPUT
    assert "no_such" in capsys.readouterr().err


def test_the_worked_example_round_trips_through_csv(tmp_path, capsys):
    assert main(["example", "screening", "--table", "prospects"]) == 0
    csv_file = tmp_path / "example.csv"
    csv_file.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["run", "screening", str(csv_file), "--table", "prospects", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    calc = REGISTRY["screening"]
    expected = calc.run(calc.defaults("en")).to_dict()  # the example in the command's language
    assert {k: result[k] for k in ("figures", "verdict", "reasoning", "actions")} == {
        k: expected[k] for k in ("figures", "verdict", "reasoning", "actions")
    }

    def without_machine_keys(rows):
        return [{k: v for k, v in r.items() if not k.endswith("_key")} for r in rows]

    assert without_machine_keys(result["tables"][0]["rows"]) == without_machine_keys(
        expected["tables"][0]["rows"]
    )


def test_a_json_file_of_inputs_runs_every_calculator(tmp_path, capsys):
    for slug, calc in REGISTRY.items():
        path = tmp_path / f"{slug}.json"
        path.write_text(json.dumps(calc.defaults(), ensure_ascii=False), encoding="utf-8")
        assert main(["run", slug, str(path), "--json"]) == 0, slug
        assert json.loads(capsys.readouterr().out)["verdict"]["key"]


TEMPLATES = [
    (slug, f.key) for slug, calc in REGISTRY.items() for f in calc.fields if f.kind == "table"
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("slug", "table"), TEMPLATES)
def test_a_template_is_headed_as_a_rep_reads_it_and_reads_back_as_the_worked_example(
    tmp_path, capsys, slug, table, lang
):
    """A rep opens the template in Excel: the columns carry their titles and the choices their
    labels in the rep's language, never a key; the reader takes the file back unchanged."""
    calc = REGISTRY[slug]
    field = calc.field(table)
    titles = [column_title(c, lang) for c in field.columns]
    example = calc.validate(calc.defaults(lang))[table]
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"template-{lang}.{suffix}"
        assert main(["example", slug, "--table", table, "-o", str(path), "--lang", lang]) == 0
        data = path.read_bytes()
        if suffix == "csv":
            header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(data)).active
            header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
        assert header == titles
        keys = {c.key for c in field.columns} - {c.label.get(lang) for c in field.columns}
        assert not keys & set(header), "a column key in the template's header"
        back = read_table(data, path.name, field).rows
        assert calc.validate({**calc.defaults(lang), table: back})[table] == example, suffix


def test_a_table_headed_by_its_keys_is_still_read():
    deals = REGISTRY["pipeline"].field("deals")
    example = REGISTRY["pipeline"].defaults("en")["deals"]
    header, rows = input_rows(example, deals)
    assert header == [c.key for c in deals.columns]
    back = read_table((BOM + csv_text(header, rows)).encode(), "deals.csv", deals).rows
    assert [(r["name"], r["stage"]) for r in back] == [(r["name"], r["stage"]) for r in example]
