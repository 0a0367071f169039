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
# ("sheet", name, hidden, rows), then ("end",).


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
                        rows = _rows(book, meta.name)
                    except BaseException as exc:  # a Rust panic is a BaseException
                        part = xlsx.part_of(meta.name) if xlsx is not None else None
                        if type(exc).__name__ != "PanicException" or part is None:
                            raise
                        # An impossible date serial in a date cell: read it as the text it is.
                        from app.exchange.date_serials import with_plain_serials

                        patched = with_plain_serials(path, part)
                        if patched is None:
                            raise
                        rows = _rows(CalamineWorkbook.from_filelike(io.BytesIO(patched)), meta.name)
                    yield ("sheet", meta.name, meta.visible != SheetVisibleEnum.Visible, rows)
                    del rows
            except (CalamineError, ValueError, OSError) as exc:
                raise UserError(f"文件「{path.name}」无法读取：{exc}") from exc
    finally:
        if xlsx is not None:
            xlsx.__exit__(None, None, None)
    yield ("end",)


def _rows(book: Any, name: str) -> list[list[Any]]:
    """A sheet's cells from A1 (not from its first used cell), so that row and column numbers
    are the sheet's own."""
    rows: list[list[Any]] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return rows
