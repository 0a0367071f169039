"""Opening a file: fresh ones get the schema, older ones upgrade after a backup, others refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

import db.migrate
from app.infra.database import open_database
from app.infra.errors import UserError
from db.base import Base
from db.migrate import HEAD_REVISION, KNOWN_REVISIONS
from tests.support.present import present


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(db.migrate.__file__).parent / "migrations"))
    return config


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_known_revisions_match_the_scripts() -> None:
    script = ScriptDirectory.from_config(_alembic_config())
    assert script.get_current_head() == HEAD_REVISION
    assert sorted(rev.revision for rev in script.walk_revisions()) == sorted(KNOWN_REVISIONS)


def test_fresh_file_gets_the_whole_schema_matching_the_models(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.db")
    with database.engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    database.close()
    assert revision == HEAD_REVISION
    assert differences == []


def test_older_file_is_backed_up_then_upgraded_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO unit (name, kind) VALUES ('发改局', '责任单位')"))
    engine.dispose()
    database = open_database(path)
    with database.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        )
        assert conn.execute(text("SELECT name FROM unit")).scalar() == "发改局"
        assert conn.execute(text("SELECT count(*) FROM app_meta")).scalar() == 0
    database.close()
    backup = database.upgrade_backup
    assert backup is not None and backup.parent == tmp_path / "old-备份"
    assert backup.name.endswith("-升级前-0001.db") and backup.parent.name.endswith("-备份")
    # The copy beside it is the file as it was: old revision, same data.
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert copy.execute("SELECT name FROM unit").fetchall() == [("发改局",)]
    copy.close()


def test_file_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(UserError, match="更新版本"):
        open_database(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.glob("future*")) == ["future.db"]  # no side files


def test_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(UserError, match="不是攻坚台账的数据库"):
        open_database(path)
    assert _digest(path) == before


def test_a_file_that_is_no_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "表格.xlsx"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    with pytest.raises(UserError, match="不是攻坚台账的数据库文件"):
        open_database(path)
    assert path.read_bytes().startswith(b"PK")


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="不存在"):
        open_database(tmp_path / "nowhere" / "x.db")


def test_connections_are_set_up_for_safety(tmp_path: Path) -> None:
    database = open_database(tmp_path / "safe.db")
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert present(conn.exec_driver_sql("PRAGMA busy_timeout").scalar()) >= 1000
    database.close()


def test_network_share_uses_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import db.engine

    monkeypatch.setattr(db.engine, "is_network_path", lambda _path: True)
    database = open_database(tmp_path / "share.db")
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    database.close()
