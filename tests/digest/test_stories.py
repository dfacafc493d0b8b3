import datetime as dt
from collections import defaultdict

from sqlalchemy import select

from bot.stories import ActiveStories, assign_stories, coverage_phrase, story_phrase
from digest.events import REPORTS
from digest.factory import at, item
from storage.models import Analysis, Claim, Item, Story

START = at(2024, 11, 15, 1)


def _insert_reports(session) -> dict[int, str]:
    """The hand-written reports as items with analyses; returns item id -> event."""
    events = {}
    for event, hours, source_type, platform, outlet, title, text, topics, places in REPORTS:
        row = item(session, when=START + dt.timedelta(hours=hours), source_type=source_type, platform=platform,
                   outlet=outlet, title=title, text=text, topics=topics, places=places,
                   kind="post" if source_type == "social" else "article")
        events[row.id] = event
    return events


def _stories(session, events: dict[int, str]) -> dict[str, set[int]]:
    """Event -> the stories its reports were put in."""
    out = defaultdict(set)
    for item_id, story_id in session.execute(select(Item.id, Item.story_id).where(Item.id.in_(list(events)))):
        assert story_id is not None
        out[events[item_id]].add(story_id)
    return out


def _check_grouping(session, events: dict[int, str]) -> None:
    """No story mixes two events (the different accidents in Cam Ranh and the different scams in Nha Trang
    included); every event is one story, except the power company's denial of the power-cut rumour, which names
    nothing distinctive the rumour posts name (only the city) and starts its own: without a shared name a story
    left quiet for hours takes stronger evidence (see matcher.FRESHNESS). The landslide's next-day follow-up joins
    through the pass's name."""
    stories = _stories(session, events)
    owners = defaultdict(set)
    for event, ids in stories.items():
        for story_id in ids:
            owners[story_id].add(event)
    assert all(len(e) == 1 for e in owners.values())
    assert {e: len(ids) for e, ids in stories.items() if len(ids) > 1} == {"cat_dien": 2}
    denial = next(i for i, e in events.items() if e == "cat_dien" and REPORTS[i - min(events)][1] == 22)
    alone = session.get(Item, denial).story_id
    assert [i for i, e in events.items() if session.get(Item, i).story_id == alone] == [denial]


def test_same_event_grouped_across_outlets_and_unrelated_kept_apart(database):
    with database.session() as s:
        events = _insert_reports(s)
        result = assign_stories(s, list(events))
    with database.session() as s:
        _check_grouping(s, events)
        assert result.new_stories == len(set(events.values())) + 1 == s.query(Story).count()
        assert set(result.stories) == set(events)


def test_incremental_arrival_gives_the_same_stories_and_repeating_changes_nothing(database):
    with database.session() as s:
        events = _insert_reports(s)
    arrival = sorted(events, key=lambda i: (REPORTS[list(events).index(i)][1], i))
    active = ActiveStories()  # kept between calls, as the analysis loop does
    for item_id in arrival:
        with database.session() as s:
            assign_stories(s, [item_id], active=active)
    with database.session() as s:
        _check_grouping(s, events)
        before = s.execute(select(Item.id, Item.story_id)).all()
        again = assign_stories(s, list(events))
        assert again.stories == {} and again.new_stories == 0 and again.skipped == len(events)
        assert s.execute(select(Item.id, Item.story_id)).all() == before


