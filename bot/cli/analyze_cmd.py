"""`diembao analyze`: annotate the stored items the current model versions have not annotated yet."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import typer

from bot.context import load_settings, open_database
from bot.numbers import vn_int


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
    """Phân tích tin mới: gắn nhãn, gom sự việc, nêu cảnh báo, xếp tin nhắn cảnh báo chờ gửi."""
    from bot.pipeline import Pipeline

    settings = load_settings()
    start = _since(since, settings.timezone)
    try:
        pipeline = Pipeline(settings)
    except (FileNotFoundError, ValueError) as exc:
        typer.echo(f"Lỗi: không nạp được mô hình phân tích: {exc}", err=True)
        raise typer.Exit(2) from None
    database = open_database(settings)

    def progress(report) -> None:
        typer.echo(f"Đã phân tích {vn_int(report.analysed)}/{vn_int(report.total)} tin; liên quan tỉnh: "
                   f"{vn_int(report.relevant)}")

    report = pipeline.run(database, since=start, reanalyze=reanalyze, progress=progress)
    if report.analysed == 0:
        typer.echo(f"Không có tin nào cần phân tích (phiên bản mô hình {pipeline.model_version}).")
    else:
        typer.echo(f"Xong: {vn_int(report.analysed)} tin, {vn_int(report.relevant)} tin liên quan tỉnh; phiên bản mô "
                   f"hình {pipeline.model_version}.")
    typer.echo(f"Sự việc mới: {vn_int(report.new_stories)}; cảnh báo mới: {vn_int(report.flags)}; "
               f"tin nhắn cảnh báo chờ gửi: {vn_int(report.alerts)}.")
