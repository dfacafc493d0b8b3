"""`diembao analyze`: annotate the stored items the current model versions have not annotated yet."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import typer

from bot.context import load_settings, open_database


def _since(value: str | None, timezone: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        typer.echo(f"Lỗi: --since {value!r} không phải ngày hợp lệ (dạng 2025-07-01 hoặc 2025-07-01T08:00)", err=True)
        raise typer.Exit(2) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(timezone))
    return parsed.astimezone(dt.timezone.utc)


def analyze(since: str | None = typer.Option(None, "--since", help="Chỉ các tin từ ngày này (giờ Việt Nam)."),
            reanalyze: bool = typer.Option(False, "--reanalyze", help="Phân tích lại cả tin đã phân tích.")) -> None:
    """Phân tích các tin đã thu thập mà phiên bản mô hình hiện tại chưa phân tích."""
    from bot.analysis import analyze_items, load_analyzer

    settings = load_settings()
    start = _since(since, settings.timezone)
    try:
        analyzer = load_analyzer(settings)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"Lỗi: không nạp được mô hình phân tích: {exc}", err=True)
        raise typer.Exit(2) from None
    database = open_database(settings)

    def progress(report) -> None:
        typer.echo(f"Đã phân tích {report.analysed:,}/{report.total:,} tin; liên quan tỉnh: {report.relevant:,}"
                   .replace(",", "."))

    report = analyze_items(database, analyzer, since=start, reanalyze=reanalyze, progress=progress)
    if report.analysed == 0:
        typer.echo(f"Không có tin nào cần phân tích (phiên bản mô hình {analyzer.model_version}).")
    else:
        typer.echo(f"Xong: {report.analysed:,} tin, {report.relevant:,} tin liên quan tỉnh; phiên bản mô hình "
                   f"{analyzer.model_version}.".replace(",", "."))
