"""Review on buttons: sentiment, misinformation verdict and workflow steps, and "Gửi lại" for uncertain messages.

A label press appends a review (the callback query id is its idempotency key, so a replayed update counts once); a
step press moves the flag only while the flag is still where the button saw it (the button carries the number of
steps taken), so stale and replayed presses change nothing and say so politely. Then every alert showing the flag is
re-rendered (who decided what) and the dispatcher edits the messages; a card shown by /review is edited directly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import CallbackContext, filters

from bot.alerts.card import Card, flag_card, flag_version
from bot.alerts.queue import refresh_alerts
from bot.casework import ReviewError, WorkflowError, add_review, move
from bot.telegram.access import ALL_ROLES, Caller
from bot.telegram.callbacks import SENTIMENT_CODES, STEP_CODES, VERDICT_CODES, Press, Step, decode
from bot.telegram.commands.base import admit
from bot.telegram.deps import NO_PREVIEW, deps, reply, run_db
from bot.telegram.html import esc
from config.settings import Settings
from config.vocabulary import FLAG_STATUSES, REVIEW_TASKS
from storage.audit import record
from storage.models import Flag, Outbox, utcnow

REVIEWERS = frozenset({"reviewer", "admin"})
PROMPT = re.compile(r"Mã thao tác: (\d{1,12})/(\d{1,6})/([a-z]{1,4})")
MAX_TEXT = 1000


@dataclass
class Outcome:
    toast: str  # what the presser sees (at most 200 characters)
    card: Card | None = None  # the pressed message, re-rendered, when it is not an outbox alert
    prompt: str | None = None  # ask for text (legal basis, reason to reopen) as a reply
    alert: bool = False  # show the toast as a dialog
    drop_buttons: bool = False


@dataclass(frozen=True)
class Where:
    chat_id: int
    message_id: int | None


def _lock(session: Session, flag_id: int) -> Flag | None:
    query = select(Flag).where(Flag.id == flag_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalars(query).first()


def _direct_card(session: Session, flag: Flag, tz: ZoneInfo, where: Where) -> Card | None:
    """The fresh card for the pressed message, unless it is an alert the dispatcher will edit anyway."""
    rows = session.scalars(select(Outbox.message_ids).where(Outbox.chat_id == where.chat_id, Outbox.flag_id == flag.id,
                                                            Outbox.kind == "alert"))
    if any(where.message_id in (ids or []) for ids in rows):
        return None
    return flag_card(session, flag, tz)


def apply_label(session: Session, press: Press, caller: Caller, callback_id: str, settings: Settings,
                where: Where) -> Outcome:
    flag = session.get(Flag, press.target)
    if flag is None or flag.item_id is None:
        return Outcome("Cảnh báo này không còn tin để gán nhãn.", alert=True)
    task, label = ("sentiment", SENTIMENT_CODES[press.code]) if press.op == "s" else ("misinfo", VERDICT_CODES[press.code])
    try:
        _, created = add_review(session, flag.item_id, task, label, caller.actor, channel="telegram", flag_id=flag.id,
                                idempotency_key=f"tg-callback:{callback_id}")
    except ReviewError as exc:
        return Outcome(str(exc), alert=True)
    name = REVIEW_TASKS[task][label]
    if not created:
        return Outcome(f"Đã ghi “{name}” trước đó; không tính thêm lần nữa.")
    refresh_alerts(session, flag.id, settings)
    return Outcome(f"Đã ghi: {name}", card=_direct_card(session, flag, ZoneInfo(settings.timezone), where))


def prompt_text(flag_id: int, version: int, code: str, step: Step) -> str:
    asked = ("kết luận VI PHẠM cần căn cứ pháp lý. Trả lời tin nhắn này bằng căn cứ (văn bản, điều khoản)"
             if step.needs_text == "legal_basis" else "mở lại cần ghi lý do. Trả lời tin nhắn này bằng lý do")
    return f"✍️ <b>Cảnh báo #{flag_id}</b>: {asked}.\nMã thao tác: {flag_id}/{version}/{code}"


def apply_step(session: Session, press: Press, caller: Caller, settings: Settings, where: Where,
               text: str | None = None) -> Outcome:
    tz = ZoneInfo(settings.timezone)
    flag = _lock(session, press.target)
    if flag is None:
        return Outcome("Cảnh báo này không còn tồn tại.", alert=True)
    if flag_version(session, flag.id) != press.version:
        refresh_alerts(session, flag.id, settings)
        return Outcome(f"Cảnh báo #{flag.id} đã được chuyển sang bước “{FLAG_STATUSES[flag.status]}” trước đó nên "
                       "nút này đã cũ; không thay đổi gì.", card=_direct_card(session, flag, tz, where), alert=True)
    step = STEP_CODES[press.code]
    text = (text or "").strip()[:MAX_TEXT] or None
    if step.needs_text and text is None:
        return Outcome("Cần ghi thêm thông tin: hãy trả lời tin nhắn bên dưới.",
                       prompt=prompt_text(flag.id, press.version, press.code, step))
    try:
        move(session, flag.id, step.to_status, caller.actor, conclusion=step.conclusion, action=step.action,
             legal_basis=text if step.needs_text == "legal_basis" else None,
             note=text if step.needs_text == "note" else "qua nút bấm trên Telegram")
    except WorkflowError as exc:
        return Outcome(str(exc)[:200], alert=True)
    refresh_alerts(session, flag.id, settings)
    return Outcome(f"Đã chuyển cảnh báo #{flag.id} sang bước “{FLAG_STATUSES[step.to_status]}”.",
                   card=_direct_card(session, flag, tz, where))


def apply_resend(session: Session, press: Press, caller: Caller, where: Where) -> Outcome:
    row = session.get(Outbox, press.target)
    if row is None or row.chat_id != where.chat_id:
        return Outcome("Không tìm thấy tin nhắn cần gửi lại.", alert=True)
    if row.status != "uncertain":
        return Outcome("Tin nhắn này đã được xử lý, không cần gửi lại.", drop_buttons=True)
    row.status, row.next_attempt_at, row.last_error = "pending", utcnow(), None
    record(session, caller.actor, "outbox.resend", "outbox", row.id)
    return Outcome("Đang gửi lại.", drop_buttons=True)


def invalid_press(session: Session, telegram_id: int, chat_id: int | None, data: str | None) -> None:
    record(session, f"tg:{telegram_id}", "callback.invalid", "chat", chat_id, data=repr(data)[:100])


async def on_press(update: Update, context: CallbackContext) -> None:
    query = update.callback_query
    press = decode(query.data)
    chat_id = query.message.chat.id if query.message else None
    if press is None:
        await run_db(context, invalid_press, query.from_user.id, chat_id, query.data)
        await query.answer("Nút không hợp lệ.")
        return
    caller = await admit(update, context, "nút bấm", ALL_ROLES if press.op == "r" else REVIEWERS)
    if caller is None or query.message is None:
        return
    where = Where(chat_id, query.message.message_id)
    settings = deps(context).settings
    if press.op == "r":
        outcome = await run_db(context, apply_resend, press, caller, where)
    elif press.op == "w":
        outcome = await run_db(context, apply_step, press, caller, settings, where)
    else:
        outcome = await run_db(context, apply_label, press, caller, query.id, settings, where)
    await query.answer(outcome.toast[:200], show_alert=outcome.alert)
    deps(context).wake()
    if outcome.card is not None:
        markup = InlineKeyboardMarkup.de_json(outcome.card.markup, context.bot) if outcome.card.markup else None
        try:
            await query.edit_message_text(outcome.card.text, parse_mode=ParseMode.HTML, reply_markup=markup,
                                          link_preview_options=NO_PREVIEW)
        except BadRequest as exc:  # unchanged, or too old to edit: the toast said what happened
            if "not modified" not in str(exc).lower():
                raise
    if outcome.drop_buttons:
        await query.edit_message_reply_markup(None)
    if outcome.prompt:
        await context.bot.send_message(chat_id, outcome.prompt, parse_mode=ParseMode.HTML,
                                       reply_markup=ForceReply(input_field_placeholder="Căn cứ pháp lý / lý do…"))


class _PromptReply(filters.MessageFilter):
    """A text reply to one of our "Mã thao tác" prompts."""

    def filter(self, message) -> bool:
        target = message.reply_to_message
        return bool(message.text and target is not None and target.from_user is not None and target.from_user.is_bot
                    and PROMPT.search(target.text or ""))


PROMPT_REPLY = _PromptReply()


async def on_prompt_reply(update: Update, context: CallbackContext) -> None:
    message = update.effective_message
    if message.reply_to_message.from_user.id != context.bot.id:
        return
    caller = await admit(update, context, "trả lời yêu cầu", REVIEWERS)
    if caller is None:
        return
    flag_id, version, code = PROMPT.search(message.reply_to_message.text).groups()
    press = decode(f"w:{flag_id}:{version}:{code}")
    if press is None or STEP_CODES[press.code].needs_text is None:
        return
    outcome = await run_db(context, apply_step, press, caller, deps(context).settings,
                           Where(message.chat.id, None), message.text)
    deps(context).wake()
    await reply(update, esc(outcome.toast))
