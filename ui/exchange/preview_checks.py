"""Two questions the import preview asks before writing: which year, and which units are one.

A workbook naming another year than the chosen campaign's is said to be so, and the clerk
chooses where it goes (app/exchange/import_period.py); units differing only by a place prefix
(区发改局 / 发改局) are proposed for merging, ticked (app/projects/unit_matching.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.exchange.import_period import PeriodMismatch
    from app.projects.unit_matching import UnitMatch

INTO_MATCHING, AS_THIS_YEAR = "matching", "this_year"


class PeriodChoice(QGroupBox):
    """表格是 2022 年的，当前攻坚行动是 2026 年: into 2022's campaign, or as this year's."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("表格年份与当前攻坚行动不同", parent)
        self.setStyleSheet("QGroupBox { color: #b71c1c; font-weight: bold; }")
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #333; font-weight: normal;")
        self.matching = QRadioButton()
        self.this_year = QRadioButton()
        self.cancel_note = QLabel("都不对：点“取消”，不导入任何数据。")
        self.cancel_note.setStyleSheet("color: #666; font-weight: normal;")
        self.group = QButtonGroup(self)
        for widget in (self.message, self.matching, self.this_year, self.cancel_note):
            layout.addWidget(widget)
        for button in (self.matching, self.this_year):
            button.setStyleSheet("font-weight: normal; color: #333;")
            self.group.addButton(button)
            button.toggled.connect(self._toggled)
        self.mismatch: PeriodMismatch | None = None
        self.hide()

    def _toggled(self, on: bool) -> None:
        if on:
            self.chosen.emit()

    def show_mismatch(self, mismatch: PeriodMismatch | None) -> None:
        """Ask about `mismatch` (keeping an answer already given), or hide when there is none."""
        same = mismatch == self.mismatch
        self.mismatch = mismatch
        self.setVisible(mismatch is not None)
        if mismatch is None or same:
            return
        self.group.setExclusive(False)
        self.matching.setChecked(False)
        self.this_year.setChecked(False)
        self.group.setExclusive(True)
        self.message.setText(f"{mismatch.text}。请选择：")
        self.matching.setVisible(mismatch.matching_id is not None)
        self.matching.setText(f"导入到「{mismatch.matching_name}」（{mismatch.workbook_year}年）")
        first = mismatch.campaign_years[0]
        self.this_year.setText(
            f"作为本年度（{first}年）的数据导入到「{mismatch.campaign_name}」"
        )

    def choice(self) -> str | None:
        """INTO_MATCHING, AS_THIS_YEAR, or None while unanswered (or nothing to ask)."""
        if self.mismatch is None:
            return None
        if self.matching.isChecked():
            return INTO_MATCHING
        if self.this_year.isChecked():
            return AS_THIS_YEAR
        return None

    def answered(self) -> bool:
        """Nothing to ask, or asked and answered."""
        return self.mismatch is None or self.choice() is not None


class UnitMerges(QGroupBox):
    """同一单位的不同写法: each proposal a ticked box; `renamed()` maps the names merged."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("可能是同一单位的不同写法（勾选的将合并，不会新建）", parent)
        self._layout = QVBoxLayout(self)
        self.boxes: list[tuple[QCheckBox, UnitMatch]] = []
        self.hide()

    def show_proposals(self, proposals: list[UnitMatch]) -> None:
        """One ticked box per proposal (answers kept for proposals shown before)."""
        kept = {match.incoming: box.isChecked() for box, match in self.boxes}
        for box, _match in self.boxes:
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        for match in proposals:
            box = QCheckBox(match.text)
            box.setChecked(kept.get(match.incoming, True))
            self._layout.addWidget(box)
            self.boxes.append((box, match))
        self.setVisible(bool(proposals))

    def renamed(self) -> dict[str, str]:
        """Incoming name → the name it is merged into, for the ticked proposals."""
        return {match.incoming: match.existing for box, match in self.boxes if box.isChecked()}
