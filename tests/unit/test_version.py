"""One version number: in 关于's source, the log at start, workbooks' and PDFs' metadata."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import APP_NAME, __version__
from gongjian.cli import main


def test_the_version_is_one_dotted_number_and_the_cli_prints_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert __version__.count(".") == 2 and all(p.isdigit() for p in __version__.split("."))
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"{APP_NAME} {__version__}"


def test_the_log_names_the_version_at_start(caplog: pytest.LogCaptureFixture) -> None:
    from app.infra.logs import setup_logging

    with caplog.at_level(logging.INFO):
        setup_logging()
    assert f"攻坚台账 {__version__} starting" in caplog.text


def test_exported_workbook_and_pdfs_carry_the_version(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "报上级.xlsx"
    assert main(["export", "--db", str(demo_path), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as book:
        assert f"{APP_NAME} {__version__}" in book.read("docProps/app.xml").decode()
    if sys.platform == "win32":  # the Windows lane (packaging/windows/lane.sh)
        pytest.skip("workbook checked; the PDFs are read with Debian's pdfinfo, not on Windows")
    pdfinfo = shutil.which("pdfinfo")
    assert pdfinfo, "pdfinfo (Debian poppler-utils) is needed to read PDF metadata"
    chart = tmp_path / "挂图.pdf"
    assert main(["chart", "--db", str(demo_path), "--out", str(chart), "--paper", "A3"]) == 0
    assert (
        main(["bulletin", "--db", str(demo_path), "--month", "2022-07", "--out", str(tmp_path)])
        == 0
    )
    for pdf in (chart, tmp_path / "2022年7月重点项目通报.pdf"):
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
        assert f"Creator:         {APP_NAME} {__version__}" in info.stdout
