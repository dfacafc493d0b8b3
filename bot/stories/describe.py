"""Stories in the department's words: "1 sự việc, 12 báo đưa tin"."""

from __future__ import annotations

from collections.abc import Mapping

from bot.numbers import vn_int
from bot.stories.features import NON_SOCIAL_TYPES
from config.sources import SOURCE_TYPE_NAMES
from storage.models import Story

PLATFORM_NAMES = {"facebook": "Facebook", "youtube": "YouTube", "tiktok": "TikTok", "zalo": "Zalo",
                  "telegram": "Telegram", "social": "Mạng xã hội khác"}


def mix_name(key: str) -> str:
    """The Vietnamese name of a platform-mix key (a source type or a social platform)."""
    return SOURCE_TYPE_NAMES.get(key) or PLATFORM_NAMES.get(key) or key.capitalize()


def social_count(platforms: Mapping[str, int]) -> int:
    return sum(n for key, n in platforms.items() if key not in NON_SOCIAL_TYPES)


def coverage_phrase(outlets: int, social: int = 0, forum: int = 0, portals: int = 0, stories: int = 1) -> str:
    """ "1 sự việc, 12 báo đưa tin", followed by portal pages, social posts and forum posts when there are any."""
    parts = [f"{vn_int(stories)} sự việc"]
    if outlets:
        parts.append(f"{vn_int(outlets)} báo đưa tin")
    if portals:
        parts.append(f"{vn_int(portals)} tin trên cổng/trang thông tin điện tử")
    if social:
        parts.append(f"{vn_int(social)} bài trên mạng xã hội")
    if forum:
        parts.append(f"{vn_int(forum)} bài trên diễn đàn")
    return ", ".join(parts)


def story_phrase(story: Story) -> str:
    platforms = story.platforms or {}
    return coverage_phrase(story.outlet_count, social=social_count(platforms), forum=platforms.get("forum", 0),
                           portals=platforms.get("portal", 0))
