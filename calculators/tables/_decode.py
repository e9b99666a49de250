"""Bytes of a text table as text: which encoding and which delimiter a file really uses.

What reps bring: UTF-8 with or without a BOM (most CRMs, Excel's "CSV UTF-8"), GBK/GB18030
(Excel's plain "CSV" on Chinese Windows), UTF-16 (Excel's "Unicode text", tab-separated); with
a comma, a semicolon (Excel where the comma is the decimal mark) or a tab between cells.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from ..core import InputError

DELIMITERS = {",": ("逗号", "comma"), ";": ("分号", "semicolon"), "\t": ("制表符", "tab")}


@dataclass(frozen=True)
class Decoded:
    """A file's text and the encoding it was read in (as shown to the reader)."""

    text: str
    encoding: str


def decode(data: bytes, field: str) -> Decoded:
    """The text of ``data``: BOM first, then strict UTF-8, UTF-16 without BOM, then GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8", "strict"), "UTF-8 (BOM)")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom) :], codec, field), "UTF-16")
    try:
        return Decoded(data.decode("utf-8", "strict"), "UTF-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):  # ASCII in UTF-16: every other 0
        codec = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return Decoded(_strict(data, codec, field), "UTF-16")
    try:
        return Decoded(data.decode("gb18030", "strict"), "GBK/GB18030")
    except UnicodeDecodeError:
        raise InputError(
            field,
            "读不出这个文件的文字：它既不是 UTF-8，也不是 GBK 或 UTF-16。"
            "请在 Excel 里另存为「CSV UTF-8」或「Excel 工作簿（.xlsx）」。",
            "Cannot read this file's text: it is neither UTF-8 nor GBK nor UTF-16. Save it "
            "from Excel as 'CSV UTF-8' or as an Excel workbook (.xlsx).",
        ) from None


def _strict(data: bytes, codec: str, field: str) -> str:
    try:
        return data.decode(codec, "strict")
    except UnicodeDecodeError:
        raise InputError(
            field,
            "这个文件看起来是 UTF-16，但里面有无法读出的字节。",
            "This file looks like UTF-16 but holds bytes that cannot be read as such.",
        ) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header into most cells, consistently over the first rows.

    A file with a single column has no delimiter to find: a comma then.
    """
    lines = text.splitlines()[:50]
    best, best_score = ",", (1, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        steady = sum(1 for r in rows[1:] if len(r) == width)
        score = (width, steady)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best
