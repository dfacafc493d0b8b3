"""The sample province and a fake Bot API on 127.0.0.1, and `diembao run` started against them as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from bot.demo.content import SampleProvince
from bot.demo.run import register_claims
from bot.demo.server import SampleSites
from bot.demo.telegram import prepare_admin_chats
from config import get_settings
from storage import Database

ROOT = Path(__file__).resolve().parents[2]
ADMIN = 1
CHANNEL_EVERY_S = 1.0  # the channel preview is polled every second; the other sample sources once


def prepare(database: Database, province: SampleProvince, sites: SampleSites, folder: Path) -> Path:
    """Checked claims and an administrator's subscribed chat in the database; the sources file on disk."""
    register_claims(database, province.claims)
    prepare_admin_chats(get_settings(database_url=database.url, admin_ids=[ADMIN]), database)
    sources = sites.sources(interval_minutes=24 * 60)
    for source in sources:
        if source["kind"] == "telegram":
            source["interval_minutes"] = CHANNEL_EVERY_S / 60
    path = folder / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    return path


def start_runner(database_url: str, sources: Path, telegram, folder: Path, name: str) -> subprocess.Popen:
    env = {**os.environ, "DIEMBAO_DATABASE_URL": database_url, "DIEMBAO_DATA_DIR": str(folder),
           "DIEMBAO_ADMIN_IDS": str(ADMIN), "TELEGRAM_BOT_TOKEN": telegram.fake.token,
           "TELEGRAM_API_BASE_URL": telegram.base_url, "DIEMBAO_TELEGRAM__POLL_TIMEOUT_S": "1",
           "DIEMBAO_CRAWL__DOWNLOAD_DELAY_S": "0", "DIEMBAO_CRAWL__AUTOTHROTTLE_START_DELAY_S": "0",
           "PYTHONPATH": str(ROOT)}
    log = (folder / f"{name}.log").open("w")
    return subprocess.Popen([sys.executable, "-m", "bot", "run", "--sources", str(sources)], cwd=folder, env=env,
                            stdout=log, stderr=log)
