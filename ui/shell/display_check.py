"""Before the window opens on Linux: name, in Chinese, the system libraries Qt's X11 plugin lacks.

PySide6 brings Qt but not the X11 (xcb) libraries its platform plugin loads; a fresh Debian or
Ubuntu lacks some (libxcb-cursor0 first). Qt then aborts with an English message and a core dump
("Could not load the Qt platform plugin xcb"). Loading the plugin ourselves first turns that into
the apt command that fixes it.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from pathlib import Path

# What Qt's xcb plugin loads from the system (ldd of libqxcb.so), as Debian/Ubuntu packages.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
APT_COMMAND = "sudo apt install " + " ".join(sorted(set(XCB_PACKAGES.values())))


def xcb_will_be_used() -> bool:
    """True on Linux when Qt is going to use its X11 plugin (not Wayland, not offscreen)."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.startswith("xcb")
    return not os.environ.get("WAYLAND_DISPLAY")


def missing_library(plugin: Path) -> str | None:
    """The first library the plugin cannot load (its soname), or None when it loads."""
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = re.match(r"([^:\s]+\.so[.\d]*): cannot open shared object file", str(exc))
        return found.group(1) if found else str(exc)
    return None


def missing_libraries_message(library: str) -> str:
    """What the clerk (or their IT) reads instead of Qt's abort."""
    package = XCB_PACKAGES.get(library)
    named = f"{library}（软件包 {package}）" if package else library
    return (
        f"无法打开程序窗口：缺少系统库 {named}。\n"
        "Qt 的图形界面需要这些系统库。Debian、Ubuntu、统信UOS、麒麟 上请先运行：\n"
        f"  {APT_COMMAND}\n"
        "然后重新启动程序。（命令行功能如 gongjian demo、check 不受影响。）"
    )


def check_display_libraries() -> str | None:
    """A Chinese message when the window cannot open for want of system libraries, else None."""
    if not xcb_will_be_used():
        return None
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    plugin = plugins / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return None  # a Qt without the plugin: Qt's own message says so
    library = missing_library(plugin)
    return missing_libraries_message(library) if library else None
