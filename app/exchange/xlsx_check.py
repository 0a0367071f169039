"""Checks of an .xlsx before any reader: the archive, then every XML part the reader would parse.

The archive: entry count and directory size from the end record, no encrypted entry, only
stored or deflated entries, no duplicate names, real (not declared) sizes. The parts: each one
streamed through `PartScan` (DTD, encoding, depth, declared counts, the cells really present),
and the sums over the workbook (all XML, all cells). Refusals name the file and the sheet.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import zipfile
from pathlib import Path

from app.exchange.xml_scan import PartRefused, PartScan
from app.exchange.zip_parts import ArchiveRefused, entry_count, inflate, refusal_of_entry
from app.infra.errors import UserError, os_reason

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: the sandboxed reader does not import typing
if TYPE_CHECKING:
    from typing import Any, BinaryIO


class Limits:
    """What a workbook may hold; everything beyond is refused before a reader sees it."""

    def __init__(
        self,
        *,
        rows: int = 100_000,
        columns: int = 256,
        cells_per_sheet: int = 2_000_000,
        cells: int = 5_000_000,  # all sheets together
        xml_bytes: int = 80 * 1024 * 1024,  # all parts, uncompressed
        entries: int = 5_000,
        directory_bytes: int = 4 * 1024 * 1024,
        sheets: int = 500,
    ) -> None:
        self.rows = rows
        self.columns = columns
        self.cells_per_sheet = cells_per_sheet
        self.cells = cells
        self.xml_bytes = xml_bytes
        self.entries = entries
        self.directory_bytes = directory_bytes
        self.sheets = sheets


LIMITS = Limits()
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\s((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\s((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DAMAGED = (ValueError, EOFError, OSError, OverflowError, struct.error)
_DIRECTORY_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
_XML_NAMES = (".xml", ".rels")  # not .vml: loose HTML-like markup no reader here parses


def check_xlsx(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse (UserError naming the file, and the sheet where there is one) what is unsafe."""
    with XlsxCheck(path, limits) as check:
        check.check_all_sheets()


