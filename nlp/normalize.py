"""Text normalisation shared by every annotator: Unicode NFC, case folding, text without diacritics.

Social-media spelling (teencode, repeated letters) and tone-mark placement build on these."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC: the same Vietnamese letter always has the same code points."""
    return unicodedata.normalize("NFC", text)


def _strip_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


# Latin letters with diacritics (Latin-1 Supplement, Extended-A/B, Extended Additional where Vietnamese lives) and
# non-spacing marks (also emoji variation selectors), mapped once: stripping is then one str.translate.
_LATIN = [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
_STRIP: dict[int, str | None] = {cp: _strip_slow(chr(cp)) for cp in _LATIN if _strip_slow(chr(cp)) != chr(cp)}
_MARK_BLOCKS = ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE00, 0xFE10),
                (0xFE20, 0xFE30))
_STRIP.update({cp: None for start, end in _MARK_BLOCKS for cp in range(start, end)
               if unicodedata.category(chr(cp)) == "Mn"})


def strip_diacritics(text: str) -> str:
    """Vietnamese without tone marks and with đ → d ("Khánh Hòa" → "Khanh Hoa")."""
    return unicodedata.normalize("NFC", text).translate(_STRIP)


def fold(text: str) -> str:
    """NFC, lower case, single spaces: the form used for hashing and similarity."""
    return _SPACES.sub(" ", nfc(text)).strip().lower()
