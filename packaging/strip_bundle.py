"""Strip debug symbols from a built one-folder bundle's shared libraries (Linux), safely.

PyInstaller's own `strip=True` strips everything, and corrupts auditwheel-repaired libraries such
as numpy's OpenBLAS ("ELF load command address/offset not page-aligned"). Here the vendored
`*.libs` folders are left alone. Used by build.spec and by bench/bundle/minimal.spec alike.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def strip_bundle(folder: Path) -> int:
    """Strip every unstripped shared library under `folder` except vendored ones; bytes saved."""
    strip = shutil.which("strip")
    if strip is None:
        return 0
    saved = 0
    for path in folder.rglob("*.so*"):
        if not path.is_file() or path.is_symlink():
            continue
        if any(part.endswith(".libs") for part in path.relative_to(folder).parts):
            continue  # auditwheel-repaired: stripping breaks their layout
        before = path.stat().st_size
        result = subprocess.run([strip, "--strip-unneeded", str(path)], capture_output=True)
        if result.returncode == 0:
            saved += before - path.stat().st_size
    return saved
