"""`diembao demo`: the whole pipeline, offline, on the built-in sample province. It serves the sample sites on
127.0.0.1, registers the checked claims, crawls the sites with `diembao crawl` in its own process, analyses,
groups stories, raises flags, writes the weekly bulletin and, with TELEGRAM_BOT_TOKEN, sends alerts and bulletin."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import func, select

from bot.analysis import RunReport
from bot.claims.registry import ClaimInput, add_claim
from bot.demo.content import sample_province
from bot.demo.server import SampleSites
from bot.digest import build_bulletin, parse_period
from bot.digest.build import Bulletin
from bot.pipeline import Pipeline
from config import Settings, get_settings, load_profile
from storage import Database, ensure_schema
from storage.models import Flag, Item, Story

DEMO_FORMATS = ("docx", "html", "xlsx")
CRAWL_ENV = {"DIEMBAO_CRAWL__DOWNLOAD_DELAY_S": "0", "DIEMBAO_CRAWL__AUTOTHROTTLE_START_DELAY_S": "0"}


@dataclass
class DemoResult:
    out: Path
    database_url: str
    crawl_summary: str
    analysis: RunReport
    bulletin: Bulletin
    items: int = 0
    stories: int = 0
    multi_outlet_stories: list[tuple[str, int]] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)
    claim_matches: list[tuple[int, str]] = field(default_factory=list)
    sent: int | None = None  # Telegram messages delivered, when a token was given


def fresh_database(out: Path) -> str:
    """The demo's own SQLite file, emptied at every run so the demo always shows the same thing."""
    out.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (out / f"diembao.db{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{out / 'diembao.db'}"


def register_claims(database: Database, claims: list[dict]) -> int:
    with database.session() as session:
        return sum(add_claim(session, ClaimInput.build(c["text"], c["verdict"], c["domain"], c.get("source"),
                                                       claim_date=c["date"]), "demo").created for c in claims)


def crawl(sources_file: Path, settings: Settings) -> str:
    """`diembao crawl` in its own process, as in production; returns its summary."""
    env = {**os.environ, **CRAWL_ENV, "DIEMBAO_DATABASE_URL": settings.database_url,
           "DIEMBAO_DATA_DIR": str(settings.data_dir), "DIEMBAO_PROVINCE": settings.province}
    done = subprocess.run([sys.executable, "-m", "bot.cli.crawl", "--sources", str(sources_file)], env=env,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"thu thập thất bại (mã {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


def _figures(database: Database, result: DemoResult) -> None:
    with database.session() as session:
        result.items = session.scalar(select(func.count()).select_from(Item))
        result.stories = session.scalar(select(func.count()).select_from(Story))
        result.multi_outlet_stories = [(title, n) for title, n in session.execute(
            select(Story.title, Story.outlet_count).where(Story.outlet_count > 1)
            .order_by(Story.outlet_count.desc(), Story.item_count.desc()).limit(5))]
        result.flags = dict(session.execute(select(Flag.kind, func.count()).group_by(Flag.kind)).all())
        result.claim_matches = [(flag_id, text) for flag_id, text in session.execute(
            select(Flag.id, Item.text).join(Item, Item.id == Flag.item_id)
            .where(Flag.kind == "misinformation", Flag.claim_id.is_not(None)).order_by(Flag.id).limit(3))]


def run_demo(out: Path, *, token: str | None = None, base_url: str | None = None) -> DemoResult:
    out = out.resolve()
    url = fresh_database(out)
    settings = get_settings(database_url=url, data_dir=out, province="khanh_hoa", profile_file=None,
                            sources_file=out / "nguon-mau.yaml")
    database = Database(url)
    ensure_schema(database.engine)
    province = sample_province()
    register_claims(database, province.claims)
    if token:
        from bot.demo.telegram import prepare_admin_chats
        prepare_admin_chats(settings, database)
    with SampleSites(province) as sites:
        settings.sources_file.write_text(yaml.safe_dump({"sources": sites.sources()}, allow_unicode=True),
                                         encoding="utf-8")
        summary = crawl(settings.sources_file, settings)
    report = Pipeline(settings).run(database)
    with database.session() as session:
        period = parse_period("week", None, tz=settings.timezone, now=province.now)
        bulletin = build_bulletin(session, period, out, settings=settings, profile=load_profile("khanh_hoa"),
                                  formats=DEMO_FORMATS, now=province.now)
    result = DemoResult(out, url, summary, report, bulletin)
    _figures(database, result)
    if token:
        from bot.demo.telegram import send_demo_messages
        result.sent = asyncio.run(send_demo_messages(settings, database, bulletin, token=token, base_url=base_url))
    database.dispose()
    return result
