"""The bulletin's sentences: the headline figures written the way offices write them."""

from __future__ import annotations

from decimal import Decimal

from app.statistics.month_statistics import MonthStatistics
from app.statistics.rates import gap_sentence, percent_text
from db.enums import TargetKind

WAN_PER_YI = Decimal(10000)


def yi(amount: Decimal) -> str:
    """万元 → "31.40亿元"."""
    return f"{(amount / WAN_PER_YI).quantize(Decimal('0.01'))}亿元"


def bulletin_title(stats: MonthStatistics) -> str:
    """ "关于2022年7月重点项目推进情况的通报"."""
    return f"关于{stats.month.label}重点项目推进情况的通报"


def target_text(stats: MonthStatistics, kind: TargetKind) -> str:
    """ "（目标100%）" or "" when the campaign sets none."""
    target = stats.targets.get(kind)
    if target is None or target.percent is None:
        return ""
    return f"（目标{target.percent.normalize():f}%）"


def headline_paragraphs(stats: MonthStatistics) -> list[str]:
    """一、总体情况: investment, rates and warnings, one paragraph each."""
    total = stats.total
    campaign = stats.campaign
    paragraphs = [
        f"{campaign.name}共纳入重点项目{total.projects}个，年度计划投资{yi(total.plan)}。"
        f"截至{stats.month.label}底，今年累计完成投资{yi(total.completed)}，"
        f"其中{stats.month.month}月完成{yi(total.month_amount)}；"
        f"投资完成率{percent_text(total.completion)}"
        f"{target_text(stats, TargetKind.COMPLETION_RATE)}，"
        f"序时进度{stats.facts.year_elapsed}%，{gap_sentence(total.gap)}。",
    ]
    investment = stats.targets.get(TargetKind.INVESTMENT)
    target_amount = investment.amount if investment else campaign.target_investment
    if target_amount:
        paragraphs.append(
            f"攻坚行动以来新增完成投资{yi(stats.campaign_investment)}，"
            f"占攻坚目标{yi(target_amount)}的{percent_text(stats.campaign_investment_rate)}；"
            f"攻坚行动时间已过{stats.facts.campaign_elapsed}%。"
        )
    paragraphs.append(
        f"应开工项目{total.due_start}个，已开复工{total.started}个，开复工率"
        f"{percent_text(total.start_rate)}{target_text(stats, TargetKind.START_RATE)}；"
        f"应竣工项目{total.due_finish}个，已竣工投产{total.finished}个，投产率"
        f"{percent_text(total.production_rate)}{target_text(stats, TargetKind.PRODUCTION_RATE)}；"
        f"专项债使用率{percent_text(total.bond_rate)}"
        f"{target_text(stats, TargetKind.BOND_USAGE_RATE)}。"
    )
    paragraphs.append(
        f"月末红色预警项目{total.red}个、黄色预警项目{total.yellow}个；"
        f"未解决问题{total.open_problems}个，其中超期未解决{total.overdue_problems}个。"
    )
    return paragraphs


def ranking_paragraph(stats: MonthStatistics) -> str:
    """三、责任单位排名: first and last, and who is last three months running."""
    ranked = [g for g in stats.by_unit if g.completion_rank is not None]
    if not ranked:
        return "本月各责任单位均无年度计划投资，不作排名。"
    first, last = ranked[0], ranked[-1]
    text = (
        f"按投资完成率排名，{first.name}居首（{percent_text(first.completion)}），"
        f"{last.name}居末（{percent_text(last.completion)}）。"
    )
    if stats.last_places:
        names = "；".join(f"{flag.unit}{flag.text}" for flag in stats.last_places)
        text += f"{names}，建议约谈。"
    else:
        text += "没有单位连续3个月排名末位。"
    return text
