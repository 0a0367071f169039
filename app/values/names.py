"""Names as clerks mean them: one spelling of a name, whoever typed or pasted it, so that the same
name is the same project, unit, person or list — in the editor and in every import alike.

Invisible characters are removed: zero-width spaces and joiners, the byte-order mark, soft
hyphens, and the bidirectional controls (LRM, RLM, LRE … RLO, LRI … PDI) that web pages and
chat programs paste along; every kind of space (ideographic, no-break, tabs, line breaks) becomes
one ordinary space; the ends are trimmed.
"""

from __future__ import annotations

import re
import unicodedata

# Format characters (Unicode category Cf: zero-width, bidi controls, BOM, soft hyphen …) and the
# C0/C1 controls; \t \n \r are whitespace and handled as such.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e007f\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_SPACES = re.compile(r"\s+")


def without_invisible(text: str) -> str:
    """`text` without invisible characters (line breaks and spaces kept as they are)."""
    if text.isascii() and text.isprintable():
        return text
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def clean_name(text: str | None) -> str | None:
    """The one spelling of a name: invisible characters removed, spaces normalised; None if
    nothing visible is left."""
    if text is None:
        return None
    cleaned = _SPACES.sub(" ", without_invisible(text)).strip()
    return cleaned or None
