import datetime as dt

import pytest

from bot.digest import Period, PeriodError, next_weekly_run, parse_period
from bot.digest.periods import has_week_53, vn_date, week_of
from config import get_settings

UTC = dt.timezone.utc
TZ = "Asia/Ho_Chi_Minh"


def test_iso_week_bounds_are_local_midnights():
    week = Period("week", 2024, 23)
    assert week.key == "2024-W23" and week.bulletin_number == 23
    assert (week.first_day, week.last_day) == (dt.date(2024, 6, 3), dt.date(2024, 6, 9))
    # 00:00 on Monday in Asia/Ho_Chi_Minh is 17:00 UTC on Sunday
    assert week.start == dt.datetime(2024, 6, 2, 17, tzinfo=UTC)
    assert week.end == dt.datetime(2024, 6, 9, 17, tzinfo=UTC)
    assert week.span == "từ ngày 03/6/2024 đến ngày 09/6/2024" and week.name == "tuần 23/2024"
    assert [b.label for b in week.buckets()] == ["T2 03/6", "T3 04/6", "T4 05/6", "T5 06/6", "T6 07/6", "T7 08/6",
                                                 "CN 09/6"]


def test_week_one_belongs_to_the_iso_year_and_week_53_exists_only_in_long_years():
    first = Period("week", 2025, 1)
    assert (first.first_day, first.last_day) == (dt.date(2024, 12, 30), dt.date(2025, 1, 5))
    assert week_of(dt.date(2024, 12, 31)).key == "2025-W01"
    assert has_week_53(2020) and not has_week_53(2021) and has_week_53(2026)
    w53 = Period("week", 2020, 53)
    assert (w53.first_day, w53.last_day) == (dt.date(2020, 12, 28), dt.date(2021, 1, 3))
    assert w53.next().key == "2021-W01" and w53.previous().key == "2020-W52"
    assert Period("week", 2021, 1).previous().key == "2020-W53"
    assert w53.same_last_year().key == "2019-W52"  # 2019 had no 53rd week
    assert Period("week", 2026, 53).same_last_year().key == "2025-W52"
    with pytest.raises(PeriodError, match="Năm 2021 chỉ có 52 tuần"):
        Period("week", 2021, 53)


def test_months_halves_years_and_their_comparisons():
    march = Period("month", 2024, 3)
    assert (march.key, march.name) == ("2024-03", "tháng 3/2024")
    assert march.last_day == dt.date(2024, 3, 31) and len(march.buckets()) == 31
    assert Period("month", 2024, 1).previous().key == "2023-12"
    assert Period("month", 2024, 2).name == "tháng 02/2024" and Period("month", 2024, 2).last_day.day == 29
    h1, h2 = Period("half-year", 2024, 1), Period("half-year", 2024, 2)
    assert (h1.key, h1.name, h2.name) == ("2024-H1", "6 tháng đầu năm 2024", "6 tháng cuối năm 2024")
    assert (h2.first_day, h2.last_day) == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    assert [b.label for b in h2.buckets()] == ["T7", "T8", "T9", "T10", "T11", "T12"]
    assert h1.previous().key == "2023-H2" and h1.same_last_year().key == "2023-H1"
    year = Period("year", 2024, 1)
    assert (year.key, year.bulletin_number, len(year.buckets())) == ("2024", None, 12)
    assert year.end == dt.datetime(2024, 12, 31, 17, tzinfo=UTC)


@pytest.mark.parametrize("kind, at, key", [
    ("week", "2024-W23", "2024-W23"), ("week", "2024-w5", "2024-W05"), ("month", "2024-06", "2024-06"),
    ("month", "2024-6", "2024-06"), ("half-year", "2024-H1", "2024-H1"), ("half-year", "2024-h2", "2024-H2"),
    ("year", "2024", "2024"),
])
def test_parse_period(kind, at, key):
    assert parse_period(kind, at, tz=TZ, now=dt.datetime(2025, 1, 1, tzinfo=UTC)).key == key


@pytest.mark.parametrize("kind, at, message", [
    ("week", "2024-23", "cần dạng như 2024-W23"), ("week", "2021-W53", "chỉ có 52 tuần"),
    ("month", "2024-13", "không tồn tại"), ("half-year", "2024-H3", "cần dạng như 2024-H1"),
    ("quarter", "2024-Q1", "không hợp lệ"),
])
def test_parse_period_errors_name_what_is_wrong(kind, at, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(kind, at, tz=TZ, now=dt.datetime(2025, 1, 1, tzinfo=UTC))


def test_default_period_is_the_last_one_ended_in_local_time():
    # Monday 10 June 2024 00:30 local is still Sunday 9 June 17:30 UTC: the week that ended is W23
    monday = dt.datetime(2024, 6, 9, 17, 30, tzinfo=UTC)
    assert parse_period("week", None, tz=TZ, now=monday).key == "2024-W23"
    sunday_night = dt.datetime(2024, 6, 9, 16, 30, tzinfo=UTC)  # 23:30 Sunday local: W23 is still running
    assert parse_period("week", None, tz=TZ, now=sunday_night).key == "2024-W22"
    assert parse_period("month", None, tz=TZ, now=monday).key == "2024-05"
    assert parse_period("half-year", None, tz=TZ, now=monday).key == "2023-H2"
    assert parse_period("year", None, tz=TZ, now=monday).key == "2023"


def test_next_weekly_run_is_monday_0730_local():
    settings = get_settings()
    assert (settings.digest.weekday, settings.digest.time) == ("mon", "07:30")
    friday = dt.datetime(2024, 6, 7, 3, tzinfo=UTC)
    assert next_weekly_run(friday, settings) == dt.datetime(2024, 6, 10, 0, 30, tzinfo=UTC)
    at_the_minute = dt.datetime(2024, 6, 10, 0, 30, tzinfo=UTC)
    assert next_weekly_run(at_the_minute, settings) == dt.datetime(2024, 6, 17, 0, 30, tzinfo=UTC)
    just_before = dt.datetime(2024, 6, 10, 0, 29, tzinfo=UTC)
    assert next_weekly_run(just_before, settings) == at_the_minute
    other = get_settings(digest={"weekday": "fri", "time": "16:00"})
    assert next_weekly_run(friday, other) == dt.datetime(2024, 6, 7, 9, tzinfo=UTC)


def test_administrative_date_format():
    assert vn_date(dt.date(2024, 6, 3)) == "03/6/2024"
    assert vn_date(dt.date(2024, 1, 12)) == "12/01/2024"
    assert vn_date(dt.date(2024, 2, 9)) == "09/02/2024"
    assert vn_date(dt.date(2024, 11, 21)) == "21/11/2024"
