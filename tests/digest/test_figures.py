import dataclasses
import datetime as dt

from bot.digest import Period
from bot.digest.compute import compute_figures
from config import load_profile
from digest import scenario
from digest.factory import at, flag, item, source

WEEK = Period("week", 2024, 23)


def _figures(database, period=WEEK, now=at(2024, 6, 10, 1)):
    with database.session() as s:
        built = scenario.build(s)
    with database.session() as s:
        return built, compute_figures(s, period, load_profile("khanh_hoa"), now=now, misinfo_threshold=0.6)


def _rows(shares):
    return [(r.key, r.count, r.share, r.negative) for r in shares]


def test_totals_sentiments_sources_and_days(database):
    _, f = _figures(database)
    assert (f.period_key, f.number, f.complete, str(f.through)) == ("2024-W23", 23, True, "2024-06-09")
    assert (f.collected, f.total, f.pending_analysis) == (16, 14, 1)
    assert f.sentiments.counts == {"positive": 5, "negative": 4, "neutral": 5}
    assert f.sentiments.shares == {"positive": 35.7, "negative": 28.6, "neutral": 35.7}
    assert _rows(f.by_source_type) == [("central_press", 4, 28.6, 1), ("provincial_press", 4, 28.6, 2),
                                       ("social", 4, 28.6, 1), ("forum", 1, 7.1, 0), ("portal", 1, 7.1, 0)]
    assert f.by_source_type[0].name == "Báo chí trung ương"
    assert f.outlet_count == 11 and (f.outlets[0].key, f.outlets[0].count) == ("Báo Khánh Hòa", 4)
    assert {r.key for r in f.outlets} >= {"bao-khanh-hoa", "Cổng TTĐT tỉnh", "Diễn đàn X"}  # source name fallback
    assert round(sum(r.share for r in f.outlets), 1) == 100.0
    assert _rows(f.platforms) == [("facebook", 2, 50.0, 1), ("tiktok", 2, 50.0, 0)]
    days = {d.label: d.counts for d in f.days}
    assert days["T2 03/6"] == {"positive": 2, "negative": 3, "neutral": 2, "unknown": 0}
    assert days["T3 04/6"] == {"positive": 2, "negative": 1, "neutral": 1, "unknown": 0}
    assert days["T4 05/6"]["neutral"] == 1 and days["T5 06/6"]["positive"] == 1
    assert days["T6 07/6"] == days["T7 08/6"] == {"positive": 0, "negative": 0, "neutral": 0, "unknown": 0}
    assert days["CN 09/6"]["neutral"] == 1
    assert sum(sum(d.counts.values()) for d in f.days) == 14


def test_comparisons_topics_places_and_stories(database):
    built, f = _figures(database)
    assert (f.previous.period_key, f.previous.sentiments.total) == ("2024-W22", 5)  # incl. 23:59 Sunday 02/6
    assert f.previous.label == "tuần trước (tuần 22/2024)"
    assert (f.last_year.period_key, f.last_year.sentiments.total) == ("2023-W23", 10)
    assert f.last_year.sentiments.counts == {"positive": 0, "negative": 3, "neutral": 7}
    assert _rows(f.topics) == [("traffic", 8, 57.1, 4), ("tourism", 3, 21.4, 0), ("economy", 1, 7.1, 0),
                               ("environment", 1, 7.1, 1), ("government", 1, 7.1, 0)]
    assert [t.name for t in f.topics][:2] == ["Giao thông", "Du lịch"]
    assert _rows(f.places) == [("Khánh Vĩnh", 6, 42.9, 3), ("Nha Trang", 2, 14.3, 0), ("Cam Ranh", 1, 7.1, 0)]
    assert f.story_count == 2
    top = f.stories[0]
    assert (top.story_id, top.items, top.outlets, top.social, top.negative) == (built["story"], 8, 5, 2, 4)
    assert top.phrase == "1 sự việc, 5 báo đưa tin, 2 bài trên mạng xã hội"
    assert top.url == built["urls"]["p1"] and top.title == "Sạt lở đèo Khánh Lê"
    assert (f.stories[1].phrase, f.stories[1].url) == ("1 sự việc, 2 bài trên mạng xã hội", None)
    assert [(s.story_id, s.items, s.phrase) for s in f.central_press] == [(built["story"], 4, "1 sự việc, 4 báo đưa tin")]
    assert f.negative_press_items == 3


