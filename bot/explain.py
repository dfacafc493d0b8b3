"""Annotations in the officers' words: one Vietnamese line per label, with the reason behind it."""

from __future__ import annotations

from config.profile import Profile
from nlp import Annotation

SENTIMENT_VI = {"negative": "tiêu cực", "neutral": "trung lập", "positive": "tích cực"}
TOXICITY_VI = {"CLEAN": "bình thường", "OFFENSIVE": "xúc phạm, thô tục", "HATE": "thù ghét, kích động"}
KIND_VI = {"province": "tên tỉnh", "former_province": "tỉnh cũ", "district": "huyện/thị/thành phố cũ",
           "commune": "xã/phường", "landmark": "địa danh", "agency": "cơ quan", "official": "lãnh đạo"}
ENTITY_VI = {"PER": "người", "ORG": "tổ chức", "LOC": "địa điểm", "MISC": "khác"}


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _scores(scores: dict[str, float], names: dict[str, str]) -> str:
    return ", ".join(f"{names.get(k, k)} {_percent(v)}" for k, v in scores.items())


def describe(a: Annotation, profile: Profile) -> list[str]:
    lines = [f"Liên quan tỉnh {profile.name}: {'có' if a.relevant else 'không'} (điểm {a.relevance_score:.2f})"]
    for m in a.matched_terms:
        place = f", thuộc {m['place']}" if m.get("place") and m["place"] != m["name"] else ""
        lines.append(f"  - «{m['term']}»: {KIND_VI.get(m['kind'], m['kind'])} {m['name']}{place}"
                     f"{' (trong tiêu đề)' if m.get('in_title') else ''}")
    if a.places:
        lines.append("Địa bàn: " + ", ".join(p["name"] for p in a.places))
    if a.sentiment:
        verdict = SENTIMENT_VI[a.sentiment] + (" (chưa chắc chắn, cần người xem lại)" if a.sentiment_uncertain else "")
        lines.append(f"Sắc thái: {verdict}; xác suất: {_scores(a.sentiment_scores, SENTIMENT_VI)}")
    if a.toxicity:
        lines.append(f"Nội dung xấu độc: {TOXICITY_VI[a.toxicity]}; xác suất: {_scores(a.toxicity_scores, TOXICITY_VI)}")
    names = {t.key: t.name for t in profile.topics}
    if a.topics:
        lines.append("Chủ đề:")
        for key in a.topics:
            info = a.extra.get("topic_reasons", {}).get(key, {})
            why = []
            if info.get("score") is not None:
                why.append(f"mô hình {_percent(info['score'])}")
            if info.get("keywords"):
                why.append("từ khóa: " + ", ".join(info["keywords"]))
            lines.append(f"  - {names.get(key, key)} ({'; '.join(why)})")
    else:
        lines.append("Chủ đề: chưa xác định")
    if a.entities:
        lines.append("Thực thể: " + "; ".join(
            f"{e['text']} ({ENTITY_VI.get(e['type'], e['type'])}"
            + (f", {KIND_VI.get(e['linked']['kind'], e['linked']['kind'])} {e['linked']['name']}" if e["linked"] else "")
            + ")" for e in a.entities))
    if a.misinfo_probability is not None:
        lines.append(f"Khả năng tin sai sự thật (mô hình văn bản): {_percent(a.misinfo_probability)}")
    return lines
