"""`diembao claims import|add|list`: the registry of checked claims (tin giả / tin sai sự thật / tin xác thực)."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.claims import ClaimError, ClaimInput, add_claim, import_rows, list_claims, read_claims
from bot.localtime import local_time
from bot.context import load_settings, open_database
from config.vocabulary import CLAIM_DOMAINS, VERDICTS

app = typer.Typer(help="Kho thông tin đã kiểm chứng: tin giả, tin sai sự thật, tin xác thực.", no_args_is_help=True)

_DOMAINS_HELP = "; ".join(f"{k} = {v}" for k, v in CLAIM_DOMAINS.items())
_VERDICTS_HELP = "; ".join(f"{k} = {v}" for k, v in VERDICTS.items())
_SHOWN_ERRORS = 50


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="Tệp .csv, .jsonl, .json/.jsonld (ClaimReview) hoặc .html."),
    domain: str = typer.Option("other", "--domain", help=f"Lĩnh vực cho dòng không ghi lĩnh vực. {_DOMAINS_HELP}."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Bỏ qua dòng lỗi, vẫn nhập các dòng hợp lệ."),
    by: str = typer.Option("cli", "--by", help="Người nhập (ghi vào nhật ký)."),
) -> None:
    """Nhập thông tin đã kiểm chứng từ tệp; dòng trùng nội dung không tạo bản ghi mới."""
    if not file.is_file():
        _fail(f"Không tìm thấy tệp {file}.")
    try:
        rows = read_claims(file, default_domain=domain)
    except ClaimError as exc:
        _fail(f"Lỗi: {exc}")
    database = open_database(load_settings())
    with database.session() as session:
        report = import_rows(session, rows, actor=by, skip_bad=skip_bad)
    for where, message in report.errors[:_SHOWN_ERRORS]:
        typer.echo(f"  Lỗi {where}: {message}", err=True)
    if len(report.errors) > _SHOWN_ERRORS:
        typer.echo(f"  … và {len(report.errors) - _SHOWN_ERRORS} lỗi khác.", err=True)
    if report.errors and not skip_bad:
        _fail(f"Có {len(report.errors)} dòng lỗi: chưa nhập gì. Sửa tệp hoặc dùng --skip-bad để bỏ qua dòng lỗi.")
    for where, claim_id, verdict in report.conflicts:
        typer.echo(f"  Chú ý {where}: trùng thông tin #{claim_id} đã lưu với kết luận “{VERDICTS[verdict]}”; "
                   "giữ nguyên kết luận đã lưu.")
    typer.echo(f"Đã nhập {len(report.created)} thông tin mới; {len(report.duplicates) + len(report.conflicts)} "
               f"dòng trùng thông tin đã có; {len(report.errors)} dòng lỗi bị bỏ qua.")


@app.command("add")
def add_cmd(
    text: str = typer.Argument(..., help="Nội dung thông tin đã kiểm chứng."),
    verdict: str = typer.Option(..., "--verdict", help=_VERDICTS_HELP),
    domain: str = typer.Option("other", "--domain", help=_DOMAINS_HELP),
    source: str = typer.Option(None, "--source", help="Cơ quan kết luận hoặc nguồn đính chính."),
    url: str = typer.Option(None, "--url", help="Đường dẫn bài đính chính."),
    date: str = typer.Option(None, "--date", help="Ngày kết luận (2025-06-12 hoặc 12/06/2025)."),
    by: str = typer.Option("cli", "--by", help="Người nhập (ghi vào nhật ký)."),
) -> None:
    """Thêm một thông tin đã kiểm chứng."""
    try:
        data = ClaimInput.build(text=text, verdict=verdict, domain=domain, source=source, source_url=url,
                                claim_date=date)
    except ClaimError as exc:
        _fail(f"Lỗi: {exc}")
    settings = load_settings()
    database = open_database(settings)
    with database.session() as session:
        result = add_claim(session, data, actor=by)
        claim = result.claim
    if result.created:
        typer.echo(f"Đã thêm thông tin #{claim.id} ({VERDICTS[claim.verdict]}, {CLAIM_DOMAINS[claim.domain]}). "
                   f"Các tin của {settings.misinfo.recheck_days} ngày qua sẽ được đối chiếu lại ở lượt phân tích tới.")
    elif result.conflict:
        typer.echo(f"Thông tin này đã có (#{claim.id}) với kết luận “{VERDICTS[claim.verdict]}”; giữ nguyên.")
    else:
        typer.echo(f"Thông tin này đã có (#{claim.id}); không thêm bản ghi mới.")


@app.command("list")
def list_cmd(
    verdict: str = typer.Option(None, "--verdict", help="Lọc theo kết luận."),
    domain: str = typer.Option(None, "--domain", help="Lọc theo lĩnh vực."),
    search: str = typer.Option(None, "--search", help="Lọc theo từ trong nội dung."),
    limit: int = typer.Option(50, "--limit", min=1, help="Số dòng tối đa."),
) -> None:
    """Liệt kê thông tin đã kiểm chứng, mới nhất trước."""
    settings = load_settings()
    database = open_database(settings)
    try:
        with database.session() as session:
            claims, total = list_claims(session, verdict=verdict, domain=domain, search=search, limit=limit)
    except ClaimError as exc:
        _fail(f"Lỗi: {exc}")
    if not claims:
        typer.echo("Chưa có thông tin nào phù hợp.")
        return
    typer.echo(f"{total} thông tin (hiển thị {len(claims)}):")
    for c in claims:
        when = c.claim_date.strftime("%d/%m/%Y") if c.claim_date else local_time(c.created_at, settings)
        typer.echo(f"#{c.id} [{VERDICTS[c.verdict]} · {CLAIM_DOMAINS.get(c.domain, c.domain)} · {when}] {c.text}")
        if c.source or c.source_url:
            typer.echo(f"    Nguồn: {' – '.join(p for p in (c.source, c.source_url) if p)}")
