"""Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA (reading and writing workbooks alike)."""

from __future__ import annotations


def column_letter(index: int) -> str:
    """The letters of the 0-based column `index`."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name
