"""Canonical URLs, so that one article is one item whatever link led to it.

Tracking parameters are dropped (courlan's list plus the ones Vietnamese platforms add), AMP and mobile variants
are folded onto the regular page, fragments are dropped and the query is sorted. After a page is fetched its
`rel=canonical` link is preferred when it points to the same site."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan
from w3lib.url import safe_url_string

# Zalo, Facebook and Google Analytics add these; courlan's generic list does not know them all.
EXTRA_TRACKERS = frozenset({"zarsrc", "gidzl", "ito", "fbclid", "__tn__", "__cft__[0]", "__cft__", "mibextid", "rdid",
                            "share_url", "_ga", "_gl", "refresh_ce", "epik", "sfnsn", "si", "feature", "amp",
                            "outputtype"})
MOBILE_HOSTS = {"m.facebook.com": "www.facebook.com", "mbasic.facebook.com": "www.facebook.com",
                "m.youtube.com": "www.youtube.com", "mobile.twitter.com": "twitter.com"}
_HOST_PREFIX = re.compile(r"^(?:m|mobile|amp)\.(?=[^.]+\.[^.]+)")
_AMP_PATH = (
    (re.compile(r"/amp(?=/)"), ""),  # /amp/tin-abc.html
    (re.compile(r"/amp/?$"), "/"),  # /tin-abc/amp
    (re.compile(r"\.amp(?=\.html?$)"), ""),  # /tin-abc.amp.html
    (re.compile(r"\.amp$"), ""),  # /tin-abc.amp
)
_REDIRECT_PARAMS = ("url", "u", "dest", "target", "link")


def _fold_host(host: str) -> str:
    host = host.lower().rstrip(".")
    if host in MOBILE_HOSTS:
        return MOBILE_HOSTS[host]
    return _HOST_PREFIX.sub("", host)


def _fold_path(path: str) -> str:
    for pattern, replacement in _AMP_PATH:
        path = pattern.sub(replacement, path)
    return path or "/"


def canonical_url(url: str) -> str:
    """The identity of a page: `https://m.site.vn/amp/a-1.html?utm_source=x#top` -> `https://site.vn/a-1.html`."""
    url = safe_url_string(url.strip())
    parts = urlsplit(url)
    host = _fold_host(parts.hostname or "")
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() not in EXTRA_TRACKERS])
    url = urlunsplit((parts.scheme.lower(), netloc, _fold_path(parts.path), query, ""))
    try:
        return courlan.normalize_url(url, strict=False)
    except (ValueError, AttributeError):
        return url


def site_key(url: str) -> str:
    """The site a URL belongs to, ignoring www/m/amp prefixes (for same-site checks)."""
    host = _fold_host(urlsplit(url).hostname or "")
    return host[4:] if host.startswith("www.") else host


def page_canonical(fetched_url: str, canonical_href: str | None) -> str:
    """The canonical URL of a fetched page: its rel=canonical link when it stays on the same site."""
    if canonical_href and canonical_href.strip():
        target = urljoin(fetched_url, canonical_href.strip())
        if target.startswith(("http://", "https://")) and site_key(target) == site_key(fetched_url):
            return canonical_url(target)
    return canonical_url(fetched_url)


def unwrap_redirect(url: str) -> str:
    """The real article behind an aggregator's click-through link (e.g. Bing News `apiclick.aspx?url=...`)."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in _REDIRECT_PARAMS and value.startswith(("http://", "https://")):
            return value
    return url
