"""Reading claims from files: CSV, JSON Lines, and schema.org ClaimReview (JSON-LD, or HTML pages carrying it).

Every row is validated before anything is stored; a bad row is reported with the file, the line (or the position
in a JSON-LD document) and what is wrong."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot.claims.registry import ClaimError, ClaimInput, add_claim

# Column names accepted in CSV and JSON Lines files (first one found wins).
TEXT_KEYS = ("text", "claim", "noi_dung", "claimReviewed")
VERDICT_KEYS = ("verdict", "ket_luan", "rating", "label")
DOMAIN_KEYS = ("domain", "linh_vuc")
SOURCE_KEYS = ("source", "nguon", "author")
URL_KEYS = ("source_url", "url", "link")
DATE_KEYS = ("date", "claim_date", "ngay", "datePublished")


@dataclass
class Row:
    where: str  # "claims.csv:12" or "review.json:@graph[3]"
    claim: ClaimInput | None = None
    error: str | None = None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def _name(value: Any) -> str | None:
    """A schema.org Person/Organization (or a list of them, or a plain string) as a name."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return "; ".join(names) or None
    if isinstance(value, dict):
        return value.get("name") or value.get("url")
    return str(value) if value else None


def from_claimreview(node: dict[str, Any], default_domain: str) -> ClaimInput:
    """A schema.org ClaimReview: claimReviewed, reviewRating.alternateName, author, datePublished, url,
    itemReviewed (the claim: who said it, when, where it appeared)."""
    rating = node.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    verdict = rating.get("alternateName") if isinstance(rating, dict) else None
    if not verdict:
        raise ClaimError("ClaimReview thiếu reviewRating.alternateName (kết luận).")
    reviewed = node.get("itemReviewed") if isinstance(node.get("itemReviewed"), dict) else {}
    appearances = reviewed.get("appearance") or []
    appearances = appearances if isinstance(appearances, list) else [appearances]
    extra = {
        "claimreview": {
            "rating": {k: rating.get(k) for k in ("ratingValue", "bestRating", "worstRating", "alternateName")
                       if rating.get(k) is not None},
            "claimant": _name(reviewed.get("author")),
            "claim_first_seen": reviewed.get("datePublished"),
            "appearances": [a.get("url") if isinstance(a, dict) else str(a) for a in appearances],
        }
    }
    return ClaimInput.build(text=node.get("claimReviewed"), verdict=str(verdict),
                            domain=node.get("domain") or default_domain, source=_name(node.get("author")),
                            source_url=node.get("url"), claim_date=node.get("datePublished"), extra=extra)


def _is_claimreview(node: Any) -> bool:
    kind = node.get("@type") if isinstance(node, dict) else None
    return kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind)


