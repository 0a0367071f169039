"""The import wizard: choose files → confirm or fix each sheet's column mapping → preview → import.

Nothing is written before the last step; the write is one transaction, with progress and cancel.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.exchange.fields import PROJECT_FIELDS
from app.exchange.header_detection import SheetLayout
from app.exchange.import_plan import ImportPlan, RowStatus
from app.infra.changes import Change
from app.infra.errors import UserError
from ui.exchange.preview_checks import AS_THIS_YEAR, INTO_MATCHING, PeriodChoice, UnitMerges
from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.operation import Failed, LongOperation, perform
from ui.widgets.file_dialogs import open_files

if TYPE_CHECKING:
    from app.campaign.setup import CampaignSetup
    from app.exchange.import_period import PeriodMismatch
    from app.infra.database import Database
    from app.projects.unit_matching import UnitMatch

IGNORE = "（不导入）"
_STATUS_COLOURS = {
    RowStatus.NEW: "#1b5e20",
    RowStatus.UPDATED: "#0d47a1",
    RowStatus.UNCHANGED: "#616161",
    RowStatus.ERROR: "#b71c1c",
}


class ImportWizard(QDialog):
    """Three steps over one plan; `imported` carries the batch id."""

    imported = Signal(int)

    def __init__(
        self,
        database: Database,
        bus: ChangeBus,
        profile_names: list[str],
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入 Excel 表格")
        self._settings = settings or Settings()
        self._database = database
        self._bus = bus
        self.plan: ImportPlan | None = None
        self.mismatch: PeriodMismatch | None = None
        self.unit_proposals: list[UnitMatch] = []
        self.target_campaign_id: int | None = bus.campaign_id
        self.layouts: dict[tuple[str, str], SheetLayout] = {}
        self._sheets: dict[tuple[str, str], Any] = {}
        self._samples: dict[tuple[str, str], dict[int, str]] = {}
        self.steps = QStackedWidget()
        self.steps.addWidget(self._files_step(profile_names))
        self.steps.addWidget(self._mapping_step())
        self.steps.addWidget(self._preview_step())
        self.back_button = QPushButton("上一步")
        self.next_button = QPushButton("下一步")
        self.next_button.setDefault(True)
        cancel = QPushButton("取消")
        buttons = QHBoxLayout()
        self.step_label = QLabel()
        self.step_label.setObjectName("cardLabel")
        buttons.addWidget(self.step_label)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        cancel.clicked.connect(self.reject)
        self.resize(1000, 640)
        self._show_step(0)

    # ----- step 1: files -------------------------------------------------------------------
    def _files_step(self, profile_names: list[str]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("第一步：选择要导入的表格（.xlsx、.xls、.et；可多选）"))
        self.file_list = QListWidget()
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
        options.addWidget(self.profile_box)
        options.addSpacing(16)
        options.addWidget(QLabel("没有“清单”列时放入："))
        self.list_box = QComboBox()
        self.list_box.setEditable(True)
        self.list_box.setToolTip("留空则按表格标题（如“附表3 力促开工项目清单”）确定清单")
        options.addWidget(self.list_box)
        self.hidden_check = QCheckBox("包括隐藏的工作表")
        options.addWidget(self.hidden_check)
        options.addStretch(1)
        layout.addLayout(options)
        self.add_files_button.clicked.connect(self.choose_files)
        self.remove_file_button.clicked.connect(
            lambda: [
                self.file_list.takeItem(self.file_list.row(i))
                for i in self.file_list.selectedItems()
            ]
        )
        return page

    def set_lists(self, names: list[str]) -> None:
        """Offer the campaign's lists for rows without a list column."""
        self.list_box.clear()
        self.list_box.addItem("")
        self.list_box.addItems(names)

    def choose_files(self) -> None:
        """添加文件…"""
        self.add_files(
            open_files(
                self,
                self._settings,
                "选择要导入的表格",
                "Excel 表格 (*.xlsx *.xls *.et);;所有文件 (*)",
            )
        )

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

    # ----- step 2: mapping -----------------------------------------------------------------
    def _mapping_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel("第二步：核对每一列对应的字段（自动识别；不对的请改，不需要的选“（不导入）”）")
        )
        row = QHBoxLayout()
        row.addWidget(QLabel("工作表："))
        self.sheet_box = QComboBox()
        row.addWidget(self.sheet_box, 1)
        row.addWidget(QLabel("表头在第"))
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 15)
        self.header_row.setSuffix(" 行")
        self.header_row.setToolTip("识别不对时，指定表头所在的行（两行表头指上面一行）")
        row.addWidget(self.header_row)
        self.save_profile_button = QPushButton("保存为交换方案…")
        row.addWidget(self.save_profile_button)
        layout.addLayout(row)
        self.layout_label = QLabel()
        self.layout_label.setWordWrap(True)
        layout.addWidget(self.layout_label)
        self.mapping = QTableWidget(0, 4)
        self.mapping.setHorizontalHeaderLabels(["列", "表头", "示例", "导入为"])
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mapping.setColumnWidth(0, 40)
        self.mapping.setColumnWidth(1, 220)
        self.mapping.setColumnWidth(3, 180)
        layout.addWidget(self.mapping, 1)
        self.sheet_box.currentIndexChanged.connect(lambda _i: self._show_mapping())
        self.header_row.valueChanged.connect(self.choose_header_row)
        self.save_profile_button.clicked.connect(self.save_profile)
        return page

    def _show_mapping(self) -> None:
        key = self.sheet_box.currentData()
        layout = self.layouts.get(key) if key else None
        self.mapping.setRowCount(0)
        if layout is None:
            return
        first = layout.header_rows[0] + 1
        last = layout.header_rows[-1] + 1
        self.header_row.blockSignals(True)
        self.header_row.setValue(first)
        self.header_row.blockSignals(False)
        self.layout_label.setText(
            f"标题：{layout.title or '—'}；表头在第 {first}"
            + (f"—{last}" if last > first else "")
            + f" 行，数据自第 {layout.first_data_row + 1} 行；金额单位：{layout.unit}；"
            f"年份：{layout.year or '未知'}；清单：{layout.list_name or '（按选择或未分类）'}"
        )
        samples = self._samples.get(key, {})
        labels = [IGNORE, *(f.header for f in PROJECT_FIELDS if f.key != "number")]
        keys = [None, *(f.key for f in PROJECT_FIELDS if f.key != "number")]
        for column in layout.columns:
            if not column.header and column.key is None:
                continue
            row = self.mapping.rowCount()
            self.mapping.insertRow(row)
            self.mapping.setItem(row, 0, _item(column.letter))
            self.mapping.setItem(row, 1, _item(column.header))
            self.mapping.setItem(row, 2, _item(samples.get(column.index, "")))
            box = QComboBox()
            box.addItems(labels)
            box.setCurrentIndex(keys.index(column.key) if column.key in keys else 0)
            if column.how == "fuzzy":
                box.setStyleSheet("color: #b26a00;")
                box.setToolTip("按相似度猜测，请确认")
            box.currentIndexChanged.connect(
                lambda i, index=column.index, k=key: self._remap(k, index, keys[i])
            )
            self.mapping.setCellWidget(row, 3, box)

    def choose_header_row(self, number: int) -> None:
        """The clerk says where the header is: the columns are read again from that row."""
        from app.exchange.header_detection import find_layout

        key = self.sheet_box.currentData()
        sheet = self._sheets.get(key) if key else None
        if sheet is None:
            return
        layout = find_layout(
            sheet, PROJECT_FIELDS, known_headers=self._known_headers(), header_row=number - 1
        )
        if layout is not None:
            self.layouts[key] = layout
            self._samples[key] = _samples(sheet.rows, layout)
        self._show_mapping()

    def _remap(self, key: tuple[str, str], index: int, field_key: str | None) -> None:
        self.layouts[key] = self.layouts[key].remap(index, field_key)
        self._show_mapping()

    def save_profile(self) -> None:
        """保存为交换方案: the mapping of the sheet on show, under a name."""
        from app.exchange.profiles import profile_from_layout, save_profile

        key = self.sheet_box.currentData()
        if key is None:
            return
        name, ok = QInputDialog.getText(self, "保存为交换方案", "方案名称：")
        if not ok or not name.strip():
            return
        profile = profile_from_layout(name.strip(), self.layouts[key])
        saved = perform(
            self,
            self._bus,
            self._database,
            lambda session: save_profile(session, profile),
            what="保存交换方案",
        )
        if isinstance(saved, Failed):
            return
        if self.profile_box.findText(name.strip()) < 0:
            self.profile_box.addItem(name.strip())

    # ----- step 3: preview -----------------------------------------------------------------
    def _preview_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        top.addWidget(self.counts_label, 1)
        self.skip_errors_button = QPushButton("不导入有错误的行")
        self.skip_errors_button.clicked.connect(self.skip_error_rows)
        top.addWidget(self.skip_errors_button)
        layout.addLayout(top)
        self.period = PeriodChoice()
        self.period.chosen.connect(self._period_chosen)
        layout.addWidget(self.period)
        self.unit_merges = UnitMerges()
        layout.addWidget(self.unit_merges)
        self.preview = QTableWidget(0, 6)
        self.preview.setHorizontalHeaderLabels(
            ["导入", "结果", "工作表", "行", "项目/问题", "变化"]
        )
        self.preview.verticalHeader().hide()
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((44, 64, 90, 44, 240)):
            self.preview.setColumnWidth(column, width)
        layout.addWidget(self.preview, 2)
        layout.addWidget(QLabel("问题与提示："))
        self.issues = QTextBrowser()
        layout.addWidget(self.issues, 1)
        self.preview.itemChanged.connect(self._include_changed)
        return page

    def _fill_preview(self) -> None:
        assert self.plan is not None
        plan = self.plan
        self.preview.blockSignals(True)
        self.preview.setRowCount(0)
        shown = [r for r in plan.rows if r.status is not RowStatus.UNCHANGED][:5000]
        for row in shown:
            r = self.preview.rowCount()
            self.preview.insertRow(r)
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if row.include else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, plan.rows.index(row))
            self.preview.setItem(r, 0, check)
            status = _item(row.status.value)
            status.setForeground(QBrush(QColor(_STATUS_COLOURS[row.status])))
            self.preview.setItem(r, 1, status)
            self.preview.setItem(r, 2, _item(row.sheet))
            self.preview.setItem(r, 3, _item(str(row.row)))
            self.preview.setItem(r, 4, _item(row.name))
            changes = "；".join(
                f"{c.label}：{c.old or '空'} → {c.new or '空'}" for c in row.changes
            )
            if row.status is RowStatus.ERROR:
                changes = "；".join(i.message for i in row.issues if i.error)
            change_item = _item(changes)
            change_item.setToolTip(changes.replace("；", "\n"))
            self.preview.setItem(r, 5, change_item)
        self.preview.blockSignals(False)
        issues = plan.all_issues()
        self.issues.setPlainText("\n".join(i.text() for i in issues) or "没有发现问题。")
        self.period.show_mismatch(self.mismatch)
        self.unit_merges.show_proposals(self.unit_proposals)
        self._show_counts()

    def _show_counts(self) -> None:
        assert self.plan is not None
        counts = self.plan.counts()
        text = "第三步：预览（尚未写入）。" + "，".join(
            f"{s.value} {counts[s]} 行" for s in RowStatus
        )
        if self.plan.campaign_name:
            text += f"；将新建攻坚行动「{self.plan.campaign_name}」"
        if self.plan.has_errors():
            text += "。有错误的行须取消勾选，或修改表格后重新导入。"
        if not self.period.answered():
            text += "。请先在上方选择这份表格导入到哪里。"
        self.counts_label.setText(text)
        self.next_button.setEnabled(
            not self.plan.has_errors() and bool(self.plan.to_write()) and self.period.answered()
        )

    def skip_error_rows(self) -> None:
        """Leave out every row with an error (the rest can then be imported)."""
        if self.plan is None:
            return
        for row in self.plan.rows:
            if row.status is RowStatus.ERROR:
                row.include = False
        self._fill_preview()

    def _include_changed(self, item: QTableWidgetItem) -> None:
        if self.plan is None or item.column() != 0:
            return
        index = item.data(Qt.ItemDataRole.UserRole)
        self.plan.rows[index].include = item.checkState() == Qt.CheckState.Checked
        self._show_counts()

    # ----- navigation ----------------------------------------------------------------------
    def _show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.back_button.setEnabled(step > 0)
        self.next_button.setText("导入" if step == 2 else "下一步")
        self.next_button.setEnabled(True)
        self.step_label.setText(f"第 {step + 1} / 3 步")
        if step == 2:
            self._fill_preview()

    def back(self) -> None:
        """上一步."""
        self._show_step(max(self.steps.currentIndex() - 1, 0))

    def forward(self) -> None:
        """下一步, or 导入 on the last step."""
        step = self.steps.currentIndex()
        try:
            if step == 0:
                self._read_files()
            elif step == 1:
                self._plan()
            else:
                self._write()
                return
        except UserError as exc:
            show_user_error(self, exc)
            return
        self._show_step(step + 1)

    def _known_headers(self) -> dict[str, str] | None:
        from app.exchange.profiles import DEFAULT_NAME, load_profile

        name = self.profile_box.currentText()
        if not name or name == DEFAULT_NAME:
            return None
        with self._database.reading() as session:
            return load_profile(session, name).known_headers()

    def _read_files(self) -> None:
        """Find each sheet's layout (and a few sample values per column)."""
        from app.exchange.fields import PROBLEM_FIELDS
        from app.exchange.header_detection import find_layout
        from app.exchange.problem_import import is_problem_layout
        from app.exchange.reading import read_workbook

        files = self.files()
        if not files:
            raise UserError("请先添加要导入的表格文件。")
        self.layouts, self._samples, self._sheets = {}, {}, {}
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        known = self._known_headers()
        problems = []
        readable = False
        for path in files:
            try:
                book = read_workbook(path)
            except UserError as exc:
                problems.append(exc.message)
                continue
            readable = True
            for sheet in book.sheets:
                if sheet.hidden and not self.hidden_check.isChecked():
                    continue
                ledger = find_layout(sheet, PROBLEM_FIELDS)
                if ledger is not None and is_problem_layout(ledger):
                    continue  # problem ledgers need no column fixing here; the preview shows them
                layout = find_layout(sheet, PROJECT_FIELDS, known_headers=known)
                if layout is None:
                    continue
                key = (path.name, sheet.name)
                self._sheets[key] = sheet
                self.layouts[key] = layout
                self._samples[key] = _samples(sheet.rows, layout)
                self.sheet_box.addItem(f"{path.name} · {sheet.name}", key)
        self.sheet_box.blockSignals(False)
        if not readable:
            raise UserError("\n".join(problems))
        if not self.layouts:
            self.layout_label.setText(
                "没有需要核对列的项目清单（问题台账按表头自动识别），请点“下一步”预览。"
            )
        self._show_mapping()

    def _plan(self) -> None:
        from app.exchange.import_period import check_period, relabel_year, workbook_year
        from app.exchange.import_plan import plan_import
        from app.projects.unit_matching import (
            incoming_unit_names,
            propose_unit_merges,
            stored_units,
        )

        chosen = self._bus.campaign_id
        with self._database.reading() as session:
            self.mismatch = check_period(session, chosen, workbook_year(self.layouts.values()))
            layouts = self.layouts
            choice = self.period.choice() if self.mismatch is not None else None
            if choice == INTO_MATCHING and self.mismatch is not None:
                chosen = self.mismatch.matching_id
            elif choice == AS_THIS_YEAR and self.mismatch is not None:
                year = self.mismatch.campaign_years[0]
                layouts = dict(
                    zip(self.layouts, relabel_year(self.layouts.values(), year), strict=True)
                )
            self.target_campaign_id = chosen
            self.plan = plan_import(
                session,
                self.files(),
                known_headers=self._known_headers(),
                list_name=self.list_box.currentText().strip() or None,
                include_hidden=self.hidden_check.isChecked(),
                layouts=layouts,
                campaign_id=chosen,
            )
            self.unit_proposals = propose_unit_merges(
                incoming_unit_names(r.values for r in self.plan.rows if r.include),
                stored_units(session),
            )

    def _period_chosen(self) -> None:
        """Plan again for the campaign (or year) chosen, and show it."""
        try:
            self._plan()
        except UserError as exc:
            show_user_error(self, exc)
            return
        self._fill_preview()

    def _write(self) -> None:
        """Write the plan off the window's thread (a backup first), with progress and 取消."""
        from app.exchange.import_write import write_import
        from app.projects.unit_matching import rename_units

        plan, source = self.plan, "、".join(p.name for p in self.files())
        assert plan is not None
        campaign_id = self.target_campaign_id
        renamed = self.unit_merges.renamed()
        for row in plan.rows:
            rename_units(row.values, renamed)
        new_campaign = None
        if campaign_id is None:  # 导入上级下发的表格 on an empty database: name it first
            new_campaign = self.ask_campaign(plan)
            if new_campaign is None:
                return
        self.writing = LongOperation(
            self,
            self._bus,
            self._database,
            lambda session, progress: write_import(
                session,
                plan,
                source,
                campaign_id=campaign_id,
                new_campaign=new_campaign,
                progress=progress,
            ),
            what=f"导入「{source}」",
            title="正在导入…",
            changes={
                Change.PROJECTS,
                Change.PROBLEMS,
                Change.REPORTS,
                Change.ORGANISATION,
                *((Change.CAMPAIGN,) if new_campaign is not None else ()),
            },
            backup="导入前",
        )
        self.writing.on_success(self._written)
        self.writing.start()

    def ask_campaign(self, plan: ImportPlan) -> CampaignSetup | None:
        """The campaign the workbook starts: its name and dates asked, the rest proposed."""
        from app.campaign.setup import proposed_form
        from ui.campaign.editor_dialog import NewCampaignDialog
        from ui.shell.operation import Performer

        today = dt.date.today()
        with self._database.reading() as session:
            proposal = proposed_form(session, today)
        year = plan.year or today.year
        title = plan.campaign_name or ""
        # A sheet's title ("附表3 力促开工项目清单") names a list, not the campaign.
        proposal.name = title if title and "附表" not in title else f"{year}年重点项目攻坚行动"
        if year != today.year:
            proposal.start, proposal.end = f"{year}-01-01", f"{year}-12-31"
        dialog = NewCampaignDialog(
            Performer(self, self._bus, self._database),
            today,
            self,
            proposal=proposal,
            only_check=True,
            intro="这份表格将建立新的攻坚行动。请核对名称和起止日期（可按下发文件填写），"
            "表中的清单与项目随后一次导入。",
        )
        self.campaign_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.setup

    def _written(self, batch: int) -> None:
        self.batch_id = batch
        self.imported.emit(batch)
        self.accept()


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _samples(rows: list[list[Any]], layout: SheetLayout) -> dict[int, str]:
    """Up to three values per column from the first data rows."""
    found: dict[int, list[str]] = {}
    for cells in rows[layout.first_data_row : layout.first_data_row + 6]:
        for index, value in enumerate(cells):
            text = str(value).strip() if value not in (None, "") else ""
            if text and len(found.setdefault(index, [])) < 3:
                found[index].append(text[:20])
    return {index: "、".join(values) for index, values in found.items()}
