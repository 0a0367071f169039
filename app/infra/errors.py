"""The expected kind of error: bad input or an unusable file, shown to the clerk in Chinese."""

from __future__ import annotations

import errno


class UserError(Exception):
    """Something the clerk can fix; the message is Chinese and says what and where.

    Raising it means nothing was written.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EISDIR: "同名的是一个文件夹",
    errno.ENOENT: "找不到该文件或文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EROFS: "所在磁盘只读",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EIO: "磁盘读写出错",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese where the cause is a common one."""
    if getattr(exc, "winerror", None) in (32, 33):  # sharing / lock violation on Windows
        return "文件正被其他程序（如 WPS、Excel）打开"
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    return exc.strerror or str(exc)
