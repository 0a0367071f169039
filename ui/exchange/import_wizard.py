"""The import wizard: choose files → check or correct each sheet's columns → preview with a
report per sheet → import → what was done. Reading, planning and writing run off the window's
thread (ui.shell.operation); nothing is written before 导入, and that is one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.exchange.import_plan import ImportPlan, RowStatus
from app.exchange.layout_choice import read_layouts
from app.infra.errors import UserError
from ui.exchange.import_planning import Planned, PlanRequest, plan_for_period
from ui.exchange.import_steps import (
    DoneStep,
    FilesStep,
    MappingStep,
    PreviewStep,
    confirm_unclear,
    save_reading,
)
from ui.exchange.import_writing import ask_campaign, write_operation
from ui.exchange.preview_checks import PeriodChoice, UnitMerges
from ui.exchange.sheet_readings import Key, SheetReadings
from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.operation import LongOperation, file_operation
from ui.widgets.file_dialogs import open_files

if TYPE_CHECKING:
    from app.exchange.import_period import PeriodMismatch
    from app.infra.database import Database
    from app.projects.unit_matching import UnitMatch

_STEPS = ("选择文件", "核对列", "预览", "完成")


class ImportWizard(QDialog):
    """Four steps over one plan; `imported` carries the batch id, `stepped` the step shown."""

    imported = Signal(int)
    stepped = Signal(int)

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
        self._database = database
        self._bus = bus
        self._settings = settings or Settings()
        self.plan: ImportPlan | None = None
        # A workbook of another year: the clerk's choice decides the campaign and the year read.
        self.mismatch: PeriodMismatch | None = None
        self.unit_proposals: list[UnitMatch] = []
        self.target_campaign_id: int | None = bus.campaign_id
        self.readings = SheetReadings()
        self.batch_id: int | None = None
        self.operation: LongOperation[Any] | None = None
        self.files_step = FilesStep(profile_names)
        self.mapping_step = MappingStep()
        self.preview_step = PreviewStep()
        self.period = PeriodChoice()
        self.unit_merges = UnitMerges()
        self.preview_step.add_checks(self.period, self.unit_merges)
        self.done_step = DoneStep()
        self.steps = QStackedWidget()
        for step in (self.files_step, self.mapping_step, self.preview_step, self.done_step):
            self.steps.addWidget(step)
        self.back_button = QPushButton("上一步")
        self.next_button = QPushButton("下一步")
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton("取消")
        self.step_label = QLabel()
        self.step_label.setObjectName("cardLabel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self._connect()
        self.resize(1000, 640)
        self._show_step(0)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        self.cancel_button.clicked.connect(self.reject)
        self.files_step.add_files_button.clicked.connect(self.choose_files)
        mapping = self.mapping_step
        mapping.sheet_box.currentIndexChanged.connect(lambda _i: self._show_mapping())
        mapping.header_first.valueChanged.connect(lambda _v: self.choose_header_rows())
        mapping.header_last.valueChanged.connect(lambda _v: self.choose_header_rows())
        mapping.save_profile_button.clicked.connect(self.save_profile)
        mapping.model.remapped.connect(self._remap)
        self.preview_step.skip_errors_button.clicked.connect(self.skip_error_rows)
        self.preview_step.model.include_changed.connect(self._show_counts)
        self.period.chosen.connect(self._plan)

    # ----- the steps' widgets, by the names the page and the tests use -----------------------
    @property
    def sheet_box(self) -> Any:
        """The sheet chooser of the mapping step."""
        return self.mapping_step.sheet_box

    @property
    def counts_label(self) -> QLabel:
        """The preview's counts."""
        return self.preview_step.counts_label

    @property
    def issues(self) -> Any:
        """The preview's problems and notes."""
        return self.preview_step.issues

    def set_lists(self, names: list[str]) -> None:
        """Offer the campaign's lists for rows without a list column."""
        box = self.files_step.list_box
        box.clear()
        box.addItem("")
        box.addItems(names)

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
        self.files_step.add_files(paths)

    def files(self) -> list[Path]:
        """The chosen files."""
        return self.files_step.files()

    # ----- navigation --------------------------------------------------------------------
    def _show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.back_button.setEnabled(0 < step < 3)
        self.cancel_button.setEnabled(step < 3)
        self.next_button.setText(("下一步", "下一步", "导入", "完成")[step])
        self.next_button.setEnabled(True)
        self.step_label.setText(f"第 {step + 1} / 4 步：{_STEPS[step]}")
        if step == 2:
            self._show_counts()
        self.stepped.emit(step)

    def back(self) -> None:
        """上一步."""
        self._show_step(max(self.steps.currentIndex() - 1, 0))

    def forward(self) -> None:
        """下一步, 导入 on the preview, 完成 at the end."""
        step = self.steps.currentIndex()
        try:
            if step == 0:
                self._read_files()
            elif step == 1 and confirm_unclear(self, self.readings.layouts):
                self._plan()
            elif step == 2:
                self._write()
            elif step == 3:
                self.accept()
        except UserError as exc:
            from ui.shell.crash import show_user_error

            show_user_error(self, exc)

    # ----- step 1 → 2: read the files ------------------------------------------------------
    def _read_files(self) -> None:
        """Find each sheet's layout (a saved office layout where one fits), off the thread."""
        files = self.files()
        if not files:
            raise UserError("请先添加要导入的表格文件。")
        from app.exchange.layout_choice import choice_for

        with self._database.reading() as session:
            choice, year = choice_for(
                session, self._bus.campaign_id, self.files_step.profile_box.currentText()
            )
        hidden = self.files_step.hidden_check.isChecked()
        self.operation = file_operation(
            self,
            self._bus,
            lambda progress: read_layouts(files, (choice, year), hidden, progress),
            what="读取表格",
            title="正在读取表格…",
        )
        self.operation.on_success(self._files_read)
        self.operation.start()

    def _files_read(self, found: tuple[dict[Key, Any], list[str]]) -> None:
        sheets, problems = found
        if not sheets and problems:
            from ui.shell.crash import show_user_error

            show_user_error(self, UserError("\n".join(problems)))
            return
        self.readings.load(sheets)
        box = self.mapping_step.sheet_box
        box.blockSignals(True)
        box.clear()
        for key in self.readings.layouts:
            box.addItem(f"{key[0]} · {key[1]}", key)
        box.blockSignals(False)
        self._show_mapping()
        self._show_step(1)

    def _show_mapping(self) -> None:
        key = self.mapping_step.sheet_box.currentData()
        layout = self.readings.layouts.get(key) if key else None
        self.mapping_step.show_layout(layout, self.readings.samples.get(key, {}) if key else {})

    def choose_header_rows(self) -> None:
        """The clerk says where the header is: the columns are read again from those rows."""
        step = self.mapping_step
        key = step.sheet_box.currentData()
        if not key or key not in self.readings.sheets:
            return
        first, last = step.header_first.value(), step.header_last.value()
        if last < first:
            step.header_last.blockSignals(True)
            step.header_last.setValue(first)
            step.header_last.blockSignals(False)
            last = first
        self.readings.read_header_rows(key, first, last)
        self._show_mapping()

    def _remap(self, index: int, field_key: str | None) -> None:
        self.readings.remap(self.mapping_step.sheet_box.currentData(), index, field_key)
        self._show_mapping()

    def save_profile(self) -> None:
        """保存为交换方案: how the sheet on show is read, under a name."""
        key = self.mapping_step.sheet_box.currentData()
        if key is None:
            return
        name, ok = QInputDialog.getText(
            self, "保存为交换方案", "方案名称：", text=self._office_name()
        )
        layout = self.readings.layouts[key]
        if ok and save_reading(self, self._bus, self._database, name, layout):
            box = self.files_step.profile_box
            if box.findText(name.strip()) < 0:
                box.addItem(name.strip())

    def _office_name(self) -> str:
        """The sending office, to name a profile after: 填报单位 above the header, else the file."""
        if office := self.readings.office():
            return office
        files = self.files()
        return files[0].stem if files else ""

    # ----- step 2 → 3: plan ----------------------------------------------------------------
    def _plan(self) -> None:
        """Plan the import (again, after the clerk chose where a workbook of another year goes)."""
        request = PlanRequest(
            self.files(),
            dict(self.readings.layouts),
            self.files_step.list_box.currentText().strip() or None,
            self.files_step.hidden_check.isChecked(),
            self._bus.campaign_id,
            self.period.choice(),
        )
        self.operation = LongOperation(
            self,
            self._bus,
            self._database,
            lambda session, progress: plan_for_period(session, progress, request),
            what="导入预览",
            title="正在生成预览…",
        )
        self.operation.on_success(self._planned)
        self.operation.start()

    def _planned(self, planned: Planned) -> None:
        self.plan, self.mismatch, self.target_campaign_id, self.unit_proposals = planned
        self.preview_step.show_plan(self.plan, bool(self.readings.corrected), self._office_name())
        self.period.show_mismatch(self.mismatch)
        self.unit_merges.show_proposals(self.unit_proposals)
        self._show_step(2)

    def _show_counts(self) -> None:
        if self.plan is None:
            return
        new_campaign = self.target_campaign_id is None
        ready = self.preview_step.show_counts(self.plan, new_campaign=new_campaign)
        if not self.period.answered():
            self.counts_label.setText(
                self.counts_label.text() + "。请先在上方选择这份表格导入到哪里。"
            )
        self.next_button.setEnabled(ready and self.period.answered())

    def skip_error_rows(self) -> None:
        """Leave out every row with an error (the rest can then be imported)."""
        if self.plan is None:
            return
        for row in self.plan.rows:
            if row.status is RowStatus.ERROR:
                row.include = False
        self.preview_step.model.refresh()
        self._show_counts()

    # ----- step 3 → 4: write ---------------------------------------------------------------
    def _write(self) -> None:
        """Write the plan off the window's thread (a backup first), with progress and 取消."""
        from app.projects.unit_matching import rename_units

        plan, source = self.plan, "、".join(p.name for p in self.files())
        assert plan is not None
        campaign_id = self.target_campaign_id
        new_campaign = None
        if campaign_id is None:  # 导入上级下发的表格 on an empty database: name it first
            new_campaign = ask_campaign(self, self._bus, self._database, plan)
            if new_campaign is None:
                return
        renamed = self.unit_merges.renamed()
        for row in plan.rows:
            rename_units(row.values, renamed)
        self.operation = write_operation(
            self, self._bus, self._database, plan, source, campaign_id, new_campaign
        )
        self.operation.on_success(self._written)
        self.operation.start()

    def _written(self, batch: int) -> None:
        from app.exchange.import_report import report_lines
        from ui.exchange.batch_commands import push_batch

        self.batch_id = batch
        assert self.plan is not None
        kept = self._keep_profile()
        self.done_step.summary.setText(
            f"已导入：导入批次 #{batch}，共 {len(self.plan.to_write())} 行。"
            "可按 Ctrl+Z 撤销，或在“数据交换”页的导入批次中整批撤销。" + kept
        )
        self.done_step.report.setPlainText("\n".join(report_lines(self.plan)))
        # One undo step for the whole batch; its messages go to the page (the wizard closes).
        push_batch(
            self.parentWidget(), self._bus, self._database, batch, f"导入「{self.files()[0].name}」"
        )
        self.imported.emit(batch)
        self._show_step(3)

    def _keep_profile(self) -> str:
        """Save the sheets' reading as a profile when the clerk asked for it; what was said."""
        step = self.preview_step
        name = step.profile_name.text().strip()
        if not step.keep_profile.isChecked() or not name or not self.readings.layouts:
            return ""
        if not save_reading(self, self._bus, self._database, name, self.readings.to_keep()):
            return ""
        return f"\n已保存交换方案「{name}」：下次表头相同的表格自动按它识别。"
