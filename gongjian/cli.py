"""The `gongjian` command: opens the window, or runs a command that draws nothing (no Qt loaded)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.infra.errors import UserError
from app.values.date_format import iso_date
from gongjian.arguments import EXIT_USER_ERROR, build_parser
from gongjian.console import use_safe_output

EXIT_OK = 0
EXIT_UNSOUND = 1
Database = Path | str  # --db: a file, or a server URL (postgresql://…)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    use_safe_output()  # before argparse prints anything (--help, an error)
    parser = build_parser()
    args = parser.parse_args(argv)
    from app.infra.logs import setup_logging

    setup_logging()
    try:
        done = _run_command(parser, args)
    except UserError as exc:
        logging.getLogger("gongjian.cli").info("%s refused: %s", args.command, exc)
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:
        from app.infra.faults import known_fault

        fault = known_fault(exc)
        if fault is None:
            raise
        logging.getLogger("gongjian.cli").warning("refused by the database: %s", exc)
        print(f"错误：{fault}", file=sys.stderr)
        return EXIT_USER_ERROR
    if done is not None:
        return done
    from ui.shell.start import run_window  # Qt is loaded only for the commands that draw

    return run_window(args.db)


def _run_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int | None:
    """The exit code of the command asked for, or None when no command was given (the window)."""
    if args.command == "demo":
        return _run_demo(_required_db(parser, args))
    if args.command == "check":
        return _run_check(_required_db(parser, args))
    if args.command == "import":
        return _run_import(_required_db(parser, args), args)
    if args.command == "export":
        from gongjian.exchange_commands import run_export

        out = Path(args.out) if args.out else None
        return run_export(_required_db(parser, args), out, args.profile, args.format, args.campaign)
    if args.command == "server":
        return _run_server(args)
    if args.command == "backup":
        return _run_backup(_required_db(parser, args), args.to)
    if args.command == "restore":
        return _run_restore(_required_db(parser, args), args.source)
    if args.command == "weekly":
        return _run_weekly(_required_db(parser, args), args.week, Path(args.out), args.campaign)
    if args.command == "self-test":
        from gongjian.self_test import run_self_test  # draws: loads Qt, offscreen

        return run_self_test(keep=args.keep)
    if args.command == "bulletin":
        from gongjian.bulletin_command import run_bulletin  # draws: loads Qt, offscreen

        db = _required_db(parser, args)
        out_dir = Path(args.out).expanduser().absolute()
        print(run_bulletin(db, args.month, out_dir, args.campaign))
        return EXIT_OK
    if args.command == "chart":
        from gongjian.chart_command import run_chart  # draws: loads Qt, offscreen

        db = _required_db(parser, args)
        out = Path(args.out).expanduser().absolute()
        print(run_chart(db, out, args.paper, args.list, args.campaign))
        return EXIT_OK
    return None


def _required_db(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Database:
    """--db as a file path (made absolute) or a server URL (kept as typed)."""
    if not args.db:
        parser.error(f"命令 {args.command} 需要 --db 路径")
    if "://" in args.db:
        return str(args.db)
    return Path(args.db).expanduser().absolute()


def _file_only(db: Database, what: str) -> Path:
    if isinstance(db, str):
        raise UserError(
            f"服务器上的数据库不能用这个命令{what}：请用 gongjian server pull 保存快照，"
            "或在服务器上用 pg_dump 备份（见 README）。"
        )
    return db


def _run_import(db: Database, args: argparse.Namespace) -> int:
    from gongjian.exchange_commands import ImportOptions, run_import

    return run_import(
        db,
        [Path(f) for f in args.files],
        args.profile,
        args.list,
        args.dry_run,
        args.campaign,
        ImportOptions(args.map, args.header_rows, args.save_profile),
    )


def _run_backup(db: Database, to: str | None) -> int:
    from app.infra.backups import make_backup
    from app.infra.output_folder import ensure_parent

    target = Path(to).expanduser().absolute() if to else None
    made = make_backup(
        _file_only(db, "备份"), "手动", ensure_parent(target) if target is not None else None
    )
    print(f"已备份：{made}")
    return EXIT_OK


def _run_restore(db: Database, source: str) -> int:
    from app.infra.restore import restore

    path = _file_only(db, "恢复")
    kept = restore(path, Path(source).expanduser().absolute())
    print(f"已从「{source}」恢复：{path}\n原数据库已另存为：{kept}")
    return EXIT_OK


def _run_server(args: argparse.Namespace) -> int:
    from gongjian.server_commands import run_init, run_pull, run_push

    if args.server_command == "init":
        return run_init(args.url)
    if args.server_command == "push":
        return run_push(Path(args.source), args.url)
    return run_pull(args.url, Path(args.to))


def _run_demo(db: Database) -> int:
    from app.demo.install import create_demo_database

    path = _file_only(db, "生成示例")

    created = create_demo_database(path)
    print(f"已生成示例数据库：{created}")
    return EXIT_OK


def _run_weekly(path: Database, week: str, out: Path, campaign: str | None) -> int:
    from app.campaign.choice import campaign_named
    from app.infra.database import open_database
    from app.infra.output_folder import ensure_parent
    from app.problems.weekly_dispatch import weekly_dispatch
    from app.problems.weekly_sheet import write_weekly_sheet
    from app.values.date_text import parse_date

    day = parse_date(week, field="--week 日期")
    if day is None:
        raise UserError("请用 --week 给出该周中的任一天，如 2022-07-18。")
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件「{out.name}」的扩展名应为 .xlsx。")
    if isinstance(path, Path) and not path.exists():
        raise UserError(f"数据库文件「{path}」不存在。")
    database = open_database(path)
    try:
        with database.sessions() as session:
            chosen = campaign_named(session, campaign)
            dispatch = weekly_dispatch(session, chosen.id if chosen else None, day)
    finally:
        database.close()
    write_weekly_sheet(dispatch, ensure_parent(out))
    print(
        f"已导出周调度表：{out}（{iso_date(dispatch.monday)} 至 {iso_date(dispatch.sunday)}；"
        f"新增 {len(dispatch.new)}，推进 {len(dispatch.pushed)}，"
        f"销号 {len(dispatch.closed)}，逾期 {len(dispatch.overdue)}）"
    )
    return EXIT_OK


def _run_check(path: Database) -> int:
    from app.infra.check import check_database

    report = check_database(path)
    print("\n".join(report.lines()))
    return EXIT_OK if report.sound else EXIT_UNSOUND


if __name__ == "__main__":
    sys.exit(main())
