"""`gongjian server push` and `pull`: a whole ledger from a file to a server, and back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from app.infra.errors import UserError
from app.server.connection import connect_error, engine_url, shown
from db.engine import make_engine
from db.migrate import HEAD_REVISION, DatabaseRefused, FileState, inspect_file, server_state
from db.server.copy import LOG, Tally, copy_rows, reset_sequences, tally
from db.server.locks import exclusive

log = logging.getLogger("gongjian.server")
Progress = Callable[[int, int, str], None]

# Tables a fresh server database holds before any ledger arrives (seeded by `server init`).
SEEDED = ("template_step", "milestone_template", "holiday_day")
# Rows of these mean the server already holds an office's work: a push would mix two ledgers.
_WORK = ("campaign", "project", "unit", "problem", "import_batch")
# Accounts live on the server; a file's account table (empty) is not pushed.
_SERVER_ONLY = ("account",)


@dataclass(frozen=True)
class Copied:
    """What a push or pull copied: rows, and the tables' counts as compared."""

    rows: int
    counts: dict[str, int]


def push(source: Path, url: str, progress: Progress | None = None) -> Copied:
    """Copy the ledger file `source` whole into the (initialised, empty) server database."""
    source = source.expanduser().absolute()
    _require_current_file(source)
    src_engine = make_engine(source, read_only=True)
    dst_engine = create_engine(engine_url(url), connect_args={"connect_timeout": 10})
    try:
        with src_engine.connect() as src, _server_transaction(dst_engine, url) as dst:
            _require_current_server(dst)
            exclusive(dst)
            _require_no_work(dst)
            for table in SEEDED:
                dst.execute(text(f'DELETE FROM "{table}"'))
            log_before = dst.scalar(select(func.count()).select_from(text(LOG))) or 0
            expected = tally(src, skip=_SERVER_ONLY)
            rows = copy_rows(src, dst, skip=_SERVER_ONLY, progress=progress)
            reset_sequences(dst, skip=_SERVER_ONLY)
            _compare(expected, tally(dst, skip=_SERVER_ONLY), log_before)
    finally:
        src_engine.dispose()
        dst_engine.dispose()
    log.info("pushed %s to %s: %d rows", source, shown(url), rows)
    return Copied(rows, expected.counts)


def pull(url: str, target: Path, progress: Progress | None = None) -> Copied:
    """Copy the server's ledger whole into the new file `target` (a snapshot the program opens)."""
    target = target.expanduser().absolute()
    if target.exists():
        raise UserError(f"「{target}」已经存在。快照只写入新文件，不会覆盖已有文件。")
    if not target.parent.exists():
        raise UserError(f"文件夹「{target.parent}」不存在。")
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src_engine = create_engine(engine_url(url), connect_args={"connect_timeout": 10})
    try:
        # REPEATABLE READ: every table is read as of one moment, while clerks keep working.
        with (
            src_engine.connect().execution_options(isolation_level="REPEATABLE READ") as src,
            src.begin(),
        ):
            _require_current_server(src)
            dst_engine = make_engine(partial)
            try:
                from db.migrate import upgrade_to_head

                upgrade_to_head(dst_engine)
                with dst_engine.begin() as dst:
                    expected = tally(src)
                    rows = copy_rows(src, dst, progress=progress)
                    _compare(expected, tally(dst), 0)
            finally:
                dst_engine.dispose()
    except UserError:
        partial.unlink(missing_ok=True)
        raise
    except OperationalError as exc:
        partial.unlink(missing_ok=True)
        raise connect_error(exc, url) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src_engine.dispose()
    for side in ("-wal", "-shm"):
        Path(str(partial) + side).unlink(missing_ok=True)
    partial.rename(target)
    log.info("pulled %s into %s: %d rows", shown(url), target, rows)
    return Copied(rows, expected.counts)


@contextmanager
def _server_transaction(engine: Engine, url: str) -> Iterator[Connection]:
    """engine.begin(), with a failure to connect as a Chinese message."""
    try:
        connection = engine.connect()
    except OperationalError as exc:
        raise connect_error(exc, url) from exc
    with connection, connection.begin():
        yield connection


def _require_current_file(path: Path) -> None:
    if not path.exists():
        raise UserError(f"数据库文件「{path}」不存在。")
    try:
        state, revision = inspect_file(path)
    except DatabaseRefused as exc:
        raise UserError(str(exc)) from exc
    if state is FileState.NEW:
        raise UserError(f"「{path}」是空文件，没有可上传的台账。")
    if state is not FileState.CURRENT:
        raise UserError(
            f"「{path.name}」的数据结构是旧版本（{revision}）：请先用本程序打开它一次（会自动备份并升级）。"
        )


def _require_current_server(connection: Connection) -> None:
    try:
        state, revision = server_state(connection.engine)
    except DatabaseRefused as exc:
        raise UserError(str(exc)) from exc
    if state is not FileState.CURRENT:
        raise UserError(
            f"服务器上的数据库还没有初始化或版本不是 {HEAD_REVISION}（现为 {revision}）："
            "请先运行 gongjian server init。"
        )


def _require_no_work(connection: Connection) -> None:
    for table in _WORK:
        if connection.scalar(text(f'SELECT 1 FROM "{table}" LIMIT 1')) is not None:
            raise UserError(
                "服务器上的数据库里已经有台账数据（攻坚行动、项目或单位）。"
                "上传只写入新建的空数据库，以免两本台账混在一起；请换一个新数据库名并先 init。"
            )


def _compare(expected: Tally, copied: Tally, log_before: int) -> None:
    differences = expected.differences(copied, log_offset=log_before)
    if differences:
        raise UserError("复制后核对不一致，已全部撤销：\n" + "\n".join(differences[:20]))
