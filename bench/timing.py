"""The one stopwatch the benchmarks share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int, *, warm_up: bool = False) -> float:
    """Median milliseconds of `runs` calls of `fn` (optionally after one untimed call)."""
    if warm_up:
        fn()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)
