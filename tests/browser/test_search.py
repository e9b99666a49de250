"""Search per language, through the search box: a Chinese query on /zh/ finds Chinese pages, an
English query on / English ones, and the page that defines a term comes first."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from ka_site.paths import language_prefix

QUERIES = [
    ("zh", "围墙", "growing/wall/", 1),
    ("zh", "关键潜在客户", "prioritising/screening/", 1),
    ("zh", "漏斗", "sales-process/funnel/", 3),
    ("en", "wall", "growing/wall/", 1),
    ("en", "key prospect", "prioritising/screening/", 1),
    ("en", "funnel", "sales-process/funnel/", 3),
    # the methodology's words, and the synonyms a reader types
    ("zh", "开场白", "developing/first-contact/", 1),
    ("zh", "开放式", "developing/needs/", 1),
    ("zh", "扫街", "enterprise/street-sweep/", 1),
    ("zh", "陌生拜访", "enterprise/street-sweep/", 2),
    ("en", "opening lines", "developing/first-contact/", 1),
    ("en", "open question", "developing/needs/", 1),
    ("en", "cold calling", "enterprise/street-sweep/", 1),
]


#: One language after the other: a reader searches again and again on one page.
BY_LANGUAGE = sorted(QUERIES, key=lambda query: query[0])


def search(visit, lang: str, query: str) -> list[str]:
    """The pages the search box lists for ``query``, in order, as paths under the site root.

    ``visit`` is the module's page (``long_visit``): the language's home page is opened once,
    and each search starts from an empty box, as a reader who searches once more."""
    page = visit.page
    if urlparse(page.url)._replace(
        query="", fragment=""
    ).geturl() != visit.base_url + language_prefix(lang):
        visit.go(language_prefix(lang))
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")  # a reader's last keystroke: Material searches on key up
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a",
        "els => els.map(e => e.href)",
    )
    pages = []
    for href in hrefs:
        path = href.removeprefix(visit.base_url).split("?")[0].split("#")[0]
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.parametrize(("lang", "query", "page", "rank"), BY_LANGUAGE)
def test_the_defining_page_comes_first_in_its_language(long_visit, lang, query, page, rank):
    pages = search(long_visit, lang, query)
    prefix = language_prefix(lang)
    assert prefix + page in pages[:rank], pages[:5]


@pytest.mark.parametrize(("lang", "query"), [("zh", "客户"), ("en", "customer")])
def test_a_search_lists_only_pages_of_the_readers_language(long_visit, lang, query):
    pages = search(long_visit, lang, query)
    assert len(pages) >= 5
    if lang == "zh":
        assert all(p.startswith("zh/") for p in pages), pages
    else:
        assert not any(p.startswith("zh/") for p in pages), pages


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_search_index_is_loaded_only_when_the_reader_opens_search(visit, lang):
    """Readers who never search do not pay for the index: it is fetched when search opens."""
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": 900})
    visit.open("zh/key-accounts/" if lang == "zh" else "key-accounts/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in visit.requests if u.endswith("/search/search_index.json")]
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")) as index:
        page.locator("input[data-md-component=search-query]").click()
    assert index.value.url == visit.base_url + language_prefix(lang) + "search/search_index.json"
    box = page.locator("input[data-md-component=search-query]")
    box.fill("漏斗" if lang == "zh" else "funnel")
    box.press("End")
    page.wait_for_selector(".md-search-result__item")


def test_the_keyboard_shortcut_opens_search_with_its_index(visit):
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": 900})
    visit.open("key-accounts/")
    page.wait_for_load_state("networkidle")
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
        page.keyboard.press("/")
    page.keyboard.type("wall")
    page.wait_for_selector(".md-search-result__item")
