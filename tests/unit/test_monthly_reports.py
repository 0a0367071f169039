"""月度填报: month or cumulative entered, the other derived; later months follow; locked months."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.infra.database import Database
from app.infra.errors import UserError
from app.reports.monthly_reports import (
    CellEntry,
    EntryMode,
    load_month,
    lock_month,
    month_lock,
    save_entries,
    unlock_month,
)
from db.models import Project
from tests.support.campaigns import the_campaign
from tests.unit.factories import a_project

D = Decimal


def _project(database: Database) -> int:
    with database.sessions() as session:
        project = a_project(session)
        session.commit()
        return project.id


def _figures(database: Database, month: int) -> tuple[Decimal | None, Decimal | None]:
    with database.sessions() as session:
        row = load_month(session, the_campaign(session), 2022, month)[0]
        return row.month_amount, row.cumulative


def test_month_entered_cumulative_derived_and_later_months_follow(database: Database) -> None:
    pid = _project(database)
    with database.sessions() as session:
        for month, amount in ((1, "100"), (2, "50"), (3, "25")):
            save_entries(
                session, 2022, month, [CellEntry(pid, "month", D(amount))], EntryMode.MONTH
            )
    assert _figures(database, 3) == (D("25.00"), D("175.00"))
    with database.sessions() as session:
        save_entries(session, 2022, 1, [CellEntry(pid, "month", D("10"))], EntryMode.MONTH)
        assert load_month(session, the_campaign(session), 2022, 3)[0].previous == D("60.00")
    assert _figures(database, 3) == (D("25.00"), D("85.00"))


def test_cumulative_entered_month_derived_and_a_fall_refused(database: Database) -> None:
    pid = _project(database)
    with database.sessions() as session:
        save_entries(
            session, 2022, 1, [CellEntry(pid, "cumulative", D("100"))], EntryMode.CUMULATIVE
        )
        save_entries(
            session, 2022, 2, [CellEntry(pid, "cumulative", D("130"))], EntryMode.CUMULATIVE
        )
        with pytest.raises(UserError, match="小于此前累计"):
            save_entries(
                session, 2022, 3, [CellEntry(pid, "cumulative", D("120"))], EntryMode.CUMULATIVE
            )
        with pytest.raises(UserError, match="自动计算"):
            save_entries(session, 2022, 3, [CellEntry(pid, "month", D("1"))], EntryMode.CUMULATIVE)
    assert _figures(database, 2) == (D("30.00"), D("130.00"))
    assert _figures(database, 3) == (None, None)  # the refused entry stored nothing


def test_locked_month_refuses_edits_and_unlock_needs_a_reason(database: Database) -> None:
    pid = _project(database)
    with database.sessions() as session:
        session.info["operator"] = "王科员"
        save_entries(session, 2022, 1, [CellEntry(pid, "month", D("100"))], EntryMode.MONTH)
        save_entries(session, 2022, 2, [CellEntry(pid, "month", D("50"))], EntryMode.MONTH)
        lock_month(session, 2022, 2)
        assert month_lock(session, 2022, 2).locked_by == "王科员"
        with pytest.raises(UserError, match="已报送"):
            save_entries(
                session, 2022, 2, [CellEntry(pid, "progress", "主体施工")], EntryMode.MONTH
            )
        # Changing January would change February's locked cumulative figure.
        with pytest.raises(UserError, match="请先解锁2月"):
            save_entries(session, 2022, 1, [CellEntry(pid, "month", D("1"))], EntryMode.MONTH)
        with pytest.raises(UserError, match="原因"):
            unlock_month(session, 2022, 2, "  ")
        unlock_month(session, 2022, 2, "单位更正数字")
        lock = month_lock(session, 2022, 2)
        assert not lock.locked and lock.unlock_reason == "单位更正数字"
        save_entries(session, 2022, 1, [CellEntry(pid, "month", D("1"))], EntryMode.MONTH)
    assert _figures(database, 2) == (D("50.00"), D("51.00"))


def test_bond_spending_by_month_is_checked_and_the_card_follows_the_latest(
    database: Database,
) -> None:
    pid = _project(database)
    with database.sessions() as session:
        with pytest.raises(UserError, match="没有已发行的专项债"):
            save_entries(session, 2022, 6, [CellEntry(pid, "bond", D("10"))], EntryMode.MONTH)
        project = session.get(Project, pid)
        assert project is not None
        project.bond_issued = D(500)
        session.commit()
        save_entries(session, 2022, 6, [CellEntry(pid, "bond", D("120"))], EntryMode.MONTH)
        save_entries(session, 2022, 5, [CellEntry(pid, "bond", D("80"))], EntryMode.MONTH)
        assert load_month(session, the_campaign(session), 2022, 6)[0].bond_spent == D("120.00")
        assert load_month(session, the_campaign(session), 2022, 5)[0].bond_spent == D("80.00")
        # The card shows the latest month's figure, not the one entered last.
        assert session.get(Project, pid).bond_spent == D("120.00")  # type: ignore[union-attr]
        with pytest.raises(UserError, match="超过已发行的 500"):
            save_entries(session, 2022, 7, [CellEntry(pid, "bond", D("501"))], EntryMode.MONTH)
        assert (
            load_month(session, the_campaign(session), 2022, 7)[0].bond_spent is None
        )  # nothing half-written


def test_progress_typed_for_the_latest_month_is_the_card_s(database: Database) -> None:
    """形象进度 typed in 月度填报 reaches the card (and so the exported 附表) (issue 14)."""
    pid = _project(database)
    with database.sessions() as session:
        save_entries(session, 2022, 7, [CellEntry(pid, "progress", "主体封顶")], EntryMode.MONTH)
        save_entries(session, 2022, 6, [CellEntry(pid, "progress", "基础施工")], EntryMode.MONTH)
        assert session.get_one(Project, pid).latest_progress == "主体封顶"  # July is later
        save_entries(session, 2022, 8, [CellEntry(pid, "progress", "装饰装修")], EntryMode.MONTH)
        assert session.get_one(Project, pid).latest_progress == "装饰装修"


def test_working_month_follows_the_campaign_and_the_reports(database: Database) -> None:
    import datetime as dt

    from app.reports.working_month import working_month
    from db.models import Campaign, ProjectList

    today = dt.date(2026, 5, 20)
    with database.sessions() as session:
        assert working_month(session, None, today) == (2026, 5)  # nothing yet: this month
        campaign = Campaign(
            name="百日攻坚", start_date=dt.date(2026, 3, 1), end_date=dt.date(2026, 6, 30)
        )
        campaign.lists.append(ProjectList(number=1, name="力促开工项目"))
        session.add(campaign)
        session.commit()
        chosen = campaign.id
        assert working_month(session, chosen, today) == (2026, 5)  # under way: this month
        campaign.end_date = dt.date(2026, 4, 30)
        session.commit()
        # Ended, no reports: its last month.
        assert working_month(session, chosen, today) == (2026, 4)
        project = a_project(session)
        session.commit()
        save_entries(
            session, 2026, 3, [CellEntry(project.id, "month", Decimal("5"))], EntryMode.MONTH
        )
        # Ended: its latest reported month.
        assert working_month(session, chosen, today) == (2026, 3)
        campaign.start_date = dt.date(2026, 6, 1)
        campaign.end_date = dt.date(2026, 9, 30)
        session.commit()
        assert working_month(session, chosen, today) == (2026, 6)  # not begun: its first month
