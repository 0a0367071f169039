"""`gongjian self-test`: passes on a good install, and says which step failed otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from gongjian import self_test

pytestmark = pytest.mark.slow


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "gongjian", "self-test"],
        capture_output=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,  # nothing from the source tree's working folder is needed
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "自检通过（8 项）"
    assert sum(" …… 通过（" in line for line in lines) == 8
    assert any("统计通报" in line and "设置" in line for line in lines)  # every page visited


def test_a_failing_step_is_named_and_the_exit_code_is_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_run: object) -> str:
        raise self_test.SelfTestFailure("导出的工作簿已损坏")

    monkeypatch.setattr(self_test._Run, "export_workbook", broken)
    assert self_test.run_self_test() == self_test.EXIT_FAILED
    out = capsys.readouterr().out
    assert "6. 导出报上级的 Excel 表格 …… 失败：导出的工作簿已损坏" in out
    assert "自检未通过：1 项失败" in out
    assert "7. 导出挂图 PDF 并打印 …… 通过" in out  # the other steps still ran


def test_a_dialog_fails_its_step_instead_of_waiting_for_a_click(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17: after one failed step the self-test hung on a dialog until killed."""

    def asks() -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, "无法打开", "数据库文件已损坏。")
        return f"按钮 {QDialog.exec(box)}"  # a real modal loop (QMessageBox.exec is faked here)

    failed = self_test.run_steps([("打开数据库", asks), ("下一步", lambda: "照常")])
    out = capsys.readouterr().out
    assert failed == 1
    assert "1. 打开数据库 …… 失败：出现了对话框 “无法打开”：数据库文件已损坏。（已自动关闭）" in out
    assert "2. 下一步 …… 通过（照常" in out


def test_a_step_that_hangs_ends_the_self_test_with_its_name(tmp_path: Path) -> None:
    script = (
        "import threading; from gongjian import self_test; self_test.STEP_LIMIT = 1.0; "
        "self_test.run_steps([('导出挂图', lambda: threading.Event().wait())])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == self_test.EXIT_FAILED
    assert "1. 导出挂图 …… 失败：超过 1 秒仍未完成，自检中止" in result.stdout
    assert "run_steps" in result.stdout  # where it hung: every thread's stack
