"""The ledger's side panel: the workflow buttons, the problem's detail and the 推进 line."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from db.enums import ProblemState
from ui.shell.toolbar import add_button


class ProblemActionPanel(QWidget):
    """Two rows of buttons, so the panel can stay narrow beside the table; the detail below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        first_row, second_row = QHBoxLayout(), QHBoxLayout()
        self.new_button = add_button(first_row, "新增", "新增问题（Ctrl+N）")
        self.progress_button = add_button(first_row, "推进", "写一条推进情况（Ctrl+T，回车保存）")
        self.solve_button = add_button(first_row, "解决", "标记为已解决（Ctrl+D）")
        self.close_button = add_button(first_row, "销号", "确认后销号（Ctrl+Shift+D）")
        self.escalate_button = add_button(second_row, "上报协调", "提请上一级协调（Ctrl+U）")
        self.hold_button = add_button(second_row, "暂缓", "暂缓办理，需说明原因（Ctrl+H）")
        self.supervise_button = add_button(second_row, "督办…", "列入督办台账")
        layout.addLayout(first_row)
        layout.addLayout(second_row)
        self.detail = QTextBrowser()
        layout.addWidget(self.detail, 1)
        self.progress_line = QLineEdit()
        self.progress_line.setPlaceholderText("推进情况：输入一行，回车保存")
        layout.addWidget(self.progress_line)

    def enable_for(self, state: ProblemState | None) -> None:
        """Buttons as the workflow allows for the selected problem's state."""
        from app.problems.workflow import Action, allowed_actions

        allowed = allowed_actions(state)
        for widget, action in (
            (self.progress_button, Action.PROGRESS),
            (self.progress_line, Action.PROGRESS),
            (self.solve_button, Action.SOLVE),
            (self.close_button, Action.CLOSE),
            (self.escalate_button, Action.ESCALATE),
            (self.hold_button, Action.HOLD),
            (self.supervise_button, Action.SUPERVISE),
        ):
            widget.setEnabled(action in allowed)
