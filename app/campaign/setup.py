"""Setting up a campaign (攻坚行动): name, period, 发文单位, 期号, targets, lists; new or changed.

The campaign editor hands over what the clerk typed (`CampaignForm`, texts); `parse_form` turns it
into a `CampaignSetup` or names every field that is wrong (`CampaignErrors`), and the service
functions of setup_write.py write it in one transaction.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.campaign.standard_lists import STANDARD_LISTS
from app.infra.errors import UserError
from app.schedule.templates import template_name
from app.values.amount_text import parse_amount
from app.values.date_text import parse_date
from db.enums import IssueNumbering, TargetKind
from db.models import Campaign, MilestoneTemplate, ProjectList

# The targets DOMAIN.md names, in the order the editor shows them; the first is an amount.
TARGET_KINDS: tuple[TargetKind, ...] = (
    TargetKind.INVESTMENT,
    TargetKind.COMPLETION_RATE,
    TargetKind.START_RATE,
    TargetKind.PRODUCTION_RATE,
    TargetKind.BOND_USAGE_RATE,
)
DEFAULT_DAYS = 100  # 百日攻坚
MAX_ISSUE = 999


@dataclass(frozen=True)
class TargetSetting:
    """One target: a percent for the rates, 万元 for 新增攻坚投资; due by a date."""

    kind: TargetKind
    value: Decimal
    due: dt.date | None


@dataclass(frozen=True)
class ListChoice:
    """A list the campaign has or gets: 附表 number, name, its milestone template."""

    number: int
    name: str
    template_id: int | None
    list_id: int | None = None  # an existing list (editing); None: created on saving


@dataclass
class CampaignSetup:
    """A campaign as the clerk set it up, typed and checked."""

    name: str
    start: dt.date
    end: dt.date
    office_name: str | None = None
    issue_numbering: IssueNumbering = IssueNumbering.BY_MONTH
    issue_start: int = 1
    targets: list[TargetSetting] = field(default_factory=list)
    lists: list[ListChoice] = field(default_factory=list)


@dataclass
class CampaignForm:
    """What the editor holds, as typed: texts for dates, targets and due dates."""

    name: str = ""
    start: str = ""
    end: str = ""
    office_name: str = ""
    issue_numbering: IssueNumbering = IssueNumbering.BY_MONTH
    issue_start: int = 1
    targets: dict[TargetKind, tuple[str, str]] = field(default_factory=dict)  # (value, due)
    lists: list[ListChoice] = field(default_factory=list)


class CampaignErrors(UserError):
    """Messages per field of the editor ("name", "start", "target:投资完成率" …)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = errors


def target_key(kind: TargetKind) -> str:
    """The editor's field key of a target (its value and due date share it)."""
    return f"target:{kind.value}"


def is_amount(kind: TargetKind) -> bool:
    """新增攻坚投资 is an amount in 万元; every other target is a percent."""
    return kind is TargetKind.INVESTMENT


def parse_percent(text: str, *, field: str) -> Decimal | None:
    """A rate target typed as 60, 60%, ６０％ or 60.5; None when blank; 0 < p ≤ 100."""
    cleaned = "".join(unicodedata.normalize("NFKC", text).split()).removesuffix("%")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise UserError(f"{field}「{text.strip()}」不是数字，请写成 60 或 60%。") from None
    if not value.is_finite() or value <= 0 or value > 100:
        raise UserError(f"{field}应在 0 到 100 之间（百分比），现为「{text.strip()}」。")
    return value.quantize(Decimal("0.01"))


def parse_form(session: Session, form: CampaignForm, campaign_id: int | None) -> CampaignSetup:
    """The setup the form describes, or CampaignErrors naming each wrong field."""
    errors: dict[str, str] = {}
    name = " ".join(form.name.split())
    if not name:
        errors["name"] = "请填写攻坚行动名称，如“2026年重点项目百日攻坚行动”。"
    elif len(name) > 200:
        errors["name"] = "名称过长（最多 200 个字）。"
    else:
        other = session.scalar(
            select(Campaign.id).where(Campaign.name == name, Campaign.id != (campaign_id or 0))
        )
        if other is not None:
            errors["name"] = f"已有名为「{name}」的攻坚行动，请换一个名称。"
    start = _date(form.start, "start", "开始日期", errors)
    end = _date(form.end, "end", "结束日期", errors)
    if start is None and "start" not in errors:
        errors["start"] = "请填写开始日期。"
    if end is None and "end" not in errors:
        errors["end"] = "请填写结束日期。"
    if start is not None and end is not None and end < start:
        errors["end"] = f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}。"
    office = " ".join(form.office_name.split()) or None
    if office is not None and len(office) > 200:
        errors["office_name"] = "发文单位过长（最多 200 个字）。"
    if not 1 <= form.issue_start <= MAX_ISSUE:
        errors["issue_start"] = f"起始期号应在 1 到 {MAX_ISSUE} 之间。"
    targets = _targets(form, errors)
    lists = _checked_lists(form.lists, errors)
    if errors:
        raise CampaignErrors(errors)
    assert start is not None and end is not None
    return CampaignSetup(
        name, start, end, office, form.issue_numbering, form.issue_start, targets, lists
    )


