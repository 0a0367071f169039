"""督办台账 page: supervised problems and projects, their acts, and each unit's record."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.infra.errors import UserError
from app.problems.supervision import ActRow, SupervisionRow, UnitRecord
from db.enums import SupervisionClass
from ui.problems.supervision_actions import ActDialog
from ui.settings.keys import OPERATOR, Settings
from ui.shell.bus import ChangeBus
from ui.shell.data_page import DataPage
from ui.shell.operation import perform
from ui.shell.pages import PageSpec
from ui.shell.toolbar import add_button
from ui.widgets.page_header import page_header
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _table(model: RowsModel[Any], widths: list[int]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class SupervisionPage(DataPage):
    """The supervision ledger."""

    watched = frozenset(
        {Change.SUPERVISION, Change.PROBLEMS, Change.PROJECTS, Change.ORGANISATION}
    )

    def __init__(
        self, spec: PageSpec, settings: Settings, bus: ChangeBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(bus, parent)
        self.spec = spec
        self._settings = settings
        self._all: list[SupervisionRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addWidget(page_header(spec))
        filters = QHBoxLayout()
        self.class_box = QComboBox()
        self.class_box.addItems(["全部类别", *(c.value for c in SupervisionClass)])
        self.unit_box = QComboBox()
        self.unit_box.addItem("全部责任单位")
        self.state_box = QComboBox()
        self.state_box.addItems(["全部", "督办中", "已结束"])
        for box in (self.class_box, self.unit_box, self.state_box):
            box.setMinimumWidth(120)
            filters.addWidget(box)
            box.currentIndexChanged.connect(self._apply_filter)
        filters.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("cardLabel")
        filters.addWidget(self.count)
        layout.addLayout(filters)

        self.items: RowsModel[SupervisionRow] = RowsModel(
            [
                Column("类别", lambda r: r.supervision_class.value, centred=True),
                Column("对象", lambda r: r.kind, centred=True),
                Column("督办事项", lambda r: r.subject),
                Column("所属项目", lambda r: r.project),
                Column("责任单位", lambda r: r.unit),
                Column("开始", lambda r: f"{r.started_on:%Y-%m-%d}", centred=True),
                Column(
                    "状态",
                    lambda r: "督办中" if r.ended_on is None else f"{r.ended_on:%m-%d}结束",
                    centred=True,
                ),
                Column("记录", lambda r: r.acts, centred=True),
                Column("最近记录", lambda r: r.last_act),
            ]
        )
        self.acts: RowsModel[ActRow] = RowsModel(
            [
                Column("日期", lambda a: f"{a.on:%Y-%m-%d}", centred=True),
                Column("形式", lambda a: a.form.value, centred=True),
                Column("内容", lambda a: a.content),
                Column("结果", lambda a: a.result),
                Column("督办人", lambda a: a.by),
            ]
        )
        self.units: RowsModel[UnitRecord] = RowsModel(
            [
                Column("责任单位", lambda u: u.unit),
                Column("督办事项", lambda u: u.items, centred=True),
                Column("督办中", lambda u: u.ongoing, centred=True),
                Column("督办单", lambda u: u.notices, centred=True),
                Column("约谈", lambda u: u.talks, centred=True),
                Column("通报", lambda u: u.bulletins, centred=True),
            ]
        )
        self.item_view = _table(self.items, [50, 50, 240, 150, 90, 90, 80, 44, 120])
        self.act_view = _table(self.acts, [90, 60, 220, 140, 90])
        self.act_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.unit_view = _table(self.units, [140, 70, 60, 60, 50, 50])
        top = QSplitter()
        top.addWidget(self.item_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_act_button = add_button(buttons, "新增督办记录…", "督办单、约谈或通报")
        self.end_button = add_button(buttons, "结束督办")
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.act_view, 1)
        top.addWidget(right)
        top.setSizes([620, 420])
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(top)
        unit_box = QWidget()
        unit_layout = QVBoxLayout(unit_box)
        unit_layout.setContentsMargins(0, 6, 0, 0)
        heading = QLabel("各责任单位督办情况")
        heading.setObjectName("pageSubtitle")
        unit_layout.addWidget(heading)
        unit_layout.addWidget(self.unit_view)
        vertical.addWidget(unit_box)
        vertical.setSizes([400, 200])
        layout.addWidget(vertical, 1)
        self.item_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_acts())
        self.add_act_button.clicked.connect(self.add_act)
        self.end_button.clicked.connect(self.end_selected)
        self._show_acts()

    def reload(self) -> None:
        """Read everything again."""
        from app.problems.supervision import supervisions, unit_records

        if self._database is None:
            return
        with self._database.reading() as session:
            self._all = supervisions(session, self.campaign_id)
            self.units.set_rows(unit_records(session, self.campaign_id))
        current = self.unit_box.currentText()
        self.unit_box.blockSignals(True)
        while self.unit_box.count() > 1:
            self.unit_box.removeItem(1)
        self.unit_box.addItems(sorted({r.unit for r in self._all if r.unit}))
        self.unit_box.setCurrentIndex(max(self.unit_box.findText(current), 0))
        self.unit_box.blockSignals(False)
        self._apply_filter()

    def _apply_filter(self, *_args: object) -> None:
        rows = [
            r
            for r in self._all
            if (
                self.class_box.currentIndex() == 0
                or r.supervision_class.value == self.class_box.currentText()
            )
            and (self.unit_box.currentIndex() == 0 or r.unit == self.unit_box.currentText())
            and (
                self.state_box.currentIndex() == 0
                or (self.state_box.currentText() == "督办中") == (r.ended_on is None)
            )
        ]
        self.items.set_rows(rows)
        self.count.setText(f"显示 {len(rows)} / {len(self._all)} 项督办")
        if rows:
            self.item_view.selectRow(0)
        self._show_acts()

    def selected(self) -> SupervisionRow | None:
        """The supervision selected."""
        index = self.item_view.currentIndex()
        return (
            self.items.rows[index.row()]
            if index.isValid() and index.row() < len(self.items.rows)
            else None
        )

    def _show_acts(self) -> None:
        from app.problems.supervision import acts_of

        row = self.selected()
        if row is None or self._database is None:
            self.acts.set_rows([])
        else:
            with self._database.reading() as session:
                self.acts.set_rows(acts_of(session, row.id))
        ongoing = row is not None and row.ended_on is None
        self.add_act_button.setEnabled(ongoing)
        self.end_button.setEnabled(ongoing)

    def add_act(self) -> None:
        """新增督办记录 for the selected item."""
        from app.problems.supervision import add_act

        row = self.selected()
        if row is None or self._database is None:
            return
        dialog = ActDialog(self._settings.get(OPERATOR), self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                values = dialog.values()

                def work(session: Session, values: tuple[Any, ...] = values) -> None:
                    add_act(session, row.id, *values)

                perform(
                    self,
                    self._bus,
                    self._database,
                    work,
                    what="新增督办记录",
                    raising=(UserError,),
                )
            except UserError as exc:
                dialog.message.setText(exc.message)
                continue
            return

    def end_selected(self) -> None:
        """结束督办 after confirming."""
        from app.problems.supervision import end

        row = self.selected()
        if row is None or self._database is None:
            return
        answer = QMessageBox.question(self, "结束督办", f"确定结束对「{row.subject}」的督办吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        perform(
            self,
            self._bus,
            self._database,
            lambda session: end(session, row.id, dt.date.today()),
            what="结束督办",
        )
