"""``python -m ka_site.room``: room mode's command (:mod:`ka_site.room.command`)."""

import sys

from ka_site.room.command import main

main(sys.argv[1:])
