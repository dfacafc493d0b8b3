"""The sample province's web pages in the shapes the crawler meets in the wild: outlet article pages and their
feeds (RSS 2.0, Atom, RSS 1.0, JSON Feed), a XenForo forum and a public Telegram channel preview."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import format_datetime
from html import escape
from urllib.parse import parse_qs, urlsplit

from bot.demo.content import ZONE, Post, SampleProvince, Thread

FEED_PATHS = {"rss2": "rss.xml", "atom": "atom.xml", "rss1": "rss.rdf", "jsonfeed": "feed.json"}
FEED_TYPES = {"rss2": "application/rss+xml", "atom": "application/atom+xml", "rss1": "application/rdf+xml",
              "jsonfeed": "application/feed+json"}


def article_url(base: str, article: dict) -> str:
    return f"{base}/{article['outlet']}/{article['slug']}.html"


def feed_url(base: str, outlet: dict) -> str:
    return f"{base}/{outlet['key']}/{FEED_PATHS[outlet['feed_format']]}"


def article_page(base: str, outlet: dict, article: dict) -> str:
    local = article["when"].astimezone(ZONE)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in article["body"])
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(article['title'])} | {escape(outlet['name'])}</title>
<meta name="description" content="{escape(article['lead'])}">
<meta property="og:title" content="{escape(article['title'])}">
<meta property="og:site_name" content="{escape(outlet['name'])}">
<meta property="article:published_time" content="{article['when'].isoformat()}">
<meta name="author" content="{escape(article['author'])}">
<link rel="canonical" href="{article_url(base, article)}"></head>
<body><header><div class="logo"><a href="{base}/{outlet['key']}/">{escape(outlet['name'])}</a></div>
<nav><a href="{base}/{outlet['key']}/">Trang chủ</a> | <a href="#">Thời sự</a> | <a href="#">Kinh tế</a> |
<a href="#">Xã hội</a> | <a href="#">Du lịch</a></nav></header>
<main><article><div class="breadcrumb">{escape(article['section'])}</div>
<h1>{escape(article['title'])}</h1>
<div class="meta">{local:%d/%m/%Y %H:%M} (GMT+7)</div>
<p class="sapo"><strong>{escape(article['lead'])}</strong></p>
<div class="content">{body}</div>
<p class="author"><strong>{escape(article['author'])}</strong></p></article>
<aside><h3>Đọc nhiều</h3><ul><li><a href="#">Dự báo thời tiết các tỉnh Nam Trung Bộ</a></li>
<li><a href="#">Giá xăng dầu kỳ điều hành mới</a></li></ul></aside></main>
<footer>{escape(outlet['name'])} – trang mẫu của diembao. {escape(outlet.get('description', ''))}</footer>
</body></html>"""


def _rss2(base: str, outlet: dict, articles: list[dict]) -> str:
    items = "".join(f"""<item><title>{escape(a['title'])}</title><link>{article_url(base, a)}</link>
<guid isPermaLink="true">{article_url(base, a)}</guid><description>{escape(a['lead'])}</description>
<pubDate>{format_datetime(a['when'])}</pubDate></item>""" for a in articles)
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(outlet['name'])}</title>
<link>{base}/{outlet['key']}/</link><description>{escape(outlet.get('description', ''))}</description>
<language>vi</language>{items}</channel></rss>"""


def _atom(base: str, outlet: dict, articles: list[dict]) -> str:
    updated = articles[0]["when"].isoformat() if articles else dt.datetime.now(dt.timezone.utc).isoformat()
    entries = "".join(f"""<entry><title>{escape(a['title'])}</title><link href="{article_url(base, a)}"/>
<id>{article_url(base, a)}</id><updated>{a['when'].isoformat()}</updated><published>{a['when'].isoformat()}</published>
<summary>{escape(a['lead'])}</summary><author><name>{escape(a['author'])}</name></author></entry>""" for a in articles)
    return f"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<title>{escape(outlet['name'])}</title><link href="{base}/{outlet['key']}/"/><id>{base}/{outlet['key']}/</id>
<updated>{updated}</updated>{entries}</feed>"""


def _rss1(base: str, outlet: dict, articles: list[dict]) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{article_url(base, a)}"/>' for a in articles)
    items = "".join(f"""<item rdf:about="{article_url(base, a)}"><title>{escape(a['title'])}</title>
<link>{article_url(base, a)}</link><description>{escape(a['lead'])}</description>
<dc:date>{a['when'].isoformat()}</dc:date><dc:creator>{escape(a['author'])}</dc:creator></item>""" for a in articles)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="{base}/{outlet['key']}/">
<title>{escape(outlet['name'])}</title><link>{base}/{outlet['key']}/</link>
<description>{escape(outlet.get('description', ''))}</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>
{items}</rdf:RDF>"""


def _jsonfeed(base: str, outlet: dict, articles: list[dict]) -> str:
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": outlet["name"], "language": "vi",
        "home_page_url": f"{base}/{outlet['key']}/", "feed_url": feed_url(base, outlet),
        "items": [{"id": article_url(base, a), "url": article_url(base, a), "title": a["title"],
                   "summary": a["lead"], "date_published": a["when"].isoformat(),
                   "authors": [{"name": a["author"]}]} for a in articles],
    }, ensure_ascii=False)


FEED_WRITERS = {"rss2": _rss2, "atom": _atom, "rss1": _rss1, "jsonfeed": _jsonfeed}


def feed(base: str, outlet: dict, articles: list[dict]) -> str:
    return FEED_WRITERS[outlet["feed_format"]](base, outlet, articles)


def thread_path(thread: Thread) -> str:
    return f"/forum/threads/{thread.slug}.{thread.number}/"


def _forum_post(thread: Thread, post: Post, position: int) -> str:
    when = post.when.astimezone(ZONE)
    body = escape(post.text).replace("\n", "<br>")
    return f"""<article class="message message--post js-post" data-author="{escape(post.author)}"
 data-content="post-{post.number}" id="js-post-{post.number}"><div class="message-inner">
