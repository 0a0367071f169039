"""What the machine a test runs on cannot show: wine standing in for Windows."""

from __future__ import annotations

import sys


def under_wine() -> bool:
    """True when this Windows Python runs under wine (CI's Windows lane), not on Windows itself."""
    if sys.platform != "win32":
        return False
    import ctypes

    ntdll = ctypes.WinDLL("ntdll")
    return hasattr(ntdll, "wine_get_version")
