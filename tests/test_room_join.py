"""Room mode's join page: the address phones open, and whether they can reach it at all."""

from __future__ import annotations

from ka_site.build.room import room_join


def test_the_chinese_join_page_sends_phones_to_the_chinese_site():
    assert room_join.join_address("http://192.168.1.20:8000/", "zh") == (
        "http://192.168.1.20:8000/zh/"
    )
    assert room_join.join_address("http://192.168.1.20:8000", "en") == "http://192.168.1.20:8000/"


def test_a_site_built_for_this_computer_only_says_how_to_open_the_room():
    assert room_join.is_this_computer_only("http://127.0.0.1:8000/")
    assert room_join.is_this_computer_only("http://localhost:8000/")
    assert not room_join.is_this_computer_only("http://192.168.1.20:8000/")
    local = room_join.render_join("http://127.0.0.1:8000/", "en")
    assert "serve.sh --room" in local
    assert "serve.sh --room" not in room_join.render_join("http://192.168.1.20:8000/", "en")


def test_the_code_is_drawn_inline_black_on_white_with_nothing_fetched():
    svg = room_join.qr_svg("http://192.168.1.20:8000/")
    assert svg.startswith("<svg") and "http" not in svg.split("<title>")[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "#fff" in svg and "#000" in svg
