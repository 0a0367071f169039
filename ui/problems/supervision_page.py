"""督办台账 page: supervised problems and projects, their acts, and each unit's record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
from app.values.date_format import iso_date, short_month_day
from db.enums import SupervisionClass, SupervisionForm
from ui.problems.supervision_actions import ActDialog
from ui.settings.keys import OPERATOR, Settings
from ui.shell.bus import ChangeBus
from ui.shell.data_page import DataPage
from ui.shell.operation import Performer
from ui.shell.pages import PageSpec
from ui.shell.toolbar import add_button
from ui.widgets.page_header import page_header
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from app.infra.row_copies import RowCopy

ActValues = tuple[dt.date, SupervisionForm, str, str, str]  # on, form, content, result, by


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


def _items_model() -> RowsModel[SupervisionRow]:
    """The 督办 items: what, whose, since when, how far."""
    return RowsModel(
        [
            Column("类别", lambda r: r.supervision_class.value, centred=True),
            Column("对象", lambda r: r.kind, centred=True),
            Column("督办事项", lambda r: r.subject),
            Column("所属项目", lambda r: r.project),
            Column("责任单位", lambda r: r.unit),
            Column("开始", lambda r: iso_date(r.started_on), centred=True),
            Column(
                "状态",
                lambda r: "督办中" if r.ended_on is None else f"{short_month_day(r.ended_on)}结束",
                centred=True,
            ),
            Column("记录", lambda r: r.acts, centred=True),
            Column("最近记录", lambda r: r.last_act),
        ]
    )


def _acts_model() -> RowsModel[ActRow]:
    """The selected item's acts (督办单, 约谈, 通报 …)."""
    return RowsModel(
        [
            Column("日期", lambda a: iso_date(a.on), centred=True),
            Column("形式", lambda a: a.form.value, centred=True),
            Column("内容", lambda a: a.content),
            Column("结果", lambda a: a.result),
            Column("督办人", lambda a: a.by),
        ]
    )


def _units_model() -> RowsModel[UnitRecord]:
    """Each responsible unit's record."""
    return RowsModel(
        [
            Column("责任单位", lambda u: u.unit),
            Column("督办事项", lambda u: u.items, centred=True),
            Column("督办中", lambda u: u.ongoing, centred=True),
            Column("督办单", lambda u: u.notices, centred=True),
            Column("约谈", lambda u: u.talks, centred=True),
            Column("通报", lambda u: u.bulletins, centred=True),
        ]
    )


