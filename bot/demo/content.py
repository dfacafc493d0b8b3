"""The built-in sample province (content/*.yaml), with every relative date turned into a moment before `now`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

CONTENT = Path(__file__).parent / "content"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    with (CONTENT / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def moment(now: dt.datetime, days_ago: int, time: str) -> dt.datetime:
    """`days_ago` days before `now` at local `time`, never later than `now` (UTC, aware)."""
    local_day = now.astimezone(ZONE).date() - dt.timedelta(days=days_ago)
    hour, minute = (int(part) for part in time.split(":"))
    when = dt.datetime.combine(local_day, dt.time(hour, minute), ZONE)
    return min(when, now).astimezone(dt.timezone.utc)


@dataclass
class Post:
    number: int
    author: str
    when: dt.datetime
    text: str
    views: int | None = None


@dataclass
class Thread:
    slug: str
    number: int
    title: str
    posts: list[Post]


@dataclass
class SampleProvince:
    """What the sample sites publish at `now`: outlets with their articles, a forum, a channel, checked claims."""

    now: dt.datetime
    outlets: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    forum: dict[str, Any] = field(default_factory=dict)
    threads: list[Thread] = field(default_factory=list)
    channel: dict[str, Any] = field(default_factory=dict)
    messages: list[Post] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    live: list[dict[str, Any]] = field(default_factory=list)

    def articles_of(self, outlet: str) -> list[dict[str, Any]]:
        return sorted((a for a in self.articles if a["outlet"] == outlet), key=lambda a: a["when"], reverse=True)

    def publish(self, text: str, views: int = 0, when: dt.datetime | None = None) -> Post:
        """A new channel message, as a live post appears (the runner's end-to-end test and benchmark)."""
        post = Post(max(m.number for m in self.messages) + 1, self.channel["title"],
                    when or dt.datetime.now(dt.timezone.utc), text, views)
        self.messages.append(post)
        return post


def sample_province(now: dt.datetime | None = None) -> SampleProvince:
    now = now or dt.datetime.now(dt.timezone.utc)
    articles = [{**a, "when": moment(now, a["days_ago"], a["time"])} for a in _load("articles")["articles"]]
    forum = _load("forum")
    threads = []
    for number, thread in enumerate(forum["threads"], start=101):
        posts = [Post(number * 100 + i, p["author"], moment(now, p["days_ago"], p["time"]), p["text"])
                 for i, p in enumerate(thread["posts"], start=1)]
        threads.append(Thread(thread["slug"], number, thread["title"], posts))
    channel = _load("channel")
    messages = [Post(m["id"], channel["channel"]["title"], moment(now, m["days_ago"], m["time"]), m["text"],
                     m.get("views")) for m in channel["messages"]]
    claims = [{**c, "date": (now.astimezone(ZONE) - dt.timedelta(days=c["date_days_ago"])).date()}
              for c in _load("claims")["claims"]]
    return SampleProvince(now=now, outlets=_load("outlets")["outlets"], articles=articles,
                          forum=forum["forum"], threads=threads, channel=channel["channel"], messages=messages,
                          claims=claims, live=_load("live")["items"])
