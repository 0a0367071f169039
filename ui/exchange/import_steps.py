"""The pages of the import wizard, as widgets: choose files, check each sheet's columns, preview,
and what was done. The wizard (import_wizard.py) moves between them and does the work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.exchange.header_detection import SheetLayout
from app.exchange.plan_model import ImportPlan, RowStatus
from ui.exchange.mapping_model import FIELD_COLUMN, FieldDelegate, MappingModel
from ui.exchange.preview_model import PreviewModel
from ui.shell.bus import ChangeBus
from ui.shell.operation import Failed, perform

if TYPE_CHECKING:
    from app.infra.database import Database


class FilesStep(QWidget):
    """第一步: the files, the profile to read them with, the list for rows without one."""

    def __init__(self, profile_names: list[str]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("第一步：选择要导入的表格（.xlsx、.xls、.et；可多选）"))
        self.file_list = QListWidget()
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.file_list, 1)
        row = QHBoxLayout()
        self.add_files_button = QPushButton("添加文件…")
        self.remove_file_button = QPushButton("移除")
        row.addWidget(self.add_files_button)
        row.addWidget(self.remove_file_button)
        row.addStretch(1)
        layout.addLayout(row)
        options = QHBoxLayout()
        options.addWidget(QLabel("交换方案："))
        self.profile_box = QComboBox()
        self.profile_box.addItems(profile_names)
        self.profile_box.setToolTip("按保存的方案识别表头；表头与某个方案保存时相同时，自动使用它")
        options.addWidget(self.profile_box)
        options.addSpacing(16)
        options.addWidget(QLabel("没有“清单”列时放入："))
        self.list_box = QComboBox()
        self.list_box.setEditable(True)
        self.list_box.setToolTip("留空则按表格标题（如“附表3 力促开工项目清单”）或分组行确定清单")
        options.addWidget(self.list_box)
        self.hidden_check = QCheckBox("包括隐藏的工作表")
        options.addWidget(self.hidden_check)
        options.addStretch(1)
        layout.addLayout(options)
        self.remove_file_button.clicked.connect(self.remove_files)

    def add_files(self, paths: list[Path]) -> None:
        """Add files to the list (each once)."""
        present = {self.file_list.item(i).text() for i in range(self.file_list.count())}
        for path in paths:
            if str(path) not in present:
                self.file_list.addItem(str(path))

    def remove_files(self) -> None:
        """移除 the selected files."""
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))

    def files(self) -> list[Path]:
        """The chosen files."""
        return [Path(self.file_list.item(i).text()) for i in range(self.file_list.count())]


class MappingStep(QWidget):
    """第二步: per sheet, where the header is and which field each column fills."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        intro = QLabel(
            "第二步：核对每一列对应的字段。黄色的列含义不明确，请选择字段或“（不导入）”；"
            "灰色的列不导入（右侧写明原因）。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel("工作表："))
        self.sheet_box = QComboBox()
        row.addWidget(self.sheet_box, 1)
        row.addWidget(QLabel("表头在第"))
        self.header_first = QSpinBox()
        self.header_last = QSpinBox()
        for box in (self.header_first, self.header_last):
            box.setRange(1, 30)
        row.addWidget(self.header_first)
        row.addWidget(QLabel("至"))
        row.addWidget(self.header_last)
        row.addWidget(QLabel("行"))
        self.header_first.setToolTip("识别不对时，指定表头所在的行（多行表头写起止两行）")
        self.save_profile_button = QPushButton("保存为交换方案…")
        row.addWidget(self.save_profile_button)
        layout.addLayout(row)
        self.layout_label = QLabel()
        self.layout_label.setWordWrap(True)
        layout.addWidget(self.layout_label)
        self.model = MappingModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(FIELD_COLUMN, FieldDelegate(self.model, self.view))
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((40, 230, 180, 170)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)
        self.model.modelReset.connect(self._open_editors)

    def show_layout(self, layout: SheetLayout | None, samples: dict[int, str]) -> None:
        """Show a sheet's columns, where its header is and what was found around it."""
        self.model.show_layout(layout, samples)
        if layout is None:
            self.layout_label.setText(
                "没有识别出任何工作表的表头，请检查文件，或在上一步选择交换方案。"
            )
            return
        for box, value in ((self.header_first, layout.header_rows[0] + 1),
                           (self.header_last, layout.header_rows[-1] + 1)):  # fmt: skip
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        kind = "问题台账" if layout.kind == "problem" else "项目表"
        asked = sum(1 for c in layout.columns if c.question and c.key is None)
        self.layout_label.setText(
            f"{kind}；标题：{layout.title or '—'}；数据自第 {layout.first_data_row + 1} 行；"
            f"金额单位：{layout.unit}；年份：{layout.year or '未知'}"
            + (f"；月份：{layout.month}月" if layout.month else "")
            + (f"；清单：{layout.list_name}" if layout.list_name else "")
            + (f"；按交换方案「{layout.profile}」识别" if layout.profile else "")
            + (f"。有 {asked} 列需要确认（黄色）。" if asked else "")
        )

    def _open_editors(self) -> None:
        """Every field shows its combo box, as a form would."""
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, FIELD_COLUMN))


