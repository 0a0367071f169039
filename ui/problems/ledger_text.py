"""The ledger page's text: the counts line over the table, and the detail panel's HTML (a
problem's fields, then its 办理过程 with steps taken back struck out)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.problems.ledger import state_counts
from app.values.date_format import iso_date

if TYPE_CHECKING:
    from app.problems.ledger import LedgerRow, ProblemDetail

NOTHING_SELECTED = "<p style='color:#52606d'>选中左侧的问题查看详情和办理过程。</p>"


def counts_text(all_rows: list[LedgerRow], shown: int, as_of: dt.date) -> str:
    """Problems per state, the overdue ones, and how many of them the filters show."""
    counts = state_counts(all_rows)
    overdue = sum(1 for r in all_rows if r.overdue)
    return (
        "　".join(f"{state.value} {count}" for state, count in counts.items())
        + f"　｜　逾期 {overdue}"
        + f"　｜　显示 {shown} / {len(all_rows)} 个问题"
        + f"（逾期按 {iso_date(as_of)} 计）"
    )


def problem_detail_html(detail: ProblemDetail) -> str:
    """The fields as a two-column table, the timeline below them."""
    fields = "".join(
        f"<tr><td style='color:#52606d;padding-right:8px'>{k}</td><td>{v}</td></tr>"
        for k, v in detail.fields
    )
    events = "".join(
        f"<tr><td style='color:#52606d;padding-right:8px'>{iso_date(e.on)}</td>"
        + (
            f"<td style='color:#9aa5b1'><s><b>{e.kind}</b>　{e.text}</s>　{e.withdrawn}</td>"
            if e.withdrawn
            else f"<td><b>{e.kind}</b>　{e.text}"
            f"<span style='color:#9aa5b1'>　{e.operator}</span></td>"
        )
        + "</tr>"
        for e in detail.timeline
    )
    return (
        f"<h3>问题 {detail.id}</h3><table>{fields}</table><h4>办理过程</h4><table>{events}</table>"
    )


NO_PROJECTS_YET = (
    "还没有项目：问题台账中的每个问题都属于一个项目。\n"
    "请先在“项目卡片”中新建项目，或在“数据交换”中导入上级下发的清单。"
)
