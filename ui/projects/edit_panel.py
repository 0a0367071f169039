"""The editable tables of the 单位与人员 and 项目清单 tabs: a titled panel whose edits go straight
to the database as undoable operations, and a cell delegate offering fixed choices."""

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
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.infra.errors import UserError
from ui.shell.operation import Failed
from ui.widgets.rows_model import RowsModel

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


def edit_table(model: RowsModel[Any]) -> QTableView:
    """A table edited in place: a double click, F2 or typing starts an edit."""
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


class EditPanel(QGroupBox):
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
