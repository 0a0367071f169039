"""月度填报 tab: a month's figures for every project, typed like a spreadsheet, and the lock."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.infra.errors import UserError
from app.reports.monthly_reports import CellEntry, EntryMode, MonthRow
from app.values.date_format import iso_minute
from ui.reports.month_grid import MonthGridView, MonthModel
from ui.settings.keys import REPORT_ENTRY_MODE, Settings
from ui.shell.operation import Failed
from ui.shell.toolbar import add_button
from ui.widgets.month_picker import MonthPicker
from ui.widgets.shared_month import follow_shared_month, remember_month

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.reports.monthly_reports import MonthLock
    from app.reports.report_undo import ReportSnapshot
    from ui.shell.operation import Performer

_MODES = {"month": EntryMode.MONTH, "cumulative": EntryMode.CUMULATIVE}


class MonthTab(QWidget):
    """The chosen month's grid with its filters, entry mode and 已报送 lock."""

    def __init__(
        self,
        settings: Settings,
        performer: Callable[[], Performer | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._performer = performer
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        self.month_picker = MonthPicker()
        self.report_list_box = QComboBox()
        self.report_unit_box = QComboBox()
        self.mode_box = QComboBox()
        self.mode_box.addItems([m.value for m in EntryMode])
        self.mode_box.setToolTip("本办填报本月完成还是今年累计；另一个数按此前各月自动计算")
        for widget in (self.month_picker, self.report_list_box, self.report_unit_box):
            row.addWidget(widget)
        row.addWidget(QLabel("填报方式："))
        row.addWidget(self.mode_box)
        row.addStretch(1)
        self.filled_label = QLabel()
        self.filled_label.setObjectName("cardLabel")
        row.addWidget(self.filled_label)
        row.addSpacing(12)
        self.lock_label = QLabel()
        row.addWidget(self.lock_label)
        self.lock_button = add_button(row, "标记已报送", "锁定本月数字；修改须先解锁并说明原因")
        layout.addLayout(row)
        self.month_model = MonthModel(self._save_month)
        self.grid = MonthGridView()
        self.grid.setModel(self.month_model)
        self.grid.verticalHeader().hide()
        for column, width in enumerate((250, 96, 100, 110, 176, 200, 120)):
            self.grid.setColumnWidth(column, width)
        # 形象进度 takes the room left over; 专项债累计支出 stays in view at 1366 px.
        self.grid.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.grid, 1)
        self.month_message = QLabel(
            "回车下移，Tab 右移，直接输入即替换；可从 Excel/WPS 复制一块后 Ctrl+V 粘贴。"
        )
        self.month_message.setObjectName("cardLabel")
        layout.addWidget(self.month_message)
        self.month_model.message_changed.connect(self._month_message)
        mode = _MODES.get(self._settings.get(REPORT_ENTRY_MODE), EntryMode.MONTH)
        self.mode_box.setCurrentText(mode.value)
        self.month_picker.changed.connect(self._month_chosen)
        self.report_list_box.currentIndexChanged.connect(lambda _i: self.load_month())
        self.report_unit_box.currentIndexChanged.connect(lambda _i: self.load_month())
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.lock_button.clicked.connect(self.toggle_lock)
        self._month_shown: tuple[object, ...] | None = None

    def _month_message(self, text: str) -> None:
        self.month_message.setText(text)
        bad = text.startswith("有 ")
        self.month_message.setStyleSheet("color: #b71c1c;" if bad else "")

    def entry_mode(self) -> EntryMode:
        """How this office enters months (a setting)."""
        return EntryMode(self.mode_box.currentText())

    def _mode_changed(self) -> None:
        key = next(k for k, m in _MODES.items() if m is self.entry_mode())
        self._settings.set(REPORT_ENTRY_MODE, key)
        self.load_month()

    def chosen_month(self) -> tuple[int, int]:
        """(year, month) chosen."""
        return self.month_picker.month()

    def set_month(self, year: int, month: int) -> None:
        """Show another month (and remember it, as a clerk's choice)."""
        self.month_picker.set_month(year, month)
        self._month_chosen()

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Show the month the other pages show (the clerk may have chosen one there)."""
        super().showEvent(event)
        perform = self._performer()
        if perform is not None and follow_shared_month(
            self.month_picker, self._settings, perform.database, perform.bus.campaign_id
        ):
            self.load_month()

    def _month_chosen(self) -> None:
        perform = self._performer()
        if perform is not None:
            remember_month(
                self._settings, perform.database, perform.bus.campaign_id, *self.chosen_month()
            )
        self.load_month()

    def load_month(self) -> None:
        """Read the chosen month's grid."""
        from app.reports.monthly_reports import load_month, month_lock

        perform = self._performer()
        if perform is None:
            return
        # The month the other pages show (or the clerk chose last time), unless chosen here.
        campaign_id = perform.bus.campaign_id
        follow_shared_month(self.month_picker, self._settings, perform.database, campaign_id)
        year, month = self.chosen_month()
        with perform.database.reading() as session:
            rows = load_month(session, campaign_id, year, month)
            lock = month_lock(session, year, month)
        self._offer_month_filters(rows)
        list_id = self.report_list_box.currentData()
        unit_id = self.report_unit_box.currentData()
        shown = [
            r
            for r in rows
            if (list_id is None or r.list_id == list_id)
            and (unit_id is None or r.unit_id == unit_id)
        ]
        # The same month, rows and rules again (after a save): keep the cells marked bad and
        # the cell being typed in; anything else is a new showing.
        key = (year, month, self.entry_mode(), lock.locked, [r.project_id for r in shown])
        if key == self._month_shown:
            editing = None
            if self.grid.state() == QAbstractItemView.State.EditingState:
                current = self.grid.currentIndex()
                editing = (current.row(), current.column())
            self.month_model.refresh_rows(shown, editing)
        else:
            self.month_model.set_rows(shown, self.entry_mode(), lock.locked)
        self._month_shown = key
        filled = sum(1 for r in shown if _reported(r))
        self.filled_label.setText(f"已填报 {filled} / {len(shown)} 个项目")
        if lock.locked:
            when = iso_minute(lock.locked_at) if lock.locked_at else ""
            self.lock_label.setText(f"🔒 已报送（{lock.locked_by or ''} {when}）")
            self.lock_button.setText("解除锁定…")
        else:
            reason = f"（上次解锁：{lock.unlock_reason}）" if lock.unlock_reason else ""
            self.lock_label.setText(f"未报送{reason}")
            self.lock_button.setText("标记已报送")

    def _offer_month_filters(self, rows: list[MonthRow]) -> None:
        lists = [(r.list_name, r.list_id) for r in rows]
        units = sorted({(r.unit, r.unit_id) for r in rows if r.unit}, key=lambda p: p[0])
        for box, label, pairs in (
            (self.report_list_box, "全部清单", lists),
            (self.report_unit_box, "全部责任单位", units),
        ):
            wanted = [label, *dict(pairs)]
            if [box.itemText(i) for i in range(box.count())] == wanted:
                continue
            chosen = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItem(label, None)
            for name, key in dict(pairs).items():
                box.addItem(name, key)
            box.setCurrentIndex(max(box.findText(chosen), 0))
            box.blockSignals(False)

    def _save_month(self, entries: list[CellEntry]) -> None:
        """Store typed or pasted cells (one operation, one undo step); a refusal marks the
        cells red."""
        from app.reports.monthly_reports import save_entries
        from app.reports.report_undo import restore_reports, snapshot_reports

        perform = self._performer()
        assert perform is not None
        year, month, mode = *self.chosen_month(), self.entry_mode()
        project_ids = [entry.project_id for entry in entries]

        def work(session: Session) -> tuple[ReportSnapshot, ReportSnapshot]:
            before = snapshot_reports(session, year, project_ids)
            save_entries(session, year, month, entries, mode)
            return before, snapshot_reports(session, year, project_ids)

        count = len(entries)
        done = perform.undoable(
            work,
            what="月度填报",
            text=f"{month}月填报（{count} 个格子）" if count > 1 else f"{month}月填报",
            undo=lambda both: lambda session: restore_reports(session, both[0], both[1]),
            redo=lambda both: lambda session: restore_reports(session, both[1], both[0]),
            after=lambda _result: self._show_month(year, month),
            raising=(UserError,),
        )
        if isinstance(done, Failed):  # a fault (the server away): the typed values stay, in red
            raise UserError(
                "这次没有保存（原因见提示）：格子里保留了您填的值，恢复后再按回车即可保存。"
            )

    def _show_month(self, year: int, month: int) -> None:
        """After an undo or redo of an entry: the month it changed, on show."""
        if self.chosen_month() != (year, month):
            self.set_month(year, month)
        else:
            self.load_month()

    def toggle_lock(self) -> None:
        """标记已报送, or unlock with a reason; either one is undoable."""
        from app.reports.monthly_reports import lock_month, month_lock, set_month_lock, unlock_month

        perform = self._performer()
        if perform is None:
            return
        year, month = self.chosen_month()
        with perform.database.reading() as session:
            before = month_lock(session, year, month)
        if before.locked:
            reason, ok = QInputDialog.getText(
                self, "解除锁定", f"解除 {year}年{month}月 的锁定，请说明原因："
            )
            if not ok:
                return
            step, what = (lambda session: unlock_month(session, year, month, reason)), "解除锁定"
        else:
            answer = QMessageBox.question(
                self, "标记已报送", f"将 {year}年{month}月 标记为已报送并锁定吗？"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            step, what = (lambda session: lock_month(session, year, month)), "标记已报送"

        def work(session: Session) -> MonthLock:
            step(session)
            return month_lock(session, year, month)

        perform.undoable(
            work,
            what=what,
            text=f"{year}年{month}月{what}",
            undo=lambda _after: lambda session: set_month_lock(session, year, month, before),
            redo=lambda after: lambda session: set_month_lock(session, year, month, after),
            after=lambda _result: self._show_month(year, month),
        )


def _reported(row: MonthRow) -> bool:
    """A project counts as 已填报 for the month once anything of the month was typed."""
    return any(
        value is not None and value != ""
        for value in (row.month_amount, row.cumulative, row.progress, row.bond_spent)
    )
