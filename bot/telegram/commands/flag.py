"""/flag URL [ghi chú], or a post forwarded to the bot: an officer's tip, stored as an item of type "tip" for the
analysis loop. A link already stored keeps its content; the tip is noted on it instead."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import Message, MessageOriginChannel, MessageOriginChat, MessageOriginHiddenUser, MessageOriginUser, Update
from telegram.ext import CallbackContext
from w3lib.url import canonicalize_url

from bot.telegram.access import ALL_ROLES, Caller
from bot.telegram.commands.base import Command, admit
from bot.telegram.deps import reply, run_db
from bot.telegram.html import esc, shorten
from storage import ItemData, upsert_item
from storage.audit import record
from storage.models import Item, utcnow

URL = re.compile(r"https?://[^\s/$.?#][^\s]{0,2000}", re.IGNORECASE)
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|mibextid)$")
USAGE = "Dùng: /flag ĐƯỜNG_DẪN [ghi chú], hoặc chuyển tiếp (forward) bài đăng cho trợ lý."


def canonical(url: str) -> str:
    """The URL without its fragment and tracking parameters, query arguments sorted (w3lib)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    return canonicalize_url(urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), "")))


@dataclass
class Tip:
    url: str
    text: str
    author: str | None = None
    published_at: dt.datetime | None = None
    platform: str | None = None
    note: str | None = None


def store_tip(session: Session, tip: Tip, caller: Caller) -> tuple[int, bool]:
    """(item id, whether a new item was stored)."""
    key = canonical(tip.url) if tip.url.startswith(("http://", "https://")) else tip.url
    mark = {"by": caller.actor, "at": utcnow().isoformat(), "note": tip.note}
    existing = session.scalars(select(Item).where(Item.canonical_url == key)).first()
    if existing is not None:
        existing.extra = {**(existing.extra or {}), "tips": [*(existing.extra or {}).get("tips", []), mark]}
        record(session, caller.actor, "tip.add", "item", existing.id, url=tip.url, new=False)
        return existing.id, False
    item_id, _ = upsert_item(session, ItemData(
        url=tip.url, canonical_url=key, source_type="tip", kind="tip", text=tip.text, author=tip.author,
        author_id=caller.actor, published_at=tip.published_at, platform=tip.platform, thread=key,
        extra={"tips": [mark]}))
    record(session, caller.actor, "tip.add", "item", item_id, url=tip.url, new=True)
    return item_id, True


def _answer(item_id: int, new: bool) -> str:
    if new:
        return (f"Đã ghi nhận tin báo #{item_id}. Hệ thống sẽ phân tích và gửi cảnh báo nếu có dấu hiệu sai sự thật "
                "hoặc xấu độc.")
    return f"Tin này đã có trong hệ thống (#{item_id}); đã ghi thêm tin báo của bạn."


async def flag(update: Update, context: CallbackContext, caller: Caller) -> None:
    args = context.args or []
    if not args or not URL.fullmatch(args[0]):
        await reply(update, esc(USAGE))
        return
    note = " ".join(args[1:]).strip() or None
    tip = Tip(url=args[0], text=note or "", note=note)
    item_id, new = await run_db(context, store_tip, tip, caller)
    await reply(update, _answer(item_id, new))


def forwarded_tip(message: Message, caller: Caller) -> Tip | None:
    text = (message.text or message.caption or "").strip()
    if not text:
        return None
    origin = message.forward_origin
    author, url = None, f"tg://tip/{caller.telegram_id}/{message.message_id}"
    if isinstance(origin, MessageOriginChannel):
        author = origin.chat.title
        if origin.chat.username:
            url = f"https://t.me/{origin.chat.username}/{origin.message_id}"
        else:
            url = f"https://t.me/c/{str(origin.chat.id).removeprefix('-100')}/{origin.message_id}"
    elif isinstance(origin, MessageOriginChat):
        author = origin.sender_chat.title
    elif isinstance(origin, MessageOriginUser):
        author = origin.sender_user.full_name
    elif isinstance(origin, MessageOriginHiddenUser):
        author = origin.sender_user_name
    return Tip(url=url, text=text, author=author, published_at=origin.date if origin else None, platform="telegram")


async def on_forward(update: Update, context: CallbackContext) -> None:
    """A post forwarded to the bot in a private chat is a tip."""
    caller = await admit(update, context, "chuyển tiếp tin", ALL_ROLES)
    if caller is None:
        return
    tip = forwarded_tip(update.effective_message, caller)
    if tip is None:
        await reply(update, "Bài chuyển tiếp không có nội dung chữ. " + esc(USAGE))
        return
    item_id, new = await run_db(context, store_tip, tip, caller)
    await reply(update, f"{_answer(item_id, new)}\nNội dung: “{esc(shorten(tip.text, 160))}”")


COMMANDS = (Command("flag", "Báo một tin cần xem xét (đường dẫn hoặc chuyển tiếp bài)", flag,
                    usage="đường_dẫn [ghi chú]"),)
