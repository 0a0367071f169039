"""回收合并: the returned files, the agreed changes, and each conflict side by side for a choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.exchange.fill_in import MergePlan, decide, merge_summary
from app.infra.changes import Change
from app.infra.errors import UserError
from app.reports.monthly_reports import EntryMode
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.operation import Failed, perform

if TYPE_CHECKING:
    from app.infra.database import Database

UNDECIDED = "（请选择）"


class MergeDialog(QDialog):
    """Decide the conflicts, then write everything in one batch."""

    def __init__(
        self,
        database: Database,
        bus: ChangeBus,
        plan: MergePlan,
        mode: EntryMode,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("回收合并填报表")
        self._database = database
        self._bus = bus
        self.plan = plan
        self._mode = mode
        summary = QLabel("\n".join(merge_summary(plan)[: 2 + len(plan.files)]))
        summary.setWordWrap(True)
        self.conflicts = QTableWidget(len(plan.conflicts), 4)
        self.conflicts.setHorizontalHeaderLabels(["项目", "字段", "各方的值", "采用"])
        self.conflicts.verticalHeader().hide()
        self.conflicts.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.conflicts.setColumnWidth(0, 220)
        self.conflicts.setColumnWidth(1, 150)
        self.conflicts.setColumnWidth(3, 160)
        self.boxes: list[QComboBox] = []
        for row, conflict in enumerate(plan.conflicts):
            self.conflicts.setItem(row, 0, QTableWidgetItem(conflict.project))
            self.conflicts.setItem(row, 1, QTableWidgetItem(conflict.label))
            sides = "；".join(f"{source}：{value}" for source, value in conflict.choices)
            self.conflicts.setItem(row, 2, QTableWidgetItem(sides))
            box = QComboBox()
            box.addItem(UNDECIDED)
            for source, value in conflict.choices:
                box.addItem(f"{value}（{source}）", value)
            self.conflicts.setCellWidget(row, 3, box)
            self.boxes.append(box)
        problems = QLabel("\n".join(f"错误：{p}" for p in plan.problems))
        problems.setStyleSheet("color: #b71c1c;")
        problems.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("写入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel(f"冲突 {len(plan.conflicts)} 处，请逐一选择采用哪一方："))
        layout.addWidget(self.conflicts, 1)
        if plan.problems:
            layout.addWidget(problems)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def accept(self) -> None:  # Qt's name
        """Take the choices and write; a missing choice or a refusal keeps the dialog open."""
        from app.exchange.fill_in import write_merge

        self.plan.decisions.clear()
        try:
            for conflict, box in zip(self.plan.conflicts, self.boxes, strict=True):
                if box.currentIndex() > 0:
                    decide(self.plan, conflict, box.currentData())
        except UserError as exc:
            show_user_error(self, exc)
            return
        plan, mode = self.plan, self._mode
        # The choices are checked first; only then the backup, then the write.
        batch_id = perform(
            self,
            self._bus,
            self._database,
            lambda session: write_merge(session, plan, mode),
            what="回收合并",
            changes={Change.REPORTS, Change.PROJECTS, Change.IMPORTS},
            backup="回收合并前",
        )
        if isinstance(batch_id, Failed):
            return
        self.batch_id = batch_id
        super().accept()
