"""All tables of the program; importing this package registers them on Base.metadata."""

from db.models.audit import Account, AppMeta, ChangeLog, ExchangeProfileRow, ImportBatch
from db.models.campaign import Campaign, CampaignTarget, ProjectList
from db.models.organisation import Person, Unit
from db.models.problem import (
    Problem,
    ProblemEscalation,
    ProblemProgress,
    ProblemTransition,
    problem_cooperating_unit,
)
from db.models.project import MonthlyReport, Project, ReportMonth, project_cooperating_unit
from db.models.schedule import (
    HolidayDay,
    Milestone,
    MilestoneDependency,
    MilestoneTemplate,
    TemplateStep,
)
from db.models.supervision import Supervision, SupervisionAct

__all__ = [
    "Account",
    "AppMeta",
    "Campaign",
    "CampaignTarget",
    "ChangeLog",
    "ExchangeProfileRow",
    "HolidayDay",
    "ImportBatch",
    "Milestone",
    "MilestoneDependency",
    "MilestoneTemplate",
    "MonthlyReport",
    "Person",
    "Problem",
    "ProblemEscalation",
    "ProblemProgress",
    "ProblemTransition",
    "Project",
    "ProjectList",
    "ReportMonth",
    "Supervision",
    "SupervisionAct",
    "TemplateStep",
    "Unit",
    "problem_cooperating_unit",
    "project_cooperating_unit",
]
