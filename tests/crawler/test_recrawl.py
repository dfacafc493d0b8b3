"""Crawling again: conditional GET (304), a corrected article updated in place, stored articles not fetched,
a failing source counted run after run, platform sources failing with a bad token and "not configured" without
one. On SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import app
from storage.models import CrawlRun, FetchState, Item, Source
from tests.fakes import social
from tests.crawler.conftest import write_sources
from tests.fakes.province import CHANGING_SLUG, Province

FEED = "/bkh/rss/tin-moi.rss"


def sources(province: Province) -> list[dict]:
    return [
        province.sources()[0],  # bao-khanh-hoa: RSS 2.0 with ETag and Last-Modified
        {"name": "trang-hong", "kind": "feed", "type": "portal", "url": province.url("/hiem/khong-phai-feed.xml")},
        {"name": "facebook-thong-tin", "kind": "facebook", "type": "social",
         "url": f"https://www.facebook.com/{social.FB_PAGE}"},
        {"name": "youtube-khanh-hoa", "kind": "youtube", "type": "social",
         "url": "https://www.youtube.com/results?search_query=Kh%C3%A1nh+H%C3%B2a"},
    ]


def test_recrawl(database, province, run_crawl, tmp_path, monkeypatch):
    env = {**province.platform_env(), "FACEBOOK_ACCESS_TOKEN": "EAAexpired"}
    first = run_crawl(database.url, sources(province), env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    with database.session() as session:
        state = session.get(FetchState, province.url(FEED))
        assert state.etag == '"bkh-v1"' and state.last_modified == "Tue, 18 Nov 2025 05:00:00 GMT"
        before = session.scalars(select(Item).where(Item.canonical_url == province.url(province.bkh(CHANGING_SLUG)))).one()
        old_hash, item_id = before.content_hash, before.id
    fetched_once = len(province.server.log)

    second = run_crawl(database.url, sources(province), env=env)  # nothing changed: 304, nothing fetched
    feed_requests = province.server.requests_to(FEED)
    assert feed_requests[-1].header("If-None-Match") == '"bkh-v1"'
    assert feed_requests[-1].header("If-Modified-Since") == "Tue, 18 Nov 2025 05:00:00 GMT"
    assert "nguồn không có gì mới (304)" in second.stdout
    article_requests = [r for r in province.server.log[fetched_once:] if r.path.startswith("/bkh/xa-hoi/")]
    assert article_requests == []

    province.change_article()  # the paper corrects one article; its feed says so
    third = run_crawl(database.url, sources(province))  # and the platform tokens are gone
    assert third.returncode == 0, third.stdout + third.stderr
    fetched = [r.path for r in province.server.log if r.path.startswith("/bkh/xa-hoi/")]
    assert fetched.count(province.bkh(CHANGING_SLUG)) == 2  # refetched because updated
    assert all(fetched.count(path) == 1 for path in fetched if path != province.bkh(CHANGING_SLUG))
    with database.session() as session:
        after = session.get(Item, item_id)
        assert "92%" in after.title and "đã đạt 92% dung tích" in after.text
        assert after.previous_hashes == [old_hash] and after.content_hash != old_hash and after.updated_at
        feed_source = session.scalars(select(Source).where(Source.name == "bao-khanh-hoa")).one()
        runs = session.scalars(select(CrawlRun).where(CrawlRun.source_id == feed_source.id)
                               .order_by(CrawlRun.id)).all()
        assert [(r.status, r.updated) for r in runs] == [("ok", 0), ("ok", 0), ("ok", 1)]
        assert session.get(FetchState, province.url(FEED)).etag == '"bkh-v2"'

        broken = session.scalars(select(Source).where(Source.name == "trang-hong")).one()
        assert broken.consecutive_failures == 3 and broken.last_success_at is None
        assert "không phải feed" in broken.last_error
        facebook = session.scalars(select(Source).where(Source.name == "facebook-thong-tin")).one()
        fb_runs = session.scalars(select(CrawlRun).where(CrawlRun.source_id == facebook.id).order_by(CrawlRun.id))
        assert [r.status for r in fb_runs] == ["failed", "failed", "not_configured"]
        assert facebook.consecutive_failures == 2  # not configured is not one more failure
        youtube = session.scalars(select(Source).where(Source.name == "youtube-khanh-hoa")).one()
        assert youtube.consecutive_failures == 0 and youtube.last_success_at is not None
    assert "token hết hạn hoặc không hợp lệ (mã 190)" in second.stdout and "EAAexpired" not in second.stdout
    assert "chưa cấu hình: cần đặt biến môi trường FACEBOOK_ACCESS_TOKEN" in third.stdout
    assert "chưa cấu hình: cần đặt biến môi trường YOUTUBE_API_KEY" in third.stdout
    assert len([r for r in province.server.log if r.path.startswith("/yt/")]) == 2 * 4  # search, videos, 2 x comments

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", database.url)
    for name in ("FACEBOOK_ACCESS_TOKEN", "YOUTUBE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    table = CliRunner().invoke(app, ["sources", "--sources", str(write_sources(tmp_path / "s.yaml",
                                                                              sources(province)))])
    assert table.exit_code == 0, table.output
    lines = {line.split()[0]: line for line in table.output.splitlines()[1:] if line.strip()}
    assert "lỗi 3 lần liên tiếp" in lines["trang-hong"] and "bình thường" in lines["bao-khanh-hoa"]
    assert "Báo Khánh Hòa" in lines["bao-khanh-hoa"]  # the display name beside the key
    assert "chưa cấu hình" in lines["facebook-thong-tin"] and "chưa cấu hình" in lines["youtube-khanh-hoa"]
    assert "Tổng: 4 nguồn; 2 nguồn đang lỗi" in table.output
