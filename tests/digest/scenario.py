"""A week with known counts (ISO week 23 of 2024: 03/6 to 09/6 in Asia/Ho_Chi_Minh, i.e. 2024-06-02 17:00 UTC to
2024-06-09 17:00 UTC), the week before, the same week a year earlier, flags, reviews and sources."""

from __future__ import annotations

import datetime as dt

from digest.factory import at, flag, item, review, source
from storage.models import Analysis, Story, User

MON = at(2024, 6, 3, 2)  # 09:00 local on Monday 03/6


def build(session) -> dict:
    ids: dict[str, int] = {}
    urls: dict[str, str] = {}
    feed = source(session, "bao-khanh-hoa", last_item_at=at(2024, 6, 9))
    quiet = source(session, "bao-cu", title="Báo Ninh Thuận", last_item_at=at(2024, 5, 20))  # nothing this week
    marked = source(session, "trang-x", type_="social", silent_since=at(2024, 6, 8))  # crawler says silent
    source(session, "tat", enabled=False)  # disabled: never reported

    story = Story(title="Sạt lở đèo Khánh Lê", item_count=0, outlet_count=0)
    other_story = Story(title="Khách quốc tế đến Khánh Hòa tăng", item_count=0, outlet_count=0)
    session.add_all([story, other_story])
    session.flush()

    def add(name, **kwargs):
        row = item(session, **kwargs)
        ids[name], urls[name] = row.id, row.url
        return row

    # 6 press items about the landslide, 4 outlets (2 from the same outlet), 3 negative
    first = add("p1", when=MON, outlet="Báo Khánh Hòa", source=feed, sentiment="negative", topics=["traffic",
                "environment"], places=["Khánh Vĩnh"])
    first.story_id = story.id
    story.representative_item_id = first.id
    for n, (outlet, sentiment, source_type) in enumerate([("Báo Khánh Hòa", "negative", "provincial_press"),
                                                          ("VnExpress", "negative", "central_press"),
                                                          ("Tuổi Trẻ", "neutral", "central_press"),
                                                          ("Thanh Niên", "positive", "central_press"),
                                                          (None, "neutral", "central_press")], 2):
        row = add(f"p{n}", when=MON + dt.timedelta(hours=n), outlet=outlet, source_type=source_type,
                  sentiment=sentiment, topics=["traffic"], places=["Khánh Vĩnh"], uncertain=outlet == "Tuổi Trẻ",
                  source=feed if outlet is None else None)
        row.story_id = story.id
    # 4 social posts: 2 in the landslide story (facebook), 2 positive tourism posts (tiktok) in the other story
    for n, (platform, sentiment, st, topics) in enumerate([("facebook", "negative", story, ["traffic"]),
                                                          ("facebook", "neutral", story, ["traffic"]),
                                                          ("tiktok", "positive", other_story, ["tourism"]),
                                                          ("tiktok", "positive", other_story, ["tourism"])]):
        row = add(f"s{n}", when=MON + dt.timedelta(days=1, hours=n), source_type="social", platform=platform,
                  outlet=f"Trang {n}", kind="post", sentiment=sentiment, topics=topics,
                  places=["Nha Trang"] if platform == "tiktok" else [])
        row.story_id = st.id
    # near midnight: 00:30 local Monday 03/6 counts, 23:59 local Sunday 02/6 does not
    add("edge_in", when=at(2024, 6, 2, 17, 30), outlet="Báo Khánh Hòa", sentiment="positive",
        topics=[{"key": "tourism", "score": 0.9}])
    add("edge_before", when=at(2024, 6, 2, 16, 59), outlet="Báo Khánh Hòa", sentiment="positive")
    # 23:59 local Sunday 09/6 counts, 00:00 local Monday 10/6 does not
    add("edge_last", when=at(2024, 6, 9, 16, 59), source_type="forum", outlet="Diễn đàn X", sentiment="neutral")
    add("edge_after", when=at(2024, 6, 9, 17, 0), outlet="Báo Khánh Hòa", sentiment="neutral")
    # no publication date: counted by when it was fetched
    add("undated", when=None, fetched=at(2024, 6, 5, 3), source_type="portal", outlet="Cổng TTĐT tỉnh",
        sentiment="neutral", topics=["government"])
    # re-analysed: the latest analysis (positive) counts, not the first (negative)
    reanalysed = add("reanalysed", when=at(2024, 6, 6, 3), outlet="Báo Khánh Hòa", sentiment="negative",
                     analysed=at(2024, 6, 6, 4))
    session.add(Analysis(item_id=reanalysed.id, model_version="test-2", relevant=True, sentiment="positive",
                         topics=["economy"], places=["Cam Ranh"], created_at=at(2024, 6, 7)))
    # not about the province, and not analysed yet
    add("irrelevant", when=MON, outlet="Báo khác", relevant=False, sentiment="negative")
    add("pending", when=MON, outlet="Báo Khánh Hòa", relevant=None)
    # the week before (W22): 4 relevant; the same week a year earlier (2023-W23: 05/6 to 11/6/2023): 10 relevant
    for n in range(4):
        add(f"prev{n}", when=at(2024, 5, 28, 3 + n), sentiment="neutral")
    for n in range(10):
        add(f"ly{n}", when=at(2023, 6, 6, 3 + n), sentiment="negative" if n < 3 else "neutral")

    # flags
    p2 = session.get(type(first), ids["p2"])
    harmful_row = session.get(type(first), ids["s0"])
    step = dt.timedelta(hours=1)
    flags = {
        "handled": flag(session, kind="misinformation", created=MON, item_row=harmful_row, severity="critical",
                        steps=[(MON + step, "sang_loc", None, None, "tg:101"),
                               (MON + 2 * step, "ket_luan", "vi_pham", None, "tg:101"),
                               (MON + 3 * step, "xu_ly", None, "de_nghi_go_bo", "tg:102")]),
        "late": flag(session, kind="harmful", created=MON, severity="high",
                     steps=[(MON + step, "sang_loc", None, None, "tg:101"),
                            (MON + 2 * step, "ket_luan", "vi_pham", None, "tg:101"),
                            (at(2024, 6, 10, 3), "xu_ly", None, "nhac_nho", "tg:102")]),  # after the week
        "cleared": flag(session, kind="misinformation", created=MON, severity="medium",
                        steps=[(MON + step, "sang_loc", None, None, "tg:101"),
                               (MON + 2 * step, "ket_luan", "khong_vi_pham", None, "tg:101"),
                               (MON + 3 * step, "dong", None, None, "tg:101")]),
        "old": flag(session, kind="misinformation", created=at(2024, 5, 20), severity="high",
                    steps=[(at(2024, 5, 21), "sang_loc", None, None, "tg:101"),
                           (at(2024, 5, 22), "ket_luan", "vi_pham", None, "tg:101")]),  # verified before the week
        "new": flag(session, kind="watchlist", created=MON + 5 * step, severity="low"),
        "press_now": flag(session, kind="negative_press", created=MON, item_row=p2, severity="medium"),
        "press_open": flag(session, kind="negative_press", created=at(2024, 5, 25), severity="medium",
                           steps=[(at(2024, 5, 26), "sang_loc", None, None, "tg:101")]),
        "press_closed": flag(session, kind="negative_press", created=at(2024, 5, 25), severity="medium",
                             steps=[(at(2024, 5, 26), "sang_loc", None, None, "tg:101"),
                                    (at(2024, 5, 27), "ket_luan", "khong_vi_pham", None, "tg:101"),
                                    (at(2024, 5, 28), "dong", None, None, "tg:101")]),
        "silent": flag(session, kind="silent_source", created=MON, severity="low", source=marked),
    }
    # reviews: the model said negative for p1, neutral for p4; misinformation score 0.1 everywhere
    session.add(User(telegram_id=101, name="Nguyễn Văn A", role="reviewer"))
    later = MON + dt.timedelta(days=2)
    get = lambda name: session.get(type(first), ids[name])  # noqa: E731
    review(session, get("p1"), "sentiment", "negative", "tg:101", later)  # agrees
    review(session, get("p4"), "sentiment", "negative", "tg:101", later)  # disagrees
    review(session, get("p5"), "sentiment", "positive", "tg:101", later)  # agrees
    review(session, get("p6"), "sentiment", "neutral", "tg:101", MON + step)  # before any analysis: not compared
    review(session, get("prev0"), "sentiment", "neutral", "tg:101", at(2024, 5, 29))  # the week before
    # reviewed before the re-analysis: judged against the first analysis (negative), which agrees
    review(session, reanalysed, "sentiment", "negative", "tg:101", at(2024, 6, 6, 5))
    review(session, harmful_row, "misinfo", "tin_gia", "tg:102", later)  # model 0.1 (reliable): disagrees
    review(session, get("p3"), "misinfo", "chua_du_co_so", "tg:102", later)  # says nothing about the model
    review(session, get("p1"), "topic", "traffic", "tg:102", later)  # agrees
    session.flush()
    return {"ids": ids, "urls": urls, "flags": {k: f.id for k, f in flags.items()}, "story": story.id,
            "other_story": other_story.id, "sources": (feed.name, quiet.name, marked.name)}
