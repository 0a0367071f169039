"""发文单位: the office named on every printout, set per campaign in 设置 → 攻坚行动.

Before campaigns carried it, the name was a program setting (print/office); that value still
stands in for a campaign that has none, so an office upgrading keeps its printouts unchanged.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Campaign


def printout_office(session: Session, campaign_id: int | None, legacy: str = "") -> str:
    """The campaign's 发文单位, else the older setting `legacy`, else ""."""
    campaign = session.get(Campaign, campaign_id) if campaign_id is not None else None
    own = campaign.office_name if campaign is not None else None
    return (own or legacy or "").strip()
