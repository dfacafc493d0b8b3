"""Text normalisation shared by every annotator: Unicode NFC, case folding, text without diacritics.

Social-media spelling (teencode, repeated letters) and tone-mark placement build on these."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC: the same Vietnamese letter always has the same code points."""
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """Vietnamese without tone marks and with đ → d ("Khánh Hòa" → "Khanh Hoa")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def fold(text: str) -> str:
    """NFC, lower case, single spaces: the form used for hashing and similarity."""
    return _SPACES.sub(" ", nfc(text)).strip().lower()