def test_story_figures_and_phrase(database):
    with database.session() as s:
        events = _insert_reports(s)
        assign_stories(s, list(events))
    with database.session() as s:
        khanh_le = [i for i, e in events.items() if e == "khanh_le"]
        story = s.get(Story, s.get(Item, khanh_le[0]).story_id)
        assert story.title == "Sạt lở nghiêm trọng trên đèo Khánh Lê, giao thông Nha Trang - Đà Lạt bị chia cắt"
        assert story.representative_item_id == khanh_le[0]
        assert (story.item_count, story.outlet_count) == (5, 3)
        assert story.platforms == {"provincial_press": 1, "central_press": 2, "facebook": 2}
        assert story.sentiments == {"neutral": 5}
        assert story.first_seen == START and story.last_seen == START + dt.timedelta(hours=20)
        assert story.topics[:2] == ["traffic", "environment"] and story.places == ["Khánh Vĩnh"]
        assert len(story.signature) == 128 and "khanh le" in story.terms
        assert story_phrase(story) == "1 sự việc, 3 báo đưa tin, 2 bài trên mạng xã hội"


def test_twelve_outlets_one_story(database):
    lead = ("Sáng nay, UBND tỉnh Khánh Hòa tổ chức lễ khởi công cao tốc Khánh Hòa - Buôn Ma Thuột đoạn qua "
            "huyện Khánh Vĩnh, tổng vốn đầu tư hơn 21.900 tỷ đồng.")
    with database.session() as s:
        ids = [item(s, when=START + dt.timedelta(hours=h), outlet=f"Báo {h}",
                    source_type="central_press" if h % 2 else "provincial_press",
                    title="Khởi công cao tốc Khánh Hòa - Buôn Ma Thuột", text=lead, topics=["traffic"]).id
               for h in range(12)]
        ids.append(item(s, when=START, source_type="social", platform="facebook", outlet="Trang X", title=None,
                        text=lead, topics=["traffic"]).id)
        assign_stories(s, ids)
    with database.session() as s:
        story = s.scalars(select(Story)).one()
        assert story_phrase(story) == "1 sự việc, 12 báo đưa tin, 1 bài trên mạng xã hội"
    assert coverage_phrase(12) == "1 sự việc, 12 báo đưa tin"
    assert coverage_phrase(2, forum=3, portals=1) == \
        "1 sự việc, 2 báo đưa tin, 1 tin trên cổng/trang thông tin điện tử, 3 bài trên diễn đàn"


def test_irrelevant_items_get_no_story_and_comments_follow_their_post(database):
    with database.session() as s:
        post = item(s, when=START, source_type="social", platform="facebook", kind="post", title=None,
                    text=REPORTS[3][6], topics=["traffic"])
        comment = item(s, when=START + dt.timedelta(minutes=5), source_type="social", platform="facebook",
                       kind="comment", title=None, text="Trời ơi nguy hiểm quá", parent=post)
        orphan = item(s, when=START, source_type="social", kind="comment", title=None, text="Hay quá")
        other = item(s, when=START, relevant=False, title="Sạt lở đèo Bảo Lộc", text="Tin tỉnh khác")
        unanalysed = item(s, when=START, relevant=None, title="Tin chưa phân tích", text="Lễ hội hoa Đà Lạt")
        result = assign_stories(s, [post.id, comment.id, orphan.id, other.id, unanalysed.id])
    with database.session() as s:
        assert s.get(Item, comment.id).story_id == s.get(Item, post.id).story_id is not None
        assert s.get(Item, orphan.id).story_id is None and s.get(Item, other.id).story_id is None
        assert s.get(Item, unanalysed.id).story_id is not None  # text alone is enough to start a story
        assert result.skipped == 2 and result.new_stories == 2
        story = s.get(Story, s.get(Item, post.id).story_id)
        assert story.item_count == 2 and story_phrase(story) == "1 sự việc, 2 bài trên mạng xã hội"


def test_same_wording_outside_the_window_starts_a_new_story(database):
    title, text = REPORTS[0][5], REPORTS[0][6]
    with database.session() as s:
        first = item(s, when=START, title=title, text=text, topics=["traffic"], places=["Khánh Vĩnh"])
        assign_stories(s, [first.id])
        later = item(s, when=START + dt.timedelta(days=10), title=title, text=text, topics=["traffic"],
                     places=["Khánh Vĩnh"])
        close = item(s, when=START + dt.timedelta(days=2), outlet="Báo B", title=title, text=text,
                     topics=["traffic"], places=["Khánh Vĩnh"])
        assign_stories(s, [later.id, close.id])
    with database.session() as s:
        assert s.get(Item, close.id).story_id == s.get(Item, first.id).story_id
        assert s.get(Item, later.id).story_id != s.get(Item, first.id).story_id


