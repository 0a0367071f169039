"""单位与人员 and 项目清单 tabs: units (merge typos), people, and the campaign's lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.errors import UserError
from app.projects.organisation_edits import ListRow, PersonRow, UnitRow
from app.search.pinyin import matcher
from db.enums import UnitKind
from ui.shell.operation import Failed
from ui.shell.toolbar import add_button
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from app.infra.row_copies import RowCopy
    from ui.shell.operation import Performer

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """Edit a cell by picking one of fixed choices."""

    def __init__(self, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def set_choices(self, choices: list[str]) -> None:
        """Offer other choices from now on."""
        self._choices = choices

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:  # Qt's name
        """A combo box of the choices."""
        box = QComboBox(parent)
        box.addItems(self._choices)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # Qt's name
        """Select the cell's value."""
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data()))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # Qt's name
        """Give the choice to the model."""
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())


def _table(model: RowsModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    return view


class _Panel(QGroupBox):
    """A titled table with a message line and buttons; edits go straight to the database."""

    model: RowsModel[Any]

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.perform: Performer | None = None
        self.layout_ = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b71c1c;")
        self.buttons = QHBoxLayout()

    def finish(self, view: QTableView, model: RowsModel[Any]) -> None:
        self.layout_.addWidget(view, 1)
        self.layout_.addWidget(self.message)
        self.buttons.addStretch(1)
        self.layout_.addLayout(self.buttons)
        model.message_changed.connect(self.message.setText)

    def run(
        self,
        step: Callable[[Any], Any],
        what: str,
        backup: str | None = None,
        *,
        text: str | None = None,
        undo: Callable[[Any], Callable[[Any], Any]] | None = None,
        redo: Callable[[Any], Callable[[Any], Any]] | None = None,
    ) -> bool:
        """Run a service call as an operation (undoable when `undo` is given); a refusal is
        shown, every page refreshes."""
        if self.perform is None:
            return False
        if undo is None:
            return not isinstance(self.perform(step, what=what, backup=backup), Failed)
        done = self.perform.undoable(
            step,
            what=what,
            text=text,
            undo=undo,
            redo=redo,
            backup=backup,
            after=lambda _result: self.reload(),
        )
        return not isinstance(done, Failed)

    def take(self, step: Callable[[Any], object], back: Callable[[Any], object], text: str) -> None:
        """Like run, for a cell edit (`back` undoes it): a refusal goes back to the model."""
        if self.perform is not None:
            # UserError reaches RowsModel.setData, which shows it under the table.
            self.perform.undoable(
                step,
                what=f"修改{self.title()}",
                text=text,
                undo=lambda _result: back,
                after=lambda _result: self.reload(),
                raising=(UserError,),
            )

    def _added(
        self, add: Callable[[Any], int], remove: Callable[[Any, int], RowCopy], text: str
    ) -> bool:
        """新增 something, undoable: 撤销 removes it (kept as a copy), 重做 brings it back."""
        from app.projects.organisation_edits import restore_deleted

        copies: list[RowCopy] = []

        def undo(new_id: int) -> Callable[[Any], Any]:
            return lambda s: copies.append(remove(s, new_id))

        return self.run(
            add,
            text.split("「")[0],
            text=text,
            undo=undo,
            redo=lambda _id: lambda s: restore_deleted(s, copies.pop()),
        )

    def _deleted(self, remove: Callable[[Any], RowCopy], text: str) -> bool:
        """删除 something, undoable: 撤销 brings it back under its own id."""
        from app.projects.organisation_edits import restore_deleted

        return self.run(
            remove,
            text.split("「")[0],
            text=text,
            undo=lambda copy: lambda s: restore_deleted(s, copy),
            redo=lambda copy: lambda s: remove(s),
        )

    def reload(self) -> None:
        """Read the panel's rows again (none without a database)."""
        if self.perform is None:
            self.show_rows([])
            return
        with self.perform.database.reading() as session:
            self.show_rows(self.read(session))

    def read(self, session: Any) -> list[Any]:
        """The panel's rows from the database."""
        raise NotImplementedError

    def show_rows(self, rows: list[Any]) -> None:
        """Put rows in the table."""
        self.model.set_rows(rows)


class UnitsPanel(_Panel):
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
        self.view = _table(self.model)
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


class PeoplePanel(_Panel):
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
        self.view = _table(self.model)
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


class ListsPanel(_Panel):
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
        self.view = _table(self.model)
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
