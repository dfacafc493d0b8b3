"""Search stored items by a phrase, typed with or without Vietnamese diacritics.

A letter typed without marks matches that letter with any marks ("sat lo" finds "sạt lở"); a letter typed with
marks matches only itself ("lở" does not find "lỡ"); case never matters. The database narrows the candidates with
character classes (GLOB on SQLite, regular expressions on PostgreSQL), newest first; Python then keeps only whole-word
phrase matches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from nlp.normalize import nfc, strip_diacritics
from storage.models import Item

VARIANTS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị", "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ", "d": "dđ",
}
MAX_SYLLABLES, MAX_QUERY = 8, 100
CANDIDATES = 200


class SearchError(ValueError):
    """A query we cannot search for; the message is for the officer."""


def letters(char: str) -> str:
    """Every character `char` stands for in a search."""
    lower = char.lower()
    base = strip_diacritics(lower)
    chars = VARIANTS[base] if lower == base and base in VARIANTS else lower
    return "".join(dict.fromkeys(chars + chars.upper()))


def syllables(query: str) -> list[str]:
    words = re.findall(r"\w+", nfc(query))
    if not words:
        raise SearchError("Hãy gõ từ khóa cần tìm, ví dụ: /search sạt lở đèo Khánh Lê")
    if len(query) > MAX_QUERY or len(words) > MAX_SYLLABLES:
        raise SearchError(f"Từ khóa quá dài: tối đa {MAX_SYLLABLES} tiếng, {MAX_QUERY} ký tự.")
    return words


def _classes(word: str) -> str:
    return "".join(f"[{letters(c)}]" for c in word)


def phrase_regex(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(_classes(w) for w in words) + r"(?!\w)")


def _contains(column, word: str, dialect: str):
    if dialect == "sqlite":
        return column.op("GLOB")(f"*{_classes(word)}*")
    return column.op("~")(_classes(word))


@dataclass
class Hit:
    item_id: int
    title: str
    url: str
    outlet: str | None
    at: object  # datetime
    source_type: str


def search_items(session: Session, query: str, limit: int = 10) -> list[Hit]:
    """The newest items whose title or text contains the phrase `query`."""
    words = syllables(query)
    dialect = session.get_bind().dialect.name
    narrow = and_(*(or_(_contains(Item.title, w, dialect), _contains(Item.text, w, dialect)) for w in words))
    candidates = session.scalars(select(Item).where(narrow).order_by(Item.id.desc()).limit(CANDIDATES)).all()
    pattern = phrase_regex(words)
    hits = [Hit(i.id, i.title or i.text[:120], i.url, i.outlet, i.published_at or i.fetched_at, i.source_type)
            for i in candidates if pattern.search(nfc(i.title or "")) or pattern.search(nfc(i.text or ""))]
    hits.sort(key=lambda h: h.at, reverse=True)
    return hits[:limit]
