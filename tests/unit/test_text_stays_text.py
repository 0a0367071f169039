"""Text stays text in every file the program writes: a campaign whose every text field starts with
= + - @ is exported as 附表, weekly sheet, fill-in books, bulletin workbook and JSON, and no written
workbook holds a formula other than the program's own sums."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import zipfile
from pathlib import Path

from sqlalchemy import String, Text, select

from app.bulletin.workbook import write_bulletin_workbook
from app.exchange.export_city import export_scope, export_workbook
from app.exchange.export_json import export_json
from app.exchange.fill_in import export_fill_ins
from app.exchange.profiles import DEFAULT_PROFILE
from app.infra.database import open_database
from app.problems.weekly_dispatch import weekly_dispatch
from app.problems.weekly_sheet import write_weekly_sheet
from app.schedule.warning_colours import WarningSettings
from app.statistics.month_statistics import month_statistics
from app.statistics.rates import Month
from db.base import Base
from db.models import Problem, Project
from tests.support.campaigns import the_campaign

PREFIXES = ('=HYPERLINK("http://x","点")&', "+", "-", "@SUM(1)")
# The program's own formulas: sums of a column (附表), and the fill-in book's running totals,
# IF(F5="","",N(E5)+F5) — made of cell references, SUM, IF, N and arithmetic, nothing typed.
OWN_FORMULA = re.compile(r'^(?:SUM|IF|N|[A-Z]{1,3}\d+|[(),:=+\-]|"")+$|^0$')
_FORMULA = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>([^<]*)</(?:\w+:)?f>")


def _poison(path: Path) -> None:
    """Every free-text column of every row starts with one of the prefixes (vocabularies, which
    a CHECK constraint keeps to their words, are left alone)."""
    connection = sqlite3.connect(path)
    for table in Base.metadata.tables.values():
        if table.name in ("change_log", "import_batch", "app_meta", "alembic_version"):
            continue
        for index, column in enumerate(table.columns):
            if not isinstance(column.type, String | Text) or getattr(column.type, "enums", None):
                continue
            if column.primary_key or column.foreign_keys:
                continue
            # Each prefix in every column, row by row (and a different one in the next column).
            cases = " ".join(
                f"WHEN {n} THEN '{p.replace(chr(39), chr(39) * 2)}'" for n, p in enumerate(PREFIXES)
            )
            connection.execute(
                f'UPDATE "{table.name}" SET "{column.name}" = '
                f'(CASE (rowid + {index}) % {len(PREFIXES)} {cases} END) || "{column.name}" '
                f'WHERE "{column.name}" IS NOT NULL'
            )
    connection.commit()
    connection.close()


def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [
            formula.decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            for formula in _FORMULA.findall(archive.read(name))
        ]


def _strings(path: Path) -> list[str]:
    """Every text cell's value (formulas are counted apart, by `_formulas`)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.data_type == "s"
    ]


def test_no_written_workbook_turns_text_into_a_formula(demo_path: Path, tmp_path: Path) -> None:
    _poison(demo_path)
    database = open_database(demo_path)
    written: list[Path] = []
    with database.sessions() as session:
        campaign_id = the_campaign(session)
        scope = export_scope(session, campaign_id, dt.date(2022, 8, 31))
        appendix = tmp_path / "附表.xlsx"
        export_workbook(session, appendix, DEFAULT_PROFILE, scope)
        written.append(appendix)
        first_problem = session.scalars(select(Problem).order_by(Problem.id)).first()
        assert first_problem is not None and first_problem.description[:1] in "=+-@"
        described = session.scalars(select(Problem).where(Problem.description.like("=%"))).first()
        assert described is not None
        weekly = tmp_path / "周调度.xlsx"
        write_weekly_sheet(
            weekly_dispatch(session, campaign_id, described.raised_on), weekly, "=办公室"
        )
        written.append(weekly)
        leads = session.scalars(select(Project.lead_unit_id).distinct()).all()
        units = sorted(unit for unit in leads if unit is not None)[:3]
        written += export_fill_ins(
            session, campaign_id, units, scope.year, scope.month, tmp_path, "=区重点办"
        )
        stats = month_statistics(session, campaign_id, Month(2022, 7), WarningSettings())
        assert stats is not None
        bulletin = tmp_path / "通报.xlsx"
        write_bulletin_workbook(stats, bulletin)
        written.append(bulletin)
        exported = export_json(session, scope)
    database.close()
    assert len(written) >= 6
    for path in written:
        foreign = [f for f in _formulas(path) if not OWN_FORMULA.match(f)]
        assert foreign == [], (path.name, foreign[:5])
        assert any(text[:1] in "=+-@" for text in _strings(path)), path.name
    # JSON: the strings exactly as stored, prefixes and all.
    names = [p["name"] for p in exported["projects"]]
    assert names and all(name[:1] in "=+-@" for name in names)
    json.dumps(exported, ensure_ascii=False)


def test_the_weekly_sheet_writes_a_formula_looking_problem_as_text(tmp_path: Path) -> None:
    """The case reported: `gongjian weekly` with a problem text "=HYPERLINK(…)"."""
    import openpyxl

    from app.problems.weekly_dispatch import DispatchLine, WeeklyDispatch
    from db.enums import ProblemState

    line = DispatchLine(
        problem_id=1,
        project='=HYPERLINK("http://evil","点我")',
        type="+要素保障",
        description="-1+2",
        unit="@SUM(A1)",
        level="本级",
        raised_on=dt.date(2022, 7, 18),
        deadline=None,
        state=ProblemState.OPEN,
        progress="=1+1",
        closed_on=None,
    )
    monday = dt.date(2022, 7, 18)
    dispatch = WeeklyDispatch(monday, monday + dt.timedelta(days=6), [line], [], [], [])
    path = tmp_path / "周调度.xlsx"
    write_weekly_sheet(dispatch, path)
    assert _formulas(path) == []
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert {'=HYPERLINK("http://evil","点我")', "-1+2", "@SUM(A1)", "=1+1"} <= values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
