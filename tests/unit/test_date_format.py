"""Dates are written by app.values.date_format alone, the same on Linux and Windows (issue 17)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from app.values import date_format

ROOT = Path(__file__).resolve().parents[2]


def test_dates_are_written_without_leading_zeros_in_chinese_and_with_them_in_iso() -> None:
    day = dt.date(2022, 7, 5)
    moment = dt.datetime(2022, 7, 5, 9, 3, 8)
    assert date_format.chinese_date(day) == "2022年7月5日"
    assert date_format.chinese_month_day(day) == "7月5日"
    assert date_format.chinese_date(dt.date(2022, 12, 31)) == "2022年12月31日"
    assert date_format.iso_date(day) == "2022-07-05"
    assert date_format.compact_date(day) == "20220705"
    assert date_format.short_month_day(day) == "07-05"
    assert date_format.iso_minute(moment) == "2022-07-05 09:03"
    assert date_format.iso_second(moment) == "2022-07-05 09:03:08"
    assert date_format.clock_minute(moment) == "09:03"
    assert date_format.file_stamp(moment) == "20220705-090308"
    assert date_format.utc_stamp(moment) == "2022-07-05T09:03:08Z"
    assert date_format.iso_date(dt.date(987, 1, 2)) == "0987-01-02"


def test_backup_names_sort_in_time_order() -> None:
    moments = [dt.datetime(2022, 1, 9, 9), dt.datetime(2022, 1, 10, 8), dt.datetime(2022, 10, 1)]
    stamps = [date_format.file_stamp(moment) for moment in moments]
    assert stamps == sorted(stamps)


def _format_specs(tree: ast.AST) -> list[tuple[int, str]]:
    """Every strftime call and every f-string date format ({day:%Y…}) in a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "strftime":
            found.append((node.lineno, "strftime"))
        if isinstance(node, ast.FormattedValue) and isinstance(node.format_spec, ast.JoinedStr):
            spec = "".join(
                part.value
                for part in node.format_spec.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            if re.search(r"%[-#]?[A-Za-z]", spec):  # not a percentage such as {share:.1%}
                found.append((node.lineno, spec))
    return found


@pytest.mark.parametrize("package", ["app", "ui", "gongjian"])
def test_no_platform_date_formats_outside_the_helper(package: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {spec}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, spec in _format_specs(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == [], "write dates with app.values.date_format"


def test_db_date_formats_are_portable() -> None:
    """db/ may not import app/ (layering): its own stamps stay ASCII, without `%-` flags."""
    for path in sorted((ROOT / "db").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "strftime":
                fmt = node.args[0]
                assert isinstance(fmt, ast.Constant) and isinstance(fmt.value, str)
                assert fmt.value.isascii() and "%-" not in fmt.value and "%#" not in fmt.value, (
                    f"{path.relative_to(ROOT)}:{node.lineno}"
                )
