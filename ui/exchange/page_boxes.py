"""The four boxes of the 数据交换 page as widgets: 导入, 导出报上级, 下发与回收 and 导入记录.
The page (page.py) fills them with the database's data and does the work their buttons ask."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
)

from app.values.date_format import clock_minute, iso_minute, short_month_day
from db.models import ImportBatch
from ui.shell.toolbar import add_button
from ui.widgets.month_picker import MonthPicker
from ui.widgets.rows_model import Column, RowsModel


class ImportBox(QGroupBox):
    """导入: what can be imported, and the button that opens the wizard."""

    def __init__(self) -> None:
        super().__init__("导入")
        layout = QVBoxLayout(self)
        text = QLabel(
            "导入上级下发或各单位报来的项目清单、问题台账（.xlsx、.xls、.et）。"
            "自动识别表头和列，预览确认后一次写入，可整批撤销。"
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.import_button = add_button(row, "导入表格…", "选择文件，核对列，预览后写入")
        row.addStretch(1)
        layout.addLayout(row)


class ExportBox(QGroupBox):
    """导出报上级: the exchange profile to export with, its editor, Excel and JSON."""

    def __init__(self) -> None:
        super().__init__("导出报上级")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("交换方案："))
        self.profile_box = QComboBox()
        self.profile_box.setMinimumWidth(180)
        row.addWidget(self.profile_box, 1)
        self.edit_profile_button = add_button(row, "编辑方案…")
        self.new_profile_button = add_button(row, "新建方案…")
        layout.addLayout(row)
        row2 = QHBoxLayout()
        self.export_button = add_button(row2, "导出 Excel…", "附表1—附表7、问题台账、督办台账")
        self.json_button = add_button(row2, "导出 JSON…", "供其他程序读取的项目与问题数据")
        row2.addStretch(1)
        layout.addLayout(row2)

    def show_profiles(self, names: list[str]) -> None:
        """List the profiles, keeping the one chosen (else the first)."""
        chosen = self.profile_box.currentText()
        self.profile_box.clear()
        self.profile_box.addItems(names)
        self.profile_box.setCurrentIndex(max(self.profile_box.findText(chosen), 0))


class FillInBox(QGroupBox):
    """下发与回收: the month, the units to tick, 生成填报表 and 回收合并."""

    def __init__(self) -> None:
        super().__init__("下发与回收（各责任单位填报）")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.month_picker = MonthPicker()
        row.addWidget(self.month_picker)
        row.addStretch(1)
        layout.addLayout(row)
        self.units = QListWidget()
        layout.addWidget(self.units, 1)
        row2 = QHBoxLayout()
        self.fill_in_button = add_button(row2, "生成填报表…", "为勾选的单位各生成一份填报表")
        self.merge_button = add_button(row2, "回收合并…", "选择各单位交回的填报表，合并写入")
        row2.addStretch(1)
        layout.addLayout(row2)

    def show_units(self, units: list[tuple[int, str, int]]) -> None:
        """List the units with projects as (id, name, project count), keeping the ticks."""
        checked = set(self.chosen_units())
        self.units.clear()
        for unit_id, name, count in units:
            item = QListWidgetItem(f"{name}（{count} 个项目）")
            item.setData(Qt.ItemDataRole.UserRole, unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if unit_id in checked else Qt.CheckState.Unchecked
            )
            self.units.addItem(item)

    def chosen_units(self) -> list[int]:
        """Ids of the ticked units."""
        return [
            self.units.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.units.count())
            if self.units.item(i).checkState() == Qt.CheckState.Checked
        ]


class BatchesBox(QGroupBox):
    """导入记录: every import batch with its state, and 撤销此批次."""

    def __init__(self) -> None:
        super().__init__("导入记录")
        layout = QVBoxLayout(self)
        self.model: RowsModel[ImportBatch] = RowsModel(
            [
                Column("批次", lambda b: f"#{b.id}", centred=True),
                Column("时间", lambda b: iso_minute(b.at), centred=True),
                Column("类型", lambda b: b.kind, centred=True),
                Column("文件", lambda b: b.source_file),
                Column("行数", lambda b: b.row_count, centred=True),
                Column("操作人", lambda b: b.operator or "", centred=True),
                Column(
                    "状态",
                    lambda b: (
                        f"已撤销 {short_month_day(b.undone_at)} {clock_minute(b.undone_at)}"
                        if b.undone_at
                        else "有效"
                    ),
                ),
            ]
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((56, 124, 90, 260, 56, 80)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.undo_button = add_button(row, "撤销此批次…", "把这次导入的全部新增和修改取消")
        row.addStretch(1)
        layout.addLayout(row)
