"""Relevance to the province from the gazetteer's mentions: a score, the decision, and the places pointed to."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.gazetteer import AMBIGUOUS_FACTOR, TITLE_BONUS, WEIGHTS, Mention


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    score: float
    mentions: list[Mention]
    places: list[dict]


def score(mentions: list[Mention]) -> float:
    """1 - prod(1 - w) over the distinct names mentioned; a name in the title weighs more."""
    best: dict[tuple[str, str], float] = {}
    for m in mentions:
        weight = WEIGHTS[m.term.kind] * (AMBIGUOUS_FACTOR if m.term.ambiguous else 1.0)
        if m.in_title:
            weight = min(1.0, weight + TITLE_BONUS)
        slot = (m.term.kind, m.term.name)
        best[slot] = max(best.get(slot, 0.0), weight)
    remaining = 1.0
    for weight in best.values():
        remaining *= 1.0 - weight
    return round(1.0 - remaining, 4)


def places(mentions: list[Mention]) -> list[dict]:
    """The former districts and communes the text points to, each once, in order of first mention."""
    out: dict[tuple, dict] = {}
    for m in mentions:
        if m.term.kind == "commune":
            entry = {"name": m.term.name, "level": m.term.level, "district": m.term.place}
        elif m.term.place:
            entry = {"name": m.term.place, "level": "district", "district": m.term.place}
        else:
            continue
        out.setdefault((entry["name"], entry["level"]), entry)
    return list(out.values())


def assess(mentions: list[Mention], threshold: float) -> Relevance:
    value = score(mentions)
    return Relevance(relevant=value >= threshold, score=value, mentions=mentions, places=places(mentions))
