"""The command line over the calculators (``python -m calculators``): arguments, help, keys.

Only the command line uses it; the browser's wheel leaves it out
(``ka_site.build.engine.build_wheel``).
"""
