"""The `diembao` command line (typer). Each area registers its commands here, one line each."""

from __future__ import annotations

import typer

from bot.cli import config_cmd, db, status
from bot.cli.digest import digest

app = typer.Typer(help="diembao: giám sát báo chí và mạng xã hội về tỉnh.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
app.add_typer(db.app, name="db")
app.add_typer(config_cmd.app, name="config")
app.command("status")(status.status)
app.command("digest")(digest)


def main() -> None:
    app()
