"""Reporting periods in the province's time zone: ISO weeks (up to 53 a year), months, half-years and years.

A period knows its key ("2024-W23", "2024-06", "2024-H1", "2024"), its bulletin number within the year, its local
first and last day, the UTC instants that bound it, the periods it is compared with, and its chart buckets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

KINDS = ("week", "month", "half-year", "year")
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


class PeriodError(ValueError):
    """A period that does not exist or is written wrongly; the message is for the officer."""


def has_week_53(year: int) -> bool:
    return dt.date(year, 12, 28).isocalendar().week == 53


def vn_date(day: dt.date) -> str:
    """Dates as administrative documents write them: day padded below 10, months 1 and 2 padded ("03/6/2024",
    "12/01/2024")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def vn_month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


@dataclass(frozen=True)
class Bucket:
    label: str
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int  # ISO week, month, half (1, 2); 1 for a year
    tz: str = "Asia/Ho_Chi_Minh"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PeriodError(f"Kỳ báo cáo {self.kind!r} không hợp lệ; chọn một trong: {', '.join(KINDS)}.")
        limit = {"week": 53 if has_week_53(self.year) else 52, "month": 12, "half-year": 2, "year": 1}[self.kind]
        if not 1 <= self.number <= limit:
            if self.kind == "week":
                raise PeriodError(f"Năm {self.year} chỉ có {limit} tuần (theo ISO 8601), không có tuần {self.number}.")
            raise PeriodError(f"Kỳ {self.kind} số {self.number} không tồn tại.")

    @property
    def key(self) -> str:
        return {"week": f"{self.year}-W{self.number:02d}", "month": f"{self.year}-{self.number:02d}",
                "half-year": f"{self.year}-H{self.number}", "year": str(self.year)}[self.kind]

    @property
    def bulletin_number(self) -> int | None:
        """The number within the year: the ISO week for weekly bulletins, the month, the half; none for a year."""
        return None if self.kind == "year" else self.number

    @property
    def first_day(self) -> dt.date:
        if self.kind == "week":
            return dt.date.fromisocalendar(self.year, self.number, 1)
        if self.kind == "month":
            return dt.date(self.year, self.number, 1)
        if self.kind == "half-year":
            return dt.date(self.year, 1 if self.number == 1 else 7, 1)
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def start(self) -> dt.datetime:
        return local_midnight(self.first_day, self.tz)

    @property
    def end(self) -> dt.datetime:
        """The first instant after the period (exclusive bound)."""
        return local_midnight(self.last_day + dt.timedelta(days=1), self.tz)

    def next(self) -> Period:
        if self.kind == "week":
            return week_of(dt.date.fromisocalendar(self.year, self.number, 1) + dt.timedelta(days=7), self.tz)
        limit = {"month": 12, "half-year": 2, "year": 1}[self.kind]
        if self.number < limit:
            return Period(self.kind, self.year, self.number + 1, self.tz)
        return Period(self.kind, self.year + 1, 1, self.tz)

    def previous(self) -> Period:
        if self.kind == "week":
            return week_of(self.first_day - dt.timedelta(days=7), self.tz)
        if self.number > 1:
            return Period(self.kind, self.year, self.number - 1, self.tz)
        last = {"month": 12, "half-year": 2, "year": 1}[self.kind]
        return Period(self.kind, self.year - 1, last, self.tz)

    def same_last_year(self) -> Period:
        """The same period a year earlier ("cùng kỳ"); week 53 compares with week 52 when last year had no 53rd."""
        number = self.number
        if self.kind == "week" and number == 53 and not has_week_53(self.year - 1):
            number = 52
        return Period(self.kind, self.year - 1, number, self.tz)

    @property
    def name(self) -> str:
        """ "tuần 23/2024", "tháng 6/2024", "6 tháng đầu năm 2024", "năm 2024"."""
        if self.kind == "week":
            return f"tuần {self.number}/{self.year}"
        if self.kind == "month":
            return f"tháng {vn_month(self.number)}/{self.year}"
        if self.kind == "half-year":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    @property
    def span(self) -> str:
        return f"từ ngày {vn_date(self.first_day)} đến ngày {vn_date(self.last_day)}"

    def buckets(self) -> list[Bucket]:
        """Days for a week or a month, months for a half-year or a year (the charts' x axis)."""
        if self.kind in ("week", "month"):
            days = [self.first_day + dt.timedelta(days=i) for i in range((self.last_day - self.first_day).days + 1)]
            label = (lambda d: f"{WEEKDAYS[d.weekday()]} {d.day:02d}/{vn_month(d.month)}") if self.kind == "week" \
                else (lambda d: str(d.day))
            return [Bucket(label(d), local_midnight(d, self.tz), local_midnight(d + dt.timedelta(days=1), self.tz))
                    for d in days]
        first = 1 if self.kind == "year" or self.number == 1 else 7
        months = range(first, first + (12 if self.kind == "year" else 6))
        return [Bucket(f"T{m}", (p := Period("month", self.year, m, self.tz)).start, p.end) for m in months]


def local_midnight(day: dt.date, tz: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), ZoneInfo(tz)).astimezone(dt.timezone.utc)


def week_of(day: dt.date, tz: str = "Asia/Ho_Chi_Minh") -> Period:
    iso = day.isocalendar()
    return Period("week", iso.year, iso.week, tz)


def period_containing(kind: str, moment: dt.datetime, tz: str) -> Period:
    day = moment.astimezone(ZoneInfo(tz)).date()
    if kind == "week":
        return week_of(day, tz)
    if kind == "month":
        return Period("month", day.year, day.month, tz)
    if kind == "half-year":
        return Period("half-year", day.year, 1 if day.month <= 6 else 2, tz)
    return Period(kind, day.year, 1, tz)


_FORMATS = {
    "week": (re.compile(r"^(\d{4})-[Ww](\d{1,2})$"), "2024-W23"),
    "month": (re.compile(r"^(\d{4})-(\d{1,2})$"), "2024-06"),
    "half-year": (re.compile(r"^(\d{4})-[Hh]([12])$"), "2024-H1"),
    "year": (re.compile(r"^(\d{4})$"), "2024"),
}


def parse_period(kind: str, at: str | None, *, tz: str, now: dt.datetime) -> Period:
    """The period `at` of this kind, or, without `at`, the last one that has ended by `now` (the Monday bulletin
    covers the week before)."""
    if kind not in KINDS:
        raise PeriodError(f"Kỳ báo cáo {kind!r} không hợp lệ; chọn một trong: {', '.join(KINDS)}.")
    if at is None:
        return period_containing(kind, now, tz).previous()
    pattern, example = _FORMATS[kind]
    match = pattern.match(at.strip())
    if not match:
        raise PeriodError(f"--at {at!r} không đúng dạng của kỳ {kind}: cần dạng như {example}.")
    year, number = int(match.group(1)), int(match.group(2)) if kind != "year" else 1
    return Period(kind, year, number, tz)
