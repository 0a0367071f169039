"""新建攻坚行动: the campaign form, 结转 from an earlier campaign, written as one operation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.campaign.setup import CampaignErrors, CampaignSetup
from ui.campaign.campaign_form import CampaignFormWidget
from ui.shell.operation import Failed

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.campaign.choice import CampaignRow
    from app.campaign.setup import CampaignForm
    from ui.shell.operation import Performer


class NewCampaignDialog(QDialog):
    """Fill in a new campaign; 创建 writes it (and its 结转) and `created_id` names it.

    With `only_check` nothing is written: 创建 checks the form and leaves the checked setup in
    `setup`, for work that creates the campaign in its own transaction (an import).
    """

    def __init__(
        self,
        perform: Performer,
        today: dt.date,
        parent: QWidget | None = None,
        *,
        proposal: CampaignForm | None = None,
        only_check: bool = False,
        intro: str | None = None,
    ) -> None:
        from app.campaign.choice import campaign_rows
        from app.campaign.setup import proposed_form, template_ids_by_name

        super().__init__(parent)
        self.setWindowTitle("新建攻坚行动")
        self._perform = perform
        self._today = today
        self.created_id: int | None = None
        self.setup: CampaignSetup | None = None
        self._only_check = only_check
        self.carried: list[int] = []
        with perform.database.reading() as session:
            form = proposal or proposed_form(session, today)
            templates = template_ids_by_name(session)
            self._campaigns: list[CampaignRow] = campaign_rows(session)
        layout = QVBoxLayout(self)
        note = QLabel(
            intro
            or "一个攻坚行动就是一期“百日攻坚”或一年的重点项目工作：名称、起止日期、目标和清单。"
            "以后可在“设置 → 攻坚行动”中修改。"
        )
        note.setWordWrap(True)
        note.setObjectName("cardLabel")
        layout.addWidget(note)
        self.fields = CampaignFormWidget(form, templates)
        layout.addWidget(self.fields, 1)
        carry = QHBoxLayout()
        self.carry_button = QPushButton("从以往攻坚行动结转项目…")
        self.carry_button.setToolTip("把未完成的项目连同节点、问题带入新的攻坚行动")
        self.carry_button.clicked.connect(self.choose_carry_over)
        self.carry_label = QLabel("")
        self.carry_label.setObjectName("cardLabel")
        carry.addWidget(self.carry_button)
        carry.addWidget(self.carry_label, 1)
        self.carry_button.setVisible(bool(self._campaigns) and not only_check)
        layout.addLayout(carry)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton("创建", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        buttons.accepted.connect(self.create_campaign)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(760, screen.width() - 40), min(680, screen.height() - 40))

    def choose_carry_over(self) -> None:
        """结转: tick the projects of an earlier campaign to carry into this one."""
        from ui.campaign.carry_over_dialog import CarryOverDialog

        dialog = CarryOverDialog(self._perform.database, self._campaigns, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.carried = dialog.chosen()
        self.carry_label.setText(
            f"将从「{dialog.source_name()}」结转 {len(self.carried)} 个项目" if self.carried else ""
        )

    def create_campaign(self) -> None:
        """Check and write; messages under the fields keep the dialog open."""
        from app.campaign.carry_over import create_with_carry_over
        from app.campaign.setup import parse_form
        from app.campaign.setup_write import create_campaign

        form, carried, today = self.fields.form(), list(self.carried), self._today
        if self._only_check:
            try:
                with self._perform.database.reading() as session:
                    self.setup = parse_form(session, form, None)
            except CampaignErrors as exc:
                self.fields.show_errors(exc.errors)
                return
            self.accept()
            return

        def work(session: Session) -> int:
            setup: CampaignSetup = parse_form(session, form, None)
            if carried:
                return create_with_carry_over(session, setup, carried, today)[0]
            return create_campaign(session, setup)

        try:
            made = self._perform(work, what="新建攻坚行动", raising=(CampaignErrors,))
        except CampaignErrors as exc:
            self.fields.show_errors(exc.errors)
            return
        if isinstance(made, Failed):
            return
        self.created_id = made
        self.accept()