def _date(text: str, key: str, label: str, errors: dict[str, str]) -> dt.date | None:
    try:
        return parse_date(text, field=label)
    except UserError as exc:
        errors[key] = exc.message
        return None


def _targets(form: CampaignForm, errors: dict[str, str]) -> list[TargetSetting]:
    targets = []
    for kind in TARGET_KINDS:
        value_text, due_text = form.targets.get(kind, ("", ""))
        key = target_key(kind)
        try:
            if is_amount(kind):
                value = parse_amount(value_text, field=kind.value)
                if value is not None and value <= 0:
                    raise UserError(f"{kind.value}应大于 0。")
            else:
                value = parse_percent(value_text, field=kind.value)
            due = parse_date(due_text, field=f"{kind.value}的完成时限")
        except UserError as exc:
            errors[key] = exc.message
            continue
        if value is not None:
            targets.append(TargetSetting(kind, value, due))
        elif due is not None:
            errors[key] = f"填写了{kind.value}的完成时限，但没有填写目标值。"
    return targets


def _checked_lists(lists: list[ListChoice], errors: dict[str, str]) -> list[ListChoice]:
    seen_names: set[str] = set()
    seen_numbers: set[int] = set()
    cleaned = []
    for choice in lists:
        name = " ".join(choice.name.split())
        if not name:
            errors["lists"] = "清单名称不能为空。"
            continue
        if len(name) > 100:
            errors["lists"] = f"清单名称「{name[:20]}…」过长（最多 100 个字）。"
            continue
        if name in seen_names:
            errors["lists"] = f"清单「{name}」出现了两次。"
        if choice.number in seen_numbers:
            errors["lists"] = f"附表{choice.number}出现了两次。"
        seen_names.add(name)
        seen_numbers.add(choice.number)
        cleaned.append(ListChoice(choice.number, name, choice.template_id, choice.list_id))
    if not cleaned:
        errors["lists"] = "请至少选择一张项目清单：项目都放在清单里。"
    return cleaned


# ----- proposals ------------------------------------------------------------------------------
def template_ids_by_name(session: Session) -> dict[str, int]:
    """Every milestone template's id by name."""
    return dict(session.execute(select(MilestoneTemplate.name, MilestoneTemplate.id)).all())


def proposed_template(templates: dict[str, int], list_name: str) -> int | None:
    """The template a list gets by default: the one named after it (力促开工项目 → 力促开工)."""
    return templates.get(template_name(list_name)) or templates.get(list_name)


def standard_choices(session: Session) -> list[ListChoice]:
    """The seven standard lists with their 附表 numbers and default templates."""
    templates = template_ids_by_name(session)
    return [
        ListChoice(item.number, item.name, proposed_template(templates, item.name))
        for item in STANDARD_LISTS
    ]


def proposed_form(session: Session, today: dt.date) -> CampaignForm:
    """A new campaign's form as first shown: this year's name, 100 days from today, 7 lists."""
    end = today + dt.timedelta(days=DEFAULT_DAYS - 1)
    office = session.scalar(
        select(Campaign.office_name)
        .where(Campaign.office_name.is_not(None))
        .order_by(Campaign.end_date.desc())
        .limit(1)
    )
    return CampaignForm(
        name=f"{today.year}年重点项目百日攻坚行动",
        start=today.isoformat(),
        end=end.isoformat(),
        office_name=office or "",
        lists=standard_choices(session),
    )


def form_of(session: Session, campaign_id: int) -> CampaignForm:
    """The form of an existing campaign, for 设置 → 攻坚行动."""
    campaign = session.get_one(Campaign, campaign_id)
    targets = {
        t.kind: (
            _plain(t.amount if is_amount(t.kind) else t.percent),
            t.due_date.isoformat() if t.due_date else "",
        )
        for t in campaign.targets
    }
    if TargetKind.INVESTMENT not in targets and campaign.target_investment is not None:
        targets[TargetKind.INVESTMENT] = (_plain(campaign.target_investment), "")
    return CampaignForm(
        name=campaign.name,
        start=campaign.start_date.isoformat(),
        end=campaign.end_date.isoformat(),
        office_name=campaign.office_name or "",
        issue_numbering=campaign.issue_numbering,
        issue_start=campaign.issue_start,
        targets=targets,
        lists=[ListChoice(pl.number, pl.name, pl.template_id, pl.id) for pl in campaign.lists],
    )


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def list_template(session: Session, list_id: int) -> int | None:
    """The milestone template linked to a list (套用模板 proposes it)."""
    return session.scalar(select(ProjectList.template_id).where(ProjectList.id == list_id))
