"""A restarted serve command serves the site it built, unless something it was built from changed
(``ka_site.commands.up_to_date``): a trainer whose laptop slept does not wait for a rebuild."""

from __future__ import annotations

import shutil

import pytest

from ka_site.commands import up_to_date

URL = "http://192.168.1.20:8000/"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A small project (one page, one engine file) and a site built from it, records kept apart."""
    monkeypatch.setattr(up_to_date, "RECORDS", tmp_path / "records")
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Key accounts\n", "utf-8")
    (root / "calculators").mkdir()
    (root / "calculators" / "screening.py").write_text("KEY_PROSPECT = 20\n", "utf-8")
    (root / "mkdocs.yml").write_text("site_name: KA\n", "utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>Key accounts</h1>", "utf-8")
    return root, site


def test_a_site_built_from_the_same_files_for_the_same_address_is_served_again(project):
    root, site = project
    made_from = up_to_date.fingerprint(URL, room=True, root=root)
    assert not up_to_date.is_current(site, made_from), "never built: build it"
    up_to_date.remember(site, made_from)
    assert up_to_date.is_current(site, up_to_date.fingerprint(URL, room=True, root=root))
    assert not any(p.suffix == ".json" for p in site.rglob("*")), "nothing of ours is served"


def test_an_edited_page_or_model_is_built_again(project):
    root, site = project
    up_to_date.remember(site, up_to_date.fingerprint(URL, room=True, root=root))
    (root / "calculators" / "screening.py").write_text("KEY_PROSPECT = 18\n", "utf-8")
    assert not up_to_date.is_current(site, up_to_date.fingerprint(URL, room=True, root=root))


def test_python_caches_change_nothing(project):
    root, _site = project
    made_from = up_to_date.fingerprint(URL, room=True, root=root)
    (root / "calculators" / "__pycache__").mkdir()
    (root / "calculators" / "__pycache__" / "screening.cpython-311.pyc").write_bytes(b"\0")
    assert up_to_date.fingerprint(URL, room=True, root=root) == made_from


def test_another_address_or_mode_is_built_again(project):
    """Instant navigation and the join page's QR codes hold the address the site was built for."""
    root, site = project
    up_to_date.remember(site, up_to_date.fingerprint(URL, room=True, root=root))
    other_address = up_to_date.fingerprint("http://10.0.0.5:8000/", room=True, root=root)
    not_the_room = up_to_date.fingerprint(URL, room=False, root=root)
    assert not up_to_date.is_current(site, other_address)
    assert not up_to_date.is_current(site, not_the_room)


def test_a_site_changed_or_emptied_since_its_build_is_built_again(project):
    root, site = project
    made_from = up_to_date.fingerprint(URL, room=True, root=root)
    up_to_date.remember(site, made_from)
    (site / "index.html").write_text("<h1>edited by hand</h1>", "utf-8")
    assert not up_to_date.is_current(site, made_from)
    up_to_date.remember(site, made_from)
    shutil.rmtree(site)
    site.mkdir()
    assert not up_to_date.is_current(site, made_from)


def test_a_build_that_stops_halfway_is_nobodys(project):
    root, site = project
    made_from = up_to_date.fingerprint(URL, room=True, root=root)
    up_to_date.remember(site, made_from)
    up_to_date.forget(site)  # a build begins (and, say, is interrupted)
    assert not up_to_date.is_current(site, made_from)
