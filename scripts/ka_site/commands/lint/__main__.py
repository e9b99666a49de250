"""``python -m ka_site.commands.lint [--fix]``: the Chinese text lint
(:mod:`ka_site.commands.lint.lint_text`)."""

import sys

from ka_site.commands.lint.lint_text import main

sys.exit(main())
