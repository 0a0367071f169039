"""`gongjian import` and `gongjian export`: the same preview as the window, as text."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS, field_of
from app.exchange.import_plan import ImportPlan, RowStatus
from app.exchange.problem_import import is_problem_layout
from app.infra.errors import UserError

PREVIEW_LIMIT = 200  # rows listed one by one; the counts always cover all


def preview_text(plan: ImportPlan, *, limit: int = PREVIEW_LIMIT) -> list[str]:
    """The preview as lines of text."""
    lines = [f"导入预览：{'、'.join(plan.files)}"]
    if plan.campaign_name:
        lines.append(f"数据库中还没有攻坚行动，将新建「{plan.campaign_name}」。")
    for layout in plan.layouts:
        first, last = layout.header_rows[0] + 1, layout.header_rows[-1] + 1
        header = f"{first}—{last}" if last > first else str(first)
        data = layout.first_data_row + 1
        lines.append(
            f"工作表「{layout.sheet}」：表头第 {header} 行，数据自第 {data} 行；"
            f"金额单位 {layout.unit}；年份 {layout.year or '未知'}"
        )
        fields = PROBLEM_FIELDS if is_problem_layout(layout) else PROJECT_FIELDS
        mapped = [
            f"{c.letter} {c.header} → {field_of(c.key, fields).header}"
            for c in layout.columns
            if c.key
        ]
        ignored = [f"{c.letter} {c.header}" for c in layout.columns if not c.key and c.header]
        lines.append("  列对应：" + "；".join(mapped))
        if ignored:
            lines.append("  不导入的列：" + "；".join(ignored))
    counts = plan.counts()
    lines.append("，".join(f"{status.value} {counts[status]} 行" for status in RowStatus))
    shown = 0
    for row in plan.rows:
        if row.status is RowStatus.UNCHANGED or not row.include:
            continue
        if shown >= limit:
            rest = sum(1 for r in plan.rows if r.status is not RowStatus.UNCHANGED) - shown
            lines.append(f"……其余 {rest} 行从略")
            break
        shown += 1
        where = f"「{row.sheet}」第 {row.row} 行"
        what = "问题" if row.kind == "problem" else "项目"
        if row.status is RowStatus.NEW:
            lines.append(
                f"新增{what}：{where} {row.name}"
                + (f"（清单：{row.list_name}）" if row.kind == "project" else "")
            )
        elif row.status is RowStatus.UPDATED:
            changes = "；".join(
                f"{c.label}：{c.old or '空'} → {c.new or '空'}" for c in row.changes
            )
            lines.append(f"更新{what}：{where} {row.name}：{changes}")
    lines += [issue.text() for issue in plan.all_issues()]
    return lines


def run_import(
    db: Path,
    files: list[Path],
    profile: str | None,
    list_name: str | None,
    dry_run: bool,
    campaign: str | None = None,
) -> int:
    """Print the preview; write unless --dry-run. 0: wrote (or would write) cleanly; 1: errors.

    Rows go into the named campaign (else the latest); into a new one when there is none.
    """
    from app.campaign.choice import campaign_named
    from app.exchange.import_plan import plan_import
    from app.exchange.import_write import write_import
    from app.exchange.profiles import load_profile
    from app.infra.database import open_database

    database = open_database(db.expanduser().absolute())
    try:
        with database.sessions() as session:
            known = load_profile(session, profile).known_headers() if profile else None
            chosen = campaign_named(session, campaign)
            campaign_id = chosen.id if chosen else None
            plan = plan_import(
                session,
                [f.expanduser() for f in files],
                known_headers=known,
                list_name=list_name,
                campaign_id=campaign_id,
            )
            print("\n".join(preview_text(plan)))
            if plan.has_errors():
                print("有错误，未写入任何数据。")
                return 1
            if dry_run:
                print("预演（--dry-run）：未写入任何数据。")
                return 0
            if not plan.to_write():
                print("没有需要写入的变化。")
                return 0
            if database.path is not None:
                from app.infra.backups import make_backup

                make_backup(database.path, "导入前")
            batch = write_import(
                session, plan, "、".join(f.name for f in files), campaign_id=campaign_id
            )
            print(f"已写入：导入批次 #{batch}，共 {len(plan.to_write())} 行。")
            return 0
    finally:
        database.close()


def run_export(
    db: Path, out: Path | None, profile: str | None, fmt: str, campaign: str | None = None
) -> int:
    """Write the named (else the latest) campaign's workbook (or JSON to a file or stdout)."""
    from app.campaign.choice import campaign_named
    from app.exchange.export_city import export_scope, export_workbook
    from app.exchange.export_json import export_json
    from app.exchange.profiles import load_profile
    from app.infra.database import open_database
    from app.infra.output_folder import ensure_parent
    from app.schedule.wall_chart import default_as_of

    if not db.exists():
        raise UserError(f"数据库文件「{db}」不存在。")
    database = open_database(db.expanduser().absolute())
    try:
        with database.sessions() as session:
            chosen = campaign_named(session, campaign)
            campaign_id = chosen.id if chosen else None
            as_of = default_as_of(session, campaign_id, dt.date.today())
            scope = export_scope(session, campaign_id, as_of)
            if fmt == "json":
                text = json.dumps(export_json(session, scope), ensure_ascii=False, indent=1)
                if out is None:
                    sys.stdout.write(text + "\n")
                else:
                    ensure_parent(out).write_text(text + "\n", encoding="utf-8")
                    print(f"已导出：{out}", file=sys.stderr)
                return 0
            if out is None:
                raise UserError("导出 Excel 需要 --out 文件.xlsx。")
            if out.suffix.lower() != ".xlsx":
                raise UserError(f"输出文件「{out.name}」的扩展名应为 .xlsx。")
            count = export_workbook(
                session, ensure_parent(out), load_profile(session, profile), scope
            )
            print(f"已导出 {count} 个项目：{out}")
            return 0
    finally:
        database.close()
