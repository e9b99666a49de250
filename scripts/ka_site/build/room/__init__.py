"""Room mode in the built pages: the join page with its QR code
(:mod:`~ka_site.build.room.room_join`), the room's data each page carries when the room command
builds it (:mod:`~ka_site.build.room.page`), and what a room does together, declared once
(:mod:`~ka_site.build.room.activities`; the room service, :mod:`ka_site.commands.room`, reads it
too)."""
