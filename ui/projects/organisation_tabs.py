"""单位与人员 tab: units (merge typos) beside people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.projects.organisation_edits import PersonRow, UnitRow
from app.search.pinyin import matcher
from db.enums import UnitKind
from ui.projects.edit_panel import ChoiceDelegate, EditPanel, edit_table
from ui.shell.toolbar import add_button
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from ui.shell.operation import Performer


class UnitsPanel(EditPanel):
    """责任单位 / 项目单位 / 区域园区, searchable; rename, kind, add, merge, delete."""

    def __init__(self) -> None:
        super().__init__("单位")
        from app.projects import organisation_edits as edits

        self.model: RowsModel[UnitRow] = RowsModel(
            [
                Column(
                    "单位名称",
                    lambda u: u.name,
                    lambda u, t: self.take(
                        lambda s: edits.rename_unit(s, u.id, t),
                        lambda s: edits.rename_unit(s, u.id, u.name),
                        f"单位「{u.name}」改名为「{t.strip()}」",
                    ),
                ),
                Column(
                    "类别",
                    lambda u: u.kind,
                    lambda u, t: self.take(
                        lambda s: edits.set_unit_kind(s, u.id, UnitKind(t)),
                        lambda s: edits.set_unit_kind(s, u.id, UnitKind(u.kind)),
                        f"单位「{u.name}」类别改为{t}",
                    ),
                    centred=True,
                ),
                Column("项目数", lambda u: u.projects, centred=True),
            ]
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找单位（支持拼音首字母）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.show_rows(self.all_rows))
        self.layout_.addWidget(self.search)
        self.view = edit_table(self.model)
        self.view.setItemDelegateForColumn(
            1, ChoiceDelegate([k.value for k in UnitKind], self.view)
        )
        self.view.setColumnWidth(1, 90)
        self.view.setColumnWidth(2, 60)
        self.add_button = add_button(self.buttons, "新增单位…")
        self.merge_button = add_button(
            self.buttons, "合并到…", "把选中的单位（如错别字）合并到另一单位"
        )
        self.delete_button = add_button(self.buttons, "删除")
        self.add_button.clicked.connect(self.add)
        self.merge_button.clicked.connect(self.merge)
        self.delete_button.clicked.connect(self.delete)
        self.finish(self.view, self.model)
        self.all_rows: list[UnitRow] = []

    def read(self, session: Any) -> list[UnitRow]:
        """Every unit."""
        from app.projects.organisation_edits import units

        return units(session)

    def show_rows(self, rows: list[UnitRow]) -> None:
        """The units the search box matches (by name or pinyin initials)."""
        self.all_rows = rows
        test = matcher(self.search.text())
        self.model.set_rows([u for u in rows if test((u.name,))])

    def selected(self) -> UnitRow | None:
        """The unit under the cursor."""
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def add(self) -> None:
        """新增单位."""
        from app.projects.organisation_edits import add_unit, delete_unit

        name, ok = QInputDialog.getText(self, "新增单位", "单位名称：")
        if ok and name.strip():
            kind, ok = QInputDialog.getItem(
                self, "新增单位", "类别：", [k.value for k in UnitKind], 0, False
            )
            if ok:
                self._added(
                    lambda s: add_unit(s, name, UnitKind(kind)), delete_unit, f"新增单位「{name}」"
                )

    def merge(self) -> None:
        """Merge the selected unit into another one, after confirmation."""
        from app.projects.unit_merge import merge_units, unmerge_units

        drop = self.selected()
        if drop is None:
            self.message.setText("请先选中要合并掉的单位。")
            return
        others = [u for u in self.all_rows if u.id != drop.id]
        names = [u.name for u in others]
        name, ok = QInputDialog.getItem(
            self, "合并单位", f"把「{drop.name}」合并到：", names, 0, False
        )
        if not ok:
            return
        keep = others[names.index(name)]
        answer = QMessageBox.question(
            self,
            "合并单位",
            f"「{drop.name}」的全部项目、问题、人员等将改为「{keep.name}」，"
            f"随后删除「{drop.name}」。确定合并吗？",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run(
                lambda s: merge_units(s, keep.id, drop.id),
                "合并单位",
                backup="合并单位前",
                text=f"把「{drop.name}」合并到「{keep.name}」",
                undo=lambda merge: lambda s: unmerge_units(s, merge),
                redo=lambda _merge: lambda s: merge_units(s, keep.id, drop.id),
            )

    def delete(self) -> None:
        """删除 an unused unit."""
        from app.projects.organisation_edits import delete_unit

        unit = self.selected()
        if unit is None:
            return
        answer = QMessageBox.question(self, "删除单位", f"删除单位「{unit.name}」吗？")
        if answer == QMessageBox.StandardButton.Yes:
            self._deleted(lambda s: delete_unit(s, unit.id), f"删除单位「{unit.name}」")


class PeoplePanel(EditPanel):
    """Leaders, chief service officers and specialists: name, title, unit, phone."""

    def __init__(self) -> None:
        super().__init__("领导与服务人员")
        from app.projects.organisation_edits import set_person_field

        def column(title: str, field: str) -> Column[PersonRow]:
            return Column(
                title,
                lambda p: getattr(p, field),
                lambda p, t: self.take(
                    lambda s: set_person_field(s, p.id, field, t),
                    lambda s: set_person_field(s, p.id, field, getattr(p, field)),
                    f"修改「{p.name}」的{title}",
                ),
            )

        self.model: RowsModel[PersonRow] = RowsModel(
            [
                column("姓名", "name"),
                column("职务", "title"),
                column("单位", "unit"),
                column("电话", "phone"),
            ]
        )
        self.view = edit_table(self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 90)
        self.view.setColumnWidth(2, 130)
        self.view.setColumnWidth(3, 120)
        self.add_button = add_button(self.buttons, "新增人员…")
        self.delete_button = add_button(self.buttons, "删除")
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        self.finish(self.view, self.model)

    def read(self, session: Any) -> list[PersonRow]:
        """Every person."""
        from app.projects.organisation_edits import people

        return people(session)

    def add(self) -> None:
        """新增人员 (name first; the rest is typed into the table)."""
        from app.projects.organisation_edits import add_person, delete_person

        name, ok = QInputDialog.getText(self, "新增人员", "姓名：")
        if ok and name.strip():
            self._added(lambda s: add_person(s, name), delete_person, f"新增人员「{name}」")

    def delete(self) -> None:
        """删除 a person no project names."""
        from app.projects.organisation_edits import delete_person

        index = self.view.currentIndex()
        if not index.isValid():
            return
        person = self.model.rows[index.row()]
        answer = QMessageBox.question(self, "删除人员", f"删除「{person.name}」吗？")
        if answer == QMessageBox.StandardButton.Yes:
            self._deleted(lambda s: delete_person(s, person.id), f"删除人员「{person.name}」")


class OrganisationTab(QWidget):
    """Units beside people."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = UnitsPanel()
        self.people = PeoplePanel()
        splitter = QSplitter()
        splitter.addWidget(self.units)
        splitter.addWidget(self.people)
        splitter.setSizes([500, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)

    def set_performer(self, perform: Performer | None) -> None:
        """Show and change the units and people of `perform`'s database (None: nothing)."""
        for panel in (self.units, self.people):
            panel.perform = perform
            panel.reload()
