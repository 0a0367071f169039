"""Printing workbooks as a clerk would: through LibreOffice to PDF, then the pages' text.

LibreOffice (headless calc) and poppler's pdftotext are system programs. CI installs them
(.ci/run); elsewhere a test that needs them is skipped, saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def require_office() -> str:
    """The soffice program; skip (fail in CI) when LibreOffice or pdftotext is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        message = (
            "需要 LibreOffice 和 pdftotext（apt-get install libreoffice-calc-nogui poppler-utils）"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return soffice


def print_to_pdf(books: list[Path], folder: Path) -> dict[Path, Path]:
    """Convert workbooks to PDF in one LibreOffice run (its own profile, so it never meets a
    LibreOffice the user has open); the PDF of each book."""
    soffice = require_office()
    profile = folder / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(book) for book in books),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = {book: folder / f"{book.stem}.pdf" for book in books}
    missing = [str(pdf) for pdf in made.values() if not pdf.exists()]
    assert not missing, f"LibreOffice wrote no PDF: {missing}"
    return made


def page_lines(pdf: Path, page: int) -> list[str]:
    """The non-empty text lines of one page (1-based), in reading order."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def page_count(pdf: Path) -> int:
    """How many pages the PDF has."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )
