"""Which of Qt's files the bundle carries, on both layouts of the PySide6 wheels.

Linux and macOS wheels keep Qt under PySide6/Qt/ (translations, plugins); Windows wheels keep it
directly under PySide6/. The bundle keeps the wheel's layout (Qt finds its files relative to its
own library), so the translations go back to the folder they came from. Left out: the
translations the program never loads (7 MB), Qt's software OpenGL (opengl32sw.dll, 20 MB: no
widget here draws through OpenGL) and the Direct2D platform plugin (the program uses `windows`,
and `offscreen` for the self-test). Used by build.spec.
"""

from __future__ import annotations

from pathlib import Path

TRANSLATIONS = ("qtbase_zh_CN",)
"""Qt's own translations the program loads (ui.shell.start.install_translations)."""
UNUSED_QT_FILES = ("opengl32sw.dll", "qdirect2d.dll", "qdirect2dd.dll")


def translations_folder(pyside: Path) -> Path:
    """Qt's translations inside an installed PySide6 package, on either layout."""
    for folder in (pyside / "Qt" / "translations", pyside / "translations"):
        if (folder / f"{TRANSLATIONS[0]}.qm").is_file():
            return folder
    raise FileNotFoundError(
        f"{TRANSLATIONS[0]}.qm is in neither {pyside / 'Qt' / 'translations'} "
        f"nor {pyside / 'translations'}"
    )


def translation_datas(pyside: Path) -> list[tuple[str, str]]:
    """(source, folder in the bundle) of each translation the program loads."""
    folder = translations_folder(pyside)
    destination = folder.relative_to(pyside.parent).as_posix()
    return [(str(folder / f"{name}.qm"), destination) for name in TRANSLATIONS]


def kept_qt_file(destination: str) -> bool:
    """False for what the program never uses (paths as PyInstaller lists them, / or \\)."""
    path = destination.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if not path.startswith("PySide6/"):
        return True
    if name in UNUSED_QT_FILES:
        return False
    if "/translations/" in path and name.endswith(".qm"):
        return name[: -len(".qm")] in TRANSLATIONS
    return True
