"""设置 edits: holidays per year (by hand, from a sheet, reset) and milestone templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.infra.database import Database
from app.infra.errors import UserError
from app.schedule.holiday_edits import (
    add_day,
    days_of,
    delete_days,
    import_days,
    read_sheet,
    reset_year,
    years,
)
from app.schedule.template_edits import (
    StepRow,
    add_template,
    delete_template,
    save_steps,
    steps_of,
    templates,
)
from db.enums import HolidayKind


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2027年节假日"
    sheet.append(["日期", "类型", "名称"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_add_and_delete_a_day(database: Database) -> None:
    with database.sessions() as session:
        add_day(session, dt.date(2026, 12, 31), HolidayKind.HOLIDAY, "本地假日")
        with pytest.raises(UserError, match="已在节假日表中"):
            add_day(session, dt.date(2026, 12, 31), HolidayKind.HOLIDAY, "again")
        added = next(r for r in days_of(session, 2026) if r.day == dt.date(2026, 12, 31))
        delete_days(session, [added.id])
        assert all(r.day != dt.date(2026, 12, 31) for r in days_of(session, 2026))


def test_a_new_years_notice_is_imported_from_a_small_sheet(
    database: Database, tmp_path: Path
) -> None:
    path = _sheet(
        tmp_path / "2027.xlsx",
        [
            [dt.datetime(2027, 1, 1), "放假", "元旦"],
            ["2027-02-06", "休", "春节"],
            ["2027年2月20日", "上班", "春节调休"],
        ],
    )
    with database.sessions() as session:
        assert 2027 not in years(session)
        assert import_days(session, read_sheet(path)) == 3
        rows = days_of(session, 2027)
    assert [(r.day, r.kind) for r in rows] == [
        (dt.date(2027, 1, 1), HolidayKind.HOLIDAY),
        (dt.date(2027, 2, 6), HolidayKind.HOLIDAY),
        (dt.date(2027, 2, 20), HolidayKind.MAKEUP_WORKDAY),
    ]


def test_bad_sheet_names_every_bad_cell_and_imports_nothing(
    database: Database, tmp_path: Path
) -> None:
    path = _sheet(
        tmp_path / "bad.xlsx",
        [["2027-01-01", "放假", "元旦"], ["明年", "放假", ""], ["2027-02-06", "加班", ""]],
    )
    with pytest.raises(UserError) as refused:
        read_sheet(path)
    text = refused.value.message
    assert "未导入任何数据" in text
    assert "工作表「2027年节假日」第 3 行“日期”列" in text
    assert "第 4 行“类型”列：「加班」" in text
    with database.sessions() as session:
        assert 2027 not in years(session)


def test_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notice.xlsx"
    path.write_text("国务院办公厅关于2027年部分节假日安排的通知", encoding="utf-8")
    with pytest.raises(UserError, match=r"不是有效的 \.xlsx 表格"):
        read_sheet(path)


def test_reset_a_year_from_the_package(database: Database) -> None:
    with database.sessions() as session:
        first = days_of(session, 2024)
        delete_days(session, [r.id for r in first[:5]])
        assert reset_year(session, 2024) == len(first)
        assert [r.day for r in days_of(session, 2024)] == [r.day for r in first]
        with pytest.raises(UserError, match="没有 2031 年"):
            reset_year(session, 2031)


def test_templates_are_edited_checked_added_and_deleted(database: Database) -> None:
    with database.sessions() as session:
        template_id = dict((name, i) for i, name in templates(session))["力促开工"]
        steps = steps_of(session, template_id)
        steps.insert(2, StepRow("压覆矿产评估", 20, "审批"))
        save_steps(session, template_id, steps)
        assert [s.name for s in steps_of(session, template_id)][:4] == [
            "立项备案",
            "用地预审与规划选址",
            "压覆矿产评估",
            "土地摘牌",
        ]
        with pytest.raises(UserError, match="第 2 个节点没有名称"):
            save_steps(session, template_id, [StepRow("立项", 5), StepRow(" ", 5)])
        with pytest.raises(UserError, match="至少要有一个节点"):
            save_steps(session, template_id, [])
        new_id = add_template(session, "城市更新")
        with pytest.raises(UserError, match="已有名为「城市更新」"):
            add_template(session, "城市更新")
        delete_template(session, new_id)
        assert "城市更新" not in [name for _, name in templates(session)]
