"""A streaming look at one XML part of a workbook: what a reader would really do with it.

Fed decompressed chunks, it finds DTDs and entities, non-ASCII-compatible encodings, the nesting
depth, the largest declared count (`count=`, `uniqueCount=` …), and for sheet data the bounding
box of the cells actually present: row and column numbers from the `r` attributes and, for rows
and cells written without one, from counting them, the way a reader places them. `<dimension>`
is read too (readers size their grid by it) but never trusted for the real extent.

Every test is a C-speed pass (`bytes.count`, `translate`, literal-prefixed regular expressions).
Sheet data written in the canonical form every office suite uses (`<row r="5"`, `<c r="B5"`)
is measured by a few `findall`s; anything else in a chunk (namespace prefixes, cells without
`r`, unusual quoting or case, repeated attributes) sends that chunk through a slower scan that
parses each `row` and `c` tag itself, so no spelling walks around the limits.
"""

from __future__ import annotations

import html
import re

MAX_DEPTH = 64
MAX_TAG_BYTES = 1 << 20  # a single tag (with its attributes) longer than this is refused

# Canonical spellings and what betrays a chunk that is not canonical.
_ANY_R_ROW = re.compile(rb' r="[A-Z]{0,3}(\d{1,7})"')
_ANY_R_LETTERS = re.compile(rb' r="([A-Z]{1,3})\d')
_ODD_R = re.compile(rb' r="(?![A-Z]{0,3}\d{1,7}")')
_AFTER_EQUALS = re.compile(rb'=[^"]')
_SPACES = bytes.maketrans(b"\t\n\r", b"   ")
_NOT_CANON = re.compile(
    rb'<(?:c(?=[\s/>])(?! r="[A-Z]{1,3}\d{1,7}"[\s/>])|row(?=[\s/>])(?! r="\d{1,7}"[\s/>]))'
)
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
# The slow path: each row and c tag, any prefix (quoted values may hold ">"), then its r attributes.
_TAG = re.compile(rb"""<(?:[^\s/>!?:]+:)?(row|c)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(rb"""([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"\s*([A-Za-z]*)\s*(\d*)\s*$")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s[^>]*?ref\s*=\s*[\"']([^\"']*)[\"']")
_COUNT = re.compile(rb"""ount\s*=\s*["']\s*\+?(\d+)""")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_HIDDEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)
_ALL_BUT_TAG_MARKS = bytes(b for b in range(256) if b not in b"<>/\"'")
_OPEN_AS_PAREN = bytes.maketrans(b"<", b"(")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']*)["']""")
_ASCII_COMPATIBLE = re.compile(
    r"(utf-?8|us-ascii|ascii|gb2312|gbk|gb18030|big5|iso-?8859-\d+|latin-?1|"
    r"(windows|cp)-?125\d|cp936|euc-?(cn|jp|kr)|shift_jis)",
    re.IGNORECASE,
)


class PartRefused(Exception):
    """What is wrong with the part, in Chinese, without the file's name (the caller adds it)."""


class Extent:
    """The largest row and column (1-based) a reader would place a cell at, and the dimension."""

    __slots__ = ("columns", "declared_columns", "declared_rows", "rows")

    def __init__(self) -> None:
        self.rows = self.columns = self.declared_rows = self.declared_columns = 0


