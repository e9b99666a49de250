"""Search in each language: one index per language after the build
(:mod:`~ka_site.build.search.search_per_language`), and the methodology's words kept whole in the
Chinese index (:mod:`~ka_site.build.search.search_words`, which writes ``search_words.zh.txt``
beside it, the dictionary ``mkdocs.yml`` gives the search plugin)."""
