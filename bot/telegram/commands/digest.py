"""/digest [tuần|tháng|2024-W23|2024-06]: the bulletin of the last complete week (or month, or the period named),
built now from what is stored, with the same code as the scheduled bulletin and `diembao digest`. Its summary and
its document go to the chat through the outbox, so the file follows the text and nothing is lost on a restart."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import CallbackContext

from bot.digest import PeriodError, build_bulletin, parse_period
from bot.digest.build import default_out_dir
from bot.digest.periods import Period
from bot.digest.send import queue_for_chat, telegram_formats
from bot.telegram.access import Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import Deps, deps, reply, run_db
from bot.telegram.html import esc
from nlp.normalize import fold, strip_diacritics
from storage.audit import record
from storage.models import utcnow

log = logging.getLogger(__name__)
WORDS = {"": "week", "tuan": "week", "tuan truoc": "week", "tuan roi": "week", "ban tin tuan": "week",
         "thang": "month", "thang truoc": "month", "thang roi": "month"}
KEYS = {"week": re.compile(r"^\d{4}-[Ww]\d{1,2}$"), "month": re.compile(r"^\d{4}-\d{1,2}$")}
USAGE = ("Dùng: /digest (bản tin tuần vừa qua), /digest tháng (tháng vừa qua), hoặc một kỳ cụ thể như "
         "/digest 2024-W23, /digest 2024-06.")
LOCK = "digest_build_lock"


def requested_period(text: str, tz: str, now: dt.datetime) -> Period:
    """The period asked for: the last complete week or month by default, or the week or month named; PeriodError
    (a Vietnamese message) otherwise."""
    kind = WORDS.get(strip_diacritics(fold(" ".join(text.split()))))
    if kind is not None:
        return parse_period(kind, None, tz=tz, now=now)
    kind = next((k for k, shape in KEYS.items() if shape.match(text.strip())), None)
    if kind is None:
        raise PeriodError(USAGE)
    period = parse_period(kind, text, tz=tz, now=now)
    if period.start > now:
        raise PeriodError(f"Kỳ {period.name} chưa bắt đầu nên chưa có bản tin.")
    return period


def build_and_queue(session: Session, period: Period, caller: Caller, message_id: int, d: Deps) -> list[str]:
    """Build the bulletin into the bulletins folder, queue it for the caller's chat; returns the build's notes
    (e.g. no PDF). A replayed update (same message) queues nothing new."""
    bulletin = build_bulletin(session, period, default_out_dir(d.settings), settings=d.settings, profile=d.profile,
                              formats=telegram_formats(d.settings))
    key = f"digest-request:{period.key}:chat:{caller.chat_id}:message:{message_id}"
    queue_for_chat(session, bulletin, d.settings, caller.chat_id, key)
    record(session, caller.actor, "digest.request", "digest", bulletin.digest_id, period_key=period.key,
           chat=caller.chat_id)
    return bulletin.notes


async def digest(update: Update, context: CallbackContext, caller: Caller) -> None:
    d = deps(context)
    try:
        period = requested_period(" ".join(context.args or []), d.settings.timezone, utcnow())
    except PeriodError as exc:
        await reply(update, esc(str(exc)))
        return
    await reply(update, f"⏳ Đang tạo báo cáo {esc(period.name)} ({esc(period.span)}); bản tóm tắt và tệp văn bản "
                        "sẽ được gửi ngay sau đây.")
    lock = context.application.bot_data.setdefault(LOCK, asyncio.Lock())  # one build at a time: 2 shared cores
    async with lock:
        try:
            notes = await run_db(context, build_and_queue, period, caller, update.effective_message.message_id, d)
        except Exception:
            log.exception("building the bulletin of %s for chat %s failed", period.key, caller.chat_id)
            await reply(update, "Không tạo được bản tin do lỗi hệ thống (đã ghi nhật ký). Vui lòng thử lại sau "
                                "hoặc báo quản trị viên.")
            return
    d.wake()
    if notes:
        await reply(update, esc(" ".join(notes)) + " Tệp DOCX được gửi thay thế.")


COMMANDS = (Command("digest", "Bản tin điểm báo tuần (hoặc tháng) vừa qua, kèm tệp văn bản", digest,
                    usage="[tuần|tháng]"),)
