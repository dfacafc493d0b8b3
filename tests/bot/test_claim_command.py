"""/claim: reviewers add checked claims from Telegram, validated like `diembao claims add`, never stored twice."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.claims import ClaimError
from bot.telegram.access import Caller
from bot.telegram.commands.claim import FORM_TITLE, parse_claim, register
from storage.models import AuditEntry, Claim
from tests.bot.support import member

RUMOUR = "Vỡ đập Đá Bàn, người dân Ninh Hòa cần sơ tán gấp trong đêm nay"


async def _person(h, telegram_id: int, role: str) -> None:
    with h.database.session() as s:
        member(s, telegram_id, role, f"Người {telegram_id}")
    h.fake.user(telegram_id, f"Người {telegram_id}")


def _claims(h) -> list[Claim]:
    with h.database.session() as s:
        return list(s.scalars(select(Claim).order_by(Claim.id)))


def test_parts_are_read_like_the_command_line():
    data = parse_claim(f"Tin giả | thien tai, dich benh | {RUMOUR} | Công an tỉnh | https://congan.khanhhoa.gov.vn/x "
                       "| 12/06/2025")
    assert (data.verdict, data.domain, data.text, data.source) == ("tin_gia", "disaster_epidemic", RUMOUR,
                                                                   "Công an tỉnh")
    assert data.source_url == "https://congan.khanhhoa.gov.vn/x" and data.claim_date.isoformat() == "2025-06-12"
    assert parse_claim(f"sai_su_that | | {RUMOUR}").domain == "other"  # the domain may be left empty
    assert parse_claim(f"xác thực | y tế | {RUMOUR} | 2025-06-12 | Sở Y tế").source == "Sở Y tế"  # any order
    with pytest.raises(ClaimError, match="Kết luận 'tin đồn' không hợp lệ"):
        parse_claim(f"tin đồn | y tế | {RUMOUR}")
    with pytest.raises(ClaimError, match="Lĩnh vực 'thời tiết' không hợp lệ.*disaster_epidemic"):
        parse_claim(f"tin giả | thời tiết | {RUMOUR}")
    with pytest.raises(ClaimError, match="ít nhất ba phần"):
        parse_claim(RUMOUR)
    with pytest.raises(ClaimError, match="ít nhất 12 ký tự"):
        parse_claim("tin giả | y tế | sập cầu")
    with pytest.raises(ClaimError, match="hai phần nguồn"):
        parse_claim(f"tin giả | y tế | {RUMOUR} | Công an tỉnh | Sở Y tế")


def test_a_claim_is_stored_once_with_its_telegram_author(database):
    reviewer = Caller(70, "reviewer", "Lan", 70, "private")
    other = Caller(71, "admin", "Hùng", 71, "private")
    with database.session() as s:
        first = register(s, parse_claim(f"tin giả | thiên tai dịch bệnh | {RUMOUR} | Công an tỉnh"), reviewer, 14)
        same = register(s, parse_claim(f"Tin gia | khac | {RUMOUR.upper()}!!!"), other, 14)
        conflict = register(s, parse_claim(f"xac thuc | khac | {RUMOUR.lower()}"), other, 14)
    assert first.startswith("✅ Đã thêm thông tin #1 (Tin giả · Thiên tai, dịch bệnh)")
    assert "Các tin của 14 ngày qua và tin mới lặp lại nội dung này" in first
    assert "đã có (#1, Tin giả); không thêm bản ghi mới" in same
    assert "kết luận “Tin giả”, khác kết luận “Tin xác thực”" in conflict
    with database.session() as s:
        [claim] = s.scalars(select(Claim)).all()
        assert (claim.verdict, claim.domain, claim.created_by) == ("tin_gia", "disaster_epidemic", "tg:70")
        audit = [(a.actor, a.action, a.target_id, a.details.get("conflict"))
                 for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert audit == [("tg:70", "claim.add", "1", None), ("tg:71", "claim.duplicate", "1", False),
                     ("tg:71", "claim.duplicate", "1", True)]


async def test_reviewers_add_claims_on_telegram_and_officers_may_not(harness):
    h = harness
    await _person(h, 70, "reviewer")
    await _person(h, 60, "officer")
    [added] = await h.send(70, f"/claim tin giả | thiên tai, dịch bệnh | {RUMOUR} <script> | Công an tỉnh")
    assert added.text.startswith("✅ Đã thêm thông tin #1") and "<script>" in added.text  # shown, escaped
    [again] = await h.send(70, f"/claim tin giả | khác | {RUMOUR} <script>")
    assert "đã có (#1" in again.text
    [wrong] = await h.send(70, f"/claim tin đồn | y tế | {RUMOUR}")
    assert "Kết luận 'tin đồn' không hợp lệ" in wrong.text and "tin_gia (Tin giả)" in wrong.text
    [refused] = await h.send(60, f"/claim tin giả | y tế | {RUMOUR} lần hai")
    assert "dành cho quản trị viên, người rà soát" in refused.text
    claims = _claims(h)
    assert [(c.id, c.created_by, c.source) for c in claims] == [(1, "tg:70", "Công an tỉnh")]


async def test_the_guided_form_takes_the_claim_as_a_reply(harness):
    h = harness
    await _person(h, 70, "reviewer")
    [form] = await h.send(70, "/claim")
    assert form.text.startswith(FORM_TITLE) and "kết luận | lĩnh vực | nội dung" in form.text
    assert h.fake.calls[-1][2]["reply_markup"]["force_reply"] is True
    [bad] = await h.feed(h.fake.reply_to(70, form, "chỉ có một phần"))
    assert "ít nhất ba phần" in bad.text and _claims(h) == []
    [done] = await h.feed(h.fake.reply_to(70, form, f"sai sự thật | y tế | {RUMOUR} | Sở Y tế"))
    assert done.text.startswith("✅ Đã thêm thông tin #1 (Tin sai sự thật · Y tế)")
    await _person(h, 60, "officer")
    [refused] = await h.feed(h.fake.reply_to(60, form, f"tin giả | y tế | {RUMOUR} khác"))
    assert "dành cho quản trị viên, người rà soát" in refused.text and len(_claims(h)) == 1


async def test_digest_and_claim_are_in_the_menus_and_help(harness):
    h = harness
    default = json.dumps({"type": "default"}, sort_keys=True)
    names = [c["command"] for c in h.fake.commands[default]]
    assert {"digest", "claim"} <= set(names)
    await _person(h, 70, "reviewer")
    await _person(h, 60, "officer")
    [for_reviewer] = await h.send(70, "/help")
    [for_officer] = await h.send(60, "/help")
    assert "/digest [tuần|tháng]" in for_reviewer.text and "/claim kết luận | lĩnh vực" in for_reviewer.text
    assert "/digest" in for_officer.text and "/claim" not in for_officer.text
    with h.database.session() as s:
        assert s.scalar(select(func.count()).select_from(Claim)) == 0
