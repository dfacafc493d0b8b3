"""/subscribe and /unsubscribe: which alerts this chat receives, by kind, topic, place and minimum severity.

    /subscribe loại: tin giả, xấu độc; chủ đề: đất đai; địa bàn: Cam Ranh; mức: cao; bản tin: không
Every part is optional (left out = all); `/subscribe tất cả` takes every alert from medium severity up. Values are
matched with or without diacritics. A chat gets the weekly bulletin while one of its subscriptions wants it
("bản tin: có", the default). In a group only admins change subscriptions."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import CallbackContext

from bot.telegram.access import Caller
from bot.telegram.commands.base import Command
from bot.telegram.deps import deps, reply, run_db
from bot.telegram.html import esc
from config.profile import Profile
from config.vocabulary import FLAG_KINDS, SEVERITIES
from nlp.normalize import fold, strip_diacritics
from storage.audit import record
from storage.models import Chat, Subscription, utcnow

PARTS = {"loai": "kinds", "loai canh bao": "kinds", "chu de": "topics", "dia ban": "places", "noi": "places",
         "muc": "severity", "muc do": "severity", "tu muc": "severity", "ban tin": "digests"}
KIND_ALIASES = {"tin gia": "misinformation", "sai su that": "misinformation", "xau doc": "harmful",
                "bao chi": "negative_press", "theo doi": "watchlist", "dot bien": "volume_spike",
                "nguon im lang": "silent_source"}
EVERYTHING = ("tat ca", "all", "ca tinh", "toan tinh")
YES_NO = {"co": True, "nhan": True, "khong": False, "khong nhan": False}
USAGE = ("Cú pháp: /subscribe loại: tin giả, xấu độc; chủ đề: đất đai; địa bàn: Cam Ranh; mức: cao; bản tin: có\n"
         "Phần nào bỏ trống là nhận tất cả; /subscribe tất cả để nhận mọi cảnh báo từ mức trung bình "
         "(kèm bản tin điểm báo tuần; “bản tin: không” để không nhận).\n"
         "Hủy: /unsubscribe SỐ hoặc /unsubscribe tất cả.")


class SubscriptionError(ValueError):
    """A subscription we cannot understand; the message is for the officer."""


def norm(text: str) -> str:
    return strip_diacritics(fold(text))


def vocabularies(profile: Profile) -> dict[str, dict[str, str]]:
    """For each part, every accepted spelling (normalised) → the stored value."""
    kinds = {norm(k): k for k in FLAG_KINDS} | {norm(v): k for k, v in FLAG_KINDS.items()} | KIND_ALIASES
    topics = {norm(t.key): t.key for t in profile.topics} | {norm(t.name): t.key for t in profile.topics}
    places: dict[str, str] = {}
    for place in [*profile.former_districts, *profile.communes]:
        for spelling in [place.name, *place.aliases]:
            places.setdefault(norm(spelling), place.name)
    severity = {norm(k): k for k in SEVERITIES} | {norm(v): k for k, v in SEVERITIES.items()}
    return {"kinds": kinds, "topics": topics, "places": places, "severity": severity}


def parse(text: str, profile: Profile) -> dict[str, object]:
    """{"kinds": [...], "topics": [...], "places": [...], "min_severity": "...", "digests": bool} or
    SubscriptionError."""
    wanted: dict[str, object] = {"kinds": [], "topics": [], "places": [], "min_severity": "medium", "digests": True}
    if norm(text) in EVERYTHING:
        return wanted
    known = vocabularies(profile)
    for segment in filter(str.strip, text.split(";")):
        name, colon, values = segment.partition(":")
        part = PARTS.get(norm(name))
        if not colon or part is None:
            raise SubscriptionError(f"Không hiểu “{esc(segment.strip())}”.\n{esc(USAGE)}")
        if part == "digests":
            if norm(values) not in YES_NO:
                raise SubscriptionError("Phần bản tin ghi “có” hoặc “không”.")
            wanted["digests"] = YES_NO[norm(values)]
            continue
        chosen = []
        for value in filter(str.strip, values.split(",")):
            if norm(value) in EVERYTHING:
                chosen = []
                break
            found = known[part].get(norm(value))
            if found is None:
                options = ", ".join(sorted(set(known[part].values()) if part != "kinds" else FLAG_KINDS.values()))
                raise SubscriptionError(f"“{esc(value.strip())}” không có trong danh mục. Có thể chọn: "
                                        f"{esc(options[:1500])}")
            chosen.append(found)
        if part == "severity":
            if len(chosen) != 1:
                raise SubscriptionError("Mức cần đúng một giá trị: thấp, trung bình, cao hoặc nghiêm trọng.")
            wanted["min_severity"] = chosen[0]
        else:
            wanted[part] = list(dict.fromkeys(chosen))
    return wanted


def describe(sub: Subscription, profile: Profile) -> str:
    kinds = ", ".join(FLAG_KINDS[k] for k in sub.kinds) or "mọi loại cảnh báo"
    topics = ", ".join((profile.topic(t).name if profile.topic(t) else t) for t in sub.topics) or "mọi chủ đề"
    places = ", ".join(sub.places) or "cả tỉnh"
    return (f"#{sub.id}: {esc(kinds)} · chủ đề: {esc(topics)} · địa bàn: {esc(places)} · "
            f"từ mức {esc(SEVERITIES[sub.min_severity].lower())} · bản tin tuần: {'có' if sub.digests else 'không'}")


def _chat(session: Session, caller: Caller) -> Chat:
    return session.scalars(select(Chat).where(Chat.telegram_chat_id == caller.chat_id)).one()


def current(session: Session, caller: Caller) -> list[Subscription]:
    return list(session.scalars(select(Subscription).where(Subscription.chat_id == _chat(session, caller).id)
                                .order_by(Subscription.id)))


def add(session: Session, caller: Caller, text: str, profile: Profile) -> str:
    wanted = parse(text, profile)
    sub = Subscription(chat_id=_chat(session, caller).id, created_at=utcnow(), **wanted)
    session.add(sub)
    session.flush()
    record(session, caller.actor, "subscription.add", "chat", caller.chat_id, subscription=sub.id, **wanted)
    return "Đã đăng ký."


def drop(session: Session, caller: Caller, which: str, _profile: Profile) -> str:
    chat = _chat(session, caller)
    query = delete(Subscription).where(Subscription.chat_id == chat.id)
    if norm(which) not in EVERYTHING:
        if not which.lstrip("#").isdigit():
            raise SubscriptionError("Hãy ghi số của đăng ký cần hủy (xem bằng /unsubscribe) hoặc “tất cả”.")
        query = query.where(Subscription.id == int(which.lstrip("#")))
    removed = session.execute(query).rowcount
    record(session, caller.actor, "subscription.remove", "chat", caller.chat_id, which=which, removed=removed)
    return f"Đã hủy {removed} đăng ký."


def listing(subs: list[Subscription], profile: Profile) -> str:
    if not subs:
        return "Chat này chưa đăng ký nhận cảnh báo nào."
    return "Đang nhận cảnh báo theo:\n" + "\n".join(describe(s, profile) for s in subs)


async def _manage(update: Update, context: CallbackContext, caller: Caller, hint: str, change) -> None:
    """No argument: show this chat's subscriptions and `hint`. Otherwise `change(session, caller, text, profile)`,
    which only admins may do in a group."""
    profile = deps(context).profile
    text = " ".join(context.args or []).strip()
    if text and caller.in_group and caller.role != "admin":
        await reply(update, "Trong nhóm, chỉ quản trị viên thay đổi đăng ký nhận cảnh báo.")
        return
    done = hint
    if text:
        try:
            done = await run_db(context, change, caller, text, profile)
        except SubscriptionError as exc:
            await reply(update, str(exc))
            return
    subs = await run_db(context, current, caller)
    await reply(update, f"{done}\n{listing(subs, profile)}")


async def subscribe(update: Update, context: CallbackContext, caller: Caller) -> None:
    await _manage(update, context, caller, esc(USAGE), add)


async def unsubscribe(update: Update, context: CallbackContext, caller: Caller) -> None:
    await _manage(update, context, caller, "Hủy: /unsubscribe SỐ hoặc /unsubscribe tất cả.", drop)


COMMANDS = (
    Command("subscribe", "Đăng ký nhận cảnh báo theo loại, chủ đề, địa bàn, mức độ", subscribe,
            usage="loại: …; chủ đề: …; địa bàn: …; mức: …"),
    Command("unsubscribe", "Hủy đăng ký nhận cảnh báo", unsubscribe, usage="SỐ|tất cả"),
)
