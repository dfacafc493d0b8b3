"""Rebuttal framing: official denials, fact-checks and warnings repeat a rumour's words ("Thông tin hồ Đá Bàn có
nguy cơ vỡ ... là sai sự thật") without spreading it. Pure: text in, the phrases that frame it as a rebuttal out.

A text rebuts when it denies or debunks ("là sai sự thật", "bác bỏ", "không có chuyện", "bịa đặt", "cải chính",
"thủ đoạn lừa đảo"), or, coming from an official portal or the licensed press, when it reports a rumour and warns
people off it ("tin đồn ... đề nghị người dân không chia sẻ, không hoang mang"). Phrases are matched sentence by
sentence on the text folded without diacritics, on word boundaries, and do not count when the sentence is a
question ("là tin giả à?") or the phrase is negated or dismissed ("không phải tin giả đâu", "đừng tin mấy cái
thông báo cải chính"). A text that also claims the truth is being hidden or that the denial is false ("bưng bít",
"thật ra") is not a rebuttal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.signals import COVER_UP, Folded

DENIALS = ("sai su that", "khong dung su that", "khong chinh xac", "khong co that", "bia dat", "that thiet",
           "tin gia", "thong tin gia", "gia mao", "mao danh", "cat ghep", "bac bo", "bac tin", "cai chinh",
           "dinh chinh", "khong co chuyen", "khong co viec", "khong he co", "khong ban hanh",
           "khong co chu truong", "khong co ke hoach", "khong co lenh", "thu doan lua dao", "la lua dao",
           "hinh thuc lua dao", "chieu tro lua dao", "tin don sai", "khong co co so")
WARNINGS = ("khong chia se", "dung chia se", "khong nen chia se", "khong hoang mang", "dung hoang mang",
            "tranh hoang mang", "canh giac", "canh bao nguoi dan", "de nghi nguoi dan", "tung tin",
            "phat tan thong tin", "thong tin chinh thuc", "van hoat dong binh thuong", "van binh thuong",
            "van an toan")
RUMOUR_MENTIONS = ("tin don", "lan truyen", "thong tin sai", "bai dang", "bai viet", "tren mang xa hoi")
# Claiming that the denial itself is false or that the truth is hidden turns the denial words around.
COUNTER = COVER_UP + ("that ra", "thuc ra", "su that la", "la that", "tin chuan", "chinh xac 100", "that 100")
NEGATIONS = ("khong phai", "chang phai", "dau phai", "ko phai", "k phai", "hong phai", "chua chac", "khong he la")
LOOKBACK = 3  # words before a phrase searched for a negation
DISMISSALS = ("dung tin", "khong tin", "dung nghe", "dung co tin")  # anywhere before the phrase in its sentence
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


@dataclass(frozen=True)
class Rebuttal:
    """The phrases found: `denials` deny or debunk, `warnings` warn people off a rumour the text `reports`;
    `countered` when the text also says the denial is false or the truth is hidden."""

    denials: tuple[str, ...]
    warnings: tuple[str, ...]
    reports: bool
    countered: bool

    def applies(self, official_source: bool) -> bool:
        """Whether the text is a rebuttal: it denies, or it comes from an official or licensed source and warns
        people off a rumour it reports."""
        return not self.countered and bool(self.denials or (official_source and self.reports and self.warnings))


def _sentences(text: str) -> list[tuple[Folded, bool]]:
    """Each sentence folded and whether it is a question."""
    return [(Folded(s), s.rstrip().endswith("?")) for s in _SENTENCE.findall(text) if s.strip()]


def _found(sentences: list[tuple[Folded, bool]], phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases that count, as written in the text."""
    found = []
    for folded, question in sentences:
        if question:
            continue
        for phrase in phrases:
            at = folded.text.find(f" {phrase} ")
            if at < 0:
                continue
            before = folded.text[:at + 1]
            near = f" {' '.join(before.split()[-LOOKBACK:])} "
            if not any(f" {n} " in near for n in NEGATIONS) and not any(f" {d} " in before for d in DISMISSALS):
                found += folded.find((phrase,))
    return tuple(dict.fromkeys(found))


def _mentions(sentences: list[tuple[Folded, bool]], phrases: tuple[str, ...]) -> bool:
    return any(folded.has(phrases) for folded, _ in sentences)


def rebuttal(text: str) -> Rebuttal:
    sentences = _sentences(text)
    return Rebuttal(_found(sentences, DENIALS), _found(sentences, WARNINGS), _mentions(sentences, RUMOUR_MENTIONS),
                    _mentions(sentences, COUNTER))
