"""Bulletins: the weekly press review (bản tin điểm báo tuần), the monthly pack for the press briefing meeting
(giao ban báo chí), the half-year and annual report figures; figures, charts, DOCX/HTML/XLSX/CSV/PDF, Telegram
summary, and their sending through the Telegram outbox."""

from bot.digest.build import DEFAULT_FORMATS, FORMATS, Bulletin, FormatError, build_bulletin, parse_formats
from bot.digest.periods import Period, PeriodError, parse_period
from bot.digest.schedule import next_weekly_run, weekly_bulletin
from bot.digest.send import queue_bulletin

__all__ = ["DEFAULT_FORMATS", "FORMATS", "Bulletin", "FormatError", "Period", "PeriodError", "build_bulletin",
           "next_weekly_run", "parse_formats", "parse_period", "queue_bulletin", "weekly_bulletin"]
