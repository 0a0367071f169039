"""The choice when another clerk changed what this clerk is saving: keep theirs or overwrite."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.conflicts import Difference, VersionConflict
from app.values.date_format import iso_minute
from ui.widgets.rows_model import Column, RowsModel


class ConflictDialog(QDialog):
    """已被〈账号〉于〈时间〉修改: both values side by side; 保留对方的修改 or 用我的覆盖."""

    def __init__(self, parent: QWidget | None, conflict: VersionConflict) -> None:
        super().__init__(parent)
        self.setWindowTitle("数据已被他人修改")
        at = iso_minute(conflict.when) if conflict.when else "刚才"
        intro = QLabel(
            f"{conflict.what}已被 <b>{conflict.who}</b> 于 {at} 修改，与您这次的修改不同。"
            "<br>您的修改还没有保存。请选择保留哪一个："
        )
        intro.setWordWrap(True)
        self.model: RowsModel[Difference] = RowsModel(
            [
                Column("字段", lambda d: d.label),
                Column(f"{conflict.who}的值", lambda d: d.theirs),
                Column("您的值", lambda d: d.mine),
            ]
        )
        self.model.set_rows(conflict.differences)
        table = QTableView()
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        self.keep = buttons.addButton("保留对方的修改", QDialogButtonBox.ButtonRole.RejectRole)
        self.overwrite = buttons.addButton("用我的覆盖", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep.setDefault(True)  # the safe choice under Enter
        self.keep.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(640, 300)


def choose_overwrite(parent: QWidget | None, conflict: VersionConflict) -> bool:
    """Ask the clerk; True to overwrite the other clerk's change with this one."""
    return ConflictDialog(parent, conflict).exec() == QDialog.DialogCode.Accepted
