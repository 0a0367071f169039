"""Command output that never fails on a character, whatever the code page, in every launcher.

Python writes to a pipe or file in the system's ANSI code page (cp1252 on an English Windows):
Chinese text then raised UnicodeEncodeError on the first line, and a PyInstaller bundle ignores
PYTHONUTF8 and PYTHONIOENCODING. So the entry point switches its own streams: UTF-8 into pipes
and files (what Python itself will default to, PEP 686), and on a console the console's
encoding (UTF-16 through the console API on Windows) with escapes for what it cannot show.
"""

from __future__ import annotations

import io
import sys


def use_safe_output() -> None:
    """Reconfigure stdout and stderr before anything is printed."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue  # None under the windowed launcher (gongjianw.exe); a test's capture
        if stream.isatty():
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
