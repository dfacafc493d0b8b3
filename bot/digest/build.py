"""Build a bulletin: compute the figures, draw the charts, write the requested files, record it in `digests`."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.digest import charts
from bot.digest.appendix import appendix_rows, write_csv, write_xlsx
from bot.digest.compute import compute_figures
from bot.digest.document import Document, frame
from bot.digest.figures import Figures
from bot.digest.pdf import convert_to_pdf
from bot.digest.periods import Period
from bot.digest.render_docx import write_docx
from bot.digest.render_html import write_html
from bot.digest.sections import body, kpi_appendix
from bot.digest.telegram_summary import summary_html
from config import Profile, Settings
from storage.audit import record
from storage.models import Digest, utcnow

FORMATS = ("docx", "html", "xlsx", "csv", "pdf")
DEFAULT_FORMATS = ("docx", "html", "xlsx", "pdf")
STEMS = {"week": "ban-tin-diem-bao", "month": "thong-bao-tinh-hinh-bao-chi", "half-year": "bao-cao-giam-sat",
         "year": "bao-cao-giam-sat"}


class FormatError(ValueError):
    """An output format the bulletin cannot be written in; the message is for the officer."""


@dataclass
class Bulletin:
    digest_id: int
    period: Period
    figures: Figures
    summary: str  # Telegram HTML, within one message
    files: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what could not be produced, and why

    @property
    def document(self) -> Path | None:
        """The file to attach when sending: the PDF when there is one, else the DOCX."""
        return self.attachment("pdf")

    def attachment(self, preferred: str) -> Path | None:
        """The file to send: the `preferred` format ("docx" or "pdf") when it was written, else the other one."""
        other = "docx" if preferred == "pdf" else "pdf"
        return self.files.get(preferred) or self.files.get(other)


def default_out_dir(settings: Settings) -> Path:
    """Where bulletins go unless told otherwise (the scheduled run, /digest, `diembao digest` without --out)."""
    return settings.data_dir / "digests"


def parse_formats(text: str) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise FormatError(f"Định dạng {', '.join(unknown) or '(trống)'} không hỗ trợ; chọn trong: {', '.join(FORMATS)}.")
    return wanted


def _document(figures: Figures, settings: Settings, profile: Profile, issued_on: dt.date) -> Document:
    drawn = {"sentiment": charts.sentiment_chart(figures.days, by_month=figures.period_kind in ("half-year", "year")),
             "topics": charts.topics_chart(figures.topics), "sources": charts.sources_chart(figures.by_source_type)}
    document = Document(frame(figures, settings.digest, profile.name, issued_on), body(figures, drawn))
    if figures.period_kind in ("half-year", "year"):
        document.appendix = kpi_appendix(figures, settings.digest.document_code)
    return document


def _write(session: Session, document: Document, figures: Figures, period: Period, profile: Profile,
           out_dir: Path, formats: tuple[str, ...]) -> tuple[dict[str, Path], list[str]]:
    stem = f"{STEMS[period.kind]}-{period.key}"
    files: dict[str, Path] = {}
    notes: list[str] = []
    if "docx" in formats:
        files["docx"] = write_docx(document, out_dir / f"{stem}.docx")
    if "html" in formats:
        files["html"] = write_html(document, out_dir / f"{stem}.html")
    for kind, writer in (("xlsx", write_xlsx), ("csv", write_csv)):
        if kind in formats:
            files[kind] = writer(appendix_rows(session, period, profile), out_dir / f"{stem}-danh-sach-tin.{kind}")
    if "pdf" in formats:
        with tempfile.TemporaryDirectory(prefix="diembao-docx-") as scratch:
            docx = files.get("docx") or write_docx(document, Path(scratch) / f"{stem}.docx")
            pdf, note = convert_to_pdf(docx, out_dir)
        if pdf is not None:
            files["pdf"] = pdf
        else:
            notes.append(note)
    return files, notes


def _record(session: Session, period: Period, figures: Figures, files: dict[str, Path]) -> Digest:
    digest = session.scalar(select(Digest).where(Digest.period == period.kind, Digest.period_key == period.key))
    if digest is None:
        digest = Digest(period=period.kind, period_key=period.key)
        session.add(digest)
    digest.number = period.bulletin_number
    digest.figures = figures.to_json()
    digest.files = {kind: str(path) for kind, path in files.items()}
    session.flush()
    record(session, "system", "digest.build", "digest", digest.id, period=period.kind, period_key=period.key,
           files=digest.files)
    return digest


def build_bulletin(session: Session, period: Period, out_dir: Path, *, settings: Settings, profile: Profile,
                   formats: tuple[str, ...] = DEFAULT_FORMATS, now: dt.datetime | None = None,
                   issued_on: dt.date | None = None) -> Bulletin:
    """Build the bulletin of `period` into `out_dir` and record it (rebuilding a period replaces its record)."""
    now = now or utcnow()
    issued_on = issued_on or now.astimezone(ZoneInfo(period.tz)).date()
    figures = compute_figures(session, period, profile, now=now, misinfo_threshold=settings.misinfo.flag_threshold)
    document = _document(figures, settings, profile, issued_on)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Written aside, then renamed into place: a file being sent (or read) while the same period is rebuilt is
    # always one complete version, never half of one.
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".building-") as scratch:
        written, notes = _write(session, document, figures, period, profile, Path(scratch), formats)
        files = {kind: out_dir / path.name for kind, path in written.items()}
        for kind, path in written.items():
            os.replace(path, files[kind])
    digest = _record(session, period, figures, files)
    return Bulletin(digest.id, period, figures, summary_html(figures, document.frame), files, notes)
