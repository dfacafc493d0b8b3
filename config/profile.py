"""Province profile: every name the press and the public use for the province, its places, bodies and people."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from config.topics import Topic, default_topics
from config.yamlfile import ConfigError, load_yaml
from config.validation import validate_document

PROFILES_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROVINCE = "khanh_hoa"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NamedPlace(_Strict):
    name: str = Field(min_length=1)
    aliases: list[str] = []


class FormerProvince(NamedPlace):
    pass


class FormerDistrict(NamedPlace):
    kind: Literal["city", "town", "district", "island_district"]
    former_province: str | None = None
    ambiguous: bool = False
    context: list[str] = []


class Commune(NamedPlace):
    kind: Literal["ward", "commune", "special_zone"]
    former_district: str | None = None


class Landmark(NamedPlace):
    former_district: str | None = None
    ambiguous: bool = False
    context: list[str] = []


class Agency(NamedPlace):
    pass


class Official(NamedPlace):
    title: str = Field(min_length=1)


class Outlet(_Strict):
    name: str = Field(min_length=1)
    type: Literal["provincial_press", "central_press", "portal", "social", "forum"]
    url: str = Field(pattern=r"^https?://")
    feeds: list[str] = []

    @field_validator("feeds")
    @classmethod
    def _feeds_are_urls(cls, feeds: list[str]) -> list[str]:
        for feed in feeds:
            if not re.match(r"^https?://", feed):
                raise ValueError(f"địa chỉ nguồn tin (feed) phải bắt đầu bằng http:// hoặc https://: {feed!r}")
        return feeds


class Profile(_Strict):
    """One province as the monitoring sees it (two-level government since 1 July 2025)."""

    slug: str = Field(pattern=r"^[a-z_]+$")
    name: str = Field(min_length=1)
    official_name: str = Field(min_length=1)
    aliases: list[str] = []
    administrative_center: str | None = None
    merged_on: dt.date | None = None
    former_provinces: list[FormerProvince] = []
    former_districts: list[FormerDistrict] = []
    communes: list[Commune] = []
    landmarks: list[Landmark] = []
    agencies: list[Agency] = []
    officials: list[Official] = []
    outlets: list[Outlet] = []
    topics: list[Topic] = Field(default_factory=default_topics)
    operator_todo: list[str] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> "Profile":
        provinces = {self.name} | {p.name for p in self.former_provinces}
        districts = {d.name for d in self.former_districts}
        problems = []
        for d in self.former_districts:
            if d.former_province and d.former_province not in provinces:
                problems.append(f"huyện cũ {d.name!r}: tỉnh cũ {d.former_province!r} không có trong former_provinces")
        for group in (self.communes, self.landmarks):
            for place in group:
                if place.former_district and place.former_district not in districts:
                    problems.append(f"{place.name!r}: huyện cũ {place.former_district!r} không có trong former_districts")
        keys = [t.key for t in self.topics]
        if len(keys) != len(set(keys)):
            problems.append("topics: có khóa chủ đề bị trùng")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def topic(self, key: str) -> Topic | None:
        return next((t for t in self.topics if t.key == key), None)


def profile_path(province: str) -> Path:
    return PROFILES_DIR / f"{province}.yaml"


def shipped_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))


def load_profile_file(path: str | Path) -> Profile:
    doc = load_yaml(path)
    profile = validate_document(Profile, doc)
    if profile.slug != Path(path).stem:
        raise ConfigError([doc.problem(("slug",), f"slug {profile.slug!r} phải trùng tên tệp {Path(path).stem!r}")])
    return profile


@lru_cache(maxsize=16)
def load_profile(province: str = DEFAULT_PROVINCE, path: str | None = None) -> Profile:
    """The shipped profile named `province`, or the operator's own file at `path`."""
    return load_profile_file(path or profile_path(province))
