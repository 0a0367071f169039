"""Whether a database file sits on a network share, where SQLite's locking is not reliable."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# File systems on which SQLite's own documentation warns that locking may not work.
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ncpfs"}


def is_network_path(path: Path) -> bool:
    """True when `path` (existing or not) lies on a network share."""
    resolved = Path(os.path.abspath(path))
    if sys.platform == "win32":
        return _windows_is_remote(resolved)
    return _mount_fs_type(resolved) in _NETWORK_FS


def _windows_is_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):  # UNC path: \\server\share\...
        return True
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)  # type: ignore[attr-defined]


def _mount_fs_type(path: Path) -> str:
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            entries = [line.split() for line in mounts]
    except OSError:
        return ""
    best, fs_type = "", ""
    target = str(path)
    for fields in entries:
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, fs_type = mount_point, fields[2]
    return fs_type
