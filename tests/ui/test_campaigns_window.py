"""More than one campaign in a database: a new year with 结转, the switcher, the choice kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui.campaign.carry_over_dialog import CarryOverDialog
from ui.campaign.editor_dialog import NewCampaignDialog
from ui.settings.keys import Settings
from ui.shell.main_window import MainWindow

NEW = "2023年重点项目攻坚行动"


def _cards(qtbot: QtBot, window: MainWindow) -> list[str]:
    window.show_page("projects")
    page = window.pages["projects"]
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.card_set is not None and page.card_set.complete)  # type: ignore[attr-defined]
    return [c.name for c in page.model.all_cards]  # type: ignore[attr-defined]


def test_a_new_year_carries_projects_and_the_window_switches(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    demo_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    carried: list[int] = []

    def pick(dialog: CarryOverDialog) -> int:
        qtmodeltester.check(dialog.model)
        assert dialog.source.currentText().startswith("2022年重点项目百日攻坚行动")
        unfinished = len(dialog.model.ticked)
        assert 0 < unfinished < 126  # the unfinished ones, proposed
        assert dialog.count_label.text() == f"已选 {unfinished} / 126 个项目"
        carried.extend(dialog.chosen())
        return 1

    def fill(dialog: NewCampaignDialog) -> int:
        dialog.fields.name.setText(NEW)
        dialog.fields.start.set_text("2023-01-01")
        dialog.fields.end.set_text("2023-12-31")
        dialog.choose_carry_over()
        assert dialog.carry_label.text().endswith(f"结转 {len(carried)} 个项目")
        dialog.create_campaign()
        return dialog.result()

    monkeypatch.setattr(CarryOverDialog, "exec", pick)
    monkeypatch.setattr(NewCampaignDialog, "exec", fill)
    before = _cards(qtbot, window)
    assert len(before) == 126
    new_id = window.new_campaign()
    assert new_id is not None and window.bus.campaign_id == new_id
    assert window.campaign_button.text() == f"攻坚行动：{NEW}"
    assert len(_cards(qtbot, window)) == len(carried)
    assert window.pages["overview"].campaign_label.text() == NEW  # type: ignore[attr-defined]

    # The switcher lists both; choosing last year's shows it unchanged.
    window.switch_menu.aboutToShow.emit()
    actions = [a for a in window.switch_menu.actions() if a.isCheckable()]
    assert [a.text().split("（")[0] for a in actions] == [NEW, "2022年重点项目百日攻坚行动"]
    assert actions[0].isChecked()
    actions[1].trigger()
    assert window.campaign_button.text() == "攻坚行动：2022年重点项目百日攻坚行动"
    assert sorted(_cards(qtbot, window)) == sorted(before)

    # The choice is the window's, kept for this database.
    window.close()
    again = MainWindow(Settings())
    qtbot.addWidget(again)
    again.show()
    assert again.actions_.open_location(str(demo_path))
    assert again.campaign_button.text() == "攻坚行动：2022年重点项目百日攻坚行动"
    again.close()
