"""The command line's options, help text and Chinese argparse wording (`gongjian --help`)."""

from __future__ import annotations

import argparse
import sys
from typing import TypeAlias

from app import APP_NAME, __version__

EXIT_USER_ERROR = 2  # argparse's own code for bad arguments, and ours for a refused command
# The sub-command table that each _add_… function below fills in.
Commands: TypeAlias = "argparse._SubParsersAction[_ChineseParser]"


class _ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's own words in Chinese (usage prefix)."""

    def add_usage(
        self, usage: str | None, actions: object, groups: object, prefix: str | None = None
    ) -> None:
        # "" (not None) is how argparse asks for a bare usage line when it names a sub-command.
        chosen = "用法：" if prefix is None else prefix
        super().add_usage(usage, actions, groups, chosen)  # type: ignore[arg-type]


class _ChineseParser(argparse.ArgumentParser):
    """ArgumentParser whose section titles, help flag and errors speak Chinese."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "命令"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}：参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; later commands add their own sub-parsers here."""
    parser = _ChineseParser(
        prog="gongjian",
        description=f"{APP_NAME}：重点项目百日攻坚的项目卡片、倒排工期、挂图作战与问题台账。\n"
        "不带命令时打开程序窗口。",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出"
    )
    parser.add_argument("--db", metavar="路径", help="要打开的数据库文件（或数据库 URL）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_ChineseParser)
    _add_demo(commands)
    _add_check(commands)
    _add_chart(commands)
    _add_self_test(commands)
    _add_bulletin(commands)
    _add_weekly(commands)
    _add_import(commands)
    _add_export(commands)
    _add_backup(commands)
    _add_restore(commands)
    _add_server(commands)
    return parser


def _add_demo(commands: Commands) -> None:
    """`gongjian demo`: write the demo campaign into a new file."""
    demo = commands.add_parser(
        "demo",
        help="生成示例数据库（2022年百日攻坚，126个项目）",
        description="把示例攻坚行动写入一个新的数据库文件，不打开窗口。",
    )
    demo.add_argument(
        "--db",
        metavar="路径",
        default=argparse.SUPPRESS,
        help="示例数据库文件（新文件，或以前生成的示例数据库）",
    )


def _add_check(commands: Commands) -> None:
    """`gongjian check`: the read-only database check."""
    check = commands.add_parser(
        "check",
        help="检查数据库：结构版本、各表行数与完整性",
        description="只读检查数据库；完好时退出码为 0。",
    )
    check.add_argument("--db", metavar="路径", default=argparse.SUPPRESS, help="要检查的数据库文件")


def _add_chart(commands: Commands) -> None:
    """`gongjian chart`: the wall chart as PDF or PNG."""
    chart = commands.add_parser(
        "chart",
        help="导出挂图作战（PDF 或 PNG）",
        description="把当前攻坚行动的挂图导出为 PDF 或 PNG（无需显示器）。",
    )
    chart.add_argument("--db", metavar="路径", default=argparse.SUPPRESS, help="数据库文件")
    chart.add_argument("--out", metavar="文件", required=True, help="输出文件，扩展名 .pdf 或 .png")
    chart.add_argument(
        "--paper",
        default="A1",
        choices=["A4", "A3", "A2", "A1", "A0"],
        help="纸张（横向），默认 A1",
    )
    chart.add_argument("--list", metavar="清单名称", help="只导出这一张清单的项目")
    _campaign_option(chart)


def _add_self_test(commands: Commands) -> None:
    """`gongjian self-test`: the installation checked in a temporary folder."""
    self_test = commands.add_parser(
        "self-test",
        help="自检：在临时文件夹里建库、载入示例、逐页打开窗口、导入导出，全部正常时退出码为 0",
        description="检查安装是否完整可用（无需显示器，不读写您的数据和设置）。",
    )
    self_test.add_argument("--keep", action="store_true", help="保留自检生成的临时文件")


def _add_bulletin(commands: Commands) -> None:
    """`gongjian bulletin`: the monthly bulletin (workbook and PDF)."""
    bulletin = commands.add_parser(
        "bulletin",
        help="生成月通报（Excel 表格与 A4 PDF）",
        description="按月度填报数据生成指定月份的通报：统计表（.xlsx）与公文式 PDF（无需显示器）。",
    )
    bulletin.add_argument("--db", metavar="路径", default=argparse.SUPPRESS, help="数据库文件")
    bulletin.add_argument("--month", metavar="年-月", required=True, help="统计月份，例如 2022-07")
    bulletin.add_argument(
        "--out", metavar="文件夹", required=True, help="输出文件夹（不存在时新建）"
    )
    _campaign_option(bulletin)


def _add_weekly(commands: Commands) -> None:
    """`gongjian weekly`: the weekly dispatch sheet."""
    weekly = commands.add_parser(
        "weekly",
        help="导出周调度表（Excel）",
        description="导出某一周的问题周调度表：新增问题、推进落实、已办结销号、逾期未办结。",
    )
    weekly.add_argument("--db", metavar="路径", default=argparse.SUPPRESS, help="数据库文件")
    weekly.add_argument(
        "--week", metavar="日期", required=True, help="该周中的任一天，如 2022-07-18"
    )
    weekly.add_argument("--out", metavar="文件", required=True, help="输出的 .xlsx 文件")
    _campaign_option(weekly)


def _add_import(commands: Commands) -> None:
    """`gongjian import`: spreadsheets read, previewed and written as one batch."""
    imports = commands.add_parser(
        "import",
        help="导入 Excel 表格（项目清单、问题台账）",
        description="读取 .xlsx / .xls / .et 表格，打印预览和每个工作表的导入报告；"
        "没有错误时一次写入（一个导入批次）。\n"
        "退出码：0 已写入（或 --dry-run 时可写入）；1 有错误、未写入任何数据；2 参数错误；\n"
        "3 已写入（或 --dry-run 时可写入），但有看起来是投资或日期的列没有导入（见“警告”行）。",
    )
    imports.add_argument("files", metavar="文件", nargs="+", help="要导入的表格文件")
    imports.add_argument(
        "--db", metavar="路径", default=argparse.SUPPRESS, help="数据库文件（不存在时新建）"
    )
    imports.add_argument("--profile", metavar="方案名称", help="按已保存的交换方案识别表头")
    imports.add_argument("--list", metavar="清单名称", help="表中没有“清单”列时，项目放入的清单")
    imports.add_argument("--dry-run", action="store_true", help="只打印预览，不写入")
    _campaign_option(imports)
    imports.add_argument(
        "--map",
        metavar="列=字段",
        action="append",
        default=[],
        help="更正某列对应的字段，可多次使用：G=年度计划投资、H=1-7月完成投资、G=不导入；"
        "只改一个工作表时写 工作表名!G=字段",
    )
    imports.add_argument(
        "--header-rows",
        metavar="行",
        action="append",
        default=[],
        help="表头所在的行（从 1 数起）：3 或 3-4；只改一个工作表时写 工作表名!3-4",
    )
    imports.add_argument(
        "--save-profile",
        metavar="方案名称",
        help="把这次的识别和更正保存为交换方案（通常以发来表格的单位命名），下次同样表头的表格自动按它识别",
    )


def _add_export(commands: Commands) -> None:
    """`gongjian export`: the workbooks for the city, or JSON."""
    export = commands.add_parser(
        "export",
        help="导出报上级的 Excel 表格，或 JSON",
        description="按交换方案导出附表1—附表7、问题台账、督办台账；或以 JSON 输出项目和问题。",
    )
    export.add_argument("--db", metavar="路径", default=argparse.SUPPRESS, help="数据库文件")
    export.add_argument(
        "--out", metavar="文件", help="输出文件（.xlsx；JSON 时省略则写到标准输出）"
    )
    export.add_argument("--profile", metavar="方案名称", help="交换方案，默认为内置的附表格式")
    export.add_argument(
        "--format", choices=["xlsx", "json"], default="xlsx", help="xlsx（默认）或 json"
    )
    _campaign_option(export)


def _add_backup(commands: Commands) -> None:
    """`gongjian backup`: an online copy of the database."""
    backup = commands.add_parser(
        "backup",
        help="备份数据库（SQLite 在线备份，可在程序打开时进行）",
        description="把数据库一致地复制一份：默认放在数据库旁的“<名称>-备份”文件夹中。",
    )
    backup.add_argument("--db", metavar="路径", default=argparse.SUPPRESS, help="数据库文件")
    backup.add_argument("--to", metavar="文件", help="备份到这个文件（默认放入备份文件夹）")


def _add_restore(commands: Commands) -> None:
    """`gongjian restore`: a backup put back in place."""
    restore = commands.add_parser(
        "restore",
        help="从备份恢复数据库",
        description="先检查备份的完整性，再把当前数据库另存为“恢复前”备份，然后用备份替换它。\n"
        "恢复前请关闭正在使用该数据库的程序窗口。",
    )
    restore.add_argument("--db", metavar="路径", default=argparse.SUPPRESS, help="数据库文件")
    restore.add_argument("--from", dest="source", metavar="文件", required=True, help="备份文件")


def _add_server(commands: Commands) -> None:
    """`gongjian server init|push|pull`."""
    server = commands.add_parser(
        "server",
        help="办公室服务器（PostgreSQL）：初始化、上传本机台账、下载快照",
        description="多人共用一本台账时，台账放在办公室的 PostgreSQL 服务器上，"
        "各人用自己的账号登录（--db postgresql://账号@服务器/数据库）。",
    )
    server_commands = server.add_subparsers(
        dest="server_command", metavar="操作", parser_class=_ChineseParser, required=True
    )
    init = server_commands.add_parser(
        "init",
        help="建库、建表、设置权限并创建第一个管理员账号（可重复运行：升级并重设权限）",
        description="用数据库超级用户连接，例如 postgresql://postgres:密码@127.0.0.1:5432/gongjian",
    )
    init.add_argument("--url", metavar="URL", required=True, help="服务器数据库地址（超级用户）")
    push = server_commands.add_parser(
        "push",
        help="把本机的台账文件整本上传到新初始化的服务器数据库",
        description="复制每一行（含修改记录与导入批次），最后核对各表行数与金额合计。",
    )
    push.add_argument("--from", dest="source", metavar="文件", required=True, help="本机台账文件")
    push.add_argument("--url", metavar="URL", required=True, help="服务器数据库地址（管理员账号）")
    pull = server_commands.add_parser(
        "pull",
        help="把服务器上的台账保存为本机文件（外出用的快照，也是程序能打开的备份）",
        description="以一个时刻为准读取全部数据，写入新文件，最后核对各表行数与金额合计。",
    )
    pull.add_argument("--url", metavar="URL", required=True, help="服务器数据库地址（任一账号）")
    pull.add_argument("--to", metavar="文件", required=True, help="新的快照文件")


def _campaign_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--campaign",
        metavar="名称",
        help="攻坚行动的名称（或其中独有的一段，如 2025）；默认为结束最晚的一个",
    )
