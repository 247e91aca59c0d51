"""Terminal display width of text (CJK characters take two columns) and aligned tables."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns a text takes on a terminal: wide and full-width characters count two.

    Args:
        text: one line of text.

    Returns:
        The width in columns.
    """
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def truncate(text: str, columns: int) -> str:
    """Cut a text to at most ``columns`` display columns, marking the cut with …."""
    if display_width(text) <= columns:
        return text
    out: list[str] = []
    used = 0
    for char in text:
        char_width = display_width(char)
        if used + char_width > columns - 1:
            break
        out.append(char)
        used += char_width
    return "".join(out) + "…"


def pad(text: str, columns: int) -> str:
    """Pad a text with spaces to ``columns`` display columns."""
    return text + " " * max(0, columns - display_width(text))


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, max_column: int = 60
) -> str:
    """Lay rows out in aligned columns that respect Chinese character width.

    Args:
        headers: column titles.
        rows: cells as strings.
        max_column: a wider cell is truncated.

    Returns:
        The table, lines joined with newlines (no trailing newline).
    """
    cells = [[truncate(str(cell), max_column) for cell in row] for row in rows]
    widths = [display_width(header) for header in headers]
    for row in cells:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], display_width(cell))
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines)
