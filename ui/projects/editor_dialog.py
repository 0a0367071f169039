"""The project editor: every field in groups, checked on 保存 with the message beside the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.projects.form import FIELDS, GROUPS, FormErrors, FormValues, ProjectField, parse_form
from app.values.value_text import value_text

Editor = QLineEdit | QPlainTextEdit | QComboBox
# Which groups go in the left column and which in the right one.
COLUMNS = (("基本信息", "投资"), ("进度", "责任", "专项债", "备注"))


def placeholders(year: int) -> dict[str, str]:
    """Example texts under the fields, in the campaign's year."""
    return {
        "code": f"{year}-120116-47-01-123456（可留空）",
        "amount": "万元，可写 3,500 或 1.2亿",
        "date": f"如 {year}-08-31",
        "units": "多个单位用“、”分隔",
    }


class ProjectEditor(QDialog):
    """新建项目 or 编辑项目; `save` stores the values and may refuse them with FormErrors."""

    open_existing = Signal(int)

    def __init__(
        self,
        title: str,
        lists: list[tuple[int, str]],
        unit_names: list[str],
        person_names: list[str],
        values: FormValues,
        save: Callable[[FormValues], None],
        parent: QWidget | None = None,
        *,
        year: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._placeholders = placeholders(year or dt.date.today().year)
        self._save = save
        self.editors: dict[str, Editor] = {}
        self.messages: dict[str, QLabel] = {}
        columns = QHBoxLayout()
        for groups in COLUMNS:
            column = QVBoxLayout()
            for group in groups:
                column.addWidget(self._group(group, lists, unit_names, person_names))
            column.addStretch(1)
            columns.addLayout(column, 1)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #b71c1c;")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.set_values(values)
        screen = self.screen().availableGeometry()
        self.resize(min(1060, screen.width() - 80), min(760, screen.height() - 60))
        self.editors["name"].setFocus()

    def _group(
        self, group: str, lists: list[tuple[int, str]], units: list[str], people: list[str]
    ) -> QGroupBox:
        box = QGroupBox(group)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in (f for f in FIELDS if f.group == group):
            editor = self._editor(spec, lists, units, people)
            self.editors[spec.key] = editor
            message = QLabel()
            message.setObjectName(f"message_{spec.key}")
            message.setStyleSheet("color: #b71c1c;")
            message.setWordWrap(True)
            message.hide()
            message.linkActivated.connect(self._open_link)
            self.messages[spec.key] = message
            cell = QVBoxLayout()
            cell.setSpacing(1)
            cell.addWidget(editor)
            cell.addWidget(message)
            label = f"{spec.label} *" if spec.required else spec.label
            form.addRow(label, cell)
        return box

    def _editor(
        self, spec: ProjectField, lists: list[tuple[int, str]], units: list[str], people: list[str]
    ) -> Editor:
        if spec.kind == "long":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(58)
            return text
        if spec.kind == "list":
            box = QComboBox()
            for list_id, label in lists:
                box.addItem(label, list_id)
            return box
        if spec.kind == "choice":
            assert spec.choices is not None
            box = QComboBox()
            if not spec.required:
                box.addItem("")
            box.addItems([c.value for c in spec.choices])
            return box
        if spec.kind in ("unit", "person"):
            box = QComboBox()
            box.setEditable(True)
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.addItem("")
            box.addItems(units if spec.kind == "unit" else people)
            completer = QCompleter(box.model(), box)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            box.setCompleter(completer)
            return box
        line = QLineEdit()
        line.setPlaceholderText(self._placeholders.get(spec.kind, ""))
        if spec.kind == "amount":
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        return line

    # ----- values --------------------------------------------------------------------------
    def set_values(self, values: FormValues) -> None:
        """Fill every field."""
        for key, editor in self.editors.items():
            value = values.get(key)
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(str(value or ""))
            elif isinstance(editor, QComboBox):
                if (
                    not editor.isEditable()
                    and isinstance(value, int)
                    and not isinstance(value, bool)
                ):
                    editor.setCurrentIndex(max(editor.findData(value), 0))
                else:
                    text = str(value or "")
                    index = editor.findText(text)
                    if index >= 0:
                        editor.setCurrentIndex(index)
                    elif editor.isEditable():
                        editor.setEditText(text)
            else:
                editor.setText(value_text(value))

    def raw(self) -> dict[str, object]:
        """What the fields hold, as typed."""
        raw: dict[str, object] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                raw[key] = editor.toPlainText()
            elif isinstance(editor, QComboBox):
                raw[key] = editor.currentData() if key == "list_id" else editor.currentText()
            else:
                raw[key] = editor.text()
        return raw

    def accept(self) -> None:  # Qt's name
        """Check and save; on a refusal show the messages and stay open."""
        try:
            values = parse_form(self.raw())
            self._save(values)
        except FormErrors as exc:
            self.show_errors(exc.errors, exc.existing)
            return
        super().accept()

    def show_errors(self, errors: dict[str, str], existing: int | None = None) -> None:
        """Each message under its field; the first wrong field gets the focus."""
        for key, label in self.messages.items():
            text = errors.get(key)
            if text and existing is not None and key in ("code", "name"):
                text += f'　<a href="project:{existing}">打开已有项目</a>'
            label.setText(text or "")
            label.setVisible(bool(text))
        self.summary.setText(f"有 {len(errors)} 处需要修改，见红字提示。" if errors else "")
        first = next((k for k in self.editors if k in errors), None)
        if first is not None:
            self.editors[first].setFocus()

    def _open_link(self, link: str) -> None:
        if link.startswith("project:"):
            self.open_existing.emit(int(link.removeprefix("project:")))
            self.reject()


assert set(GROUPS) == {g for column in COLUMNS for g in column}
