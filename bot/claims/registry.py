"""The registry of checked claims: validated input, one claim per normalised text, listing.

Verdicts and domains are the keys of config.vocabulary (the national anti-fake-news centre's labels); the input
may give a key, the Vietnamese name (with or without diacritics) or a common fact-checkers' rating."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.vocab import VocabularyError, lookup
from config.vocabulary import CLAIM_DOMAINS, VERDICTS
from nlp.normalize import plain
from storage.audit import record
from storage.models import Claim, utcnow

MIN_CLAIM_CHARS = 12

# Ratings seen in ClaimReview feeds and spreadsheets, folded without diacritics.
_VERDICT_WORDS = {
    "tin_gia": ("tin gia", "gia", "fake", "fake news", "bia dat", "tin bia dat", "hoax", "fabricated", "pants on fire"),
    "sai_su_that": ("tin sai su that", "sai su that", "sai", "false", "mostly false", "partly false", "misleading",
                    "sai lech", "xuyen tac", "thong tin sai", "incorrect", "thieu chinh xac"),
    "xac_thuc": ("tin xac thuc", "xac thuc", "dung", "true", "correct", "accurate", "chinh xac", "su that",
                 "mostly true"),
}
_DOMAIN_WORDS = {
    "scam_link": ("lua dao", "scam", "phishing", "link lua dao", "duong link lua dao"),
    "fake_account": ("gia mao", "tai khoan gia", "fake account", "mao danh"),
    "disaster_epidemic": ("thien tai", "dich benh", "thien tai dich benh"),
    "health": ("y te", "suc khoe"),
    "security_order": ("an ninh", "trat tu", "an ninh trat tu"),
    "policy_law": ("chinh sach", "phap luat"),
    "economy_finance": ("kinh te", "tai chinh"),
    "other": ("khac",),
}


class ClaimError(ValueError):
    """A claim that cannot be registered; the message is for the officer."""


def parse_verdict(value: str) -> str:
    try:
        return lookup(value, VERDICTS, "Kết luận", _VERDICT_WORDS)
    except VocabularyError as exc:
        raise ClaimError(str(exc)) from None


def parse_domain(value: str) -> str:
    try:
        return lookup(value, CLAIM_DOMAINS, "Lĩnh vực", _DOMAIN_WORDS)
    except VocabularyError as exc:
        raise ClaimError(str(exc)) from None


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """ISO dates and timestamps (2025-06-12, 2025-06-12T08:00:00+07:00) or the Vietnamese day/month/year."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    if not text:
        return None
    for parse in (lambda s: dt.date.fromisoformat(s[:10]), lambda s: dt.datetime.strptime(s, "%d/%m/%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    raise ClaimError(f"Ngày {value!r} không đọc được; dùng dạng 2025-06-12 hoặc 12/06/2025.")


def claim_hash(text: str) -> str:
    """SHA-256 of the normalised text: case, diacritics, spacing and punctuation do not make a second claim."""
    return hashlib.sha256(plain(text).encode("utf-8")).hexdigest()


@dataclass
class ClaimInput:
    """One claim as submitted (a file row, the command line, a Telegram message), already validated."""

    text: str
    verdict: str
    domain: str = "other"
    source: str | None = None
    source_url: str | None = None
    claim_date: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, text: Any, verdict: Any, domain: Any = None, source: Any = None, source_url: Any = None,
              claim_date: Any = None, extra: dict[str, Any] | None = None) -> "ClaimInput":
        """Validate raw values; raises ClaimError naming the first wrong field."""
        if not isinstance(text, str) or len(plain(text)) < MIN_CLAIM_CHARS:
            raise ClaimError(f"Nội dung thông tin cần ít nhất {MIN_CLAIM_CHARS} ký tự chữ hoặc số.")
        if not isinstance(verdict, str) or not verdict.strip():
            raise ClaimError("Thiếu kết luận (tin_gia, sai_su_that hoặc xac_thuc).")
        url = str(source_url).strip() if source_url else None
        if url and not url.startswith(("http://", "https://")):
            raise ClaimError(f"Đường dẫn nguồn {url!r} phải bắt đầu bằng http:// hoặc https://.")
        return cls(text=" ".join(text.split()), verdict=parse_verdict(verdict),
                   domain=parse_domain(domain) if domain else "other",
                   source=str(source).strip() or None if source else None, source_url=url,
                   claim_date=parse_date(claim_date), extra=extra or {})


@dataclass
class AddResult:
    claim: Claim
    created: bool
    conflict: bool = False  # already registered with another verdict (kept as it was)


def add_claim(session: Session, data: ClaimInput, actor: str) -> AddResult:
    """Register `data` unless the same normalised text is already there (then the stored claim is returned)."""
    digest = claim_hash(data.text)
    existing = session.scalar(select(Claim).where(Claim.text_hash == digest))
    if existing is not None:
        return AddResult(existing, created=False, conflict=existing.verdict != data.verdict)
    claim = Claim(text=data.text, text_hash=digest, verdict=data.verdict, domain=data.domain, source=data.source,
                  source_url=data.source_url, claim_date=data.claim_date, created_by=actor, extra=data.extra,
                  created_at=utcnow())
    session.add(claim)
    session.flush()
    record(session, actor, "claim.add", "claim", claim.id, verdict=claim.verdict, domain=claim.domain)
    return AddResult(claim, created=True)


def list_claims(session: Session, verdict: str | None = None, domain: str | None = None, search: str | None = None,
                limit: int = 50) -> tuple[list[Claim], int]:
    """The newest claims matching the filters, and how many match in all."""
    query = select(Claim)
    if verdict:
        query = query.where(Claim.verdict == parse_verdict(verdict))
    if domain:
        query = query.where(Claim.domain == parse_domain(domain))
    if search:
        query = query.where(func.lower(Claim.text).contains(search.lower()))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Claim.id.desc()).limit(limit)).all()
    return list(rows), total
