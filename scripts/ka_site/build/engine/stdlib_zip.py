"""The Python standard library as a reader's browser gets it.

Pyodide ships its standard library as ``python_stdlib.zip``: 2.5 MB, each file deflated on its
own, which the server cannot compress further. The site serves it repacked:

* **without the modules a page never runs**: debuggers, test runners, profilers, the REPL, mail
  and network protocols, and ``multiprocessing`` (a browser has no processes). ``LEFT_OUT``
  lists them; ``tests/test_stdlib_zip.py`` runs every calculator and both file readers and checks
  that none of them imports one;
* **stored, not deflated**, so the server's brotli (precompressed at build time) compresses the
  whole archive at once, across files: 1.25 MB on the wire instead of 2.55 MB.

On a phone's connection (Lighthouse's slow 4G) that is about 7 seconds less before the first
result. The repacked archive is part of the engine's version
(``ka_site.build.engine.engine_version``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: Top-level modules and packages of the standard library that no page runs.
LEFT_OUT = frozenset(
    {
        "__hello__.py", "__phello__",  # tests of the import system
        "_pyrepl", "pdb.py", "bdb.py",  # the interactive console and debugger
        "doctest.py", "unittest",  # test runners
        "pydoc.py",  # help()
        "profile.py", "cProfile.py", "pstats.py", "trace.py", "timeit.py",  # measuring code
        "tabnanny.py", "pyclbr.py", "pickletools.py", "zipapp.py",  # developer tools
        "multiprocessing",  # a browser has no processes
        "socketserver.py", "wsgiref", "xmlrpc",  # servers
        "imaplib.py", "smtplib.py", "poplib.py", "ftplib.py", "mailbox.py",  # mail and FTP
        "webbrowser.py", "pty.py", "tty.py",  # a desktop's browser and terminals
        "sqlite3",  # its C half is a separate Pyodide package, not loaded
        "this.py", "antigravity.py",  # jokes
    }
)  # fmt: skip


def is_left_out(name: str) -> bool:
    """Whether an entry of the archive (``unittest/case.py``) belongs to a left-out module."""
    return name.split("/", 1)[0] in LEFT_OUT


def repack_stdlib(source: Path, target: Path) -> None:
    """Write ``source`` (Pyodide's archive) to ``target``: the same files but the left-out ones,
    in the same order and with the same dates, each stored uncompressed."""
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(tmp, "w") as repacked:
        for entry in original.infolist():
            if is_left_out(entry.filename):
                continue
            copy = zipfile.ZipInfo(entry.filename, date_time=entry.date_time)
            copy.external_attr = entry.external_attr
            copy.compress_type = zipfile.ZIP_STORED
            repacked.writestr(copy, original.read(entry))
    tmp.replace(target)
