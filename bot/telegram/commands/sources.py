"""/sources: the health of every source (last success, items in 24 hours and 7 days, failures, silence)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackContext

from bot.numbers import vn_int
from bot.telegram.access import Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc, local_time
from storage.status import source_health


async def sources(update: Update, context: CallbackContext, caller: Caller) -> None:
    health = await run_db(context, source_health)
    if not health:
        await reply(update, "Chưa có nguồn tin nào được cấu hình.")
        return
    tz = deps(context).tz
    silent = sum(1 for s in health if s.enabled and s.silent_since)
    failing = sum(1 for s in health if s.enabled and s.consecutive_failures)
    lines = [f"📡 <b>{vn_int(len(health))} nguồn tin</b>: {vn_int(silent)} ngừng cập nhật, {vn_int(failing)} đang lỗi"]
    for s in sorted(health, key=lambda s: (not s.silent_since, not s.consecutive_failures, s.label)):
        if not s.enabled:
            state = "⏸ tắt"
        elif s.silent_since:
            state = f"🔕 ngừng cập nhật từ {local_time(s.silent_since, tz)}"
        elif s.consecutive_failures:
            state = f"⚠️ lỗi {vn_int(s.consecutive_failures)} lần liên tiếp"
        else:
            state = "✅ bình thường"
        lines.append(f"• <b>{esc(s.label)}</b>: {state}; lần thu thập tốt gần nhất {local_time(s.last_success_at, tz)}; "
                     f"24 giờ: {vn_int(s.items_24h)} tin, 7 ngày: {vn_int(s.items_7d)} tin")
    await reply(update, "\n".join(lines))


COMMANDS = (Command("sources", "Tình trạng các nguồn tin", sources),)
