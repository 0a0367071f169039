"""A template step as edited in 设置 (plain data, so the window loads without the ORM)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(eq=False)  # rows are told apart by identity: two may be alike while edited
class StepRow:
    """One step as edited."""

    name: str
    duration: int
    kind: str | None = None
