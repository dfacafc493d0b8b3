"""Textual signs of a rumour that a statistical classifier does not explain: calls to share, sensational wording,
hearsay and "they are hiding it" claims, claims about officials, disasters, health or money that name no
verifiable source, and links dressed up as government sites. Pure: text in, signals with Vietnamese reasons out.

Phrases are matched on the folded text without diacritics, on word boundaries, so "CHIA SẺ GẤP", "chia se gap" and
"Chia sẻ gấp" are the same phrase."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.normalize import CharTable, nfc, strip_diacritics

CALL_TO_SHARE = ("chia se gap", "chia se ngay", "share gap", "share ngay", "hay chia se", "chia se cho nguoi than",
                 "share cho nguoi than", "share cho moi nguoi", "chia se de moi nguoi", "chia se rong rai",
                 "lan truyen gap", "truoc khi bi xoa", "truoc khi bi go", "dung de bi go", "copy va chia se",
                 "ai co con nho thi share", "chia se cho nhieu nguoi", "share manh", "share de moi nguoi biet",
                 "chia se de moi nguoi biet", "moi nguoi share", "share cho nguoi nha", "chia se cho nguoi nha")
SENSATIONAL = ("tin khan", "khan cap", "chan dong", "tin soc", "nong hoi", "tin nong", "canh bao khan", "bao dong do",
               "cuc nong", "rung dong", "kinh hoang", "hot hot", "chua tung co", "su that kinh hoang",
               "cuc ky nguy hiem", "tuyet doi khong")
HEARSAY = ("nghe noi", "nghe don", "nghe dau", "co nguoi noi", "nguoi quen", "nguon tin noi bo", "tin noi bo",
           "ro ri", "chua kiem chung", "nghe nguoi", "ban cua minh lam", "nguoi trong nganh", "nguoi trong nghe",
           "theo nguon tin rieng", "nghe bao", "dan tinh don", "dang don", "nghe phong thanh", "co tin don")
COVER_UP = ("giau nhem", "bi giau", "dang giau", "giau thong tin", "giau khong cong bo", "khong cong bo",
            "bao chi khong dua", "bung bit", "che giau", "khong dam cong bo", "bao chinh thong khong")
OFFICIAL_SOURCE = ("theo thong bao cua", "thong bao cua", "theo ubnd", "ubnd tinh cho biet", "so y te cho biet",
                   "cong an tinh cho biet", "theo so", "theo cong van", "quyet dinh so", "cong van so",
                   "thong cao bao chi", "nguon chinh thuc", "cong thong tin dien tu", "theo bo",
                   "nguoi phat ngon", "ttxvn", "theo bao")

# Domains of unverifiable claims: (code, Vietnamese name, phrases).
CLAIM_TOPICS = (
    ("officials", "cán bộ, lãnh đạo, cơ quan nhà nước",
     ("chu tich", "pho chu tich", "bi thu", "giam doc so", "lanh dao tinh", "lanh dao so", "can bo", "quan chuc",
      "ubnd", "uy ban nhan dan", "tinh uy", "truong cong an", "bi bat", "bi ky luat", "nhan hoi lo", "tham nhung",
      "bi cach chuc", "chay chuc", "chay cho")),
    ("disaster", "thiên tai, sự cố, sơ tán",
     ("bao cap", "sieu bao", "song than", "dong dat", "lu quet", "vo dap", "xa lu", "so tan", "sat lo", "ngap sau",
      "cat dien", "mat dien", "cup dien", "chay lon", "no lon")),
    ("health", "dịch bệnh, sức khỏe",
     ("o dich", "dich benh", "dich la", "vac xin", "vaccine", "tu vong", "ngo doc", "chua khoi", "ung thu",
      "nhiem doc", "virus", "cum a", "benh la", "tieu cau", "kim loai nang", "nhap vien")),
    ("money", "tiền bạc, tài khoản, đầu tư",
     ("lai suat", "huy dong von", "chuyen khoan", "so tai khoan", "ma otp", "otp", "phong toa tai khoan",
      "khoa tai khoan", "nop phi", "phi ho so", "hoan von", "nhan ho tro", "tien ho tro", "trung thuong",
      "nhan thuong", "dong bang tai khoan", "rut tien")),
)

_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)
_SHORTENERS = ("bit.ly", "tinyurl.com", "shorturl.at", "cutt.ly", "t.ly", "rb.gy", "is.gd", "tiny.cc", "s.id")
_EXCLAIM = re.compile(r"[!?]{3,}")
_EMOJI_ALARM = ("🆘", "⚠", "🚨", "‼", "🔥", "📢")


@dataclass(frozen=True)
class Signal:
    """One sign of a rumour: a stable code, the words that showed it, and the reason as an officer reads it."""

    code: str
    reason: str
    evidence: tuple[str, ...] = field(default=())


def _fold_char(char: str) -> str:
    return (strip_diacritics(char.lower())[:1].strip() or " ") if char.isalnum() else " "


_FOLD = CharTable(_fold_char)  # one character in, one out: positions in the folded text are those of the original
_RUN = re.compile(r"[^ ]+")


class Folded:
    """The text folded like nlp.similarity.plain (lower case, no diacritics, punctuation as one space), with the
    position in the original text of every folded character, so a phrase found is quoted as it was written."""

    def __init__(self, text: str):
        self.original = nfc(text)
        words, where = [], [0]
        for run in _RUN.finditer(self.original.translate(_FOLD)):
            words.append(run.group())
            where.extend(range(run.start(), run.end()))
            where.append(run.end())
        self.text, self._where = f" {' '.join(words)} ", where

    def find(self, phrases: tuple[str, ...]) -> list[str]:
        """The phrases present on word boundaries, each as written in the original text."""
        found = []
        for phrase in phrases:
            at = self.text.find(f" {phrase} ")
            if at >= 0:
                start, end = self._where[at + 1], self._where[at + len(phrase)]
                found.append(self.original[start:end + 1])
        return found

    def has(self, phrases: tuple[str, ...]) -> bool:
        return any(f" {p} " in self.text for p in phrases)


def _quote(words: list[str] | tuple[str, ...], limit: int = 3) -> str:
    return ", ".join(f"“{w}”" for w in list(words)[:limit])


def _hosts(text: str) -> list[str]:
    return [re.sub(r"^https?://", "", m.group(0).lower()).split("/")[0] for m in _URL.finditer(text)]


def suspicious_links(text: str) -> list[str]:
    """Links that imitate a government site (gov-vn, .gov.vn.xyz, dichvucong on a foreign domain) or hide where
    they go (link shorteners)."""
    found = []
    for host in _hosts(text):
        lookalike = ("gov" in host or "dichvucong" in host or "congan" in host) and not host.endswith(".gov.vn")
        if lookalike or host in _SHORTENERS:
            found.append(host)
    return found


def capitals_share(text: str, min_letters: int = 1) -> float:
    """The share of upper-case letters among the letters (0 with fewer than `min_letters` letters)."""
    letters = sum(map(str.isalpha, text))
    return sum(map(str.isupper, text)) / letters if letters >= min_letters else 0.0


def detect(text: str) -> list[Signal]:
    """Every rumour sign in `text`, each with its Vietnamese reason."""
    folded = Folded(text)
    signals = []
    share = folded.find(CALL_TO_SHARE)
    if share:
        signals.append(Signal("call_to_share", f"Kêu gọi chia sẻ gấp ({_quote(share)}), cách lan truyền thường "
                                               "thấy của tin đồn.", tuple(share)))
    loud = folded.find(SENSATIONAL)
    marks = [m for m in (("nhiều dấu chấm than" if _EXCLAIM.search(text) else None),
                         ("viết hoa toàn bộ" if capitals_share(text, min_letters=20) > 0.6 else None),
                         ("biểu tượng báo động" if any(e in text for e in _EMOJI_ALARM) else None)) if m]
    if loud or marks:
        shown = ", ".join(filter(None, (_quote(loud), ", ".join(marks))))
        signals.append(Signal("sensational", f"Lời lẽ giật gân, gây hoang mang ({shown}).", tuple(loud + marks)))
    hearsay = folded.find(HEARSAY)
    if hearsay:
        signals.append(Signal("hearsay", f"Dẫn nguồn không kiểm chứng được ({_quote(hearsay)}).", tuple(hearsay)))
    cover = folded.find(COVER_UP)
    if cover:
        signals.append(Signal("cover_up", f"Cho rằng cơ quan chức năng che giấu thông tin ({_quote(cover)}) mà "
                                          "không có bằng chứng.", tuple(cover)))
    links = suspicious_links(text)
    if links:
        signals.append(Signal("suspicious_link", f"Có đường link giả dạng trang cơ quan nhà nước hoặc bị rút gọn "
                                                 f"({_quote(links)}), dấu hiệu lừa đảo.", tuple(links)))
    if not (folded.has(OFFICIAL_SOURCE) or any(h.endswith(".gov.vn") for h in _hosts(text))):
        for code, name, phrases in CLAIM_TOPICS:
            words = folded.find(phrases)
            if words:
                signals.append(Signal(f"unsourced_{code}", f"Nêu thông tin về {name} ({_quote(words)}) nhưng không "
                                                           "dẫn nguồn chính thức nào.", tuple(words)))
    return signals
