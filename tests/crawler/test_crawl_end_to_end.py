"""One crawl of the whole fixture province: every spider kind, every hostile page, on SQLite and PostgreSQL.

A crawl runs in a child process and takes seconds, so the province is crawled once per backend and each `check_`
below looks at one aspect of the result."""

from __future__ import annotations

import gzip
import hashlib
import json

from sqlalchemy import select

from storage import Database
from storage.items import ItemData, upsert_item
from storage.models import CrawlRun, Heartbeat, Item, Snapshot, Source
from tests.fakes import social
from tests.fakes.articles import ARTICLES
from tests.fakes.province import COPIED_SLUG, COPY_PATH, STORED_SLUG, Province


def crawl_province(database: Database, province: Province, run_crawl):
    """The province crawled once, with one of the provincial paper's articles stored beforehand."""
    with database.session() as session:
        stored = ARTICLES[STORED_SLUG]
        upsert_item(session, ItemData(url=province.url(province.bkh(STORED_SLUG)),
                                      canonical_url=province.url(province.bkh(STORED_SLUG)),
                                      source_type="provincial_press", title=stored.title, text=stored.sapo))
    result = run_crawl(database.url, province.sources(), env=province.platform_env())
    assert result.returncode == 0, result.stdout + result.stderr
    with database.session() as session:
        items = {i.canonical_url: i for i in session.scalars(select(Item))}
        runs = {s.name: (s, session.scalars(select(CrawlRun).where(CrawlRun.source_id == s.id)).one())
                for s in session.scalars(select(Source))}
        snapshots = session.scalars(select(Snapshot)).all()
        heartbeat = session.get(Heartbeat, "crawler")
        assert heartbeat.last_success_at is not None and heartbeat.details["new"] == len(
            [i for i in session.scalars(select(Item)) if i.source_id is not None])
        for item in items.values():
            session.expunge(item)
    return result, items, runs, snapshots, province


def by_source(items: dict, runs: dict, name: str) -> list[Item]:
    source_id = runs[name][0].id
    return [i for i in items.values() if i.source_id == source_id]


def check_summary_is_vietnamese_and_every_source_ran(crawled):
    result, items, runs, _snapshots, _province = crawled
    assert "Kết quả thu thập: 13 nguồn" in result.stdout
    assert "Tin mới:" in result.stdout and "Trùng lặp:" in result.stdout
    assert "Đang thu thập:" in result.stderr  # the progress line
    assert {name: run.status for name, (_s, run) in runs.items()} == {name: "ok" for name in runs}
    for source, run in runs.values():
        assert source.last_success_at is not None and source.consecutive_failures == 0
        assert run.new == len([i for i in items.values() if i.source_id == source.id])


def check_feeds_in_all_four_formats_are_followed_to_the_article(crawled):
    _result, items, runs, _snapshots, province = crawled
    expected = {"tuoi-tre": "ninh-phuoc-han-han-4812230",  # Atom
                "thanh-nien": "khao-sat-dien-gio-ngoai-khoi-4812244",  # JSON Feed
                "cong-ttdt": "lich-tiep-cong-dan-thang-12"}  # RSS 1.0
    for source, slug in expected.items():
        [item] = by_source(items, runs, source)
        article = ARTICLES[slug]
        assert item.title == article.title and item.kind == "article"
        assert article.paragraphs[1] in item.text and "Giấy phép" not in item.text
    bkh = {i.title for i in by_source(items, runs, "bao-khanh-hoa")}  # RSS 2.0
    assert ARTICLES["canh-bao-gia-danh-dien-luc-8312388"].title in bkh


def check_article_metadata_lead_and_per_source_selectors(crawled):
    _result, items, _runs, _snapshots, province = crawled
    item = items[province.url(province.bkh("xe-tai-va-cham-xe-khach-ninh-hoa-8312377"))]
    article = ARTICLES["xe-tai-va-cham-xe-khach-ninh-hoa-8312377"]
    assert item.author == "Văn Kỳ" and item.language == "vi"
    assert item.published_at.isoformat() == "2025-11-16T23:40:00+00:00"  # 06:40 Vietnam time
    assert item.text.startswith(article.sapo)  # the sapo printed outside the body is kept, first
    assert "Trang chủ" not in item.text and "Tin liên quan" not in item.text
    portal = items[province.url("/cong/tin?ItemID=12345&tabid=100")]  # selectors override a table layout
    assert portal.title == ARTICLES["lich-tiep-cong-dan-thang-12"].title
    assert portal.published_at.isoformat() == "2025-11-18T01:30:00+00:00" and "|" not in portal.text


