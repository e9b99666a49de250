"""Every heading's link named in the page's language.

Python-Markdown's table of contents titles the link beside each heading with one configured
string for the whole site (``permalink_title``, "Permanent link"), so a Chinese page would carry
it in English beside every heading. After a page is rendered, its heading links take the title
of the site's words in the page's language (``permalink`` in ``ui/<lang>.toml``, ``[theme]``).
"""

from __future__ import annotations

import re

from ka_site import ui_text
from ka_site.pages import Lang

#: The title the table-of-contents extension gives every heading link (its default).
DEFAULT_TITLE = "Permanent link"
_HEADERLINK = re.compile(r'(<a class="headerlink" href="[^"]*" title=")' + DEFAULT_TITLE + '"')


def name_permalinks(html: str, lang: Lang) -> str:
    """``html`` with each heading link titled in ``lang``."""
    title = ui_text.words("theme", lang)["permalink"]
    if title == DEFAULT_TITLE:
        return html
    return _HEADERLINK.sub(lambda m: m.group(1) + title + '"', html)
