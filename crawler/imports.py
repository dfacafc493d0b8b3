"""`diembao import`: items from CSV/JSONL exports of other monitoring systems, through a column mapping.

A mapping (crawler/mappings/<name>.yaml, or any YAML file with the same shape) names, for each item field, the
column headings that may hold it. Each row goes through the same idempotent upsert as crawled items, so
importing a file twice adds nothing. A bad row is reported with its line and skipped; the others are stored."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import SQLAlchemyError

from config.sources import SourceType
from config.yamlfile import ConfigError, load_yaml
from config.validation import validate_document
from crawler.counts import parse_count
from crawler.dates import parse_date
from crawler.report import SourceRun
from crawler.urls import canonical_url
from storage.db import Database
from storage.items import Capture, ItemData, fit_columns, upsert_item

MAPPINGS_DIR = Path(__file__).parent / "mappings"
BATCH = 200
MAX_URL = 2048  # items.canonical_url
Field = Literal["url", "canonical_url", "title", "text", "author", "author_id", "published_at", "outlet", "type",
                "kind", "platform", "language", "likes", "comments", "shares", "views", "thread", "position",
                "external_id", "sentiment"]
KINDS = ("article", "post", "comment", "video", "message", "tip")
COUNTS = ("likes", "comments", "shares", "views")


class ImportFailed(Exception):
    """The file as a whole cannot be imported (missing, unreadable, no recognisable columns)."""


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = ""
    columns: dict[Field, list[str]]
    types: dict[str, SourceType] = {}
    platforms: dict[str, str] = {}
    defaults: dict[Literal["type", "kind", "platform"], str] = {}


def _key(heading: object) -> str:
    return re.sub(r"\s+", " ", str(heading)).strip().casefold()


def builtin_mappings() -> list[str]:
    return sorted(p.stem for p in MAPPINGS_DIR.glob("*.yaml"))


def load_mapping(name: str) -> tuple[str, Mapping]:
    """A built-in mapping by name, or a mapping YAML file by path."""
    path = MAPPINGS_DIR / f"{name}.yaml" if re.fullmatch(r"[\w-]+", name) else Path(name)
    if not path.exists():
        raise ImportFailed(f"không có bảng ánh xạ cột {name!r}; có sẵn: {', '.join(builtin_mappings())}, "
                           "hoặc đưa đường dẫn tới một tệp YAML cùng dạng")
    try:
        return path.stem, validate_document(Mapping, load_yaml(path))
    except ConfigError as exc:
        raise ImportFailed("bảng ánh xạ cột không hợp lệ:\n" + "\n".join(str(p) for p in exc.problems)) from None


def _rows(path: Path, encoding: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise ImportFailed(f"không tìm thấy tệp {path}") from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path}: tệp không đọc được bằng bảng mã {encoding} (byte {exc.start}); "
                           "hãy lưu lại dạng CSV UTF-8") from None
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, {"__error__": f"JSON không hợp lệ ({exc.msg}, cột {exc.colno})"}
                continue
            yield number, row if isinstance(row, dict) else {"__error__": "mỗi dòng phải là một đối tượng JSON"}
        return
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    for row in reader:
        yield reader.line_num, row


@dataclass
class _Columns:
    """Which heading of this file holds which field."""

    found: dict[str, str]

    @classmethod
    def of(cls, headings: list[str], mapping: Mapping) -> "_Columns":
        present = {_key(h): h for h in headings}
        found = {}
        for name, candidates in mapping.columns.items():
            for candidate in candidates:
                if _key(candidate) in present:
                    found[name] = present[_key(candidate)]
                    break
        return cls(found)

    def get(self, row: dict[str, Any], name: str) -> Any:
        value = row.get(self.found[name]) if name in self.found else None
        return value.strip() if isinstance(value, str) else value


def _lookup(table: dict[str, str], value: Any) -> str | None:
    wanted = _key(value)
    return next((target for label, target in table.items() if _key(label) == wanted), None)


def row_item(row: dict[str, Any], cols: _Columns, mapping: Mapping, mapping_name: str, default_type: str,
             warn: list[str]) -> ItemData:
    """One row as an item; ValueError (naming the problem) when the row cannot be stored."""
    url = cols.get(row, "url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ValueError(f"thiếu đường dẫn http(s) hợp lệ (cột {cols.found.get('url', 'url')}): {url!r}")
    title, text = cols.get(row, "title") or None, cols.get(row, "text") or ""
    if not (title or text):
        raise ValueError("không có tiêu đề lẫn nội dung")
    raw_date = cols.get(row, "published_at")
    published = parse_date(raw_date)
    if raw_date and published is None:
        warn.append(f"không đọc được thời gian {raw_date!r}, để trống")
    raw_type = cols.get(row, "type")
    source_type = None
    if raw_type:
        source_type = raw_type if raw_type in SourceType.__args__ else _lookup(mapping.types, raw_type)
        if source_type is None:
            warn.append(f"loại nguồn {raw_type!r} không có trong bảng ánh xạ, dùng loại mặc định")
    raw_kind = cols.get(row, "kind")
    raw_platform = cols.get(row, "platform")
    position = cols.get(row, "position")
    extra: dict[str, Any] = {"imported_with": mapping_name}
    if cols.get(row, "sentiment"):
        extra["imported_sentiment"] = cols.get(row, "sentiment")
    canonical = cols.get(row, "canonical_url") or canonical_url(url)
    if len(canonical) > MAX_URL:
        raise ValueError(f"đường dẫn dài quá {MAX_URL} ký tự")
    return ItemData(
        url=url, canonical_url=canonical, title=title, text=text or title,
        source_type=source_type or mapping.defaults.get("type") or default_type,
        kind=raw_kind if raw_kind in KINDS else mapping.defaults.get("kind", "post"),
        platform=(_lookup(mapping.platforms, raw_platform) or raw_platform or _lookup(mapping.platforms, raw_type)
                  or mapping.defaults.get("platform")),
        author=cols.get(row, "author") or None, author_id=cols.get(row, "author_id") or None,
        outlet=cols.get(row, "outlet") or None, language=cols.get(row, "language") or None,
        published_at=published, thread=cols.get(row, "thread") or None,
        position=int(position) if isinstance(position, (int, str)) and str(position).isdigit() else None,
        external_id=str(cols.get(row, "external_id")) if cols.get(row, "external_id") else None,
        extra=extra, **{name: parse_count(cols.get(row, name)) for name in COUNTS})


def import_file(database: Database, path: str | Path, mapping_name: str, run: SourceRun, default_type: str,
                encoding: str = "utf-8-sig") -> SourceRun:
    """Import every row of `path`; counts and per-line problems go to `run`. Raises ImportFailed for the file."""
    path = Path(path)
    name, mapping = load_mapping(mapping_name)
    rows = _rows(path, encoding)
    batch: list[tuple[int, dict[str, Any], _Columns]] = []
    seen_rows = 0
    for number, row in rows:
        if "__error__" in row:
            run.page_failed(f"{path.name}:{number}", row["__error__"])
            continue
        cols = _Columns.of(list(row), mapping)  # per row: JSONL lines need not share their keys
        if not seen_rows and "url" not in cols.found:
            raise ImportFailed(f"{path}: không thấy cột đường dẫn; bảng ánh xạ {name!r} chờ một trong các cột: "
                               f"{', '.join(mapping.columns.get('url', []))}; tệp có: {', '.join(map(str, row))}")
        seen_rows += 1
        batch.append((number, row, cols))
        if len(batch) >= BATCH:
            _store(database, path, name, mapping, batch, run, default_type)
            batch = []
    if not seen_rows and run.failed == 0:
        raise ImportFailed(f"{path}: tệp không có dòng dữ liệu nào")
    _store(database, path, name, mapping, batch, run, default_type)
    run.entries_ok += 1
    return run


def _store(database: Database, path: Path, name: str, mapping: Mapping,
           batch: list[tuple[int, dict[str, Any], _Columns]], run: SourceRun, default_type: str) -> None:
    with database.session() as session:
        for number, row, cols in batch:
            where = f"{path.name}:{number}"
            warnings: list[str] = []
            try:
                item = fit_columns(row_item(row, cols, mapping, name, default_type, warnings))
            except ValueError as exc:
                run.page_failed(where, str(exc))
                continue
            item.capture = Capture(url=item.url, status=0, body=json.dumps(row, ensure_ascii=False).encode("utf-8"),
                                   headers={"X-Diembao-Import-File": str(path), "X-Diembao-Import-Line": str(number),
                                            "X-Diembao-Mapping": name})
            for warning in warnings:
                run.warn(where, warning)
            try:
                with session.begin_nested():
                    _item_id, outcome = upsert_item(session, item, run.source_id)
            except SQLAlchemyError as exc:
                run.page_failed(where, f"không lưu được vào cơ sở dữ liệu: {type(exc).__name__}")
                continue
            run.count(outcome)
