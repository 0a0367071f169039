"""A small .xlsx writer for the print tables this program exports (附表, 问题台账, 督办台账).

Why not xlsxwriter or openpyxl: both build an object per cell and then walk them again to write
XML; 10,000 formatted projects took longer than openpyxl's write-only mode needs for the same
values unformatted. Here each row becomes XML text at once (inline strings, a fixed set of styles),
which is several times faster. It writes only what the exports use: styles, column widths, row
heights, merged cells, frozen panes, print titles, page setup, a footer and SUM formulas with
their cached values. Text is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.exchange.column_letters import column_letter
from app.values.date_format import utc_stamp

_EPOCH = dt.date(1899, 12, 30)
_BAD_XML = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


@dataclass(frozen=True)
class Style:
    """A cell style."""

    font: str = "仿宋"
    size: float = 11
    bold: bool = False
    fill: str | None = None  # RRGGBB
    number_format: str | None = None  # e.g. "#,##0.00", "yyyy-mm-dd"
    horizontal: str | None = None  # left / center / right
    vertical: str = "center"
    wrap: bool = False
    border: bool = True


class Formula(str):
    """A formula cell ("=SUM(F5:F30)") with its cached value."""

    cached: float

    def __new__(cls, text: str, cached: float) -> Formula:
        made = super().__new__(cls, text)
        made.cached = cached
        return made


@dataclass
class Sheet:
    """One worksheet: rows of (value, style index) cells, and its layout and print setup."""

    name: str
    widths: list[float] = field(default_factory=list)
    rows: list[tuple[float | None, list[tuple[Any, int]]]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    freeze: tuple[int, int] | None = None  # rows, columns frozen
    title_rows: tuple[int, int] | None = None  # 1-based, repeated on every printed page
    paper: int = 8  # A3
    landscape: bool = True
    fit_width: bool = True
    footer: str = "&amp;C第 &amp;P 页，共 &amp;N 页"

    def add_row(self, cells: list[tuple[Any, int]], height: float | None = None) -> None:
        """Append a row (None values are empty cells that keep their style)."""
        self.rows.append((height, cells))


class Workbook:
    """Styles and sheets, written in one go by `save`."""

    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self._styles: list[Style] = [Style(border=False)]
        self._number_formats: dict[str, int] = {}

    def style(self, style: Style) -> int:
        """The index of `style` (added once)."""
        if style not in self._styles:
            self._styles.append(style)
        return self._styles.index(style)

    def add_sheet(self, name: str) -> Sheet:
        """A new sheet at the end."""
        sheet = Sheet(name[:31])
        self.sheets.append(sheet)
        return sheet

    def save(self, path: Path, title: str = "", author: str = "", comments: str = "") -> None:
        """Write the file (deflated; level 1: the XML is repetitive and compresses well fast)."""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr("[Content_Types].xml", self._content_types())
            archive.writestr("_rels/.rels", _ROOT_RELS)
            archive.writestr("docProps/core.xml", _core(title, author, comments))
            archive.writestr("docProps/app.xml", _app(comments))
            archive.writestr("xl/workbook.xml", self._workbook())
            archive.writestr("xl/_rels/workbook.xml.rels", self._workbook_rels())
            archive.writestr("xl/styles.xml", self._styles_xml())
            for number, sheet in enumerate(self.sheets, start=1):
                archive.writestr(f"xl/worksheets/sheet{number}.xml", _sheet_xml(sheet))

    # ----- parts ---------------------------------------------------------------------------
    def _content_types(self) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            f"{sheets}</Types>"
        )

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name="{_attr(s.name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, s in enumerate(self.sheets, start=1)
        )
        names = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
            f"'{_attr(s.name)}'!${s.title_rows[0]}:${s.title_rows[1]}</definedName>"
            for n, s in enumerate(self.sheets)
            if s.title_rows
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
        )

    def _workbook_rels(self) -> str:
        sheets = "".join(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        styles = len(self.sheets) + 1
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{sheets}<Relationship Id="rId{styles}" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
        )

    def _styles_xml(self) -> str:
        formats: dict[str, int] = {}
        fonts: list[str] = []
        fills = [
            '<fill><patternFill patternType="none"/></fill>',
            '<fill><patternFill patternType="gray125"/></fill>',
        ]
        xfs = []
        for style in self._styles:
            font = (
                f'<font>{"<b/>" if style.bold else ""}<sz val="{style.size}"/>'
                f'<name val="{_attr(style.font)}"/><charset val="134"/></font>'
            )
            if font not in fonts:
                fonts.append(font)
            fill_id = 0
            if style.fill:
                fill = (
                    f'<fill><patternFill patternType="solid"><fgColor rgb="FF{style.fill}"/>'
                    "</patternFill></fill>"
                )
                if fill not in fills:
                    fills.append(fill)
                fill_id = fills.index(fill)
            number_id = 0
            if style.number_format:
                number_id = formats.setdefault(style.number_format, 164 + len(formats))
            alignment = (
                "<alignment"
                + (f' horizontal="{style.horizontal}"' if style.horizontal else "")
                + f' vertical="{style.vertical}"'
                + (' wrapText="1"' if style.wrap else "")
                + "/>"
            )
            xfs.append(
                f'<xf numFmtId="{number_id}" fontId="{fonts.index(font)}" fillId="{fill_id}" '
                f'borderId="{1 if style.border else 0}" xfId="0" applyNumberFormat="1" '
                f'applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">{alignment}</xf>'
            )
        number_formats = "".join(
            f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in formats.items()
        )
        side = '<{0} style="thin"><color auto="1"/></{0}>'
        border = "".join(side.format(s) for s in ("left", "right", "top", "bottom"))
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(formats)}">{number_formats}</numFmts>' if formats else "")
            + f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
            f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
            f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            f"<border>{border}<diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _text(value: str) -> str:
    cleaned = value.translate(_BAD_XML)
    return escape(cleaned)


def _cell(ref: str, value: Any, style: int) -> str:
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, Formula):
        return f'<c r="{ref}" s="{style}"><f>{escape(value[1:])}</f><v>{value.cached!r}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float, Decimal)):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{style}"><v>{(value - _EPOCH).days}</v></c>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>'


def _sheet_xml(sheet: Sheet) -> str:
    letters = [column_letter(i) for i in range(max((len(c) for _h, c in sheet.rows), default=0))]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheetPr><pageSetUpPr fitToPage="{1 if sheet.fit_width else 0}"/></sheetPr>'
    ]
    if sheet.freeze:
        rows, columns = sheet.freeze
        cell = f"{column_letter(columns)}{rows + 1}"
        pane = "bottomRight" if rows and columns else ("bottomLeft" if rows else "topRight")
        parts.append(
            '<sheetViews><sheetView workbookViewId="0">'
            f'<pane xSplit="{columns}" ySplit="{rows}" topLeftCell="{cell}" activePane="{pane}" '
            f'state="frozen"/><selection pane="{pane}" activeCell="{cell}" sqref="{cell}"/>'
            "</sheetView></sheetViews>"
        )
    if sheet.widths:
        parts.append(
            "<cols>"
            + "".join(
                f'<col min="{i}" max="{i}" width="{w:.2f}" customWidth="1"/>'
                for i, w in enumerate(sheet.widths, start=1)
            )
            + "</cols>"
        )
    parts.append("<sheetData>")
    for number, (height, cells) in enumerate(sheet.rows, start=1):
        size = f' ht="{height:.1f}" customHeight="1"' if height else ""
        body = "".join(
            _cell(f"{letters[i]}{number}", value, style) for i, (value, style) in enumerate(cells)
        )
        parts.append(f'<row r="{number}"{size}>{body}</row>')
    parts.append("</sheetData>")
    if sheet.merges:
        parts.append(
            f'<mergeCells count="{len(sheet.merges)}">'
            + "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges)
            + "</mergeCells>"
        )
    parts.append(
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="{sheet.paper}" '
        f'orientation="{"landscape" if sheet.landscape else "portrait"}"'
        + (' fitToWidth="1" fitToHeight="0"' if sheet.fit_width else "")
        + "/>"
        f"<headerFooter><oddFooter>{sheet.footer}</oddFooter></headerFooter>"
        "</worksheet>"
    )
    return "".join(parts)


_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/extended-properties" Target="docProps/app.xml"/></Relationships>'
)


def _core(title: str, author: str, description: str) -> str:
    now = utc_stamp(dt.datetime.now(dt.UTC))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>{_text(author)}</dc:creator>"
        f"<dc:description>{_text(description)}</dc:description>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app(comments: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{_text(comments or '攻坚台账')}</Application></Properties>"
    )
