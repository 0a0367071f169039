"""Search over names, codes and owners that also matches pinyin initials (kgsq → 空港三期…)."""

from __future__ import annotations

import importlib.util
import json
import sys
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """Full-width to half-width, lower case, no spaces: how both sides are compared."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


@lru_cache(maxsize=1)
def _readings() -> dict[int, str]:
    """pypinyin's character dictionary (code point → "reading,reading"), read from its JSON file.

    Not `import pypinyin.pinyin_dict`: importing the package also loads its 2.5 MB phrase
    dictionary, which these tables never use (and the bundle leaves out).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        folder = Path(bundle) / "pypinyin"
    else:
        spec = importlib.util.find_spec("pypinyin")  # finds the package without running it
        assert spec is not None and spec.submodule_search_locations is not None
        folder = Path(next(iter(spec.submodule_search_locations)))
    raw = json.loads((folder / "pinyin_dict.json").read_text(encoding="utf-8"))
    return {int(code): readings for code, readings in raw.items()}


@lru_cache(maxsize=1)
def _initial_table() -> dict[int, str]:
    """Character → initial of its first (most common) reading, from pypinyin's dictionary.

    Built once (~0.3 s, only at the first Latin search). `str.translate` with it is about a
    hundred times faster than pypinyin's phrase-aware conversion (20,000 texts: 49 ms against
    5 s), which would freeze the window at the first keystroke of a search over a large ledger.
    The price: a polyphonic character always takes its first reading (行 → x, not h in 银行).
    """
    table = {}
    for code, readings in _readings().items():
        first = unicodedata.normalize("NFKD", readings.split(",")[0])[:1].lower()
        if first.isascii() and first.isalpha():
            table[code] = first
    return table


@lru_cache(maxsize=200_000)
def initials(text: str) -> str:
    """Pinyin initials of the Chinese characters in `text` (other characters kept as they are)."""
    return normalise(text).translate(_initial_table())


def matcher(query: str) -> Callable[[tuple[str, ...]], bool]:
    """`matches` with the query prepared once: for filtering many rows per keystroke."""
    wanted = normalise(query)
    if not wanted:
        return lambda _texts: True
    if wanted.isascii() and wanted.isalnum():
        return lambda texts: wanted in _full_key(texts)
    return lambda texts: wanted in _plain_key(texts)


@lru_cache(maxsize=200_000)
def _plain_key(texts: tuple[str, ...]) -> str:
    return "\x00".join(normalise(text) for text in texts)


@lru_cache(maxsize=200_000)
def _full_key(texts: tuple[str, ...]) -> str:
    """The texts and their initials in one string: one lookup per row for a Latin query."""
    return _plain_key(texts) + "\x01" + "\x00".join(initials(text) for text in texts)


def prepare(texts: tuple[str, ...]) -> None:
    """Work out (and cache) the search key of `texts` ahead of the first search."""
    _full_key(texts)


def matches(query: str, texts: tuple[str, ...]) -> bool:
    """True when the query occurs in one of the texts, or in its pinyin initials.

    Initials are only worked out for a query of Latin letters and digits that the plain text
    does not contain, so typing Chinese never loads the pinyin dictionaries.
    """
    wanted = normalise(query)
    if not wanted:
        return True
    plain = [normalise(text) for text in texts]
    if any(wanted in text for text in plain):
        return True
    if not (wanted.isascii() and wanted.isalnum()):
        return False
    return any(wanted in initials(text) for text in plain)


@lru_cache(maxsize=1)
def _syllable_table() -> dict[int, str]:
    """Character → its first reading without tone marks, then a space (for sorting)."""
    table = {}
    for code, readings in _readings().items():
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", readings.split(",")[0]) if c.isascii()
        )
        if plain.isalpha():
            table[code] = plain.lower() + " "
    return table


@lru_cache(maxsize=200_000)
def pinyin_order(text: str) -> str:
    """Sort key that puts Chinese text in pinyin order (拼音排序), as clerks expect of a list.

    Code-point order puts 空港 after 综保区; readings put 航 (hang) before 空 (kong) before
    综 (zong). Same first-reading trade-off as `initials`.
    """
    return normalise(text).translate(_syllable_table())
