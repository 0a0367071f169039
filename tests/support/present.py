"""`present(x)`: the value, asserting it is there (a None would fail the test, not type-check)."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None) -> T:
    """`value`, which the test expects to be set."""
    assert value is not None
    return value
