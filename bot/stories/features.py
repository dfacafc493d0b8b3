"""What the story matcher looks at for one item: its time, its opening text as MinHash and word pairs, its topics."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from datasketch import MinHash

import nlp
from nlp.similarity import TermWeights, shingles, signature, word_pairs

LEAD_CHARS = 600  # the title and the lead carry the event; the rest of a long article adds noise
PRESS_TYPES = ("provincial_press", "central_press")
NON_SOCIAL_TYPES = (*PRESS_TYPES, "portal", "forum", "tip")
CORPUS_DIR = Path(nlp.__file__).parent / "corpus"
# Two or more capitalised words in a row: a proper name ("hồ Đá Bàn", "đèo Khánh Lê", "phường Ba Ngòi").
NAME = re.compile(r"[^\W\d_][^\W_]*(?:[ \t]+[^\W\d_][^\W_]*)+")


def mix_key(source_type: str, platform: str | None) -> str:
    """The key of an item in a story's platform mix: the source type for press, portals, forums and tips, the
    platform (facebook, youtube, tiktok, ...) for social media."""
    if source_type in NON_SOCIAL_TYPES:
        return source_type
    return (platform or source_type).lower()


def label_key(value: object) -> str | None:
    """A topic or place as the analysis stored it: a plain string, or an object naming it
    ({"key": ...} / {"name": ...}); None when there is nothing usable."""
    if isinstance(value, dict):
        value = value.get("key") or value.get("name") or value.get("text")
    text = str(value).strip() if value is not None else ""
    return text or None


def element_key(value: object) -> str | None:
    """A topic or place as SQL hands out the elements of a JSON array: text, or an object's JSON text."""
    text = str(value)
    return label_key(json.loads(text)) if text.startswith("{") else label_key(text)


def label_keys(values: list | None) -> list[str]:
    return [k for k in (label_key(v) for v in values or []) if k]


@dataclass
class ItemFeatures:
    item_id: int
    at: dt.datetime
    kind: str
    source_type: str
    platform: str | None
    parent_id: int | None
    parent_story_id: int | None
    relevant: bool | None
    topics: frozenset[str]
    places: frozenset[str]
    text: str
    signature: MinHash = field(repr=False)
    terms: frozenset[str] = field(repr=False)
    names: frozenset[str] = field(default=frozenset(), repr=False)  # the word pairs inside proper names
    thread: str | None = None  # the forum thread of a forum post
    reply: bool = False  # a forum post after the thread's first: it follows the thread's story


def name_pairs(text: str) -> set[str]:
    """The word pairs (as `word_pairs` writes them) of the runs of capitalised words in the text."""
    pairs: set[str] = set()
    for run in NAME.finditer(text):
        words = run.group().split()
        start = 0
        for end, word in enumerate([*words, ""]):
            if not word[:1].isupper():
                if end - start > 1:
                    pairs |= word_pairs(" ".join(words[start:end]))
                start = end + 1
    return pairs


def opening(title: str | None, text: str | None) -> str:
    """Title and lead, the part of an item that names the event."""
    title = (title or "").strip()
    lead = (text or "")[:LEAD_CHARS].strip()
    return f"{title}. {lead}" if title else lead


def features(item_id: int, at: dt.datetime, kind: str, source_type: str, platform: str | None,
             title: str | None, text: str | None, parent_id: int | None, parent_story_id: int | None,
             relevant: bool | None, topics: list | None, places: list | None, thread: str | None = None,
             position: int | None = None) -> ItemFeatures:
    body = opening(title, text)
    return ItemFeatures(
        item_id=item_id, at=at, kind=kind, source_type=source_type, platform=platform,
        parent_id=parent_id, parent_story_id=parent_story_id, relevant=relevant,
        thread=thread if platform == "forum" else None,
        reply=platform == "forum" and thread is not None and position is not None and position > 1,
        topics=frozenset(label_keys(topics)), places=frozenset(label_keys(places)), text=body,
        signature=signature(shingles(body)), terms=frozenset(word_pairs(body)), names=frozenset(name_pairs(body)))


@lru_cache(maxsize=1)
def background_weights() -> TermWeights:
    """Word-pair document frequencies over the project's own corpus of provincial press and social texts, so that
    even the first stories of a fresh database know that "khánh hòa" or "người dân" says little about an event."""
    weights = TermWeights()
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    weights.add(word_pairs(str(json.loads(line).get("text", ""))))
    return weights