def test_a_press_article_becomes_the_representative_of_a_social_story(database):
    with database.session() as s:
        post = item(s, when=START, source_type="social", platform="facebook", kind="post", title=None,
                    text=REPORTS[0][6], topics=["traffic"], places=["Khánh Vĩnh"])
        assign_stories(s, [post.id])
        story_id = s.get(Item, post.id).story_id
        before = list(s.get(Story, story_id).signature)
        assert s.get(Story, story_id).title.startswith("Mưa lớn kéo dài từ đêm qua")
        article = item(s, when=START + dt.timedelta(hours=2), title=REPORTS[0][5], text=REPORTS[0][6],
                       topics=["traffic"], places=["Khánh Vĩnh"])
        assign_stories(s, [article.id])
    with database.session() as s:
        story = s.get(Story, story_id)
        assert s.get(Item, article.id).story_id == story_id
        assert story.title == REPORTS[0][5] and story.representative_item_id == article.id
        assert story.signature != before and story.outlet_count == 1


def test_active_stories_survive_a_rolled_back_call(database):
    with database.session() as s:
        events = _insert_reports(s)
    ids = sorted(events)
    active = ActiveStories()
    with database.session() as s:
        assign_stories(s, ids[:10], active=active)
    try:
        with database.session() as s:
            assign_stories(s, ids[10:20], active=active)
            raise RuntimeError("the analysis batch failed")
    except RuntimeError:
        pass
    with database.session() as s:
        assert s.query(Item).filter(Item.id.in_(ids[10:20]), Item.story_id.is_not(None)).count() == 0
        assign_stories(s, ids[10:], active=active)
    with database.session() as s:
        _check_grouping(s, events)
        assert s.query(Story).count() == len(set(events.values())) + 1
        assert set(active.index.stories) <= {sid for (sid,) in s.execute(select(Story.id))}


def test_a_reanalysed_item_updates_its_story(database):
    with database.session() as s:
        first = item(s, when=START, title=REPORTS[0][5], text=REPORTS[0][6], sentiment="neutral")
        second = item(s, when=START + dt.timedelta(hours=1), outlet="Báo B", title=REPORTS[0][5], text=REPORTS[0][6],
                      sentiment="neutral")
        assign_stories(s, [first.id, second.id])
        story_id = s.get(Item, first.id).story_id
        assert s.get(Story, story_id).sentiments == {"neutral": 2}
        s.add(Analysis(item_id=second.id, model_version="test-2", relevant=True, sentiment="negative",
                       topics=["traffic"], created_at=START + dt.timedelta(days=1)))
        s.flush()
        again = assign_stories(s, [second.id])
    with database.session() as s:
        assert again.stories == {} and s.get(Item, second.id).story_id == story_id
        story = s.get(Story, story_id)
        assert story.sentiments == {"neutral": 1, "negative": 1} and story.topics == ["traffic"]