def check_canonical_urls_fold_tracking_amp_and_duplicates(crawled):
    _result, items, _runs, _snapshots, province = crawled
    server = province.server
    for slug in ("sat-lo-deo-khanh-le-8312345", "canh-bao-gia-danh-dien-luc-8312388",
                 "nha-trang-don-khach-quoc-te-8312351"):
        assert province.url(province.bkh(slug)) in items  # no utm_*, fbclid, fragment, AMP path
    assert items[province.url(province.bkh("nha-trang-don-khach-quoc-te-8312351"))].url.endswith(
        "/bkh/amp/nha-trang-don-khach-quoc-te-8312351.html")  # fetched as AMP, stored under rel=canonical
    assert len(server.requests_to(province.bkh("canh-bao-gia-danh-dien-luc-8312388"))) == 1  # listed twice
    # a verbatim copy on an aggregator is the same item, kept under whichever of the two pages was stored first
    assert len(server.requests_to(COPY_PATH)) == 1 and len(server.requests_to(province.bkh(COPIED_SLUG))) == 1
    copied = [key for key, item in items.items() if item.title == ARTICLES[COPIED_SLUG].title]
    assert len(copied) == 1 and copied[0] in {province.url(province.bkh(COPIED_SLUG)), province.url(COPY_PATH)}
    titles = [i.title for i in items.values() if i.kind == "article"]
    assert len(titles) == len(set(titles))


def check_already_stored_entries_are_not_fetched(crawled):
    _result, items, runs, _snapshots, province = crawled
    assert province.server.requests_to(province.bkh(STORED_SLUG)) == []
    assert items[province.url(province.bkh(STORED_SLUG))].source_id is None  # untouched


def check_news_sitemap_recent_entries_only(crawled):
    _result, items, runs, _snapshots, province = crawled
    titles = {i.title for i in by_source(items, runs, "vnexpress")}
    assert titles == {ARTICLES["van-phong-thu-hut-du-an-4812201"].title,
                      ARTICLES["diem-dan-ca-na-lo-gia-muoi-4812215"].title}
    assert province.server.requests_to("/vne/thoi-su/tin-cu-tu-2020-3999.html") == []
    assert province.server.requests_to("/vne/sitemaps/2019.xml") == []


def check_site_section_link_rules_and_pagination(crawled):
    _result, items, runs, _snapshots, province = crawled
    titles = {i.title for i in by_source(items, runs, "bao-ninh-thuan")}
    assert ARTICLES["bat-giu-khai-thac-cat-song-lu-5203"].title in titles  # on page 2
    assert len(titles) == 3
    assert province.server.requests_to("/bnt/lien-he/") == []


def check_search_feeds(crawled):
    _result, items, runs, _snapshots, province = crawled
    fire = items[province.url("/dt/xa-hoi/chay-rung-khanh-son-7123.htm")]  # click-through link unwrapped
    assert fire.title == ARTICLES["chay-rung-khanh-son-7123"].title
    google = by_source(items, runs, "tim-google")  # opaque links: the entries themselves are stored
    assert {i.outlet for i in google} == {"Báo Lao Động", "VietNamNet"}
    assert all(i.url.startswith("https://news.google.com/") and i.text for i in google)


def check_hostile_pages(crawled):
    _result, items, runs, _snapshots, province = crawled
    server = province.server
    stored = {i.url.rsplit("/", 1)[1]: i for i in by_source(items, runs, "trang-tong-hop")}
    assert set(stored) == {"mal.html", "charset.html", "cp1258.html", "429.html"}
    assert stored["mal.html"].title.endswith("(bản lỗi)")  # malformed HTML still extracted
    assert stored["charset.html"].title == "Lễ hội Katê tại tháp Po Klong Garai thu hút đông đảo du khách (bản lưu)"
    assert stored["cp1258.html"].title == ("Thuận Nam: Bắt giữ 2 đối tượng khai thác cát trái phép trên sông Lu "
                                           "(bản lưu)")
    assert "tổ công tác liên ngành" in stored["cp1258.html"].text
    run = runs["trang-tong-hop"][1]
    assert run.failed == 8  # 404, 500, oversized, redirect loop, timeout, 503 too long, PDF, no article text
    assert server.requests_to("/bkh/private/bi-mat.html") == []  # robots.txt
    assert len(server.requests_to("/hiem/500.html")) == 3  # retried twice
    assert len(server.requests_to("/hiem/503.html")) == 1  # Retry-After beyond the limit: not retried now
    first, second = server.requests_to("/hiem/429.html")[:2]
    assert second.at - first.at >= 1.0  # Retry-After: 1 honoured before retrying
    assert not any(i.title and i.title.startswith("Landslides") for i in items.values())  # language filter


def check_forum_posts(crawled):
    _result, items, runs, _snapshots, province = crawled
    posts = sorted(by_source(items, runs, "dien-dan-xom-bien"), key=lambda i: (i.thread, i.position))
    assert len(posts) == 7 and all(p.kind == "post" and p.platform == "forum" for p in posts)
    flood = [p for p in posts if "duong-pham-van-dong" in p.thread]
    assert [p.position for p in flood] == [1, 2, 3, 4, 5]  # page 2 included
    assert flood[0].canonical_url == province.url("/forum/posts/9001/")
    assert flood[0].author == "hoangnt" and flood[0].author_id == "501" and flood[0].likes == 7
    assert {p.outlet for p in posts} == {"Diễn đàn Xóm Biển"}  # from "<thread> | <forum>" in the page title
    assert flood[0].title == "Đường Phạm Văn Đồng Nha Trang ngập sâu sau mưa lớn"
    assert flood[1].title is None  # a reply: the thread's title is in extra, not in what the reply says
    assert flood[1].extra["thread_title"] == flood[0].title
    assert flood[0].published_at.isoformat() == "2025-11-17T23:10:00+00:00"
    assert "\n" in flood[0].text  # <br> kept as a line break
    assert flood[2].extra["quotes"] == ["post: 9001"] and "Nội dung được trích dẫn" not in flood[2].text


