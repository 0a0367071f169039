"""Shared fixtures: an offscreen Qt, a private data folder per test, and demo databases."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _offscreen_with_a_real_screen() -> str:
    """Offscreen Qt on a 1920×1080 screen (its default 800×800 screen clamps window geometry)."""
    config = Path(tempfile.gettempdir()) / "gongjian-test-screens.json"
    screen = {"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


# Before any Qt import: tests never need a display.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = _offscreen_with_a_real_screen()

from app.demo.install import create_demo_database  # noqa: E402
from app.infra.database import Database, open_database  # noqa: E402 - after the Qt platform is set


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/ui/ is a `gui` test (tests/unit/ has no Qt: test_layering.py)."""
    ui = Path(__file__).parent / "ui"
    for item in items:
        if ui in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder, so settings and logs never leak between tests."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("GONGJIAN_DATA_DIR", str(folder))
    yield folder
    # The log file handler is attached once per process; detach it so the next test's log
    # goes to the next test's folder.
    logger = logging.getLogger("gongjian")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated, empty database."""
    db = open_database(tmp_path / "test.db", operator="测试员")
    yield db
    db.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test run."""
    return create_demo_database(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may change."""
    target = tmp_path / "示例.db"
    shutil.copyfile(demo_master, target)
    return target


@pytest.fixture
def demo_database(demo_path: Path) -> Iterator[Database]:
    """The demo database, opened."""
    db = open_database(demo_path, operator="测试员")
    yield db
    db.close()
