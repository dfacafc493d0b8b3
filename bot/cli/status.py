"""`diembao status`: counts of items, analyses, open flags, pending alerts and every source's health."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from zoneinfo import ZoneInfo

import typer

from bot.context import load_settings, open_database
from storage.status import status_report


def _local(moment: dt.datetime | None, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y %H:%M") if moment else "chưa có"


def status(as_json: bool = typer.Option(False, "--json", help="In dạng JSON cho máy đọc.")) -> None:
    """Tình trạng hệ thống: số tin, số tin đã phân tích, cảnh báo đang mở, sức khỏe từng nguồn."""
    settings = load_settings()
    database = open_database(settings)
    with database.session() as session:
        report = status_report(session)
    if as_json:
        typer.echo(json.dumps(dataclasses.asdict(report), default=str, ensure_ascii=False, indent=2))
        return
    tz = ZoneInfo(settings.timezone)
    typer.echo(f"Tỉnh: {settings.province}")
    typer.echo(f"Tin đã thu thập: {report.items:,}".replace(",", "."))
    typer.echo(f"Tin đã phân tích: {report.analysed_items:,}".replace(",", "."))
    typer.echo(f"Cảnh báo đang mở: {report.open_flags:,}".replace(",", "."))
    typer.echo(f"Tin nhắn chờ gửi: {report.outbox_pending:,}".replace(",", "."))
    if not report.sources:
        typer.echo("Chưa có nguồn nào được thu thập.")
    for s in report.sources:
        state = "tắt" if not s.enabled else ("im lặng từ " + _local(s.silent_since, tz) if s.silent_since else "bình thường")
        typer.echo(f"  - {s.name} ({s.kind}): {state}; thành công gần nhất {_local(s.last_success_at, tz)}; "
                   f"24 giờ: {s.items_24h}, 7 ngày: {s.items_7d}; lỗi liên tiếp: {s.consecutive_failures}")
    for name, info in sorted(report.components.items()):
        typer.echo(f"  [{name}] thành công gần nhất: {_local(info.get('last_success_at'), tz)}")
