"""`diembao evidence export|verify`: the evidence package of a flag, and checking one received."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.context import load_settings, open_database
from bot.evidence import EvidenceError, export, verify
from bot.numbers import vn_int

app = typer.Typer(help="Hồ sơ bằng chứng của cảnh báo: xuất gói và kiểm tra mã băm.", no_args_is_help=True)


@app.command("export")
def export_cmd(
    flag_id: int = typer.Argument(..., help="Số cảnh báo."),
    out: Path = typer.Option(..., "--out", help="Thư mục lưu gói bằng chứng (.zip)."),
    by: str = typer.Option("cli", "--by", help="Người xuất (ghi vào nhật ký)."),
    no_screenshot: bool = typer.Option(False, "--no-screenshot", help="Không chụp màn hình bản lưu."),
) -> None:
    """Xuất gói bằng chứng: bản lưu gốc, nội dung, thông tin, ảnh chụp, lịch sử xử lý và mã SHA-256."""
    settings = load_settings()
    database = open_database(settings)
    try:
        with database.session() as session:
            path = export(session, flag_id, out, settings, actor=by, screenshot=not no_screenshot)
    except EvidenceError as exc:
        typer.echo(f"Lỗi: {exc}", err=True)
        raise typer.Exit(1) from None
    result = verify(path)
    typer.echo(f"Đã xuất gói bằng chứng của cảnh báo #{flag_id}: {path}")
    typer.echo(f"{vn_int(result.checked)} tệp, mã SHA-256 đã kiểm tra lại: {'khớp' if result.ok else 'KHÔNG khớp'}.")


@app.command("verify")
def verify_cmd(package: Path = typer.Argument(..., help="Tệp .zip của gói bằng chứng.")) -> None:
    """Kiểm tra gói bằng chứng: tính lại mã SHA-256 của từng tệp."""
    if not package.is_file():
        typer.echo(f"Lỗi: không tìm thấy tệp {package}.", err=True)
        raise typer.Exit(1)
    result = verify(package)
    if result.ok:
        typer.echo(f"Gói {package.name} nguyên vẹn: {vn_int(result.checked)} tệp khớp mã SHA-256.")
        return
    typer.echo(f"Gói {package.name} KHÔNG nguyên vẹn:", err=True)
    for problem in result.problems:
        typer.echo(f"  - {problem}", err=True)
    raise typer.Exit(1)
