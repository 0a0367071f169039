"""The campaign countdown (攻坚倒计时) shown in the status bar and on the overview."""

from __future__ import annotations

import datetime as dt


def countdown_text(start: dt.date, end: dt.date, today: dt.date) -> str:
    """'攻坚倒计时 N 天' while the campaign runs, '距开始 N 天' before it, '已结束' after it."""
    if today > end:
        return "已结束"
    if today < start:
        return f"距开始 {(start - today).days} 天"
    return f"攻坚倒计时 {(end - today).days} 天"
