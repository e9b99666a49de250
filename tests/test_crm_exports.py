"""Reps' real exports in: every file of the corpus gives the pipeline board's hand-computed
figures, through the reading layer and through the command line, with no extra flag."""

from __future__ import annotations

import json

import pytest

from calculators import calculator
from calculators.cli.__main__ import EXIT_BAD_INPUT, main
from calculators.tables import ReadOptions, read_table
from ka_site.testing.crm_corpus import AS_OF, corpus, many_deals

CORPUS = {export.key: export for export in corpus()}
PIPELINE = calculator("pipeline")
DEALS = PIPELINE.field("deals")


@pytest.mark.parametrize("key", list(CORPUS))
def test_each_export_gives_the_hand_computed_forecast(key):
    export = CORPUS[key]
    imported = read_table(export.data, export.filename, DEALS, ReadOptions(as_of=AS_OF))
    result = PIPELINE.run({"deals": imported.rows, "target_wan": None})
    assert result.figure("deals") == export.deals
    assert result.figure("pipeline_wan") == export.pipeline_wan
    assert result.figure("forecast_wan") == export.forecast_wan
    assert result.figure("won_wan") == export.won_wan
    if export.encoding is not None:
        assert imported.notice["encoding"] == export.encoding
        assert imported.notice["delimiter"] == export.delimiter
    else:
        assert imported.notice["format"] == "xlsx"


@pytest.mark.parametrize("key", list(CORPUS))
def test_each_export_scores_on_the_command_line_with_no_extra_flag(key, tmp_path, capsys):
    export = CORPUS[key]
    path = tmp_path / export.filename
    path.write_bytes(export.data)
    code = main(["run", "pipeline", str(path), "--json"])  # close dates count from today
    assert code == 0, capsys.readouterr().err
    result = json.loads(capsys.readouterr().out)
    figures = {f["key"]: f["value"] for f in result["figures"]}
    assert figures["forecast_wan"] == export.forecast_wan
    assert figures["pipeline_wan"] == export.pipeline_wan


def test_the_chinese_export_reads_amounts_in_yuan_and_three_date_styles():
    export = CORPUS["chinese_gbk"]
    imported = read_table(export.data, export.filename, DEALS, ReadOptions(as_of=AS_OF))
    by_name = {r["name"]: r for r in imported.rows}
    assert by_name["华东化工扩产项目"]["amount_wan"] == 120  # 1,200,000 元
    assert by_name["华东化工扩产项目"]["months_to_close"] == 10  # 304 days ÷ 30.44
    assert by_name["新城地产智能楼宇"]["months_to_close"] == 3.9  # 2027/3/28: 120 days
    assert by_name["联合电力运维外包"]["months_to_close"] == 5.9  # 2027年5月28日: 181 ÷ 30.44
    assert by_name["金桥制药产线改造"]["months_to_close"] == 0  # already past
    assert "海天食品仓储系统" not in by_name  # 输单: left out, and said so
    notice = imported.notice
    assert notice["skipped"] == [{"stage": "输单", "rows": 1}]
    assert notice["ignored"] == ["客户名称", "负责人"]
    assert notice["units"] == {"amount_wan": "yuan"}
    assert notice["past_close_rows"] == [5]  # row 5 of the file: the header is row 1


def test_the_salesforce_report_maps_its_default_stages_and_says_so():
    export = CORPUS["salesforce"]
    imported = read_table(export.data, export.filename, DEALS, ReadOptions(as_of=AS_OF))
    stages = {s["from"]: s["to"] for s in imported.notice["stages"]}
    assert stages["Proposal/Price Quote"] == "quote_discussed"
    assert stages["Closed Won"] == "deposit_received"
    assert {s["stage"] for s in imported.notice["skipped"]} == {"Closed Lost", "Prospecting"}
    assert "Account Name" in imported.notice["ignored"]
    assert "Probability (%)" in imported.notice["ignored"]
    # US dates: 12/20/2027 settles the column as month first
    by_name = {r["name"]: r for r in imported.rows}
    assert by_name["Northwind ERP rollout"]["months_to_close"] == 2  # 01/28/2027: 61 days
    english = " ".join(line["en"] for line in imported.notice["lines"])
    assert "'Amount' read in CNY from the column 'Amount Currency'" in english
    assert "Left out" in english and "'Closed Lost' (1)" in english


def test_a_target_given_with_set_is_used_and_named_as_given(tmp_path, capsys):
    export = CORPUS["chinese_gbk"]
    path = tmp_path / export.filename
    path.write_bytes(export.data)
    args = ["run", "pipeline", str(path), "--as-of", "2026-11-28", "--set", "target_wan=400"]
    assert main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["verdict"]["key"] == "gap"  # forecast 236 < 400 ≤ pipeline 460
    target = next(i for i in result["inputs"] if i["key"] == "target_wan")
    assert target == {**target, "value": 400, "origin": "option"}


def test_a_target_nobody_gave_is_named_as_the_examples_default(tmp_path, capsys):
    export = CORPUS["salesforce"]
    path = tmp_path / export.filename
    path.write_bytes(export.data)
    assert main(["run", "pipeline", str(path), "--as-of", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    assert "Sales target: 800 10k CNY (default of the worked example; change it with --set" in out


def test_a_settings_file_beside_the_export_is_read(tmp_path, capsys):
    export = CORPUS["hubspot"]
    path = tmp_path / "deals.csv"
    path.write_bytes(export.data)
    (tmp_path / "deals.settings.json").write_text(
        json.dumps({"target_wan": 195, "as_of": "2026-11-28"}), encoding="utf-8"
    )
    assert main(["run", "pipeline", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["verdict"]["key"] == "covered"  # forecast 195 reaches 195
    assert result["import"]["as_of"] == "2026-11-28"
    target = next(i for i in result["inputs"] if i["key"] == "target_wan")
    assert target["origin"] == "settings"


def test_json_output_carries_the_calculator_the_inputs_and_machine_keys(tmp_path, capsys):
    export = CORPUS["salesforce"]
    path = tmp_path / export.filename
    path.write_bytes(export.data)
    assert main(["run", "pipeline", str(path), "--as-of", "2026-11-28", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["calculator"] == "pipeline"
    origins = {i["key"]: i["origin"] for i in result["inputs"]}
    assert origins == {"deals": "file", "target_wan": "default"}
    first = result["tables"][0]["rows"][0]
    assert first["name"] == "Contoso CRM" and first["stage_key"] == "terms_negotiation"
    grades = result["tables"][1]["rows"]
    assert [g["grade_key"] for g in grades] == ["A", "B", "C", "D"]


def test_ten_thousand_deals_score_and_one_more_is_refused_before_any_work(tmp_path, capsys):
    path = tmp_path / "big.csv"
    path.write_bytes(many_deals(10_000))
    assert main(["run", "pipeline", str(path), "--as-of", "2026-11-28", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert next(f["value"] for f in result["figures"] if f["key"] == "deals") == 10_000
    path.write_bytes(many_deals(10_001))
    assert main(["run", "pipeline", str(path)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "10,000 at most" in err and "上限 10,000 行" in err
