"""`gongjian self-test`: passes on a good install, and says which step failed otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongjian import self_test

pytestmark = pytest.mark.slow


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "gongjian", "self-test"],
        capture_output=True,
        text=True,
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
