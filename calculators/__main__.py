"""Run the command line (``calculators/cli``) as ``python -m calculators``; not in the wheel."""

import sys

from .cli.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
