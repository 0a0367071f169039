"""Open and save dialogs that start where the clerk last was, else in 文档 (made when missing).

Qt's static dialogs start in the program's working folder when given none: on Windows that is the
program's own folder, where nobody keeps tables. Every file dialog of the window goes through here,
so the next one opens in the folder the last one chose.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.infra.errors import UserError
from app.infra.output_folder import ensure_folder
from ui.settings.keys import LAST_FOLDER, Settings


def documents_folder() -> Path:
    """The user's 文档 folder, made when missing (a fresh profile may lack it); else home."""
    located = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(located) if located else Path.home()
    try:
        return ensure_folder(folder)
    except UserError:
        return Path.home()


def start_folder(settings: Settings) -> Path:
    """The folder the last dialog chose, while it exists; else 文档."""
    last = settings.get(LAST_FOLDER)
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(settings: Settings, chosen: Path) -> None:
    """Start the next dialog where this one ended (the file's folder, or the folder itself)."""
    folder = chosen if chosen.is_dir() else chosen.parent
    settings.set(LAST_FOLDER, str(folder))


def save_file(
    parent: QWidget | None,
    settings: Settings,
    title: str,
    suggested_name: str,
    filters: str,
    *,
    suffix: str | None = None,
    options: QFileDialog.Option | None = None,
) -> Path | None:
    """A file name to save under (with `suffix` added when the clerk left it off), or None."""
    start = str(start_folder(settings) / suggested_name)
    if options is None:
        name, _filter = QFileDialog.getSaveFileName(parent, title, start, filters)
    else:
        name, _filter = QFileDialog.getSaveFileName(parent, title, start, filters, options=options)
    if not name:
        return None
    path = Path(name)
    if suffix and path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    remember(settings, path)
    return path


def open_file(parent: QWidget | None, settings: Settings, title: str, filters: str) -> Path | None:
    """One file to open, or None."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder(settings)), filters)
    if not name:
        return None
    remember(settings, Path(name))
    return Path(name)


def open_files(parent: QWidget | None, settings: Settings, title: str, filters: str) -> list[Path]:
    """Files to open (none when cancelled)."""
    names, _filter = QFileDialog.getOpenFileNames(
        parent, title, str(start_folder(settings)), filters
    )
    paths = [Path(n) for n in names]
    if paths:
        remember(settings, paths[0])
    return paths


def choose_folder(parent: QWidget | None, settings: Settings, title: str) -> Path | None:
    """A folder to write into, or None."""
    name = QFileDialog.getExistingDirectory(parent, title, str(start_folder(settings)))
    if not name:
        return None
    settings.set(LAST_FOLDER, name)
    return Path(name)
