"""Default milestone chains (节点模板) per project list, as offices lay them out."""

from __future__ import annotations

from typing import NamedTuple


class StepSpec(NamedTuple):
    """One milestone of a template: name, kind, duration in calendar days."""

    name: str
    kind: str
    duration_days: int


DEFAULT_TEMPLATES: dict[str, list[StepSpec]] = {
    "谋划攻坚项目": [
        StepSpec("项目建议书", "谋划", 30),
        StepSpec("可行性研究", "谋划", 45),
        StepSpec("立项备案", "审批", 15),
        StepSpec("专项债申报", "资金", 30),
    ],
    "招商实体转化项目": [
        StepSpec("签约落地", "招商", 15),
        StepSpec("公司注册", "招商", 20),
        StepSpec("立项备案", "审批", 15),
        StepSpec("土地摘牌", "用地", 30),
        StepSpec("施工许可", "审批", 20),
        StepSpec("开工", "开工", 1),
    ],
    "力促开工项目": [
        StepSpec("立项备案", "审批", 10),
        StepSpec("用地预审与规划选址", "用地", 20),
        StepSpec("土地摘牌", "用地", 20),
        StepSpec("环评批复", "审批", 20),
        StepSpec("工程规划许可", "审批", 15),
        StepSpec("施工图审查", "审批", 15),
        StepSpec("施工许可", "审批", 10),
        StepSpec("开工", "开工", 1),
    ],
    "竣工投产项目": [
        StepSpec("主体完工", "施工", 60),
        StepSpec("设备安装调试", "施工", 45),
        StepSpec("竣工联合验收", "验收", 20),
        StepSpec("投产", "投产", 1),
    ],
    "加快建设项目": [
        StepSpec("基础施工", "施工", 90),
        StepSpec("主体施工", "施工", 150),
        StepSpec("主体封顶", "施工", 1),
        StepSpec("装饰与安装", "施工", 120),
        StepSpec("竣工", "验收", 20),
    ],
    "房地产项目": [
        StepSpec("土地摘牌", "用地", 30),
        StepSpec("施工许可", "审批", 30),
        StepSpec("主体施工", "施工", 240),
        StepSpec("预售许可", "审批", 20),
        StepSpec("竣工备案", "验收", 60),
    ],
    "已发行专项债项目": [
        StepSpec("资金拨付", "资金", 20),
        StepSpec("招标采购", "审批", 30),
        StepSpec("施工许可", "审批", 15),
        StepSpec("开工", "开工", 1),
        StepSpec("主体施工", "施工", 180),
        StepSpec("竣工验收", "验收", 30),
    ],
}
