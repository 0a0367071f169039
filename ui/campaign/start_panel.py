"""The first thing an office sees on an empty database: how to begin, in plain words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.shell.bus import ChangeBus

# (window action, button text, what it does)
CHOICES: tuple[tuple[str, str, str], ...] = (
    (
        "new_campaign",
        "新建攻坚行动",
        "填写名称、起止日期、发文单位和攻坚目标，勾选项目清单，然后逐个录入项目。",
    ),
    (
        "import_workbook",
        "导入上级下发的表格",
        "已有上级下发的项目清单（Excel/WPS 表格）：选择文件，填写攻坚行动的名称和起止日期，"
        "表中的项目一次导入。",
    ),
    (
        "open_database",
        "打开已有数据库",
        "以前用过本程序，或同事拷来了台账文件（.db）：打开它继续工作。",
    ),
    (
        "load_demo",
        "看看示例数据",
        "在单独的文件中生成一个示例攻坚行动（126个项目），看看各页面的样子；"
        "不会写入您自己的数据库。",
    ),
)


class StartPanel(QFrame):
    """Four big choices; each asks the window to do it (bus.window_action)."""

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self.title = QLabel("开始使用攻坚台账")
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        self.note = QLabel(
            "这个数据库里还没有攻坚行动。攻坚行动是一期“百日攻坚”或一年的重点项目工作，"
            "项目、节点、问题和月度填报都属于它。请选择一种方式开始："
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        for row, (action, text, explanation) in enumerate(CHOICES):
            button = QPushButton(text)
            button.setMinimumHeight(40)
            button.setMinimumWidth(200)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, a=action: bus.window_action.emit(a))
            label = QLabel(explanation)
            label.setWordWrap(True)
            label.setObjectName("cardLabel")
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(button, row, 0)
            grid.addWidget(label, row, 1)
            self.buttons[action] = button
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.buttons["new_campaign"].setDefault(True)
        help_line = QLabel(
            "不知从何下手？按 F1 或点“帮助 → 使用说明”，有从第一天到第一期通报的图文步骤。"
        )
        help_line.setWordWrap(True)
        help_line.setObjectName("cardLabel")
        layout.addWidget(help_line)
        layout.addStretch(1)

    def show_for(self, has_database: bool) -> None:
        """Without a database, only opening one (or the demo) makes sense."""
        self.note.setText(
            "这个数据库里还没有攻坚行动。攻坚行动是一期“百日攻坚”或一年的重点项目工作，"
            "项目、节点、问题和月度填报都属于它。请选择一种方式开始："
            if has_database
            else "没有打开数据库。请打开一个已有的数据库，或用“文件 → 新建数据库”新建一个。"
        )
        self.buttons["new_campaign"].setEnabled(has_database)
        self.buttons["import_workbook"].setEnabled(has_database)
