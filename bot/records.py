"""Stored items as classifier records (`nlp.classifier` protocol): their text and the metadata classifiers use.
Kept apart from the classifiers themselves so that exporting training data does not load the models."""

from __future__ import annotations

from typing import Any

from storage.models import Item


def item_text(item: Item) -> str:
    """What an item says: its title (if any) and its text, a line apart."""
    return "\n".join(part for part in (item.title, item.text) if part)


def item_record(item: Item) -> dict[str, Any]:
    """An item as a classifier record: its text and the metadata the classifier protocol names."""
    return {
        "text": item_text(item),
        "num_like_post": item.likes, "num_comment_post": item.comments, "num_share_post": item.shares,
        "timestamp_post": item.published_at.timestamp() if item.published_at else None,
        "user_name_hash": item.author_id or item.author,
        "source_type": item.source_type, "platform": item.platform,
    }
