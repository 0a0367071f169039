"""Locates bundled resources both from source and inside a PyInstaller bundle (sys._MEIPASS)."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Absolute path of a file under resources/, wherever the program runs from."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    base = Path(bundle_root) / "resources" if bundle_root else Path(__file__).resolve().parent
    return base.joinpath(*parts)
