"""What the clerk is told once a database file has opened: a network share, the day's backup,
an upgrade of the file's structure."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from app.infra.errors import UserError
from ui.settings.keys import BACKUP_KEEP, Settings
from ui.shell.crash import show_user_error

if TYPE_CHECKING:
    from app.infra.database import Database

log = logging.getLogger("gongjian.ui.database")


def after_opening(parent: QWidget, settings: Settings, database: Database, quiet: bool) -> None:
    """Warn of a network share, take the daily backup if due, and say the file was upgraded."""
    if database.path is not None and not quiet:
        from db.location import is_network_path

        if is_network_path(database.path):
            QMessageBox.warning(
                parent,
                "数据库在网络共享上",
                "这个数据库位于网络共享文件夹中。SQLite 官方文档指出，"
                "网络文件系统的文件锁不可靠，多人同时使用可能损坏数据库。\n"
                "建议把数据库放在本机硬盘上，用“数据交换”与他人交换表格。",
            )
    if database.path is not None and not database.read_only:
        from app.infra.backups import daily_backup_if_due

        try:
            daily_backup_if_due(database.path, settings.get(BACKUP_KEEP))
        except UserError as exc:  # a full or read-only disk must not stop the day's work
            log.warning("daily backup of %s failed: %s", database.path, exc)
            if not quiet:
                show_user_error(parent, exc, "每日备份未能完成")
    if database.upgrade_backup is not None:
        QMessageBox.information(
            parent,
            "数据库已升级",
            f"数据库已升级到新版本的数据结构。升级前的副本保存在：\n{database.upgrade_backup}",
        )
