"""A bulletin as a document independent of its file format: the official frame (national motto, agency, number
and date placeholders, title, "Nơi nhận", "Lưu", signer) and the body blocks. DOCX and HTML render the same one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.digest.figures import Figures
from bot.digest.periods import vn_month
from config.settings import DigestSettings

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
BLANK = " " * 8  # left for the clerk (văn thư) to fill in when the document is registered


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Inline = str | Link


def linked(text: str, url: str | None) -> Inline:
    """A link only to a web address: anything else a source may carry (javascript:, data:) stays plain text."""
    if url and url.lower().startswith(("http://", "https://")):
        return Link(text, url)
    return text


@dataclass
class Heading:
    text: str


@dataclass
class Paragraph:
    parts: list[Inline]
    italic: bool = False
    bold: bool = False
    centred: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[Inline]]
    widths: list[float] | None = None  # centimetres


@dataclass
class Image:
    title: str
    png: bytes


Block = Heading | Paragraph | Table | Image


@dataclass
class Frame:
    parent_agency: str
    agency: str
    number_line: str  # "Số:        /BC-SVHTTDL"
    place_date: str  # "Khánh Hòa, ngày        tháng 6 năm 2024"
    title: str
    subtitles: list[str]
    closing: str
    recipients: list[str]
    archive: str  # "Lưu: VT, TTBCXB."
    signer_title: str
    signer_name: str


@dataclass
class Document:
    frame: Frame
    body: list[Block] = field(default_factory=list)
    appendix: list[Block] = field(default_factory=list)  # PHỤ LỤC after the signature


TITLES = {
    "week": "BẢN TIN ĐIỂM BÁO TUẦN",
    "month": "THÔNG BÁO TÌNH HÌNH BÁO CHÍ",
    "half-year": "BÁO CÁO KẾT QUẢ GIÁM SÁT THÔNG TIN",
    "year": "BÁO CÁO KẾT QUẢ GIÁM SÁT THÔNG TIN",
}


def title_lines(figures: Figures) -> tuple[str, list[str]]:
    """The title and the lines under it, e.g. "BẢN TIN ĐIỂM BÁO TUẦN" / "Số 23/2024 (từ ngày … đến ngày …)"."""
    year = figures.period_key[:4]
    if figures.period_kind == "week":
        return TITLES["week"], [f"Số {figures.number}/{year} ({figures.period_span})"]
    if figures.period_kind == "month":
        return (f"{TITLES['month']} THÁNG {vn_month(figures.number)}/{year}",
                ["(Phục vụ họp giao ban báo chí định kỳ hàng tháng)", f"({figures.period_span})"])
    return f"{TITLES[figures.period_kind]} {figures.period_name.upper()}", [f"({figures.period_span})"]


def frame(figures: Figures, settings: DigestSettings, place: str, issued_on: dt.date) -> Frame:
    title, subtitles = title_lines(figures)
    closing_name = {"week": f"Bản tin điểm báo tuần số {figures.number}/{figures.period_key[:4]}",
                    "month": f"Thông báo tình hình báo chí {figures.period_name}"}.get(
        figures.period_kind, f"Báo cáo kết quả giám sát thông tin {figures.period_name}")
    return Frame(
        parent_agency=settings.parent_agency, agency=settings.agency,
        number_line=f"Số:{BLANK}/{settings.document_code}",
        place_date=f"{place}, ngày{BLANK}tháng {vn_month(issued_on.month)} năm {issued_on.year}",
        title=title, subtitles=subtitles, closing=f"Trên đây là {closing_name}./.",
        recipients=list(settings.recipients), archive=f"Lưu: {settings.archive}.",
        signer_title=settings.signer_title, signer_name=settings.signer_name)