class SupervisionPage(DataPage):
    """The supervision ledger."""

    watched = frozenset({Change.SUPERVISION, Change.PROBLEMS, Change.PROJECTS, Change.ORGANISATION})

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
        layout.addLayout(self._filter_row())

        self.items: RowsModel[SupervisionRow] = _items_model()
        self.acts: RowsModel[ActRow] = _acts_model()
        self.units: RowsModel[UnitRecord] = _units_model()
        self.item_view = _table(self.items, [50, 50, 240, 150, 90, 90, 80, 44, 120])
        self.act_view = _table(self.acts, [90, 56, 220, 110, 76])
        self.act_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.unit_view = _table(self.units, [140, 70, 60, 60, 50, 50])
        top = QSplitter()
        top.addWidget(self.item_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_act_button = add_button(buttons, "新增督办记录…", "督办单、约谈或通报")
        self.edit_act_button = add_button(buttons, "修改记录…", "更正所选督办记录")
        self.delete_act_button = add_button(buttons, "删除记录", "删除所选督办记录（可撤销）")
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
        self.act_view.selectionModel().currentRowChanged.connect(lambda *_: self._act_buttons())
        self.act_view.doubleClicked.connect(lambda _i: self.edit_act())
        self.add_act_button.clicked.connect(self.add_act)
        self.edit_act_button.clicked.connect(self.edit_act)
        self.delete_act_button.clicked.connect(self.delete_act)
        self.end_button.clicked.connect(self.end_selected)
        self._show_acts()

    def _filter_row(self) -> QHBoxLayout:
        """类别, 责任单位 and 状态 choices, and how many items they show."""
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
        return filters

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
        chosen = self.selected()
        self.items.set_rows(rows)
        self.count.setText(f"显示 {len(rows)} / {len(self._all)} 项督办")
        # The same 督办 stays selected wherever it moved (结束督办 sorts it lower), so a
        # second click never lands on another one.
        position = next(
            (i for i, r in enumerate(rows) if chosen is not None and r.id == chosen.id), 0
        )
        if rows:
            self.item_view.selectRow(position)
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
        chosen = self.selected_act()
        if row is None or self._database is None:
            self.acts.set_rows([])
        else:
            with self._database.reading() as session:
                self.acts.set_rows(acts_of(session, row.id))
        if chosen is not None and any(a.id == chosen.id for a in self.acts.rows):
            self.act_view.selectRow(
                next(i for i, a in enumerate(self.acts.rows) if a.id == chosen.id)
            )
        ongoing = row is not None and row.ended_on is None
        self.add_act_button.setEnabled(ongoing)
        self.end_button.setEnabled(ongoing)
        self._act_buttons()

    def _act_buttons(self) -> None:
        chosen = self.selected_act() is not None
        self.edit_act_button.setEnabled(chosen)
        self.delete_act_button.setEnabled(chosen)

    def selected_act(self) -> ActRow | None:
        """The act selected."""
        index = self.act_view.currentIndex()
        rows = self.acts.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def _performer(self) -> Performer:
        assert self._database is not None
        return Performer(self, self._bus, self._database)

    def _ask_act(self, act: ActRow | None, save: Callable[[ActValues], object]) -> None:
        """The act dialog until its values are taken (a refusal is shown in it)."""
        from app.problems.supervision import last_supervisor

        assert self._database is not None
        with self._database.reading() as session:
            supervisor = last_supervisor(session) or self._settings.get(OPERATOR)
        dialog = ActDialog(supervisor, self, act)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                save(dialog.values())
            except UserError as exc:
                dialog.message.setText(exc.message)
                continue
            return

    def add_act(self) -> None:
        """新增督办记录 for the selected item (undoable)."""
        from app.problems.supervision import add_act, delete_act, restore_act

        row = self.selected()
        if row is None or self._database is None:
            return
        copies: list[RowCopy] = []

        def save(values: ActValues) -> object:
            return self._performer().undoable(
                lambda session: add_act(session, row.id, *values),
                what="新增督办记录",
                text=f"新增{values[1].value}记录",
                undo=lambda act_id: lambda session: copies.append(delete_act(session, act_id)),
                redo=lambda _id: lambda session: restore_act(session, copies.pop()),
                raising=(UserError,),
            )

        self._ask_act(None, save)

    def edit_act(self) -> None:
        """修改 the selected act (undoable; the change log keeps each field)."""
        from app.problems.supervision import ActRow, edit_act

        act = self.selected_act()
        if act is None or self._database is None:
            return

        def save(values: ActValues) -> object:
            edited = ActRow(act.id, *values)
            return self._performer().undoable(
                lambda session: edit_act(session, edited),
                what="修改督办记录",
                text=f"修改{act.form.value}记录",
                undo=lambda before: lambda session: edit_act(session, before),
                redo=lambda _before: lambda session: edit_act(session, edited),
                raising=(UserError,),
            )

        self._ask_act(act, save)

    def delete_act(self) -> None:
        """删除 the selected act after confirming (undoable)."""
        from app.problems.supervision import delete_act, restore_act

        act = self.selected_act()
        if act is None or self._database is None:
            return
        answer = QMessageBox.question(
            self, "删除督办记录", f"删除 {iso_date(act.on)} 的{act.form.value}记录吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._performer().undoable(
            lambda session: delete_act(session, act.id),
            what="删除督办记录",
            text=f"删除{act.form.value}记录",
            undo=lambda copy: lambda session: restore_act(session, copy),
        )

    def end_selected(self) -> None:
        """结束督办 after confirming (undoable); the same 督办 stays selected."""
        from app.problems.supervision import end, resume

        row = self.selected()
        if row is None or self._database is None:
            return
        answer = QMessageBox.question(self, "结束督办", f"确定结束对「{row.subject}」的督办吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._performer().undoable(
            lambda session: end(session, row.id, dt.date.today()),
            what="结束督办",
            text=f"结束督办「{row.subject[:16]}」",
            undo=lambda _r: lambda session: resume(session, row.id),
        )
