"""Times as officers read them: the users' zone (Asia/Ho_Chi_Minh), day/month/year."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from config import Settings


def local_time(moment: dt.datetime | None, settings: Settings) -> str:
    """A stored UTC time in the users' zone, as officers write it (31/12/2025 08:30)."""
    if moment is None:
        return "chưa có"
    return moment.astimezone(ZoneInfo(settings.timezone)).strftime("%d/%m/%Y %H:%M")
