"""/claim: a reviewer or admin adds a checked claim to the registry from Telegram.

    /claim tin giả | thiên tai, dịch bệnh | Vỡ đập Đá Bàn, dân cần sơ tán gấp | Công an tỉnh | https://… | 12/06/2025

Parts: verdict | domain | the claim [| source] [| link] [| date], validated by the same code as `diembao claims add`
(keys or Vietnamese names, with or without diacritics; an empty domain is "khác"). `/claim` alone sends the form as
a message to reply to. The same text (ignoring case, diacritics and punctuation) is never stored twice."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session
from telegram import ForceReply, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackContext, filters

from bot.claims import ClaimError, ClaimInput, add_claim
from bot.telegram.access import Caller
from bot.telegram.commands.base import Command, admit
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc, shorten
from config.vocabulary import CLAIM_DOMAINS, VERDICTS
from storage.audit import record

REVIEWERS = frozenset({"reviewer", "admin"})
FORM_TITLE = "📌 Thêm thông tin đã kiểm chứng"  # a reply to a message starting with it is a claim
URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$")
SHAPE = "kết luận | lĩnh vực | nội dung | nguồn | đường dẫn | ngày"
EXAMPLE = "tin giả | thiên tai, dịch bệnh | Vỡ đập Đá Bàn, người dân cần sơ tán gấp | Công an tỉnh"


def form_text() -> str:
    return (f"<b>{esc(FORM_TITLE)}</b>\nTrả lời tin nhắn này theo mẫu (nguồn, đường dẫn, ngày có thể bỏ qua):\n"
            f"<code>{esc(SHAPE)}</code>\nVí dụ: <code>{esc(EXAMPLE)}</code>\n"
            f"Kết luận: {esc(', '.join(VERDICTS.values()))}.\nLĩnh vực: {esc(', '.join(CLAIM_DOMAINS.values()))}.")


def parse_claim(text: str) -> ClaimInput:
    """The claim written as "verdict | domain | text [| source] [| link] [| date]"; ClaimError (Vietnamese)
    naming what is wrong."""
    parts = [" ".join(part.split()) for part in text.split("|")]
    if len(parts) < 3 or not parts[0] or not parts[2]:
        raise ClaimError(f"Cần ít nhất ba phần cách nhau bởi dấu |: {SHAPE}. Ví dụ: /claim {EXAMPLE}")
    verdict, domain, content, *rest = parts
    found: dict[str, str] = {}
    for part in filter(None, rest):
        kind = "đường dẫn" if URL.match(part) else "ngày" if DATE.match(part) else "nguồn"
        if kind in found:
            raise ClaimError(f"Có hai phần {kind} (“{shorten(found[kind], 60)}” và “{shorten(part, 60)}”); "
                             f"mỗi phần chỉ ghi một lần theo mẫu: {SHAPE}.")
        found[kind] = part
    return ClaimInput.build(text=content, verdict=verdict, domain=domain or None, source=found.get("nguồn"),
                            source_url=found.get("đường dẫn"), claim_date=found.get("ngày"))


def register(session: Session, data: ClaimInput, caller: Caller, recheck_days: int) -> str:
    """Store the claim as the caller's (audited by `add_claim`), or say which stored claim it repeats."""
    result = add_claim(session, data, actor=caller.actor)
    claim = result.claim
    shown = f"“{esc(shorten(claim.text, 300))}”"
    if result.created:
        return (f"✅ Đã thêm thông tin #{claim.id} ({esc(VERDICTS[claim.verdict])} · "
                f"{esc(CLAIM_DOMAINS.get(claim.domain, claim.domain))}): {shown}\n"
                f"Các tin của {recheck_days} ngày qua và tin mới lặp lại nội dung này sẽ được đối chiếu và cảnh báo.")
    record(session, caller.actor, "claim.duplicate", "claim", claim.id, verdict=data.verdict, conflict=result.conflict)
    if result.conflict:
        return (f"Thông tin này đã có (#{claim.id}) với kết luận “{esc(VERDICTS[claim.verdict])}”, khác kết luận "
                f"“{esc(VERDICTS[data.verdict])}” bạn gửi; giữ nguyên kết luận đã lưu, không thêm bản ghi mới: {shown}")
    return f"Thông tin này đã có (#{claim.id}, {esc(VERDICTS[claim.verdict])}); không thêm bản ghi mới: {shown}"


async def _add(update: Update, context: CallbackContext, caller: Caller, text: str) -> None:
    try:
        data = parse_claim(text)
    except ClaimError as exc:
        await reply(update, esc(str(exc)))
        return
    await reply(update, await run_db(context, register, data, caller, deps(context).settings.misinfo.recheck_days))


async def claim(update: Update, context: CallbackContext, caller: Caller) -> None:
    text = " ".join(context.args or [])
    if not text:
        await update.effective_chat.send_message(form_text(), parse_mode=ParseMode.HTML,
                                                 reply_markup=ForceReply(input_field_placeholder=SHAPE[:64]))
        return
    await _add(update, context, caller, text)


class _FormReply(filters.MessageFilter):
    """A text reply to the /claim form."""

    def filter(self, message) -> bool:
        target = message.reply_to_message
        return bool(message.text and target is not None and target.from_user is not None and target.from_user.is_bot
                    and (target.text or "").startswith(FORM_TITLE))


FORM_REPLY = _FormReply()


async def on_form_reply(update: Update, context: CallbackContext) -> None:
    if update.effective_message.reply_to_message.from_user.id != context.bot.id:
        return
    caller = await admit(update, context, "/claim", REVIEWERS)
    if caller is not None:
        await _add(update, context, caller, update.effective_message.text)


COMMANDS = (Command("claim", "Thêm thông tin đã kiểm chứng (tin giả, sai sự thật, xác thực)", claim,
                    roles=REVIEWERS, usage="kết luận | lĩnh vực | nội dung | nguồn"),)
