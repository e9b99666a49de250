"""Build the playbook and serve the built files the way a real static host does.

``bash scripts/serve.sh`` runs this after setting everything up. What a reader's browser gets:

* brotli and gzip, compressed once at build time (:func:`precompress`), chosen per request by
  the browser's ``Accept-Encoding``;
* a year of immutable caching for versioned assets (the engine under ``assets/pyodide/<v>/`` and
  ``assets/wheels/<v>/``, the theme's hashed bundles), and revalidation for everything else
  (pages, the service worker), so a new build is seen at once;
* ``application/wasm`` for the runtime and ``text/javascript`` for ``.mjs`` modules;
* no live-reload script (that is ``mkdocs serve``, for authors);
* on every response, the security headers of :data:`SECURITY_HEADERS` (a Content-Security-Policy
  that runs no inline script, no framing, ``nosniff``, no referrer), added by one middleware
  around the whole app, so whatever the files fall through to (room mode's API) has them too;
  and no ``Access-Control-Allow-Origin``: no other site's page may read these files.

Serving is WhiteNoise (static files, precompressed variants, cache headers) behind Waitress (a
production WSGI server); neither is hand-written here. Other commands build on
:func:`build` and :func:`make_server` (e.g. serving on the local network for a training room).

Usage: ``python -m ka_site.commands.serve [HOST:PORT]`` (default ``$KA_ADDR`` or
``127.0.0.1:8000``).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from wsgiref.headers import Headers
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

import brotli
from waitress.server import create_server
from whitenoise import WhiteNoise

from ka_site.commands import up_to_date
from ka_site.paths import ROOT, USER_CACHE, language_of, language_prefix

if TYPE_CHECKING:
    from _typeshed import OptExcInfo

SITE = ROOT / "site"
#: Compressed copies by content hash (brotli 11 of the runtime takes ~55 s of one core).
COMPRESSED_CACHE = USER_CACHE / "compressed"
#: A copy no build has used for this long is dropped (each engine version leaves ~6 MB).
CACHE_KEPT_DAYS = 30
DEFAULT_ADDR = "127.0.0.1:8000"

#: Files worth compressing: text, the runtime's WebAssembly, and the archives the site stores
#: uncompressed for this (the standard library, the project's wheel).
COMPRESSIBLE = re.compile(
    r"\.(html|css|js|mjs|json|svg|xml|txt|map|webmanifest|wasm|zip|whl|csv|py)$", re.IGNORECASE
)
MIN_SIZE = 1024  # smaller files gain nothing worth a second request header's bytes
KEEP_IF_BELOW = 0.95  # keep a compressed copy only if it saves at least 5 %

#: Addresses whose content never changes: a new version gets a new address.
VERSIONED = re.compile(
    r"/assets/(pyodide|wheels)/[0-9a-f]{12}/"  # the engine (ka_site.build.engine.engine_version)
    r"|\.[0-9a-f]{8}\.min\.(js|css)$"  # the theme's bundles, named by their hash
    r"|/workbox-[0-9a-f]{8}\.js$"  # the service worker's library, named by its hash
)
MIME_TYPES = {
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/zip",
    ".gz": "application/gzip",
}


#: What the site's pages may load and run: only this host's files, no inline script, and
#: WebAssembly compiled from this host's runtime. Every directive is there for a reason:
#:
#: * ``script-src 'self' 'wasm-unsafe-eval'``: the theme's, the site's and Pyodide's scripts are
#:   files of this host; Pyodide compiles its WebAssembly (``WebAssembly.instantiate``), which a
#:   policy without ``'wasm-unsafe-eval'`` refuses. No ``'unsafe-inline'``, no ``'unsafe-eval'``.
#: * ``style-src 'self'``: stylesheets are files; no ``<style>`` element, no ``style`` attribute
#:   in any page (the scripts style through the DOM, which a policy does not restrict).
#: * ``img-src 'self' data:``: the theme's icons are ``data:`` SVGs in its stylesheet.
#: * ``worker-src``, ``connect-src``, ``manifest-src``: the calculators' worker, the search
#:   worker, the offline copy's service worker, the engine's files and the search index, all here.
#: * ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``: nothing to embed, no
#:   ``<base>`` from elsewhere, no form sent elsewhere.
#: * ``frame-ancestors 'none'``: no other page may frame the playbook (clickjacking).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

#: Sent with every response of the serve command (the README lists them for a company's host).
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),  # a file is only what its Content-Type says
    ("Referrer-Policy", "no-referrer"),  # a page's address is never sent to another site
    ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers that predate it
)


def parse_addr(addr: str) -> tuple[str, int]:
    """``host:port`` as the README's ``KA_ADDR`` gives it."""
    host, _, port = addr.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"KA_ADDR must look like 127.0.0.1:8000, not {addr!r}")
    return host, int(port)


