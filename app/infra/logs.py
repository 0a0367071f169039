"""Logging set-up: named loggers per subsystem writing to a rotating file in the data folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app import __version__
from app.infra.paths import log_dir

LOG_FILE_NAME = "gongjian.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the `gongjian` loggers to a rotating file; return its path (None if unwritable)."""
    root = logging.getLogger("gongjian")
    root.setLevel(level)
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return Path(root.handlers[0].baseFilename)  # type: ignore[attr-defined]
    try:
        path = log_dir() / LOG_FILE_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        # A read-only data folder must not stop the program; it just runs without a log file.
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.info("攻坚台账 %s starting", __version__)
    return path
