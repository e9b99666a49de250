"""The serve command's security headers, on the WSGI app itself (no server, no build): every
response carries them, whatever part of the app answers, and no other site may read a file."""

from __future__ import annotations

from pathlib import Path
from wsgiref.util import setup_testing_defaults

from ka_site.commands import serve


def call(app, path: str) -> tuple[str, dict[str, str], bytes]:
    environ: dict = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    environ["HTTP_ORIGIN"] = "https://elsewhere.example"
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers
        return lambda data: None

    body = b"".join(app(environ, start_response))
    names = [name.lower() for name, _ in answer["headers"]]
    assert len(names) == len(set(names)), f"a header sent twice: {answer['headers']}"
    return answer["status"], {n.lower(): v for n, v in answer["headers"]}, body


def a_site(tmp_path: Path) -> Path:
    (tmp_path / "zh").mkdir()
    (tmp_path / "index.html").write_text("<html lang='en'><h1>Home</h1></html>", "utf-8")
    (tmp_path / "404.html").write_text("<html lang='en'><h1>Page not found</h1></html>", "utf-8")
    (tmp_path / "zh" / "404.html").write_text(
        "<html lang='zh'><h1>找不到这个页面</h1></html>", "utf-8"
    )
    return tmp_path


def assert_secured(headers: dict[str, str]) -> None:
    policy = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in headers


def test_a_page_and_a_missing_page_carry_the_security_headers(tmp_path):
    app = serve.application(a_site(tmp_path))
    status, headers, _ = call(app, "/")
    assert status.startswith("200")
    assert_secured(headers)
    status, headers, body = call(app, "/no-such-page/")
    assert status.startswith("404")
    assert_secured(headers)
    assert "Page not found" in body.decode()


def test_a_missing_chinese_page_answers_the_chinese_page_not_found(tmp_path):
    status, headers, body = call(serve.application(a_site(tmp_path)), "/zh/no-such-page/")
    assert status.startswith("404")
    assert "找不到这个页面" in body.decode()
    assert_secured(headers)


def test_what_the_files_fall_through_to_carries_the_headers_too(tmp_path):
    """Room mode's API answers what is no file; the headers wrap the whole app, it included."""

    def room(not_found):
        def api(environ, start_response):
            if not environ["PATH_INFO"].startswith("/room/api/"):
                return not_found(environ, start_response)
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b'{"room": "open"}']

        return api

    app = serve.application(a_site(tmp_path), room)
    status, headers, body = call(app, "/room/api/state")
    assert (status, body) == ("200 OK", b'{"room": "open"}')
    assert_secured(headers)
    status, _, _ = call(app, "/")
    assert status.startswith("200")  # the files still come first
    status, headers, body = call(app, "/zh/no-such-page/")  # then the API, then the 404 page
    assert status.startswith("404") and "找不到这个页面" in body.decode()
    assert_secured(headers)


def test_a_stricter_header_of_a_part_of_the_app_is_kept(tmp_path):
    def api(environ, start_response):
        start_response("200 OK", [("Content-Security-Policy", "default-src 'none'")])
        return [b"{}"]

    _, headers, _ = call(serve.application(a_site(tmp_path), lambda _: api), "/room/api/state")
    assert headers["content-security-policy"] == "default-src 'none'"
    assert headers["x-content-type-options"] == "nosniff"
