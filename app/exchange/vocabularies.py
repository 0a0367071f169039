"""Words offices write in the cells of closed vocabularies (stage, level, nature, problem type and
state, coordination level, yes/no), mapped to ours where the meaning is clear.

A word that is not clear is not guessed: the importer keeps it as text in a note and imports the
row without it.
"""

from __future__ import annotations

import enum

from app.exchange.header_text import plain
from db.enums import (
    ConstructionNature,
    CoordinationLevel,
    ProblemState,
    ProblemType,
    ProjectLevel,
    Stage,
)

STAGE_WORDS: dict[str, Stage] = {
    **{s.value: s for s in Stage},
    "谋划项目": Stage.PLANNING, "策划": Stage.PLANNING, "谋划攻坚": Stage.PLANNING,
    "储备项目": Stage.RESERVE, "招商": Stage.RESERVE, "签约": Stage.RESERVE,
    "招商实体转化": Stage.RESERVE, "前期工作": Stage.PREPARATION, "前期手续": Stage.PREPARATION,
    "力促开工": Stage.PREPARATION, "拟开工": Stage.PREPARATION, "待开工": Stage.PREPARATION,
    "未开工": Stage.PREPARATION, "计划新开工": Stage.PREPARATION, "预备": Stage.PREPARATION,
    "预备项目": Stage.PREPARATION, "新开工": Stage.CONSTRUCTION, "续建": Stage.CONSTRUCTION,
    "开工": Stage.CONSTRUCTION, "已开工": Stage.CONSTRUCTION, "加快建设": Stage.CONSTRUCTION,
    "建设中": Stage.CONSTRUCTION, "在建项目": Stage.CONSTRUCTION, "施工": Stage.CONSTRUCTION,
    "施工中": Stage.CONSTRUCTION, "复工": Stage.CONSTRUCTION, "开复工": Stage.CONSTRUCTION,
    "续建项目": Stage.CONSTRUCTION, "新开工项目": Stage.CONSTRUCTION, "已竣工": Stage.COMPLETED,
    "完工": Stage.COMPLETED, "已完工": Stage.COMPLETED, "竣工验收": Stage.COMPLETED,
    "建成": Stage.COMPLETED, "已建成": Stage.COMPLETED, "竣工项目": Stage.COMPLETED,
    "已投产": Stage.PRODUCTION, "竣工投产": Stage.PRODUCTION, "投入使用": Stage.PRODUCTION,
    "投用": Stage.PRODUCTION, "已投用": Stage.PRODUCTION, "运营": Stage.PRODUCTION,
    "达产": Stage.PRODUCTION, "建成投产": Stage.PRODUCTION, "投产项目": Stage.PRODUCTION,
}  # fmt: skip
LEVEL_WORDS: dict[str, ProjectLevel] = {
    **{s.value: s for s in ProjectLevel},
    "省级": ProjectLevel.PROVINCE, "省": ProjectLevel.PROVINCE, "省级重点": ProjectLevel.PROVINCE,
    "省重点项目": ProjectLevel.PROVINCE, "市级": ProjectLevel.CITY, "市": ProjectLevel.CITY,
    "市级重点": ProjectLevel.CITY, "市重点项目": ProjectLevel.CITY, "区级": ProjectLevel.DISTRICT,
    "区": ProjectLevel.DISTRICT, "县级": ProjectLevel.DISTRICT, "县重点": ProjectLevel.DISTRICT,
    "区县级": ProjectLevel.DISTRICT, "区级重点": ProjectLevel.DISTRICT,
    "区重点项目": ProjectLevel.DISTRICT, "县": ProjectLevel.DISTRICT,
}  # fmt: skip
NATURE_WORDS: dict[str, ConstructionNature] = {
    **{s.value: s for s in ConstructionNature},
    "新开工": ConstructionNature.NEW, "新建项目": ConstructionNature.NEW,
    "续建项目": ConstructionNature.CONTINUED, "扩建": ConstructionNature.EXPANSION,
    "改建": ConstructionNature.EXPANSION, "技改": ConstructionNature.EXPANSION,
    "技术改造": ConstructionNature.EXPANSION, "改造": ConstructionNature.EXPANSION,
}  # fmt: skip
PROBLEM_TYPE_WORDS: dict[str, ProblemType] = {
    **{s.value: s for s in ProblemType},
    "土地": ProblemType.LAND, "用地手续": ProblemType.LAND, "土地手续": ProblemType.LAND,
    "土地指标": ProblemType.LAND, "用地保障": ProblemType.LAND, "要素保障用地": ProblemType.LAND,
    "规划手续": ProblemType.PLANNING, "规划调整": ProblemType.PLANNING,
    "融资": ProblemType.FUNDING, "资金保障": ProblemType.FUNDING, "资金拨付": ProblemType.FUNDING,
    "审批": ProblemType.APPROVAL, "手续": ProblemType.APPROVAL, "前期手续": ProblemType.APPROVAL,
    "手续办理": ProblemType.APPROVAL, "审批手续办理": ProblemType.APPROVAL,
    "环评": ProblemType.ENVIRONMENT, "环境保护": ProblemType.ENVIRONMENT,
    "水电": ProblemType.UTILITIES, "电力": ProblemType.UTILITIES, "供电": ProblemType.UTILITIES,
    "供水": ProblemType.UTILITIES, "供气": ProblemType.UTILITIES, "供热": ProblemType.UTILITIES,
    "水电气": ProblemType.UTILITIES, "征地拆迁": ProblemType.DEMOLITION,
    "拆迁": ProblemType.DEMOLITION, "征收": ProblemType.DEMOLITION,
    "征迁": ProblemType.DEMOLITION, "征地": ProblemType.DEMOLITION,
    "配套": ProblemType.MUNICIPAL, "基础设施配套": ProblemType.MUNICIPAL,
    "道路": ProblemType.MUNICIPAL, "管网": ProblemType.MUNICIPAL, "海域": ProblemType.SEA_USE,
    "用海手续": ProblemType.SEA_USE,
}  # fmt: skip
PROBLEM_STATE_WORDS: dict[str, ProblemState] = {
    **{s.value: s for s in ProblemState},
    "未解决": ProblemState.OPEN, "未办理": ProblemState.OPEN, "未启动": ProblemState.OPEN,
    "正在办理": ProblemState.IN_HAND, "推进中": ProblemState.IN_HAND,
    "正在推进": ProblemState.IN_HAND, "办理中": ProblemState.IN_HAND,
    "未完成": ProblemState.IN_HAND, "已解决": ProblemState.SOLVED, "已完成": ProblemState.SOLVED,
    "已办结": ProblemState.SOLVED, "销号": ProblemState.CLOSED, "已销号": ProblemState.CLOSED,
    "缓办": ProblemState.ON_HOLD,
}  # fmt: skip
COORDINATION_WORDS: dict[str, CoordinationLevel] = {
    "本级": CoordinationLevel.OWN, "管委会": CoordinationLevel.DISTRICT,
    "区政府": CoordinationLevel.DISTRICT, "管委会/区政府": CoordinationLevel.DISTRICT,
    "区级": CoordinationLevel.DISTRICT, "新区": CoordinationLevel.CITY,
    "市": CoordinationLevel.CITY, "市级": CoordinationLevel.CITY,
    "新区/市": CoordinationLevel.CITY,
}  # fmt: skip
_YES = {"是", "已销号", "已办结", "销号", "办结", "已完成", "完成", "已解决", "解决", "√", "✓", "y"}
_NO = {"否", "未销号", "未办结", "未完成", "未解决", "正在办理", "办理中", "推进中", "×", "n", "无"}

