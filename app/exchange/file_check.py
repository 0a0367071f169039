"""Look at a file before any spreadsheet reader does: what it is, and whether it is safe to read.

Decided by content, never by extension (.et files are .xls inside; a CSV may be named .xlsx; an
.xls may be named .xlsx). The limits on what the reader would really do — rows and columns of
the cells present, XML depth, zip entries, compression, declared counts, the OLE container's
chains — are checked by `xlsx_check` and `xls_check`, streaming, so a hostile file costs at most
a quick scan and never reaches a reader that could hang or abort on it.
"""

from __future__ import annotations

import enum
from pathlib import Path

from app.infra.errors import UserError, os_reason

MAX_FILE_BYTES = 60 * 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileKind(enum.Enum):
    """What a workbook file really is."""

    XLSX = "xlsx"
    XLS = "xls"


def sniff(path: Path) -> FileKind:
    """The file's kind from its first bytes; UserError for what is no workbook at all."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UserError(f"无法读取文件「{name}」：{os_reason(exc)}") from exc
    if size == 0:
        raise UserError(f"文件「{name}」是空的（0 字节）。")
    if size > MAX_FILE_BYTES:
        raise UserError(f"文件「{name}」有 {size // 1024 // 1024} MB，超过上限 60 MB。")
    if head.startswith(_OLE2):
        return FileKind.XLS
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return FileKind.XLSX
    text_like = all(b >= 32 or b in (9, 10, 13) for b in head[:4]) or head[:3] == b"\xef\xbb\xbf"
    if head.lstrip().lower().startswith((b"<html", b"<!doct", b"<?xml", b"<table")):
        what = "是网页或 XML 文件（只是扩展名像 Excel）"
    elif text_like or head[0] >= 0x80:
        what = "看起来是文本或 CSV 文件"
    else:
        what = "不是 Excel 工作簿"
    raise UserError(
        f"文件「{name}」{what}，不是 Excel 工作簿（.xlsx/.xls）。"
        "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"
    )


def check_file(path: Path) -> FileKind:
    """The file's kind when it is safe to read; a UserError saying what is wrong otherwise."""
    kind = sniff(path)
    if kind is FileKind.XLS:
        from app.exchange.xls_check import check_xls

        check_xls(path)
    else:
        from app.exchange.xlsx_check import check_xlsx

        check_xlsx(path)
    return kind
