"""The `diembao` command line (typer): every area registers its commands here, one line each."""

from __future__ import annotations

import typer

from bot.cli import analyze_cmd, claims, config_cmd, db, evidence, flags, nlp_cmd, reviews, status, telegram_cmd
from bot.cli import crawl, demo_cmd, imports, items, run_cmd, sources_cmd
from bot.cli.digest import digest

app = typer.Typer(help="diembao: giám sát báo chí và mạng xã hội về tỉnh.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
app.add_typer(db.app, name="db")
app.add_typer(config_cmd.app, name="config")
app.command("status")(status.status)
app.command("crawl")(crawl.crawl)
app.command("import")(imports.import_cmd)
app.add_typer(items.app, name="items")
app.command("sources")(sources_cmd.sources)
app.command("bot")(telegram_cmd.bot)
app.add_typer(claims.app, name="claims")
app.add_typer(flags.app, name="flags")
app.add_typer(reviews.app, name="reviews")
app.add_typer(evidence.app, name="evidence")
app.add_typer(nlp_cmd.app, name="nlp")
app.command("analyze")(analyze_cmd.analyze)
app.command("digest")(digest)
app.command("run")(run_cmd.run)
app.command("demo")(demo_cmd.demo)


def main() -> None:
    app()
