"""`diembao demo`: the whole pipeline offline on the built-in sample province, with a short Vietnamese summary."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.numbers import vn_int
from config.settings import get_settings, telegram_api_base_url, telegram_bot_token
from config.vocabulary import FLAG_KINDS


def demo(out: Path = typer.Option(Path("var/demo"), "--out", help="Thư mục ghi cơ sở dữ liệu và bản tin mẫu.")) -> None:
    """Chạy thử toàn bộ hệ thống, không cần Internet, trên tỉnh mẫu có sẵn: thu thập, phân tích, cảnh báo, bản tin."""
    from bot.demo.run import run_demo

    token = telegram_bot_token()
    typer.echo("Đang chạy thử trên tỉnh mẫu (các trang báo, diễn đàn, kênh Telegram mẫu phục vụ tại 127.0.0.1)…")
    result = run_demo(out, token=token, base_url=telegram_api_base_url(get_settings()) if token else None)
    a = result.analysis
    typer.echo("")
    typer.echo("1. Thu thập:")
    typer.echo("\n".join(f"   {line}" for line in result.crawl_summary.splitlines() if line.strip()))
    typer.echo(f"2. Phân tích: {vn_int(a.analysed)} tin, {vn_int(a.relevant)} tin liên quan tỉnh; "
               f"{vn_int(result.stories)} sự việc.")
    for title, outlets in result.multi_outlet_stories:
        typer.echo(f"   - “{title}”: 1 sự việc, {vn_int(outlets)} báo đưa tin")
    typer.echo(f"3. Cảnh báo: {vn_int(sum(result.flags.values()))}")
    for kind, name in FLAG_KINDS.items():
        if result.flags.get(kind):
            typer.echo(f"   - {name}: {vn_int(result.flags[kind])}")
    for flag_id, text in result.claim_matches:
        short = " ".join(text.split())[:110]
        typer.echo(f"   - Cảnh báo #{flag_id} trùng thông tin đã được kiểm chứng là sai: “{short}…”")
    typer.echo(f"4. Bản tin tuần {result.bulletin.period.key}:")
    for name, path in result.bulletin.files.items():
        typer.echo(f"   - {name.upper()}: {path}")
    for note in result.bulletin.notes:
        typer.echo(f"   - {note}")
    if result.sent is None:
        typer.echo("5. Telegram: chưa đặt TELEGRAM_BOT_TOKEN nên không gửi tin nhắn; cảnh báo và bản tin ở trên.")
    else:
        typer.echo(f"5. Telegram: đã gửi {vn_int(result.sent)} tin nhắn tới quản trị viên (DIEMBAO_ADMIN_IDS).")
    typer.echo(f"\nCơ sở dữ liệu của bản chạy thử: {result.database_url}")
    typer.echo(f"Xem thêm: DIEMBAO_DATABASE_URL={result.database_url} diembao flags list")
