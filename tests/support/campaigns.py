"""The campaign a test works on: the latest one of its database (tests mostly hold one)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.campaign.choice import latest_campaign


def the_campaign(session: Session) -> int | None:
    """The id of the database's latest campaign, or None when it has none yet."""
    campaign = latest_campaign(session)
    return campaign.id if campaign is not None else None
