"""Article pages in the shapes of real Vietnamese outlets (provincial papers, central e-papers, a government
portal): navigation, related links, sharing bars and footers around the article, as the extractor meets them."""

from __future__ import annotations

import datetime as dt
from html import escape

from tests.fakes.articles import Article

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _when(article: Article) -> dt.datetime:
    return dt.datetime.fromisoformat(article.published)


def _paragraphs(article: Article, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return "\n".join(f"<p{attr}>{escape(p)}</p>" for p in article.paragraphs)


def _related(prefix: str) -> str:
    return (f'<div class="related"><h3>Tin liên quan</h3><ul>'
            f'<li><a href="{prefix}/xa-hoi/">Khánh Hòa chủ động ứng phó mưa lũ cuối năm</a></li>'
            f'<li><a href="{prefix}/kinh-te/">Giá vàng hôm nay tiếp tục tăng</a></li></ul></div>')


def provincial(article: Article, prefix: str, canonical: str) -> str:
    """A provincial party paper (Báo Khánh Hòa-like): sapo outside the body, author at the end."""
    when = _when(article)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{escape(article.title)} - Báo Khánh Hòa điện tử</title>
<meta name="description" content="{escape(article.sapo)}">
<meta property="og:title" content="{escape(article.title)}">
<meta property="og:site_name" content="Báo Khánh Hòa">
<meta property="article:published_time" content="{article.published}">
<link rel="canonical" href="{canonical}">
<link rel="amphtml" href="{prefix}/amp/{article.slug}.html">
</head><body>
<header class="site-header"><div class="logo"><a href="{prefix}/">BÁO KHÁNH HÒA</a></div>
<nav><ul><li><a href="{prefix}/">Trang chủ</a></li><li><a href="{prefix}/chinh-tri/">Chính trị</a></li>
<li><a href="{prefix}/xa-hoi/">Xã hội</a></li><li><a href="{prefix}/kinh-te/">Kinh tế</a></li></ul></nav>
<div class="weather">Nha Trang 27°C</div></header>
<main><div class="breadcrumb"><a href="{prefix}/">Trang chủ</a> › <a href="{prefix}/xa-hoi/">{escape(article.section)}</a></div>
<article class="detail">
<h1 class="detail-title">{escape(article.title)}</h1>
<div class="detail-time">{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y} | {when:%H:%M}</div>
<div class="detail-sapo">{escape(article.sapo)}</div>
<div class="detail-content">
{_paragraphs(article)}
<p class="detail-author"><strong>{escape(article.author)}</strong></p>
</div>
<div class="share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a></div>
</article>
{_related(prefix)}
</main>
<footer><p>Cơ quan chủ quản: Tỉnh ủy Khánh Hòa. Giấy phép số 123/GP-BTTTT.</p>
<p>Địa chỉ: 3 Hàn Thuyên, Nha Trang. Điện thoại: 0258 xxx xxxx.</p></footer>
</body></html>"""


def central_epaper(article: Article, prefix: str, canonical: str, site: str = "VnExpress") -> str:
    """A central e-paper (VnExpress-like): description paragraph, `fck_detail` body, date line with GMT+7."""
    when = _when(article)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{escape(article.title)} - {site}</title>
<meta name="pubdate" itemprop="datePublished" content="{article.published}">
<meta property="og:site_name" content="{site}">
<meta name="its_author" content="{escape(article.author)}">
<link rel="canonical" href="{canonical}">
</head><body>
<header class="header"><a class="logo" href="{prefix}/">{site}</a>
<nav class="main-nav"><a href="{prefix}/thoi-su">Thời sự</a><a href="{prefix}/kinh-doanh">Kinh doanh</a></nav></header>
<section class="section page-detail"><div class="container"><div class="sidebar-1">
<div class="header-content"><ul class="breadcrumb"><li><a href="{prefix}/kinh-doanh">{escape(article.section)}</a></li></ul>
<span class="date">{WEEKDAYS[when.weekday()].lower()}, {when:%d/%m/%Y}, {when:%H:%M} (GMT+7)</span></div>
<h1 class="title-detail">{escape(article.title)}</h1>
<p class="description"><span class="location-stamp">Khánh Hòa</span>{escape(article.sapo)}</p>
<article class="fck_detail">
{_paragraphs(article, "Normal")}
<p class="Normal" style="text-align:right;"><strong>{escape(article.author)}</strong></p>
</article>
<div class="box-tinlienquanv2"><h3>Xem thêm</h3><a href="{prefix}/khac-1.html">Tin khác</a></div>
</div><div class="sidebar-2"><div class="box-category">Đọc nhiều</div></div></div></section>
<footer class="footer">© Copyright {site}, All rights reserved</footer>
</body></html>"""


def central_atom_paper(article: Article, prefix: str, canonical: str) -> str:
    """A central paper with an <h2> sapo and an `afcbc-body` (Tuổi Trẻ-like)."""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)} - Tuổi Trẻ Online</title>
