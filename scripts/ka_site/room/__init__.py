"""Room mode: the playbook served from the trainer's laptop to a training room, with the room
service beside it.

* :mod:`ka_site.room.command`: the command (``bash scripts/serve.sh --room``, run as
  ``python -m ka_site.room``): build the room's pages, serve them and the API, print addresses;
* :mod:`ka_site.room.activities`: what a room does together (declared once);
* :mod:`ka_site.room.store`: the room's state in SQLite;
* :mod:`ka_site.room.api`: the HTTP API (WSGI) beside the static site;
* :mod:`ka_site.room.limits`: sizes and rates checked before any work;
* :mod:`ka_site.room.join_codes`: each activity's link and QR code for the join page;
* :mod:`ka_site.room.export`: the whole room as one workbook.
"""
