"""Idempotent item writes: a re-crawl never duplicates; changed content updates and keeps the earlier hash."""

import datetime as dt
import gzip
import hashlib
import multiprocessing

from sqlalchemy import func, select

from storage import Capture, Database, ItemData, Outcome, stored_urls, upsert_item
from storage.models import Item, Snapshot

URL = "https://baokhanhhoa.vn/xa-hoi/202406/sat-lo-deo-khanh-le-8f1a2b.html"


def _article(text="Mưa lớn kéo dài gây sạt lở nhiều điểm trên đèo Khánh Lê, giao thông bị chia cắt.", **kw):
    base = dict(url=URL, canonical_url=URL, source_type="provincial_press", title="Sạt lở đèo Khánh Lê",
                text=text, outlet="Báo Khánh Hòa", published_at=dt.datetime(2024, 6, 3, 1, 30, tzinfo=dt.timezone.utc))
    base.update(kw)
    return ItemData(**base)


def _count(session, model=Item) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_new_then_duplicate_then_update(database):
    with database.session() as s:
        item_id, outcome = upsert_item(s, _article(capture=Capture(URL, 200, {"Content-Type": "text/html"}, b"<html>1</html>")))
        assert outcome is Outcome.NEW
    with database.session() as s:
        again, outcome = upsert_item(s, _article(likes=12))
        assert (again, outcome) == (item_id, Outcome.DUPLICATE)
        assert s.get(Item, item_id).likes == 12  # engagement refreshed even when the content is the same
    with database.session() as s:
        first_hash = s.get(Item, item_id).content_hash
        changed, outcome = upsert_item(s, _article(text="Đã thông xe đèo Khánh Lê sau sạt lở, lực lượng chức năng túc trực.",
                                                   capture=Capture(URL, 200, {}, b"<html>2</html>")))
        assert (changed, outcome) == (item_id, Outcome.UPDATED)
    with database.session() as s:
        item = s.get(Item, item_id)
        assert item.previous_hashes == [first_hash]
        assert item.content_hash != first_hash
        assert "thông xe" in item.text
        assert _count(s) == 1
        snapshots = s.scalars(select(Snapshot).order_by(Snapshot.id)).all()
        assert [gzip.decompress(sn.body) for sn in snapshots] == [b"<html>1</html>", b"<html>2</html>"]
        assert snapshots[0].sha256 == hashlib.sha256(b"<html>1</html>").hexdigest()
        assert snapshots[0].captured_at.tzinfo is not None


def test_same_content_under_another_url_is_a_duplicate(database):
    with database.session() as s:
        first, _ = upsert_item(s, _article())
        other = URL.replace("baokhanhhoa.vn", "m.baokhanhhoa.vn")
        dup, outcome = upsert_item(s, _article(url=other, canonical_url=other))
        assert (dup, outcome) == (first, Outcome.DUPLICATE)
        assert _count(s) == 1


def test_short_posts_by_different_people_are_different_items(database):
    with database.session() as s:
        a, _ = upsert_item(s, ItemData(url="https://f.vn/c/1", canonical_url="https://f.vn/c/1", source_type="social",
                                       kind="comment", text="đẹp quá", author="An"))
        b, outcome = upsert_item(s, ItemData(url="https://f.vn/c/2", canonical_url="https://f.vn/c/2",
                                             source_type="social", kind="comment", text="đẹp quá", author="Bình"))
        assert a != b and outcome is Outcome.NEW


def test_comments_link_to_their_parent(database):
    with database.session() as s:
        post, _ = upsert_item(s, ItemData(url="https://f.vn/p/1", canonical_url="https://f.vn/p/1", source_type="social",
                                          kind="post", text="Bãi biển Nha Trang sáng nay đông nghịt du khách."))
        comment, _ = upsert_item(s, ItemData(url="https://f.vn/p/1?c=9", canonical_url="https://f.vn/p/1?c=9",
                                             source_type="social", kind="comment", text="Đông thật, đi sớm mới có chỗ.",
                                             parent_url="https://f.vn/p/1"))
        assert s.get(Item, comment).parent_id == post


def test_stored_urls(database):
    with database.session() as s:
        upsert_item(s, _article())
        assert stored_urls(s, [URL, "https://baokhanhhoa.vn/khac.html"]) == {URL}


def _writer(url: str, worker: int, n: int, errors, start) -> None:
    db = Database(url)
    try:
        start.wait(60)  # both writers begin together, so their upserts interleave
        for i in range(n):
            link = f"https://baokhanhhoa.vn/tin/{i}.html"
            with db.session() as s:
                upsert_item(s, ItemData(url=link, canonical_url=link, source_type="provincial_press",
                                        title=f"Tin số {i}", text=f"Nội dung bài viết số {i} về tỉnh Khánh Hòa.",
                                        likes=worker))
    except Exception as exc:  # reported to the parent, which fails the test
        errors.put(f"writer {worker}: {exc!r}")
    finally:
        db.dispose()


def test_two_writers_upserting_the_same_items(database):
    """Two processes store the same 60 items at the same time: no duplicate, no error."""
    ctx = multiprocessing.get_context("spawn")
    errors, start = ctx.Queue(), ctx.Barrier(2)
    url = database.engine.url.render_as_string(hide_password=False)
    writers = [ctx.Process(target=_writer, args=(url, w, 60, errors, start)) for w in (1, 2)]
    for p in writers:
        p.start()
    for p in writers:
        p.join(120)
    reported = []
    while not errors.empty():
        reported.append(errors.get())
    assert reported == []
    assert [p.exitcode for p in writers] == [0, 0]
    with database.session() as s:
        assert _count(s) == 60
        assert s.scalar(select(func.count(func.distinct(Item.canonical_url)))) == 60
