"""A piece of a file name made from text a clerk typed (a unit's name): legal on Windows too."""

from __future__ import annotations

import re

_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)


def file_name_part(text: str, limit: int = 60) -> str:
    """`text` with the characters no file name may hold replaced by "_", trimmed of the dots and
    spaces Windows drops at the end, shortened, and never a device name such as CON."""
    cleaned = _ILLEGAL.sub("_", text).strip().rstrip(". ")[:limit].rstrip(". ")
    if not cleaned or cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned
