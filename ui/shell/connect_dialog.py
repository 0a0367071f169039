"""文件 → 连接服务器…: the office's server, database, account and password (not remembered)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ui.settings.keys import (
    SERVER_ACCOUNT,
    SERVER_DATABASE,
    SERVER_HOST,
    SERVER_PORT,
    Settings,
)


class ConnectDialog(QDialog):
    """Where the server is and who logs in; `url()` once accepted."""

    def __init__(self, parent: QWidget | None, settings: Settings, note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("连接服务器")
        self._settings = settings
        form = QFormLayout(self)
        intro = QLabel(
            note
            or "多人共用一本台账时，台账放在办公室的数据库服务器上，每人用自己的账号登录。"
            "账号由管理员在“设置 → 账号”中添加。"
        )
        intro.setWordWrap(True)
        intro.setObjectName("cardLabel")
        form.addRow(intro)
        self.host = QLineEdit(settings.get(SERVER_HOST))
        self.host.setPlaceholderText("服务器的 IP 地址或计算机名，如 192.168.1.20")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(settings.get(SERVER_PORT))
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit(settings.get(SERVER_DATABASE))
        self.account = QLineEdit(settings.get(SERVER_ACCOUNT))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("服务器：", self.host)
        form.addRow("端口：", self.port)
        form.addRow("数据库：", self.database)
        form.addRow("账号：", self.account)
        form.addRow("密码：", self.password)
        remark = QLabel("除密码外，这些内容会记住，下次不用再填。")
        remark.setObjectName("cardLabel")
        form.addRow("", remark)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("连接")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b;")
        form.addRow(self.message)
        self.setMinimumWidth(460)
        (self.password if self.account.text() else self.host).setFocus()

    def _accept(self) -> None:
        needed = (("服务器", self.host), ("数据库", self.database), ("账号", self.account))
        missing = [label for label, field in needed if not field.text().strip()]
        if missing:
            self.message.setText("请填写：" + "、".join(missing))
            return
        self._settings.set(SERVER_HOST, self.host.text().strip())
        self._settings.set(SERVER_PORT, self.port.value())
        self._settings.set(SERVER_DATABASE, self.database.text().strip())
        self._settings.set(SERVER_ACCOUNT, self.account.text().strip())
        self.accept()

    def url(self) -> str:
        """The server URL with the password (never stored; the settings keep it without)."""
        from app.server.connection import server_url

        return server_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.account.text().strip(),
            self.password.text(),
        )
