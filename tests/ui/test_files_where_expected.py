"""Files where clerks expect them: Chinese dialogs, the last folder, 文档, open what was made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QLabel,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from ui.settings.keys import Settings
from ui.shell.start import create_application
from ui.widgets.file_dialogs import choose_folder, documents_folder, save_file
from ui.widgets.saved_files import OPEN_FILE, OPEN_FOLDER, show_saved


def test_qt_file_dialog_speaks_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    create_application()
    (tmp_path / "子文件夹").mkdir()
    dialog = QFileDialog(None, "选择", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "文件名称" in labels and "文件类型" in labels
    assert "Look in" not in labels and "Files of type" not in labels
    files = dialog.findChild(QFileSystemModel)
    assert files is not None
    folder = files.index(str(tmp_path / "子文件夹"))
    qtbot.waitUntil(lambda: bool(files.data(folder.siblingAtColumn(2))), timeout=5000)
    assert files.data(folder.siblingAtColumn(2)) == "文件夹"


def test_the_folder_word_of_the_file_list_is_chinese() -> None:
    from PySide6.QtCore import QCoreApplication

    create_application()
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    # Strings the catalogue has are still its own.
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："


def test_dialogs_start_in_documents_then_where_the_last_one_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_application()
    home = tmp_path / "家"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    documents = documents_folder()
    assert documents.is_dir() and documents.parent == home  # made when missing
    started: list[str] = []

    def save(_parent: Any, _title: str, start: str, _filters: str, **_k: Any) -> tuple[str, str]:
        started.append(start)
        return str(tmp_path / "报表" / "清单"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    (tmp_path / "报表").mkdir()
    settings = Settings()
    chosen = save_file(
        None, settings, "导出", "重点项目清单.xlsx", "Excel (*.xlsx)", suffix=".xlsx"
    )
    assert chosen == tmp_path / "报表" / "清单.xlsx"
    assert started == [str(documents / "重点项目清单.xlsx")]
    def folder(_parent: Any, _title: str, start: str) -> str:
        started.append(start)
        return str(tmp_path)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder))
    choose_folder(None, settings, "选择文件夹")
    assert started[-1] == str(tmp_path / "报表")  # where the last dialog ended


@pytest.mark.parametrize(("button", "opened"), [(OPEN_FILE, "file"), (OPEN_FOLDER, "folder")])
def test_after_saving_open_the_file_or_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, button: str, opened: str
) -> None:
    create_application()
    made = tmp_path / "2026年10月重点项目通报.pdf"
    made.write_bytes(b"%PDF-1.4")
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url)))

    def click(box: QMessageBox) -> int:
        texts = [b.text() for b in box.findChildren(QPushButton)]
        assert OPEN_FILE in texts and OPEN_FOLDER in texts and "关闭" in texts
        next(b for b in box.findChildren(QPushButton) if b.text() == button).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    assert show_saved(None, "月通报已生成", "已生成", made) == button
    expected = made if opened == "file" else tmp_path
    assert [Path(u.toLocalFile()) for u in urls] == [expected]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["bulletin", "chart", "weekly"])
def test_command_line_outputs_make_missing_folders(
    tmp_path: Path, demo_path: Path, command: str
) -> None:
    from gongjian.cli import main

    folder = tmp_path / "新建" / "十月"
    args = {
        "bulletin": ["--month", "2022-07", "--out", str(folder)],
        "chart": ["--out", str(folder / "挂图.png"), "--paper", "A4"],
        "weekly": ["--week", "2022-07-18", "--out", str(folder / "周调度.xlsx")],
    }[command]
    assert main([command, "--db", str(demo_path), *args]) == 0
    assert folder.is_dir() and any(folder.iterdir())
