"""The topic taxonomy: keys are stable identifiers, names are what officers read."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

TOPICS_FILE = Path(__file__).parent / "topics.yaml"


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z_]+$")
    name: str = Field(min_length=1)
    keywords: list[str] = []


def default_topics() -> list[Topic]:
    with TOPICS_FILE.open(encoding="utf-8") as fh:
        return [Topic.model_validate(t) for t in yaml.safe_load(fh)["topics"]]
