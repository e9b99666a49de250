"""``python -m ka_site.commands.room``: room mode's command
(:mod:`ka_site.commands.room.command`)."""

import sys

from ka_site.commands.room.command import main

main(sys.argv[1:])
