"""设置 → 攻坚行动: change the chosen campaign's name, dates, 发文单位, 期号, targets and lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.campaign.setup import CampaignErrors, CampaignForm
from app.infra.changes import Change, Changes
from ui.campaign.campaign_form import CampaignFormWidget
from ui.shell.bus import ChangeBus
from ui.shell.operation import Failed, Performer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.infra.database import Database


class CampaignTab(QWidget):
    """The chosen campaign's form with 保存; 新建攻坚行动 for the next one."""

    watched: Changes = frozenset({Change.CAMPAIGN, Change.ORGANISATION, Change.TEMPLATES})

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._database: Database | None = None
        self._campaign_id: int | None = None
        layout = QVBoxLayout(self)
        self.empty = QLabel("还没有攻坚行动。点“新建攻坚行动…”开始。")
        self.empty.setObjectName("cardLabel")
        layout.addWidget(self.empty)
        self.fields: CampaignFormWidget | None = None
        self.holder = QVBoxLayout()
        layout.addLayout(self.holder, 1)
        buttons = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("cardLabel")
        self.message.setWordWrap(True)
        self.new_button = QPushButton("新建攻坚行动…")
        self.save_button = QPushButton("保存")
        self.save_button.setDefault(True)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(lambda: bus.window_action.emit("new_campaign"))
        bus.changed.connect(self._on_changed)
        bus.campaign_chosen.connect(lambda _id: self.reload())

    def set_database(self, database: Database | None) -> None:
        """Show the chosen campaign of `database`."""
        self._database = database
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        # Not while the clerk is typing into the form: only what others changed.
        if changes & self.watched and not self._saving:
            self.reload()

    _saving = False

    def reload(self) -> None:
        """Read the chosen campaign into the form (fields typed but not saved are dropped)."""
        from app.campaign.setup import form_of, standard_choices, template_ids_by_name

        if self.fields is not None:
            self.holder.removeWidget(self.fields)
            self.fields.deleteLater()
            self.fields = None
        self._campaign_id = self._bus.campaign_id if self._database is not None else None
        has = self._campaign_id is not None
        self.empty.setVisible(not has)
        self.save_button.setEnabled(has)
        self.new_button.setEnabled(self._database is not None)
        if not has or self._database is None:
            return
        assert self._campaign_id is not None
        with self._database.reading() as session:
            form = form_of(session, self._campaign_id)
            templates = template_ids_by_name(session)
            standard = standard_choices(session)
        self.fields = CampaignFormWidget(form, templates, standard=standard)
        self.fields.edited.connect(lambda: self.message.setText(""))
        self.holder.addWidget(self.fields)

    def save(self) -> bool:
        """保存: check the form and write what changed; messages under the fields. Undoable: the
        campaign as it was is written back through the same service (Ctrl+Z in the window)."""
        from app.campaign.setup import form_of

        if self.fields is None or self._database is None or self._campaign_id is None:
            return False
        form, campaign_id = self.fields.form(), self._campaign_id

        def work(session: Session) -> CampaignForm:
            before = form_of(session, campaign_id)
            _write_form(session, campaign_id, form)
            return before

        perform = Performer(self, self._bus, self._database)
        self._saving = True
        try:
            done = perform.undoable(
                work,
                what="修改攻坚行动",
                undo=lambda before: lambda session: _write_form(session, campaign_id, before),
                redo=lambda _before: lambda session: _write_form(session, campaign_id, form),
                raising=(CampaignErrors,),
            )
        except CampaignErrors as exc:
            self.fields.show_errors(exc.errors)
            self.message.setText("有填写不对的地方，见红字。")
            return False
        finally:
            self._saving = False
        if isinstance(done, Failed):
            return False
        self.reload()
        self.message.setText("已保存。月通报、挂图和导出的表格按新的设置生成。")
        return True


def _write_form(session: Session, campaign_id: int, form: CampaignForm) -> None:
    """Check `form` and write what differs from the stored campaign."""
    from app.campaign.setup import parse_form
    from app.campaign.setup_write import update_campaign

    update_campaign(session, campaign_id, parse_form(session, form, campaign_id))
