"""`diembao sources`: the health of every source, as officers read it."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import typer

from bot.cli.crawl import configured_sources, number
from bot.cli.status import _local
from bot.context import load_settings, open_database
from config.sources import SOURCE_TYPE_NAMES
from crawler.health import refresh_silence
from crawler.platforms import missing_configuration
from storage.sources import sync_sources
from storage.status import SourceHealth, source_health

HEADINGS = ("Nguồn", "Tên", "Kiểu", "Loại nguồn", "Thành công gần nhất", "24 giờ", "7 ngày", "Lỗi liên tiếp",
            "Trích xuất", "Tình trạng")


def state(health: SourceHealth, tz: ZoneInfo) -> str:
    missing = missing_configuration(health.kind)
    if not health.enabled:
        return "đã tắt"
    if missing:
        return missing
    if health.consecutive_failures:
        return f"lỗi {health.consecutive_failures} lần liên tiếp: {health.last_error or ''}".strip()
    if health.silent_since:
        return f"IM LẶNG từ {_local(health.silent_since, tz)}"
    if health.last_success_at is None:
        return "chưa thu thập"
    return "bình thường"


def sources(
    sources_file: Path = typer.Option(None, "--sources", help="Tệp YAML danh sách nguồn (mặc định: của tỉnh)."),
) -> None:
    """Sức khỏe từng nguồn: lần thành công gần nhất, số tin 24 giờ và 7 ngày, lỗi liên tiếp, nguồn im lặng."""
    settings = load_settings()
    configs = configured_sources(settings, sources_file)
    database = open_database(settings)
    tz = ZoneInfo(settings.timezone)
    with database.session() as session:
        sync_sources(session, configs)
        refresh_silence(session, settings.crawl.silent_factor)
        healths = source_health(session)
    rows = [HEADINGS] + [
        (h.name, h.label if h.label != h.name else "–", h.kind, SOURCE_TYPE_NAMES.get(h.type, h.type), _local(h.last_success_at, tz), number(h.items_24h),
         number(h.items_7d), str(h.consecutive_failures),
         f"{h.extraction_yield:.0%}" if h.extraction_yield is not None else "–", state(h, tz))
        for h in healths]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADINGS) - 1)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
    silent = sum(1 for h in healths if h.enabled and h.silent_since)
    failing = sum(1 for h in healths if h.enabled and h.consecutive_failures)
    typer.echo(f"Tổng: {len(healths)} nguồn; {failing} nguồn đang lỗi; {silent} nguồn im lặng bất thường.")
