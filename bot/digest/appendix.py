"""The list of the period's relevant items, as an XLSX or CSV appendix: streamed from the database, so a month of
70,000 items never sits in memory at once."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from sqlalchemy import func
from sqlalchemy.orm import Session

from bot.digest.content import rows_of_period
from bot.digest.periods import Period
from bot.stories.describe import mix_name
from bot.stories.features import label_keys
from config import Profile
from config.vocabulary import SENTIMENTS
from storage.models import Analysis, Item, Story
from storage.queries import item_time, outlet_name

HEADER = ["STT", "Thời gian", "Loại nguồn", "Nền tảng", "Báo, trang, tài khoản", "Tiêu đề", "Đường dẫn", "Sắc thái",
          "Chủ đề", "Địa bàn", "Sự việc"]
TITLE_CHARS = 300


def appendix_rows(session: Session, period: Period, profile: Profile) -> Iterator[list]:
    tz = ZoneInfo(period.tz)
    topics = {t.key: t.name for t in profile.topics}
    query = (rows_of_period(period, item_time(), Item.source_type, Item.platform, outlet_name(),
                            Item.title, func.substr(Item.text, 1, TITLE_CHARS), Item.url, Analysis.sentiment,
                            Analysis.topics, Analysis.places, Story.title)
             .outerjoin(Story, Story.id == Item.story_id)
             .where(Analysis.relevant.is_(True)).order_by(item_time(), Item.id)
             .execution_options(yield_per=2000))
    for n, (when, source_type, platform, outlet, title, text, url, sentiment, item_topics, places, story) in \
            enumerate(session.execute(query), 1):
        local: dt.datetime = when.astimezone(tz)
        yield [n, local.strftime("%d/%m/%Y %H:%M"), mix_name(source_type), mix_name(platform) if platform else "",
               outlet or "", title or " ".join((text or "").split()), url, SENTIMENTS.get(sentiment or "", ""),
               "; ".join(topics.get(k, k) for k in label_keys(item_topics)), "; ".join(label_keys(places)),
               story or ""]


def write_xlsx(rows: Iterator[list], path: Path) -> Path:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách tin")
    for column, width in zip("ABCDEFGHIJK", (6, 17, 22, 12, 28, 60, 40, 11, 28, 20, 50)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(str(path))
    return path


def write_csv(rows: Iterator[list], path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # the BOM makes Excel read Vietnamese correctly
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path
