"""What the tests and the benchmark (``scripts/bench.py``) share, never loaded by a build or a
command: the page's test hooks asked for before the page runs
(:mod:`~ka_site.testing.page_hooks`), a corpus of CRM exports with the figures each must give
(:mod:`~ka_site.testing.crm_corpus`), a group scoring the exercise on a phone
(:mod:`~ka_site.testing.phone_flow`) and room mode measured on loopback
(:mod:`~ka_site.testing.room_bench`)."""