def test_flags_kpi_sources_workload_and_accuracy(database):
    built, f = _figures(database)
    flags = built["flags"]
    assert [p.flag_id for p in f.press_flags] == [flags["press_open"], flags["press_now"]]
    assert (f.press_flags[1].outlet, f.press_flags[1].url) == ("Báo Khánh Hòa", built["urls"]["p2"])
    assert f.flag_counts == {"misinformation": {"xu_ly": 1, "dong": 1}, "harmful": {"xu_ly": 1},
                             "watchlist": {"moi": 1}, "negative_press": {"moi": 1}, "silent_source": {"moi": 1}}
    assert [x.flag_id for x in f.flags] == [flags["handled"], flags["late"], flags["cleared"], flags["new"]]
    assert (f.flags[0].conclusion, f.flags[0].action) == ("vi_pham", "de_nghi_go_bo")
    assert dataclasses.astuple(f.kpi) == (2, 1, 50.0, [flags["late"]])
    # named as officers know them: the display name, else the key
    assert [(s.name, s.items) for s in f.silent_sources] == [("Báo Ninh Thuận", 0), ("trang-x", 0)]
    assert [(w.reviewer, w.name, w.reviews, w.steps) for w in f.workload] == [
        ("tg:101", "Nguyễn Văn A", 5, 7), ("tg:102", "tg:102", 3, 1)]
    assert f.workload[1].by_task == {"misinfo": 2, "topic": 1}
    assert [dataclasses.astuple(a) for a in f.accuracy] == [
        ("sentiment", 4, 3, 75.0, {"positive": (1, 1), "negative": (3, 2)}),  # per label the reviewer gave
        ("misinfo", 1, 0, 0.0, {}), ("topic", 1, 1, 100.0, {})]


def test_a_running_week(database):
    _, f = _figures(database, period=Period("week", 2024, 24), now=at(2024, 6, 12))
    assert (f.complete, str(f.through)) == (False, "2024-06-12")
    assert (f.total, f.collected) == (1, 1)  # 00:00 on Monday 10/6 local belongs here, not to week 23
    assert f.previous.sentiments.total == 14
    assert f.kpi.verified == 0 and f.kpi.share is None  # handled this week, but verified in week 23


def test_an_empty_week(database):
    _, f = _figures(database, period=Period("week", 2024, 30), now=at(2024, 8, 1))
    assert (f.total, f.collected, f.pending_analysis, f.story_count) == (0, 0, 0, 0)
    assert f.sentiments.counts == {"positive": 0, "negative": 0, "neutral": 0}
    assert f.sentiments.shares == {"positive": 0.0, "negative": 0.0, "neutral": 0.0}
    assert f.by_source_type == f.outlets == f.topics == f.places == f.stories == f.flags == []
    assert f.kpi.share is None and f.workload == [] and f.accuracy == []
    assert [s.name for s in f.silent_sources] == ["Báo Ninh Thuận", "bao-khanh-hoa", "trang-x"]
    assert len(f.days) == 7 and all(sum(d.counts.values()) == 0 for d in f.days)


def test_flags_follow_their_items_when_collected_late(database):
    """A catch-up crawl on Tuesday of week 24 collects posts of week 23: the flags their analysis raised belong to
    week 23, like the posts; a flag raised days after its post was collected (a claim added since) belongs to the
    week it was raised in, and so does a flag about no item. Sources configured after a week are not silent in it."""
    week23, week24 = WEEK, Period("week", 2024, 24)
    with database.session() as s:
        old_source = source(s, "bao-cu")
        late = at(2024, 6, 11, 2)
        rumour = item(s, when=at(2024, 6, 5), fetched=late, source=old_source)
        found_again = item(s, when=at(2024, 6, 6), fetched=at(2024, 6, 6, 1))
        caught_up = flag(s, kind="misinformation", created=late + dt.timedelta(minutes=3), item_row=rumour)
        matched_later = flag(s, kind="misinformation", created=late, item_row=found_again)
        silent = flag(s, kind="silent_source", created=at(2024, 6, 4), source=old_source)
        new_source = source(s, "bao-moi")
        new_source.created_at = at(2024, 6, 11)
        ids = (caught_up.id, matched_later.id, silent.id)
    profile = load_profile("khanh_hoa")
    with database.session() as s:
        f23 = compute_figures(s, week23, profile, now=at(2024, 6, 12), misinfo_threshold=0.6)
        f24 = compute_figures(s, week24, profile, now=at(2024, 6, 12), misinfo_threshold=0.6)
    assert [x.flag_id for x in f23.flags] == [ids[0]]
    assert str(f23.flags[0].day) == "2024-06-05"  # the post's date, not the catch-up's
    assert [x.flag_id for x in f24.flags] == [ids[1]]
    assert f23.flag_counts == {"misinformation": {"moi": 1}, "silent_source": {"moi": 1}}
    assert f24.flag_counts == {"misinformation": {"moi": 1}}
    assert [s.name for s in f23.silent_sources] == []  # bao-cu brought the rumour, bao-moi did not exist yet
    assert [s.name for s in f24.silent_sources] == ["bao-cu", "bao-moi"]
