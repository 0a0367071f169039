"""build.spec's choice of Qt files on both wheel layouts, and the Windows version resource."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "packaging"), str(ROOT / "packaging" / "windows")]

import qt_files  # noqa: E402


@pytest.mark.parametrize(
    ("inside", "destination"),
    [("Qt/translations", "PySide6/Qt/translations"), ("translations", "PySide6/translations")],
)
def test_translations_are_found_on_the_linux_and_the_windows_layout(
    tmp_path: Path, inside: str, destination: str
) -> None:
    folder = tmp_path / "PySide6" / inside
    folder.mkdir(parents=True)
    for name in ("qtbase_zh_CN.qm", "qtbase_de.qm", "qt_zh_CN.qm"):
        (folder / name).write_bytes(b"qm")
    datas = qt_files.translation_datas(tmp_path / "PySide6")
    assert datas == [(str(folder / "qtbase_zh_CN.qm"), destination)]


def test_a_wheel_without_the_translation_is_named_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "PySide6").mkdir()
    with pytest.raises(FileNotFoundError, match=r"qtbase_zh_CN\.qm is in neither"):
        qt_files.translation_datas(tmp_path / "PySide6")


def test_the_installed_pyside6_has_its_translation_where_the_spec_looks() -> None:
    pyside = Path(__import__("importlib.util").util.find_spec("PySide6").origin).parent
    [(source, _)] = qt_files.translation_datas(pyside)
    assert Path(source).is_file()


@pytest.mark.parametrize(
    ("destination", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/translations/qt_help_zh_TW.qm", False),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/platforms/qoffscreen.dll", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt6Core.dll", True),
        ("resources/translations/notes.qm", True),
    ],
)
def test_the_bundle_leaves_out_what_the_program_never_uses(destination: str, kept: bool) -> None:
    assert qt_files.kept_qt_file(destination) is kept


def test_the_bundle_keeps_exactly_the_translations_the_program_loads() -> None:
    source = (ROOT / "ui" / "shell" / "qt_chinese.py").read_text(encoding="utf-8")
    loaded = next(
        ast.literal_eval(node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Assign)
        and any(getattr(target, "id", "") == "QT_CATALOGUES" for target in node.targets)
    )
    assert tuple(loaded) == qt_files.TRANSLATIONS


def test_the_launchers_carry_version_publisher_and_description(tmp_path: Path) -> None:
    from version_resource import version_numbers, write_version_resource

    from app import APP_NAME, PUBLISHER, __version__

    assert version_numbers("0.1.0") == (0, 1, 0, 0)
    assert version_numbers("2.10.3.7") == (2, 10, 3, 7)
    for bad in ("0.1.0rc1", "1.2.3.4.5", "70000.1"):
        with pytest.raises(ValueError, match="four numbers"):
            version_numbers(bad)
    path = write_version_resource(
        tmp_path, __version__, APP_NAME, PUBLISHER, "攻坚台账", "gongjianw.exe"
    )
    # PyInstaller evaluates the file as one expression of its versioninfo classes.
    call = ast.parse(path.read_text(encoding="utf-8"), mode="eval").body
    assert isinstance(call, ast.Call) and getattr(call.func, "id", "") == "VSVersionInfo"
    pairs = {
        ast.literal_eval(node.args[0]): ast.literal_eval(node.args[1])
        for node in ast.walk(call)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct"
    }
    assert pairs["ProductName"] == APP_NAME and pairs["CompanyName"] == PUBLISHER
    assert pairs["ProductVersion"] == pairs["FileVersion"] == __version__
    assert pairs["OriginalFilename"] == "gongjianw.exe"
    [fixed] = [
        node
        for node in ast.walk(call)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "FixedFileInfo"
    ]
    numbers = {k.arg: ast.literal_eval(k.value) for k in fixed.keywords}
    assert numbers["filevers"] == numbers["prodvers"] == version_numbers(__version__)
