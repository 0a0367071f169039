"""The seven standard project lists (七张项目清单) a new campaign is offered, with 附表 numbers."""

from __future__ import annotations

from typing import NamedTuple


class StandardList(NamedTuple):
    """A list as the Tianjin seed numbers it, and what it is for (shown beside the checkbox)."""

    number: int  # 附表N
    name: str
    purpose: str


STANDARD_LISTS: tuple[StandardList, ...] = (
    StandardList(1, "谋划攻坚项目", "谋划的项目做实做细：立项、专项债申报"),
    StandardList(2, "招商实体转化项目", "已签约的招商项目落地转化"),
    StandardList(3, "力促开工项目", "本期内必须开工的项目"),
    StandardList(4, "竣工投产项目", "本期内必须竣工投产的项目"),
    StandardList(5, "加快建设项目", "在建项目加快形象进度"),
    StandardList(6, "房地产项目", "房地产开发项目"),
    StandardList(7, "已发行专项债项目", "已发行专项债券的项目（含子项目）"),
)
