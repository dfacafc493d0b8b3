"""Language of an item, for the "keep Vietnamese" filter.

Letters only Vietnamese uses (ă, ơ, ư, đ, ạ, ế, ...) settle it at once; short texts without them are unknown and
kept (a comment of three words is no evidence); longer texts are classified with py3langid."""

from __future__ import annotations

import py3langid

_VIETNAMESE_ONLY = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
MIN_LETTERS = 60
MIN_MARKED_SHARE = 0.02


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text is too short to tell."""
    sample = (text or "")[:3000].lower()
    letters = sum(ch.isalpha() for ch in sample)
    if letters == 0:
        return None
    marked = sum(ch in _VIETNAMESE_ONLY for ch in sample)
    if marked / letters >= MIN_MARKED_SHARE or (letters < MIN_LETTERS and marked):
        return "vi"
    if letters < MIN_LETTERS:
        return None
    language, _score = py3langid.classify(sample)
    return language


def wanted(language: str | None, languages: list[str]) -> bool:
    """Keep items in the configured languages, and items whose language cannot be told."""
    return not languages or language is None or language in languages