_BY_KIND: dict[str, dict[str, enum.StrEnum]] = {
    "stage": STAGE_WORDS,  # type: ignore[dict-item]
    "level": LEVEL_WORDS,  # type: ignore[dict-item]
    "nature": NATURE_WORDS,  # type: ignore[dict-item]
    "problem_type": PROBLEM_TYPE_WORDS,  # type: ignore[dict-item]
    "problem_state": PROBLEM_STATE_WORDS,  # type: ignore[dict-item]
    "coordination": COORDINATION_WORDS,  # type: ignore[dict-item]
}


def vocabulary_word(kind: str, text: str) -> enum.StrEnum | None:
    """Our word for what an office wrote in a closed-vocabulary cell, or None when unclear."""
    words = _BY_KIND[kind]
    found = words.get(text)
    if found is None:
        found = words.get(plain(text).replace("项目", "") or text) or words.get(plain(text))
    return found


def choices(kind: str) -> str:
    """The words of a vocabulary, for a message: 谋划、储备、前期 …"""
    first = {"stage": Stage, "level": ProjectLevel, "nature": ConstructionNature,
             "problem_type": ProblemType, "problem_state": ProblemState,
             "coordination": CoordinationLevel}[kind]  # fmt: skip
    return "、".join(v.value for v in first)


def yes_no(text: str) -> bool | None:
    """是/已销号/已办结 → True; 否/正在办理 → False; anything else → None."""
    word = plain(text).lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    if word.startswith(("已销号", "已办结", "已完成", "已解决")):
        return True
    if word.startswith(("未", "正在", "推进中", "办理中")):
        return False
    return None
