"""Render resources/icons/gongjian.svg to the PNG (desktop entry) and ICO (Windows) it needs.

QT_QPA_PLATFORM=offscreen python packaging/make_icons.py
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int) -> Image.Image:
    """The SVG drawn at size × size."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "gongjian.svg")).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data())))


def main() -> None:
    """Write gongjian.png (256 px) and gongjian.ico (16–256 px)."""
    application = QGuiApplication([])
    big = render(256)
    big.save(ICONS / "gongjian.png")
    big.save(
        ICONS / "gongjian.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    del application


if __name__ == "__main__":
    main()
