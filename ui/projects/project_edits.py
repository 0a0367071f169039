"""项目卡片's edits of the selected project: 新建, 编辑, 删除, 回收站 and 详情, each undoable and
leaving the project selected; the base class of the page, which shows and selects the projects."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from ui.shell.data_page import DataPage
from ui.shell.operation import Failed, Performer

NO_CAMPAIGN_YET = (
    "还没有攻坚行动：项目属于攻坚行动的清单。\n"
    "请先在“总览”页点“新建攻坚行动”，或“导入上级下发的表格”（导入时建立攻坚行动）。"
)

if TYPE_CHECKING:
    from app.projects.cards import CardSet
    from app.projects.form import FormValues
    from ui.projects.cards_model import ProjectsModel
    from ui.projects.editor_dialog import ProjectEditor
    from ui.settings.keys import Settings
    from ui.shell.history import History


class ProjectEditsPage(DataPage):
    """The edits; the page (a subclass) shows the projects and knows which one is selected."""

    _settings: Settings
    _undo: History
    model: ProjectsModel
    card_set: CardSet | None
    open_dialog: QDialog

    def current_project(self) -> int | None:
        """Id of the selected project."""
        raise NotImplementedError

    def select_project(self, project_id: int | None) -> bool:
        """Select a project if it is shown."""
        raise NotImplementedError

    def show_project(self, project_id: int) -> None:
        """Bring a project into view."""
        raise NotImplementedError

    def performer(self) -> Performer:
        """Operations on the open database from this page."""
        assert self._database is not None
        return Performer(self, self._bus, self._database)

    def _after_command(self, project_id: int) -> None:
        """After an edit, its undo or redo (the page has reloaded on the change): select it."""
        self.select_project(project_id)

    def _editor(
        self, title: str, values: FormValues, save: Callable[[FormValues], None]
    ) -> ProjectEditor:
        from app.campaign.choice import campaign_row
        from app.projects.edits import campaign_lists, known_names
        from ui.projects.editor_dialog import ProjectEditor

        assert self._database is not None
        with self._database.reading() as session:
            lists = campaign_lists(session, self.campaign_id)
            units, people = known_names(session)
            campaign = campaign_row(session, self.campaign_id)
        year = campaign.start.year if campaign is not None else None
        editor = ProjectEditor(title, lists, units, people, values, save, self, year=year)
        editor.open_existing.connect(self.show_project)
        return editor

    def new_project(self) -> ProjectEditor | None:
        """新建项目 (Ctrl+N): the editor, then the new card selected."""
        from app.projects.edits import create_project, default_list_id
        from app.projects.form import FormErrors
        from db.enums import CalendarKind, Stage
        from ui.projects.commands import create_project_command

        if self._database is None:
            return None
        if self.campaign_id is None:  # a project belongs to a campaign's list
            QMessageBox.information(self, "新建项目", NO_CAMPAIGN_YET)
            return None
        perform = self.performer()
        with self._database.reading() as session:
            defaults: FormValues = {
                "list_id": default_list_id(session, self.campaign_id),
                "stage": Stage.PREPARATION,
                "calendar": CalendarKind.CALENDAR,
            }

        def save(values: FormValues) -> None:
            project_id = perform(
                lambda session: create_project(session, values),
                what="新建项目",
                raising=(FormErrors,),
            )
            if isinstance(project_id, Failed):
                raise FormErrors({})
            self._undo.push(
                create_project_command(perform, project_id, values, self._after_command)
            )
            self._after_command(project_id)

        editor = self._editor("新建项目", defaults, save)
        self._open(editor)
        return editor

    def edit_current(self) -> ProjectEditor | None:
        """编辑 the selected project."""
        from app.projects.edits import read_form, update_project
        from app.projects.form import FormErrors
        from ui.projects.commands import edit_project_command

        project_id = self.current_project()
        if self._database is None or project_id is None:
            return None
        perform = self.performer()
        with self._database.reading() as session:
            values = read_form(session, project_id)

        def save(new: FormValues) -> None:
            before = perform(
                lambda session: update_project(session, project_id, new, values),
                what="修改项目",
                raising=(FormErrors,),
            )
            if isinstance(before, Failed):
                raise FormErrors({})
            self._undo.push(
                edit_project_command(perform, project_id, before, new, self._after_command)
            )
            self._after_command(project_id)

        editor = self._editor(f"编辑项目 - {values['name']}", values, save)
        self._open(editor)
        return editor

    def _open(self, dialog: QDialog) -> None:
        """Show a dialog without blocking (tests drive it; the clerk sees it as modal)."""
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.open_dialog = dialog

    def delete_current(self) -> None:
        """删除 the selected project, after confirmation; undo or the 回收站 brings it back."""
        from app.projects.edits import delete_project
        from ui.projects.commands import delete_project_command

        project_id = self.current_project()
        if self._database is None or project_id is None:
            return
        card = self.model.rows[self.model.row_of(project_id) or 0]
        answer = QMessageBox.question(
            self,
            "删除项目",
            f"删除项目「{card.name}」吗？\n删除后可在“回收站”恢复，或按 Ctrl+Z 撤销。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        perform = self.performer()
        done = perform(lambda session: delete_project(session, project_id), what="删除项目")
        if isinstance(done, Failed):
            return
        self._undo.push(
            delete_project_command(perform, project_id, card.name, self._after_command)
        )
        self._after_command(project_id)

    def open_bin(self) -> None:
        """回收站."""
        from ui.projects.recycle_bin import RecycleBin

        if self._database is not None:
            self._open(RecycleBin(self.performer(), self))

    def show_detail(self) -> None:
        """项目详情."""
        from app.projects.detail import project_detail
        from ui.projects.detail_dialog import DetailDialog

        project_id = self.current_project()
        if self._database is None or project_id is None or self.card_set is None:
            return
        card = self.model.rows[self.model.row_of(project_id) or 0]
        warnings = self._settings.warning_settings()
        with self._database.reading() as session:
            detail = project_detail(
                session, project_id, self.card_set.as_of, warnings, card.list_name
            )
        dialog = DetailDialog(detail, warnings.naming, self)
        dialog.edit_requested.connect(self.edit_current)
        dialog.chart_requested.connect(lambda: self._bus.show_project_chart.emit(project_id))
        dialog.problems_requested.connect(
            lambda: self._bus.show_project_problems.emit(project_id, False)
        )
        self._open(dialog)
