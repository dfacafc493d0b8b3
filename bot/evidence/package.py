"""The evidence package of a flag: one zip an officer hands to the police or the ministry.

Inside: the raw capture(s) as fetched (decompressed from the stored snapshots), the extracted text and the item's
metadata, a screenshot of the stored capture when Chromium is installed (stated as absent otherwise), the flag with
its reasons, workflow history, reviewer labels and audit entries, and manifest.json listing every file with its
SHA-256, size and meaning plus the capture times; SHA256SUMS repeats the hashes in `sha256sum -c` form. Exporting
pins the snapshots so the evidence retention never purges them."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.evidence.screenshot import render
from config import Settings
from config.vocabulary import FLAG_KINDS, FLAG_STATUSES
from storage.audit import record
from storage.models import AuditEntry, Claim, Flag, FlagEvent, Item, Review, Snapshot, Source, Story, utcnow

FORMAT = "diembao-evidence/1"
MAX_STORY_ITEMS = 50
_EXTENSIONS = {"html": ".html", "xml": ".xml", "json": ".json", "plain": ".txt", "pdf": ".pdf", "png": ".png",
               "jpeg": ".jpg"}


class EvidenceError(ValueError):
    """The package cannot be made; the message is for the officer."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class _Package:
    files: dict[str, bytes] = field(default_factory=dict)
    described: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, data: bytes, meaning: str) -> None:
        self.files[name] = data
        self.described[name] = meaning

    def add_json(self, name: str, value: Any, meaning: str) -> None:
        self.add(name, json.dumps(value, ensure_ascii=False, indent=2, default=_jsonable).encode("utf-8"), meaning)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def snapshot_body(snapshot: Snapshot, settings: Settings) -> bytes:
    """The capture as fetched: the stored body (or file) decompressed."""
    if snapshot.body is not None:
        raw = snapshot.body
    elif snapshot.file_path:
        path = Path(snapshot.file_path)
        path = path if path.is_absolute() else Path(settings.data_dir) / path
        if not path.is_file():
            raise EvidenceError(f"Bản lưu #{snapshot.id}: không tìm thấy tệp {path}.")
        raw = path.read_bytes()
    else:
        raise EvidenceError(f"Bản lưu #{snapshot.id} không còn nội dung.")
    if snapshot.compression in ("gzip", "gz"):
        return gzip.decompress(raw)
    if snapshot.compression in ("none", "identity", "", None):
        return raw
    raise EvidenceError(f"Bản lưu #{snapshot.id}: kiểu nén {snapshot.compression!r} không đọc được.")


def _extension(headers: dict[str, Any]) -> str:
    kind = next((str(v) for k, v in (headers or {}).items() if k.lower() == "content-type"), "text/html")
    subtype = kind.split(";")[0].split("/")[-1].strip().lower()
    return next((ext for key, ext in _EXTENSIONS.items() if key in subtype), ".bin")


def _item_metadata(item: Item) -> dict[str, Any]:
    names = ("id", "url", "canonical_url", "source_type", "kind", "platform", "outlet", "author", "author_id",
             "external_id", "language", "published_at", "fetched_at", "updated_at", "content_hash",
             "previous_hashes", "likes", "comments", "shares", "views", "thread", "position", "story_id", "extra")
    return {name: getattr(item, name) for name in names}


def _add_item(package: _Package, session: Session, item: Item, settings: Settings, screenshot: bool,
              prefix: str) -> list[dict[str, Any]]:
    text = "\n\n".join(part for part in (item.title, item.text) if part)
    package.add(f"{prefix}text.txt", text.encode("utf-8"), f"Nội dung trích xuất của tin #{item.id}")
    package.add_json(f"{prefix}metadata.json", _item_metadata(item), f"Thông tin của tin #{item.id}")
    captures = []
    snapshots = session.scalars(select(Snapshot).where(Snapshot.item_id == item.id).order_by(Snapshot.id)).all()
    for snapshot in snapshots:
        snapshot.pinned = True
        entry: dict[str, Any] = {"snapshot_id": snapshot.id, "item_id": item.id, "url": snapshot.url,
                                 "captured_at": snapshot.captured_at, "status": snapshot.status,
                                 "headers": snapshot.headers, "sha256_at_capture": snapshot.sha256}
        try:
            body = snapshot_body(snapshot, settings)
        except (EvidenceError, OSError) as exc:
            entry.update(file=None, problem=str(exc))
            captures.append(entry)
            continue
        name = f"{prefix}capture-{snapshot.id}{_extension(snapshot.headers)}"
        package.add(name, body, f"Bản lưu nguyên gốc thu thập lúc {snapshot.captured_at.isoformat()} từ {snapshot.url}")
        entry.update(file=name, sha256=sha256(body), matches_capture=sha256(body) == snapshot.sha256)
        if screenshot and name.endswith(".html"):
            shot = render(body)
            entry["screenshot_note"] = shot.note
            if shot.png is not None:
                png = f"{prefix}screenshot-{snapshot.id}.png"
                package.add(png, shot.png, f"Ảnh chụp màn hình bản lưu #{snapshot.id}")
                entry["screenshot"] = png
        captures.append(entry)
    return captures


