"""The version resource of gongjian.exe and gongjianw.exe: what Windows shows under 属性 → 详细信息.

Product, version, publisher and description, in a Simplified Chinese (Unicode) string table.
Written as the text file PyInstaller's EXE(version=…) reads, so it is made and checked on any
system; PyInstaller puts it into the launchers on Windows only. Used by build.spec.
"""

from __future__ import annotations

from pathlib import Path

CHINESE_PRC, UNICODE = 0x0804, 1200


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """0.1.0 → (0, 1, 0, 0); Windows keeps four 16-bit numbers."""
    parts = [int(part) if part.isdigit() else -1 for part in version.split(".")]
    if not 1 <= len(parts) <= 4 or any(not 0 <= part < 65536 for part in parts):
        raise ValueError(f"version {version!r} is not up to four numbers below 65536")
    padded = (*parts, 0, 0, 0)
    return padded[0], padded[1], padded[2], padded[3]


def version_resource(
    version: str, product: str, publisher: str, description: str, filename: str
) -> str:
    """The resource for one launcher, as PyInstaller's version-file text."""
    numbers = version_numbers(version)
    strings = {
        "CompanyName": publisher,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": filename.removesuffix(".exe"),
        "LegalCopyright": f"© {publisher}",
        "OriginalFilename": filename,
        "ProductName": product,
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers!r}, prodvers={numbers!r}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('{CHINESE_PRC:04X}{UNICODE:04X}', [
          {table}])]),
    VarFileInfo([VarStruct('Translation', [{CHINESE_PRC}, {UNICODE}])])
  ]
)
"""


def write_version_resource(
    folder: Path, version: str, product: str, publisher: str, description: str, filename: str
) -> Path:
    """Write the text beside the build (PyInstaller reads it from a file); its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"version-{filename.removesuffix('.exe')}.txt"
    text = version_resource(version, product, publisher, description, filename)
    path.write_text(text, encoding="utf-8")
    return path
