"""The engine a reader's browser runs, served by the site itself: the ``calculators`` wheel
(:mod:`~ka_site.build.engine.build_wheel`), one version for runtime, wheel and snapshot
(:mod:`~ka_site.build.engine.engine_version`), the Pyodide runtime, its repacked standard library
and the snapshot (:mod:`~ka_site.build.engine.pyodide_assets`,
:mod:`~ka_site.build.engine.stdlib_zip`), the Excel wheels' pins
(:mod:`~ka_site.build.engine.xlsx_pins`) and the early start from the ``<head>``
(:mod:`~ka_site.build.engine.engine_start`)."""
