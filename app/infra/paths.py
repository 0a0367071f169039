"""Where the program keeps its data: per-user folder, or beside the program in portable mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "gongjian"
# A file of this name beside the executable switches to portable mode (offices carry the
# program on USB sticks and want the data to travel with it).
PORTABLE_MARKER = "gongjian-portable.txt"
DEFAULT_DATABASE_NAME = "攻坚台账.db"
DEMO_DATABASE_NAME = "示例数据.db"


def program_dir() -> Path:
    """Folder of the executable in a bundle, or of the source tree when run from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def is_portable() -> bool:
    """True when the portable-mode marker sits beside the program."""
    return (program_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """The data folder (created if missing): $GONGJIAN_DATA_DIR, portable, or per-user."""
    override = os.environ.get("GONGJIAN_DATA_DIR")
    if override:
        folder = Path(override)
    elif is_portable():
        folder = program_dir() / "data"
    else:
        folder = _per_user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _per_user_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_database() -> Path:
    """The database opened when the clerk has not chosen one."""
    return data_dir() / DEFAULT_DATABASE_NAME


def demo_database() -> Path:
    """The file the 载入示例数据 menu entry builds into (never the clerk's own database)."""
    return data_dir() / DEMO_DATABASE_NAME


def log_dir() -> Path:
    """Folder of the rotating log files."""
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