class PartScan:
    """Feed it the decompressed bytes of one part in order, then `finish()`."""

    def __init__(self, *, max_rows: int, max_columns: int, max_cells: int) -> None:
        self.max_rows = max_rows
        self.max_columns = max_columns
        self.max_cells = max_cells
        self.extent = Extent()
        self.largest_count = 0
        self._pending = b""
        self._first = True
        self._depth = 0
        self._row = 0  # the current row, as the reader counts rows without `r`
        self._column = 0  # the last cell's column in the current row

    def feed(self, chunk: bytes) -> None:
        """Scan what is complete so far; keep an unfinished tag or comment for the next chunk."""
        data = self._pending + chunk
        if self._first and data:
            self._first = False
            _check_encoding(data[:200])
        cut = _safe_cut(data)
        if len(data) - cut > MAX_TAG_BYTES:
            raise PartRefused("含有超长的 XML 标记（可能是恶意文件）")
        self._pending = data[cut:]
        if cut:
            self._scan(data[:cut])

    def finish(self) -> None:
        """Scan the rest; refuse a part that ends inside a tag or comment."""
        rest, self._pending = self._pending, b""
        if rest.strip():
            if b">" not in rest:
                raise PartRefused("XML 结构不完整（文件可能已损坏）")
            self._scan(rest)

    # ----- one complete piece --------------------------------------------------------------------
    def _scan(self, piece: bytes) -> None:
        if b"!" in piece and b"<!" in piece:
            if _DTD.search(piece):
                raise PartRefused("含有 XML 实体或文档类型声明（可能是恶意文件）")
            piece = _HIDDEN.sub(b"", piece)
        self._measure_depth(piece)
        for match in _COUNT.finditer(piece):
            self.largest_count = max(self.largest_count, int(match.group(1)[:12]))
        if b"imension" in piece:
            for match in _DIMENSION.finditer(piece):
                self._dimension(match.group(1))
        if b"<c" in piece or b"row" in piece:
            self._scan_cells(piece)

    def _measure_depth(self, piece: bytes) -> None:
        """Nesting depth without a parser: tags become parentheses, then innermost pairs go."""
        if b"?" in piece and b"<?" in piece:
            piece = piece.replace(b"<?", b"")
        # Only < / > and the quotes matter for telling open, close and empty tags apart (a "/"
        # in a quoted value is followed by its quote, not by ">"): keeping just them first
        # makes the replacements run over a fifth of the text.
        marks = (
            piece.translate(None, _ALL_BUT_TAG_MARKS)
            .replace(b"</", b")")
            .replace(b"/>", b")")
            .translate(_OPEN_AS_PAREN, b"/>\"'")
        )
        # Each pass removes the elements that have no unremoved child: after n passes every
        # element nested at most n deep inside this piece is gone. What stays is ")))(((":
        # elements closed here that opened earlier, and elements opened here and still open.
        passes = 0
        while b"()" in marks:
            passes += 1
            if self._depth + passes > MAX_DEPTH:
                raise PartRefused(f"XML 嵌套超过 {MAX_DEPTH} 层（可能是恶意文件）")
            marks = marks.replace(b"()", b"")
        closes = len(marks) - len(marks.lstrip(b")"))
        opens = len(marks) - closes
        # A bound, not the exact depth: elements inside this piece may sit within those still open.
        if self._depth + opens + passes > MAX_DEPTH:
            raise PartRefused(f"XML 嵌套超过 {MAX_DEPTH} 层（可能是恶意文件）")
        self._depth = max(self._depth - closes, 0) + opens

    def _scan_cells(self, piece: bytes) -> None:
        """Rows and cells: a few C-speed passes when every tag is spelt canonically, else the
        slow scan of each tag."""
        if _PREFIXED.search(piece) or _NOT_CANON.search(piece):
            self._scan_tags(piece)
            return
        plain = piece.translate(_SPACES) if _has_control_space(piece) else piece
        # Every `r` attribute must now read ` r="B5"` (any other spelling: the slow scan), and
        # the largest over all of them — a second `r` in a tag included — bounds the extent.
        if b"'" in plain or _AFTER_EQUALS.search(plain) or b" =" in plain or _ODD_R.search(plain):
            self._scan_tags(piece)
            return
        rows = _ANY_R_ROW.findall(plain)
        if rows:
            self._row = max(map(int, set(rows)))  # a bound: counting goes on from the last row
        letters = _ANY_R_LETTERS.findall(plain)
        widest = _column_number(max(set(letters), key=lambda t: (len(t), t))) if letters else 0
        self._note(self._row, widest)
        # A cell without `r` in the next piece continues from the last cell's column: the widest
        # one is a safe stand-in (unless a row starts after the last cell).
        self._column = 0 if plain.rfind(b"<row r=") > plain.rfind(b"<c r=") else widest
        self._check_area()

    def _scan_tags(self, piece: bytes) -> None:
        for match in _TAG.finditer(piece):
            local = match.group(1)
            refs = _r_attributes(match.group(2))
            if local == b"row":
                # With several r attributes a reader takes one of them: count with the largest.
                self._row = max(map(_row_number, refs)) if refs else self._row + 1
                self._column = 0
                self._note(self._row, 0)
                self._check_area()
                continue
            if not refs:
                self._column += 1
                self._note(max(self._row, 1), self._column)
                continue
            row = column = 0
            for ref in refs:
                found = _REF.match(ref)
                if found is None or (not found.group(1) and not found.group(2)):
                    raise PartRefused(f"含有无法识别的单元格引用「{_shown(ref)}」")
                letters, digits = found.group(1), found.group(2)
                if len(letters) > 3:
                    raise PartRefused(
                        f"含有超出 Excel 范围的单元格引用「{_shown(ref)}」（列最多到 XFD）"
                    )
                column = max(
                    column, _column_number(letters.upper()) if letters else self._column + 1
                )
                row = max(row, _row_number(digits) if digits else max(self._row, 1))
            self._column = column
            self._note(row, column)

    def _note(self, row: int, column: int) -> None:
        extent = self.extent
        if row > extent.rows:
            extent.rows = row
            if row > self.max_rows:
                raise PartRefused(f"有数据的行多达第 {row:,} 行，超过上限 {self.max_rows:,} 行")
        if column > extent.columns:
            extent.columns = column
            if column > self.max_columns:
                raise PartRefused(
                    f"有数据的列多达第 {column:,} 列（{_column_letters(column)} 列），"
                    f"超过上限 {self.max_columns} 列"
                )

    def _check_area(self) -> None:
        extent = self.extent
        if extent.rows * extent.columns > self.max_cells:
            raise PartRefused(
                f"数据范围达 {extent.rows:,} 行 × {extent.columns:,} 列"
                f"（{extent.rows * extent.columns:,} 个单元格），超过上限 {self.max_cells:,} 个"
            )

    def _dimension(self, ref: bytes) -> None:
        corner = ref.rpartition(b":")[2]
        found = _REF.match(corner)
        if found is None or len(found.group(1)) > 3:
            raise PartRefused(f"声明了无法识别的范围「{_shown(ref)}」")
        rows = _row_number(found.group(2)) if found.group(2) else 0
        columns = _column_number(found.group(1).upper()) if found.group(1) else 0
        self.extent.declared_rows = max(self.extent.declared_rows, rows)
        self.extent.declared_columns = max(self.extent.declared_columns, columns)
        if rows > self.max_rows or columns > self.max_columns:
            raise PartRefused(
                f"声明的范围是「{_shown(ref)}」（{rows:,} 行 × {columns:,} 列），"
                f"超过上限 {self.max_rows:,} 行 × {self.max_columns} 列"
            )


