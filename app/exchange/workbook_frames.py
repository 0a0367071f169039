"""Reading a checked workbook with python-calamine, as a stream of frames (runs in the sandbox).

Each sheet is checked just before calamine parses it (`XlsxCheck.check_sheet`), read from A1
so that row and column numbers are the sheet's own, and handed on at once, so the reading
process holds one sheet at a time and the caller can work on a sheet while the next is read.
The file is opened by content, never by extension: an .xls named .xlsx is read as an .xls.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from app.exchange.file_check import FileKind, sniff
from app.infra.errors import UserError

TYPE_CHECKING = False  # the sandboxed reader does not import typing
if TYPE_CHECKING:
    from typing import Any

# Frames: ("book", kind, sheet names), then per sheet ("reading", sheet) and
# ("sheet", name, hidden, rows, merges), then ("end",).


def workbook_frames(path: Path) -> Iterator[tuple[Any, ...]]:
    """The frames of the workbook at `path`; UserError for anything that cannot be read."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    kind = sniff(path)
    xlsx = None
    if kind is FileKind.XLS:
        from app.exchange.xls_check import check_xls

        check_xls(path)
    else:
        from app.exchange.xlsx_check import XlsxCheck

        xlsx = XlsxCheck(path)
    try:
        with path.open("rb") as handle:
            try:
                book = CalamineWorkbook.from_filelike(handle)
                # Chart sheets hold no cells; VBA modules are not sheets.
                skipped = (SheetTypeEnum.ChartSheet, SheetTypeEnum.Vba)
                sheets = [meta for meta in book.sheets_metadata if meta.typ not in skipped]
                yield ("book", kind.value, [meta.name for meta in sheets])
                for meta in sheets:
                    yield ("reading", meta.name)
                    if xlsx is not None:
                        xlsx.check_sheet(meta.name)
                    try:
                        rows, merges = _read(book, meta.name)
                    except BaseException as exc:  # a Rust panic is a BaseException
                        part = xlsx.part_of(meta.name) if xlsx is not None else None
                        if type(exc).__name__ != "PanicException" or part is None:
                            raise
                        # An impossible date serial in a date cell: read it as the text it is.
                        from app.exchange.date_serials import with_plain_serials

                        patched = with_plain_serials(path, part)
                        if patched is None:
                            raise
                        again = CalamineWorkbook.from_filelike(io.BytesIO(patched))
                        rows, merges = _read(again, meta.name)
                    hidden = meta.visible != SheetVisibleEnum.Visible
                    yield ("sheet", meta.name, hidden, rows, merges)
                    del rows
            except (CalamineError, ValueError, OSError) as exc:
                raise UserError(f"文件「{path.name}」无法读取：{exc}") from exc
    finally:
        if xlsx is not None:
            xlsx.__exit__(None, None, None)
    yield ("end",)


def _read(book: Any, name: str) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """A sheet's cells from A1 (not from its first used cell), so that row and column numbers
    are the sheet's own, and its merged ranges that touch those cells, cut to them."""
    sheet = book.get_sheet_by_name(name)
    rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    height, width = len(rows), max((len(r) for r in rows), default=0)
    merges = [
        (r1, c1, min(r2, height - 1), min(c2, width - 1))
        for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ())
        if r1 < height and c1 < width and r1 <= r2 and c1 <= c2
    ]
    return rows, merges
