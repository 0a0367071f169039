"""Windows-side checks for CI's Windows lane, run by the lane's Windows CPython under wine.

    python check_install.py properties FILE…          version resource and icon of each file
    python check_install.py installed VERSION         files, shortcuts, uninstall entry
    python check_install.py removed                   all of that gone again
    python check_install.py data present|absent      the clerk's data folder (%APPDATA%\\gongjian)

Expected names come from app/__init__.py two folders up. One line per check, in UTF-8; the exit
code is 1 when any check failed. Uses only the Windows API (version.dll, shell32) and winreg.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import winreg
from ctypes import wintypes
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_INIT = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
APP_NAME, PUBLISHER, VERSION = (
    re.search(rf'{key} = "([^"]+)"', _INIT).group(1)  # type: ignore[union-attr]
    for key in ("APP_NAME", "PUBLISHER", "__version__")
)
APP_ID = "gongjian"
UNINSTALL = r"Software\Microsoft\Windows\CurrentVersion\Uninstall"
CSIDL_PROGRAMS, CSIDL_DESKTOPDIRECTORY = 0x02, 0x10

failures: list[str] = []


def check(ok: object, what: str) -> None:
    """Print one check's outcome; remember failures."""
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)


def shell_folder(csidl: int) -> Path:
    """A shell folder (Start menu programs, Desktop) as Windows resolves it."""
    buffer = ctypes.create_unicode_buffer(260)
    ctypes.windll.shell32.SHGetFolderPathW(None, csidl, None, 0, buffer)
    return Path(buffer.value)


def install_dir() -> Path:
    """Where the installer puts the program (per user)."""
    return Path(os.environ["LOCALAPPDATA"]) / "Programs" / APP_ID


def shortcuts() -> dict[str, Path]:
    """The three shortcuts the installer makes."""
    menu = shell_folder(CSIDL_PROGRAMS) / APP_NAME
    return {
        "start menu": menu / f"{APP_NAME}.lnk",
        "start menu uninstall": menu / f"卸载{APP_NAME}.lnk",
        "desktop": shell_folder(CSIDL_DESKTOPDIRECTORY) / f"{APP_NAME}.lnk",
    }


def version_strings(path: Path) -> dict[str, str]:
    """The file's version resource, read the way Explorer's 属性 → 详细信息 reads it."""
    version = ctypes.windll.version
    size = version.GetFileVersionInfoSizeW(str(path), None)
    if not size:
        return {}
    data = ctypes.create_string_buffer(size)
    if not version.GetFileVersionInfoW(str(path), 0, size, data):
        return {}
    pointer, length = ctypes.c_void_p(), wintypes.UINT()
    query = r"\VarFileInfo\Translation"
    version.VerQueryValueW(data, query, ctypes.byref(pointer), ctypes.byref(length))
    language, codepage = ctypes.cast(pointer, ctypes.POINTER(wintypes.WORD * 2)).contents
    found = {}
    for key in ("ProductName", "ProductVersion", "FileVersion", "CompanyName", "FileDescription"):
        query = rf"\StringFileInfo\{language:04X}{codepage:04X}\{key}"
        if version.VerQueryValueW(data, query, ctypes.byref(pointer), ctypes.byref(length)):
            found[key] = ctypes.wstring_at(pointer, length.value).rstrip("\0")
    return found


def icon_count(path: Path) -> int:
    """Icons in the file's resources (ExtractIconEx with index -1 counts them)."""
    return int(ctypes.windll.shell32.ExtractIconExW(str(path), -1, None, None, 0))


def properties(files: list[str]) -> None:
    """Version, publisher and icon of each file."""
    for name in files:
        path = Path(name)
        found = version_strings(path)
        shown = "，".join(f"{k}={v}" for k, v in found.items())
        shown = shown or "no version resource"
        check(found.get("ProductName") == APP_NAME, f"{path.name}: {shown}")
        check(found.get("ProductVersion") == VERSION, f"{path.name}: ProductVersion {VERSION}")
        check(found.get("CompanyName") == PUBLISHER, f"{path.name}: CompanyName {PUBLISHER}")
        check(found.get("FileDescription"), f"{path.name}: FileDescription")
        check(icon_count(path) >= 1, f"{path.name}: {icon_count(path)} icon(s)")


