"""结转: tick the projects of an earlier campaign that go on into the new one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.campaign.carry_over import CarryCandidate
    from app.campaign.choice import CampaignRow
    from app.infra.database import Database

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
HEADERS = ("结转", "项目名称", "清单", "阶段", "未完成节点", "未办结问题")


class CandidatesModel(QAbstractTableModel):
    """The earlier campaign's projects with a tick each (the unfinished ones ticked)."""

    ticks_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CarryCandidate] = []
        self.ticked: set[int] = set()

    def set_rows(self, rows: list[CarryCandidate]) -> None:
        """Show `rows`, ticking the unfinished ones not carried yet."""
        self.beginResetModel()
        self.rows = rows
        self.ticked = {r.id for r in rows if r.unfinished and not r.carried}
        self.endResetModel()
        self.ticks_changed.emit()

    def tick_all(self, on: bool, *, unfinished_only: bool = False) -> None:
        """Tick (or untick) every row, or every unfinished one."""
        self.ticked = (
            {r.id for r in self.rows if not r.carried and (r.unfinished or not unfinished_only)}
            if on
            else set()
        )
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))
        self.ticks_changed.emit()

    def rowCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Number of projects."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # Qt's name
        """Number of columns."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # Qt's name
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:  # Qt's name
        """The tick column is checkable, except for projects carried already."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self.rows[index.row()].carried:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # Qt's name
        """Cells: the tick, the name, list, stage and counts."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            ticked = row.id in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                "已结转" if row.carried else "",
                row.name,
                row.list_name,
                row.stage.value,
                row.open_milestones,
                row.open_problems,
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Tick or untick a project."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        row = self.rows[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(row.id)
        else:
            self.ticked.discard(row.id)
        self.dataChanged.emit(index, index)
        self.ticks_changed.emit()
        return True


class CarryOverDialog(QDialog):
    """Choose the earlier campaign and the projects to carry over; `chosen()` after OK."""

    def __init__(
        self,
        database: Database,
        campaigns: list[CampaignRow],
        target_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("结转项目")
        self._database = database
        self._target = target_id
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("从"))
        self.source = QComboBox()
        for row in campaigns:
            self.source.addItem(row.label, row.id)
        top.addWidget(self.source, 1)
        top.addWidget(QLabel("结转到新的攻坚行动"))
        layout.addLayout(top)
        note = QLabel(
            "结转的项目连同责任单位、包联领导、项目代码、未完成的节点和未办结的问题一起带入；"
            "原攻坚行动的项目、月度填报和通报保持不变。年度计划投资请在新一年重新填写。"
        )
        note.setWordWrap(True)
        note.setObjectName("cardLabel")
        layout.addWidget(note)
        self.model = CandidatesModel()
        self.view = _candidates_view(self.model)
        layout.addWidget(self.view, 1)
        tools = QHBoxLayout()
        self.unfinished_button = QPushButton("只选未完成的")
        self.all_button = QPushButton("全选")
        self.none_button = QPushButton("全不选")
        self.count_label = QLabel()
        for button in (self.unfinished_button, self.all_button, self.none_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        layout.addLayout(tools)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.unfinished_button.clicked.connect(
            lambda: self.model.tick_all(True, unfinished_only=True)
        )
        self.all_button.clicked.connect(lambda: self.model.tick_all(True))
        self.none_button.clicked.connect(lambda: self.model.tick_all(False))
        self.model.ticks_changed.connect(self._count)
        self.source.currentIndexChanged.connect(lambda _i: self.load())
        self.resize(820, 520)
        self.load()

    def load(self) -> None:
        """Read the chosen campaign's projects."""
        from app.campaign.carry_over import carry_candidates

        source = self.source.currentData()
        if source is None:
            self.model.set_rows([])
            return
        with self._database.reading() as session:
            self.model.set_rows(carry_candidates(session, source, self._target))

    def _count(self) -> None:
        self.count_label.setText(f"已选 {len(self.model.ticked)} / {len(self.model.rows)} 个项目")

    def chosen(self) -> list[int]:
        """The ticked projects, in list order."""
        return [r.id for r in self.model.rows if r.id in self.model.ticked]

    def source_name(self) -> str:
        """The earlier campaign's name."""
        return self.source.currentText()


def _candidates_view(model: CandidatesModel) -> QTableView:
    """The candidates' table: the name takes the width, the other columns their contents."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = view.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column in (0, 2, 3, 4, 5):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return view
