"""A workbook of another year is recognised; units differing by a place prefix are paired."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.exchange.import_period import check_period, relabel_year, workbook_year
from app.infra.database import Database
from app.projects.unit_matching import (
    incoming_unit_names,
    place_prefix,
    propose_unit_merges,
    rename_units,
)
from db.models import Campaign


@dataclass(frozen=True)
class _Column:
    header: str
    year: int | None = None


@dataclass(frozen=True)
class _Layout:
    title: str | None
    columns: list[_Column] = field(default_factory=list)
    year: int | None = None


def _campaign(database: Database, name: str, start: dt.date, end: dt.date) -> int:
    with database.sessions() as session:
        campaign = Campaign(name=name, start_date=start, end_date=end)
        session.add(campaign)
        session.commit()
        return campaign.id


def test_the_workbook_year_comes_from_its_titles_or_headers_only() -> None:
    titled = _Layout("2022年重点项目清单", [_Column("项目名称")], year=2022)
    headed = _Layout("附表3 力促开工项目清单", [_Column("2023年计划投资", 2023)], year=2023)
    silent = _Layout("附表3 力促开工项目清单", [_Column("项目名称")], year=2026)
    assert workbook_year([titled]) == 2022
    assert workbook_year([headed]) == 2023
    assert workbook_year([silent]) is None  # its year was the campaign's, not the sheet's
    assert workbook_year([titled, titled, headed]) == 2022
    assert workbook_year([_Layout("２０２２年清单")]) == 2022  # full-width digits


def test_another_year_is_named_and_its_campaign_offered(database: Database) -> None:
    old = _campaign(database, "2022年百日攻坚", dt.date(2022, 5, 24), dt.date(2022, 8, 31))
    now = _campaign(
        database, "2026年重点项目百日攻坚行动", dt.date(2026, 9, 1), dt.date(2026, 12, 10)
    )
    with database.reading() as session:
        assert check_period(session, now, 2026) is None
        assert check_period(session, now, None) is None
        mismatch = check_period(session, now, 2022)
        assert mismatch is not None
        assert mismatch.text == (
            "表格是 2022 年的，当前攻坚行动是 2026 年（「2026年重点项目百日攻坚行动」）"
        )
        assert (mismatch.matching_id, mismatch.matching_name) == (old, "2022年百日攻坚")
        other = check_period(session, now, 2024)
        assert other is not None and other.matching_id is None


def test_importing_as_this_years_relabels_sheet_and_columns() -> None:
    layout = _Layout("2022年清单", [_Column("项目名称"), _Column("2022年计划投资", 2022)], 2022)
    [moved] = relabel_year([layout], 2026)
    assert moved.year == 2026 and [c.year for c in moved.columns] == [None, 2026]
    assert layout.year == 2022  # the original is left as read


def test_a_place_prefix_is_the_only_difference_proposed() -> None:
    assert place_prefix("区发改局", "发改局") == "区"
    assert place_prefix("滨海新区发改局", "发改局") == "滨海新区"
    assert place_prefix("保税区规建局", "规建局") == "保税区"
    assert place_prefix("招商一局", "一局") is None  # 招商 is no place
    assert place_prefix("发改局", "发改局") is None
    assert place_prefix("区局", "局") is None  # one character is no department


def test_proposals_prefer_stored_units_then_the_workbook_s_own() -> None:
    existing = {"发改局": 1, "规建局": 2}
    proposals = propose_unit_merges(
        ["区发改局", "发改局", "滨海新区规建局", "区财政局", "财政局", "招商一局"], existing
    )
    texts = {p.incoming: (p.existing, p.existing_id, p.prefix) for p in proposals}
    assert texts == {
        "区发改局": ("发改局", 1, "区"),
        "滨海新区规建局": ("规建局", 2, "滨海新区"),
        "区财政局": ("财政局", None, "区"),
    }
    assert proposals[0].text.startswith("「区发改局」与已有的「发改局」只差前缀“区”")


def test_accepted_merges_rename_the_rows_values() -> None:
    values = {
        "lead_unit": "区发改局",
        "owner": "某某公司",
        "cooperating_units": ("区发改局", "发改局", "规建局"),
    }
    assert incoming_unit_names([values]) == {"区发改局", "某某公司", "发改局", "规建局"}
    rename_units(values, {"区发改局": "发改局"})
    assert values["lead_unit"] == "发改局"
    assert values["cooperating_units"] == ("发改局", "规建局")
