"""Reading happens in a sandboxed child: whatever the reader does there, the clerk gets a Chinese
message naming the file (and the sheet), and the program — window or command line — goes on."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.exchange import reading
from app.exchange.import_plan import plan_import
from app.exchange.reading import WorkbookStream, read_workbook
from app.infra.database import open_database
from app.infra.errors import UserError
from app.infra.sandbox import ChildLimits
from db.models import Project
from gongjian.cli import main
from tests.support.hostile_books import xlsx
from tests.support.platform_gaps import under_wine

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
BROKEN = "tests.support.broken_readers"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """An honest workbook with a Chinese name."""
    path = tmp_path / "市发改委下发.xlsx"
    shutil.copy(FIXTURES / "city_list_basic.xlsx", path)
    return path


def test_a_reader_that_aborts_is_a_message_naming_the_file(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGJIAN_BROKEN_READER", "abort")
    with pytest.raises(UserError) as caught:
        read_workbook(book, reader=BROKEN)
    assert "文件「市发改委下发.xlsx」" in caught.value.message
    assert "意外退出" in caught.value.message and "程序和已有数据不受影响" in caught.value.message
    # This process is still here, and the next read works.
    assert read_workbook(book).sheets[0].name == "附表3"


def test_an_abort_inside_a_sheet_names_the_sheet(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGJIAN_BROKEN_READER", "abort_sheet")
    with pytest.raises(UserError, match="读到工作表「附表3」时"):
        read_workbook(book, reader=BROKEN)


def test_a_real_reader_dying_on_a_hostile_file_is_contained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-calamine itself, given a file the checks would refuse: one cell at A1 and one at
    the far corner asks it for a grid of 17 billion cells, and it aborts its process."""
    path = tmp_path / "角落.xlsx"
    path.write_bytes(
        xlsx(
            rows='<row r="1"><c r="A1"><v>1</v></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        )
    )
    monkeypatch.setenv("GONGJIAN_BROKEN_READER", "unchecked")
    with pytest.raises(UserError) as caught:
        read_workbook(path, reader=BROKEN)
    message = caught.value.message
    assert "文件「角落.xlsx」" in message and "工作表「表1」" in message
    assert "内存" in message or "意外退出" in message
    assert caught.value.detail and caught.value.detail.split(":")[0] in ("memory", "crash")
    # The real reader, with the checks, refuses it before reading, naming the sheet.
    with pytest.raises(UserError, match="工作表「表1」：有数据的行多达第 1,048,576 行"):
        read_workbook(path)


def test_a_hanging_reader_is_stopped_at_the_time_limit(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGJIAN_BROKEN_READER", "hang")
    began = time.perf_counter()
    with pytest.raises(UserError, match="读取超过 2 秒仍未完成"):
        WorkbookStream(book, reader=BROKEN, limits=ChildLimits(512 * 1024 * 1024, 2))
    assert time.perf_counter() - began < 10


@pytest.mark.skipif(
    under_wine(), reason="wine does not enforce a job object's memory limit (Windows does)"
)
def test_a_reader_past_its_memory_cap_is_stopped(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGJIAN_BROKEN_READER", "hog")
    with pytest.raises(UserError, match="内存超过上限（256 MB）"):
        WorkbookStream(book, reader=BROKEN, limits=ChildLimits(256 * 1024 * 1024, 30))


def test_an_import_goes_on_past_a_file_whose_reader_dies(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files, the reader dies on the first: it is an error of that file, nothing is written,
    and the import of the good file alone then works."""
    database = open_database(tmp_path / "台账.db")
    calls = []

    def reader_for(path: Path) -> str:
        calls.append(path.name)
        return BROKEN if path.name.startswith("坏") else reading.READER

    bad = tmp_path / "坏的.xlsx"
    shutil.copy(book, bad)
    real = reading.WorkbookStream.__init__

    def choosing(self: WorkbookStream, path: Path, **kwargs: object) -> None:
        kwargs["reader"] = reader_for(path)
        real(self, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading.WorkbookStream, "__init__", choosing)
    monkeypatch.setenv("GONGJIAN_BROKEN_READER", "abort")
    with database.sessions() as session:
        plan = plan_import(session, [bad, book], campaign_id=None)
        assert plan.has_errors()
        assert any("文件「坏的.xlsx」" in issue.message for issue in plan.issues)
        assert session.scalar(select(func.count(Project.id))) == 0
        good = plan_import(session, [book], campaign_id=None)
        assert not good.has_errors() and len(good.to_write()) == 30
    database.close()
    assert calls == ["坏的.xlsx", "市发改委下发.xlsx", "市发改委下发.xlsx"]


def test_the_command_line_reports_a_dying_reader_and_goes_on(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "台账.db"
    monkeypatch.setattr(reading, "READER", BROKEN)
    monkeypatch.setenv("GONGJIAN_BROKEN_READER", "abort")
    assert main(["import", "--db", str(db), str(book)]) == 1
    out = capsys.readouterr().out
    assert "「市发改委下发.xlsx」" in out and "意外退出" in out and "未写入" in out
    monkeypatch.setattr(reading, "READER", "app.exchange.reader_child")
    assert main(["import", "--db", str(db), str(book)]) == 0
    assert "已写入" in capsys.readouterr().out


def test_the_child_starts_with_only_what_reading_needs() -> None:
    """A fresh interpreter without site-packages scanning: no Qt, no SQLAlchemy, no openpyxl."""
    import subprocess
    import sys

    from app.infra.sandbox import _child_paths

    probe = (
        "import sys; import app.exchange.reader_child, app.exchange.workbook_frames; "
        "import app.exchange.xlsx_check, app.exchange.xls_check; "
        "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'openpyxl', 'numpy') "
        "if m in sys.modules))"
    )
    paths = _child_paths()
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", f"import sys;sys.path[:0]={paths!r};{probe}"],
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "[]", done.stderr
