"""The main window's pages; each shows what it holds for the open database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """A page of the main window: its key, its title, and what it will hold."""

    key: str
    title: str
    subtitle: str
    coming: tuple[str, ...] = ()


PAGES: list[PageSpec] = [
    PageSpec("overview", "总览", "攻坚行动概况与今日待办"),
    PageSpec(
        "projects",
        "项目卡片",
        "查找项目、查看进展、修改项目信息、填报月度进展",
        (
            "卡片墙与表格两种视图，按清单、阶段、级别、责任单位、包联领导、预警筛选",
            "按名称、代码、业主单位搜索，支持拼音首字母",
            "项目编辑、回收站、撤销与重做；月度填报表格",
        ),
    ),
    PageSpec(
        "chart",
        "挂图作战",
        "倒排工期后的全部项目节点甘特图",
        (
            "从目标日期倒排各节点的最晚开始与最晚完成，算出机动时间",
            "红黄绿预警，今日线，可打印的大幅挂图（PDF）",
            "节点模板、工作日历（法定节假日与调休）",
        ),
    ),
    PageSpec(
        "problems",
        "问题台账",
        "制约项目推进的问题，办结后销号",
        (
            "待办 → 办理中 → 已解决 → 已销号（或暂缓），全程留痕",
            "逐级上报协调，超期红色、临期黄色预警",
            "周调度表：新增问题、推进落实、已办结销号",
        ),
    ),
    PageSpec(
        "supervision",
        "督办台账",
        "共性、疑难、重点问题与项目的督办记录",
        ("督办单、约谈、通报，按责任单位汇总",),
    ),
    PageSpec(
        "statistics",
        "统计通报",
        "完成率、开复工率、投产率、专项债使用率与单位排名",
        (
            "按清单、单位、包联领导统计，对比序时进度",
            "月通报：Excel 表格与公文式 PDF",
        ),
    ),
    PageSpec(
        "exchange",
        "数据交换",
        "与上级和责任单位交换 Excel 表格",
        (
            "按上级模板导出附表1—附表7、问题台账、督办台账",
            "导入各单位报来的表格，预览确认后一次写入",
            "按责任单位下发填报表并合并回收",
        ),
    ),
    PageSpec(
        "settings",
        "设置",
        "攻坚行动、操作人、预警阈值、节点模板与节假日",
        (
            "攻坚行动的名称、起止日期、发文单位、通报期号、目标与清单",
            "操作人姓名（记入修改留痕）",
            "预警窗口、序时进度差距阈值、红黄蓝或红黄绿叫法",
            "节点模板与法定节假日表",
        ),
    ),
]