def _claimreview_nodes(document: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ClaimReview in a JSON-LD document: a single object, a list, or an @graph, at any depth."""
    if _is_claimreview(document):
        yield path or "$", document
    elif isinstance(document, dict):
        for key, value in document.items():
            if isinstance(value, (dict, list)):
                yield from _claimreview_nodes(value, f"{path}.{key}" if path else key)
    elif isinstance(document, list):
        for i, value in enumerate(document):
            yield from _claimreview_nodes(value, f"{path}[{i}]")


def _from_record(record: Any, default_domain: str) -> ClaimInput:
    if not isinstance(record, dict):
        raise ClaimError("mỗi dòng phải là một đối tượng JSON {...}.")
    if _is_claimreview(record):
        return from_claimreview(record, default_domain)
    return ClaimInput.build(text=_first(record, TEXT_KEYS), verdict=_first(record, VERDICT_KEYS),
                            domain=_first(record, DOMAIN_KEYS) or default_domain,
                            source=_name(_first(record, SOURCE_KEYS)), source_url=_first(record, URL_KEYS),
                            claim_date=_first(record, DATE_KEYS))


def _row(where: str, build) -> Row:
    try:
        return Row(where, claim=build())
    except ClaimError as exc:
        return Row(where, error=str(exc))


def _read_csv(name: str, text: str, default_domain: str) -> list[Row]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or not set(reader.fieldnames) & set(TEXT_KEYS):
        return [Row(f"{name}:1", error=f"Dòng tiêu đề cần có cột nội dung ({', '.join(TEXT_KEYS[:3])}).")]
    return [_row(f"{name}:{reader.line_num}", lambda r=record: _from_record(r, default_domain))
            for record in reader if any((v or "").strip() for v in record.values() if isinstance(v, str))]


def _read_jsonl(name: str, text: str, default_domain: str) -> list[Row]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append(Row(f"{name}:{number}", error=f"JSON không hợp lệ ({exc.msg}, cột {exc.colno})."))
            continue
        rows.append(_row(f"{name}:{number}", lambda r=record: _from_record(r, default_domain)))
    return rows


def _read_jsonld(name: str, documents: list[tuple[str, Any]], default_domain: str) -> list[Row]:
    rows = []
    for where, document in documents:
        for path, node in _claimreview_nodes(document):
            rows.append(_row(f"{name}:{where}{path}", lambda n=node: from_claimreview(n, default_domain)))
    if not rows:
        rows.append(Row(name, error="Không tìm thấy ClaimReview nào (@type: ClaimReview)."))
    return rows


def _ld_scripts(name: str, html: str) -> list[tuple[str, Any]]:
    from lxml import html as lxml_html  # a declared dependency (via trafilatura); imported only for HTML input

    tree = lxml_html.fromstring(html)
    documents = []
    for i, script in enumerate(tree.xpath('//script[@type="application/ld+json"]')):
        try:
            documents.append((f"script[{i}]:", json.loads(script.text or "")))
        except json.JSONDecodeError as exc:
            raise ClaimError(f"{name}: thẻ script JSON-LD thứ {i + 1} không hợp lệ ({exc.msg}).") from None
    return documents


def read_claims(path: Path, default_domain: str = "other") -> list[Row]:
    """Every row of a claims file, each either a validated ClaimInput or a located error. The format follows the
    extension: .csv, .jsonl, .json/.jsonld (ClaimReview), .html/.htm (ClaimReview in ld+json scripts)."""
    name = path.name
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClaimError(f"{name}: không phải UTF-8 (byte {exc.start}); hãy lưu tệp với mã hóa UTF-8.") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(name, text, default_domain)
    if suffix == ".jsonl":
        return _read_jsonl(name, text, default_domain)
    if suffix in (".json", ".jsonld"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ClaimError(f"{name}:{exc.lineno}: JSON không hợp lệ ({exc.msg}, cột {exc.colno}).") from None
        return _read_jsonld(name, [("", document)], default_domain)
    if suffix in (".html", ".htm"):
        return _read_jsonld(name, _ld_scripts(name, text), default_domain)
    raise ClaimError(f"{name}: định dạng {suffix or '(không có đuôi)'} không hỗ trợ; dùng .csv, .jsonl, .json, "
                     ".jsonld hoặc .html.")


@dataclass
class ImportReport:
    created: list[tuple[str, int]]
    duplicates: list[tuple[str, int]]
    conflicts: list[tuple[str, int, str]]  # where, stored claim id, its verdict (kept)
    errors: list[tuple[str, str]]

    @property
    def stored(self) -> bool:
        return bool(self.created)


def import_rows(session: Session, rows: list[Row], actor: str, skip_bad: bool = False) -> ImportReport:
    """Register every valid row. With any bad row nothing is stored unless `skip_bad` (then the bad rows are
    reported and the good ones stored). A text already registered is not added twice."""
    report = ImportReport([], [], [], [(r.where, r.error) for r in rows if r.error])
    if report.errors and not skip_bad:
        return report
    for row in rows:
        if row.claim is None:
            continue
        result = add_claim(session, row.claim, actor)
        if result.created:
            report.created.append((row.where, result.claim.id))
        elif result.conflict:
            report.conflicts.append((row.where, result.claim.id, result.claim.verdict))
        else:
            report.duplicates.append((row.where, result.claim.id))
    return report
