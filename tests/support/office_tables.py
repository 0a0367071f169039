"""Workbooks laid out the ways offices lay them out, generated from one set of projects: the same
facts under headers in another word order, in traditional characters, with spaces and odd
brackets, in 亿元, under a two-row header with generic children, below 附件 lines, with grouping
rows, 合计 rows at the top or the bottom, marks after names, stage words outside our vocabulary,
and problem ledgers without 提出时间. An import must read every rendering to the same values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

YEAR, MONTH = 2022, 7


@dataclass(frozen=True)
class Fact:
    """One project as the office knows it (amounts in 万元)."""

    name: str
    total: Decimal
    plan: Decimal
    done: Decimal
    start: dt.date
    finish: dt.date
    unit: str
    leader: str
    owner: str
    stage_word: str  # as the office writes it
    stage: str  # as we store it
    group: str  # the grouping row above it (一、产业项目 …)


FACTS = (
    Fact("海工装备强链产业园", Decimal("123456.78"), Decimal("23456.70"), Decimal("12345.67"),
         dt.date(2022, 3, 1), dt.date(2024, 6, 30), "发改局", "李明", "临港投资公司",
         "加快建设", "在建", "产业项目"),
    Fact("中心大道慢行系统", Decimal("8800.00"), Decimal("3200.50"), Decimal("1500.25"),
         dt.date(2022, 5, 10), dt.date(2022, 12, 31), "住房建设局", "张伟", "城投集团",
         "竣工投产", "投产", "基础设施项目"),
    Fact("临港综保区一期", Decimal("45000.00"), Decimal("9000.00"), Decimal("0.00"),
         dt.date(2022, 9, 1), dt.date(2023, 10, 31), "招商一局", "孙丽", "综保区开发公司",
         "前期工作", "前期", "产业项目"),
    Fact("空港供热配套设施项目", Decimal("61000.40"), Decimal("12000.00"), Decimal("7300.10"),
         dt.date(2022, 2, 15), dt.date(2023, 3, 31), "城环局", "刘洋", "热力公司",
         "续建", "在建", "基础设施项目"),
    Fact("未名健康城生物产业孵化器", Decimal("225906.02"), Decimal("47256.57"),
         Decimal("31772.30"), dt.date(2022, 7, 6), dt.date(2024, 1, 11), "财政局", "杨帆",
         "未名健康城公司", "建设中", "在建", "产业项目"),
)  # fmt: skip

# Each field's header in each style; "group" styles put a parent above generic children.
HEADERS: dict[str, dict[str, str]] = {
    "plain": {
        "number": "序号", "name": "项目名称", "stage": "项目阶段", "total": "总投资",
        "plan": "2022年计划投资", "done": "1-7月完成投资", "start": "计划开工时间",
        "finish": "计划竣工时间", "unit": "责任单位", "leader": "包联领导", "owner": "项目单位",
    },
    "reordered": {
        "number": "编号", "name": "名称", "stage": "建设阶段", "total": "投资总额",
        "plan": "投资计划（2022年度）", "done": "完成投资额（截至7月底累计）",
        "start": "开工时间（计划）", "finish": "竣工时间（计划）", "unit": "牵头协调部门",
        "leader": "牵头区领导", "owner": "业主单位",
    },
    "traditional": {
        "number": "序號", "name": "項目名稱", "stage": "建設階段", "total": "總投資",
        "plan": "2022年度計劃投資", "done": "1-7月累計完成投資", "start": "計劃開工時間",
        "finish": "計劃竣工時間", "unit": "責任單位", "leader": "包聯領導", "owner": "建設單位",
    },
    "untidy": {
        "number": "序 号", "name": "项 目 名 称", "stage": "阶 段", "total": "总 投 资",
        "plan": "本年计划 投资", "done": "今年累计完成投资（1-7月", "start": "开工日期【计划】",
        "finish": "计划完工 时间", "unit": "责任\n单位", "leader": "包抓 领导",
        "owner": "项目 业主",
    },
}  # fmt: skip
# Units named inside every amount header instead of a line above the header.
_UNIT_SUFFIX = {"万元": "（万元）", "亿元": "(亿元)"}
ORDER = ("number", "name", "stage", "total", "plan", "done", "start", "finish", "unit",
         "leader", "owner")  # fmt: skip


@dataclass(frozen=True)
class Rendering:
    """How one office lays out the same projects."""

    headers: str = "plain"  # a key of HEADERS
    unit: str = "万元"
    unit_in_header: bool = False  # else a 单位：亿元 line above the header
    above: tuple[str, ...] = ()  # lines above the title (附件, 附表3)
    title: str = "2022年重点项目建设进展情况表（1-7月）"
    two_rows: bool = False  # 2022年工作计划 / 投资 and 项目建设阶段（1-7月份）/ 完成投资, %
    totals: str = "bottom"  # none / top / bottom / bottom_unnumbered
    groups: bool = False  # 一、产业项目 rows above their projects
    marks: bool = False  # ★ after names, explained below the table
    numbering_row: bool = False  # 1 2 3 … under the header

    def label(self) -> str:
        """A short name for test ids."""
        parts = [self.headers, self.unit + ("头" if self.unit_in_header else "行")]
        parts += [p for p, on in (("附件", self.above), ("两行", self.two_rows),
                                  ("分组", self.groups), ("★", self.marks),
                                  ("编号行", self.numbering_row)) if on]  # fmt: skip
        return "-".join([*parts, self.totals])


@dataclass
class Sheet:
    """Cells and merges of one sheet being laid out."""

    rows: list[list[Any]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 1-based, inclusive

    def add(self, *cells: Any) -> int:
        """Append a row; its 1-based number."""
        self.rows.append(list(cells))
        return len(self.rows)


def _amount(value: Decimal, unit: str) -> float:
    return float(value / 10000) if unit == "亿元" else float(value)


def project_sheet(r: Rendering, facts: tuple[Fact, ...] = FACTS) -> Sheet:
    """The project table laid out as `r` says."""
    sheet = Sheet()
    for line in r.above:
        sheet.add(line)
    width = len(ORDER) + (1 if r.two_rows else 0)
    sheet.merges.append((sheet.add(r.title), 1, len(sheet.rows), width))
    if not r.unit_in_header:
        sheet.add(*([""] * (width - 2)), f"单位：{r.unit}")
    names = HEADERS[r.headers]
    suffix = _UNIT_SUFFIX[r.unit] if r.unit_in_header else ""
    headers = [names[k] + (suffix if k in ("total", "plan", "done") else "") for k in ORDER]
    if r.two_rows:
        top = sheet.add(*headers[:4], "2022年工作计划", "", "项目建设阶段（1-7月份）", "", "",
                        *headers[6:])  # fmt: skip
        sheet.add("", "", "", "", "形象进度", "投资" + suffix, "形象进度", "完成 投资" + suffix,
                  "%", *([""] * 5))  # fmt: skip
        for column in (1, 2, 3, 4, 10, 11, 12, 13, 14):
            sheet.merges.append((top, column, top + 1, column))
        sheet.merges += [(top, 5, top, 6), (top, 7, top, 9)]
    else:
        sheet.add(*headers)
    if r.numbering_row:
        sheet.add(*range(1, width + 1))
    sums = [sum((getattr(f, k) for f in facts), Decimal(0)) for k in ("total", "plan", "done")]
    total_row = _total_row(r, sums)
    if r.totals == "top":
        sheet.add(*total_row)
    group = None
    for number, fact in enumerate(facts, start=1):
        if r.groups and fact.group != group:
            group = fact.group
            label = "一二三四五"[len({f.group for f in facts[:number]}) - 1]
            sheet.add(label, fact.group)
        name = fact.name + ("★" if r.marks and number % 2 else "")
        amounts = [_amount(getattr(fact, k), r.unit) for k in ("total", "plan", "done")]
        if r.two_rows:
            plan, done = amounts[1], amounts[2]
            rate = round(float(fact.done / fact.plan * 100), 1) if fact.plan else 0
            cells = [number, name, fact.stage_word, amounts[0], "年底主体完工", plan,
                     "主体施工", done, rate]  # fmt: skip
        else:
            cells = [number, name, fact.stage_word, *amounts]
        cells += [fact.start, fact.finish.strftime("%Y年%m月%d日"), fact.unit, fact.leader,
                  fact.owner]  # fmt: skip
        sheet.add(*cells)
    if r.totals in ("bottom", "bottom_unnumbered"):
        sheet.add(*total_row)
    if r.marks:
        sheet.add("注：标★的为省重点项目。")
    return sheet


def _total_row(r: Rendering, sums: list[Decimal]) -> list[Any]:
    amounts = [_amount(s, r.unit) for s in sums]
    label = ["合计", ""] if r.totals == "bottom_unnumbered" else ["", "合计"]
    if r.two_rows:
        return [*label, "", amounts[0], "", amounts[1], "", amounts[2]]
    return [*label, "", *amounts]


def ledger_sheet(title: str = "重点项目问题台账（截至2022年7月31日）") -> Sheet:
    """A problem ledger kept the office's way: no 提出时间, a 是否销号 column, 问题分类 words of
    its own, 办理进展 as free text."""
    sheet = Sheet()
    sheet.add("附件2")
    sheet.add(title)
    sheet.add("序号", "项目名称", "问题分类", "存在问题", "牵头单位", "办理进展", "是否销号")
    rows = [
        ("海工装备强链产业园", "土地报批", "用地指标未落实", "规划资源局", "已协调市局", "否"),
        ("中心大道慢行系统", "资金", "专项债资金拨付滞后", "财政局", "已拨付到位", "是"),
        ("临港综保区一期", "征地拆迁", "地上物未清表", "属地街道", "正在办理", "否"),
        ("空港供热配套设施项目", "水电", "临电未接入", "供电公司", "已办结", "已销号"),
    ]
    for number, cells in enumerate(rows, start=1):
        sheet.add(number, *cells)
    return sheet


def save(path: Path, sheets: dict[str, Sheet]) -> Path:
    """Write the sheets (first one active) with openpyxl, merges included."""
    book = openpyxl.Workbook()
    first = True
    for title, sheet in sheets.items():
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        ws.title = title
        first = False
        for row in sheet.rows:
            ws.append(row)
        for r1, c1, r2, c2 in sheet.merges:
            if (r1, c1) != (r2, c2):
                ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    book.save(path)
    return path
