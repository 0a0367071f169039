"""`gongjian import` and `gongjian export`: the same preview as the window, as text."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS, field_of
from app.exchange.import_plan import ImportPlan, RowStatus
from app.exchange.problem_rows import is_problem_layout
from app.infra.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.exchange.header_detection import ColumnMap
    from app.exchange.layout_choice import LayoutChoice

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


EXIT_WARNED = 3  # written (or would be), but a column that looks like investment or dates was not


@dataclass(frozen=True)
class ImportOptions:
    """The clerk's corrections on the command line."""

    map: list[str] = field(default_factory=list)  # "G=年度计划投资", "附表3!G=不导入"
    header_rows: list[str] = field(default_factory=list)  # "3-4", "附表3!3"
    save_profile: str | None = None


def run_import(
    db: Path | str,
    files: list[Path],
    profile: str | None,
    list_name: str | None,
    dry_run: bool,
    campaign: str | None = None,
    options: ImportOptions | None = None,
) -> int:
    """Print the preview and the report; write unless --dry-run.

    Rows go into the named campaign (else the latest); into a new one when there is none.
    0: wrote (or would write) cleanly; 1: errors, nothing written; 3: wrote (or would write), but
    a column that looks like investment or dates was not used.
    """
    from app.campaign.choice import campaign_named
    from app.exchange.import_plan import plan_import
    from app.exchange.import_report import report_lines, warned_columns
    from app.exchange.layout_choice import choice_for, parse_header_rows, parse_map
    from app.infra.database import open_database

    options = options or ImportOptions()
    columns, rows = parse_map(options.map), parse_header_rows(options.header_rows)
    database = open_database(db)
    try:
        with database.sessions() as session:
            chosen = campaign_named(session, campaign)
            campaign_id = chosen.id if chosen else None
            found, _year = choice_for(session, campaign_id, profile)
            choice = replace(found, header_rows=rows, columns=columns)
            plan = plan_import(
                session,
                [f.expanduser() for f in files],
                list_name=list_name,
                choice=choice,
                campaign_id=campaign_id,
            )
            print("\n".join(preview_text(plan)))
            print("\n".join(report_lines(plan)))
            _offer_profile(session, plan, choice, options.save_profile)
            warned = warned_columns(plan)
            if warned:
                print(_warning(warned))
            if plan.has_errors():
                print("有错误，未写入任何数据。")
                return 1
            done = EXIT_WARNED if warned else 0
            if dry_run:
                print("预演（--dry-run）：未写入任何数据。")
                return done
            return _write_plan(session, database.path, plan, files, campaign_id, done)
    finally:
        database.close()


def _write_plan(
    session: Session,
    path: Path | None,
    plan: ImportPlan,
    files: list[Path],
    campaign_id: int | None,
    done: int,
) -> int:
    """Write a clean plan as one import batch, after a backup of a database file."""
    from app.exchange.import_write import NothingToWrite, write_import

    if not plan.to_write():
        print("没有需要写入的变化。")
        return done
    if path is not None:
        from app.infra.backups import make_backup

        make_backup(path, "导入前")
    try:
        source = "、".join(f.name for f in files)
        batch = write_import(session, plan, source, campaign_id=campaign_id)
    except NothingToWrite as exc:  # another import wrote the same rows meanwhile
        print(exc.message)
        return 0
    print(f"已写入：导入批次 #{batch}，共 {len(plan.to_write())} 行。")
    return done


def _warning(warned: list[tuple[str, ColumnMap]]) -> str:
    from app.exchange.import_report import looks_like

    named = "、".join(f"「{s}」{c.letter} 列「{c.header}」（像{looks_like(c)}）" for s, c in warned)
    column = warned[0][1]
    example = field_of(column.choices[0]).header if column.choices else "年度计划投资"
    return (
        f"警告：看起来是投资或日期的列没有导入：{named}。如需导入，请用 --map 指定字段，"
        f'如 --map "{column.letter}={example}"；确认不导入请写 --map "{column.letter}=不导入"。'
    )


def _offer_profile(
    session: Session, plan: ImportPlan, choice: LayoutChoice, name: str | None
) -> None:
    """Save the way the sheets were read as a profile, or say how to (after corrections)."""
    from app.exchange.profiles import profile_from_layout, save_profile

    if name is None:
        if choice.corrected() and plan.layouts:
            office = plan.layouts[0].office or Path(plan.files[0]).stem
            print(
                "提示：这些更正可以保存为交换方案，下次同样表头的表格自动按它识别："
                f'加上 --save-profile "{office}"。'
            )
        return
    if not plan.layouts:
        raise UserError("没有识别出任何工作表，无法保存交换方案。")
    layout = plan.layouts[0]
    save_profile(session, profile_from_layout(name, layout))
    others = [x.sheet for x in plan.layouts if x.signature != layout.signature]
    print(f"已保存交换方案「{name}」：下次表头相同的表格按它识别。")
    if others:
        print(
            f"（工作表「{'」「'.join(others)}」的表头与「{layout.sheet}」不同，未包含在这个方案中。）"
        )


def run_export(
    db: Path | str, out: Path | None, profile: str | None, fmt: str, campaign: str | None = None
) -> int:
    """Write the named (else the latest) campaign's workbook (or JSON to a file or stdout)."""
    from app.campaign.choice import campaign_named
    from app.exchange.export_city import export_scope, export_workbook
    from app.exchange.export_json import export_json
    from app.exchange.profiles import load_profile
    from app.infra.database import open_database
    from app.infra.output_folder import ensure_parent
    from app.schedule.wall_chart import default_as_of

    if isinstance(db, Path) and not db.exists():
        raise UserError(f"数据库文件「{db}」不存在。")
    database = open_database(db)
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
