"""`gongjian import` corrections: --map and --header-rows, the report per sheet, the warning and
exit code 3 for an investment column not used, and a saved profile read again unasked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.infra.database import open_database
from db.models import Project
from gongjian.cli import main
from tests.support.office_tables import Rendering, Sheet, project_sheet, save


def _ambiguous(tmp_path: Path) -> Path:
    """A district list whose plan column says only 投资 (万元)."""
    sheet = project_sheet(Rendering())
    header = next(i for i, row in enumerate(sheet.rows) if "项目名称" in row)
    sheet.rows[header][4] = "投资（万元）"
    return save(tmp_path / "区里的表.xlsx", {"清单": sheet})


def _plans(db: Path) -> list[Decimal | None]:
    database = open_database(db)
    with database.sessions() as session:
        plans = list(session.scalars(select(Project.annual_plan).order_by(Project.id)))
    database.close()
    return plans


def test_an_unused_investment_column_warns_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, db = _ambiguous(tmp_path), tmp_path / "库.db"
    assert main(["import", str(book), "--db", str(db)]) == 3
    out = capsys.readouterr().out
    assert "工作表「清单」导入报告：" in out
    assert "E 投资（万元）（含义不明确，需要确认：这一列是哪一项投资" in out
    assert "警告：看起来是投资或日期的列没有导入：「清单」E 列「投资（万元）」（像投资）" in out
    assert "已写入：导入批次 #1" in out  # the rest is imported
    assert set(_plans(db)) == {None}


def test_map_corrects_the_column_and_the_profile_is_used_next_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, db = _ambiguous(tmp_path), tmp_path / "库.db"
    argv = ["import", str(book), "--db", str(db), "--dry-run", "--map", "E=年度计划投资"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "E 年度计划投资" in out and "警告" not in out
    assert '--save-profile "区里的表"' in out  # offered
    assert main([*argv[:-1], "E=年度计划投资", "--save-profile", "区发改局"]) == 0
    assert "已保存交换方案「区发改局」" in capsys.readouterr().out
    # The same layout next month: read as saved, nothing asked.
    assert main(["import", str(book), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "按交换方案「区发改局」识别" in out and "警告" not in out
    assert _plans(db)[0] == Decimal("23456.70")


def test_map_can_leave_a_column_out_on_purpose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, db = _ambiguous(tmp_path), tmp_path / "库.db"
    assert main(["import", str(book), "--db", str(db), "--dry-run", "--map", "E=不导入"]) == 0
    assert "E 投资（万元）（已更正为不导入）" in capsys.readouterr().out


def test_header_rows_and_a_month_given_by_the_clerk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = Sheet()
    sheet.add("各项目进展")
    sheet.add("项目", "完成", "备注")  # a header no one could read alone
    sheet.add("海工装备强链产业园", 120.5, "")
    book, db = save(tmp_path / "简表.xlsx", {"表": sheet}), tmp_path / "库.db"
    argv = ["import", str(book), "--db", str(db), "--header-rows", "2", "--map", "B=1-7月完成投资"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "表头第 2 行" in out and "B 今年累计完成投资" in out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--map", "G年度计划投资", "写法不对"),
        ("--map", "G=随便什么", "不是可导入的字段"),
        ("--header-rows", "3-9", "写法不对"),
        ("--map", "Z=备注", "没有 Z 列"),
    ],
)
def test_a_wrong_correction_is_a_clear_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    book, db = _ambiguous(tmp_path), tmp_path / "库.db"
    assert main(["import", str(book), "--db", str(db), option, value]) == 2
    assert message in capsys.readouterr().err
