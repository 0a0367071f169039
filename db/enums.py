"""Closed vocabularies of the domain; each value is the Chinese word clerks use and see.

Pure Python (no SQLAlchemy), so the user interface can use them without paying for the ORM.
"""

from __future__ import annotations

import enum


class Stage(enum.StrEnum):
    """项目阶段: where a project stands (四个一批 and beyond)."""

    PLANNING = "谋划"
    RESERVE = "储备"
    PREPARATION = "前期"
    CONSTRUCTION = "在建"
    COMPLETED = "竣工"
    PRODUCTION = "投产"


class ProjectLevel(enum.StrEnum):
    """项目级别."""

    PROVINCE = "省重点"
    CITY = "市重点"
    DISTRICT = "区重点"


class ConstructionNature(enum.StrEnum):
    """建设性质."""

    NEW = "新建"
    CONTINUED = "续建"
    EXPANSION = "改扩建"


class UnitKind(enum.StrEnum):
    """What a unit is to the office."""

    RESPONSIBLE = "责任单位"
    OWNER = "项目单位"
    AREA = "区域园区"


class CalendarKind(enum.StrEnum):
    """Which days a project's schedule counts."""

    CALENDAR = "日历日"
    WORKING = "工作日"


class MilestoneState(enum.StrEnum):
    """节点状态."""

    NOT_STARTED = "未开始"
    IN_PROGRESS = "进行中"
    DONE = "已完成"


class ProblemType(enum.StrEnum):
    """问题类型."""

    LAND = "用地"
    PLANNING = "规划"
    FUNDING = "资金"
    APPROVAL = "审批手续"
    ENVIRONMENT = "环保"
    UTILITIES = "水电气热"
    DEMOLITION = "征拆"
    MUNICIPAL = "市政配套"
    SEA_USE = "用海"
    OTHER = "其他"


class ProblemState(enum.StrEnum):
    """问题状态: 待办 → 办理中 → 已解决 → 已销号, or 暂缓."""

    OPEN = "待办"
    IN_HAND = "办理中"
    SOLVED = "已解决"
    CLOSED = "已销号"
    ON_HOLD = "暂缓"


class CoordinationLevel(enum.StrEnum):
    """协调层级, raised one level at a time (自下而上递进协调)."""

    OWN = "本级"
    DISTRICT = "管委会/区政府"
    CITY = "新区/市"


class SupervisionClass(enum.StrEnum):
    """督办类别."""

    COMMON = "共性"
    HARD = "疑难"
    KEY = "重点"


class SupervisionForm(enum.StrEnum):
    """督办形式."""

    NOTICE = "督办单"
    TALK = "约谈"
    BULLETIN = "通报"


class TargetKind(enum.StrEnum):
    """Campaign targets (攻坚目标)."""

    INVESTMENT = "新增攻坚投资"
    START_RATE = "开复工率"
    COMPLETION_RATE = "投资完成率"
    PRODUCTION_RATE = "投产率"
    BOND_USAGE_RATE = "专项债使用率"


class IssueNumbering(enum.StrEnum):
    """How a campaign's bulletins are numbered (期号)."""

    BY_MONTH = "按月份"  # the October bulletin is 第10期
    RUNNING = "连续编号"  # the first month of the campaign is the start number, then one a month


class HolidayKind(enum.StrEnum):
    """A day that differs from the plain weekday/weekend rule."""

    HOLIDAY = "法定节假日"
    MAKEUP_WORKDAY = "调休上班"


class ChangeAction(enum.StrEnum):
    """What a change-log entry records."""

    INSERT = "新增"
    UPDATE = "修改"
    DELETE = "删除"


class AccountKind(enum.StrEnum):
    """账号角色: what a server account may do (enforced by the server's grants and policies)."""

    ADMIN = "管理员"  # the office: everything
    CLERK = "填报员"  # a unit: reads the campaign, writes its own unit's figures and replies
    LEADER = "领导"  # reads everything, writes nothing
