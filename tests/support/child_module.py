"""Start a module of this checkout in a child Python, as `python -m` would from the checkout."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# `python -m tests.support.x` finds the module through the working folder, which Windows'
# embeddable Python (CI's Windows lane) leaves off sys.path, as it ignores PYTHONPATH: the child
# puts the checkout on its path itself.
_RUN = (
    "import runpy, sys; root, name = sys.argv[1], sys.argv[2]; sys.path.insert(0, root); "
    "del sys.argv[1:3]; runpy.run_module(name, run_name='__main__', alter_sys=True)"
)


def module_command(module: str, *args: str) -> list[str]:
    """The command line running `module` with `args` in this interpreter."""
    return [sys.executable, "-c", _RUN, str(ROOT), module, *args]
