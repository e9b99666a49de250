"""Chinese typography is a checked rule: full-width punctuation, one quotation style, one
spacing convention, no line breaks inside Chinese paragraphs
(``ka_site.commands.lint.lint_text``)."""

from __future__ import annotations

import re

from calculators.core import Text
from calculators.core._html import render_result
from calculators.models.questions import classify
from ka_site.commands.lint import lint_text


def test_every_chinese_text_of_the_playbook_passes_the_typography_linter():
    problems = lint_text.problems()
    assert not problems, (
        "Chinese typography is off; run `.venv/bin/python -m ka_site.commands.lint --fix`:\n"
        + "\n".join(problems[:40])
    )


def test_half_width_punctuation_beside_chinese_becomes_full_width():
    assert lint_text.fix_chinese("第二步:初步接触,建立印象;对吗?好!") == (
        "第二步：初步接触，建立印象；对吗？好！"
    )


def test_brackets_around_chinese_become_full_width_and_quotes_become_corner_quotes():
    assert lint_text.fix_chinese('金额(万元)是"预算"') == "金额（万元）是「预算」"
    assert lint_text.fix_chinese("他说“可以”") == "他说「可以」"


def test_one_space_between_chinese_and_latin_letters_or_digits():
    assert lint_text.fix_chinese("用KA手册算出200万元") == "用 KA 手册算出 200 万元"


def test_a_placeholder_a_raw_string_and_english_text_are_left_alone():
    assert lint_text.fix_python_literal('f"{name}只能选:{options}。"') == (
        'f"{name}只能选：{options}。"'
    )
    assert lint_text.fix_python_literal('f"{fmt(x, 2)}万"') == 'f"{fmt(x, 2)}万"'
    assert lint_text.fix_python_literal('r"[，,]"') == 'r"[，,]"'
    assert lint_text.fix_python_literal('"Total (of 5), per deal"') == ('"Total (of 5), per deal"')


def test_json_keys_stay_and_values_are_fixed():
    assert lint_text.fix_json('{"zh": "开放式,还是封闭式?"}') == '{"zh": "开放式，还是封闭式？"}'


def test_a_hard_line_break_inside_a_chinese_paragraph_is_joined():
    page = "第一句,\n第二句。\n\n- 列表\n- 第二项\n"
    assert lint_text.fix_markdown(page) == "第一句，第二句。\n\n- 列表\n- 第二项\n"


def test_markup_in_a_page_is_untouched():
    page = '!!! tip "一个客户,一份档案"\n    见[表格](../forms/index.md#form-1){ .md-button }。\n'
    assert lint_text.fix_markdown(page) == (
        '!!! tip "一个客户，一份档案"\n    见[表格](../forms/index.md#form-1){ .md-button }。\n'
    )


def test_a_question_with_a_full_width_question_mark_is_still_classified():
    assert classify("采购预算是多少？") == "open"
    assert classify("您了解我们公司吗？") == "closed"


def test_every_calculators_computed_text_follows_the_pages_rules():
    """Verdicts, reasoning, actions, cells, labels and errors, in both languages."""
    problems = lint_text.computed_problems()
    assert not problems, "computed text is off:\n" + "\n".join(problems[:40])


def test_a_sentence_built_from_names_is_spaced_by_what_the_names_are():
    assert Text("问 第三组 和 第二组：", "").zh == "问第三组和第二组："
    assert Text("问 Group 3 和 Group 2：", "").zh == "问 Group 3 和 Group 2："
    assert Text("排第一的是 金桥制药。", "").zh == "排第一的是金桥制药。"
    assert Text("竞争对手 A、竞争对手 B也有", "").zh == "竞争对手 A、竞争对手 B 也有"


def test_a_figure_in_percent_is_written_as_one_token():
    assert "75 %" not in render_result(
        {
            "verdict": {"key": "x", "label": {"zh": "好", "en": "Good"}},
            "figures": [
                {
                    "key": "p",
                    "label": {"zh": "占比", "en": "Share"},
                    "value": 75,
                    "unit": {"zh": "%", "en": "%"},
                }
            ],
            "reasoning": [],
            "actions": [],
        },
        "zh",
    )
    assert lint_text.text_problems("Heat 75 %", "en") == ["a space between a number and %"]
    assert lint_text.fix_chinese("热度 75 %") == "热度 75%"


def test_the_reader_is_you_and_an_amount_is_wan_yuan():
    assert lint_text.text_problems("你的输入已保存，合计 200 万元。", "zh") == []
    assert lint_text.text_problems("您的输入已保存。", "zh") == ["您 where the playbook says 你"]
    assert lint_text.text_problems("合计 200 万。", "zh") == ["万 without 元 after an amount"]
    # a rep speaking to a customer says 您
    assert lint_text.text_problems("「您看可以吗？」", "zh") == []


def test_an_amount_on_a_chinese_page_is_in_wan_yuan():
    pages = [p for p in lint_text.ROOT.joinpath("docs").rglob("*.zh.md")]
    bare = [
        f"{p.name}: {m.group(0)}"
        for p in pages
        for m in re.finditer(r".{0,8}\d[ \t]*万(?!元).{0,4}", p.read_text("utf-8"))
    ]
    assert not bare, bare[:10]


def test_the_sites_own_words_speak_to_the_reader_as_you():
    words = lint_text.ROOT.joinpath("scripts", "ka_site", "ui", "zh.toml").read_text("utf-8")
    assert "您" not in words
