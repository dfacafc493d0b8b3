"""`diembao config check`: every problem in the configuration, with its file, line and key path."""

from __future__ import annotations

from pathlib import Path

import typer

from config.check import run_check

app = typer.Typer(help="Cấu hình: kiểm tra tệp cấu hình, hồ sơ tỉnh và danh sách nguồn.", no_args_is_help=True)


@app.command("check")
def check(
    profile: Path = typer.Option(None, "--profile", help="Hồ sơ tỉnh cần kiểm tra (mặc định: theo cấu hình)."),
    sources: Path = typer.Option(None, "--sources", help="Tệp danh sách nguồn cần kiểm tra."),
) -> None:
    """Kiểm tra cấu hình; in từng lỗi kèm vị trí và thoát với mã khác 0 nếu có lỗi."""
    report = run_check(profile=profile, sources=sources)
    for path in report.checked:
        typer.echo(f"Đã kiểm tra: {path}")
    if report.ok:
        s = report.settings
        typer.echo(f"Cấu hình hợp lệ. Tỉnh: {s.province}; cơ sở dữ liệu: {s.database_url.split('@')[-1]}.")
        return
    typer.echo(f"Có {len(report.problems)} lỗi cấu hình:", err=True)
    for problem in report.problems:
        typer.echo(f"  - {problem}", err=True)
    raise typer.Exit(1)
