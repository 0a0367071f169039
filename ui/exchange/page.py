"""数据交换 page: import (wizard), export for the city (profiles), fill-in workbooks and merging,
and the import batches with undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.infra.changes import Change
from app.infra.errors import UserError
from app.reports.monthly_reports import EntryMode
from ui.exchange.page_boxes import BatchesBox, ExportBox, FillInBox, ImportBox
from ui.settings.keys import OFFICE_NAME, REPORT_ENTRY_MODE, Settings
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.data_page import DataPage
from ui.shell.operation import FAILED, Failed, LongOperation, perform
from ui.shell.pages import PageSpec
from ui.widgets.file_dialogs import choose_folder, open_files, save_file
from ui.widgets.page_header import page_header
from ui.widgets.saved_files import show_saved
from ui.widgets.shared_month import follow_shared_month, remember_month

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from app.exchange.export_city import ExportScope
    from app.infra.database import Database
    from app.infra.progress import Progress


T = TypeVar("T")


class ExchangePage(DataPage):
    """Spreadsheets to the city and from the units."""

    watched = frozenset(
        {Change.PROJECTS, Change.ORGANISATION, Change.IMPORTS, Change.PROFILES, Change.CAMPAIGN}
    )

    def __init__(
        self, spec: PageSpec, settings: Settings, bus: ChangeBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(bus, parent)
        self.spec = spec
        self._settings = settings
        self.open_dialog: QWidget | None = None
        self.import_box, self.export_box = ImportBox(), ExportBox()
        self.fill_in_box, self.batches_box = FillInBox(), BatchesBox()
        # The widgets the page's work reads, under the names the tests know them by.
        self.profile_box = self.export_box.profile_box
        self.month_picker, self.units = self.fill_in_box.month_picker, self.fill_in_box.units
        self.batches, self.batch_view = self.batches_box.model, self.batches_box.view
        self.undo_button = self.batches_box.undo_button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.addWidget(page_header(spec))
        top = QHBoxLayout()
        top.addWidget(self.import_box, 1)
        top.addWidget(self.export_box, 1)
        layout.addLayout(top)
        bottom = QHBoxLayout()
        bottom.addWidget(self.fill_in_box, 1)
        bottom.addWidget(self.batches_box, 2)
        layout.addLayout(bottom, 1)
        self._connect()

    def _connect(self) -> None:
        export = self.export_box
        self.import_box.import_button.clicked.connect(lambda: self.open_import())
        export.export_button.clicked.connect(lambda: self.export_excel())
        export.json_button.clicked.connect(lambda: self.export_json())
        export.edit_profile_button.clicked.connect(lambda: self.edit_profile(new=False))
        export.new_profile_button.clicked.connect(lambda: self.edit_profile(new=True))
        self.month_picker.changed.connect(self._month_chosen)
        self.fill_in_box.fill_in_button.clicked.connect(lambda: self.make_fill_ins())
        self.fill_in_box.merge_button.clicked.connect(lambda: self.merge_returns())
        self.undo_button.clicked.connect(lambda: self.undo_selected())

    # ----- data ----------------------------------------------------------------------------
    def database_changed(self, database: Database | None) -> None:
        """Another database: nothing shown until read; the fill-in month follows its campaign."""
        self.batches.set_rows([])
        self.units.clear()
        if database is not None:
            follow_shared_month(self.month_picker, self._settings, database, self.campaign_id)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        """Show the month the other pages show (the clerk may have chosen one there)."""
        if self._database is not None:
            follow_shared_month(
                self.month_picker, self._settings, self._database, self.campaign_id
            )
        super().showEvent(event)

    def _month_chosen(self) -> None:
        if self._database is not None:
            remember_month(
                self._settings, self._database, self.campaign_id, *self.month_picker.month()
            )

    def reload(self) -> None:
        """Profiles, units with projects, batches."""
        from app.exchange.batch_undo import batches
        from app.exchange.profiles import profile_names
        from app.projects.organisation_edits import units_with_projects

        assert self._database is not None
        with self._database.reading() as session:
            names = profile_names(session)
            self.batches.set_rows(batches(session))
            session.expunge_all()
            units = units_with_projects(session, self.campaign_id)
        self.export_box.show_profiles(names)
        self.fill_in_box.show_units(units)

    def _long(
        self,
        work: Callable[[Session, Progress], T],
        what: str,
        title: str,
        changes: frozenset[Change] = frozenset(),
    ) -> LongOperation[T]:
        assert self._database is not None
        return LongOperation(
            self, self._bus, self._database, work, what=what, title=title, changes=changes
        )

    # ----- actions -------------------------------------------------------------------------
    def open_import(self, files: list[Path] | None = None) -> QWidget | None:
        """The import wizard (optionally with files already chosen)."""
        from app.exchange.profiles import profile_names
        from app.projects.edits import campaign_lists
        from ui.exchange.import_wizard import ImportWizard

        if self._database is None:
            return None
        with self._database.reading() as session:
            names = profile_names(session)
            lists = [
                label.split(" ", 1)[1]
                for _i, label in campaign_lists(session, self.campaign_id)
            ]
        wizard = ImportWizard(self._database, self._bus, names, self, self._settings)
        wizard.set_lists(lists)
        wizard.add_files(files or [])
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.show()
        self.open_dialog = wizard
        return wizard

    def _scope(self) -> ExportScope:
        from app.exchange.export_city import export_scope
        from app.schedule.wall_chart import default_as_of

        assert self._database is not None
        with self._database.reading() as session:
            today = dt.date.today()
            return export_scope(
                session, self.campaign_id, default_as_of(session, self.campaign_id, today)
            )

    def office(self) -> str:
        """发文单位 written into exported workbooks (the campaign's, 设置 → 攻坚行动)."""
        from app.campaign.office_name import printout_office

        if self._database is None:
            return ""
        with self._database.reading() as session:
            return printout_office(session, self.campaign_id, self._settings.get(OFFICE_NAME))

    def _save_name(self, title: str, suggested: str, kind: str) -> Path | None:
        return save_file(self, self._settings, title, suggested, kind)

    def export_excel(self, out: Path | None = None) -> LongOperation[Any] | None:
        """导出 Excel… with the chosen profile, off the window's thread with progress and 取消."""
        from app.exchange.export_city import export_workbook
        from app.exchange.profiles import load_profile

        if self._database is None:
            return None
        out = out or self._save_name("导出报上级表格", "重点项目清单.xlsx", "Excel 工作簿 (*.xlsx)")
        if out is None:
            return None
        target = out.with_suffix(".xlsx")
        scope, profile_name = self._scope(), self.profile_box.currentText()
        office = self.office()

        def work(session: Session, progress: Progress) -> int:
            profile = load_profile(session, profile_name)
            return export_workbook(
                session, target, profile, scope, office=office, progress=progress
            )

        operation = self._long(work, "导出报上级表格", "正在导出…")
        operation.on_success(
            lambda count: show_saved(self, "导出完成", f"已导出 {count} 个项目：\n{target}", target)
        )
        return operation.start()

    def export_json(self, out: Path | None = None) -> LongOperation[Any] | None:
        """导出 JSON…"""
        from app.exchange.export_json import write_json

        if self._database is None:
            return None
        out = out or self._save_name("导出 JSON", "重点项目.json", "JSON (*.json)")
        if out is None:
            return None
        scope, target = self._scope(), out
        operation = self._long(
            lambda session, _progress: write_json(session, scope, target), "导出 JSON", "正在导出…"
        )
        operation.on_success(
            lambda written: show_saved(self, "导出完成", f"已导出：\n{written}", written)
        )
        return operation.start()

    def edit_profile(self, *, new: bool) -> None:
        """编辑方案… / 新建方案…"""
        from app.exchange.profiles import DEFAULT_NAME, load_profile, save_profile
        from app.projects.edits import campaign_lists
        from ui.exchange.profile_dialog import ProfileDialog

        if self._database is None:
            return
        with self._database.reading() as session:
            profile = load_profile(session, None if new else self.profile_box.currentText())
            lists = [
                label.split(" ", 1)[1]
                for _i, label in campaign_lists(session, self.campaign_id)
            ]
        if new or profile.name == DEFAULT_NAME:
            from dataclasses import replace

            profile = replace(profile, name="" if new else f"{DEFAULT_NAME}（副本）")
        dialog = ProfileDialog(profile, lists, self)
        if dialog.exec() != ProfileDialog.DialogCode.Accepted:
            return
        chosen = dialog.profile()
        saved = perform(
            self,
            self._bus,
            self._database,
            lambda session: save_profile(session, chosen),
            what="保存交换方案",
        )
        if saved is not FAILED:
            self.profile_box.setCurrentText(chosen.name)

    def chosen_units(self) -> list[int]:
        """Ids of the ticked units."""
        return self.fill_in_box.chosen_units()

    def make_fill_ins(self, folder: Path | None = None) -> LongOperation[Any] | None:
        """生成填报表: one workbook per ticked unit, into a folder, with progress and 取消."""
        from app.exchange.fill_in import export_fill_ins

        if self._database is None:
            return None
        units = self.chosen_units()
        if not units:
            show_user_error(self, UserError("请先勾选要下发的责任单位。"))
            return None
        if folder is None:
            folder = choose_folder(self, self._settings, "选择保存填报表的文件夹")
            if folder is None:
                return None
        year, month = self.month_picker.month()
        campaign_id, mode = self.campaign_id, self._entry_mode()
        office, chosen = self.office(), folder
        operation = self._long(
            lambda session, progress: export_fill_ins(
                session, campaign_id, units, year, month, chosen, office, progress, mode
            ),
            "生成填报表",
            "正在生成填报表…",
        )
        operation.on_success(
            lambda written: show_saved(
                self, "已生成填报表", f"已生成 {len(written)} 份填报表：\n{chosen}", chosen
            )
        )
        return operation.start()

    def merge_returns(self, files: list[Path] | None = None) -> LongOperation[Any] | None:
        """回收合并: read the returned files (off the window's thread), then decide and write."""
        from app.exchange.fill_in import plan_merge

        if self._database is None:
            return None
        if files is None:
            files = open_files(self, self._settings, "选择交回的填报表", "Excel 表格 (*.xlsx)")
        if not files:
            return None
        chosen = files
        operation = self._long(
            lambda session, _progress: plan_merge(session, chosen), "读取填报表", "正在读取填报表…"
        )
        operation.on_success(self._show_merge)
        return operation.start()

    def _show_merge(self, plan: object) -> None:
        from app.exchange.fill_in import MergePlan
        from ui.exchange.merge_dialog import MergeDialog

        assert isinstance(plan, MergePlan) and self._database is not None
        dialog = MergeDialog(self._database, self._bus, plan, self._entry_mode(), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self.open_dialog = dialog

    def _entry_mode(self) -> EntryMode:
        """How this office enters months (set on the 月度填报 tab)."""
        if self._settings.get(REPORT_ENTRY_MODE) == "cumulative":
            return EntryMode.CUMULATIVE
        return EntryMode.MONTH

    def undo_selected(self) -> None:
        """撤销此批次 after confirmation (a backup first)."""
        from app.exchange.batch_undo import undo_batch
        from ui.exchange.batch_commands import push_batch_undo

        index = self.batch_view.currentIndex()
        if self._database is None or not index.isValid():
            return
        batch = self.batches.rows[index.row()]
        answer = QMessageBox.question(
            self,
            "撤销导入",
            f"撤销导入批次 #{batch.id}（{batch.source_file}，{batch.row_count} 行）吗？\n"
            "这次导入新增的项目、问题和填报会被删除，修改过的字段恢复原值。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        batch_id = batch.id
        done = perform(
            self,
            self._bus,
            self._database,
            lambda session: undo_batch(session, batch_id),
            what=f"撤销导入批次 #{batch_id}",
            changes={Change.PROJECTS, Change.PROBLEMS, Change.REPORTS, Change.IMPORTS},
            backup="撤销导入前",
        )
        if not isinstance(done, Failed):
            push_batch_undo(self, self._bus, self._database, batch_id)
