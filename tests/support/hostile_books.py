"""Hand-made workbooks, honest and hostile, for the file-check tests and the fuzzer's seeds.

`xlsx(sheet_xml=…)` writes a minimal .xlsx with one sheet whose XML is given (and any other parts);
`hostile_xlsx()` lists crafted files by name, one per kind of trouble a reader can be led into.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def workbook_xml(
    sheets: str = '<sheet name="表1" sheetId="1" r:id="rId1"/>', extra: str = ""
) -> str:
    """xl/workbook.xml listing `sheets`."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheets}</sheets>{extra}</workbook>"
    )


def sheet_xml(rows: str, head: str = "") -> str:
    """A worksheet whose <sheetData> holds `rows`."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">{head}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def xlsx(
    sheet: str | bytes | None = None,
    *,
    rows: str = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>',
    workbook: str | None = None,
    shared_strings: str | bytes | None = None,
    parts: dict[str, str | bytes] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal .xlsx with one sheet, as bytes."""
    contents: dict[str, str | bytes] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": workbook or workbook_xml(),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(rows),
    }
    if shared_strings is not None:
        contents["xl/sharedStrings.xml"] = shared_strings
    contents.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in contents.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()


def flag_entries(data: bytes, *, flags: int = 0, method: int | None = None) -> bytes:
    """The archive with every entry's flag bits or-ed with `flags` and (if given) its method
    replaced, in both the local headers and the central directory."""
    out = bytearray(data)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = out.find(signature)
        while at >= 0:
            (old,) = struct.unpack_from("<H", out, at + flag_at)
            struct.pack_into("<H", out, at + flag_at, old | flags)
            if method is not None:
                struct.pack_into("<H", out, at + method_at, method)
            at = out.find(signature, at + 4)
    return bytes(out)


def bomb(rows: int) -> bytes:
    """A sheet of `rows` rows written without attributes: tiny compressed, huge uncompressed."""
    body = "<row><c><v>1</v></c></row>" * rows
    return xlsx(sheet_xml(body))