class XlsxCheck:
    """The archive and every part but the sheets are checked on entry; each sheet's part is
    checked by `check_sheet` just before a reader parses it (so reading can start early)."""

    def __init__(self, path: Path, limits: Limits = LIMITS) -> None:
        self.name = path.name
        self.limits = limits
        self.sheets: list[tuple[str, str]] = []  # (sheet name, part), in the workbook's order
        self._checked: set[str] = set()
        self._cells = 0
        try:
            self._handle: BinaryIO = path.open("rb")
        except OSError as exc:
            raise UserError(f"无法读取文件「{self.name}」：{os_reason(exc)}") from exc
        try:
            self._open(path.stat().st_size)
        except BaseException:
            self._handle.close()
            raise

    def __enter__(self) -> XlsxCheck:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._handle.close()

    def check_sheet(self, sheet: str) -> None:
        """Check the part of `sheet` (every sheet's part, if the name is not in the workbook)."""
        parts = [part for title, part in self.sheets if title == sheet]
        for part in parts or [part for _title, part in self.sheets]:
            self._check_sheet_part(part)

    def part_of(self, sheet: str) -> str | None:
        """The part holding `sheet`, if the workbook lists it."""
        return next((part for title, part in self.sheets if title == sheet), None)

    def check_all_sheets(self) -> None:
        """Check every sheet's part."""
        for _title, part in self.sheets:
            self._check_sheet_part(part)

    # ----- the archive and the parts that are not sheets ----------------------------------------
    def _open(self, size: int) -> None:
        name, limits, handle = self.name, self.limits, self._handle
        try:
            entries, directory = entry_count(handle, size)
        except ArchiveRefused as exc:
            raise UserError(f"文件「{name}」{exc}，请向发送方重新索取。") from None
        if entries > limits.entries or directory > limits.directory_bytes:
            raise UserError(
                f"文件「{name}」的压缩包里有 {entries:,} 个部件（目录 {directory // 1024:,} KB），"
                f"超过上限 {limits.entries:,} 个，可能是损坏或恶意文件，已拒绝读取。"
            )
        try:
            infos = zipfile.ZipFile(handle).infolist()
        except (*_DAMAGED, zipfile.BadZipFile, NotImplementedError):  # e.g. "zip file version 25.5"
            raise UserError(
                f"文件「{name}」不完整或已损坏（无法解压），请向发送方重新索取。"
            ) from None
        if len(infos) > limits.entries:
            raise UserError(f"文件「{name}」的压缩包里有 {len(infos):,} 个部件，超过上限。")
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.filename in by_name:
                raise UserError(
                    f"文件「{name}」的压缩包里有两个同名部件「{info.filename}」，已拒绝读取。"
                )
            by_name[info.filename] = info
            refusal = refusal_of_entry(info)
            if refusal is not None:
                advice = (
                    "请在 Excel 或 WPS 中取消密码、另存后再导入。"
                    if "密码" in refusal
                    else "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"
                )
                raise UserError(f"文件「{name}」{refusal}，无法读取。{advice}")
        _check_kind(by_name, name)
        self._by_name = by_name
        xml_parts = [part for part in by_name if part.lower().endswith(_XML_NAMES)]
        _check_declared_size(by_name, xml_parts, name, limits)
        self._budget = limits.xml_bytes
        self._allowed_count = 100_000
        workbook = self._scan("xl/workbook.xml", "工作簿目录", keep=True)
        rels = b""
        if "xl/_rels/workbook.xml.rels" in by_name:
            rels = self._scan("xl/_rels/workbook.xml.rels", "工作簿目录", keep=True)
        sheets, targets = _sheet_parts(workbook, rels)
        if len(sheets) > limits.sheets:
            raise UserError(
                f"文件「{name}」有 {len(sheets):,} 个工作表，超过上限 {limits.sheets} 个。"
            )
        self.sheets = sheets
        # A part the workbook points at is read whatever its name says it is.
        to_scan = xml_parts + sorted({t for t in targets if t in by_name} - set(xml_parts))
        declared = _check_declared_size(by_name, to_scan, name, limits)
        # A declared count sizes a reader's table in advance; honestly it cannot exceed one entry
        # per eight bytes of all the XML there is (sizes are checked against the real ones).
        self._allowed_count = max(100_000, declared // 8)
        sheet_parts = {part for _title, part in sheets}
        for part in to_scan:
            if part not in sheet_parts and part not in _DIRECTORY_PARTS:
                self._scan(part, f"部件「{part}」")

    def _check_sheet_part(self, part: str) -> None:
        if part in self._checked or part not in self._by_name:
            return
        self._checked.add(part)
        title = next(title for title, p in self.sheets if p == part)
        extent = self._scan(part, f"工作表「{title}」").extent
        # Every sheet pointing at this part is read in full: count the part once per sheet.
        self._cells += extent.rows * extent.columns * sum(1 for _t, p in self.sheets if p == part)
        if self._cells > self.limits.cells:
            raise UserError(
                f"文件「{self.name}」各工作表的数据范围合计超过 {self.limits.cells:,} 个单元格"
                f"（到工作表「{title}」为止），超过上限。请拆分成多个文件后再导入。"
            )

    def _scan(self, part: str, where: str, *, keep: bool = False) -> Any:
        scan = PartScan(
            max_rows=self.limits.rows,
            max_columns=self.limits.columns,
            max_cells=self.limits.cells_per_sheet,
        )
        kept = bytearray()
        try:
            for chunk in inflate(self._handle, self._by_name[part], self._budget):
                self._budget -= len(chunk)
                scan.feed(chunk)
                if keep:
                    kept += chunk
            scan.finish()
        except PartRefused as exc:
            raise UserError(f"文件「{self.name}」的{where}：{exc}，已拒绝读取。") from None
        except ArchiveRefused as exc:
            if "超过上限" in str(exc):
                raise UserError(
                    f"文件「{self.name}」解压后超过上限（可能是压缩炸弹或超大表格），已拒绝读取。"
                ) from None
            raise UserError(f"文件「{self.name}」{exc}，请向发送方重新索取。") from None
        except OSError as exc:
            raise UserError(f"无法读取文件「{self.name}」：{os_reason(exc)}") from exc
        except _DAMAGED:  # offsets or sizes in the directory that lead nowhere
            raise UserError(
                f"文件「{self.name}」已损坏（部件 {part} 无法解压），请向发送方重新索取。"
            ) from None
        if scan.largest_count > self._allowed_count:
            raise UserError(
                f"文件「{self.name}」的{where}声明了 {scan.largest_count:,} 个条目，"
                "而文件里不可能有这么多，可能是损坏或恶意文件，已拒绝读取。"
            )
        return bytes(kept) if keep else scan


def _check_kind(by_name: dict[str, zipfile.ZipInfo], name: str) -> None:
    if "xl/workbook.xml" in by_name:
        return
    if "xl/workbook.bin" in by_name:
        what = "是 Excel 二进制工作簿（.xlsb）"
    elif "content.xml" in by_name and "mimetype" in by_name:
        what = "是 OpenDocument 文档（.ods/.odt）"
    elif "word/document.xml" in by_name:
        what = "是 Word 文档"
    else:
        what = "不是 Excel 工作簿（缺少 workbook.xml），可能是其他类型的文档"
    raise UserError(f"文件「{name}」{what}，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。")


def _check_declared_size(
    by_name: dict[str, zipfile.ZipInfo], parts: list[str], name: str, limits: Limits
) -> int:
    declared = sum(by_name[part].file_size for part in parts)
    if declared > limits.xml_bytes:
        raise UserError(
            f"文件「{name}」解压后有 {declared // 1024 // 1024} MB，超过上限 "
            f"{limits.xml_bytes // 1024 // 1024} MB（可能是压缩炸弹或超大表格）。"
        )
    return declared


def _sheet_parts(workbook: bytes, rels: bytes) -> tuple[list[tuple[str, str]], set[str]]:
    """(sheet name, part) for every sheet the workbook lists, in order; every part it targets."""
    targets: dict[bytes, str] = {}
    for match in _RELATIONSHIP.finditer(rels):
        attributes = _attributes(match.group(1))
        target = attributes.get(b"Target")
        if target is None:
            continue
        text = html.unescape(target.decode("utf-8", "replace")).replace("\\", "/")
        part = text.lstrip("/") if text.startswith("/") else posixpath.normpath("xl/" + text)
        targets[attributes.get(b"Id", b"")] = part
    sheets = []
    for match in _SHEET.finditer(workbook):
        attributes = _attributes(match.group(1))
        relation = next((v for k, v in attributes.items() if k.rpartition(b":")[2] == b"id"), b"")
        title = html.unescape(attributes.get(b"name", b"").decode("utf-8", "replace"))
        sheets.append((title, targets.get(relation, "")))
    return sheets, set(targets.values())


def _attributes(text: bytes) -> dict[bytes, bytes]:
    return {key: double or single for key, double, single in _ATTRIBUTE.findall(text)}
