"""A fresh Debian/Ubuntu lacks Qt's X11 libraries: one reads the apt command, not Qt's abort."""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path

import pytest

from ui.shell import display_check


def test_a_missing_library_is_named_with_its_package_and_the_whole_apt_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(path: str) -> None:
        raise OSError("libxcb-cursor.so.0: cannot open shared object file: No such file")

    monkeypatch.setattr(ctypes, "CDLL", refuse)
    library = display_check.missing_library(tmp_path / "libqxcb.so")
    assert library == "libxcb-cursor.so.0"
    message = display_check.missing_libraries_message(library)
    assert "缺少系统库 libxcb-cursor.so.0（软件包 libxcb-cursor0）" in message
    assert "sudo apt install " in message
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0", "libxcb-xkb1"):
        assert package in display_check.APT_COMMAND


def test_the_plugin_that_loads_is_not_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes, "CDLL", lambda path: None)
    assert display_check.missing_library(Path("libqxcb.so")) is None


@pytest.mark.parametrize(
    ("platform", "variables", "checked"),
    [
        ("linux", {}, True),
        ("linux", {"QT_QPA_PLATFORM": "xcb"}, True),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}, False),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, False),
        ("win32", {}, False),
    ],
)
def test_only_an_x11_start_on_linux_is_checked(
    monkeypatch: pytest.MonkeyPatch, platform: str, variables: dict[str, str], checked: bool
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert display_check.xcb_will_be_used() is checked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux only")
def test_the_window_command_stops_with_the_message_and_exit_code_3(tmp_path: Path) -> None:
    script = (
        "import ctypes, sys\n"
        "def refuse(path): raise OSError('libxcb-icccm.so.4: cannot open shared object file')\n"
        "ctypes.CDLL = refuse\n"
        "from gongjian.cli import main\n"
        "sys.exit(main(['--db', sys.argv[1]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "无.db")],
        capture_output=True,
        encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "DISPLAY": ":0", "HOME": str(tmp_path)},
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    assert "缺少系统库 libxcb-icccm.so.4（软件包 libxcb-icccm4）" in result.stderr
    assert not (tmp_path / "无.db").exists()
