"""Render the main window on the demo database into docs/ (offscreen), at two screen sizes.

QT_QPA_PLATFORM=offscreen python docs/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GONGJIAN_DATA_DIR"] = tempfile.mkdtemp(prefix="gongjian-shots-")

from app.demo.install import create_demo_database  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402
from ui.start import create_application  # noqa: E402

SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


def main() -> None:
    """Write docs/screenshot-main.png and one PNG per page and size into docs/screenshots/."""
    app = create_application()
    demo = create_demo_database(Path(os.environ["GONGJIAN_DATA_DIR"]) / "示例数据.db")
    window = MainWindow(Settings())
    window.show()
    window.actions_.open_location(str(demo))
    out = ROOT / "docs" / "screenshots"
    out.mkdir(exist_ok=True)
    for label, (width, height) in SIZES.items():
        window.resize(width, height)
        for key in window.pages:
            window.show_page(key)
            app.processEvents()
            window.grab().save(str(out / f"{key}-{label}.png"))
    window.resize(*SIZES["1366x768"])
    window.show_page("overview")
    app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot-main.png"))
    window.close()
    print(f"screenshots written to {out} and docs/screenshot-main.png")


if __name__ == "__main__":
    main()
