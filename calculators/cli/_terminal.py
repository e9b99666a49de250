"""Text for a terminal: widths that count a Chinese character as two columns, tables folded
to the terminal's width. Pure functions; the command line decides the width."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

#: A column is never folded narrower than this.
MIN_COLUMN = 6
GAP = "  "
#: Punctuation a Chinese line never starts with.
NO_LINE_START = frozenset("。,、;:?!)」』》”’")


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` terminal columns."""
    return text + " " * max(0, columns - width(text))


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` terminal columns, broken at spaces if it can."""
    columns = max(columns, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, line_width = "", 0
        for word in _words(paragraph):
            w = width(word)
            if line_width + w <= columns:
                line, line_width = line + word, line_width + w
                continue
            if word in NO_LINE_START and len(line) > 1:  # 。never starts a line: take a char along
                line, word = line[:-1], line[-1] + word
                w = width(word)
            if line.strip():
                lines.append(line.rstrip())
            word = word.lstrip()
            while width(word) > columns:  # a word longer than a line: cut it
                head, word = _cut(word, columns)
                lines.append(head)
            line, line_width = word, width(word)
        lines.append(line.rstrip())
    return lines


def _words(text: str) -> list[str]:
    """Words with their leading space; each wide character is a word of its own."""
    words: list[str] = []
    current = ""
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        if char == " " or wide:
            if current:
                words.append(current)
            current = char
            if wide:
                words.append(current)
                current = ""
        else:
            current += char
    if current:
        words.append(current)
    return words


def _cut(word: str, columns: int) -> tuple[str, str]:
    taken, used = "", 0
    for index, char in enumerate(word):
        w = width(char)
        if used + w > columns:
            return taken, word[index:]
        taken, used = taken + char, used + w
    return taken, ""


def fit(widths: Sequence[int], available: int) -> list[int]:
    """Column widths that fit ``available`` columns, narrowing the widest first."""
    fitted = list(widths)
    budget = available - len(GAP) * (len(fitted) - 1)
    while sum(fitted) > budget:
        widest = max(range(len(fitted)), key=lambda i: fitted[i])
        if fitted[widest] <= MIN_COLUMN:
            break
        fitted[widest] -= 1
    return fitted


def table(rows: Sequence[Sequence[str]], available: int, indent: str = "  ") -> list[str]:
    """Rows (the first is the header) aligned in columns and folded to ``available`` columns."""
    if not rows:
        return []
    natural = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    widths = fit(natural, available - len(indent))
    if sum(widths) + len(GAP) * (len(widths) - 1) > available - len(indent):
        return records(rows, available, indent)
    lines: list[str] = []
    for number, row in enumerate(rows):
        cells = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for k in range(max(len(c) for c in cells)):
            parts = [pad(c[k] if k < len(c) else "", w) for c, w in zip(cells, widths, strict=True)]
            lines.append((indent + GAP.join(parts)).rstrip())
        if number == 0:
            lines.append(indent + GAP.join("-" * w for w in widths))
    return lines


def records(rows: Sequence[Sequence[str]], available: int, indent: str = "  ") -> list[str]:
    """Rows too wide for the terminal even folded: one block per row, one line per column."""
    header, body = rows[0], rows[1:]
    label_width = min(max(width(h) for h in header), available // 3)
    lines: list[str] = []
    for number, row in enumerate(body, start=1):
        lines.append(f"{indent}#{number}")
        for label, cell in zip(header, row, strict=True):
            head = wrap(label, label_width)
            value = wrap(cell, max(available - len(indent) - label_width - 4, 8))
            for k in range(max(len(head), len(value))):
                left = pad(head[k] if k < len(head) else "", label_width)
                lines.append(f"{indent}  {left}  {value[k] if k < len(value) else ''}".rstrip())
    return lines
