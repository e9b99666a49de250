"""The Chinese text lint, ``python -m ka_site.commands.lint [--fix]``: the typography rules
(:mod:`~ka_site.commands.lint.lint_text`) over the sources and over the calculators' computed text
(:mod:`~ka_site.commands.lint.computed_text`)."""
