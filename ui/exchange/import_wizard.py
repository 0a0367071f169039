"""The import wizard: choose files → check or correct each sheet's columns → preview with a
report per sheet → import → what was done. Reading, planning and writing run off the window's
thread (ui.shell.operation); nothing is written before 导入, and that is one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.exchange.header_detection import SheetLayout
from app.exchange.import_plan import ImportPlan, RowStatus
from app.exchange.layout_choice import column_samples, read_layouts
from app.infra.changes import Change
from app.infra.errors import UserError
from ui.exchange.import_steps import (
    DoneStep,
    FilesStep,
    MappingStep,
    PreviewStep,
    save_reading,
    unclear_columns,
)
from ui.exchange.preview_checks import AS_THIS_YEAR, INTO_MATCHING, PeriodChoice, UnitMerges
from ui.settings.keys import Settings
from ui.shell.bus import ChangeBus
from ui.shell.operation import LongOperation, file_operation
from ui.widgets.file_dialogs import open_files

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.campaign.setup import CampaignSetup
    from app.exchange.import_period import PeriodMismatch
    from app.exchange.reading import SheetGrid
    from app.infra.database import Database
    from app.infra.progress import Progress
    from app.projects.unit_matching import UnitMatch

Key = tuple[str, str]  # (file name, sheet name)
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
        self.layouts: dict[Key, SheetLayout] = {}
        self._sheets: dict[Key, SheetGrid] = {}
        self._samples: dict[Key, dict[int, str]] = {}
        self.corrected: set[Key] = set()
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
            elif step == 1 and self._confirm_unclear():
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
        self._sheets = {key: sheet for key, (sheet, _layout) in sheets.items()}
        self.layouts = {key: layout for key, (_sheet, layout) in sheets.items()}
        self._samples = {
            k: column_samples(self._sheets[k].rows, v) for k, v in self.layouts.items()
        }
        self.corrected = set()
        box = self.mapping_step.sheet_box
        box.blockSignals(True)
        box.clear()
        for key in self.layouts:
            box.addItem(f"{key[0]} · {key[1]}", key)
        box.blockSignals(False)
        self._show_mapping()
        self._show_step(1)

    def _show_mapping(self) -> None:
        key = self.mapping_step.sheet_box.currentData()
        layout = self.layouts.get(key) if key else None
        self.mapping_step.show_layout(layout, self._samples.get(key, {}) if key else {})

    def choose_header_rows(self) -> None:
        """The clerk says where the header is: the columns are read again from those rows."""
        from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS
        from app.exchange.header_detection import find_layout

        step = self.mapping_step
        key = step.sheet_box.currentData()
        sheet = self._sheets.get(key) if key else None
        if sheet is None:
            return
        first, last = step.header_first.value(), step.header_last.value()
        if last < first:
            step.header_last.blockSignals(True)
            step.header_last.setValue(first)
            step.header_last.blockSignals(False)
            last = first
        fields = PROBLEM_FIELDS if self.layouts[key].kind == "problem" else PROJECT_FIELDS
        found = find_layout(sheet, fields, header_rows=(first - 1, min(last, first + 3) - 1))
        if found is not None:
            signature = self.layouts[key].found_signature
            self.layouts[key] = replace(found, found_signature=signature)
            self._samples[key] = column_samples(sheet.rows, found)
            self.corrected.add(key)
        self._show_mapping()

    def _remap(self, index: int, field_key: str | None) -> None:
        key = self.mapping_step.sheet_box.currentData()
        self.layouts[key] = self.layouts[key].remap(index, field_key)
        self.corrected.add(key)
        self._show_mapping()

    def _confirm_unclear(self) -> bool:
        """Columns that look like investment or dates and are still unclear: go on without them?"""
        unclear = unclear_columns(self.layouts)
        if not unclear:
            return True
        answer = QMessageBox.question(
            self,
            "有的列还没有确认",
            f"这些列看起来是投资或日期，但含义不明确：{'、'.join(unclear[:8])}"
            + ("……" if len(unclear) > 8 else "")
            + "。\n不导入这些列，继续预览吗？（选“否”回去选择字段）",
        )
        return answer == QMessageBox.StandardButton.Yes

    def save_profile(self) -> None:
        """保存为交换方案: how the sheet on show is read, under a name."""
        key = self.mapping_step.sheet_box.currentData()
        if key is None:
            return
        name, ok = QInputDialog.getText(
            self, "保存为交换方案", "方案名称：", text=self._office_name()
        )
        if ok and save_reading(self, self._bus, self._database, name, self.layouts[key]):
            box = self.files_step.profile_box
            if box.findText(name.strip()) < 0:
                box.addItem(name.strip())

    def _office_name(self) -> str:
        """The sending office, to name a profile after: 填报单位 above the header, else the file."""
        layout = next(iter(self.layouts.values()), None)
        if layout is not None and layout.office:
            return layout.office
        files = self.files()
        return files[0].stem if files else ""

    # ----- step 2 → 3: plan ----------------------------------------------------------------
    def _plan(self) -> None:
        """Plan the import (again, after the clerk chose where a workbook of another year goes)."""
        from app.exchange.import_period import check_period, relabel_year, workbook_year
        from app.exchange.import_plan import plan_import
        from app.projects.unit_matching import (
            incoming_unit_names,
            propose_unit_merges,
            stored_units,
        )

        files, layouts = self.files(), dict(self.layouts)
        list_name = self.files_step.list_box.currentText().strip() or None
        hidden = self.files_step.hidden_check.isChecked()
        shown, answer = self._bus.campaign_id, self.period.choice()

        Planned = tuple[ImportPlan, "PeriodMismatch | None", int | None, list["UnitMatch"]]

        def work(session: Session, progress: Progress) -> Planned:
            mismatch = check_period(session, shown, workbook_year(layouts.values()))
            target, read = shown, layouts
            if mismatch is not None and answer == INTO_MATCHING:
                target = mismatch.matching_id
            elif mismatch is not None and answer == AS_THIS_YEAR:
                read = dict(
                    zip(
                        layouts,
                        relabel_year(layouts.values(), mismatch.campaign_years[0]),
                        strict=True,
                    )
                )
            plan = plan_import(
                session,
                files,
                list_name=list_name,
                include_hidden=hidden,
                layouts=read,
                progress=progress,
                campaign_id=target,
            )
            names = incoming_unit_names(r.values for r in plan.rows if r.include)
            return plan, mismatch, target, propose_unit_merges(names, stored_units(session))

        self.operation = LongOperation(
            self, self._bus, self._database, work, what="导入预览", title="正在生成预览…"
        )
        self.operation.on_success(self._planned)
        self.operation.start()

    def _planned(
        self, planned: tuple[ImportPlan, PeriodMismatch | None, int | None, list[UnitMatch]]
    ) -> None:
        self.plan, self.mismatch, self.target_campaign_id, self.unit_proposals = planned
        self.preview_step.show_plan(self.plan, bool(self.corrected), self._office_name())
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
        from app.exchange.import_write import write_import
        from app.projects.unit_matching import rename_units

        plan, source = self.plan, "、".join(p.name for p in self.files())
        assert plan is not None
        campaign_id = self.target_campaign_id
        new_campaign = None
        if campaign_id is None:  # 导入上级下发的表格 on an empty database: name it first
            new_campaign = self.ask_campaign(plan)
            if new_campaign is None:
                return
        renamed = self.unit_merges.renamed()
        for row in plan.rows:
            rename_units(row.values, renamed)
        self.operation = LongOperation(
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
        self.operation.on_success(self._written)
        self.operation.start()

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
        if not step.keep_profile.isChecked() or not name or not self.layouts:
            return ""
        key = next((k for k in self.layouts if k in self.corrected), next(iter(self.layouts)))
        if not save_reading(self, self._bus, self._database, name, self.layouts[key]):
            return ""
        return f"\n已保存交换方案「{name}」：下次表头相同的表格自动按它识别。"
