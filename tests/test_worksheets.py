"""Each worksheet of a page gets a header line for paper and a button that prints it alone."""

from __future__ import annotations

from ka_site.build.worksheets import prepare_worksheets

PAGE = (
    '<h2>表 1</h2><div class="ka-worksheet"><p>表 1</p></div>'
    '<div class="ka-worksheet ka-no-head"><p>事实卡片</p></div>'
)


def test_each_worksheet_is_numbered_and_has_its_own_print_button():
    html = prepare_worksheets(PAGE, "zh")
    assert '<div class="ka-worksheet" data-ka-sheet="1">' in html
    assert '<div class="ka-worksheet ka-no-head" data-ka-sheet="2">' in html
    assert html.count("data-ka-print-sheet=") == 2 and "只打印这张工作表" in html


def test_a_worksheet_to_fill_in_gets_customer_group_and_date_and_cards_do_not():
    html = prepare_worksheets(PAGE, "en")
    first, cards = html.split("ka-no-head")
    assert "Customer:" in first and "Group:" in first and "Date:" in first
    assert "Customer" not in cards


def test_a_page_without_worksheets_is_left_as_it_is():
    assert prepare_worksheets("<p>x</p>", "zh") == "<p>x</p>"
