"""Folders written into: made when missing (with their parents), or a Chinese reason why not."""

from __future__ import annotations

from pathlib import Path

from app.infra.errors import UserError, os_reason


def ensure_folder(folder: Path) -> Path:
    """`folder`, created with any missing parents; UserError when it cannot be."""
    if folder.is_dir():
        return folder
    if folder.exists():
        raise UserError(f"「{folder}」是一个文件，不是文件夹，无法在其中保存。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"无法创建文件夹「{folder}」：{os_reason(exc)}") from exc
    return folder


def ensure_parent(path: Path) -> Path:
    """`path`, after creating the folder it goes into."""
    ensure_folder(path.parent)
    return path
