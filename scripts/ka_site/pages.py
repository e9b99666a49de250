"""What the site's code needs to know of a page: where it comes from and where it is served.

The adapter (:mod:`ka_site.plugin`) makes one :class:`PageRef` from MkDocs' page object, so the
functions that render a page's widgets never touch a generator's internals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "zh"]
#: Every language the playbook is written in, English first (the default).
LANGUAGES: tuple[Lang, ...] = ("en", "zh")


@dataclass(frozen=True)
class PageRef:
    """A built page: its source file (``developing/needs.zh.md``) and its address
    relative to the site's root (``zh/developing/needs/``)."""

    src_uri: str
    url: str

    @property
    def lang(self) -> Lang:
        """The page's language from its file name: ``x.zh.md`` is Chinese, anything else English."""
        return "zh" if self.src_uri.endswith(".zh.md") else "en"

    @property
    def root(self) -> str:
        """The relative path from the page to the site's root ('' for the English home page)."""
        return "../" * self.url.count("/")


class SiteBuildError(Exception):
    """A build step cannot go on; the message names what to fix or run (shown by the build)."""
