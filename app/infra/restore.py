"""Restore a database from a backup — only from a sound backup of this program, and never while
another window has the database open or another writer is at work.

The backup is checked first and the message says what a refused file is: not SQLite (and what it
looks like instead), damaged, SQLite but not ours (its tables are compared with ours), or written
by a newer program. Then, under the database's write lock, the current file is kept as a "恢复前"
backup and the backup is copied into it page by page (SQLite's backup API), so a program that has
the file open sees the restored data instead of writing into a file that was swapped away.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from app.infra.backups import make_backup
from app.infra.errors import UserError
from app.infra.faults import failure_reason
from app.infra.write_lock import BUSY
from db.backup import backup_path, online_backup
from db.migrate import HEAD_REVISION, KNOWN_REVISIONS
from db.sqlite_file import connect_for_reading

_SQLITE_HEADER = b"SQLite format 3\x00"
_NOT_CHANGED = "原数据库未做任何改动。"


def check_backup(path: Path) -> str:
    """The backup's schema revision; UserError saying what the file is when it is not a sound
    database of this program."""
    name = path.name
    if not path.exists():
        raise UserError(f"备份文件「{path}」不存在。")
    if path.is_dir():
        raise UserError(f"「{name}」是一个文件夹，不是备份文件。")
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise UserError(f"无法读取「{name}」：{failure_reason(exc)}。") from exc
    if not head:
        raise UserError(f"「{name}」是空文件（0 字节），不能用来恢复。{_NOT_CHANGED}")
    if not head.startswith(_SQLITE_HEADER):
        raise UserError(
            f"「{name}」不是数据库文件（{_looks_like(head)}），不能用来恢复。{_NOT_CHANGED}"
        )
    try:
        connection = connect_for_reading(path)
        try:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()
            tables = _tables(connection)
            revision = None
            if "alembic_version" in tables:
                found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(
            f"「{name}」是 SQLite 数据库文件，但已损坏，无法读取（{failure_reason(exc)}），"
            f"不能用来恢复。{_NOT_CHANGED}"
        ) from exc
    if not verdict or verdict[0] != "ok":
        raise UserError(
            f"「{name}」是 SQLite 数据库文件，但已损坏"
            f"（完整性检查：{verdict[0] if verdict else '无结果'}），不能用来恢复。{_NOT_CHANGED}"
        )
    if revision is None:
        shown = "、".join(sorted(tables)[:6]) + ("……" if len(tables) > 6 else "")
        raise UserError(
            f"「{name}」是一个 SQLite 数据库，但不是攻坚台账的数据库"
            f"（它有 {len(tables)} 张表{'：' + shown if tables else ''}），"
            f"不能用来恢复。{_NOT_CHANGED}"
        )
    if revision not in KNOWN_REVISIONS:
        raise UserError(
            f"「{name}」是攻坚台账的数据库，但由更新版本的程序写入（数据结构版本 {revision}，"
            f"本程序只认识到版本 {HEAD_REVISION}），不能用来恢复；请先升级程序。{_NOT_CHANGED}"
        )
    differences = _schema_differences(path, tables, revision)
    if differences:
        raise UserError(
            f"「{name}」自称攻坚台账的数据库（版本 {revision}），但表结构与本程序不符"
            f"（{differences}），不能用来恢复。{_NOT_CHANGED}"
        )
    return str(revision)


def restore(database: Path, backup: Path, *, lock_held: bool = False) -> Path:
    """Replace the contents of `database` with `backup` after checking it; return the backup of
    what was replaced. `lock_held`: the caller (the window) holds the instance lock itself."""
    check_backup(backup)
    from app.infra.instance_lock import acquire

    lock = None
    if not lock_held and database.exists():
        held = acquire(database)
        if isinstance(held, str):
            raise UserError(
                f"数据库「{database.name}」正由 {held} 打开，请先关闭那个窗口再恢复。{_NOT_CHANGED}"
            )
        lock = held
    try:
        return _restore(database, backup)
    finally:
        if lock is not None:
            lock.release()


def _restore(database: Path, backup: Path) -> Path:
    staging = database.with_name(f".{database.name}.restoring")
    try:
        online_backup(backup, staging)  # a copy of the checked backup, made before anything else
    except (sqlite3.Error, OSError) as exc:
        raise UserError(f"恢复失败：无法复制备份（{failure_reason(exc)}）。{_NOT_CHANGED}") from exc
    try:
        if database.exists() and _readable(database):
            return _copy_into(staging, database)
        kept = _keep_damaged(database) if database.exists() else None
        for side in ("-wal", "-shm", "-journal"):
            Path(f"{database}{side}").unlink(missing_ok=True)
        os.replace(staging, database)
        return kept or database
    except OSError as exc:
        raise UserError(f"恢复失败（{failure_reason(exc)}）。{_NOT_CHANGED}") from exc
    finally:
        staging.unlink(missing_ok=True)


def _copy_into(staging: Path, database: Path) -> Path:
    """Keep the current file as a backup, then copy the restored pages into it, holding off every
    other writer meanwhile."""
    target = sqlite3.connect(database, timeout=5)
    try:
        try:
            target.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise UserError(BUSY) from exc
        try:
            kept = make_backup(database, "恢复前")  # read while we hold the write lock
        finally:
            target.rollback()
        # Released and taken again at once by the copy: the backup API locks the target itself.
        source = sqlite3.connect(staging)
        try:
            source.backup(target)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise UserError(BUSY) from exc
            raise UserError(f"恢复失败（{failure_reason(exc)}）。{_NOT_CHANGED}") from exc
        finally:
            source.close()
    finally:
        target.close()
    return kept


def _keep_damaged(database: Path) -> Path:
    """The file about to be replaced, kept: an online backup, or a byte copy if it is damaged."""
    try:
        return make_backup(database, "恢复前")
    except UserError:
        copy = backup_path(database, "恢复前（已损坏）")
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(database, copy)
        except OSError as exc:
            copy.unlink(missing_ok=True)
            raise UserError(
                f"无法保存被替换的文件（{copy}）：{failure_reason(exc)}。{_NOT_CHANGED}"
            ) from exc
        return copy


def _readable(database: Path) -> bool:
    try:
        connection = connect_for_reading(database)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
    return True


def _tables(connection: sqlite3.Connection) -> dict[str, set[str]]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: {row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')}
        for name in names
    }


def _schema_differences(path: Path, tables: dict[str, set[str]], revision: str) -> str:
    """How the file's tables and columns differ from ours ("" if they do not); an older file is
    compared after upgrading a temporary copy of it, as opening it would."""
    if revision != HEAD_REVISION:
        with tempfile.TemporaryDirectory(prefix="gongjian-restore-") as folder:
            copy = Path(folder) / "upgraded.db"
            online_backup(path, copy)
            from sqlalchemy.exc import SQLAlchemyError

            from db.engine import make_engine
            from db.migrate import upgrade_to_head

            engine = make_engine(copy)
            try:
                upgrade_to_head(engine)
            except SQLAlchemyError as exc:
                return f"无法升级到当前版本：{failure_reason(exc)}"
            finally:
                engine.dispose()
            connection = sqlite3.connect(copy)
            try:
                tables = _tables(connection)
            finally:
                connection.close()
    from db.base import Base
    from db.models import Project  # noqa: F401 - every model registered on Base.metadata

    ours = {
        table.name: {column.name for column in table.columns}
        for table in Base.metadata.tables.values()
    }
    ours["alembic_version"] = {"version_num"}
    missing = sorted(set(ours) - set(tables))
    extra = sorted(set(tables) - set(ours))
    columns = sorted(
        f"{name}.{column}"
        for name in set(ours) & set(tables)
        for column in ours[name] ^ tables[name]
    )
    parts = []
    if missing:
        parts.append("缺少表 " + "、".join(missing[:5]) + ("……" if len(missing) > 5 else ""))
    if extra:
        parts.append("多出表 " + "、".join(extra[:5]) + ("……" if len(extra) > 5 else ""))
    if columns:
        parts.append("列不同 " + "、".join(columns[:5]) + ("……" if len(columns) > 5 else ""))
    return "；".join(parts)


def _looks_like(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "看起来是 Excel 工作簿（.xlsx）或其他压缩包"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "看起来是旧版 Office 文档（如 .xls、.doc）"
    if head.startswith(b"%PDF"):
        return "看起来是 PDF 文件"
    if all(b >= 32 or b in (9, 10, 13) for b in head[:64]) or head.startswith(b"\xef\xbb\xbf"):
        return "看起来是文本文件"
    return "格式不明"
