"""Limits on what the reader will really do, checked before it runs: every crafted file is refused
with a Chinese message naming the file (and the sheet), within 5 s and 500 MB; honest files in
any legal spelling are read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.exchange.file_check import FileKind
from app.exchange.reading import WorkbookStream, read_workbook
from app.infra.errors import UserError
from app.infra.sandbox import ChildLimits
from tests.support.hostile_books import NS, hostile_xls, hostile_xlsx, sheet_xml, xlsx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exchange"
HONEST_XLS = (FIXTURES / "city_list_basic.xls").read_bytes()
# The budget of a refusal: if the check needed more, the sandbox would stop it with another message.
BUDGET = ChildLimits(500 * 1024 * 1024, 5)
SHEET_NAMED = {
    "far_corner_without_dimension",
    "seven_letter_reference",
    "rows_without_attributes",
    "columns_without_references",
    "columns_far_right_no_dimension",
    "deep_sheet",
    "prefixed_far_cell",
    "second_r_attribute",
    "single_quoted_reference",
    "utf16_sheet",
    "same_sheet_listed_many_times",
    "xls_huge_dimensions",
    "xls_cell_at_iv65536",
    "xls_column_65535",
}
CRAFTED = {**hostile_xlsx(), **hostile_xls(HONEST_XLS)}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_each_crafted_file_is_refused_by_name_within_5_s_and_500_mb(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.{'xls' if name.startswith('xls') else 'xlsx'}"
    path.write_bytes(CRAFTED[name]())
    with pytest.raises(UserError) as caught, WorkbookStream(path, limits=BUDGET) as stream:
        list(stream)
    message = caught.value.message
    assert f"文件「{path.name}」" in message
    assert caught.value.detail is None, f"the sandbox had to stop it: {caught.value.detail}"
    if name in SHEET_NAMED:
        assert "工作表「" in message, message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_the_sheet_is_named_by_its_title_not_its_part(tmp_path: Path) -> None:
    path = tmp_path / "多表.xlsx"
    path.write_bytes(
        xlsx(
            rows='<row r="1"><c r="A1"><v>1</v></c></row><row r="200000"><c r="A200000"/></row>',
            workbook=(
                f'<workbook xmlns="{NS}" xmlns:r="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships"><sheets>'
                '<sheet name="附表 &amp; 说明" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
        )
    )
    with pytest.raises(UserError, match="工作表「附表 & 说明」：有数据的行多达第 200,000 行"):
        read_workbook(path)


@pytest.mark.parametrize(
    ("name", "rows", "expected"),
    [
        (
            "no_references",
            '<row><c t="inlineStr"><is><t>项目名称</t></is></c><c><v>2</v></c></row>'
            "<row><c><v>3</v></c></row>",
            [["项目名称", 2.0], [3.0, ""]],
        ),
        (
            "spaced_and_single_quoted",
            "<row r = '1'><c r='B1' t='inlineStr'><is><t>名称</t></is></c></row>",
            [["", "名称"]],
        ),
        (
            "cells_after_the_first_row_start_later",
            '<row r="2"><c r="C2"><v>1</v></c></row>',
            [["", "", ""], ["", "", 1.0]],
        ),
    ],
)
def test_honest_spellings_are_read(
    name: str, rows: str, expected: list[list[object]], tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(xlsx(rows=rows))
    assert read_workbook(path).sheets[0].rows == expected


def test_namespace_prefixes_are_read(tmp_path: Path) -> None:
    path = tmp_path / "前缀.xlsx"
    path.write_bytes(
        xlsx(
            f'<x:worksheet xmlns:x="{NS}"><x:sheetData><x:row r="1">'
            '<x:c r="A1"><x:v>1</x:v></x:c><x:c r="C1"><x:v>5</x:v></x:c>'
            "</x:row></x:sheetData></x:worksheet>"
        )
    )
    assert read_workbook(path).sheets[0].rows == [[1.0, "", 5.0]]


def test_an_xls_named_xlsx_is_read_as_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "其实是xls.xlsx"
    shutil.copy(FIXTURES / "city_list_basic.xls", path)
    book = read_workbook(path)
    assert book.kind is FileKind.XLS and book.sheets[0].name == "附表3"
    assert len(book.sheets[0].rows) == 36


def test_an_xlsx_named_xls_is_read_as_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "其实是xlsx.xls"
    shutil.copy(FIXTURES / "city_list_basic.xlsx", path)
    assert read_workbook(path).kind is FileKind.XLSX


def test_comments_and_cdata_do_not_hide_or_invent_cells(tmp_path: Path) -> None:
    path = tmp_path / "注释.xlsx"
    path.write_bytes(
        xlsx(
            sheet_xml(
                '<row r="1"><!-- <c r="XFD1"> --><c r="A1" t="inlineStr"><is><t>'
                '<![CDATA[<row r="1048576">]]></t></is></c></row>'
            )
        )
    )
    assert read_workbook(path).sheets[0].rows == [['<row r="1048576">']]


def test_hidden_sheets_are_known_as_hidden(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "可见"
    book.create_sheet("隐藏").sheet_state = "hidden"
    book.create_sheet("深度隐藏").sheet_state = "veryHidden"
    path = tmp_path / "隐藏.xlsx"
    book.save(path)
    assert [(s.name, s.hidden) for s in read_workbook(path).sheets] == [
        ("可见", False),
        ("隐藏", True),
        ("深度隐藏", True),
    ]


FOUND_BY_FUZZING = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "hostile").iterdir())


@pytest.mark.parametrize("path", FOUND_BY_FUZZING, ids=lambda p: p.name)
def test_files_the_fuzzer_broke_us_with_are_refused_cleanly(path: Path, tmp_path: Path) -> None:
    """bench/fuzz_import.py found these raising something other than a UserError."""
    copy = tmp_path / f"交回的{path.name}"
    shutil.copy(path, copy)
    with pytest.raises(UserError) as caught, WorkbookStream(copy, limits=BUDGET) as stream:
        list(stream)
    assert f"文件「{copy.name}」" in caught.value.message and caught.value.detail is None
