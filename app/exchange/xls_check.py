"""Checks of an .xls (and WPS .et) before any reader: the OLE container, then the BIFF records.

The container (compound file): header fields in range, every sector chain (FAT, DIFAT, mini FAT,
directory, the workbook stream) walked with a visited set so a loop or a chain longer than the
file is refused, the directory tree walked the same way, stream sizes no larger than the file.
The records: lengths in range, no FILEPASS (a password), declared counts (SST) no larger than
the stream could hold, DIMENSIONS and the cells actually present within the limits, per sheet.
"""

from __future__ import annotations

import struct
from array import array
from pathlib import Path

from app.exchange.xlsx_check import LIMITS, Limits
from app.infra.errors import UserError, os_reason

_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MAX_SECTOR = 0xFFFFFFFA
_NO_STREAM = 0xFFFFFFFF
# Cell records: (row, column) are the first two 16-bit fields of each.
_CELLS = frozenset(
    {
        0x00FD,
        0x0203,
        0x027E,
        0x0201,
        0x0205,
        0x0204,
        0x0006,
        0x00D6,
        0x0406,
        0x0002,
        0x0003,
        0x0004,
        0x0005,
        0x0007,
    }
)
_MULTI = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first column … last column
_BOF = 0x0809
_BOUNDSHEET = 0x0085
_DIMENSIONS = 0x0200
_SST = 0x00FC
_FILEPASS = 0x002F
_MAX_RECORD = 8224
_ENTRY = struct.Struct("<64sHBBIII16sI16sIQ")  # one 128-byte directory entry


class _Refused(Exception):
    """What is wrong, in Chinese, without the file's name."""


def check_xls(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse (UserError naming the file, and the sheet where there is one) what is unsafe."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件「{name}」：{os_reason(exc)}") from exc
    try:
        container = _Container(data)
        streams = container.streams()
        names = {stream_name.lower() for stream_name, _start, _size in streams}
        if {"encryptioninfo", "encryptedpackage"} & names:
            raise UserError(
                f"文件「{name}」设置了打开密码（已加密），无法读取。"
                "请在 Excel 或 WPS 中取消密码、另存后再导入。"
            )
        # Every stream a reader could take for the workbook, reachable from the tree or not.
        books = [(start, size) for n, start, size in streams if n.lower() in ("workbook", "book")]
        if not books:
            raise UserError(
                f"文件「{name}」不是 Excel 工作簿（是其他 Office 文档，如 Word 或 PowerPoint），"
                "请确认选择了正确的文件。"
            )
        workbooks = [container.read_stream(start, size) for start, size in books]
    except (struct.error, IndexError, ValueError, OverflowError):
        # A table or entry that reaches past the end of the file (a truncated or forged file).
        raise UserError(
            f"文件「{name}」的容器结构不完整或已损坏（表格越出了文件的末尾），已拒绝读取。"
        ) from None
    except _Refused as exc:
        raise UserError(
            f"文件「{name}」的容器结构{exc}，可能是损坏或恶意文件，已拒绝读取。"
        ) from None
    for workbook in workbooks:
        try:
            _check_records(workbook, name, limits)
        except (struct.error, IndexError, ValueError, OverflowError):
            raise UserError(f"文件「{name}」的工作簿记录不完整或已损坏，已拒绝读取。") from None


