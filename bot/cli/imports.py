"""`diembao import FILE --mapping NAME`: items from another monitoring system's CSV/JSONL export."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlalchemy import select

from bot.cli.crawl import describe_run, number
from bot.context import load_settings, open_database
from config.sources import SOURCE_TYPE_NAMES
from crawler.health import close_run, open_run
from crawler.imports import ImportFailed, builtin_mappings, import_file
from crawler.report import SourceRun
from storage.models import Source


def import_cmd(
    file: Path = typer.Argument(..., help="Tệp CSV hoặc JSONL cần nhập."),
    mapping: str = typer.Option(..., "--mapping", help=f"Bảng ánh xạ cột: {', '.join(builtin_mappings())} "
                                                        "hoặc đường dẫn tệp YAML."),
    source: str = typer.Option(None, "--source", help="Ghi tin vào nguồn này (mặc định: nguồn 'nhap-<mapping>')."),
    source_type: str = typer.Option("social", "--type", help="Loại nguồn khi tệp không ghi: "
                                                            + ", ".join(SOURCE_TYPE_NAMES)),
) -> None:
    """Nhập tin từ tệp xuất của hệ thống giám sát khác (CSV/JSONL), không tạo tin trùng."""
    if source_type not in SOURCE_TYPE_NAMES:
        typer.echo(f"Lỗi: --type phải là một trong {', '.join(SOURCE_TYPE_NAMES)}", err=True)
        raise typer.Exit(2)
    settings = load_settings()
    database = open_database(settings)
    name = source or f"nhap-{Path(mapping).stem}"
    with database.session() as session:
        row = session.scalars(select(Source).where(Source.name == name)).first()
        if row is None:
            row = Source(name=name, kind="import", type=source_type, url=str(file), enabled=False)
            session.add(row)
            session.flush()
        run = SourceRun(name, "import", row.id)
        open_run(session, run)
    try:
        import_file(database, file, mapping, run, row.type if source else source_type)
    except ImportFailed as exc:
        run.entry_failed(str(file), str(exc))
    run.finish()
    with database.session() as session:
        close_run(session, run, settings.crawl.silent_factor)
    if run.status == "failed":
        typer.echo(f"Không nhập được: {run.error}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Đã nhập {file}: {number(run.new)} tin mới, {number(run.updated)} cập nhật, "
               f"{number(run.duplicates)} trùng, {number(run.failed)} dòng lỗi.")
    typer.echo(describe_run(run))