def points_to(link: Path, target: str) -> bool:
    """The shortcut names `target` (a file name; the link stores it in UTF-16 or ANSI)."""
    data = link.read_bytes()
    named = target.encode("utf-16-le") in data or target.encode() in data
    return data[:4] == b"L\0\0\0" and named


def uninstall_entries() -> dict[str, dict[str, object]]:
    """Every per-user uninstall entry, by key name."""
    entries: dict[str, dict[str, object]] = {}
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, UNINSTALL) as root:
        for index in range(winreg.QueryInfoKey(root)[0]):
            name = winreg.EnumKey(root, index)
            with winreg.OpenKey(root, name) as key:
                entries[name] = {
                    winreg.EnumValue(key, i)[0]: winreg.EnumValue(key, i)[1]
                    for i in range(winreg.QueryInfoKey(key)[1])
                }
    return entries


def installed(version: str) -> None:
    """Program files, shortcuts and exactly one uninstall entry of `version`."""
    folder = install_dir()
    program = ("gongjian.exe", "gongjianw.exe", f"卸载{APP_NAME}.exe", "_internal/python3.dll")
    parts = (
        "_internal/PySide6/Qt6Core.dll",
        "_internal/PySide6/translations/qtbase_zh_CN.qm",
        "_internal/resources/fonts",
        "_internal/db/migrations/versions",
    )
    for relative in (*program, *parts):
        check((folder / relative).exists(), f"installed {folder / relative}")
    for where, link in shortcuts().items():
        target = f"卸载{APP_NAME}.exe" if "uninstall" in where else "gongjianw.exe"
        check(link.is_file() and points_to(link, target), f"{where} shortcut {link} → {target}")
    entries = uninstall_entries()
    ours = {k: v for k, v in entries.items() if v.get("DisplayName") == APP_NAME}
    check(list(ours) == [APP_ID], f"one uninstall entry named {APP_NAME}: {sorted(ours)}")
    entry = ours.get(APP_ID, {})
    check(entry.get("DisplayVersion") == version, f"DisplayVersion {entry.get('DisplayVersion')}")
    check(entry.get("Publisher") == PUBLISHER, f"Publisher {entry.get('Publisher')}")
    uninstaller = str(folder / f"卸载{APP_NAME}.exe")
    command = entry.get("UninstallString")
    check(command == f'"{uninstaller}"', f"UninstallString {command}")
    check(entry.get("QuietUninstallString") == f'"{uninstaller}" /S', "QuietUninstallString … /S")
    icon, location = entry.get("DisplayIcon"), entry.get("InstallLocation")
    check(icon == str(folder / "gongjianw.exe"), f"DisplayIcon {icon}")
    check(location == str(folder), f"InstallLocation {location}")
    size = entry.get("EstimatedSize")
    check(isinstance(size, int) and size > 50_000, f"EstimatedSize {size} KB")


def removed() -> None:
    """Nothing the installer made is left (the data folder is checked separately)."""
    folder = install_dir()
    check(not folder.exists() or not any(folder.iterdir()), f"{folder} removed")
    for where, link in shortcuts().items():
        check(not link.exists(), f"{where} shortcut removed")
    check(not (shortcuts()["start menu"].parent).exists(), "start menu folder removed")
    check(APP_ID not in uninstall_entries(), "uninstall entry removed")


def data(expected: str) -> None:
    """The clerk's data folder: kept by a plain uninstall, gone after /PURGE."""
    folder = Path(os.environ["APPDATA"]) / APP_ID
    database = folder / "示例数据.db"
    if expected == "present":
        check(database.is_file() and database.stat().st_size > 100_000, f"data kept: {database}")
    else:
        check(not folder.exists(), f"data deleted: {folder}")


def main(argv: list[str]) -> int:
    """Run the checks asked for."""
    sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    command, *rest = argv
    if command == "properties":
        properties(rest)
    elif command == "installed":
        installed(rest[0])
    elif command == "removed":
        removed()
    elif command == "data":
        data(rest[0])
    else:
        raise SystemExit(f"unknown check {command!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
