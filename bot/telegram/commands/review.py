"""/review: the next flagged item waiting for this reviewer, most severe and oldest first, with its buttons."""

from __future__ import annotations

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackContext

from bot.alerts.card import Card, flag_card
from bot.numbers import vn_int
from bot.telegram.access import Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import deps, reply, run_db
from storage.models import Flag, Review

WAITING = ("moi", "sang_loc", "xac_minh")  # steps where a reviewer's eye is needed
REVIEWERS = frozenset({"reviewer", "admin"})
_SEVERITY_RANK = case({"critical": 0, "high": 1, "medium": 2, "low": 3}, value=Flag.severity, else_=4)


def next_in_queue(session: Session, caller: Caller, tz) -> tuple[int, Card | None]:
    """(how many flags wait, the card of the first one this reviewer has not labelled yet)."""
    waiting = select(Flag).where(Flag.status.in_(WAITING))
    count = session.scalar(select(func.count()).select_from(waiting.subquery())) or 0
    mine = exists().where(Review.flag_id == Flag.id, Review.reviewer == caller.actor)
    flag = session.scalars(waiting.where(~mine).order_by(_SEVERITY_RANK, Flag.created_at, Flag.id).limit(1)).first()
    return count, flag_card(session, flag, tz) if flag is not None else None


async def review(update: Update, context: CallbackContext, caller: Caller) -> None:
    count, card = await run_db(context, next_in_queue, caller, deps(context).tz)
    if card is None:
        await reply(update, f"Bạn đã xem hết hàng chờ. Đang có {vn_int(count)} cảnh báo chờ sàng lọc, xác minh.")
        return
    markup = InlineKeyboardMarkup.de_json(card.markup, context.bot) if card.markup else None
    await reply(update, f"📥 Hàng chờ: {vn_int(count)} cảnh báo\n{card.text}", markup)


COMMANDS = (Command("review", "Tin tiếp theo trong hàng chờ rà soát", review, roles=REVIEWERS),)
