"""The program's look: fonts that render Chinese, and one style sheet."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# First found wins: Windows, then domestic Linux (UOS/Kylin), then common Linux fonts.
UI_FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "SimSun",
    # Bundled (resources/fonts): used when the machine has none of the above.
    "Droid Sans Fallback",
]

# For PDFs: the bundled font before Noto CJK / Source Han / WenQuanYi. Qt's PDF writer maps glyphs
# those fonts share with the Kangxi radicals back to the radicals (⽬ for 目), so text searched or
# copied from the PDF would not match what was written; the bundled font has no radicals.
PAPER_FONT_FAMILIES = [
    *UI_FONT_FAMILIES[:2],
    "Droid Sans Fallback",
    *(f for f in UI_FONT_FAMILIES[2:] if f != "Droid Sans Fallback"),
]

ACCENT = "#b71c1c"

STYLE_SHEET = f"""
#sidebar {{ background: #1f2933; }}
#sidebarTitle {{
    color: #ffffff; font-size: 18px; font-weight: bold; padding: 18px 16px 14px 16px;
}}
#sidebar QPushButton {{
    color: #cbd2d9; background: transparent; border: none; border-left: 4px solid transparent;
    padding: 10px 16px; font-size: 15px; text-align: left;
}}
#sidebar QPushButton:hover {{ background: #323f4b; color: #ffffff; }}
#sidebar QPushButton:checked {{
    background: #3e4c59; color: #ffffff; border-left: 4px solid {ACCENT}; font-weight: bold;
}}
#pageTitle {{ font-size: 22px; font-weight: bold; color: #1f2933; }}
#pageSubtitle {{ color: #52606d; font-size: 14px; }}
#card {{ background: #ffffff; border: 1px solid #d9e2ec; border-radius: 8px; }}
#cardValue {{ font-size: 26px; font-weight: bold; color: #1f2933; }}
#cardLabel {{ color: #52606d; font-size: 13px; }}
#tileValue {{ font-size: 21px; font-weight: bold; color: #1f2933; }}
#cardNote {{ color: #7b8794; font-size: 12px; }}
#card:focus {{ border: 1px solid {ACCENT}; }}
#countdown {{ color: {ACCENT}; font-weight: bold; padding: 0 8px; }}
#pageArea {{ background: #f5f7fa; }}
"""


def apply_style(app: QApplication) -> None:
    """Set the UI font (one that has Chinese glyphs) and the style sheet."""
    register_bundled_font()
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def register_bundled_font() -> bool:
    """Add the bundled CJK font to Qt's font database (once); False when it cannot be loaded."""
    global _BUNDLED_FONT_ID
    if _BUNDLED_FONT_ID is None:
        from app.statistics.chart_fonts import bundled_font_path

        _BUNDLED_FONT_ID = QFontDatabase.addApplicationFont(bundled_font_path())
    return _BUNDLED_FONT_ID >= 0


_BUNDLED_FONT_ID: int | None = None
