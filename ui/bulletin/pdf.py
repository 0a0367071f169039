"""The bulletin's rich text printed to an A4 portrait PDF with 公文 margins and page numbers."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app import APP_NAME, __version__

# GB/T 9704 公文 margins are 37 mm top, 35 mm bottom, 28 mm left, 26 mm right. QTextDocument.print_
# adds 2 cm on every side itself (and prints the page number inside the bottom one), so the page
# layout takes the rest (a little less at the top and bottom so that more of a table fits).
MARGINS_MM = QMarginsF(8, 12, 6, 10)
RESOLUTION = 300
# Images are sized in 96-dpi pixels whatever the device: the text is 156 mm ≈ 590 of them wide.
TEXT_WIDTH_PX = 580


def write_pdf(html: str, images: dict[str, bytes], path: Path, title: str) -> int:
    """Lay out `html` with its PNG `images` on A4 portrait pages; return the page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    document = QTextDocument()
    document.setDocumentMargin(0)
    for name, data in images.items():
        image = QImage.fromData(data)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    document.print_(writer)
    return pdf_page_count(path)


def pdf_page_count(path: Path) -> int:
    """Pages in a PDF Qt wrote (its page objects are plain text)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))
