"""回收合并: what each returned file brings, the cells refused, and each conflict side by side for
a choice; then, in this order, the choices checked, a backup, the write (one undo step)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.exchange.fill_in import Conflict, MergePlan, decide, merge_summary
from app.infra.changes import Change
from app.infra.errors import UserError
from app.reports.monthly_reports import EntryMode
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.operation import Failed, perform

if TYPE_CHECKING:
    from app.infra.database import Database

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
UNDECIDED = "（请选择）"
CHOICES = Qt.ItemDataRole.UserRole  # a row's choices, for the delegate


class ConflictModel(QAbstractTableModel):
    """The conflicts and the value chosen for each (None until the clerk picks one)."""

    HEADERS = ("项目", "字段", "各方的值", "采用")

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.conflicts = conflicts
        self.chosen: list[str | None] = [None] * len(conflicts)

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """One row per conflict."""
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Project, field, the sides, the choice."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:  # Qt's name
        """The 采用 column is chosen in place."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 3 else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The conflict's texts; the choice, or a prompt to choose."""
        if not index.isValid() or not 0 <= index.row() < len(self.conflicts):
            return None
        conflict, column = self.conflicts[index.row()], index.column()
        if role == CHOICES:
            return [value for _source, value in conflict.choices]
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return Qt.GlobalColor.darkRed if self.chosen[index.row()] is None else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == 0:
            return conflict.project
        if column == 1:
            return conflict.label
        if column == 2:
            return "；".join(f"{source}：{value}" for source, value in conflict.choices)
        chosen = self.chosen[index.row()]
        if chosen is None:
            return UNDECIDED
        source = next(s for s, v in conflict.choices if v == chosen)
        return f"{chosen}（{source}）"

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Take one of the row's values."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 3:
            return False
        if value not in self.data(index, CHOICES):
            return False
        self.chosen[index.row()] = value
        self.dataChanged.emit(index, index)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """Pick one of the row's values in a combo box."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:  # Qt's name
        """A combo box of the row's values."""
        box = QComboBox(parent)
        box.addItems(index.data(CHOICES))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # Qt's name
        """Show the current choice."""
        assert isinstance(editor, QComboBox)
        text = str(index.data()).split("（")[0]
        editor.setCurrentIndex(max(editor.findText(text), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # Qt's name
        """Give the choice to the model."""
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())


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
        self.batch_id: int | None = None
        layout = QVBoxLayout(self)
        lines = merge_summary(plan)
        self.summary = QLabel("\n".join(lines[: 2 + len(plan.files)]))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self._add_conflicts(layout, plan)
        self._add_refused(layout, plan)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.write_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.write_button.setText("写入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        if not plan.values and not plan.conflicts:
            self.write_button.setEnabled(False)
            self.write_button.setToolTip("交回的文件中没有可写入的修改")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def _add_conflicts(self, layout: QVBoxLayout, plan: MergePlan) -> None:
        """The conflicts, each with a 采用 choice to make (the table stays hidden if none)."""
        self.model = ConflictModel(plan.conflicts)
        self.conflicts = QTableView()
        self.conflicts.setModel(self.model)
        self.conflicts.setItemDelegateForColumn(3, ChoiceDelegate(self.conflicts))
        self.conflicts.verticalHeader().hide()
        self.conflicts.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        header = self.conflicts.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 220), (1, 150), (3, 180)):
            self.conflicts.setColumnWidth(column, width)
        if plan.conflicts:
            layout.addWidget(
                QLabel(f"冲突 {len(plan.conflicts)} 处：双击“采用”一栏，逐一选择采用哪一方。")
            )
            layout.addWidget(self.conflicts, 1)
        else:
            self.conflicts.hide()

    def _add_refused(self, layout: QVBoxLayout, plan: MergePlan) -> None:
        """The cells refused and the files that could not be read (hidden if none)."""
        refused = plan.refused()
        self.refused = QPlainTextEdit("\n".join([*refused, *plan.problems]))
        self.refused.setReadOnly(True)
        if refused or plan.problems:
            heading = f"以下 {len(refused)} 个格子有误，不写入（其余照常写入）："
            if plan.problems:
                heading = (
                    f"{len(plan.problems)} 个文件无法读取、不写入；" + heading
                    if refused
                    else f"以下 {len(plan.problems)} 个文件无法读取，不写入："
                )
            note = QLabel(heading)
            note.setStyleSheet("color: #b71c1c;")
            layout.addWidget(note)
            layout.addWidget(self.refused, 1 if not plan.conflicts else 0)
        else:
            self.refused.hide()

    def accept(self) -> None:  # Qt's name
        """Choices first (nothing is backed up or written while one is missing), then the
        backup, then the write; a refusal keeps the dialog open."""
        from app.exchange.fill_in import write_merge
        from ui.exchange.batch_commands import push_batch

        missing = [
            c
            for c, chosen in zip(self.model.conflicts, self.model.chosen, strict=True)
            if chosen is None
        ]
        if missing:
            first = missing[0]
            show_user_error(
                self,
                UserError(
                    f"还有 {len(missing)} 处冲突未作选择（如「{first.project}」的{first.label}），"
                    "请在“采用”一栏选择后再写入。尚未备份，也未写入任何数据。"
                ),
            )
            row = self.model.conflicts.index(first)
            self.conflicts.setCurrentIndex(self.model.index(row, 3))
            return
        self.plan.decisions.clear()
        for conflict, chosen in zip(self.model.conflicts, self.model.chosen, strict=True):
            assert chosen is not None
            decide(self.plan, conflict, chosen)
        plan, mode = self.plan, self._mode
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
        files = len(plan.files)
        push_batch(
            self.parentWidget(),
            self._bus,
            self._database,
            batch_id,
            f"回收合并 {files} 个填报表",
            kind="回收合并",
        )
        super().accept()
