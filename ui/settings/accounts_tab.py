"""设置 → 账号 (server mode, 管理员): add an account, disable or enable it, reset its password,
change its name, role or unit. The server's functions do the work; others may only look."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import AccountKind
from ui.shell.bus import ChangeBus
from ui.shell.operation import FAILED, perform
from ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from app.infra.database import Database
    from app.server.accounts import AccountRow
    from app.server.setup import NewAccount


class AccountsTab(QWidget):
    """The server's accounts; buttons for a 管理员."""

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._database: Database | None = None
        self.units: list[tuple[int, str]] = []
        layout = QVBoxLayout(self)
        tools = QHBoxLayout()
        self.add_button = QPushButton("添加账号…")
        self.toggle_button = QPushButton("停用")
        self.password_button = QPushButton("重设密码…")
        self.edit_button = QPushButton("修改姓名、角色、单位…")
        for button in (self.add_button, self.toggle_button, self.password_button, self.edit_button):
            tools.addWidget(button)
        tools.addStretch(1)
        layout.addLayout(tools)
        columns: list[Column[AccountRow]] = [
            Column("账号", lambda r: r.login),
            Column("姓名", lambda r: r.display_name),
            Column("角色", lambda r: r.kind.value, centred=True),
            Column("单位", lambda r: r.unit),
            Column("状态", lambda r: "已停用" if r.disabled else "可登录", centred=True),
        ]
        self.model: RowsModel[AccountRow] = RowsModel(columns)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.note = QLabel()
        self.note.setObjectName("cardLabel")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.add_button.clicked.connect(self.add_account)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.password_button.clicked.connect(self.reset_password)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def set_database(self, database: Database | None) -> None:
        """Show the accounts of `database` (a server), with buttons only for a 管理员."""
        self._database = database
        self.refresh()

    def refresh(self) -> None:
        """Read the accounts and units again."""
        from app.server.accounts import list_accounts, my_kind, unit_choices

        if self._database is None or not self._database.on_server:
            self.model.set_rows([])
            self._admin = False
            self.note.setText("本机数据库没有账号：一台电脑一个人用时无需登录。")
            self._update_buttons()
            return
        with self._database.reading() as session:
            self.model.set_rows(list_accounts(session))
            self._admin = my_kind(session) is AccountKind.ADMIN
            self.units = unit_choices(session)
        self.note.setText(
            "每人一个账号；权限由服务器执行：管理员可改一切，填报员只能填本单位的月报、节点实际日期、"
            "问题进展和督办回复，领导只能查看。停用的账号不能再登录。"
            + ("" if self._admin else "（只有管理员能管理账号。）")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        admin = getattr(self, "_admin", False)
        chosen = self.selected()
        self.add_button.setEnabled(admin)
        for button in (self.toggle_button, self.password_button, self.edit_button):
            button.setEnabled(admin and chosen is not None)
        self.toggle_button.setText("启用" if chosen is not None and chosen.disabled else "停用")

    def selected(self) -> AccountRow | None:
        """The account chosen in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _run(self, work: object, what: str) -> bool:
        assert self._database is not None
        done = perform(self, self._bus, self._database, work, what=what)  # type: ignore[arg-type]
        self.refresh()
        return done is not FAILED

    def add_account(self) -> AccountDialog:
        """添加账号…"""
        dialog = AccountDialog(self, self.units)
        dialog.accepted.connect(lambda: self._add(dialog.account()))
        dialog.open()
        return dialog

    def _add(self, account: NewAccount) -> None:
        from app.server.accounts import add

        self._run(lambda session: add(session, account), "添加账号")

    def toggle_selected(self) -> None:
        """停用 or 启用 the chosen account."""
        from app.server.accounts import change

        row = self.selected()
        if row is not None:
            self._run(lambda s: change(s, row, disabled=not row.disabled), "停用或启用账号")

    def reset_password(self) -> None:
        """重设密码…"""
        from app.server.accounts import change

        row = self.selected()
        if row is None:
            return
        password, ok = QInputDialog.getText(
            self, "重设密码", f"「{row.display_name}」（{row.login}）的新密码（至少 8 位）：",
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if ok:
            self._run(lambda s: change(s, row, password=password), "重设密码")

    def edit_selected(self) -> AccountDialog | None:
        """修改姓名、角色、单位…"""
        row = self.selected()
        if row is None:
            return None
        dialog = AccountDialog(self, self.units, row)
        dialog.accepted.connect(lambda: self._edit(row, dialog))
        dialog.open()
        return dialog

    def _edit(self, row: AccountRow, dialog: AccountDialog) -> None:
        from app.server.accounts import change

        account = dialog.account()
        self._run(
            lambda s: change(s, row, display_name=account.display_name, kind=account.kind,
                             unit_id=account.unit_id),
            "修改账号",
        )  # fmt: skip


class AccountDialog(QDialog):
    """A new account (login, name, password, role, unit), or an existing one's name, role, unit."""

    def __init__(
        self, parent: QWidget | None, units: list[tuple[int, str]], row: AccountRow | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改账号" if row else "添加账号")
        form = QFormLayout(self)
        self.login = QLineEdit(row.login if row else "")
        self.login.setPlaceholderText("小写字母、数字、下划线，如 fgj_zhang")
        self.login.setEnabled(row is None)
        self.name = QLineEdit(row.display_name if row else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.kind = QComboBox()
        self.kind.addItems([k.value for k in AccountKind])
        self.kind.setCurrentText((row.kind if row else AccountKind.CLERK).value)
        self.unit = QComboBox()
        self.unit.addItem("（无）", None)
        for unit_id, name in units:
            self.unit.addItem(name, unit_id)
        if row is not None and row.unit_id is not None:
            self.unit.setCurrentIndex(max(self.unit.findData(row.unit_id), 0))
        form.addRow("账号：", self.login)
        form.addRow("姓名：", self.name)
        if row is None:
            form.addRow("初始密码：", self.password)
        form.addRow("角色：", self.kind)
        form.addRow("单位：", self.unit)
        hint = QLabel("填报员只能填写所属单位牵头或承担的项目。")
        hint.setObjectName("cardLabel")
        form.addRow("", hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def account(self) -> NewAccount:
        """What was filled in."""
        from app.server.setup import NewAccount

        return NewAccount(
            self.login.text().strip(),
            self.name.text().strip(),
            self.password.text(),
            AccountKind(self.kind.currentText()),
            self.unit.currentData(),
        )
