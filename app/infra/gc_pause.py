"""Pause Python's cyclic garbage collector around work that makes many short-lived objects.

Reading a month's statistics or an import of 10,000 rows creates hundreds of thousands of
tuples, dicts and Decimals, none of them in reference cycles; with Qt and matplotlib loaded the
collector's full passes over the heap cost 30 % of that work (bench/statistics_page.py). Memory is
still freed by reference counting; the collector runs as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (and restore it as it was)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
