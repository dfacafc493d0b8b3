"""The fixture province on a FixtureServer: outlets with feeds in all four formats, a news sitemap, a paginated
site section, search feeds, a hostile feed (every way a page can fail), a forum, a Telegram channel preview and
fake Graph and YouTube APIs. `Province.sources_yaml()` writes the sources file that crawls it all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata
from email.utils import format_datetime
from html import escape
from urllib.parse import quote

from tests.fakes import pages, social
from tests.fakes.articles import ARTICLES, Article
from tests.fakes.server import FixtureServer, Reply, Request

STORED_SLUG = "khoi-cong-cao-toc-khanh-hoa-buon-ma-thuot-8312399"  # tests store it before crawling
CHANGING_SLUG = "ho-song-sat-tich-nuoc-8312410"
COPIED_SLUG = "cam-lam-cham-boi-thuong-8312360"  # in the provincial feed, and copied verbatim by an aggregator
COPY_PATH = "/tonghop/ban-tin/cam-lam-cham-boi-thuong.html"
ENGLISH = ("Khanh Hoa province reported on Tuesday that heavy rain had caused several landslides on the Khanh Le "
           "pass. Local authorities closed the road and asked residents to avoid travelling until it is cleared. "
           "Repair crews are working around the clock and expect to reopen one lane within two days.")


def _rss_date(iso: str) -> str:
    return format_datetime(dt.datetime.fromisoformat(iso))


def rss2(title: str, entries: list[dict]) -> str:
    items = "\n".join(
        f"<item><title>{escape(e['title'])}</title><link>{escape(e['link'])}</link>"
        f"<guid isPermaLink=\"false\">{escape(e.get('guid', e['link']))}</guid>"
        f"<description><![CDATA[{e.get('summary', '')}]]></description>"
        f"<pubDate>{_rss_date(e['published'])}</pubDate>{e.get('more', '')}</item>" for e in entries)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
            f"<channel><title>{escape(title)}</title><link>{{base}}/</link><description>{escape(title)}</description>"
            f"<language>vi</language>{items}</channel></rss>")


class Province:
    def __init__(self, server: FixtureServer):
        self.server = server
        self.changed_at: str | None = None
        self.edge_delay = 3.0
        self._register()

    # helpers ----------------------------------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.server.url(path)

    def bkh(self, slug: str) -> str:
        return f"/bkh/xa-hoi/{slug}.html"

    def article(self, slug: str) -> Article:
        article = ARTICLES[slug]
        if slug == CHANGING_SLUG and self.changed_at:
            corrected = ("Theo Công ty TNHH MTV Khai thác công trình thủy lợi, đến ngày 19/11 hồ Sông Sắt đã đạt 92% "
                         "dung tích thiết kế sau đợt mưa lớn đêm 18/11, cao hơn cùng kỳ năm trước khoảng 27%.")
            article = Article(article.slug, article.title.replace("85%", "92%"), article.sapo,
                              (corrected, *article.paragraphs[1:]), article.author, article.published, article.section)
        return article

    def change_article(self) -> None:
        """The provincial paper corrects an article and says so in its feed (a new ETag, an updated date)."""
        self.changed_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()

    # routes -----------------------------------------------------------------------------------------------------

    def _register(self) -> None:
        add = self.server.add
        add("/robots.txt", "User-agent: *\nDisallow: /bkh/private/\n", content_type="text/plain")
        for slug in ("sat-lo-deo-khanh-le-8312345", "nha-trang-don-khach-quoc-te-8312351", "cam-lam-cham-boi-thuong-8312360",
                     "xe-tai-va-cham-xe-khach-ninh-hoa-8312377", "canh-bao-gia-danh-dien-luc-8312388", STORED_SLUG,
                     CHANGING_SLUG):
            self.server.handle(self.bkh(slug), lambda _r, s=slug: Reply(pages.provincial(
                self.article(s), "{base}/bkh", "{base}" + self.bkh(s))))
        amp = "nha-trang-don-khach-quoc-te-8312351"
        add(f"/bkh/amp/{amp}.html", pages.provincial(ARTICLES[amp], "{base}/bkh", "{base}" + self.bkh(amp)))
        self.server.handle("/bkh/rss/tin-moi.rss", self._provincial_feed)
        self._central_outlets()
        self._section_site()
        self._search_feeds()
        self._edge_feed()
        self._social()

    def _provincial_feed(self, request: Request) -> Reply:
        """RSS 2.0 with validators; a duplicate entry (tracking parameters, fragment) and an AMP link."""
        entries = [{"title": ARTICLES[s].title, "link": "{base}" + self.bkh(s), "published": ARTICLES[s].published,
                    "summary": ARTICLES[s].sapo}
                   for s in ("sat-lo-deo-khanh-le-8312345", "cam-lam-cham-boi-thuong-8312360",
                             "xe-tai-va-cham-xe-khach-ninh-hoa-8312377", "canh-bao-gia-danh-dien-luc-8312388",
                             STORED_SLUG, CHANGING_SLUG)]
        entries[0]["link"] += "?utm_source=rss&utm_medium=feed"
        entries.append({**entries[3], "link": entries[3]["link"] + "?fbclid=IwAR0xyz#binh-luan"})
        amp = ARTICLES["nha-trang-don-khach-quoc-te-8312351"]
        entries.append({"title": amp.title, "link": "{base}/bkh/amp/nha-trang-don-khach-quoc-te-8312351.html",
                        "published": amp.published})
        if self.changed_at:
            entries[5] = {**entries[5], "title": self.article(CHANGING_SLUG).title,
                          "more": f"<atom:updated>{self.changed_at}</atom:updated>"}
        etag = '"bkh-v2"' if self.changed_at else '"bkh-v1"'
        headers = {"ETag": etag, "Last-Modified": "Tue, 18 Nov 2025 05:00:00 GMT"}
        if request.header("If-None-Match") == etag:
            return Reply(status=304, headers=headers)
        return Reply(rss2("Báo Khánh Hòa - Tin mới", entries), content_type="application/rss+xml; charset=utf-8",
                     headers=headers)

    def _central_outlets(self) -> None:
        add = self.server.add
        now = dt.datetime.now(dt.timezone.utc)
        vne = ["van-phong-thu-hut-du-an-4812201", "diem-dan-ca-na-lo-gia-muoi-4812215"]
        for slug in vne:
            add(f"/vne/kinh-doanh/{slug}.html", pages.central_epaper(ARTICLES[slug], "{base}/vne",
                                                                     f"{{base}}/vne/kinh-doanh/{slug}.html"))
        add("/vne/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/'
            'schemas/sitemap/0.9"><sitemap><loc>{base}/vne/sitemaps/news.xml</loc>'
            f"<lastmod>{now.isoformat()}</lastmod></sitemap><sitemap><loc>{{base}}/vne/sitemaps/2019.xml</loc>"
            "<lastmod>2019-12-31T00:00:00+07:00</lastmod></sitemap></sitemapindex>", content_type="application/xml")
        urls = "".join(
            f"<url><loc>{{base}}/vne/kinh-doanh/{slug}.html</loc><news:news><news:publication><news:name>VnExpress"
            f"</news:name><news:language>vi</news:language></news:publication><news:publication_date>"
            f"{(now - dt.timedelta(hours=2 + i)).isoformat()}</news:publication_date><news:title>"
            f"{escape(ARTICLES[slug].title)}</news:title></news:news></url>" for i, slug in enumerate(vne))
        urls += ("<url><loc>{base}/vne/thoi-su/tin-cu-tu-2020-3999.html</loc><lastmod>2020-05-01T00:00:00+07:00"
                 "</lastmod></url>")
        add("/vne/sitemaps/news.xml", '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
            'schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>",
            content_type="application/xml")
        tt = ARTICLES["ninh-phuoc-han-han-4812230"]
        add(f"/tt/{tt.slug}.htm", pages.central_atom_paper(tt, "{base}/tt", f"{{base}}/tt/{tt.slug}.htm"))
        add("/tt/rss/thoi-su.atom", f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tuổi Trẻ Online - Thời sự</title><id>urn:tt:thoi-su</id>
<updated>{tt.published}</updated><entry><title>{escape(tt.title)}</title><link href="{{base}}/tt/{tt.slug}.htm"/>
<id>urn:tt:{tt.slug}</id><published>{tt.published}</published><updated>{tt.published}</updated>
<author><name>{escape(tt.author)}</name></author><summary>{escape(tt.sapo)}</summary></entry></feed>""",
            content_type="application/atom+xml; charset=utf-8")
        tn = ARTICLES["khao-sat-dien-gio-ngoai-khoi-4812244"]
        add(f"/tn/{tn.slug}.htm", pages.central_epaper(tn, "{base}/tn", f"{{base}}/tn/{tn.slug}.htm", "Thanh Niên"))
        add("/tn/feed.json", json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "Thanh Niên - Kinh tế",
            "home_page_url": "{base}/tn/", "items": [
                {"id": tn.slug, "url": f"{{base}}/tn/{tn.slug}.htm", "title": tn.title, "summary": tn.sapo,
                 "date_published": tn.published, "authors": [{"name": tn.author}]},
                {"id": "khong-co-link", "title": "Mục không có đường dẫn", "content_text": "bỏ qua"}]},
            ensure_ascii=False), content_type="application/feed+json")
        portal = ARTICLES["lich-tiep-cong-dan-thang-12"]
        add("/cong/tin", pages.portal(portal, "{base}/cong", ""))
        add("/cong/rss.rdf", f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="{{base}}/cong/"><title>Cổng TTĐT tỉnh Khánh Hòa</title>
<link>{{base}}/cong/</link><description>Tin tức</description><items><rdf:Seq>
<rdf:li rdf:resource="{{base}}/cong/tin?tabid=100&amp;ItemID=12345"/></rdf:Seq></items></channel>
<item rdf:about="{{base}}/cong/tin?tabid=100&amp;ItemID=12345"><title>{escape(portal.title)}</title>
<link>{{base}}/cong/tin?tabid=100&amp;ItemID=12345&amp;utm_medium=rss</link><description>{escape(portal.sapo)}</description>
<dc:date>{portal.published}</dc:date></item></rdf:RDF>""", content_type="application/rdf+xml")

    def _section_site(self) -> None:
        first = ["le-hoi-kate-thap-po-klong-garai-5201", "chuan-bi-mat-bang-dien-hat-nhan-5202"]
        second = ["bat-giu-khai-thac-cat-song-lu-5203"]
        for slug in first + second:
            self.server.add(f"/bnt/thoi-su/{slug}.html", pages.section_paper(
                ARTICLES[slug], "{base}/bnt", f"{{base}}/bnt/thoi-su/{slug}.html"))
        self.server.add("/bnt/thoi-su/", pages.listing(
            "Thời sự - Báo Ninh Thuận", [(f"/bnt/thoi-su/{s}.html", ARTICLES[s].title) for s in first]
            + [("/bnt/lien-he/", "Liên hệ tòa soạn")], "/bnt/thoi-su/trang-2/"))
        self.server.add("/bnt/thoi-su/trang-2/", pages.listing(
            "Thời sự - Trang 2", [(f"/bnt/thoi-su/{s}.html", ARTICLES[s].title) for s in second], None))

    def _search_feeds(self) -> None:
        """A Bing-News-like search feed (click-through links) and a Google-News-like one (opaque links)."""
        fire = ARTICLES["chay-rung-khanh-son-7123"]
        self.server.add(f"/dt/xa-hoi/{fire.slug}.htm", pages.central_atom_paper(
            fire, "{base}/dt", f"{{base}}/dt/xa-hoi/{fire.slug}.htm"))
        copy = ARTICLES[COPIED_SLUG]
        self.server.add(COPY_PATH, pages.provincial(copy, "{base}/tonghop", "{base}" + COPY_PATH))
        targets = [(fire, f"/dt/xa-hoi/{fire.slug}.htm"), (copy, COPY_PATH),
                   (ARTICLES["sat-lo-deo-khanh-le-8312345"], self.bkh("sat-lo-deo-khanh-le-8312345"))]
        entries = [{"title": a.title, "published": a.published, "summary": a.sapo,
                    "link": "{base}/bing/news/apiclick.aspx?ref=FexRss&aid=&tid=abc&url="
                            + quote("{base}" + path, safe="{}") + "&c=123&mkt=vi-vn"} for a, path in targets]
        self.server.add("/bing/news/search", rss2("Khánh Hòa - Bing News", entries),
                        content_type="application/rss+xml; charset=utf-8")
        google = [{"title": "Khánh Hòa: Hơn 1.000 hộ dân được sơ tán trước lũ - Báo Lao Động",
                   "link": "https://news.google.com/rss/articles/CBMiWkFVX3lxTE1hZ2VuZXJhdGVk?oc=5",
                   "published": "2025-11-18T09:00:00+07:00",
                   "summary": '<a href="https://news.google.com/rss/articles/CBMiWk?oc=5">Khánh Hòa: Hơn 1.000 hộ dân '
                              'được sơ tán trước lũ</a>&nbsp;&nbsp;<font color="#6f6f6f">Báo Lao Động</font>',
                   "more": '<source url="https://laodong.vn">Báo Lao Động</source>'},
                  {"title": "Nha Trang: Ngập sâu nhiều tuyến phố trung tâm - VietNamNet",
                   "link": "https://news.google.com/rss/articles/CBMiXkFVX3lxTE5uZ2FwZGVw?oc=5",
                   "published": "2025-11-18T08:20:00+07:00",
                   "summary": "Nhiều tuyến phố trung tâm Nha Trang ngập sâu sau trận mưa lớn kéo dài từ đêm qua.",
                   "more": '<source url="https://vietnamnet.vn">VietNamNet</source>'}]
        self.server.add("/gnews/rss/search", rss2('"Khánh Hòa" - Google Tin tức', google),
                        content_type="application/rss+xml; charset=utf-8")

    def _edge_feed(self) -> None:
        """Every way an article page can go wrong, behind one feed."""
        add = self.server.add
        good = ARTICLES["sat-lo-deo-khanh-le-8312345"]
        broken = pages.provincial(variant("xe-tai-va-cham-xe-khach-ninh-hoa-8312377", "(bản lỗi)"), "{base}/hiem", "")
        broken = broken.replace("</p>", "").replace("</div>", "</span></td>").split("<footer>")[0]
        add("/hiem/mal.html", broken + "<div><table><tr><td>quảng cáo")
        add("/hiem/charset.html", pages.provincial(variant("le-hoi-kate-thap-po-klong-garai-5201", "(bản lưu)"),
                                                   "{base}/hiem", "").encode("utf-8"),
            content_type="text/html; charset=iso-8859-1")
        add("/hiem/cp1258.html", windows_1258(pages.provincial(
            variant("bat-giu-khai-thac-cat-song-lu-5203", "(bản lưu)"), "{base}/hiem", "")),
            content_type="text/html; charset=utf-8")
        add("/hiem/big.html", "<html><body>" + "<p>Nội dung rất dài để vượt giới hạn kích thước trang.</p>" * 6000)
        add("/hiem/loop-a", "", status=302, headers={"Location": "{base}/hiem/loop-b"})
        add("/hiem/loop-b", "", status=302, headers={"Location": "{base}/hiem/loop-a"})
        self.server.handle("/hiem/slow.html", lambda _r: Reply(pages.provincial(good, "", ""), delay=self.edge_delay))
        self.server.sequence("/hiem/429.html", [
            Reply("Quá nhiều yêu cầu", status=429, headers={"Retry-After": "1"}),
            Reply(pages.provincial(variant("cam-lam-cham-boi-thuong-8312360", "(bản sao)"), "{base}/hiem", ""))])
        add("/hiem/503.html", "Bảo trì", status=503, headers={"Retry-After": "3600"})
        add("/hiem/500.html", "Lỗi máy chủ", status=500)
        add("/hiem/english.html", f"<html lang='en'><head><title>Landslides close Khanh Le pass</title></head><body>"
            f"<article><h1>Landslides close Khanh Le pass</h1><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>")
        add("/hiem/van-ban.pdf", b"%PDF-1.4 fake", content_type="application/pdf")
        add("/hiem/trang-trong.html", "<html><body><div class='gallery'><img src='a.jpg'></div></body></html>")
        links = ["/hiem/404.html", "/hiem/500.html", "/hiem/mal.html", "/hiem/charset.html", "/hiem/cp1258.html",
                 "/hiem/big.html", "/hiem/loop-a", "/hiem/slow.html", "/hiem/429.html", "/hiem/503.html",
                 "/bkh/private/bi-mat.html", "/hiem/english.html", "/hiem/van-ban.pdf", "/hiem/trang-trong.html"]
        entries = [{"title": f"Mục {i}", "link": "{base}" + link, "published": "2025-11-18T08:00:00+07:00"}
                   for i, link in enumerate(links, 1)]
        add("/hiem/rss.xml", rss2("Trang tổng hợp", entries), content_type="application/rss+xml; charset=utf-8")
        add("/hiem/khong-phai-feed.xml", "<html><body><h1>Trang bảo trì</h1></body></html>")

    def _social(self) -> None:
        add = self.server.add
        add("/forum/forums/khanh-hoa.12/", social.forum_node_page())
        for thread, (_title, thread_pages) in social.FORUM_THREADS.items():
            for number in range(1, len(thread_pages) + 1):
                suffix = "" if number == 1 else f"page-{number}"
                add(f"/forum/threads/{thread}/{suffix}", social.forum_thread_page(thread, number))
        add(f"/s/{social.CHANNEL}", social.telegram_page(None))
        add(f"/s/{social.CHANNEL}?before=120", social.telegram_page("120"))
        self.server.handle(f"/graph/v23.0/{social.FB_PAGE}/posts", self._graph_posts)
        self.server.handle(f"/graph/v23.0/{social.FB_PAGE}_1001/comments", lambda r: self._graph(
            r, {"data": social.FB_COMMENTS[f"{social.FB_PAGE}_1001"], "paging": {}}))
        self.server.handle("/yt/v3/search", self._youtube_search)
        self.server.handle("/yt/v3/videos", self._youtube_videos)
        self.server.handle("/yt/v3/commentThreads", self._youtube_comments)

    @staticmethod
    def _json(doc: dict, status: int = 200) -> Reply:
        return Reply(json.dumps(doc, ensure_ascii=False), status=status, content_type="application/json; charset=UTF-8")

    def _graph(self, request: Request, doc: dict) -> Reply:
        if request.query.get("access_token") != [social.FB_TOKEN]:
            return self._json({"error": {"message": "Invalid OAuth access token - Cannot parse access token",
                                         "type": "OAuthException", "code": 190, "fbtrace_id": "A1b2"}}, 400)
        return self._json(doc)

    def _graph_posts(self, request: Request) -> Reply:
        page = 1 if request.query.get("after") == ["page1"] else 0
        return self._graph(request, social.graph_posts(page))

    def _youtube_error(self, request: Request) -> Reply | None:
        if request.query.get("key") != [social.YT_KEY]:
            return self._json({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                                         "errors": [{"domain": "global", "reason": "badRequest"}]}}, 400)
        return None

    def _youtube_search(self, request: Request) -> Reply:
        items = [{"kind": "youtube#searchResult", "id": {"kind": "youtube#video", "videoId": vid},
                  "snippet": {k: v[k] for k in ("title", "description", "channelTitle", "channelId", "publishedAt")}}
                 for vid, v in social.YT_VIDEOS.items()]
        return self._youtube_error(request) or self._json(
            {"kind": "youtube#searchListResponse", "regionCode": "VN", "items": items,
             "pageInfo": {"totalResults": len(items), "resultsPerPage": 25}})

    def _youtube_videos(self, request: Request) -> Reply:
        ids = request.query.get("id", [""])[0].split(",")
        items = [{"kind": "youtube#video", "id": vid, "snippet": {k: v for k, v in social.YT_VIDEOS[vid].items()
                                                                 if k != "statistics"},
                  "statistics": social.YT_VIDEOS[vid]["statistics"]} for vid in ids if vid in social.YT_VIDEOS]
        return self._youtube_error(request) or self._json({"kind": "youtube#videoListResponse", "items": items})

    def _youtube_comments(self, request: Request) -> Reply:
        video = request.query.get("videoId", [""])[0]
        if video not in social.YT_COMMENTS:
            return self._json({"error": {"code": 403, "message": "The video identified by the videoId parameter has "
                               "disabled comments.", "errors": [{"domain": "youtube.commentThread",
                                                                 "reason": "commentsDisabled"}]}}, 403)
        return self._youtube_error(request) or self._json(social.youtube_comment_threads(video))

    # sources ----------------------------------------------------------------------------------------------------

    def sources(self) -> list[dict]:
        base = self.server.base
        return [
            {"name": "bao-khanh-hoa", "title": "Báo Khánh Hòa", "kind": "feed", "type": "provincial_press",
             "url": f"{base}/bkh/rss/tin-moi.rss"},
            {"name": "vnexpress", "kind": "sitemap", "type": "central_press", "url": f"{base}/vne/sitemap.xml",
             "options": {"allow": ["/kinh-doanh/", "/thoi-su/"]}},
            {"name": "tuoi-tre", "kind": "feed", "type": "central_press", "url": f"{base}/tt/rss/thoi-su.atom"},
            {"name": "thanh-nien", "kind": "feed", "type": "central_press", "url": f"{base}/tn/feed.json"},
            {"name": "cong-ttdt", "kind": "feed", "type": "portal", "url": f"{base}/cong/rss.rdf",
             "selectors": {"title": ".news-title", "text": ".news-body", "published": ".news-date"}},
            {"name": "bao-ninh-thuan", "kind": "site", "type": "provincial_press", "url": f"{base}/bnt/thoi-su/",
             "options": {"article_allow": [r"/thoi-su/[a-z0-9-]+-\d+\.html$"], "max_pages": 2}},
            {"name": "tim-bing", "kind": "feed", "type": "central_press",
             "url": f"{base}/bing/news/search?q=Kh%C3%A1nh+H%C3%B2a&format=rss"},
            {"name": "tim-google", "kind": "feed", "type": "central_press",
             "url": f"{base}/gnews/rss/search?q=%22Kh%C3%A1nh+H%C3%B2a%22&hl=vi", "options": {"follow": False}},
            {"name": "trang-tong-hop", "kind": "feed", "type": "portal", "url": f"{base}/hiem/rss.xml"},
            {"name": "dien-dan-xom-bien", "kind": "forum", "type": "forum",
             "url": f"{base}/forum/forums/khanh-hoa.12/"},
            {"name": "telegram-tin-nhanh", "kind": "telegram", "type": "social", "url": f"{base}/s/{social.CHANNEL}"},
            {"name": "facebook-thong-tin", "kind": "facebook", "type": "social",
             "url": f"https://www.facebook.com/{social.FB_PAGE}"},
            {"name": "youtube-khanh-hoa", "kind": "youtube", "type": "social",
             "url": "https://www.youtube.com/results?search_query=Kh%C3%A1nh+H%C3%B2a"},
        ]

    def platform_env(self) -> dict[str, str]:
        """Environment for the crawl process: tokens and the fake API servers."""
        return {"FACEBOOK_ACCESS_TOKEN": social.FB_TOKEN, "FACEBOOK_GRAPH_URL": self.url("/graph/v23.0"),
                "YOUTUBE_API_KEY": social.YT_KEY, "YOUTUBE_API_URL": self.url("/yt/v3")}


def variant(slug: str, mark: str) -> Article:
    """The same article republished under another title (so that it is not an exact duplicate)."""
    return dataclasses.replace(ARTICLES[slug], title=f"{ARTICLES[slug].title} {mark}")


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 (the legacy Vietnamese code page: base letters plus combining tone marks)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258", errors="replace")
    return bytes(out)
