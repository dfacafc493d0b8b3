"""`diembao db ...`: schema migrations."""

from __future__ import annotations

import typer

from bot.context import load_settings, open_database
from storage.migrate import current_revision, head_revision, upgrade

app = typer.Typer(help="Cơ sở dữ liệu: tạo và nâng cấp lược đồ.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_cmd() -> None:
    """Áp dụng các migration còn thiếu (Alembic) lên cơ sở dữ liệu đã cấu hình."""
    settings = load_settings()
    database = open_database(settings, migrate=False)
    before = current_revision(database.engine)
    upgrade(database.engine)
    after = current_revision(database.engine)
    url = database.engine.url.render_as_string(hide_password=True)
    if before == after:
        typer.echo(f"Cơ sở dữ liệu {url} đã ở phiên bản mới nhất ({after}).")
    else:
        typer.echo(f"Đã nâng cấp {url}: {before or 'trống'} → {after} (mới nhất: {head_revision(database.engine)}).")
