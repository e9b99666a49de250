"""The source decks, named for the reader: a human title in both languages, never a file name.

A calculator's ``source`` is the file name of the deck it was built from (under the project's
shared sources); pages and widgets cite the deck by the title below.
"""

from __future__ import annotations

from calculators.core import Text

#: Deck file -> its title as a reader would cite it.
SOURCE_TITLES: dict[str, Text] = {
    "key-account-development-techniques.txt": Text(
        "《大客户开发与管理技巧》课件",
        "the “Key-account development and management techniques” course deck",
    ),
    "key-account-sales-process.txt": Text(
        "《大客户销售流程管理》课件",
        "the “Managing the key-account sales process” course deck",
    ),
    "key-account-management.txt": Text(
        "《关键客户管理》课件",
        "the “Key-account management” course deck",
    ),
    "raising-customer-value.txt": Text(
        "《提升客户价值》课件",
        "the “Raising customer value” course deck",
    ),
    "developing-enterprise-customers.txt": Text(
        "《成功开发管理企业客户》一文",
        "the article “Developing and managing enterprise customers”",
    ),
}


def source_title(source: str) -> Text:
    """The title a reader sees for the deck file ``source``."""
    return SOURCE_TITLES[source]
