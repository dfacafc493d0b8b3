"""Text normalisation shared by every annotator: Unicode NFC, case folding, text without diacritics, tone-mark
placement, social-media spelling (teencode, repeated letters) and emoji signals."""

from __future__ import annotations

import re
import unicodedata


_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
_STRETCH = re.compile(r"([^\W\d_])([^\W\d_])\2+|([^\W\d_])\3\3+")
_REPEATED_MARK = re.compile(r"([!?.,~])\1+")

# Social-media spellings and abbreviations -> standard Vietnamese. Keys are lower case, whole words only.
# Deliberately absent: ambiguous short forms ("a", "e", "b", "bn", "hn", "dt", "tk", "hk") and profanity, which the
# harmful-content model must still see as written.
TEENCODE: dict[str, str] = {
    **dict.fromkeys(["ko", "k", "kh", "kg", "khg", "hok", "hông", "hem", "khum", "k0", "hong"], "không"),
    **dict.fromkeys(["dc", "đc", "dk", "đk", "dduoc"], "được"),
    "vs": "với", "ng": "người", "ae": "anh em", "mn": "mọi người", "mng": "mọi người",
    **dict.fromkeys(["j", "ji"], "gì"),
    **dict.fromkeys(["z", "dz", "zậy"], "vậy"),
    **dict.fromkeys(["r", "rùi"], "rồi"),
    **dict.fromkeys(["bik", "bít", "bjk", "bjet", "bít"], "biết"),
    "thik": "thích", "iu": "yêu", "ck": "chồng", "vk": "vợ",
    **dict.fromkeys(["cx", "cg"], "cũng"),
    "trc": "trước", "ns": "nói", "nch": "nói chuyện", "đt": "điện thoại", "sđt": "số điện thoại",
    "ntn": "như thế nào", "lm": "làm", "ms": "mới", "hnay": "hôm nay", "hqua": "hôm qua", "nx": "nữa",
    **dict.fromkeys(["wa", "qá", "qa"], "quá"),
    "thui": "thôi",
    **dict.fromkeys(["mik", "mk", "mjk", "mìk"], "mình"),
    **dict.fromkeys(["bh", "bjo", "bgio"], "bây giờ"),
    "chx": "chưa", "nhiu": "nhiêu", "cmt": "bình luận", "ib": "nhắn tin", "fb": "facebook",
    **dict.fromkeys(["oke", "okela", "okie", "oki", "okê"], "ok"),
    **dict.fromkeys(["tks", "thanks", "thank", "thanks"], "cảm ơn"),
}
_TEENCODE = re.compile(r"(?<![\w@#/.])(" + "|".join(sorted(map(re.escape, TEENCODE), key=len, reverse=True))
                       + r")(?!\w)(?![/.]\w)", re.IGNORECASE)

# Emoji kept as signals: each emoji stays in the text and also yields one of these signal words.
EMOJI_SIGNALS: dict[str, str] = {
    **dict.fromkeys("😍🥰😘❤♥💕💖💗💓💯👍👏🎉😊☺🙂😁😃😄🤩✨🌸🥳🙏💪🔥", "emo_pos"),
    **dict.fromkeys("😡😠🤬👎😢😭💔😤😞😔😒🙄😩😫🤮🤢💩😱😰😨😓🥺😑", "emo_neg"),
    **dict.fromkeys("😂🤣😆😅", "emo_laugh"),
}


def nfc(text: str) -> str:
    """Unicode NFC: the same Vietnamese letter always has the same code points."""
    return unicodedata.normalize("NFC", text)


def _strip_char(c: str) -> str:
    decomposed = unicodedata.normalize("NFD", c.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(d for d in decomposed if unicodedata.category(d) != "Mn"))


class CharTable(dict):
    """A `str.translate` table filled on first sight of each character."""

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, code: int) -> str:
        self[code] = value = self.convert(chr(code))
        return value


_STRIP = CharTable(_strip_char)


def strip_diacritics(text: str) -> str:
    """Vietnamese without tone marks and with đ → d ("Khánh Hòa" → "Khanh Hoa")."""
    return unicodedata.normalize("NFC", text).translate(_STRIP) if not text.isascii() else text



def fold(text: str) -> str:
    """NFC, lower case, single spaces: the form used for hashing and similarity."""
    return _SPACES.sub(" ", nfc(text)).strip().lower()


def plain(text: str) -> str:
    """Folded text without diacritics and with punctuation as single spaces ("Cắt điện!!!" → "cat dien")."""
    return _NOT_WORD.sub(" ", strip_diacritics(fold(text))).strip()


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def fix_tone_marks(text: str) -> str:
    """Old-style tone placement to the standard one, word by word ("Khánh Hoà" → "Khánh Hòa", "thuỷ" → "thủy")."""
    # underthesea is imported here, not at the top: importing it loads its deep-learning pipeline (seconds), which
    # every command that only needs folding or diacritics stripping would pay for.
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    return _WORD.sub(lambda m: token_normalize(m.group(0)), nfc(text))


def _base(letter: str) -> str:
    return strip_diacritics(letter).lower()


def _unstretch(match: re.Match) -> str:
    if match.group(3):  # the same letter three or more times: "oiiii"
        return match.group(3)
    first, repeated = match.group(1), match.group(2)
    if _base(first) == _base(repeated):  # "quáaaa": a marked vowel stretched with its bare letter
        return first
    if len(match.group(0)) >= 4:  # "điiii" after another letter
        return first + repeated
    return match.group(0)


def squeeze_repeats(text: str) -> str:
    """Letters stretched for emphasis and repeated marks: "đẹp quáaaa!!!" → "đẹp quá!"."""
    return _REPEATED_MARK.sub(r"\1", _STRETCH.sub(_unstretch, text))


def expand_teencode(text: str) -> str:
    """Common social-media abbreviations to standard words ("ko dc vs ae" → "không được với anh em")."""

    def repl(match: re.Match) -> str:
        word = match.group(0)
        expansion = TEENCODE[word.lower()]
        return expansion.capitalize() if word[0].isupper() and len(word) > 1 else expansion

    return _TEENCODE.sub(repl, text)


def emoji_signals(text: str) -> list[str]:
    """One signal word per emoji that carries sentiment (emo_pos, emo_neg, emo_laugh)."""
    return [EMOJI_SIGNALS[c] for c in text if c in EMOJI_SIGNALS]


def normalize_social(text: str) -> str:
    """Everything above that keeps the text readable: NFC, tone marks, stretched letters, teencode."""
    return expand_teencode(squeeze_repeats(fix_tone_marks(text)))
