"""`gongjian server init|push|pull`: set up an office's server, move ledgers to and fro."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from app.infra.errors import UserError
from app.server.setup import NewAccount

# For unattended set-up (scripts, CI): the first 管理员 account, when no terminal can be asked.
ADMIN_ENV = ("GONGJIAN_ADMIN_LOGIN", "GONGJIAN_ADMIN_NAME", "GONGJIAN_ADMIN_PASSWORD")


def run_init(url: str) -> int:
    """Create or upgrade the server database; print what was done."""
    from app.server.connection import shown
    from app.server.setup import init_server

    report = init_server(url, _ask_first_admin)
    done = "新建" if report.created_database else "已存在，已升级并重设权限"
    print(f"服务器数据库：{shown(url)}（{done}）")
    print(
        f"角色：属主 {report.roles.owner}；管理员组 {report.roles.admin}；"
        f"填报员组 {report.roles.clerk}；领导组 {report.roles.leader}"
    )
    if report.first_admin:
        print(
            f"已创建第一个管理员账号：{report.first_admin}。其他账号请在程序的“设置 → 账号”中添加。"
        )
    return 0


def _ask_first_admin() -> NewAccount:
    login, name, password = (os.environ.get(key, "") for key in ADMIN_ENV)
    if not login and sys.stdin.isatty():
        print("还没有管理员账号，现在创建第一个（日常用它登录程序、管理其他账号）。")
        login = input("账号名（小写字母、数字、下划线，如 admin_li）：").strip()
        name = input("姓名：").strip()
        password = getpass.getpass("密码（至少 8 位）：")
        if getpass.getpass("再输一遍密码：") != password:
            raise UserError("两次输入的密码不一致，没有创建账号，数据库也未改动。")
    if not login:
        raise UserError(
            "还没有管理员账号：请在终端里运行 init 按提示创建，或设置环境变量 "
            + "、".join(ADMIN_ENV)
            + "。"
        )
    return NewAccount(login, name or login, password)


def run_push(source: Path, url: str) -> int:
    """Copy a ledger file to a new server database; print the counts compared."""
    from app.server.connection import shown
    from app.server.transfer import push

    copied = push(source, url)
    print(f"已把「{source}」上传到 {shown(url)}：{copied.rows:,} 行，各表行数与金额合计核对一致。")
    return 0


def run_pull(url: str, target: Path) -> int:
    """Copy the server's ledger into a new file; print the counts compared."""
    from app.server.connection import shown
    from app.server.transfer import pull

    copied = pull(url, target)
    print(f"已把 {shown(url)} 的台账保存为「{target}」：{copied.rows:,} 行，核对一致。")
    return 0
