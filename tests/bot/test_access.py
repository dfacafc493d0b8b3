"""Access control through the real handlers (recording request, no sockets): invites, refusals, roles, groups."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlalchemy import func, select

from bot.telegram.access import hash_code
from bot.telegram.commands.base import OUTSIDER, UNREGISTERED_GROUP
from bot.telegram.commands.start import BAD_CODE
from storage.models import AuditEntry, Chat, Invite, Subscription, User
from tests.bot.support import member


def _code(messages) -> str:
    return re.search(r"/start (\S+)", messages[-1].text).group(1)


def _audit(db, action: str) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


async def test_an_outsider_gets_one_polite_refusal_no_data_and_every_attempt_is_logged(harness):
    h = harness
    h.fake.user(666, "Người lạ")
    replies = []
    for text in ["/start", "/stats tuần", "/search Khánh Hòa", "xin chào", "/sources"]:
        replies += await h.send(666, text)
    assert [m.text for m in replies] == [OUTSIDER]
    denied = _audit(h.database, "access.denied")
    assert [e.actor for e in denied] == ["tg:666"] * 5
    assert [e.details["what"] for e in denied][:3] == ["/start", "/stats", "/search"]


async def test_invite_joins_once_and_only_the_hash_is_stored(harness):
    h = harness
    await h.send(1, "/start")  # the bootstrap admin
    code = _code(await h.send(1, "/invite reviewer"))
    with h.database.session() as s:
        invite = s.scalars(select(Invite)).one()
        assert invite.code_hash == hash_code(code) and code not in json.dumps([invite.code_hash, invite.role])
    h.fake.user(20, "Lan", "Nguyễn", username="lan_nt")
    [welcome] = await h.send(20, f"/start {code}")
    assert "người rà soát" in welcome.text and "/review" in welcome.text
    h.fake.user(21, "Minh")
    assert [m.text for m in await h.send(21, f"/start {code}")] == [BAD_CODE]  # used
    with h.database.session() as s:
        lan = s.scalars(select(User).where(User.telegram_id == 20)).one()
        assert (lan.role, lan.name, lan.username, lan.active) == ("reviewer", "Lan Nguyễn", "lan_nt", True)
        assert s.scalars(select(Invite)).one().used_by == lan.id
        assert s.scalar(select(Chat.type).where(Chat.telegram_chat_id == 20)) == "private"
    assert [e.actor for e in _audit(h.database, "user.join")] == ["tg:20"]


async def test_expired_and_malformed_codes_are_refused_and_guessing_is_cut_off(harness):
    h = harness
    await h.send(1, "/start")
    code = _code(await h.send(1, "/invite officer"))
    with h.database.session() as s:
        s.scalars(select(Invite)).one().expires_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    h.fake.user(30, "Hùng")
    assert [m.text for m in await h.send(30, f"/start {code}")] == [BAD_CODE]
    answers = []
    for guess in ["' OR 1=1 --", "AAAAAAAAAAAA", "BBBBBBBBBBBB", "CCCCCCCCCCCC", "DDDDDDDDDDDD", code]:
        answers += await h.send(30, f"/start {guess}")
    assert len(answers) == 4  # five failures in a day, then silence
    with h.database.session() as s:
        assert s.scalar(select(func.count()).select_from(User).where(User.telegram_id == 30)) == 0


async def test_roles_limit_commands_and_admins_manage_people(harness):
    h = harness
    with h.database.session() as s:
        member(s, 40, "officer", "Cán bộ Tâm", subscribe={"kinds": []})
        member(s, 41, "reviewer", "Rà soát Hà")
    h.fake.user(40, "Tâm"), h.fake.user(41, "Hà")
    [refusal] = await h.send(40, "/invite reviewer")
    assert "dành cho quản trị viên" in refusal.text and "/start" not in refusal.text
    [listing] = await h.send(1, "/users")
    assert "40" in listing.text and "cán bộ theo dõi" in listing.text
    await h.send(1, "/role 40 reviewer")
    [removed] = await h.send(1, "/remove 40")
    assert "Đã gỡ quyền" in removed.text
    [refused_self] = await h.send(1, "/remove 1")
    assert "DIEMBAO_ADMIN_IDS" in refused_self.text
    with h.database.session() as s:
        tam = s.scalars(select(User).where(User.telegram_id == 40)).one()
        assert (tam.role, tam.active) == ("reviewer", False)
        assert not s.scalar(select(Chat.active).where(Chat.telegram_chat_id == 40))
        assert s.scalar(select(func.count()).select_from(Subscription)) == 0
    assert [m.text for m in await h.send(40, "/stats")] == [OUTSIDER]
    assert [e.details for e in _audit(h.database, "user.role")] == [{"before": "officer", "after": "reviewer"}]


async def test_group_chats_work_only_after_an_admin_registers_them(harness):
    h = harness
    with h.database.session() as s:
        member(s, 50, "officer", "Cán bộ Sơn")
    h.fake.user(50, "Sơn")
    h.fake.group(-500, "Tổ giám sát")
    assert [m.text for m in await h.send(50, "/stats", chat_id=-500)] == [UNREGISTERED_GROUP]
    assert await h.send(50, "/stats", chat_id=-500) == []  # once per person and group
    [registered] = await h.send(1, "/register", chat_id=-500)
    assert "Đã đăng ký nhóm “Tổ giám sát”" in registered.text
    [figures] = await h.send(50, "/stats", chat_id=-500)
    assert figures.chat_id == -500 and "Số liệu hôm nay" in figures.text
    h.fake.user(51, "Khách")
    assert [m.text for m in await h.send(51, "/stats", chat_id=-500)] == [OUTSIDER]


async def test_command_menus_are_registered(harness):
    menus = harness.fake.commands
    default = [c["command"] for c in menus[json.dumps({"type": "default"})]]
    assert {"start", "help", "stats", "search", "review", "flag", "subscribe", "unsubscribe", "sources"} <= set(default)
    assert "invite" not in default
    admin = [c["command"] for c in menus[json.dumps({"chat_id": 1, "type": "chat"}, sort_keys=True)]]
    assert {"invite", "users", "role", "remove", "register"} <= set(admin)
    assert all(c["description"] for c in menus[json.dumps({"type": "default"})])
