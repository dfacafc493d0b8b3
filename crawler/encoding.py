"""Decode a page whatever charset it claims: Vietnamese sites often declare one and send another.

Valid UTF-8 with multi-byte sequences is almost never an accident, so it wins over a declaration; otherwise the
declared charset (HTTP header, then <meta>) is used when the bytes decode cleanly under it; otherwise the charset
is detected (charset_normalizer knows windows-1258, the legacy Vietnamese code page)."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _strict(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        codecs.lookup(encoding)
        return body.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def declared_encoding(content_type: str | None, body: bytes) -> str | None:
    """What the server or the page says the charset is (header first, then <meta>)."""
    return http_content_type_encoding(content_type or "") or html_body_declared_encoding(body)


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """The page as NFC text; never raises."""
    text = None
    if _MULTIBYTE.search(body):
        text = _strict(body, "utf-8")
    if text is None:
        text = _strict(body, declared_encoding(content_type, body))
    if text is None:
        best = charset_normalizer.from_bytes(body).best()
        text = str(best) if best is not None else body.decode("utf-8", errors="replace")
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))

