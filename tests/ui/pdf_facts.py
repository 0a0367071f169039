"""Page count and page size of a PDF written by Qt, read without a PDF library."""

from __future__ import annotations

import re
from pathlib import Path

POINTS_PER_MM = 72 / 25.4


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """(width, height) in millimetres of every page."""
    data = path.read_bytes()
    pages = len(re.findall(rb"/Type /Page(?!s)", data))
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(boxes) == pages, "every page has its own media box in Qt's PDFs"
    return [(float(w) / POINTS_PER_MM, float(h) / POINTS_PER_MM) for w, h in boxes]
