"""File menu work: open, create, copy and demo databases, and keep the recent list."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.infra.errors import UserError, os_reason
from app.infra.paths import demo_database
from app.values.date_format import iso_minute
from db.backup import online_backup
from ui.settings.keys import OPERATOR, Settings
from ui.shell.bus import ChangeBus
from ui.shell.crash import show_user_error
from ui.shell.open_notices import after_opening
from ui.shell.operation import LongOperation, file_operation
from ui.widgets.file_dialogs import open_file, save_file

if TYPE_CHECKING:
    from app.infra.database import Database
    from app.infra.instance_lock import InstanceLock
    from app.infra.progress import Progress
    from ui.shell.live_updates import LiveUpdates

log = logging.getLogger("gongjian.ui.database")
FILE_FILTER = "攻坚台账数据库 (*.db *.sqlite);;所有文件 (*)"


class DatabaseActions(QObject):
    """Holds the open database and replaces it on the clerk's request."""

    def __init__(self, window: QWidget, settings: Settings, bus: ChangeBus) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._bus = bus
        self.database: Database | None = None
        self._lock: InstanceLock | None = None  # held while this window has a file open
        self._identity: tuple[int, int] | None = None  # the open file's device and inode
        self._watcher = QTimer(self)
        self._watcher.setInterval(3000)
        self._watcher.timeout.connect(self._watch)
        self.loading: LongOperation[Path] | None = None  # the demo file being built
        self.live: LiveUpdates | None = None  # other clerks' changes (server mode)

    def open_location(self, location: str, *, quiet: bool = False) -> bool:
        """Open a file or URL; on failure keep the current database and say why."""
        from app.infra.database import open_database  # SQLAlchemy loads here, not at start-up

        operator = self._settings.get(OPERATOR) or None
        target = Path(location).expanduser().absolute() if "://" not in location else None
        taken = self._take_lock(target, quiet)
        if taken is None:
            return False
        lock, read_only = taken
        try:
            database = open_database(
                location if "://" in location else Path(location), operator, read_only=read_only
            )
        except UserError as exc:
            if lock is not None:
                if self.database is not None and self.database.path == target:
                    self._lock = lock  # still ours: the open file stays open
                else:
                    lock.release()
            if not quiet and target is not None and self._offer_backup(target, exc):
                return self.open_location(location)
            if not quiet and target is None:
                self._offer_local_file(exc)
            elif not quiet:
                show_user_error(self._window, exc, "无法打开数据库")
            log.warning("could not open %s: %s", location, exc)
            return False
        self._stop_live()
        if self.database is not None:
            self.database.close()
        if self._lock is not None:
            self._lock.release()
        self._lock = lock
        self.database = database
        self._settings.remember_database(database.location)
        if database.on_server:
            from ui.shell.live_updates import LiveUpdates

            self.live = LiveUpdates(database, self._bus, self)
            self.live.start()
        if database.path is not None:
            stat = database.path.stat()
            self._identity = (stat.st_dev, stat.st_ino)
            self._watcher.start()
        after_opening(self._window, self._settings, database, quiet)
        self._bus.database_opened.emit(database)
        return True

    def _take_lock(
        self, target: Path | None, quiet: bool
    ) -> tuple[InstanceLock | None, bool] | None:
        """The file's lock and whether to open read-only; None when the clerk would rather not."""
        if self._lock is not None and target is not None and self._lock.database == target:
            lock, self._lock = self._lock, None  # reopening our own file (after a restore)
            return lock, False
        if target is None or not target.exists():
            return None, False  # a server, or a file still to be created
        from app.infra.instance_lock import acquire

        held = acquire(target)
        if not isinstance(held, str):
            return held, False
        if quiet:
            return None
        answer = QMessageBox.question(
            self._window,
            "数据库正在使用",
            f"「{target.name}」正由 {held} 打开。\n"
            "两个窗口同时修改同一个台账会互相覆盖。要以只读方式打开（只能查看、导出）吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return None, True

    def _offer_local_file(self, error: UserError) -> None:
        """The server could not be reached: say why, and offer a database file instead."""
        answer = QMessageBox.question(
            self._window,
            "无法连接服务器",
            f"{error.message}\n\n要改为打开本机的数据库文件吗？"
            "（服务器恢复后，可用“文件 → 连接服务器”再次连接。）",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.choose_and_open()

    def open_recent(self, location: str) -> bool:
        """文件 → 最近打开: a file opens; a server asks for the password (never remembered)."""
        if "://" not in location:
            return self.open_location(location)
        from app.server.connection import parts
        from ui.settings.keys import SERVER_ACCOUNT, SERVER_DATABASE, SERVER_HOST, SERVER_PORT

        host, port, database, account = parts(location)
        self._settings.set(SERVER_HOST, host)
        self._settings.set(SERVER_PORT, port)
        self._settings.set(SERVER_DATABASE, database)
        self._settings.set(SERVER_ACCOUNT, account)
        return self.connect_to_server()

    def connect_to_server(self, note: str = "") -> bool:
        """文件 → 连接服务器…: ask where and who, then open the server's ledger."""
        from ui.shell.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self._window, self._settings, note)
        if dialog.exec() != ConnectDialog.DialogCode.Accepted:
            return False
        return self.open_location(dialog.url())

    def _offer_backup(self, target: Path, error: UserError) -> bool:
        """A file that cannot be opened but has a sound backup: offer to restore the latest one."""
        from app.infra.backups import list_backups
        from app.infra.restore import check_backup, restore

        for backup in list_backups(target):
            try:
                check_backup(backup.path)
            except UserError:
                continue
            answer = QMessageBox.question(
                self._window,
                "数据库无法打开",
                f"{error.message}\n\n找到 {iso_minute(backup.at)} 的完好备份"
                f"（{backup.trigger}）。要用它恢复吗？无法打开的文件会另存为“恢复前”备份。",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            try:
                restore(target, backup.path)
            except UserError as exc:
                show_user_error(self._window, exc)
                return False
            return True
        return False

    def _watch(self) -> None:
        """Notice the open file being removed or replaced behind the program's back."""
        database = self.database
        if database is None or database.path is None:
            return
        try:
            now = database.path.stat()
            same = (now.st_dev, now.st_ino) == self._identity
        except OSError:
            same = False
        if same:
            return
        self._watcher.stop()
        path = database.path
        self.close()
        self.database = None
        self._bus.database_opened.emit(None)
        show_user_error(
            self._window,
            UserError(
                f"数据库文件「{path}」已被移走、改名或替换。为避免把修改写到看不见的地方，"
                "程序已关闭它；已保存的数据不受影响。请用“文件 → 打开数据库”重新打开。"
            ),
            "数据库文件已变化",
        )

    def choose_and_open(self) -> None:
        """文件 → 打开数据库."""
        path = open_file(self._window, self._settings, "打开数据库", FILE_FILTER)
        if path is not None:
            self.open_location(str(path))

    def choose_and_create(self) -> None:
        """文件 → 新建数据库: only a file that does not exist yet, so nothing is overwritten."""
        chosen = save_file(
            self._window,
            self._settings,
            "新建数据库",
            "攻坚台账.db",
            FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen is None:
            return None
        target = chosen
        if target.suffix == "":
            target = target.with_suffix(".db")
        if target.exists():
            QMessageBox.warning(
                self._window,
                "文件已存在",
                f"「{target.name}」已经存在。新建数据库不会覆盖已有文件，请换一个文件名；"
                "要使用它，请选择“打开数据库”。",
            )
            return
        self.open_location(str(target))

    def save_copy(self) -> LongOperation[Path] | None:
        """文件 → 另存为/备份: a consistent copy through SQLite's backup API."""
        if self.database is None or self.database.path is None:
            return None
        source = self.database.path
        suggestion = source.with_name(f"{source.stem}-备份{source.suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self._window, "另存为/备份", str(suggestion), FILE_FILTER
        )
        if not path:
            return None
        target = Path(path)
        if target.resolve() == source.resolve():
            QMessageBox.warning(
                self._window, "无法另存", "不能把数据库另存为它自己，请换一个文件名。"
            )
            return None

        def copy(_progress: Progress) -> Path:
            try:
                online_backup(source, target)
            except OSError as exc:
                raise UserError(f"无法写入「{target}」：{os_reason(exc)}") from exc
            return target

        operation = file_operation(
            self._window, self._bus, copy, what="另存为/备份", title="正在保存副本…"
        )
        operation.on_success(
            lambda saved: QMessageBox.information(
                self._window, "已保存副本", f"已把当前数据库保存到：\n{saved}"
            )
        )
        return operation.start()

    def open_backups(self) -> None:
        """文件 → 备份与恢复…"""
        from ui.shell.backup_dialog import BackupDialog

        if self.database is None or self.database.path is None:
            show_user_error(self._window, UserError("请先打开一个数据库文件。"))
            return
        dialog = BackupDialog(
            self.database.path, self._settings, self._bus, self.restore_from, self._window
        )
        dialog.exec()

    def restore_from(self, source: Path) -> LongOperation[Path] | None:
        """Close the database, restore `source` over it (off the window's thread), reopen it."""
        from app.infra.restore import restore

        if self.database is None or self.database.path is None:
            return None
        path = self.database.path
        self.database.close()
        operation = file_operation(
            self._window,
            self._bus,
            lambda _progress: restore(path, source, lock_held=True),
            what=f"从「{source.name}」恢复",
            title="正在恢复数据库…",
        )
        # Whether it worked or not, the window opens the file again (restored, or as it was).
        operation.finished.connect(lambda: self.open_location(str(path)))
        operation.on_success(
            lambda kept: QMessageBox.information(
                self._window, "已恢复", f"已从「{source.name}」恢复。\n原数据库另存为：{kept}"
            )
        )
        return operation.start()

    def load_demo(self) -> None:
        """帮助 → 载入示例数据: build the demo into its own file and open that file."""
        from app.demo.install import create_demo_database

        answer = QMessageBox.question(
            self._window,
            "载入示例数据",
            "将在单独的文件中生成示例数据（2022年重点项目百日攻坚行动，126个项目）并打开它。\n"
            f"您当前的数据库不受影响，可随时从“最近打开”切换回去。\n\n示例文件：{demo_database()}",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.database is not None and self.database.path == demo_database():
            self.database.close()  # release the old demo file before it is replaced
        operation = file_operation(
            self._window,
            self._bus,
            lambda _progress: create_demo_database(demo_database()),
            what="载入示例数据",
            title="正在生成示例数据…",
        )
        operation.on_success(lambda path: self.open_location(str(path)))
        self.loading = operation.start()

    def _stop_live(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None

    def close(self) -> None:
        """Release the database and its lock (window closing)."""
        self._watcher.stop()
        self._stop_live()
        if self.database is not None:
            self.database.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
