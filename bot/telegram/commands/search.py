"""/search từ khóa: the newest matching items with their links (diacritics optional)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackContext

from bot.search import SearchError, search_items
from bot.telegram.access import Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc, link, local_time, shorten
from config.vocabulary import SOURCE_TYPES


async def search(update: Update, context: CallbackContext, caller: Caller) -> None:
    query = " ".join(context.args or [])
    try:
        hits = await run_db(context, search_items, query)
    except SearchError as exc:
        await reply(update, esc(str(exc)))
        return
    if not hits:
        await reply(update, f"Không tìm thấy tin nào có “{esc(shorten(query, 100))}”.")
        return
    tz = deps(context).tz
    lines = [f"🔎 <b>{len(hits)} tin mới nhất có “{esc(shorten(query, 100))}”</b>"]
    for n, hit in enumerate(hits, 1):
        title = shorten(hit.title, 120) or hit.url
        shown = link(hit.url, title) if hit.url.startswith(("http://", "https://")) else esc(title)
        origin = hit.outlet or SOURCE_TYPES.get(hit.source_type, hit.source_type)
        lines.append(f"{n}. {shown} — {esc(origin)}, {local_time(hit.at, tz)}")
    await reply(update, "\n".join(lines))


COMMANDS = (Command("search", "Tìm tin theo từ khóa (gõ có dấu hoặc không dấu)", search, usage="từ khóa"),)
