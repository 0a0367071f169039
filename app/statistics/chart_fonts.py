"""The bundled Chinese font, registered with matplotlib so charts never miss a glyph."""

from __future__ import annotations

from functools import cache

from resources import resource_path

BUNDLED_FONT_FILE = "DroidSansFallbackFull.ttf"
BUNDLED_FONT_FAMILY = "Droid Sans Fallback"
# Latin letters and digits from DejaVu Sans (shipped inside matplotlib); Chinese from the bundled
# font, which has no Latin glyphs. matplotlib falls back glyph by glyph along this list.
CHART_FAMILIES = ["DejaVu Sans", BUNDLED_FONT_FAMILY]


def bundled_font_path() -> str:
    """Absolute path of the bundled CJK font file."""
    return str(resource_path("fonts", BUNDLED_FONT_FILE))


@cache
def register_chart_fonts() -> None:
    """Add the bundled font to matplotlib and make the fallback list the default (once)."""
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(bundled_font_path())
    # A list of names (not "sans-serif") is what makes matplotlib fall back glyph by glyph.
    matplotlib.rcParams["font.family"] = CHART_FAMILIES
    matplotlib.rcParams["axes.unicode_minus"] = False  # the bundled font's minus is fine; be safe
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType in PDFs: text stays searchable