class _Container:
    """A compound file's sector tables, each checked as it is built."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise _Refused("不完整（文件头不足 512 字节）")
        self.data = data
        header = struct.unpack_from("<HHHHH", data, 24)
        _minor, major, order, shift, mini_shift = header
        if order != 0xFFFE or (major, shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
            raise _Refused("异常（文件头的版本或扇区大小不对）")
        self.sector = 1 << shift
        self.sectors = (len(data) - self.sector) // self.sector + (
            1 if (len(data) - self.sector) % self.sector else 0
        )
        (
            fat_count,
            self.first_directory,
            _signature,
            cutoff,
            self.first_mini_fat,
            self.mini_fat_count,
            first_difat,
            difat_count,
        ) = struct.unpack_from("<IIIIIIII", data, 44)
        if cutoff != 4096:
            raise _Refused("异常（小流界限不是 4096）")
        if fat_count > self.sectors or difat_count > self.sectors:
            raise _Refused("异常（声明的分配表扇区多于文件的扇区）")
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s != _FREE][:fat_count]
        seen: set[int] = set()
        per_difat = self.sector // 4 - 1
        current = first_difat
        for _ in range(difat_count):
            if current >= min(self.sectors, _MAX_SECTOR) or current in seen:
                raise _Refused("异常（分配表索引链越界或成环）")
            seen.add(current)
            values = struct.unpack_from(f"<{per_difat + 1}I", data, self._offset(current))
            fat_sectors += [s for s in values[:per_difat] if s != _FREE]
            current = values[per_difat]
        fat_sectors = fat_sectors[:fat_count]
        if len(fat_sectors) < fat_count or len(set(fat_sectors)) != len(fat_sectors):
            raise _Refused("异常（分配表扇区缺失或重复）")
        table = array("I")
        for sector in fat_sectors:
            if sector >= self.sectors:
                raise _Refused("异常（分配表扇区越界）")
            start = self._offset(sector)
            table.frombytes(data[start : start + self.sector].ljust(self.sector, b"\xff"))
        if struct.pack("<I", 1) != array("I", [1]).tobytes():
            table.byteswap()
        self.fat = table

    def _offset(self, sector: int) -> int:
        return (sector + 1) * self.sector

    def chain(self, start: int, table: array[int], limit: int) -> list[int]:
        """The sectors of a chain; refused when it leaves the table, loops, or exceeds `limit`."""
        found: list[int] = []
        seen: set[int] = set()
        current = start
        while current != _END:
            if current >= len(table) or current >= limit or current in seen:
                raise _Refused("异常（扇区链越界或成环）")
            seen.add(current)
            found.append(current)
            current = table[current]
        return found

    def _bytes(self, sectors: list[int], size: int) -> bytes:
        parts = [self.data[self._offset(s) : self._offset(s) + self.sector] for s in sectors]
        return b"".join(parts)[:size]

    def streams(self) -> list[tuple[str, int, int]]:
        """(name, start sector, size) of every stream entry, after checking that the directory
        tree has no loops and no entry claims more than the file holds."""
        directory = self._bytes(
            self.chain(self.first_directory, self.fat, self.sectors), self.sectors * self.sector
        )
        count = len(directory) // 128
        if count == 0:
            raise _Refused("异常（没有目录）")
        entries = [
            struct.unpack_from("<64sHBBIII16sI16sIQ", directory, i * 128) for i in range(count)
        ]
        root = entries[0]
        if root[2] != 5:
            raise _Refused("异常（目录的根不对）")
        self.mini_stream = (root[10], root[11])
        if root[11] > len(self.data):
            raise _Refused("异常（小流的大小超过文件本身）")
        seen: set[int] = set()
        pending = [root[6]]
        while pending:
            index = pending.pop()
            if index == _NO_STREAM:
                continue
            if index >= count or index in seen:
                raise _Refused("异常（目录越界或成环）")
            seen.add(index)
            pending += entries[index][4:7]  # left sibling, right sibling, child
        found = []
        for raw_name, length, kind, *_rest, start, size in entries:
            if kind != 2:
                continue
            if size > len(self.data):
                raise _Refused("异常（流声明的大小超过文件本身）")
            name_length = min(max(length - 2, 0), 62)
            found.append((raw_name[:name_length].decode("utf-16-le", "replace"), start, size))
        return found

    def read_stream(self, start: int, size: int) -> bytes:
        """A stream's bytes, through the mini stream when it is small."""
        if size >= 4096:
            sectors = self.chain(start, self.fat, self.sectors)
            if len(sectors) * self.sector < size:
                raise _Refused("异常（流的扇区链短于它声明的大小）")
            return self._bytes(sectors, size)
        mini_start, mini_size = self.mini_stream
        mini_fat = array("I")
        mini_fat_bytes = (
            self._bytes(
                self.chain(self.first_mini_fat, self.fat, self.sectors), self.sectors * self.sector
            )
            if self.mini_fat_count
            else b""
        )
        mini_fat.frombytes(mini_fat_bytes[: len(mini_fat_bytes) // 4 * 4])
        container = self._bytes(self.chain(mini_start, self.fat, self.sectors), mini_size)
        sectors = self.chain(start, mini_fat, len(container) // 64)
        if len(sectors) * 64 < size:
            raise _Refused("异常（流的扇区链短于它声明的大小）")
        return b"".join(container[s * 64 : s * 64 + 64] for s in sectors)[:size]


def _check_records(stream: bytes, name: str, limits: Limits) -> None:
    """Walk the BIFF records once: passwords, declared counts, dimensions and cells per sheet."""
    unpack = struct.unpack_from
    sheet_at: dict[int, str] = {}
    sheet = "工作簿"
    biff8 = True
    rows = columns = 0
    total = 0
    position, end = 0, len(stream)
    while position + 4 <= end:
        kind, length = unpack("<HH", stream, position)
        body = position + 4
        if length > _MAX_RECORD or body + length > end:
            raise UserError(
                f"文件「{name}」的工作表「{sheet}」含有长度异常的记录，可能是损坏或恶意文件，已拒绝读取。"
            )
        if kind in _CELLS and length >= 4:
            row, column = unpack("<HH", stream, body)
            if row >= rows:
                rows = row + 1
            if column >= columns:
                columns = column + 1
        elif kind in _MULTI and length >= 6:
            row = unpack("<H", stream, body)[0]
            last = unpack("<H", stream, body + length - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == _BOF:
            if position == 0 and length >= 2:
                biff8 = unpack("<H", stream, body)[0] >= 0x0600
            total += rows * columns
            _check_extent(name, sheet, rows, columns, limits)
            sheet = sheet_at.get(position, sheet if not sheet_at else "（未列出的工作表）")
            rows = columns = 0
        elif kind == _BOUNDSHEET and length >= 8:
            offset = unpack("<I", stream, body)[0]
            if offset >= end:
                raise UserError(f"文件「{name}」的工作表目录指向文件之外，可能是损坏或恶意文件。")
            sheet_at[offset] = _sheet_name(stream[body + 6 : body + length], biff8)
            if len(sheet_at) > limits.sheets:
                raise UserError(f"文件「{name}」的工作表超过 {limits.sheets} 个，超过上限。")
        elif kind == _DIMENSIONS:
            _check_dimensions(stream[body : body + length], name, sheet, limits)
        elif kind in (_SST, _FILEPASS):
            _check_globals(kind, stream, body, length, name, limits)
        position = body + length
    total += rows * columns
    _check_extent(name, sheet, rows, columns, limits)
    if total > limits.cells:
        raise UserError(
            f"文件「{name}」各工作表的数据范围合计 {total:,} 个单元格，"
            f"超过上限 {limits.cells:,} 个。"
        )


def _check_globals(
    kind: int, stream: bytes, body: int, length: int, name: str, limits: Limits
) -> None:
    """A shared-string table declaring more strings than the file can hold, or a password."""
    if kind == _SST and length >= 8:
        total_strings, unique = struct.unpack_from("<II", stream, body)
        # Each string takes at least three bytes of the stream.
        if unique > len(stream) // 3 or total_strings > limits.cells:
            raise UserError(
                f"文件「{name}」声明了 {unique:,} 个共享字符串，而文件里不可能有这么多，"
                "可能是损坏或恶意文件，已拒绝读取。"
            )
    elif kind == _FILEPASS:
        raise UserError(
            f"文件「{name}」设置了打开密码（已加密），无法读取。"
            "请在 Excel 或 WPS 中取消密码、另存后再导入。"
        )


def _check_extent(name: str, sheet: str, rows: int, columns: int, limits: Limits) -> None:
    if rows > limits.rows or columns > limits.columns or rows * columns > limits.cells_per_sheet:
        raise UserError(
            f"文件「{name}」的工作表「{sheet}」数据范围达 {rows:,} 行 × {columns:,} 列，"
            f"超过上限（{limits.rows:,} 行、{limits.columns} 列、"
            f"{limits.cells_per_sheet:,} 个单元格），可能是损坏或恶意文件，已拒绝读取。"
        )


def _check_dimensions(body: bytes, name: str, sheet: str, limits: Limits) -> None:
    if len(body) >= 14:  # BIFF8: 32-bit rows
        _first_row, last_row, _first_column, last_column = struct.unpack_from("<IIHH", body)
    elif len(body) >= 8:  # BIFF5/7
        _first_row, last_row, _first_column, last_column = struct.unpack_from("<HHHH", body)
    else:
        return
    # The last row and column are one past the last used (0-based): the counts themselves.
    if (
        last_row > limits.rows
        or last_column > limits.columns
        or (last_row * last_column > limits.cells_per_sheet)
    ):
        raise UserError(
            f"文件「{name}」的工作表「{sheet}」声明的范围是 {last_row:,} 行 × {last_column:,} 列，"
            f"超过上限 {limits.rows:,} 行 × {limits.columns} 列，可能是损坏或恶意文件，已拒绝读取。"
        )


def _sheet_name(raw: bytes, biff8: bool) -> str:
    """A BOUNDSHEET name: a count, in BIFF8 a flag (UTF-16 or compressed), then the characters."""
    if len(raw) < 2:
        return "（无名）"
    count = raw[0]
    if biff8 and raw[1] & 1:
        return raw[2 : 2 + 2 * count].decode("utf-16-le", "replace")
    text = raw[2 : 2 + count] if biff8 else raw[1 : 1 + count]
    try:  # BIFF5 names are in the file's code page, which is GBK in Chinese offices
        return text.decode("gbk")
    except UnicodeDecodeError:
        return text.decode("latin-1")