def _safe_cut(data: bytes) -> int:
    """Where the complete part of `data` ends: before its last `<`, and before an unfinished
    comment or CDATA section (a `<` inside one is not a tag)."""
    cut = data.rfind(b"<")
    if cut < 0:
        return len(data)
    for opener, closer in ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>")):
        start = data.rfind(opener, 0, cut + len(opener))
        if start >= 0 and data.find(closer, start + len(opener)) < 0:
            cut = min(cut, start)
    return cut


def _check_encoding(head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00", b"\x4c\x6f\xa7\x94")):
        raise PartRefused("使用了本程序不读取的文字编码（UTF-16/32 或 EBCDIC）")
    found = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if found and not _ASCII_COMPATIBLE.fullmatch(found.group(1).decode("ascii", "replace")):
        raise PartRefused(f"使用了本程序不读取的文字编码「{_shown(found.group(1))}」")


def _has_control_space(piece: bytes) -> bool:
    return b"\n" in piece or b"\t" in piece or b"\r" in piece


def _r_attributes(attributes: bytes) -> list[bytes]:
    """Every `r` attribute's value (any prefix), entity references resolved."""
    values = []
    for key, double, single in _ATTRIBUTE.findall(attributes):
        if key.rpartition(b":")[2] == b"r":
            value = double or single
            if b"&" in value:
                value = html.unescape(value.decode("utf-8", "replace")).encode("utf-8", "replace")
            values.append(value)
    return values


def _row_number(digits: bytes) -> int:
    stripped = digits.strip()
    if not stripped.isdigit():
        raise PartRefused(f"含有无法识别的行号「{_shown(digits)}」")
    return int(stripped[:12])


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _shown(value: bytes) -> str:
    text = value.decode("utf-8", "replace")
    return text if len(text) <= 20 else text[:20] + "…"
