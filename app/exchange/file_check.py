"""Look at a file before any spreadsheet reader does: what it is, and whether it is safe to read.

Decided by content, never by extension (.et files are .xls inside; a CSV may be named .xlsx).
Limits on rows, columns and uncompressed size are checked here, before parsing, so a hostile
file costs at most a quick scan and never reaches a reader that could hang or abort on it.
"""

from __future__ import annotations

import enum
import re
import zipfile
from pathlib import Path

from app.infra.errors import UserError, os_reason

MAX_FILE_BYTES = 60 * 1024 * 1024
MAX_XML_BYTES = 80 * 1024 * 1024  # all parts, uncompressed
MAX_ROWS = 100_000
MAX_COLUMNS = 256
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_DIMENSION = re.compile(rb'<dimension[^>]*ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class FileKind(enum.Enum):
    """What a workbook file really is."""

    XLSX = "xlsx"
    XLS = "xls"


def column_number(letters: str) -> int:
    """A → 1, Z → 26, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_file(path: Path) -> FileKind:
    """The file's kind when it is safe to read; a UserError saying what is wrong otherwise."""
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
        data = path.read_bytes()
        if _ENCRYPTED in data:
            raise UserError(
                f"文件「{name}」设置了打开密码（已加密），无法读取。"
                "请在 Excel 或 WPS 中取消密码、另存后再导入。"
            )
        return FileKind.XLS
    if not head.startswith(b"PK"):
        text_like = (
            all(b >= 32 or b in (9, 10, 13) for b in head[:4]) or head[:3] == b"\xef\xbb\xbf"
        )
        what = "看起来是文本或 CSV 文件" if text_like or head[0] >= 0x80 else "不是 Excel 工作簿"
        raise UserError(
            f"文件「{name}」{what}，不是 Excel 工作簿（.xlsx/.xls）。"
            "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"
        )
    _check_xlsx(path)
    return FileKind.XLSX


def _check_xlsx(path: Path) -> None:
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError(f"文件「{name}」不完整或已损坏（无法解压），请向发送方重新索取。") from None
    with archive:
        parts = archive.infolist()
        names = {p.filename for p in parts}
        if "xl/workbook.xml" not in names:
            raise UserError(
                f"文件「{name}」不是 Excel 工作簿（缺少 workbook.xml），可能是其他类型的文档。"
            )
        total = sum(p.file_size for p in parts)
        if total > MAX_XML_BYTES:
            raise UserError(
                f"文件「{name}」解压后有 {total // 1024 // 1024} MB，超过上限 "
                f"{MAX_XML_BYTES // 1024 // 1024} MB（可能是压缩炸弹或超大表格）。"
            )
        try:
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    with archive.open(part) as stream:
                        if _DTD.search(stream.read(4096)):
                            raise UserError(
                                f"文件「{name}」的「{part.filename}」含有 XML 实体声明，"
                                "可能是恶意文件，已拒绝读取。"
                            )
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    _check_sheet(archive, part, name)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise UserError(f"文件「{name}」已损坏（{part.filename} 无法解压）：{exc}") from None


def _check_sheet(archive: zipfile.ZipFile, part: zipfile.ZipInfo, name: str) -> None:
    """Declared dimension and the real row count, from a streaming scan of the sheet's XML."""
    sheet = part.filename.rsplit("/", 1)[-1]
    with archive.open(part) as stream:
        head = stream.read(65536)
        match = _DIMENSION.search(head)
        if match is not None and match.group(3):
            columns = column_number(match.group(3).decode())
            rows = int(match.group(4))
            if columns > MAX_COLUMNS or rows > MAX_ROWS:
                raise UserError(
                    f"文件「{name}」的工作表（{sheet}）声明的范围是 "
                    f"{match.group(1).decode()}{match.group(2).decode()}:"
                    f"{match.group(3).decode()}{rows}（{rows:,} 行 × {columns:,} 列），"
                    f"超过上限 {MAX_ROWS:,} 行 × {MAX_COLUMNS} 列，可能是损坏或恶意文件。"
                    "请在 Excel 或 WPS 中打开，删除多余的行列后另存再导入。"
                )
        count = head.count(b"<row ")
        tail = head[-5:]
        while chunk := stream.read(1 << 20):
            joined = tail + chunk
            count += joined.count(b"<row ") - tail.count(b"<row ")
            tail = joined[-5:]
            if count > MAX_ROWS:
                raise UserError(
                    f"文件「{name}」的工作表（{sheet}）超过 {MAX_ROWS:,} 行，超过导入上限。"
                    "请拆分成多个文件后再导入。"
                )
