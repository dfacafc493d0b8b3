"""Publication times from feeds, pages, APIs and imports, as timezone-aware UTC.

A time without a zone is taken as Vietnam time (Asia/Ho_Chi_Minh), which is what Vietnamese outlets print."""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import dateparser

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_FUTURE_SLACK = dt.timedelta(days=2)
# "18/11/2025 07:45", "Thứ Ba, 18/11/2025, 07:45 (GMT+7)", "07:45 18-11-2025", "18/11/2025"
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_HM = re.compile(r"(?<!\d)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?(?!\d)")
_EPOCH = re.compile(r"^\d{10}(\d{3})?$")


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """Aware UTC; a naive time is Vietnam time. Times more than two days ahead are treated as unknown."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    moment = moment.astimezone(dt.timezone.utc)
    if moment > dt.datetime.now(dt.timezone.utc) + _FUTURE_SLACK:
        return None
    return moment


def from_struct(value: time.struct_time | None) -> dt.datetime | None:
    """feedparser's *_parsed fields (UTC struct_time)."""
    if not value:
        return None
    return as_utc(dt.datetime(*value[:6], tzinfo=dt.timezone.utc))


def _vietnamese(text: str) -> dt.datetime | None:
    day = _DMY.search(text)
    if not day:
        return None
    hm = _HM.search(text[:day.start()] + " " + text[day.end():])
    try:
        moment = dt.datetime(int(day.group(3)), int(day.group(2)), int(day.group(1)))
        if hm:
            moment = moment.replace(hour=int(hm.group(1)), minute=int(hm.group(2)), second=int(hm.group(3) or 0))
    except ValueError:
        return None
    offset = re.search(r"GMT\s*([+-])\s*(\d{1,2})", text)
    if offset:
        hours = int(offset.group(2)) * (1 if offset.group(1) == "+" else -1)
        moment = moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=hours)))
    return moment


def parse_date(value: object) -> dt.datetime | None:
    """Parse what sites and exports write: ISO 8601, RFC 822, epoch seconds, Vietnamese day-first dates."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return as_utc(value)
    if isinstance(value, (int, float)):
        return as_utc(dt.datetime.fromtimestamp(float(value), dt.timezone.utc))
    text = str(value).strip()
    if not text:
        return None
    if _EPOCH.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return as_utc(dt.datetime.fromtimestamp(seconds, dt.timezone.utc))
    try:
        return as_utc(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    moment = _vietnamese(text)
    if moment is None:
        moment = dateparser.parse(text, languages=["vi", "en"],
                                  settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return as_utc(moment)
