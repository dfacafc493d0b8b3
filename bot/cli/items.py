"""`diembao items ...`: export stored items for analysts; purge expired raw evidence."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import typer

from bot.cli.crawl import number
from bot.context import load_settings, open_database
from crawler.evidence import purge_evidence
from storage.export import export_rows, write_export

app = typer.Typer(help="Tin đã thu thập: xuất ra tệp, dọn bản lưu gốc quá hạn.", no_args_is_help=True)


@app.command("export")
def export(
    fmt: str = typer.Option("jsonl", "--format", help="jsonl hoặc csv"),
    since: str = typer.Option(None, "--since", help="Chỉ tin đăng (hoặc thu thập) từ ngày này, dạng YYYY-MM-DD."),
    out: Path = typer.Option(None, "--out", help="Tệp kết quả (mặc định: in ra màn hình)."),
) -> None:
    """Xuất tin đã thu thập (đường dẫn, tiêu đề, nội dung, tác giả, thời gian, nguồn, loại, tương tác)."""
    if fmt not in ("jsonl", "csv"):
        typer.echo("Lỗi: --format phải là jsonl hoặc csv", err=True)
        raise typer.Exit(2)
    settings = load_settings()
    start = None
    if since:
        try:
            day = dt.date.fromisoformat(since)
        except ValueError:
            typer.echo(f"Lỗi: --since {since!r} không phải ngày dạng YYYY-MM-DD", err=True)
            raise typer.Exit(2) from None
        start = dt.datetime.combine(day, dt.time(), ZoneInfo(settings.timezone)).astimezone(dt.timezone.utc)
    database = open_database(settings)
    with database.session() as session:
        rows = export_rows(session, start)
        if out is None:
            count = write_export(rows, sys.stdout, fmt)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as handle:
                count = write_export(rows, handle, fmt)
    if out is not None:
        typer.echo(f"Đã xuất {number(count)} tin vào {out}.")


@app.command("purge-evidence")
def purge() -> None:
    """Xóa bản lưu gốc (HTML/JSON) quá thời hạn lưu; giữ bản của tin đã gắn cảnh báo hoặc được ghim."""
    settings = load_settings()
    database = open_database(settings)
    with database.session() as session:
        purged = purge_evidence(session, settings.crawl.evidence_retention_days)
    typer.echo(f"Đã xóa bản lưu gốc của {number(purged)} tin cũ hơn {settings.crawl.evidence_retention_days} ngày.")
