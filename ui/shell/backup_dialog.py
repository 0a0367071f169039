"""备份与恢复: the database's backups (when, size, why), a backup now, and restore after checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.backups import BackupInfo, backup_folder
from app.infra.errors import UserError
from app.infra.progress import Progress
from app.values.date_format import iso_second
from ui.settings.keys import BACKUP_KEEP, Settings
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.operation import LongOperation, file_operation
from ui.shell.toolbar import add_button
from ui.widgets.file_dialogs import open_file
from ui.widgets.rows_model import Column, RowsModel


class BackupDialog(QDialog):
    """Backups of one database file; `restore_into` closes, replaces and reopens the database."""

    def __init__(
        self,
        database: Path,
        settings: Settings,
        bus: ChangeBus,
        restore_into: Callable[[Path], LongOperation[Path] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("备份与恢复")
        self._database = database
        self._settings = settings
        self._restore_into = restore_into
        self._bus = bus
        self.running: LongOperation[Path] | None = None  # a backup or restore under way
        self.model: RowsModel[BackupInfo] = RowsModel(
            [
                Column("时间", lambda b: iso_second(b.at), centred=True),
                Column("原因", lambda b: b.trigger, centred=True),
                Column("大小", lambda b: f"{b.size / 1024 / 1024:.1f} MB", centred=True),
                Column("文件", lambda b: b.path.name),
            ]
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((150, 100, 80)):
            self.view.setColumnWidth(column, width)
        where = QLabel(f"备份保存在：{backup_folder(database)}")
        where.setWordWrap(True)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel("自动备份保留最近"))
        self.keep = QSpinBox()
        self.keep.setRange(3, 365)
        self.keep.setValue(settings.get(BACKUP_KEEP))
        self.keep.setSuffix(" 份")
        keep_row.addWidget(self.keep)
        keep_row.addStretch(1)
        buttons = QHBoxLayout()
        self.backup_button = add_button(buttons, "立即备份")
        self.restore_button = add_button(buttons, "用选中的备份恢复…")
        self.restore_file_button = add_button(buttons, "从其他文件恢复…")
        buttons.addStretch(1)
        close = add_button(buttons, "关闭")
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.view, 1)
        layout.addLayout(keep_row)
        layout.addLayout(buttons)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(lambda: self.restore(None))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.keep.valueChanged.connect(lambda n: settings.set(BACKUP_KEEP, n))
        close.clicked.connect(self.accept)
        self.resize(720, 460)
        self.reload()

    def reload(self) -> None:
        """List the backups again."""
        from app.infra.backups import list_backups

        self.model.set_rows(list_backups(self._database))
        if self.model.rows:
            self.view.selectRow(0)

    def backup_now(self) -> None:
        """立即备份, then rotate to the kept number."""
        from app.infra.backups import make_backup

        database, keep = self._database, self.keep.value()

        def back_up(_progress: Progress) -> Path:
            return make_backup(database, "手动", keep=keep)

        self.running = file_operation(self, self._bus, back_up, what="立即备份", title="正在备份…")
        self.running.finished.connect(self.reload)
        self.running.start()

    def restore_from_file(self) -> None:
        """Pick any backup file."""
        chosen = open_file(self, self._settings, "选择备份文件", "数据库 (*.db);;所有文件 (*)")
        if chosen is not None:
            self.restore(chosen)

    def restore(self, source: Path | None) -> None:
        """Check the backup, confirm, then let the window close, replace and reopen."""
        from app.infra.restore import check_backup

        if source is None:
            index = self.view.currentIndex()
            if not index.isValid():
                return
            source = self.model.rows[index.row()].path
        try:
            check_backup(source)
        except UserError as exc:
            show_user_error(self, exc)
            return
        answer = QMessageBox.question(
            self,
            "恢复数据库",
            f"用「{source.name}」替换当前数据库吗？\n当前数据库会先另存为“恢复前”备份，可随时找回。",
        )
        if answer == QMessageBox.StandardButton.Yes:
            operation = self._restore_into(source)
            if operation is not None:
                self.running = operation
                operation.finished.connect(self.reload)
