"""File errors the clerk sees are in Chinese where the cause is a common one."""

from __future__ import annotations

import errno

from app.infra.errors import os_reason


def test_file_errors_are_explained_in_chinese() -> None:
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert os_reason(IsADirectoryError(errno.EISDIR, "Is a directory")) == "同名的是一个文件夹"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    rare = OSError(errno.EXDEV, "Invalid cross-device link")
    assert os_reason(rare) == "Invalid cross-device link"  # anything else: the system's words