<meta property="article:published_time" content="{article.published}">
<meta property="og:site_name" content="TUOI TRE ONLINE">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{escape(article.title)}",
"datePublished":"{article.published}","author":{{"@type":"Person","name":"{escape(article.author)}"}}}}</script>
<link rel="canonical" href="{canonical}"></head><body>
<div class="header"><a href="{prefix}/">Tuổi Trẻ</a> <a href="{prefix}/thoi-su.htm">Thời sự</a></div>
<div class="detail-cmain"><h1 class="detail-title article-title">{escape(article.title)}</h1>
<div class="detail-author">{escape(article.author)}</div>
<h2 class="detail-sapo">{escape(article.sapo)}</h2>
<div class="detail-content afcbc-body">{_paragraphs(article)}</div>
<div class="detail-tab">TIN LIÊN QUAN</div></div>
<div class="comment-wrapper"><p>Bạn đọc bình luận: Mong các cấp sớm hỗ trợ bà con.</p></div>
<div class="footer">Tổng biên tập: ... Giấy phép hoạt động báo điện tử số ...</div>
</body></html>"""


def portal(article: Article, prefix: str, canonical: str) -> str:
    """A provincial government portal of the old ASP.NET kind: table layout, unclosed tags, no canonical link."""
    when = _when(article)
    paragraphs = "\n".join(f"<p align=justify>{escape(p)}" for p in article.paragraphs)  # unclosed <p>
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Cổng thông tin điện tử tỉnh Khánh Hòa</title></head>
<body><table width="100%" border=0><tr><td class="banner"><img src="{prefix}/banner.jpg" alt="Cổng TTĐT">
<tr><td><table class="menu"><tr><td><a href="{prefix}/">Trang chủ</a><td><a href="{prefix}/gioi-thieu">Giới thiệu</a>
</table>
<tr><td class="content"><div id="ctl00_ContentPlaceHolder1_pnlNews">
<span class="news-title"><b>{escape(article.title)}</b></span>
<span class="news-date">Ngày đăng: {when:%d/%m/%Y %H:%M}</span>
<div class="news-summary"><i>{escape(article.sapo)}</i></div>
<div class="news-body">{paragraphs}
<p align=right><b>{escape(article.author)}</b></div></div>
<div class="other-news">Các tin khác<ul><li><a href="{prefix}/tin?ItemID=1">Tin 1</a><li><a href="{prefix}/tin?ItemID=2">Tin 2</a></ul>
</table><div class="footer">Bản quyền thuộc UBND tỉnh Khánh Hòa</div></body></html>"""


def section_paper(article: Article, prefix: str, canonical: str) -> str:
    """A provincial paper whose listing pages link the articles (Báo Ninh Thuận-like)."""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)}</title>
<meta itemprop="datePublished" content="{article.published}">
<meta name="author" content="{escape(article.author)}">
<link rel="canonical" href="{canonical}"></head><body>
<div id="header"><a href="{prefix}/">BÁO NINH THUẬN</a><ul class="menu"><li><a href="{prefix}/thoi-su/">Thời sự</a></li></ul></div>
<div class="main"><div class="article-detail"><h1 class="article-title">{escape(article.title)}</h1>
<div class="article-sapo"><strong>{escape(article.sapo)}</strong></div>
<div class="article-body">{_paragraphs(article)}</div>
<div class="article-author">{escape(article.author)}</div></div>
<div class="box-other"><a href="{prefix}/thoi-su/">Tin cùng chuyên mục</a></div></div>
<div id="footer">Báo Ninh Thuận - Cơ quan của Đảng bộ tỉnh</div></body></html>"""


def listing(title: str, links: list[tuple[str, str]], next_href: str | None) -> str:
    """A section listing page: article teasers and a pager."""
    items = "\n".join(f'<div class="story"><h3 class="story__title"><a href="{href}">{escape(text)}</a></h3>'
                      f'<p class="story__summary">Tóm tắt: {escape(text)}.</p></div>' for href, text in links)
    pager = f'<div class="pagination"><a class="next" href="{next_href}">Trang sau »</a></div>' if next_href else ""
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body><div id="header"><a href="/">Trang chủ</a> <a href="/lien-he/">Liên hệ</a></div>
<div class="list-news">{items}</div>{pager}<div id="footer">Bản quyền</div></body></html>"""
