"""A header cell's text made comparable: width, spaces, traditional characters, brackets of any
kind (full-width, square, mismatched), mirror-site pinyin and the unit it names taken apart."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.exchange.traditional import simplified

# Units a header may name, longest first so that 万元 is not read as 万.
_UNITS = "万元|亿元|万亩|平方米|万平方米|公里|千米|个|件|项|亩|吨|人|户|天|元|万|亿|%"
_BRACKETED_UNIT = re.compile(rf"\((?:金额)?(?:单位[:]?)?({_UNITS})\)")
_TRAILING_UNIT = re.compile(r"\(?(?:金额)?(?:单位[:]?)?(万元|亿元|%)\)?$")
_LEADING_UNIT = re.compile(r"^\((万元|亿元|%)\)")
_UNIT_WORDS = {"万": "万元", "亿": "亿元"}
# "序號(hào)": a site that mirrors tables writes pinyin after characters; a run of Latin letters
# with a tone mark is never part of a header.
_PINYIN = re.compile(r"\(?[a-zü]*[\u00e0-\u00fc\u0100-\u01dc][a-z\u00e0-\u00fc\u0100-\u01dc]*\)?")
_BRACKETS = str.maketrans("【〔［｛《〈[{<】〕］｝》〉]}>", "(((((((((" + ")))))))))")
_PUNCTUATION = re.compile(r"[、，,;；:：/\\.·•_\"'“”‘’!！?？*＊#★☆]")
_EMPTY_BRACKETS = re.compile(r"\(\)")


@dataclass(frozen=True)
class HeaderText:
    """A header cell as read: its comparable text and the unit it names (万元, 亿元, %, 个 …)."""

    text: str
    unit: str | None = None


def plain(value: object) -> str:
    """Width-folded, simplified text without spaces or line breaks ("" for an empty cell)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    return "".join(simplified(text).split())


def header_text(value: object) -> HeaderText:
    """The comparable text of a header cell and its unit."""
    text = plain(value)
    if not text:
        return HeaderText("")
    text = _PINYIN.sub("", text.translate(_BRACKETS).lower())
    unit = None
    if (match := _BRACKETED_UNIT.search(text)) or (
        match := _TRAILING_UNIT.search(text) or _LEADING_UNIT.search(text)
    ):
        unit = match.group(1)
        text = text[: match.start()] + text[match.end() :]
    elif "%" in text:
        unit = "%"
        text = text.replace("%", "")
    text = _EMPTY_BRACKETS.sub("", _PUNCTUATION.sub("", text))
    # What is left of brackets groups words, it does not change them: "阶段(1-12月份)".
    text = text.replace("(", "").replace(")", "")
    return HeaderText(text, _UNIT_WORDS.get(unit or "", unit))