def hostile_xlsx() -> dict[str, Callable[[], bytes]]:
    """Name → builder of each crafted .xlsx (each must be refused, never read)."""
    deep = "<a>" * 5000 + "</a>" * 5000
    return {
        "far_corner_without_dimension": lambda: xlsx(
            rows='<row r="1"><c r="A1"><v>1</v></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        ),
        "shared_string_count_2_31": lambda: xlsx(
            shared_strings=f'<sst xmlns="{NS}" count="2147483647" uniqueCount="2147483647">'
            "<si><t>x</t></si></sst>"
        ),
        "seven_letter_reference": lambda: xlsx(
            rows='<row r="1"><c r="ABCDEFG1"><v>1</v></c></row>'
        ),
        "rows_without_attributes": lambda: bomb(150_000),
        "columns_without_references": lambda: xlsx(
            rows="<row>" + "<c><v>1</v></c>" * 400 + "</row>"
        ),
        "columns_far_right_no_dimension": lambda: xlsx(
            rows="".join(f'<row r="{i}"><c r="XFD{i}"><v>1</v></c></row>' for i in range(1, 150))
        ),
        "deep_workbook_xml": lambda: xlsx(workbook=workbook_xml(extra=deep)),
        "deep_sheet": lambda: xlsx(sheet_xml(f'<row r="1"><c r="A1"><v>1</v></c></row>{deep}')),
        "prefixed_far_cell": lambda: xlsx(
            f'<x:worksheet xmlns:x="{NS}"><x:sheetData><x:row r="1">'
            '<x:c r="A1"><x:v>1</x:v></x:c><x:c r="ZZZ99999"><x:v>1</x:v></x:c>'
            "</x:row></x:sheetData></x:worksheet>"
        ),
        "second_r_attribute": lambda: xlsx(
            rows='<row r="1"><c r="A1" r="XFD1048576"><v>1</v></c></row>'
        ),
        "single_quoted_reference": lambda: xlsx(rows="<row r='1'><c r='XFD1'><v>1</v></c></row>"),
        "encrypted_entries": lambda: flag_entries(xlsx(), flags=1),
        "deflate64_entries": lambda: flag_entries(xlsx(), method=9),
        "doctype_entities": lambda: xlsx(
            shared_strings='<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa">]>'
            f'<sst xmlns="{NS}"><si><t>&a;</t></si></sst>'
        ),
        "utf16_sheet": lambda: xlsx(
            sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>').encode("utf-16")
        ),
        "many_entries": lambda: xlsx(parts={f"xl/media/{i}.bin": b"" for i in range(6000)}),
        "lying_uncompressed_size": lambda: _lie_about_size(
            xlsx(rows='<row r="1"><c r="A1"><v>1</v></c></row>' * 2000)
        ),
        "nested_sheet_elements": lambda: xlsx(
            workbook=workbook_xml(
                "".join(f'<sheet name="s{i}" sheetId="{i + 1}" r:id="rId1">' for i in range(3000))
                + "</sheet>" * 3000
            )
        ),
        "same_sheet_listed_many_times": lambda: xlsx(
            rows="".join(
                f'<row r="{i}"><c r="A{i}"><v>1</v><c r="Z{i}"><v>1</v></c></c></row>'
                for i in range(1, 60_000)
            ),
            workbook=workbook_xml(
                "".join(f'<sheet name="s{i}" sheetId="{i + 1}" r:id="rId1"/>' for i in range(400))
            ),
        ),
    }


def _lie_about_size(data: bytes) -> bytes:
    """The sheet's declared uncompressed size made far smaller than what inflates."""
    out = bytearray(data)
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(signature)
        while at >= 0:
            name_length = struct.unpack_from(
                "<H", out, at + (26 if signature == b"PK\x03\x04" else 28)
            )[0]
            start = at + (30 if signature == b"PK\x03\x04" else 46)
            if out[start : start + name_length] == b"xl/worksheets/sheet1.xml":
                struct.pack_into("<I", out, at + size_at, 100)
            at = out.find(signature, at + 4)
    return bytes(out)


def deflate_raw(data: bytes) -> bytes:
    """Raw deflate (as in a zip entry)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


# ----- .xls: the fixture written by an office suite, patched ------------------------------------
def _workbook_stream(data: bytes) -> tuple[list[int], int, int]:
    """(sectors of the Workbook stream, sector size, size) of an .xls."""
    from app.exchange.xls_check import _Container

    container = _Container(data)
    start, size = next((s, n) for name, s, n in container.streams() if name == "Workbook")
    return container.chain(start, container.fat, container.sectors), container.sector, size


def _records(data: bytes) -> list[tuple[int, int, int]]:
    """(kind, offset in the stream, length) of each BIFF record."""
    sectors, sector, size = _workbook_stream(data)
    stream = b"".join(data[(s + 1) * sector : (s + 2) * sector] for s in sectors)[:size]
    found, position = [], 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        found.append((kind, position, length))
        position += 4 + length
    return found


def patch_stream(data: bytes, offset: int, new: bytes) -> bytes:
    """The .xls with `new` written at `offset` of its Workbook stream."""
    sectors, sector, _size = _workbook_stream(data)
    out = bytearray(data)
    for index, byte in enumerate(new):
        at = offset + index
        out[(sectors[at // sector] + 1) * sector + at % sector] = byte
    return bytes(out)


def patch_record(data: bytes, kind: int, field_offset: int, new: bytes, nth: int = 0) -> bytes:
    """The .xls with the `nth` record of `kind` changed at `field_offset` of its body."""
    offset = [o for k, o, _n in _records(data) if k == kind][nth]
    return patch_stream(data, offset + 4 + field_offset, new)


def loop_fat(data: bytes, which: str) -> bytes:
    """The .xls with the sector chain of the directory or the workbook pointing back on itself."""
    from app.exchange.xls_check import _Container

    container = _Container(data)
    sector = container.first_directory if which == "directory" else _workbook_stream(data)[0][1]
    fat_sector = struct.unpack_from("<I", data, 76)[0]  # the first FAT sector (from the header)
    per_sector = container.sector // 4
    assert sector < per_sector, "the fixture's chains start in the first FAT sector"
    out = bytearray(data)
    struct.pack_into("<I", out, (fat_sector + 1) * container.sector + 4 * sector, sector)
    return bytes(out)


def loop_directory(data: bytes) -> bytes:
    """The .xls whose directory tree has an entry that is its own left sibling."""
    from app.exchange.xls_check import _Container

    container = _Container(data)
    out = bytearray(data)
    entry = (container.first_directory + 1) * container.sector + 128  # the second entry
    struct.pack_into("<I", out, entry + 68, 1)
    return bytes(out)


def hostile_xls(honest: bytes) -> dict[str, Callable[[], bytes]]:
    """Name → builder of each crafted .xls made from the honest `.xls` bytes."""
    return {
        "xls_huge_dimensions": lambda: patch_record(
            honest, 0x0200, 4, struct.pack("<I", 1_000_000)
        ),
        "xls_cell_at_iv65536": lambda: patch_record(
            honest, 0x0203, 0, struct.pack("<HH", 65535, 255)
        ),
        "xls_column_65535": lambda: patch_record(honest, 0x00FD, 2, struct.pack("<H", 65535)),
        "xls_sst_count_2_31": lambda: patch_record(honest, 0x00FC, 4, struct.pack("<I", 2**31 - 1)),
        "xls_directory_chain_loop": lambda: loop_fat(honest, "directory"),
        "xls_workbook_chain_loop": lambda: loop_fat(honest, "workbook"),
        "xls_directory_tree_loop": lambda: loop_directory(honest),
        "xls_password": lambda: _with_filepass(honest),
        "xls_stream_larger_than_file": lambda: _stream_size(honest, 0x7FFFFFFF),
    }


def _with_filepass(data: bytes) -> bytes:
    """The second record of the globals turned into a FILEPASS record (a password)."""
    _kind, offset, _length = _records(data)[1]
    return patch_stream(data, offset, struct.pack("<H", 0x002F))


def _stream_size(data: bytes, size: int) -> bytes:
    from app.exchange.xls_check import _Container

    container = _Container(data)
    out = bytearray(data)
    directory = (container.first_directory + 1) * container.sector
    for index in range(container.sector // 128):
        entry = directory + index * 128
        name_length = struct.unpack_from("<H", out, entry + 64)[0]
        if out[entry : entry + name_length - 2].decode("utf-16-le", "replace") == "Workbook":
            struct.pack_into("<I", out, entry + 120, size)
    return bytes(out)
