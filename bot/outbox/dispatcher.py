"""The outbox dispatcher: sends what the outbox holds, records what Telegram confirmed, never sends twice.

Each row is claimed (status `sending`, committed) before its request leaves, and recorded (`sent` with the message
ids) after Telegram answers. So, whatever moment the process dies at:
- a row only stored (`pending`) is sent after the restart, once;
- a row Telegram confirmed and we recorded is never sent again (exactly once);
- a row claimed whose answer never arrived (`sending` at start-up, or a connection lost after the request left)
  becomes `uncertain`: it is not resent blindly (at most once); the chat gets a short notice with a "Gửi lại"
  button so a person who did not see it can ask for it.
Certain non-deliveries (429, 5xx, no connection) are retried with backoff; permanent refusals (bot blocked, chat
not found) stop writing to the chat and are recorded on the row and the chat. Messages are split at 4,096
characters on line boundaries; one worker per chat keeps a chat's messages in order; the shared `SendLimiter` keeps
the bot within Telegram's flood limits. Run exactly one dispatcher per database."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.alerts import group_quiet_alerts, queue_alerts
from bot.outbox.errors import Fate, Verdict, edit_target_gone, judge, not_modified
from bot.outbox.limits import SendLimiter
from bot.telegram.callbacks import encode_resend
from bot.telegram.html import esc, fit, local_time, shorten, split_html
from config.settings import Settings
from storage import Database
from storage.audit import beat, record
from storage.models import Chat, Outbox, utcnow

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
CRASHED = "Dịch vụ gửi tin dừng đột ngột khi đang gửi: chưa rõ Telegram đã nhận hay chưa, nên không tự gửi lại."


class DispatcherStopped(RuntimeError):
    """Nothing can be sent (the bot token is refused)."""


@dataclass
class Job:
    row_id: int
    chat_id: int
    edit: bool
    text: str
    markup: dict[str, Any] | None
    document_path: str | None = None
    done: int = 0  # parts Telegram already confirmed
    message_id: int | None = None  # the message an edit rewrites (the one carrying the buttons)


def _limits(job: Job) -> dict[str, int]:
    """The dispatcher reschedules a 429 itself; rows go in the order they were queued."""
    return {"max_retries": 0, "priority": job.row_id}


def _due(now: dt.datetime):
    return or_(and_(Outbox.status == "pending", Outbox.next_attempt_at <= now),
               and_(Outbox.status == "sent", Outbox.needs_edit.is_(True), Outbox.next_attempt_at <= now))


def _locked(session: Session, row_id: int) -> Outbox | None:
    query = select(Outbox).where(Outbox.id == row_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalars(query).first()


def add_uncertain_notice(session: Session, row: Outbox, tz) -> None:
    """Tell the chat a message may not have arrived, with a button to ask for it again."""
    if row.kind == "notice":
        return
    key = f"uncertain:{row.id}:{row.attempts}"
    if session.scalar(select(Outbox.id).where(Outbox.dedupe_key == key)) is not None:
        return
    first_line = re.sub(r"<[^<>]*>", "", (row.text or "").split("\n", 1)[0])
    title = shorten(re.sub(r"&(lt|gt|quot|amp|#\d+);", " ", first_line), 80) or f"tin nhắn #{row.id}"
    text = (f"⚠️ <b>Chưa chắc tin nhắn đã đến</b>\nViệc gửi “{esc(title)}” lúc "
            f"{local_time(row.claimed_at or utcnow(), tz)} bị gián đoạn, không rõ Telegram đã nhận hay chưa. "
            "Nếu bạn chưa thấy tin đó, bấm <b>Gửi lại</b>; nếu đã thấy, bỏ qua thông báo này.")
    session.add(Outbox(chat_id=row.chat_id, kind="notice", dedupe_key=key, text=text, status="pending",
                       reply_markup={"inline_keyboard": [[{"text": "Gửi lại", "callback_data": encode_resend(row.id)}]]},
                       next_attempt_at=utcnow(), message_ids=[], counter=1, attempts=0, needs_edit=False,
                       created_at=utcnow()))


class Dispatcher:
    def __init__(self, database: Database, bot: ExtBot, settings: Settings, *, poll_interval: float = 1.0,
                 base_delay: float = 1.0, max_delay: float = 300.0, feed_alerts: bool = True):
        if not isinstance(bot, ExtBot):
            raise TypeError("the dispatcher needs an ExtBot with a SendLimiter (see bot.telegram.make_bot)")
        self.database, self.bot, self.settings = database, bot, settings
        self.poll_interval, self.base_delay, self.max_delay = poll_interval, base_delay, max_delay
        self.feed_alerts = feed_alerts
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = asyncio.Event()
        self._last_beat: dt.datetime | None = None
        self.tz = ZoneInfo(settings.timezone)

    # ----- the loop ----------------------------------------------------------------------------------------------
    def wake(self) -> None:
        """Look at the outbox now (new rows, edits); safe from any thread."""
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Send until `stop` is set; the row being sent in each chat is finished first."""
        self._stop = stop or asyncio.Event()
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        await asyncio.to_thread(self.recover)
        workers: dict[int, asyncio.Task] = {}
        try:
            while not self._stop.is_set():
                self._wake.clear()
                try:
                    chats, next_due = await asyncio.to_thread(self.tick)
                except Exception:  # the database may be briefly unavailable: keep going
                    log.exception("dispatcher tick failed")
                    chats, next_due = [], None
                for chat_id in chats:
                    if chat_id not in workers:
                        workers[chat_id] = asyncio.create_task(self._drain(chat_id), name=f"outbox-{chat_id}")
                for chat_id, task in list(workers.items()):
                    if task.done():
                        del workers[chat_id]
                        if not task.cancelled() and isinstance(task.exception(), DispatcherStopped):
                            raise task.exception()  # type: ignore[misc]
                timeout = self.poll_interval
                if next_due is not None:
                    timeout = min(timeout, max(0.0, (next_due - utcnow()).total_seconds()))
                waiters = [asyncio.create_task(self._wake.wait()), asyncio.create_task(self._stop.wait())]
                await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
                for waiter in waiters:
                    waiter.cancel()
        finally:
            self._stop.set()
            await asyncio.gather(*workers.values(), return_exceptions=True)

    async def run_until_idle(self) -> None:
        """Send everything due now, then return (tests, one-shot sending)."""
        await asyncio.to_thread(self.recover)
        while True:
            chats, _ = await asyncio.to_thread(self.tick)
            if not chats:
                return
            await asyncio.gather(*(self._drain(chat_id) for chat_id in chats))

    def recover(self) -> int:
        """Rows a dead dispatcher left `sending`: their outcome is unknown, so they become `uncertain`."""
        with self.database.session() as session:
            rows = session.scalars(select(Outbox).where(Outbox.status == "sending")).all()
            for row in rows:
                row.status, row.last_error = "uncertain", CRASHED
                add_uncertain_notice(session, row, self.tz)
                record(session, "system", "outbox.uncertain", "outbox", row.id, reason=CRASHED)
            return len(rows)

    def tick(self) -> tuple[list[int], dt.datetime | None]:
        """Queue new flags, group quiet alerts, and say which chats have rows due and when the next one is."""
        with self.database.session() as session:
            if self.feed_alerts:
                queue_alerts(session, self.settings)
                group_quiet_alerts(session, self.settings)
            now = utcnow()
            chats = list(session.scalars(select(Outbox.chat_id).where(_due(now)).distinct()))
            waiting = session.scalar(select(func.min(Outbox.next_attempt_at)).where(
                or_(Outbox.status == "pending", and_(Outbox.status == "sent", Outbox.needs_edit.is_(True)))))
            held = session.scalar(select(func.min(Outbox.created_at)).where(Outbox.status == "held"))
            if held is not None:
                held += dt.timedelta(minutes=self.settings.telegram.summary_minutes)
                waiting = min(waiting, held) if waiting else held
            if self._last_beat is None or now - self._last_beat > dt.timedelta(seconds=30):
                beat(session, "dispatcher", due_chats=len(chats))
                self._last_beat = now
            return chats, waiting

    async def _turn(self, chat_id: int) -> bool:
        """Wait until the limits let a message to `chat_id` go, before claiming it: a row never sits claimed in
        the limiter (where a crash would make it uncertain), and a stop is not held up. False when stopped."""
        limiter = self.bot.rate_limiter
        while not self._stop.is_set():
            wait = limiter.delay(chat_id, limiter.clock()) if isinstance(limiter, SendLimiter) else 0.0
            if wait is not None and wait <= 0:
                return True
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=wait if wait is not None else 0.05)
            except TimeoutError:
                pass
        return False

    async def _drain(self, chat_id: int) -> None:
        try:
            while await self._turn(chat_id):
                job = await asyncio.to_thread(self.claim, chat_id)
                if job is None:
                    return
                try:
                    await (self._edit(job) if job.edit else self._send(job))
                except DispatcherStopped:
                    raise
                except Exception as exc:  # a bug or a database failure after sending: never resend blindly
                    log.exception("outbox row %s failed unexpectedly", job.row_id)
                    await asyncio.to_thread(self._give_up_unknown, job, f"{type(exc).__name__}: {exc}")
                    return
        finally:
            if self._wake is not None:  # let the loop look again (a retry may be due soon)
                self._wake.set()

    # ----- database steps (run in a worker thread) ---------------------------------------------------------------
    def claim(self, chat_id: int) -> Job | None:
        """The next due row of a chat, claimed for sending (committed before anything leaves)."""
        with self.database.session() as session:
            while True:
                row = session.scalars(select(Outbox).where(Outbox.chat_id == chat_id, _due(utcnow()))
                                      .order_by(Outbox.id).limit(1)).first()
                if row is None:
                    return None
                if row.status == "sent":
                    if not row.message_ids:  # nothing on screen to edit
                        row.needs_edit = False
                        session.flush()
                        continue
                    return Job(row.id, chat_id, True, row.text, row.reply_markup, message_id=row.message_ids[-1])
                claimed = session.execute(update(Outbox).where(Outbox.id == row.id, Outbox.status == "pending")
                                          .values(status="sending", claimed_at=utcnow(),
                                                  attempts=Outbox.attempts + 1)).rowcount
                if claimed == 1:
                    return Job(row.id, chat_id, False, row.text, row.reply_markup, row.document_path,
                               done=len(row.message_ids or []))
                session.expire_all()

    def _record_part(self, row_id: int, message_id: int, last: bool) -> None:
        with self.database.session() as session:
            row = _locked(session, row_id)
            row.message_ids = [*(row.message_ids or []), message_id]
            if last:
                row.status, row.sent_at, row.last_error = "sent", utcnow(), None

    def _backoff(self, attempts: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** max(0, attempts - 1)) * random.uniform(0.8, 1.2)

    def _failed(self, job: Job, verdict: Verdict) -> None:
        with self.database.session() as session:
            row = _locked(session, job.row_id)
            row.last_error = verdict.reason[:2000]
            now = utcnow()
            if verdict.fate is Fate.RETRY or (verdict.fate is Fate.UNKNOWN and job.edit):  # edits are idempotent
                if not job.edit:
                    row.status = "pending"
                else:
                    row.attempts += 1
                row.next_attempt_at = now + dt.timedelta(seconds=verdict.delay or self._backoff(row.attempts))
            elif verdict.fate is Fate.UNKNOWN:
                row.status = "uncertain"
                add_uncertain_notice(session, row, self.tz)
                record(session, "system", "outbox.uncertain", "outbox", row.id, reason=verdict.reason)
            elif verdict.fate is Fate.CHAT_GONE:
                self._chat_gone(session, row.chat_id, verdict.reason)
                if not job.edit:
                    row.status = "dead"
                row.needs_edit = False
            elif verdict.fate is Fate.REJECTED:
                if job.edit:
                    row.needs_edit = False
                else:
                    row.status = "dead"
            elif verdict.fate is Fate.MIGRATED:
                self._migrate(session, row.chat_id, verdict.new_chat_id)
                if not job.edit:
                    row.status, row.next_attempt_at = "pending", now
                row.needs_edit = False
            else:  # FATAL: put the row back and stop
                if not job.edit:
                    row.status = "pending"
        if verdict.fate is Fate.FATAL:
            raise DispatcherStopped(f"Telegram từ chối mã bot (TELEGRAM_BOT_TOKEN): {verdict.reason}")

    def _give_up_unknown(self, job: Job, reason: str) -> None:
        with self.database.session() as session:
            row = _locked(session, job.row_id)
            if row is not None and row.status == "sending":
                row.status, row.last_error = "uncertain", reason[:2000]
                add_uncertain_notice(session, row, self.tz)

    @staticmethod
    def _chat_gone(session: Session, chat_id: int, reason: str) -> None:
        """Telegram will not take messages for this chat any more: record it and stop writing to it."""
        chat = session.scalars(select(Chat).where(Chat.telegram_chat_id == chat_id)).first()
        if chat is not None:
            chat.active, chat.blocked_reason = False, reason[:2000]
        session.execute(update(Outbox).where(Outbox.chat_id == chat_id,
                                             Outbox.status.in_(("pending", "held")))
                        .values(status="dead", last_error=reason[:2000]))
        record(session, "system", "chat.unreachable", "chat", chat_id, reason=reason)

    @staticmethod
    def _migrate(session: Session, old: int, new: int) -> None:
        """A group became a supergroup: its chat and its unsent rows move to the new id."""
        chat = session.scalars(select(Chat).where(Chat.telegram_chat_id == old)).first()
        if chat is not None and session.scalar(select(Chat.id).where(Chat.telegram_chat_id == new)) is None:
            chat.telegram_chat_id = new
        session.execute(update(Outbox).where(Outbox.chat_id == old, Outbox.status.in_(("pending", "sending", "held")))
                        .values(chat_id=new))
        record(session, "system", "chat.migrated", "chat", new, old_chat_id=old)

    def _edit_done(self, job: Job, error: str | None = None) -> None:
        with self.database.session() as session:
            session.execute(update(Outbox).where(Outbox.id == job.row_id, Outbox.text == job.text)
                            .values(needs_edit=False, last_error=error))

    # ----- Bot API calls -----------------------------------------------------------------------------------------
    def _markup(self, job: Job) -> InlineKeyboardMarkup | None:
        return InlineKeyboardMarkup.de_json(job.markup, self.bot) if job.markup else None

    async def _send(self, job: Job) -> None:
        parts = split_html(job.text or "")
        steps = len(parts) + (1 if job.document_path else 0)
        if steps == 0:
            await asyncio.to_thread(self._failed, job, Verdict(Fate.REJECTED, "Tin nhắn rỗng: không có gì để gửi."))
            return
        if job.document_path and not Path(job.document_path).is_file():  # checked before any part leaves
            await asyncio.to_thread(self._failed, job, Verdict(
                Fate.REJECTED, f"Không tìm thấy tệp đính kèm: {job.document_path}"))
            return
        for index in range(job.done, steps):
            last = index == steps - 1
            try:
                if index < len(parts):
                    message = await self.bot.send_message(
                        job.chat_id, parts[index], parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
                        reply_markup=self._markup(job) if last else None, rate_limit_args=_limits(job))
                else:
                    path = Path(job.document_path)
                    with path.open("rb") as fh:
                        message = await self.bot.send_document(job.chat_id, document=fh, filename=path.name,
                                                               reply_markup=self._markup(job), rate_limit_args=_limits(job))
            except TelegramError as exc:
                await asyncio.to_thread(self._failed, job, judge(exc))
                return
            await asyncio.to_thread(self._record_part, job.row_id, message.message_id, last)

    async def _edit(self, job: Job) -> None:
        try:
            await self.bot.edit_message_text(fit(job.text), chat_id=job.chat_id, message_id=job.message_id,
                                             parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
                                             reply_markup=self._markup(job), rate_limit_args=_limits(job))
        except TelegramError as exc:
            if not_modified(exc):
                await asyncio.to_thread(self._edit_done, job)
            elif edit_target_gone(exc):
                await asyncio.to_thread(self._edit_done, job, f"{type(exc).__name__}: {exc}")
            else:
                await asyncio.to_thread(self._failed, job, judge(exc))
            return
        await asyncio.to_thread(self._edit_done, job)