# ------------------------------------------------------------------------------------ building


def build(
    site: Path = SITE, site_url: str = "http://127.0.0.1:8000/", *, room: bool = False
) -> float:
    """Build both languages for ``site_url`` into ``site``, precompressed; return the seconds.

    ``site_url`` must be the address readers use (port included): Material's instant navigation
    only handles pages under it. ``room``: the pages are those of room mode (``KA_ROOM``), which
    talk to the room service beside them.
    """
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KA_SITE_URL": site_url}
    env["KA_ROOM"] = "1" if room else ""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    precompress(site)
    return time.perf_counter() - started


@dataclass(frozen=True)
class Compressed:
    """What compressing one file gave: its size as built, and as brotli and gzip (0: not kept)."""

    path: Path
    size: int
    br: int
    gz: int


def _variants(data: bytes) -> dict[str, bytes]:
    """Brotli at its best quality and gzip at level 9; only those that save enough."""
    out = {
        "br": brotli.compress(data, quality=11),
        "gz": gzip.compress(data, compresslevel=9, mtime=0),
    }
    return {ext: blob for ext, blob in out.items() if len(blob) < len(data) * KEEP_IF_BELOW}


def _compress_one(path: Path, cache: Path) -> Compressed:
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    cached = {ext: cache / f"{key}.{ext}" for ext in ("br", "gz")}
    marker = cache / f"{key}.done"
    if marker.exists():
        variants = {ext: p.read_bytes() for ext, p in cached.items() if p.exists()}
        marker.touch()  # in use: kept
    else:
        variants = _variants(data)
        cache.mkdir(parents=True, exist_ok=True)
        for ext, blob in variants.items():  # whole, or not there (another build may read it)
            handle, part = tempfile.mkstemp(dir=cache, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            os.replace(part, cached[ext])
        marker.touch()
    for ext in ("br", "gz"):
        target = path.with_name(f"{path.name}.{ext}")
        if ext in variants:
            target.write_bytes(variants[ext])
        else:
            target.unlink(missing_ok=True)
    return Compressed(path, len(data), len(variants.get("br", b"")), len(variants.get("gz", b"")))


def compressible(site: Path) -> Iterable[Path]:
    """The built files worth a compressed copy."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and COMPRESSIBLE.search(path.name) and path.stat().st_size >= MIN_SIZE:
            yield path


def precompress(site: Path, cache: Path = COMPRESSED_CACHE) -> list[Compressed]:
    """Write ``file.br`` and ``file.gz`` beside every compressible file of the built site.

    Compressing the runtime at brotli's best quality takes tens of seconds, so each result is
    kept in the user's cache (``COMPRESSED_CACHE``) by the content's hash: a build compresses only
    what no earlier build of any checkout compressed. Copies unused for ``CACHE_KEPT_DAYS`` go.
    """
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        done = list(pool.map(lambda p: _compress_one(p, cache), compressible(site)))
    forget_unused(cache)
    return done


def forget_unused(cache: Path, days: int = CACHE_KEPT_DAYS) -> None:
    """Drop the compressed copies no build has used for ``days``."""
    oldest = time.time() - days * 86_400
    for marker in cache.glob("*.done"):
        if marker.stat().st_mtime < oldest:
            for ext in ("br", "gz", "done"):
                marker.with_suffix(f".{ext}").unlink(missing_ok=True)


# ------------------------------------------------------------------------------------ serving


def is_versioned(path: str, url: str) -> bool:
    """True for an address whose content never changes (cached for a year, immutable)."""
    return bool(VERSIONED.search(url))


def _revalidate(headers: Headers, path: str, url: str) -> None:
    """Pages, the service worker and other unversioned files: always ask the server first."""
    if not is_versioned(path, url):
        headers["Cache-Control"] = "no-cache"
    if url.endswith("/sw.js"):
        headers["Service-Worker-Allowed"] = "/"


def _not_found(site: Path) -> WSGIApplication:
    """A WSGI app for addresses that are not files: the site's own 404 page, in its language."""

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        page = site / language_prefix(language_of(path)) / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        start_response(
            "404 Not Found",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    return app


def with_security_headers(app: WSGIApplication) -> WSGIApplication:
    """``app`` with :data:`SECURITY_HEADERS` on every response it gives (a header ``app`` sets
    itself is kept: a part of the app may be stricter)."""

    def secured(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        def start(
            status: str, headers: list[tuple[str, str]], exc_info: OptExcInfo | None = None, /
        ) -> Callable[[bytes], object]:
            present = {name.lower() for name, _ in headers}
            headers = headers + [(n, v) for n, v in SECURITY_HEADERS if n.lower() not in present]
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return secured


def application(
    site: Path = SITE, fallback: Callable[[WSGIApplication], WSGIApplication] | None = None
) -> WSGIApplication:
    """The WSGI app serving the built ``site`` (built before this is called).

    An address that is not a file goes to the site's 404 page (in the address's language), or
    first to ``fallback(404 app)`` when one is given (room mode's API). Every response, whichever
    part gives it, carries :data:`SECURITY_HEADERS`.
    """
    not_found = _not_found(site)
    files = WhiteNoise(
        fallback(not_found) if fallback else not_found,
        root=str(site),
        index_file=True,
        max_age=0,
        mimetypes=MIME_TYPES,
        immutable_file_test=is_versioned,
        add_headers_function=_revalidate,
        allow_all_origins=False,  # WhiteNoise's default is Access-Control-Allow-Origin: *
    )
    return with_security_headers(files)


class Server(Protocol):
    """What the commands and the tests use of a Waitress server."""

    effective_port: int

    def run(self) -> None: ...

    def close(self) -> None: ...


def make_server(
    site: Path,
    host: str,
    port: int,
    fallback: Callable[[WSGIApplication], WSGIApplication] | None = None,
) -> Server:
    """A Waitress server for the built ``site`` on ``host:port``: ``.run()`` it, ``.close()`` it.

    Port 0 picks a free port (read it back from ``.effective_port``). ``fallback``: see
    :func:`application`.
    """
    server: Server = create_server(
        application(site, fallback), host=host, port=port, threads=8, ident="ka-playbook"
    )
    return server


def built_line(seconds: float | None) -> str:
    """How the site came to be served: built now, in so many seconds, or as it was built."""
    if seconds is None:
        return "Nothing changed since the last build: not built again."
    return f"Built in {seconds:.1f} s."


def announce_served(site: Path) -> Callable[[str, float | None], str]:
    """What the serve command prints once it serves: the addresses of both languages."""

    def announce(site_url: str, seconds: float | None) -> str:
        return (
            f"{built_line(seconds)} Serving {site} (brotli/gzip, cache headers):\n"
            f"  English  {site_url}\n  中文     {site_url}{language_prefix('zh')}\n"
            "Press Ctrl+C to stop."
        )

    return announce


def serve(
    host: str,
    port: int,
    site: Path = SITE,
    site_url: str | None = None,
    announce: Callable[[str, float | None], str] | None = None,
    fallback: Callable[[WSGIApplication], WSGIApplication] | None = None,
) -> None:
    """Build the site for its address (unless it is built already: :mod:`~ka_site.commands.
    up_to_date`), then serve it on ``host:port`` until interrupted; ``announce(site_url,
    build_seconds)`` is printed once it serves (``None``: not built again). Room mode passes its
    own announcement and its API as ``fallback`` (its pages are then built for the room)."""
    site_url = site_url or f"http://{host}:{port}/"
    room = fallback is not None
    made_from = up_to_date.fingerprint(site_url, room)
    seconds: float | None = None
    if up_to_date.is_current(site, made_from):
        print(f"The site in {site} is already built for {site_url} from these files.", flush=True)
    else:
        print(f"Building the site for {site_url} ...", flush=True)
        up_to_date.forget(site)
        seconds = build(site, site_url, room=room)
        up_to_date.remember(site, made_from)
    server = make_server(site, host, port, fallback)
    print((announce or announce_served(site))(site_url, seconds), flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def main(argv: list[str]) -> None:
    host, port = parse_addr(argv[0] if argv else os.environ.get("KA_ADDR") or DEFAULT_ADDR)
    serve(host, port)


if __name__ == "__main__":
    main(sys.argv[1:])