<div class="message-cell message-cell--user"><h4 class="message-name"><a class="username">{escape(post.author)}</a></h4></div>
<div class="message-cell message-cell--main"><header class="message-attribution">
<ul class="message-attribution-main"><li><a href="{thread_path(thread)}post-{post.number}"><time class="u-dt"
 datetime="{when.isoformat()}">{when:%d/%m/%Y}</time></a></li></ul>
<ul class="message-attribution-opposite"><li><a href="{thread_path(thread)}post-{post.number}">#{position}</a></li></ul>
</header><div class="message-content"><article class="message-body"><div class="bbWrapper">{body}</div></article></div>
</div></div></article>"""


def forum_thread(forum: dict, thread: Thread, now: dt.datetime) -> str:
    posts = "\n".join(_forum_post(thread, p, i) for i, p in enumerate(thread.posts, start=1) if p.when <= now)
    return f"""<!DOCTYPE html><html id="XF" lang="vi-VN" data-template="thread_view"><head><meta charset="utf-8">
<title>{escape(thread.title)} | {escape(forum['name'])}</title></head><body>
<div class="p-title"><h1 class="p-title-value">{escape(thread.title)}</h1></div>
<div class="block block--messages"><div class="block-body">{posts}</div></div>
<footer class="p-footer">{escape(forum['name'])} – Powered by XenForo</footer></body></html>"""


def forum_node(forum: dict, threads: list[Thread]) -> str:
    rows = "\n".join(f'<div class="structItem structItem--thread"><div class="structItem-title">'
                     f'<a href="{thread_path(t)}">{escape(t.title)}</a></div></div>' for t in threads)
    return f"""<!DOCTYPE html><html id="XF" lang="vi-VN" data-template="forum_view"><head><meta charset="utf-8">
<title>{escape(forum['name'])}</title></head><body><div class="p-title"><h1 class="p-title-value">
{escape(forum['name'])}</h1></div><div class="structItemContainer">{rows}</div></body></html>"""


def _channel_message(channel: dict, post: Post) -> str:
    text = escape(post.text).replace("\n", "<br>")
    views = f'<span class="tgme_widget_message_views">{post.views}</span>' if post.views is not None else ""
    return f"""<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message
 js-widget_message" data-post="{channel['username']}/{post.number}"><div class="tgme_widget_message_bubble">
<div class="tgme_widget_message_author"><a class="tgme_widget_message_owner_name"><span dir="auto">
{escape(channel['title'])}</span></a></div>
<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>
<div class="tgme_widget_message_footer"><div class="tgme_widget_message_info">{views}
<span class="tgme_widget_message_meta"><a class="tgme_widget_message_date"
 href="https://t.me/{channel['username']}/{post.number}"><time datetime="{post.when.isoformat()}"
 class="time">{post.when.astimezone(ZONE):%H:%M}</time></a></span></div></div></div></div></div>"""


def channel_preview(channel: dict, messages: list[Post], before: int | None = None, per_page: int = 20) -> str:
    """The newest `per_page` messages (older than `before`), with a link to the older ones as t.me/s pages have."""
    older = sorted((m for m in messages if before is None or m.number < before), key=lambda m: m.number)
    page = older[-per_page:]
    shown = "\n".join(_channel_message(channel, m) for m in page)
    prev = (f'<link rel="prev" href="/s/{channel["username"]}?before={page[0].number}">'
            if len(older) > len(page) else "")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(channel['title'])} – Telegram</title>
{prev}</head><body><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">
{escape(channel['title'])}</span></div><div class="tgme_channel_info_description">{escape(channel['description'])}
</div></div><section class="tgme_channel_history js-message_history">{shown}</section></body></html>"""


def robots() -> str:
    return "User-agent: *\nAllow: /\n"


def page_for(province: SampleProvince, base: str, target: str) -> tuple[str, str] | None:
    """(content type, body) of `target` (path and query) on the sample sites, or None for a missing page."""
    now = dt.datetime.now(dt.timezone.utc)
    path, query = urlsplit(target)[2:4]
    if path == "/robots.txt":
        return "text/plain; charset=utf-8", robots()
    if path == "/forum/":
        return "text/html; charset=utf-8", forum_node(province.forum, province.threads)
    for thread in province.threads:
        if path == thread_path(thread):
            return "text/html; charset=utf-8", forum_thread(province.forum, thread, now)
    if path == f"/s/{province.channel['username']}":
        before = parse_qs(query).get("before", [""])[0]
        return "text/html; charset=utf-8", channel_preview(province.channel, province.messages,
                                                           int(before) if before.isdigit() else None)
    for outlet in province.outlets:
        articles = province.articles_of(outlet["key"])
        if path == f"/{outlet['key']}/{FEED_PATHS[outlet['feed_format']]}":
            return f"{FEED_TYPES[outlet['feed_format']]}; charset=utf-8", feed(base, outlet, articles)
        for article in articles:
            if path == f"/{outlet['key']}/{article['slug']}.html":
                return "text/html; charset=utf-8", article_page(base, outlet, article)
    return None
