"""Article extraction on the project's fixture pages, charset handling, dates, counts and language."""

import datetime as dt

import pytest

from config.sources import Selectors
from crawler.counts import count_reactors, parse_count
from crawler.dates import parse_date
from crawler.encoding import decode_body
from crawler.extract import extract_article, fragment_text
from crawler.language import detect_language, wanted
from tests.fakes import pages
from tests.fakes.articles import ARTICLES
from tests.fakes.province import ENGLISH, windows_1258

ARTICLE = ARTICLES["cam-lam-cham-boi-thuong-8312360"]
TEMPLATES = [pages.provincial, pages.central_epaper, pages.central_atom_paper, pages.section_paper]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.__name__)
def test_outlet_shapes(template):
    html = template(ARTICLE, "https://bao.vn", "https://bao.vn/ban-doc/cam-lam-8312360.html")
    article = extract_article(html, "https://bao.vn/amp/cam-lam-8312360.html?utm_source=fb")
    assert article.canonical_url == "https://bao.vn/ban-doc/cam-lam-8312360.html"
    assert article.title == ARTICLE.title and article.author == ARTICLE.author
    assert article.published_at == dt.datetime(2025, 11, 16, 2, 5, tzinfo=dt.timezone.utc)
    assert article.text.split("\n")[-1] == ARTICLE.paragraphs[-1]  # the byline is not text
    assert all(p in article.text for p in ARTICLE.paragraphs)
    assert ARTICLE.sapo in article.text  # the lead, printed outside the body
    for boilerplate in ("Tin liên quan", "Giấy phép", "Chia sẻ", "Trang chủ", "Đọc nhiều", "Bạn đọc bình luận"):
        assert boilerplate not in article.text


def test_selectors_override_a_table_layout():
    html = pages.portal(ARTICLE, "https://khanhhoa.gov.vn", "")
    generic = extract_article(html, "https://khanhhoa.gov.vn/tin?ItemID=1")
    assert generic.title == "Cổng thông tin điện tử tỉnh Khánh Hòa"  # what a generic extractor makes of it
    chosen = extract_article(html, "https://khanhhoa.gov.vn/tin?ItemID=1", Selectors(
        title=".news-title", text=".news-body", author=".news-body p[align=right] b", published=".news-date"))
    assert chosen.title == ARTICLE.title and chosen.author == ARTICLE.author
    assert chosen.published_at == dt.datetime(2025, 11, 16, 2, 5, tzinfo=dt.timezone.utc)
    assert chosen.text.startswith(ARTICLE.paragraphs[0]) and "Giới thiệu" not in chosen.text


def test_pages_without_an_article():
    assert extract_article("<html><body><div class='gallery'><img src='a.jpg'></div></body></html>",
                           "https://x.vn/anh") is None
    assert extract_article("", "https://x.vn/") is None
    assert extract_article("<<<>>>\x00 không phải html", "https://x.vn/") is None


def test_declared_one_charset_sent_another():
    html = pages.provincial(ARTICLE, "", "")
    assert decode_body(html.encode("utf-8"), "text/html; charset=iso-8859-1") == html
    assert decode_body(windows_1258(html), "text/html; charset=utf-8") == html
    assert decode_body(windows_1258(html), None) == html
    assert decode_body(b"\xef\xbb\xbf<p>Kh\xc3\xa1nh H\xc3\xb2a</p>", None) == "<p>Khánh Hòa</p>"  # BOM
    assert decode_body(b"<p>ascii only</p>", "text/html; charset=bogus-charset") == "<p>ascii only</p>"


def test_fragment_text_keeps_lines_and_drops_quotes():
    html = ('<div><blockquote>Trích <b>dẫn</b></blockquote>Đường <b>Trần Phú</b> kẹt xe<br>từ sáng &amp; chiều'
            '<div>Dòng 3</div></div>')
    assert fragment_text(html, ".//blockquote") == "Đường Trần Phú kẹt xe\ntừ sáng & chiều\nDòng 3"
    assert fragment_text(None) == "" and fragment_text("   ") == ""


@pytest.mark.parametrize("value, expected", [
    ("2025-11-18T07:45:00+07:00", "2025-11-18T00:45:00+00:00"),
    ("2025-11-18T07:45:00+0700", "2025-11-18T00:45:00+00:00"),
    ("Tue, 18 Nov 2025 07:45:00 +0700", "2025-11-18T00:45:00+00:00"),
    ("Thứ Ba, 18/11/2025, 07:45 (GMT+7)", "2025-11-18T00:45:00+00:00"),
    ("07h45 18-11-2025", "2025-11-18T00:45:00+00:00"),
    ("2025-11-18 07:45", "2025-11-18T00:45:00+00:00"),  # no zone: Vietnam time
    ("1763426700", "2025-11-18T00:45:00+00:00"),
    ("1763426700000", "2025-11-18T00:45:00+00:00"),
])
def test_dates(value, expected):
    assert parse_date(value).isoformat() == expected


def test_unreadable_and_future_dates_are_unknown():
    assert parse_date("không rõ ngày") is None and parse_date("") is None and parse_date(None) is None
    assert parse_date("31/02/2025") is None
    assert parse_date((dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30)).isoformat()) is None


@pytest.mark.parametrize("value, expected", [
    ("1.234", 1234), ("1,234", 1234), ("1,2K", 1200), ("1.2K", 1200), ("3.4M", 3_400_000), ("12 N", 12_000),
    ("1,5 triệu", 1_500_000), ("987", 987), (42, 42), ("", None), (None, None), ("abc", None), (True, None),
])
def test_counts(value, expected):
    assert parse_count(value) == expected


def test_reactions_bar():
    assert count_reactors("Lan, Hùng và 5 người khác") == 7
    assert count_reactors("Lan và Hùng") == 2 and count_reactors("A, B and 3 others") == 5
    assert count_reactors("") is None


def test_language():
    assert detect_language(ARTICLE.paragraphs[0]) == "vi"
    assert detect_language("đẹp quá") == "vi"  # short, but only Vietnamese writes it
    assert detect_language("ok") is None and detect_language("") is None
    assert detect_language(ENGLISH) == "en"
    assert wanted("vi", ["vi"]) and wanted(None, ["vi"]) and not wanted("en", ["vi"]) and wanted("en", [])
