"""设置 → 节假日: a year's holidays and 调休 days; add, delete, import a sheet, reset."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.errors import UserError
from app.values.date_format import chinese_month_day, iso_date
from db.enums import HolidayKind
from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.operation import Failed, Performer
from ui.widgets.file_dialogs import open_file
from ui.widgets.form_dialog import add_ok_cancel
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from app.infra.database import Database
    from app.schedule.holiday_edits import HolidayRow

WEEKDAYS = "一二三四五六日"


class HolidaysTab(QWidget):
    """One year of the holiday table at a time."""

    def __init__(
        self, bus: ChangeBus, settings: Settings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._settings = settings or Settings()
        self._database: Database | None = None
        layout = QVBoxLayout(self)
        tools = QHBoxLayout()
        tools.addWidget(QLabel("年份："))
        self.year_box = QComboBox()
        self.year_box.setMinimumWidth(90)
        tools.addWidget(self.year_box)
        self.add_button = QPushButton("新增一天…")
        self.delete_button = QPushButton("删除所选")
        self.import_button = QPushButton("从表格导入…")
        self.import_button.setToolTip("表格第一行为“日期、类型、名称”；类型写“放假”或“上班”")
        self.reset_button = QPushButton("恢复内置数据")
        for button in (self.add_button, self.delete_button, self.import_button, self.reset_button):
            tools.addWidget(button)
        tools.addStretch(1)
        layout.addLayout(tools)
        columns: list[Column[HolidayRow]] = [
            Column("日期", lambda r: iso_date(r.day), centred=True),
            Column("星期", lambda r: f"周{WEEKDAYS[r.day.weekday()]}", centred=True),
            Column("类型", lambda r: r.kind.value, centred=True),
            Column("名称", lambda r: r.name),
        ]
        self.model: RowsModel[HolidayRow] = RowsModel(columns)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setObjectName("cardLabel")
        layout.addWidget(self.summary)
        self.year_box.currentTextChanged.connect(lambda _t: self.refresh_days())
        self.add_button.clicked.connect(self.add_day)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_sheet)
        self.reset_button.clicked.connect(self.reset_year)

    def set_database(self, database: Database | None) -> None:
        """Show the years of `database`."""
        self._database = database
        self.refresh_years()

    def year(self) -> int | None:
        """The year chosen."""
        text = self.year_box.currentText().removesuffix("年")
        return int(text) if text.isdigit() else None

    def refresh_years(self, keep: int | None = None) -> None:
        """Offer every year with data and the next one (to enter a new notice)."""
        from app.schedule.holiday_edits import years

        if self._database is None:
            return
        with self._database.reading() as session:
            known = years(session)
        offered = sorted(
            set(known) | {dt.date.today().year, (max(known) if known else dt.date.today().year) + 1}
        )
        wanted = keep or self.year() or dt.date.today().year
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItems([f"{y}年" for y in offered])
        self.year_box.setCurrentText(f"{wanted}年")
        self.year_box.blockSignals(False)
        self.refresh_days()

    def refresh_days(self) -> None:
        """Show the chosen year's days."""
        from app.schedule.holiday_edits import days_of

        year = self.year()
        if self._database is None or year is None:
            return
        with self._database.reading() as session:
            rows = days_of(session, year)
        self.model.set_rows(rows)
        holidays = sum(1 for r in rows if r.kind is HolidayKind.HOLIDAY)
        if rows:
            self.summary.setText(
                f"{year}年：放假 {holidays} 天，调休上班 {len(rows) - holidays} 天。"
            )
        else:
            self.summary.setText(
                f"{year}年还没有节假日数据：按工作日排期时，这一年将按普通周末计算并提示。"
            )

    def _run(
        self,
        work: Callable[[Session], object],
        what: str,
        covered: Callable[[Session], set[int]],
        keep: int | None = None,
    ) -> None:
        """Change the table as an operation, undoable: the `covered` years are kept as they were
        and written back by Ctrl+Z. On success show the year again."""
        from app.schedule.holiday_edits import YearDays, restore_years, snapshot_years

        assert self._database is not None

        def change(session: Session) -> YearDays:
            before = snapshot_years(session, covered(session))
            work(session)
            return before

        def after(_result: object) -> None:
            self.refresh_years(self.year())

        performer = Performer(self, self._bus, self._database)
        try:
            done = performer.undoable(
                change,
                what=what,
                undo=lambda before: lambda session: restore_years(session, before),
                redo=lambda _before: work,
                after=after,
                raising=(UserError,),
            )
        except UserError as exc:
            show_user_error(self, exc, "无法完成")
            return
        if not isinstance(done, Failed):
            self.refresh_years(keep or self.year())

    def add_day(self) -> None:
        """Ask for a date, its kind and name; add it."""
        from app.schedule.holiday_edits import add_day

        if self._database is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle("新增节假日")
        form = QFormLayout(dialog)
        day = QDateEdit()
        day.setCalendarPopup(True)
        day.setDisplayFormat("yyyy-MM-dd")
        year = self.year() or dt.date.today().year
        day.setDate(QDate(year, 1, 1))
        kind = QComboBox()
        kind.addItems([k.value for k in HolidayKind])
        name = QLineEdit()
        name.setPlaceholderText("例如：春节")
        form.addRow("日期：", day)
        form.addRow("类型：", kind)
        form.addRow("名称：", name)
        add_ok_cancel(dialog, form)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = day.date()
        on = dt.date(chosen.year(), chosen.month(), chosen.day())
        what, named = HolidayKind(kind.currentText()), name.text()
        self._run(
            lambda session: add_day(session, on, what, named), "新增节假日", lambda _s: {on.year}
        )

    def delete_selected(self) -> None:
        """Delete the selected days after confirming."""
        from app.schedule.holiday_edits import delete_days, years_of_days

        chosen = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if self._database is None or not chosen:
            return
        days = "、".join(chinese_month_day(self.model.rows[r].day) for r in chosen[:6])
        answer = QMessageBox.question(
            self, "删除节假日", f"确定删除 {len(chosen)} 天（{days}…）吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [self.model.rows[r].id for r in chosen]
        self._run(
            lambda session: delete_days(session, ids),
            "删除节假日",
            lambda session: years_of_days(session, ids),
        )

    def import_sheet(self) -> None:
        """Replace the years a sheet covers by its days (all or nothing)."""
        from app.schedule.holiday_edits import import_days, read_sheet

        if self._database is None:
            return
        chosen = open_file(self, self._settings, "导入节假日表格", "Excel 表格 (*.xlsx)")
        if chosen is None:
            return
        try:
            days = read_sheet(chosen)
            covered = "、".join(str(y) for y in sorted({d.year for d, _, _ in days}))
            answer = QMessageBox.question(
                self,
                "导入节假日",
                f"表格包含 {covered} 年的 {len(days)} 天，将替换这些年份原有的数据。继续吗？",
            )
        except UserError as exc:
            show_user_error(self, exc, "无法导入")
            return
        if answer == QMessageBox.StandardButton.Yes:
            first = min(d.year for d, _, _ in days)
            sheet_years = {d.year for d, _, _ in days}
            self._run(
                lambda session: import_days(session, days),
                "导入节假日",
                lambda _s: sheet_years,
                keep=first,
            )

    def reset_year(self) -> None:
        """Put the built-in data of the chosen year back."""
        from app.schedule.holiday_edits import reset_year

        year = self.year()
        if self._database is None or year is None:
            return
        answer = QMessageBox.question(
            self, "恢复内置数据", f"用内置数据替换 {year} 年的全部节假日吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run(lambda session: reset_year(session, year), "恢复内置节假日", lambda _s: {year})