def test_replies_in_a_forum_thread_follow_the_thread(database):
    """A reply says what it says ("chạy ẩu thì chết"), not what the thread is about: it belongs to the thread's
    story, in the same call as the opening post or in a later one; a reply whose thread has no story is matched on
    its own words."""
    thread, elsewhere = "https://dien-dan.example.vn/threads/sat-lo.1/", "https://dien-dan.example.vn/threads/x.2/"
    forum = {"source_type": "forum", "platform": "forum", "kind": "post"}
    with database.session() as s:
        opener = item(s, when=START, title="Sạt lở trên đèo Khánh Lê", text=REPORTS[3][6], topics=["traffic"], **forum)
        reply = item(s, when=START + dt.timedelta(hours=1), title=None, text="Tài xế chạy ẩu thì chết là phải", **forum)
        later = item(s, when=START + dt.timedelta(days=1), title=None, text="Hôm nay đường thông chưa mọi người?",
                     **forum)
        off_topic_opener = item(s, when=START, relevant=False, title="Bán xe cũ", text="Xe còn mới", **forum)
        lone = item(s, when=START + dt.timedelta(hours=2), title=None, text="Giá vé tham quan Vinpearl tăng", **forum)
        for row, where, position in ((opener, thread, 1), (reply, thread, 2), (later, thread, 3),
                                     (off_topic_opener, elsewhere, 1), (lone, elsewhere, 2)):
            row.thread, row.position = where, position
        s.flush()
        assign_stories(s, [opener.id, reply.id, off_topic_opener.id, lone.id])
        assign_stories(s, [later.id])
    with database.session() as s:
        story_id = s.get(Item, opener.id).story_id
        assert story_id is not None
        assert s.get(Item, reply.id).story_id == s.get(Item, later.id).story_id == story_id
        assert s.get(Story, story_id).item_count == 3
        assert s.get(Item, lone.id).story_id not in (None, story_id)


def test_items_that_repeat_or_rebut_a_claim_join_the_claims_story(database):
    """A rumour, a retelling in other words and the official denial share no wording the matcher would join on,
    but they match the same registered claim: one story, in the same call or a later one, while the story is open
    (3 days after its last item). Without a claim the words decide as usual."""
    with database.session() as s:
        claim = Claim(text="Đập hồ Đá Bàn bị nứt, có nguy cơ vỡ, người dân hạ du phải sơ tán.", text_hash="c1",
                      verdict="tin_gia", domain="disasters_epidemics")
        s.add(claim)
        s.flush()
        social = {"source_type": "social", "platform": "telegram", "kind": "post", "title": None}
        rumour = item(s, when=START, text="KHẨN: đập Đá Bàn nứt rồi, ai ở Ninh Hòa sơ tán gấp!!!", **social)
        retold = item(s, when=START + dt.timedelta(hours=3), text="Nghe nói nước rỉ qua thân đập, chiều nay xả lũ",
                      **social)
        unrelated = item(s, when=START + dt.timedelta(hours=4), text="Giá vé tham quan Vinpearl tăng từ tháng sau",
                         **social)
        denial = item(s, when=START + dt.timedelta(days=1), source_type="portal", outlet="Cổng TTĐT tỉnh",
                      title="Thông tin đập thủy lợi bị sự cố là bịa đặt",
                      text="Công trình vận hành bình thường, đề nghị người dân không chia sẻ.")
        resurfaced = item(s, when=START + dt.timedelta(days=5), text="Lại có tin đập hồ bị nứt, thật không?",
                          **social)
        assign_stories(s, [rumour.id, retold.id, unrelated.id], claims={rumour.id: claim.id, retold.id: claim.id})
        for row in (rumour, retold):  # what raise_flags records after the story is chosen
            s.scalars(select(Analysis).where(Analysis.item_id == row.id)).one().claim_id = claim.id
        s.flush()
        assign_stories(s, [denial.id], claims={denial.id: claim.id})
        s.scalars(select(Analysis).where(Analysis.item_id == denial.id)).one().claim_id = claim.id
        s.flush()
        assign_stories(s, [resurfaced.id], claims={resurfaced.id: claim.id})
    with database.session() as s:
        story_id = s.get(Item, rumour.id).story_id
        assert s.get(Item, retold.id).story_id == s.get(Item, denial.id).story_id == story_id
        assert s.get(Story, story_id).item_count == 3
        assert s.get(Item, unrelated.id).story_id not in (None, story_id)
        assert s.get(Item, resurfaced.id).story_id not in (None, story_id)  # 4 quiet days later: a new story
