"""A 附表 as a city office sends it (title, unit line, two header rows), for any year and month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl


@dataclass(frozen=True)
class CityRow:
    """One project line of the city's table."""

    name: str
    unit: str
    total: float
    plan: float
    done: float
    start: dt.date
    finish: dt.date
    progress: str = ""
    code: str | None = None


def write_city_workbook(
    path: Path, year: int, month: int, rows: list[CityRow], *, number: int = 3
) -> Path:
    """附表N 力促开工项目清单 with the year's plan and the months done, as offices lay it out."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"附表{number}"
    sheet.append([f"附表{number} 力促开工项目清单"])
    sheet.append(["填报单位（盖章）：市发改委", *[None] * 9, "单位：万元"])
    sheet.append(
        [
            "序号",
            "项目代码",
            "项目名称",
            "投资情况",
            None,
            None,
            "进度安排",
            None,
            "形象进度",
            "责任单位",
        ]
    )
    sheet.append(
        [
            None,
            None,
            None,
            "总投资",
            f"{year}年计划投资",
            f"1-{month}月完成投资",
            "计划开工时间",
            "计划竣工时间",
            None,
            None,
        ]
    )
    for merged in ("A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:H3", "I3:I4", "J3:J4"):
        sheet.merge_cells(merged)
    for number_in_list, row in enumerate(rows, start=1):
        sheet.append(
            [
                number_in_list,
                row.code,
                row.name,
                row.total,
                row.plan,
                row.done,
                row.start,
                row.finish,
                row.progress,
                row.unit,
            ]
        )
    book.save(path)
    return path
