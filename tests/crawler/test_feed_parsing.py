"""Feeds in four formats, sitemaps (index, news, gzip), and what happens with broken ones."""

import gzip
import json

import pytest

from crawler.feeds import FeedError, read_feed
from crawler.sitemaps import read_sitemap
from tests.fakes.province import rss2

RSS1 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://khanhhoa.gov.vn/"><title>Cổng TTĐT</title>
<link>https://khanhhoa.gov.vn/</link><description>Tin</description></channel>
<item rdf:about="https://khanhhoa.gov.vn/tin?ItemID=1"><title>Thông báo lịch tiếp công dân</title>
<link>https://khanhhoa.gov.vn/tin?ItemID=1</link><description>Mô tả &lt;b&gt;ngắn&lt;/b&gt;</description>
<dc:date>2025-11-18T07:45:00+07:00</dc:date><dc:creator>Văn phòng UBND tỉnh</dc:creator></item></rdf:RDF>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tuổi Trẻ</title>
<id>urn:x</id><updated>2025-11-18T07:45:00+07:00</updated><entry><title>Hạn hán ở Ninh Phước</title>
<link rel="alternate" href="https://tuoitre.vn/han-han-2025.htm"/><id>urn:1</id>
<published>2025-11-16T16:45:00+07:00</published><updated>2025-11-17T08:00:00+07:00</updated>
<author><name>Duy Thanh</name></author><content type="html">&lt;p&gt;Nắng nóng&lt;/p&gt;&lt;p&gt;kéo dài&lt;/p&gt;</content>
</entry></feed>"""


def test_rss2_with_search_feed_source_and_click_through():
    body = rss2("Tìm kiếm", [{"title": "Cháy rừng ở Khánh Sơn", "published": "2025-11-17T20:05:00+07:00",
                             "link": "https://www.bing.com/news/apiclick.aspx?url=https%3a%2f%2fdantri.com.vn%2fa.htm",
                             "summary": "<b>Cháy</b> rừng", "more": '<source url="https://dantri.com.vn">Dân trí</source>'}])
    [entry] = read_feed(body.replace("{base}", "https://x").encode(), "https://x/rss").entries
    assert entry.url == "https://dantri.com.vn/a.htm" and entry.outlet == "Dân trí" and entry.summary == "Cháy rừng"
    assert entry.published_at.isoformat() == "2025-11-17T13:05:00+00:00"


def test_rss1_and_atom():
    [portal] = read_feed(RSS1.encode(), "https://khanhhoa.gov.vn/rss").entries
    assert portal.title == "Thông báo lịch tiếp công dân" and portal.summary == "Mô tả ngắn"
    assert portal.author == "Văn phòng UBND tỉnh" and portal.published_at.isoformat() == "2025-11-18T00:45:00+00:00"
    feed = read_feed(ATOM.encode(), "https://tuoitre.vn/atom")
    assert feed.title == "Tuổi Trẻ"
    [entry] = feed.entries
    assert entry.url == "https://tuoitre.vn/han-han-2025.htm" and entry.summary == "Nắng nóng\nkéo dài"
    assert entry.updated_at.isoformat() == "2025-11-17T01:00:00+00:00" and entry.author == "Duy Thanh"


def test_json_feed_1_0_and_1_1():
    doc = {"version": "https://jsonfeed.org/version/1", "title": "Thanh Niên", "items": [
        {"id": "1", "url": "https://thanhnien.vn/a.htm", "title": "Điện gió", "content_html": "<p>Tỉnh đề xuất</p>",
         "date_published": "2025-11-18T09:15:00+07:00", "author": {"name": "Lê Hoàng"}},
        {"id": "2", "url": "https://thanhnien.vn/b.htm", "content_text": "Chỉ có nội dung",
         "authors": [{"name": "A"}, {"name": "B"}], "date_modified": "2025-11-18T10:00:00+07:00"},
        {"id": "3", "title": "không có url"}, "không phải đối tượng"]}
    feed = read_feed(json.dumps(doc).encode(), "https://thanhnien.vn/feed.json", "application/feed+json")
    assert [e.url for e in feed.entries] == ["https://thanhnien.vn/a.htm", "https://thanhnien.vn/b.htm"]
    assert feed.entries[0].author == "Lê Hoàng" and feed.entries[0].summary == "Tỉnh đề xuất"
    assert feed.entries[1].author == "A, B" and feed.entries[1].updated_at is not None


@pytest.mark.parametrize("body, message", [
    (b"", "feed rỗng"),
    ("<html><body><h1>Trang bảo trì</h1></body></html>".encode(), "không phải feed"),
    (b"garbage{{{", "không phải feed"),
    (b'{"version": "https://jsonfeed.org/version/1", "items": "x"}', "không có danh sách items"),
    (b'{"version": "https://jsonfeed.org/version/1", "items": [', "JSON Feed không hợp lệ"),
])
def test_broken_feeds_are_named(body, message):
    with pytest.raises(FeedError, match=message):
        read_feed(body, "https://x.vn/rss")


NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"><url><loc>https://x.vn/a-1.html</loc>
<image:image><image:loc>https://x.vn/i.jpg</image:loc><image:title>Ảnh minh họa</image:title></image:image>
<news:news><news:publication><news:name>Báo X</news:name><news:language>vi</news:language></news:publication>
<news:publication_date>2025-11-18T07:45:00+07:00</news:publication_date><news:title>Tiêu đề tin</news:title>
</news:news></url><url><loc>https://x.vn/b-2.html</loc><lastmod>2025-11-17</lastmod></url>
<url><loc>javascript:alert(1)</loc></url></urlset>"""


def test_news_sitemap_plain_and_gzipped():
    for body in (NEWS.encode(), gzip.compress(NEWS.encode())):
        doc = read_sitemap(body, 10**6)
        assert doc.kind == "urlset" and [e.url for e in doc.entries] == ["https://x.vn/a-1.html", "https://x.vn/b-2.html"]
        first = doc.entries[0]
        assert first.title == "Tiêu đề tin" and first.outlet == "Báo X"  # not the image's title
        assert first.published_at.isoformat() == "2025-11-18T00:45:00+00:00"


def test_sitemap_index_and_limits():
    index = read_sitemap(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
                         b"<loc>https://x.vn/s1.xml</loc><lastmod>2025-11-18</lastmod></sitemap></sitemapindex>", 10**6)
    assert index.kind == "index" and index.children[0].url == "https://x.vn/s1.xml"
    with pytest.raises(FeedError, match="vượt giới hạn"):
        read_sitemap(gzip.compress(NEWS.encode() * 50), 1000)  # a gzip bomb stops at the page limit
    with pytest.raises(FeedError, match="bị hỏng"):
        read_sitemap(b"\x1f\x8b\x08\x00garbage", 10**6)
    with pytest.raises(FeedError, match="không phải sitemap"):
        read_sitemap(b"<html><body>x</body></html>", 10**6)


def test_sitemap_entities_are_not_resolved():
    doc = read_sitemap(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url>'
                       b"<loc>https://x.vn/&e;</loc></url></urlset>", 10**6)
    assert "root:" not in doc.entries[0].url
