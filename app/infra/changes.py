"""What a piece of work changed, as kinds the pages understand (never table-name strings).

A page declares the kinds it shows and refreshes when one of them changed. The kinds are found
from the tables a session wrote (`db.changelog` notes them) and from what an operation declares
for work the session cannot see (a file restored, a preference changed).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Change(enum.Enum):
    """A kind of change; the value is the Chinese word used in log lines."""

    CAMPAIGN = "攻坚行动"  # the campaign, its dates, targets and printout settings
    ORGANISATION = "单位与人员"  # units, people, project lists
    PROJECTS = "项目"
    MILESTONES = "节点"
    TEMPLATES = "节点模板"
    HOLIDAYS = "节假日"
    REPORTS = "月度填报"
    PROBLEMS = "问题"
    SUPERVISION = "督办"
    IMPORTS = "导入批次"
    PROFILES = "交换方案"
    PREFERENCES = "设置"  # the program's own settings (not in the database)


Changes = frozenset[Change]
EVERYTHING: Changes = frozenset(Change)

# Every table of db/models, by the kind its rows belong to (a test keeps this complete).
TABLE_CHANGES: dict[str, Change] = {
    "campaign": Change.CAMPAIGN,
    "campaign_target": Change.CAMPAIGN,
    "project_list": Change.ORGANISATION,
    "unit": Change.ORGANISATION,
    "person": Change.ORGANISATION,
    "project": Change.PROJECTS,
    "project_cooperating_unit": Change.PROJECTS,
    "milestone": Change.MILESTONES,
    "milestone_dependency": Change.MILESTONES,
    "milestone_template": Change.TEMPLATES,
    "template_step": Change.TEMPLATES,
    "holiday_day": Change.HOLIDAYS,
    "monthly_report": Change.REPORTS,
    "report_month": Change.REPORTS,
    "problem": Change.PROBLEMS,
    "problem_cooperating_unit": Change.PROBLEMS,
    "problem_progress": Change.PROBLEMS,
    "problem_transition": Change.PROBLEMS,
    "problem_escalation": Change.PROBLEMS,
    "supervision": Change.SUPERVISION,
    "supervision_act": Change.SUPERVISION,
    "import_batch": Change.IMPORTS,
    "exchange_profile": Change.PROFILES,
}
# Tables about the file itself, not the office's work: writing them changes no page.
UNSHOWN_TABLES = frozenset({"change_log", "app_meta", "alembic_version"})


def changes_of_tables(tables: Iterable[str]) -> Changes:
    """The kinds of change behind rows written to `tables` (a table not listed is a bug)."""
    kinds = set()
    for table in tables:
        if table in UNSHOWN_TABLES:
            continue
        kinds.add(TABLE_CHANGES[table])
    return frozenset(kinds)


def describe(changes: Iterable[Change]) -> str:
    """The kinds as a short Chinese list for log lines ("项目、问题")."""
    return "、".join(kind.value for kind in sorted(changes, key=lambda c: list(Change).index(c)))
