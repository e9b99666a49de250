"""The methodology's words are kept whole in the Chinese search index (jieba's user dictionary,
written from the glossary by ``ka_site.build.search.search_words``)."""

from __future__ import annotations

import logging

import jieba

from ka_site.build.search import search_words


def segmenter() -> jieba.Tokenizer:
    """A jieba of its own with the site's user dictionary, as the search plugin loads it."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(search_words.DICTIONARY))
    return tokenizer


def test_the_user_dictionary_is_written_from_the_glossary_as_it_is_now():
    assert search_words.DICTIONARY.read_text("utf-8") == search_words.dictionary(), (
        "run .venv/bin/python -m ka_site.build.search.search_words"
    )


def test_a_term_jieba_would_cut_into_a_lone_character_is_kept_whole():
    cut = segmenter()
    for term in ("不重方法", "结网法", "大客户", "黑暗期", "开场白", "开放式"):
        assert term in cut.lcut(f"这一页讲{term}。"), term


def test_a_term_made_of_words_stays_cut_so_its_words_are_found_alone():
    # a reader typing 漏斗 must still find the pages that say 销售漏斗
    assert "销售漏斗" not in segmenter().lcut("先看销售漏斗。")
    assert "漏斗" in segmenter().lcut("先看销售漏斗。")
