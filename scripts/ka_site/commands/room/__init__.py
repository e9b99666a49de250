"""Room mode's service: the playbook served from the trainer's laptop to a training room, with
the room service beside it.

* :mod:`ka_site.commands.room.command`: the command (``bash scripts/serve.sh --room``, run as
  ``python -m ka_site.commands.room``): build the room's pages, serve them and the API, print
  addresses;
* :mod:`ka_site.commands.room.store`: the room's state in SQLite;
* :mod:`ka_site.commands.room.api`: the HTTP API (WSGI) beside the static site;
* :mod:`ka_site.commands.room.limits`: sizes and rates checked before any work;
* :mod:`ka_site.commands.room.join_codes`: each activity's link and QR code for the join page;
* :mod:`ka_site.commands.room.export`: the whole room as one workbook.

What a room does together is declared once with the room's pages, in the build
(:mod:`ka_site.build.room.activities`); the room's pages are built by the same plugin as every
page (:mod:`ka_site.build.room`).
"""
