"""项目清单 tab: the campaign's lists, their order (附表N) and their milestone templates."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView, QInputDialog, QMessageBox

from app.infra.errors import UserError
from app.projects.organisation_edits import ListRow
from ui.projects.edit_panel import ChoiceDelegate, EditPanel, edit_table
from ui.shell.toolbar import add_button
from ui.widgets.rows_model import Column, RowsModel


class ListsPanel(EditPanel):
    """The campaign's project lists: rename, add, reorder (附表N follows), delete when empty,
    and the milestone template each list's projects get."""

    NO_TEMPLATE = "（不指定）"

    def __init__(self) -> None:
        super().__init__("项目清单（附表顺序即导出顺序）")
        from app.projects.organisation_edits import rename_list

        self._templates: dict[str, int] = {}
        self.model: RowsModel[ListRow] = RowsModel(
            [
                Column(
                    "清单名称",
                    lambda r: r.name,
                    lambda r, t: self.take(
                        lambda s: rename_list(s, r.id, t),
                        lambda s: rename_list(s, r.id, r.name),
                        f"清单「{r.name}」改名为「{t.strip()}」",
                    ),
                ),
                Column("附表", lambda r: f"附表{r.number}", centred=True),
                Column("项目数", lambda r: r.projects, centred=True),
                Column("节点模板", lambda r: r.template or self.NO_TEMPLATE, self._take_template),
            ]
        )
        self.view = edit_table(self.model)
        self.template_delegate = ChoiceDelegate([], self.view)
        self.view.setItemDelegateForColumn(3, self.template_delegate)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.add_button = add_button(self.buttons, "新增清单…")
        self.up_button = add_button(self.buttons, "上移")
        self.down_button = add_button(self.buttons, "下移")
        self.delete_button = add_button(self.buttons, "删除")
        self.add_button.clicked.connect(self.add)
        self.up_button.clicked.connect(lambda: self.move_list(-1))
        self.down_button.clicked.connect(lambda: self.move_list(1))
        self.delete_button.clicked.connect(self.delete)
        self.finish(self.view, self.model)

    def _take_template(self, row: ListRow, text: str) -> None:
        from app.projects.organisation_edits import set_list_template

        template_id = self._templates.get(text)
        if text != self.NO_TEMPLATE and template_id is None:
            raise UserError(f"没有名为「{text}」的节点模板（在“设置 → 节点模板”中管理）。")
        self.take(
            lambda s: set_list_template(s, row.id, template_id),
            lambda s: set_list_template(s, row.id, row.template_id),
            f"清单「{row.name}」的节点模板改为「{text}」",
        )

    def read(self, session: Any) -> list[ListRow]:
        """The chosen campaign's lists, and the templates a list can be linked to."""
        from app.campaign.setup import template_ids_by_name
        from app.projects.organisation_edits import lists

        self._templates = template_ids_by_name(session)
        self.template_delegate.set_choices([self.NO_TEMPLATE, *self._templates])
        return lists(session, self.perform.bus.campaign_id if self.perform else None)

    def _current(self) -> ListRow | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def add(self) -> None:
        """新增清单 at the end."""
        from app.projects.organisation_edits import add_list, delete_list

        name, ok = QInputDialog.getText(self, "新增清单", "清单名称：")
        if ok and name.strip() and self.perform is not None:
            campaign_id = self.perform.bus.campaign_id
            self._added(
                lambda s: add_list(s, campaign_id, name), delete_list, f"新增清单「{name}」"
            )

    def move_list(self, step: int) -> None:
        """Move the selected list up or down, keeping it selected."""
        from app.projects.organisation_edits import move_list

        row = self._current()
        if row is None:
            return
        position = self.view.currentIndex().row() + step
        moved = self.run(
            lambda s: move_list(s, row.id, step),
            "调整清单顺序",
            text=f"{'上移' if step < 0 else '下移'}清单「{row.name}」",
            undo=lambda _r: lambda s: move_list(s, row.id, -step),
        )
        if moved and 0 <= position < len(self.model.rows):
            self.view.selectRow(position)

    def delete(self) -> None:
        """Delete an empty list."""
        from app.projects.organisation_edits import delete_list

        row = self._current()
        if row is None:
            return
        answer = QMessageBox.question(self, "删除清单", f"删除清单「{row.name}」吗？")
        if answer == QMessageBox.StandardButton.Yes:
            self._deleted(lambda s: delete_list(s, row.id), f"删除清单「{row.name}」")
