"""Different events in one district and on the same topics (two floods, two accidents, a land dispute, a festival)
are told apart, and each event's reports from outlets and Facebook pages are grouped: a check of the matcher on
hand-written reports it was not tuned on."""

import datetime as dt
from collections import defaultdict

from sqlalchemy import select

from bot.stories import assign_stories
from digest.factory import at, item
from digest.same_place import REPORTS
from storage.models import Item

START = at(2024, 11, 18, 1)


def _grouping(database) -> tuple[dict[str, set[int]], dict[int, set[str]]]:
    with database.session() as s:
        events = {}
        for event, hours, source_type, platform, outlet, title, text, topics in REPORTS:
            row = item(s, when=START + dt.timedelta(hours=hours), source_type=source_type, platform=platform,
                       outlet=outlet, title=title, text=text, topics=topics, places=["Ninh Hòa"],
                       kind="post" if source_type == "social" else "article")
            events[row.id] = event
        assign_stories(s, list(events))
    with database.session() as s:
        stories, owners = defaultdict(set), defaultdict(set)
        for item_id, story_id in s.execute(select(Item.id, Item.story_id).where(Item.id.in_(list(events)))):
            stories[events[item_id]].add(story_id)
            owners[story_id].add(events[item_id])
    return stories, owners


def test_events_in_one_district_are_told_apart_and_grouped(database):
    stories, owners = _grouping(database)
    assert {story: events for story, events in owners.items() if len(events) > 1} == {}
    assert None not in owners
    # The land dispute (four outlets, two Facebook pages, the ward's portal) and both floods are one story each;
    # the coach crash is told by its road number in one report and by the pass's name in another: two stories.
    assert {event: len(ids) for event, ids in stories.items()} == {
        "lu_ninh_xuan": 1, "lu_ninh_giang": 1, "xe_tai_ninh_an": 1, "xe_khach_ql26": 2, "dat_ninh_thuy": 1,
        "le_hoi_doc_let": 1}
