"""One object that tells every view what changed, so widgets never call each other to refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.shell.history import History


class ChangeBus(QObject):
    """Emits after each operation; pages refresh when a kind they show changed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Long operations under way (ui/shell/operation.py): the window waits for them to end.
        self.operations: set[QObject] = set()
        # The campaign this window shows (its choice, kept in the preferences per database);
        # pages hand it to every service they call. None: the database has no campaign yet.
        self.campaign_id: int | None = None
        # The window's one undo history: every page pushes its edits here (ui/shell/undo.py).
        self.history = History(self)

    # The open database was replaced (opened, created, or the demo loaded).
    database_opened = Signal(object)
    # The window switched to another campaign (its id, or None): pages read everything again.
    campaign_chosen = Signal(object)
    # What an operation changed: a frozenset of app.infra.changes.Change (ui/shell/operation.py).
    changed = Signal(object)
    # Navigation requests between pages: (project id, add a problem?) and a problem to show.
    show_project_problems = Signal(int, bool)
    show_problem = Signal(int)
    show_project_chart = Signal(int)  # a project's row on the wall chart
    show_unit_overdue = Signal(int)  # a unit's overdue problems
    # A figure's projects on 项目卡片: (what they are, their ids; None = every project).
    show_projects = Signal(str, object)
    show_open_problems = Signal(bool)  # the ledger's unfinished problems (True: overdue only)
    # Work the window does for a page (new_campaign, import_workbook, open_database, load_demo,
    # edit_campaign, help): the start page's buttons and the like.
    window_action = Signal(str)
