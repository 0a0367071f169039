"""Database faults sorted by their error codes, not their English text (window and CLI alike).

SQLite reports a result code (`sqlite_errorcode` on Python's sqlite3 errors: the primary code
in the low byte, the detail above it); PostgreSQL an SQLSTATE (`sqlstate` on psycopg's errors).
A fault of the file or the server becomes a `UserError` with a Chinese message; anything else
is left to the caller as a bug.
"""

from __future__ import annotations

import errno
import sqlite3

from app.infra.errors import UserError, os_reason

READ_ONLY = (
    "数据库只能读取（另一个窗口正在使用它，或文件、文件夹只读），这次修改没有保存。"
    "关闭另一个窗口或取得写入权限后重新打开即可编辑。"
)
FULL = "磁盘已满，这次修改没有保存，已保存的数据不受影响。请腾出空间后再试。"
GONE = (
    "无法读写数据库文件（可能已被移走、改名或所在的盘已断开）。"
    "已保存的数据不受影响，请重新打开数据库。"
)
BUSY = "数据库正被另一个程序占用，这次修改没有保存。请稍后再试，或关闭占用它的程序。"
DAMAGED = "数据库文件已损坏，这次修改没有保存。请在“文件 → 备份与恢复”中从备份恢复。"
DENIED = "当前账号没有权限做这项修改。"
CONFLICT = "另一位用户同时修改了同样的数据，这次修改没有保存。请刷新后再试。"
NO_SERVER = "与数据库服务器的连接中断，这次修改没有保存。请检查网络后再试。"

_SQLITE = {
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_PERM: READ_ONLY,
    sqlite3.SQLITE_FULL: FULL,
    sqlite3.SQLITE_IOERR: GONE,
    sqlite3.SQLITE_CANTOPEN: GONE,
    sqlite3.SQLITE_BUSY: BUSY,
    sqlite3.SQLITE_LOCKED: BUSY,
    sqlite3.SQLITE_CORRUPT: DAMAGED,
    sqlite3.SQLITE_NOTADB: DAMAGED,
}
# SQLSTATE classes and codes (PostgreSQL and servers that speak its protocol).
_SQLSTATE = {
    "53100": FULL,  # disk_full
    "25006": READ_ONLY,  # read_only_sql_transaction
    "42501": DENIED,  # insufficient_privilege (grants, row-level security)
    "40001": CONFLICT,  # serialization_failure
    "40P01": CONFLICT,  # deadlock_detected
    "55P03": BUSY,  # lock_not_available
    "57P01": NO_SERVER,  # admin_shutdown
    "57P02": NO_SERVER,  # crash_shutdown
    "57P03": NO_SERVER,  # cannot_connect_now
}
_OS_CODES = {errno.ENOSPC: FULL, errno.EROFS: READ_ONLY, errno.EDQUOT: FULL}


def known_fault(error: BaseException) -> UserError | None:
    """The Chinese message for a fault of the file, the disk or the server; None for a bug."""
    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    code = getattr(cause, "sqlite_errorcode", None)
    if isinstance(code, int):
        message = _SQLITE.get(code & 0xFF)
        return UserError(message, detail=f"SQLite {cause}") if message else None
    state = getattr(cause, "sqlstate", None)
    if isinstance(state, str):
        message = _SQLSTATE.get(state) or (NO_SERVER if state.startswith("08") else None)
        return UserError(message, detail=f"SQLSTATE {state}: {cause}") if message else None
    if _is_lost_connection(cause):
        return UserError(NO_SERVER, detail=str(cause))
    if isinstance(cause, OSError) and cause.errno in _OS_CODES:
        return UserError(_OS_CODES[cause.errno], detail=os_reason(cause))
    return None


def _is_lost_connection(error: BaseException) -> bool:
    # psycopg raises OperationalError without an SQLSTATE when the socket is gone.
    return type(error).__name__ == "OperationalError" and type(error).__module__.startswith(
        "psycopg"
    )