class PreviewStep(QWidget):
    """第三步: what the import would do, the report per sheet, and a profile to keep."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        top.addWidget(self.counts_label, 1)
        self.skip_errors_button = QPushButton("不导入有错误的行")
        top.addWidget(self.skip_errors_button)
        layout.addLayout(top)
        self.model = PreviewModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((44, 64, 90, 44, 240)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 3)
        self.tabs = QTabWidget()
        self.report = QTextBrowser()
        self.issues = QTextBrowser()
        self.tabs.addTab(self.report, "导入报告（每个工作表）")
        self.tabs.addTab(self.issues, "问题与提示")
        layout.addWidget(self.tabs, 2)
        keep = QHBoxLayout()
        self.keep_profile = QCheckBox("导入后把这次的识别和更正保存为交换方案：")
        self.keep_profile.setToolTip("下次表头相同的表格自动按它识别，不必再更正")
        self.profile_name = QLineEdit()
        self.profile_name.setPlaceholderText("方案名称（如发来表格的单位）")
        keep.addWidget(self.keep_profile)
        keep.addWidget(self.profile_name, 1)
        layout.addLayout(keep)

    def show_plan(self, plan: ImportPlan, corrected: bool, office: str) -> None:
        """The plan's rows, its report per sheet and its problems; keeping a profile offered
        when the clerk corrected anything."""
        from app.exchange.import_report import report_lines

        self.model.show_plan(plan)
        self.report.setPlainText("\n".join(report_lines(plan)) or "没有识别出任何工作表。")
        issues = plan.all_issues()
        self.issues.setPlainText("\n".join(i.text() for i in issues) or "没有发现问题。")
        self.keep_profile.setChecked(corrected)
        if not self.profile_name.text():
            self.profile_name.setText(office)

    def add_checks(self, *checks: QWidget) -> None:
        """Questions asked above the rows (which year, which units are one)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        for offset, check in enumerate(checks, start=1):
            layout.insertWidget(offset, check)

    def show_counts(self, plan: ImportPlan, *, new_campaign: bool = False) -> bool:
        """The counts line; True when the plan can be imported."""
        counts = plan.counts()
        text = "第三步：预览（尚未写入）。" + "，".join(
            f"{s.value} {counts[s]} 行" for s in RowStatus
        )
        if new_campaign:
            text += "；数据库中还没有攻坚行动，导入时请填写新攻坚行动的名称和起止日期"
        if plan.has_errors():
            text += "。有错误的行须取消勾选，或修改表格后重新导入。"
        self.counts_label.setText(text)
        return not plan.has_errors() and bool(plan.to_write())


class DoneStep(QWidget):
    """导入完成: the batch written and the report of every sheet."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.report = QTextBrowser()
        layout.addWidget(self.report, 1)


def save_reading(
    parent: QWidget, bus: ChangeBus, database: Database, name: str, layout: SheetLayout
) -> bool:
    """Save how `layout` is read as the profile `name`; False when refused (the clerk was told)."""
    from app.exchange.profiles import profile_from_layout, save_profile

    if not name.strip():
        return False
    profile = profile_from_layout(name.strip(), layout)
    saved = perform(
        parent, bus, database, lambda session: save_profile(session, profile), what="保存交换方案"
    )
    return not isinstance(saved, Failed)


def unclear_columns(layouts: dict[tuple[str, str], SheetLayout]) -> list[str]:
    """「sheet」G 列「header」 of every column that looks like investment or dates, unanswered."""
    return [
        f"「{key[1]}」{c.letter} 列「{c.header}」"
        for key, layout in layouts.items()
        for c in layout.columns
        if c.key is None and c.question and c.looks_like
    ]


def confirm_unclear(parent: QWidget, layouts: dict[tuple[str, str], SheetLayout]) -> bool:
    """Columns that look like investment or dates and are still unclear: go on without them?"""
    unclear = unclear_columns(layouts)
    if not unclear:
        return True
    answer = QMessageBox.question(
        parent,
        "有的列还没有确认",
        f"这些列看起来是投资或日期，但含义不明确：{'、'.join(unclear[:8])}"
        + ("……" if len(unclear) > 8 else "")
        + "。\n不导入这些列，继续预览吗？（选“否”回去选择字段）",
    )
    return answer == QMessageBox.StandardButton.Yes
