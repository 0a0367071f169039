"""Read a workbook into plain grids of cell values — always in a sandboxed child process.

python-calamine reads .xlsx and .xls about twenty times faster than openpyxl's read-only mode
here, but a hostile file can make it abort the whole process (docs/ARCHITECTURE.md, Known
traps). So every read, in the window and on the command line, happens in a child process that
caps its memory and time (`app.infra.sandbox`), after the file checks (`file_check`); whatever
the reader does there, the caller gets grids or a Chinese `UserError` naming the file (and the
sheet), and goes on. The child sends each sheet as soon as it is read, so a caller iterating a
`WorkbookStream` works on one sheet while the next is being read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.exchange.file_check import FileKind
from app.infra.errors import UserError
from app.infra.sandbox import ChildLimits, Sandbox, SandboxFailure

log = logging.getLogger("gongjian.exchange.reading")

READER = "app.exchange.reader_child"
READ_MEMORY_BYTES = 1024 * 1024 * 1024
_ADVICE = "程序和已有数据不受影响。请在 Excel 或 WPS 中打开该文件，另存为新的 .xlsx 后再导入。"


Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


@dataclass(frozen=True)
class SheetGrid:
    """One sheet: its name, whether it is hidden, its cells from A1 (empty cells are ""), and its
    merged ranges (a merged range's value is in its first cell only)."""

    name: str
    hidden: bool
    rows: list[list[Any]]
    merges: tuple[Merge, ...] = ()


@dataclass(frozen=True)
class WorkbookGrids:
    """A workbook's sheets, in order."""

    path: Path
    kind: FileKind
    sheets: list[SheetGrid]


def read_limits(path: Path) -> ChildLimits:
    """Memory and time for reading `path`: time grows with the file (60 MB at most: ~2 min)."""
    try:
        megabytes = path.stat().st_size / 1024 / 1024
    except OSError:
        megabytes = 0
    return ChildLimits(READ_MEMORY_BYTES, 20 + 2 * megabytes)


def read_workbook(path: Path, *, reader: str | None = None) -> WorkbookGrids:
    """Every sheet of the file at `path`; UserError for anything that cannot be read."""
    with WorkbookStream(path, reader=reader) as stream:
        sheets = list(stream)
    return WorkbookGrids(path, stream.kind, sheets)


class WorkbookStream:
    """A workbook being read in the sandbox: `kind` and `sheet_names` at once, then its sheets
    one by one as they arrive (iterate it once). Use it as a context manager."""

    def __init__(
        self, path: Path, *, reader: str | None = None, limits: ChildLimits | None = None
    ) -> None:
        self.path = path
        reader = reader or READER  # read at call time, so that a test can swap the reader
        self._sheet: str | None = None
        self._limits = limits or read_limits(path)
        try:
            self._sandbox = Sandbox(reader, [str(path.absolute())], self._limits)
        except OSError as exc:
            raise UserError(f"无法启动读取程序来读取文件「{path.name}」：{exc}") from exc
        self._frames = self._sandbox.frames()
        try:
            first = self._next()
            if first[0] != "book":
                raise self._unexpected(first)
        except BaseException:
            self._sandbox.close()
            raise
        self.kind = FileKind(first[1])
        self.sheet_names: list[str] = list(first[2])

    def __enter__(self) -> WorkbookStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._sandbox.close()

    def __iter__(self) -> Iterator[SheetGrid]:
        while True:
            frame = self._next()
            if frame[0] == "sheet":
                self._sheet = None
                merges = tuple(tuple(merge) for merge in frame[4]) if len(frame) > 4 else ()
                yield SheetGrid(frame[1], bool(frame[2]), frame[3], merges)
            elif frame[0] == "end":
                return
            else:
                raise self._unexpected(frame)

    def _next(self) -> tuple[Any, ...]:
        """The next frame that is not a progress note; UserError for a refusal or a failure."""
        while True:
            try:
                frame = next(self._frames)
            except SandboxFailure as failure:
                log.warning("reading %s failed in the sandbox: %s", self.path, failure)
                raise UserError(self._failure_message(failure), detail=str(failure)) from None
            except StopIteration:  # cannot happen: frames() raises at the end of the stream
                raise UserError(f"文件「{self.path.name}」无法读取。") from None
            if frame[0] == "reading":
                self._sheet = frame[1]
                continue
            if frame[0] == "refused":
                raise UserError(frame[1])
            return tuple(frame)

    def _unexpected(self, frame: tuple[Any, ...]) -> UserError:
        detail = str(frame[1]) if frame[0] == "failed" and len(frame) > 1 else repr(frame[0])
        log.warning("reading %s: %s", self.path, detail)
        return UserError(
            f"文件「{self.path.name}」{self._where()}无法读取（{detail}），"
            f"可能是损坏或不规范的文件。{_ADVICE}",
            detail=detail,
        )

    def _where(self) -> str:
        return f"的工作表「{self._sheet}」" if self._sheet else ""

    def _failure_message(self, failure: SandboxFailure) -> str:
        if failure.kind == "timeout":
            what = f"读取超过 {self._limits.seconds:.0f} 秒仍未完成，已停止读取"
        elif failure.kind == "memory":
            megabytes = self._limits.memory_bytes // 1024 // 1024
            what = f"读取所需的内存超过上限（{megabytes} MB），已停止读取"
        elif failure.kind == "protocol":
            what = "读取时返回了无法识别的内容，已停止读取"
        else:
            what = "读取时读取程序意外退出"
        where = f"（读到工作表「{self._sheet}」时）" if self._sheet else ""
        return f"文件「{self.path.name}」{where}{what}，可能是损坏或恶意构造的文件。{_ADVICE}"


class LazyWorkbook:
    """A workbook whose sheets arrive while the caller works: iterate `sheets` once; a failure
    part-way ends the iteration and is kept in `failure` (the sheets before it were read)."""

    def __init__(self, path: Path, *, reader: str | None = None) -> None:
        self.path = path
        self._stream = WorkbookStream(path, reader=reader)  # UserError: nothing could be read
        self.kind = self._stream.kind
        self.sheet_names = self._stream.sheet_names
        self.failure: UserError | None = None
        self.seen: list[SheetGrid] = []

    @property
    def sheets(self) -> Iterator[SheetGrid]:
        """Each sheet as soon as it is read (then the child process ends)."""
        try:
            for sheet in self._stream:
                self.seen.append(SheetGrid(sheet.name, sheet.hidden, []))
                yield sheet
        except UserError as exc:
            self.failure = exc
        finally:
            self._stream.__exit__(None, None, None)

    def close(self) -> None:
        """End the child process if the sheets were not all taken."""
        self._stream.__exit__(None, None, None)


def open_workbook(path: Path, *, reader: str | None = None) -> LazyWorkbook:
    """Start reading `path`; UserError at once when the file is refused as a whole."""
    return LazyWorkbook(path, reader=reader)
