"""Sources file: YAML with a top-level `sources:` list; each source is one spider kind pointed at one place."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from cssselect import SelectorError
from parsel.csstranslator import HTMLTranslator
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from config.source_options import check_kind_rules, parse_options
from config.yamlfile import ConfigError, load_yaml
from config.validation import validate_document

SOURCES_DIR = Path(__file__).parent / "sources"

SourceKind = Literal["feed", "sitemap", "site", "forum", "telegram", "facebook", "youtube", "import"]
SourceType = Literal["provincial_press", "central_press", "portal", "social", "forum", "tip"]

SOURCE_TYPE_NAMES = {
    "provincial_press": "Báo chí địa phương",
    "central_press": "Báo chí trung ương",
    "portal": "Cổng/Trang thông tin điện tử",
    "social": "Mạng xã hội",
    "forum": "Diễn đàn",
    "tip": "Tin báo của cán bộ",
}


class Selectors(BaseModel):
    """CSS overrides for a site that defeats the generic extractor."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    text: str | None = None
    author: str | None = None
    published: str | None = None

    @field_validator("title", "text", "author", "published")
    @classmethod
    def _valid_css(cls, css: str | None) -> str | None:
        if css is not None:
            try:
                HTMLTranslator().css_to_xpath(css)
            except SelectorError as exc:
                raise ValueError(f"bộ chọn CSS {css!r} không hợp lệ: {exc}") from None
        return css


class SourceConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, pattern=r"^[\w.-]+$")
    title: str | None = Field(default=None, min_length=1, max_length=300)  # what officers read: "Báo Khánh Hòa"
    kind: SourceKind
    type: SourceType
    url: str = Field(min_length=1)
    enabled: bool = True
    interval_minutes: float = Field(default=30, gt=0)
    languages: list[str] = ["vi"]
    selectors: Selectors | None = None
    options: dict[str, Any] = {}

    @model_validator(mode="after")
    def _url_shape(self) -> "SourceConfig":
        if self.kind != "import" and not self.url.startswith(("http://", "https://")):
            raise ValueError("url phải bắt đầu bằng http:// hoặc https:// (trừ nguồn kind: import)")
        check_kind_rules(self.kind, self.url, parse_options(self.kind, self.options))
        return self

    @property
    def opts(self):
        """The typed kind-specific options (FeedOptions, SiteOptions, ...), defaults filled in."""
        return parse_options(self.kind, self.options)


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[SourceConfig]

    @model_validator(mode="after")
    def _unique_names(self) -> "SourcesFile":
        seen: set[str] = set()
        for source in self.sources:
            if source.name in seen:
                raise ValueError(f"tên nguồn {source.name!r} bị trùng")
            seen.add(source.name)
        return self


def default_sources_path(province: str) -> Path:
    return SOURCES_DIR / f"{province}.yaml"


def load_sources(path: str | Path) -> list[SourceConfig]:
    doc = load_yaml(path)
    if not isinstance(doc.data, dict) or "sources" not in doc.data:
        raise ConfigError([doc.problem((), "cần khóa cấp cao nhất `sources:` chứa danh sách nguồn")])
    return validate_document(SourcesFile, doc).sources
