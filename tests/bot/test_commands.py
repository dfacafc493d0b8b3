"""The commands through the real handlers (recording request): figures, search, tips, subscriptions, sources."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.numbers import shares, vn_percent
from bot.telegram.commands.stats import period_start
from storage.models import Item, Source, Subscription, utcnow
from tests.bot.support import analysis, item, member


async def _officer(h, telegram_id: int = 60, role: str = "officer") -> None:
    with h.database.session() as s:
        member(s, telegram_id, role, "Cán bộ Thu")
    h.fake.user(telegram_id, "Thu")


async def test_stats_speak_the_department_format(harness):
    h = harness
    await _officer(h)
    with h.database.session() as s:
        for n, sentiment in enumerate(["positive", "negative", "neutral", "neutral", "neutral", "negative"]):
            analysis(s, item(s, f"Tin số {n} về Nha Trang", "Nội dung " * 5), sentiment)
        analysis(s, item(s, "Tin không liên quan", "Nội dung " * 5), "neutral", relevant=False)
        item(s, "Chưa phân tích", "Nội dung " * 5)
    [answer] = await h.send(60, "/stats tuần")
    p = [vn_percent(x) for x in shares([1, 2, 3])]
    assert (f"Có 6 tin liên quan tỉnh Khánh Hòa, trong đó: tích cực: 1 ({p[0]} tổng số tin), tiêu cực: 2 ({p[1]} "
            f"tổng số tin) và trung lập: 3 ({p[2]} tổng số tin).") in answer.text
    assert p == ["16,7%", "33,3%", "50%"]
    assert "Báo chí địa phương: 6" in answer.text and "Còn 1 tin chưa phân tích" in answer.text
    [wrong] = await h.send(60, "/stats năm")
    assert "hôm nay" in wrong.text and "tuần" in wrong.text


def test_periods_start_at_local_midnight():
    tz = __import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh")
    now = dt.datetime(2024, 6, 12, 20, 0, tzinfo=dt.timezone.utc)  # Thursday 03:00 on the 13th in Vietnam
    assert period_start("day", now, tz) == dt.datetime(2024, 6, 12, 17, 0, tzinfo=dt.timezone.utc)
    assert period_start("week", now, tz) == dt.datetime(2024, 6, 9, 17, 0, tzinfo=dt.timezone.utc)
    assert period_start("month", now, tz) == dt.datetime(2024, 5, 31, 17, 0, tzinfo=dt.timezone.utc)


async def test_search_finds_phrases_typed_without_diacritics(harness):
    h = harness
    await _officer(h)
    with h.database.session() as s:
        item(s, "Sạt lở đèo Khánh Lê", "Mưa lớn gây SẠT LỞ nhiều điểm.", url="https://baokhanhhoa.vn/sat-lo.html")
        item(s, "Lỡ hẹn với mùa du lịch", "Khách sạn vắng vì lỡ mùa.", url="https://baokhanhhoa.vn/lo-hen.html")
        item(s, "Sát lông mày", "Không liên quan gì: sát lông.", url="https://baokhanhhoa.vn/sat-long.html")
    [found] = await h.send(60, "/search sat lo")
    assert "Sạt lở đèo Khánh Lê" in found.text and "Lỡ hẹn" not in found.text and "lông" not in found.text
    [marked] = await h.send(60, "/search lở")
    assert "Sạt lở" in marked.text and "Lỡ hẹn" not in marked.text
    [loose] = await h.send(60, "/search lo")
    assert "Sạt lở" in loose.text and "Lỡ hẹn" in loose.text
    [nothing] = await h.send(60, "/search <b>không có</b>")
    assert "Không tìm thấy" in nothing.text and "<b>không có</b>" in nothing.text
    [usage] = await h.send(60, "/search")
    assert "/search sạt lở" in usage.text


async def test_search_matches_on_postgresql_too(database):
    from bot.search import search_items
    with database.session() as s:
        item(s, "Sạt lở đèo Khánh Lê", "Mưa lớn gây SẠT LỞ nhiều điểm.", url="https://baokhanhhoa.vn/sat-lo.html")
        item(s, "Lỡ hẹn", "lỡ mùa", url="https://baokhanhhoa.vn/lo-hen.html")
        assert [h.title for h in search_items(s, "SAT LO")] == ["Sạt lở đèo Khánh Lê"]
        assert {h.title for h in search_items(s, "lo")} == {"Sạt lở đèo Khánh Lê", "Lỡ hẹn"}


async def test_a_tip_by_link_or_forward_is_stored_and_a_stored_article_keeps_its_text(harness):
    h = harness
    await _officer(h)
    with h.database.session() as s:
        item(s, "Bài đã có", "Nội dung gốc của bài báo đã thu thập.", url="https://baokhanhhoa.vn/da-co.html")
    [stored] = await h.send(60, "/flag https://facebook.com/groups/x/posts/1?fbclid=abc tin đồn sập cầu")
    assert "Đã ghi nhận tin báo" in stored.text
    [known] = await h.send(60, "/flag https://baokhanhhoa.vn/da-co.html?utm_source=zalo")
    assert "đã có trong hệ thống" in known.text
    [forwarded] = await h.feed(h.fake.forward_from_channel(60, "Nóng: cầu Trần Phú sắp sập, chia sẻ ngay!"))
    assert "cầu Trần Phú" in forwarded.text
    [usage] = await h.send(60, "/flag javascript:alert(1)")
    assert "Dùng: /flag" in usage.text
    with h.database.session() as s:
        tips = {i.canonical_url: i for i in s.scalars(select(Item).where(Item.source_type == "tip"))}
        assert set(tips) == {"https://facebook.com/groups/x/posts/1", "https://t.me/tinnong24h/77"}
        assert tips["https://facebook.com/groups/x/posts/1"].text == "tin đồn sập cầu"
        channel = tips["https://t.me/tinnong24h/77"]
        assert channel.kind == "tip" and channel.author == "tinnong24h" and channel.extra["tips"][0]["by"] == "tg:60"
        article = s.scalars(select(Item).where(Item.canonical_url == "https://baokhanhhoa.vn/da-co.html")).one()
        assert article.text == "Nội dung gốc của bài báo đã thu thập." and article.extra["tips"][0]["by"] == "tg:60"


async def test_subscriptions_by_kind_topic_place_and_severity(harness):
    h = harness
    await _officer(h)
    [added] = await h.send(60, "/subscribe loại: tin giả, xau doc; chủ đề: dat dai; địa bàn: cam ranh; mức: cao")
    assert "Đã đăng ký" in added.text and "Cam Ranh" in added.text and "từ mức cao" in added.text
    [everything] = await h.send(60, "/subscribe tất cả")
    [bad] = await h.send(60, "/subscribe địa bàn: Hà Nội")
    assert "không có trong danh mục" in bad.text and "Cam Ranh" in bad.text
    [garbled] = await h.send(60, "/subscribe <script>")
    assert "Không hiểu" in garbled.text and "&lt;script&gt;" in garbled.html
    with h.database.session() as s:
        subs = s.scalars(select(Subscription).order_by(Subscription.id)).all()
        assert [(x.kinds, x.topics, x.places, x.min_severity) for x in subs] == [
            (["misinformation", "harmful"], ["land"], ["Cam Ranh"], "high"), ([], [], [], "medium")]
        first = subs[0].id
    [dropped] = await h.send(60, f"/unsubscribe {first}")
    assert "Đã hủy 1 đăng ký" in dropped.text and f"#{first}" not in dropped.text
    await h.send(60, "/unsubscribe tất cả")
    with h.database.session() as s:
        assert s.scalars(select(Subscription)).all() == []


async def test_sources_show_health(harness):
    h = harness
    await _officer(h)
    with h.database.session() as s:
        s.add_all([Source(name="bao-khanh-hoa", title="Báo Khánh Hòa", kind="news", type="rss",
                          url="https://baokhanhhoa.vn/rss", last_success_at=utcnow(), created_at=utcnow()),
                   Source(name="Trang <Tin> Nóng", kind="social", type="facebook", url="https://fb.com/x",
                          silent_since=utcnow() - dt.timedelta(days=3), consecutive_failures=4, created_at=utcnow())])
    [health] = await h.send(60, "/sources")
    assert "2 nguồn tin" in health.text and "1 ngừng cập nhật" in health.text
    assert health.text.index("Trang <Tin> Nóng") < health.text.index("Báo Khánh Hòa")  # display name, else key
    assert "bao-khanh-hoa" not in health.text


async def test_unknown_commands_and_chatter_get_a_hint(harness):
    h = harness
    await _officer(h)
    [hint] = await h.send(60, "/khongco")
    assert "/help" in hint.text
    [helped] = await h.send(60, "/help")
    assert "/stats" in helped.text and "/invite" not in helped.text
