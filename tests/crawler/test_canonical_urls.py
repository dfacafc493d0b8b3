"""Canonical URLs: one article, one identity, whatever link led to it."""

import pytest

from crawler.urls import canonical_url, page_canonical, site_key, unwrap_redirect


@pytest.mark.parametrize("url, expected", [
    ("https://M.BaoKhanhHoa.vn/amp/xa-hoi/tin-8312345.html?utm_source=zalo&zarsrc=30&gidzl=x#top",
     "https://baokhanhhoa.vn/xa-hoi/tin-8312345.html"),
    ("https://vnexpress.net/a-123.html?amp=1", "https://vnexpress.net/a-123.html"),
    ("https://tuoitre.vn/a-123.amp.html", "https://tuoitre.vn/a-123.html"),
    ("https://thanhnien.vn/abc-185.htm?outputType=amp", "https://thanhnien.vn/abc-185.htm"),
    ("https://amp.example.vn/x/amp", "https://example.vn/x/"),
    ("https://khanhhoa.gov.vn/Default.aspx?tabid=100&ItemID=12345",
     "https://khanhhoa.gov.vn/Default.aspx?ItemID=12345&tabid=100"),
    ("https://www.youtube.com/watch?v=abc&feature=share&si=x", "https://www.youtube.com/watch?v=abc"),
    ("https://m.facebook.com/story.php?story_fbid=1&id=2&mibextid=x&__tn__=R",
     "https://www.facebook.com/story.php?id=2&story_fbid=1"),
    ("http://127.0.0.1:8080/bai/a-1.html?fbclid=IwAR&gclid=1", "http://127.0.0.1:8080/bai/a-1.html"),
    ("https://baokhanhhoa.vn:443/a.html", "https://baokhanhhoa.vn/a.html"),
    ("https://t.me/s/kenh?before=100", "https://t.me/s/kenh?before=100"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_same_article_many_links():
    links = ["https://baokhanhhoa.vn/a-1.html", "https://baokhanhhoa.vn/a-1.html?utm_campaign=x#binh-luan",
             "https://m.baokhanhhoa.vn/a-1.html", "https://baokhanhhoa.vn/amp/a-1.html"]
    assert {canonical_url(link) for link in links} == {"https://baokhanhhoa.vn/a-1.html"}


def test_page_canonical_prefers_rel_canonical_on_the_same_site():
    assert page_canonical("https://baokhanhhoa.vn/amp/a.html", "/xa-hoi/a.html") == "https://baokhanhhoa.vn/xa-hoi/a.html"
    assert page_canonical("https://www.x.vn/a", "https://m.x.vn/a?utm_source=y") == "https://x.vn/a"
    assert page_canonical("https://x.vn/a", "https://other.vn/b") == "https://x.vn/a"  # another site: ignored
    assert page_canonical("https://x.vn/a?fbclid=1", "  ") == "https://x.vn/a"
    assert page_canonical("https://x.vn/a", "javascript:void(0)") == "https://x.vn/a"


def test_site_key_ignores_www_mobile_and_amp():
    assert site_key("https://www.baokhanhhoa.vn/a") == site_key("https://m.baokhanhhoa.vn/") == "baokhanhhoa.vn"


def test_unwrap_click_through_links():
    bing = ("https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=X"
            "&url=https%3a%2f%2fbaokhanhhoa.vn%2fa-1.html&c=1&mkt=vi-vn")
    assert unwrap_redirect(bing) == "https://baokhanhhoa.vn/a-1.html"
    assert unwrap_redirect("https://www.google.com/url?q=x&url=https://tuoitre.vn/b.htm") == "https://tuoitre.vn/b.htm"
    assert unwrap_redirect("https://baokhanhhoa.vn/a-1.html?id=3") == "https://baokhanhhoa.vn/a-1.html?id=3"