def _history(session: Session, flag: Flag) -> dict[str, Any]:
    events = session.scalars(select(FlagEvent).where(FlagEvent.flag_id == flag.id).order_by(FlagEvent.id))
    about = Review.flag_id == flag.id
    if flag.item_id is not None:
        about = about | (Review.item_id == flag.item_id)
    reviews = session.scalars(select(Review).where(about).order_by(Review.id))
    audit = session.scalars(select(AuditEntry).where(AuditEntry.target_type == "flag",
                                                     AuditEntry.target_id == str(flag.id)).order_by(AuditEntry.id))
    return {
        "workflow": [{"at": e.at, "actor": e.actor, "from": e.from_status, "to": e.to_status,
                      "conclusion": e.conclusion, "action": e.action, "legal_basis": e.legal_basis, "note": e.note}
                     for e in events],
        "reviews": [{"at": r.created_at, "reviewer": r.reviewer, "task": r.task, "label": r.label,
                     "channel": r.channel, "item_id": r.item_id} for r in reviews],
        "audit": [{"at": a.at, "actor": a.actor, "action": a.action, "details": a.details} for a in audit],
    }


def _flag_summary(session: Session, flag: Flag) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "id": flag.id, "kind": flag.kind, "kind_name": FLAG_KINDS.get(flag.kind), "severity": flag.severity,
        "status": flag.status, "status_name": FLAG_STATUSES.get(flag.status), "score": flag.score,
        "reasons": flag.reasons, "conclusion": flag.conclusion, "action": flag.action,
        "legal_basis": flag.legal_basis, "created_at": flag.created_at, "updated_at": flag.updated_at,
        "item_id": flag.item_id, "story_id": flag.story_id, "source_id": flag.source_id,
    }
    if flag.claim_id and (claim := session.get(Claim, flag.claim_id)):
        summary["claim"] = {"id": claim.id, "text": claim.text, "verdict": claim.verdict, "domain": claim.domain,
                            "source": claim.source, "source_url": claim.source_url, "date": claim.claim_date,
                            "similarity": flag.claim_similarity}
    if flag.source_id and (source := session.get(Source, flag.source_id)):
        summary["source"] = {"name": source.name, "type": source.type, "url": source.url,
                             "silent_since": source.silent_since, "last_success_at": source.last_success_at}
    return summary


def _items_of(session: Session, flag: Flag) -> list[Item]:
    if flag.item_id is not None and (item := session.get(Item, flag.item_id)) is not None:
        return [item]
    if flag.story_id is not None and session.get(Story, flag.story_id) is not None:
        return list(session.scalars(select(Item).where(Item.story_id == flag.story_id).order_by(Item.id)
                                    .limit(MAX_STORY_ITEMS)))
    return []


def export(session: Session, flag_id: int, out_dir: Path, settings: Settings, actor: str = "cli",
           screenshot: bool = True) -> Path:
    """Write the evidence package of flag `flag_id` into `out_dir`; returns the zip's path."""
    flag = session.get(Flag, flag_id)
    if flag is None:
        raise EvidenceError(f"Không có cảnh báo #{flag_id}.")
    made = utcnow()
    package = _Package()
    items = _items_of(session, flag)
    single = len(items) == 1
    captures = []
    for item in items:
        prefix = "item/" if single else f"items/{item.id}/"
        captures += _add_item(package, session, item, settings, screenshot, prefix)
    package.add_json("flag/flag.json", _flag_summary(session, flag), f"Cảnh báo #{flag.id} và lý do")
    package.add_json("flag/history.json", _history(session, flag), "Lịch sử xử lý, nhãn của người duyệt, nhật ký")
    notes = [c["screenshot_note"] for c in captures if "screenshot_note" in c]
    shots = [c["screenshot"] for c in captures if "screenshot" in c]
    manifest = {
        "format": FORMAT, "flag_id": flag.id, "created_at": made, "created_by": actor,
        "items": [i.id for i in items], "captures": captures,
        "screenshot": {"present": bool(shots), "files": shots,
                       "note": notes[0] if notes else ("Không chụp màn hình (không có bản lưu HTML)." if screenshot
                                                       else "Không chụp màn hình (đã tắt khi xuất).")},
        "files": [{"path": name, "sha256": sha256(data), "size": len(data), "description": package.described[name]}
                  for name, data in sorted(package.files.items())],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, default=_jsonable).encode("utf-8")
    sums = "".join(f"{sha256(data)}  {name}\n" for name, data in sorted(package.files.items()))
    sums += f"{sha256(manifest_bytes)}  manifest.json\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bang-chung-canh-bao-{flag.id}-{made.strftime('%Y%m%dT%H%M%SZ')}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(package.files.items()):
            archive.writestr(name, data)
        archive.writestr("manifest.json", manifest_bytes)
        archive.writestr("SHA256SUMS", sums.encode("utf-8"))
    record(session, actor, "evidence.export", "flag", flag.id, file=path.name, sha256=sha256(path.read_bytes()),
           captures=len(captures), screenshot=bool(shots))
    return path