def check_telegram_messages(crawled):
    _result, items, runs, _snapshots, province = crawled
    messages = {i.position: i for i in by_source(items, runs, "telegram-tin-nhanh")}
    assert set(messages) == {118, 119, 120, 121, 122, 123}  # two preview pages
    assert messages[120].views == 12500 and messages[121].views == 1200 and messages[122].views == 856
    assert messages[120].canonical_url == f"https://t.me/{social.CHANNEL}/120"
    assert messages[120].published_at.isoformat() == "2025-11-18T01:05:00+00:00"
    assert messages[121].extra["media"] == ["photo"] and messages[121].text == ""
    assert messages[122].extra["forwarded_from"] == "Sở Y tế Khánh Hòa"
    assert messages[123].extra["edited"] is True
    assert messages[123].text.startswith("Tin đồn") and "Mưa lớn" not in messages[123].text  # reply quote left out


def check_facebook_posts_and_comments(crawled):
    _result, items, runs, snapshots, _province = crawled
    fb = by_source(items, runs, "facebook-thong-tin")
    posts = {i.external_id: i for i in fb if i.kind == "post"}
    comments = [i for i in fb if i.kind == "comment"]
    assert set(posts) == {f"{social.FB_PAGE}_1001", f"{social.FB_PAGE}_1002", f"{social.FB_PAGE}_1000"}  # 2 pages
    first = posts[f"{social.FB_PAGE}_1001"]
    assert first.likes == 1830 and first.shares == 245 and first.comments == 3
    assert len(comments) == 3 and {c.parent_id for c in comments} == {first.id}
    assert {c.author for c in comments} == {"Nguyễn Thu Trang", "Lê Minh", "Hoa Phan"}
    assert all(social.FB_TOKEN not in s.url for s in snapshots)  # the token never lands in evidence


def check_youtube_videos_and_comments(crawled):
    _result, items, runs, snapshots, _province = crawled
    yt = by_source(items, runs, "youtube-khanh-hoa")
    videos = {i.external_id: i for i in yt if i.kind == "video"}
    assert videos["kH7bQx2mNtA"].views == 45210 and videos["kH7bQx2mNtA"].comments == 2
    comments = [i for i in yt if i.kind == "comment"]
    assert len(comments) == 2 and {c.parent_id for c in comments} == {videos["kH7bQx2mNtA"].id}
    assert runs["youtube-khanh-hoa"][1].failed == 0  # comments turned off on the other video is not a failure
    assert all(social.YT_KEY not in s.url for s in snapshots)


def check_evidence_for_every_item(crawled):
    _result, items, _runs, snapshots, _province = crawled
    by_item = {s.item_id: s for s in snapshots}
    crawled_items = [i for i in items.values() if i.source_id is not None]
    assert {i.id for i in crawled_items} <= set(by_item)
    for snapshot in snapshots:
        body = gzip.decompress(snapshot.body)
        assert hashlib.sha256(body).hexdigest() == snapshot.sha256 and len(body) == snapshot.size
        assert snapshot.captured_at is not None and snapshot.status == 200
    video = next(i for i in crawled_items if i.kind == "video")
    assert json.loads(gzip.decompress(by_item[video.id].body))["id"] == video.external_id
    page = next(i for i in crawled_items if i.kind == "article" and "/bnt/" in i.url)
    assert "text/html" in by_item[page.id].headers["Content-Type"]


def check_health_counters(crawled):
    _result, _items, runs, _snapshots, _province = crawled
    source, run = runs["trang-tong-hop"]
    assert source.pages_fetched == 7 and source.pages_extracted == 5  # the English page is extracted, then left out
    assert run.failed == 8 and source.consecutive_failures == 0  # pages failing is not the source failing
    assert runs["bao-ninh-thuan"][0].pages_extracted == runs["bao-ninh-thuan"][0].pages_fetched == 3


def test_whole_province(database, province, run_crawl):
    crawled = crawl_province(database, province, run_crawl)
    check_summary_is_vietnamese_and_every_source_ran(crawled)
    check_feeds_in_all_four_formats_are_followed_to_the_article(crawled)
    check_article_metadata_lead_and_per_source_selectors(crawled)
    check_canonical_urls_fold_tracking_amp_and_duplicates(crawled)
    check_already_stored_entries_are_not_fetched(crawled)
    check_news_sitemap_recent_entries_only(crawled)
    check_site_section_link_rules_and_pagination(crawled)
    check_search_feeds(crawled)
    check_hostile_pages(crawled)
    check_forum_posts(crawled)
    check_telegram_messages(crawled)
    check_facebook_posts_and_comments(crawled)
    check_youtube_videos_and_comments(crawled)
    check_evidence_for_every_item(crawled)
    check_health_counters(crawled)
