"""The scheduled weekly bulletin (default Monday 07:30 in the province's time zone): when it is due, and the
bulletin it sends. Sending goes through the Telegram outbox, which the runner wires to `weekly_bulletin`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.digest.build import Bulletin, build_bulletin, default_out_dir
from bot.digest.periods import parse_period
from config import Settings, load_profile
from storage import Database
from storage.models import utcnow

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SCHEDULED_FORMATS = ("docx", "html", "xlsx", "pdf")


def next_weekly_run(after: dt.datetime, settings: Settings) -> dt.datetime:
    """The first scheduled moment strictly after `after` (UTC), from `digest.weekday` and `digest.time`."""
    tz = ZoneInfo(settings.timezone)
    local = after.astimezone(tz)
    hour, minute = (int(part) for part in settings.digest.time.split(":"))
    days_ahead = (WEEKDAYS.index(settings.digest.weekday) - local.weekday()) % 7
    candidate = dt.datetime.combine(local.date() + dt.timedelta(days=days_ahead), dt.time(hour, minute), tz)
    if candidate <= local:
        candidate += dt.timedelta(days=7)
    return candidate.astimezone(dt.timezone.utc)


def weekly_bulletin(database: Database, settings: Settings, out_dir: Path | None = None,
                    now: dt.datetime | None = None) -> Bulletin:
    """Build (or rebuild) the bulletin of the last complete ISO week; its `summary` is the Telegram text and its
    `document` the file to attach."""
    now = now or utcnow()
    period = parse_period("week", None, tz=settings.timezone, now=now)
    profile = load_profile(settings.province, str(settings.profile_file) if settings.profile_file else None)
    with database.session() as session:
        return build_bulletin(session, period, out_dir or default_out_dir(settings), settings=settings,
                              profile=profile, formats=SCHEDULED_FORMATS, now=now)
