"""`diembao digest`: build the weekly bulletin, the monthly pack or the half-year/annual report into a folder."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.context import load_settings, open_database
from bot.digest import DEFAULT_FORMATS, FormatError, PeriodError, build_bulletin, parse_formats, parse_period
from bot.digest.build import default_out_dir
from bot.digest.periods import KINDS
from bot.digest.wording import sentiment_sentence
from config import ConfigError, load_profile
from storage.models import utcnow

LABELS = {"docx": "Văn bản (DOCX)", "html": "Trang HTML", "xlsx": "Danh sách tin (XLSX)",
          "csv": "Danh sách tin (CSV)", "pdf": "PDF"}


def digest(
    period: str = typer.Option("week", "--period", help=f"Kỳ báo cáo: {', '.join(KINDS)}."),
    at: str = typer.Option(None, "--at", help="Kỳ cụ thể: 2024-W23, 2024-06, 2024-H1, 2024 (mặc định: kỳ vừa kết thúc)."),
    out: Path = typer.Option(None, "--out", help="Thư mục ghi các tệp bản tin (mặc định: <data_dir>/digests)."),
    formats: str = typer.Option(",".join(DEFAULT_FORMATS), "--format", help="Các định dạng, cách nhau bởi dấu phẩy: "
                                "docx, html, xlsx, csv, pdf."),
) -> None:
    """Tạo bản tin điểm báo tuần, thông báo tình hình báo chí tháng, báo cáo 6 tháng hoặc năm."""
    settings = load_settings()
    try:
        wanted = parse_formats(formats)
        chosen = parse_period(period, at, tz=settings.timezone, now=utcnow())
        profile = load_profile(settings.province, str(settings.profile_file) if settings.profile_file else None)
    except (FormatError, PeriodError) as exc:
        typer.echo(f"Lỗi: {exc}", err=True)
        raise typer.Exit(2) from None
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(f"Lỗi cấu hình: {problem}", err=True)
        raise typer.Exit(2) from None
    database = open_database(settings)
    with database.session() as session:
        bulletin = build_bulletin(session, chosen, out or default_out_dir(settings), settings=settings,
                                  profile=profile, formats=wanted)
    figures = bulletin.figures
    typer.echo(f"Đã tạo báo cáo {figures.period_name} ({figures.period_span}):")
    for kind, path in bulletin.files.items():
        typer.echo(f"  - {LABELS[kind]}: {path}")
    for note in bulletin.notes:
        typer.echo(f"  - {note}")
    typer.echo(sentiment_sentence(figures.province, figures.sentiments) + ".")
