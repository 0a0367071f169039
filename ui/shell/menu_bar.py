"""The main window's menu bar: 文件, 攻坚行动, 编辑 and 帮助, their entries and shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ui.settings.keys import RECENT_DATABASES

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


@dataclass(frozen=True)
class MenuEntries:
    """The entries the window keeps: those it enables, and those tests and shortcuts reach."""

    recent: QMenu
    edit_campaign: QAction
    undo: QAction
    redo: QAction
    manual: QAction
    demo: QAction


def build_menus(window: MainWindow) -> MenuEntries:
    """Fill the window's menu bar with its four menus."""
    actions = window.actions_
    bar = window.menuBar()

    def add(menu: QMenu, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        return add_action(window, menu, text, slot, shortcut)

    file_menu = bar.addMenu("文件(&F)")
    add(file_menu, "新建数据库(&N)…", actions.choose_and_create, "Ctrl+Shift+N")
    add(file_menu, "打开数据库(&O)…", actions.choose_and_open, "Ctrl+O")
    add(file_menu, "连接服务器(&C)…", lambda: actions.connect_to_server())
    add(file_menu, "另存为/备份(&S)…", actions.save_copy, "Ctrl+Shift+S")
    add(file_menu, "备份与恢复(&B)…", actions.open_backups)
    recent = file_menu.addMenu("最近打开(&R)")
    recent.aboutToShow.connect(lambda: fill_recent_menu(recent, window))
    file_menu.addSeparator()
    add(file_menu, "退出(&X)", window.close, "Ctrl+Q")
    campaign_menu = bar.addMenu("攻坚行动(&C)")
    add(campaign_menu, "新建攻坚行动(&N)…", window.new_campaign)
    edit_campaign = add(campaign_menu, "攻坚行动设置(&S)…", window.edit_campaign)
    campaigns = campaign_menu.addMenu("切换攻坚行动(&W)")
    campaigns.aboutToShow.connect(lambda: window.campaign_switch.fill(campaigns))
    edit_menu = bar.addMenu("编辑(&E)")
    undo = window.undo_stack.createUndoAction(window, "撤销")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = window.undo_stack.createRedoAction(window, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    help_menu = bar.addMenu("帮助(&H)")
    manual = add(help_menu, "使用说明(&M)", window.show_manual, "F1")
    manual.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    demo = add(help_menu, "载入示例数据(&D)…", actions.load_demo)
    add(help_menu, "关于攻坚台账(&A)", window.show_about)
    return MenuEntries(recent, edit_campaign, undo, redo, manual, demo)


def add_action(
    parent: QWidget, menu: QMenu, text: str, slot: Callable[[], object], shortcut: str = ""
) -> QAction:
    """An entry of `menu` running `slot`, with its keyboard shortcut if it has one."""
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def fill_recent_menu(menu: QMenu, window: MainWindow) -> None:
    """最近打开: the files opened lately, newest first, each reopened by a click."""
    menu.clear()
    recent = window.settings.get(RECENT_DATABASES)
    if not recent:
        empty = menu.addAction("（无）")
        empty.setEnabled(False)
        return
    for index, location in enumerate(recent, start=1):
        action = menu.addAction(f"&{index}  {location}")
        action.triggered.connect(lambda _c=False, loc=location: window.actions_.open_recent(loc))
