"""Amounts survive entry, storage, sums, export and import to the 0.01 万元; dates survive every
format the importer reads."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.exchange.cell_values import to_amount, to_date
from app.exchange.export_city import ExportScope, export_workbook
from app.exchange.import_plan import RowStatus, plan_import
from app.exchange.profiles import DEFAULT_PROFILE
from app.infra.database import open_database
from app.values.amount_text import MAX_AMOUNT, amount_text, parse_amount
from db.models import Project
from tests.support.campaigns import the_campaign
from tests.support.present import present
from tests.unit.factories import a_project

amounts = st.decimals(
    min_value=Decimal(0), max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False
)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@given(amounts)
def test_an_amount_reads_back_from_its_own_text(amount: Decimal) -> None:
    assert parse_amount(amount_text(amount)) == amount
    assert to_amount(float(amount)) == amount  # as a spreadsheet cell holds it
    assert to_amount(f"{amount / 10000}亿") == amount


@given(dates)
def test_a_date_reads_back_from_every_format(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    for written in (
        day,
        dt.datetime.combine(day, dt.time()),
        serial,
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}/{day.month}/{day.day}",
        day.isoformat(),
        f"{day:%Y%m%d}",
    ):
        assert to_date(written) == day, written


@settings(max_examples=15, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=8))
def test_amounts_survive_storage_sums_export_and_import(values: list[Decimal]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "m.db")
        with database.sessions() as session:
            for index, value in enumerate(values):
                project = a_project(session, f"项目{index}")
                project.total_investment = value
            session.commit()
            session.expire_all()
            stored = list(session.scalars(select(Project.total_investment).order_by(Project.id)))
            assert stored == values
            assert sum((present(v) for v in stored), Decimal(0)) == sum(values, Decimal(0))
            out = Path(folder) / "x.xlsx"
            export_workbook(
                session, out, DEFAULT_PROFILE, ExportScope(the_campaign(session), 2022, 7)
            )
            plan = plan_import(session, [out], campaign_id=the_campaign(session))
            assert plan.counts()[RowStatus.UNCHANGED] == len(values), [
                c for r in plan.rows for c in r.changes
            ]
        database.close()
