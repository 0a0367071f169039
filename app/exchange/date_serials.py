"""Date cells whose serial number no date can have (−1e300, 1e300, NaN…): handed to the reader as
the text they are, so the import can say which cell is wrong instead of the reader giving up.

python-calamine converts a number in a date-formatted cell to a date and panics when the number
is out of range. Only when that happens (so honest files pay nothing) the sheet is rewritten in
memory: each such cell becomes an inline string holding the number as written.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

from app.exchange.zip_parts import inflate

# Built-in number formats that are dates or times (ECMA-376 18.8.30).
_BUILT_IN_DATES = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_NUMBER_FORMAT = re.compile(
    rb"""<(?:\w+:)?numFmt\s[^>]*?numFmtId\s*=\s*["'](\d+)["'][^>]*?formatCode\s*=\s*["']([^"']*)["']"""
)
_CELL_FORMATS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\s([^>]*)")
_FORMAT_ID = re.compile(rb"""numFmtId\s*=\s*["'](\d+)["']""")
_CELL = re.compile(rb"<((?:\w+:)?)c\s([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_ATTRIBUTE = re.compile(rb"""([\w:]+)\s*=\s*["']([^"']*)["']""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_QUOTED_OR_BRACKETED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_LAST_SERIAL = 2958466  # 9999-12-31 is the last date Excel knows


def with_plain_serials(path: Path, part: str) -> bytes | None:
    """The workbook with out-of-range date serials of `part` turned into text; None if it has
    none (then the reader failed for another reason)."""
    with path.open("rb") as handle:
        archive = zipfile.ZipFile(handle)
        infos = {info.filename: info for info in archive.infolist()}
        styles = _read(handle, infos.get("xl/styles.xml"))
        sheet = _read(handle, infos.get(part))
        if sheet is None:
            return None
        dates = _date_styles(styles or b"")
        patched, changed = _CELL.subn(lambda m: _plain(m, dates), sheet)
        if patched == sheet or not changed:
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for name, info in infos.items():
                body = patched if name == part else _read(handle, info)
                copy.writestr(name, body or b"")
        return out.getvalue()


def _read(handle: io.BufferedReader, info: zipfile.ZipInfo | None) -> bytes | None:
    if info is None:
        return None
    return b"".join(inflate(handle, info, 80 * 1024 * 1024))


def _date_styles(styles: bytes) -> set[int]:
    custom = {
        int(number): code.decode("utf-8", "replace")
        for number, code in _NUMBER_FORMAT.findall(styles)
    }
    found = _CELL_FORMATS.search(styles)
    dates = set()
    for index, attributes in enumerate(_XF.findall(found.group(1)) if found else []):
        number = _FORMAT_ID.search(attributes)
        format_id = int(number.group(1)) if number else 0
        if format_id in _BUILT_IN_DATES or _is_date_code(custom.get(format_id, "")):
            dates.add(index)
    return dates


def _is_date_code(code: str) -> bool:
    bare = _QUOTED_OR_BRACKETED.sub("", code).lower()
    return any(letter in bare for letter in "dmyhs")


def _plain(match: re.Match[bytes], dates: set[int]) -> bytes:
    prefix, attributes, _rest, body = match.groups()
    values = dict(_ATTRIBUTE.findall(attributes))
    style = values.get(b"s", b"0")
    if not style.isdigit() or int(style) not in dates or values.get(b"t", b"n") != b"n":
        return match.group(0)
    found = _VALUE.search(body or b"")
    if found is None:
        return match.group(0)
    text = found.group(1).strip()
    try:
        number = float(text)
    except ValueError:
        return match.group(0)
    if math.isfinite(number) and 0 <= number < _LAST_SERIAL:
        return match.group(0)
    reference = values.get(b"r")
    where = b' r="' + reference + b'"' if reference is not None else b""
    return b'<%sc%s t="inlineStr"><%sis><%st>%s</%st></%sis></%sc>' % (
        prefix,
        where,
        prefix,
        prefix,
        text,
        prefix,
        prefix,
        prefix,
    )
