"""Writing a checked campaign setup (攻坚行动): a new campaign, or only what changed in one."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.campaign.setup import CampaignSetup, ListChoice, TargetSetting, is_amount
from app.infra.errors import UserError
from db.models import Campaign, CampaignTarget, Project, ProjectList


def add_campaign(session: Session, setup: CampaignSetup) -> Campaign:
    """Add the campaign with its targets and lists to `session` and flush (no commit)."""
    campaign = Campaign(name=setup.name, start_date=setup.start, end_date=setup.end)
    session.add(campaign)
    _apply(session, campaign, setup)
    session.flush()
    return campaign


def create_campaign(session: Session, setup: CampaignSetup) -> int:
    """新建攻坚行动: write the campaign, its targets and its lists; its id."""
    campaign = add_campaign(session, setup)
    session.commit()
    return campaign.id


def update_campaign(session: Session, campaign_id: int, setup: CampaignSetup) -> None:
    """设置 → 攻坚行动: change what differs; lists are added or re-linked, never removed here."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise UserError("这个攻坚行动已被删除，无法修改。")
    _refuse_projects_outside(session, campaign, setup)
    for attribute, value in (
        ("name", setup.name),
        ("start_date", setup.start),
        ("end_date", setup.end),
    ):
        if getattr(campaign, attribute) != value:
            setattr(campaign, attribute, value)
    _apply(session, campaign, setup)
    session.commit()


def _refuse_projects_outside(session: Session, campaign: Campaign, setup: CampaignSetup) -> None:
    """A list that holds projects keeps existing: the editor only shows it, never drops it."""
    kept = {choice.list_id for choice in setup.lists if choice.list_id is not None}
    for plist in campaign.lists:
        if plist.id in kept:
            continue
        count = session.scalar(select(func.count(Project.id)).where(Project.list_id == plist.id))
        if count:
            raise UserError(f"清单「{plist.name}」中有 {count} 个项目，不能去掉。")


def _apply(session: Session, campaign: Campaign, setup: CampaignSetup) -> None:
    for attribute, value in (
        ("office_name", setup.office_name),
        ("issue_numbering", setup.issue_numbering),
        ("issue_start", setup.issue_start),
    ):
        if getattr(campaign, attribute) != value:
            setattr(campaign, attribute, value)
    _apply_targets(campaign, setup.targets)
    _apply_lists(session, campaign, setup.lists)


def _apply_targets(campaign: Campaign, targets: list[TargetSetting]) -> None:
    """Change only the targets that differ, so the change log shows what the clerk changed."""
    wanted = {t.kind: t for t in targets}
    for row in list(campaign.targets):
        setting = wanted.pop(row.kind, None)
        if setting is None:
            campaign.targets.remove(row)
            continue
        amount = setting.value if is_amount(setting.kind) else None
        percent = None if is_amount(setting.kind) else setting.value
        for attribute, value in (
            ("amount", amount),
            ("percent", percent),
            ("due_date", setting.due),
        ):
            if getattr(row, attribute) != value:
                setattr(row, attribute, value)
    for setting in wanted.values():
        amount_kind = is_amount(setting.kind)
        campaign.targets.append(
            CampaignTarget(
                kind=setting.kind,
                amount=setting.value if amount_kind else None,
                percent=None if amount_kind else setting.value,
                due_date=setting.due,
            )
        )
    investment = next((t.value for t in targets if is_amount(t.kind)), None)
    if campaign.target_investment != investment:
        campaign.target_investment = investment


def _apply_lists(session: Session, campaign: Campaign, lists: list[ListChoice]) -> None:
    existing = {pl.id: pl for pl in campaign.lists if pl.id is not None}
    kept = {choice.list_id for choice in lists if choice.list_id is not None}
    for list_id, plist in existing.items():
        if list_id not in kept:
            campaign.lists.remove(plist)  # empty (checked above): deleted as an orphan
    # Renumbering may swap numbers: park the changed ones first (the pair is unique).
    moved = [c for c in lists if c.list_id in existing and existing[c.list_id].number != c.number]
    for choice in moved:
        existing[choice.list_id].number = -existing[choice.list_id].id  # type: ignore[index]
    if moved:
        session.flush()
    for choice in lists:
        kept_list = existing.get(choice.list_id) if choice.list_id is not None else None
        if kept_list is None:
            campaign.lists.append(
                ProjectList(number=choice.number, name=choice.name, template_id=choice.template_id)
            )
            continue
        for attribute, value in (
            ("number", choice.number),
            ("name", choice.name),
            ("template_id", choice.template_id),
        ):
            if getattr(kept_list, attribute) != value:
                setattr(kept_list, attribute, value)
