"""回收站: deleted projects, restored or (after confirmation) deleted for good."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.projects.edits import BinEntry
from app.values.date_format import iso_minute
from ui.shell.operation import Failed
from ui.shell.toolbar import add_button
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.shell.operation import Performer


class RecycleBin(QDialog):
    """The deleted projects of the open database."""

    def __init__(self, perform: Performer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("回收站")
        self._perform = perform
        self.model: RowsModel[BinEntry] = RowsModel(
            [
                Column("项目名称", lambda e: e.name),
                Column("项目清单", lambda e: e.list_name),
                Column("删除时间", lambda e: iso_minute(e.deleted_at), centred=True),
            ]
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setColumnWidth(0, 320)
        self.view.setColumnWidth(1, 140)
        buttons = QHBoxLayout()
        self.restore_button = add_button(buttons, "恢复", "放回项目卡片")
        self.purge_button = add_button(
            buttons, "彻底删除…", "连同节点、月报、问题一并删除，不可恢复"
        )
        buttons.addStretch(1)
        close = add_button(buttons, "关闭")
        self.restore_button.clicked.connect(self.restore)
        self.purge_button.clicked.connect(self.purge)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(720, 420)
        self.reload()

    def reload(self) -> None:
        """Read the bin again."""
        from app.projects.edits import recycle_bin

        with self._perform.database.reading() as session:
            self.model.set_rows(recycle_bin(session, self._perform.bus.campaign_id))
        if self.model.rows:
            self.view.selectRow(0)

    def _chosen(self) -> BinEntry | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _run(self, step: Callable[[Session, int], object], what: str) -> None:
        entry = self._chosen()
        if entry is None:
            return
        project_id = entry.project_id
        if not isinstance(self._perform(lambda s: step(s, project_id), what=what), Failed):
            self.reload()

    def restore(self) -> None:
        """Put the chosen project back (undoable: 撤销 puts it in the bin again)."""
        from app.projects.edits import delete_project, restore_project

        entry = self._chosen()
        if entry is None:
            return
        project_id = entry.project_id
        done = self._perform.undoable(
            lambda s: restore_project(s, project_id),
            what="从回收站恢复项目",
            text=f"从回收站恢复「{entry.name}」",
            undo=lambda _r: lambda s: delete_project(s, project_id),
        )
        if not isinstance(done, Failed):
            self.reload()

    def purge(self) -> None:
        """Delete the chosen project for good, after confirmation."""
        from app.projects.edits import purge_project

        entry = self._chosen()
        if entry is None:
            return
        answer = QMessageBox.question(
            self,
            "彻底删除",
            f"彻底删除「{entry.name}」及其节点、月度填报和问题吗？此操作不能撤销。",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(purge_project, "彻底删除项目")
