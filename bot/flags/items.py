"""Flags raised from analysed items: misinformation, harmful content, negative press, watchlist names.

`raise_flags(session, item_ids, settings, profile)` is what the analysis loop calls after it stored the analyses
of a batch. Each detector reads the item's latest Analysis and the configured AlertRule of its kind (threshold and
severity); every flag carries its reasons as Vietnamese sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.claims.matching import ItemClaimMatch
from bot.flags.store import Candidate, raise_severity, rule_for, store
from bot.misinfo import MisinfoAssessor, shared_assessor
from bot.misinfo.score import Assessment
from bot.numbers import vn_decimal, vn_int
from config import Profile, Settings
from config.sources import SOURCE_TYPE_NAMES
from config.vocabulary import TOXICITY
from nlp.normalize import plain
from storage.models import Analysis, Flag, Item

PRESS_TYPES = ("provincial_press", "central_press")
WATCHED_KINDS = {"official": "official", "officials": "official", "agency": "agency", "agencies": "agency"}


def _pct(p: float) -> str:
    return f"{vn_decimal(p * 100, 0)}%"


def latest_analyses(session: Session, item_ids: Iterable[int]) -> dict[int, Analysis]:
    """The newest analysis of each item (re-analysis adds rows)."""
    found: dict[int, Analysis] = {}
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        rows = session.scalars(select(Analysis).where(Analysis.item_id.in_(ids[start:start + 500]))
                               .order_by(Analysis.item_id, Analysis.id))
        for analysis in rows:
            found[analysis.item_id] = analysis
    return found


def misinformation(item: Item, analysis: Analysis | None, settings: Settings,
                   assessment: Assessment) -> Candidate | None:
    """A flag when the item's misinformation score reaches the rule's threshold and the item concerns the province
    (relevant, a tip, or repeating a registered claim). A rebuttal (an official denial, a fact-check) is never
    flagged: its analysis keeps the claim it rebuts among the reasons."""
    rule = rule_for(settings, "misinformation")
    if rule is None or assessment.rebuttal:
        return None
    threshold = rule.threshold if rule.threshold is not None else settings.misinfo.flag_threshold
    match = assessment.claim_match
    debunked = match is not None and match.claim.verdict != "xac_thuc"
    concerns_province = analysis is None or analysis.relevant or item.source_type == "tip" or debunked
    if assessment.score < threshold or not concerns_province:
        return None
    severity = rule.severity
    if debunked and match.level == "match":
        severity = raise_severity(severity)
    reasons = [f"Điểm nghi vấn sai sự thật {_pct(assessment.score)} (ngưỡng {_pct(threshold)})."]
    reasons += assessment.reason_texts()
    return Candidate("misinformation", f"item:{item.id}", severity, assessment.score, reasons, item_id=item.id,
                     story_id=item.story_id, source_id=item.source_id,
                     claim_id=match.claim.id if debunked else None,
                     claim_similarity=match.similarity if debunked else None)


def harmful(item: Item, analysis: Analysis, settings: Settings) -> Candidate | None:
    """Offensive or hateful content (thông tin xấu độc) with a probability at or above the threshold."""
    rule = rule_for(settings, "harmful")
    if rule is None or analysis.toxicity not in ("OFFENSIVE", "HATE") or not analysis.relevant:
        return None
    scores = analysis.toxicity_scores or {}
    probability = float(scores.get(analysis.toxicity, 0.0))
    threshold = rule.threshold if rule.threshold is not None else 0.5
    if probability < threshold:
        return None
    severity = raise_severity(rule.severity) if analysis.toxicity == "HATE" else rule.severity
    reasons = [f"Nội dung bị đánh giá là “{TOXICITY[analysis.toxicity]}” (xác suất {_pct(probability)}, ngưỡng "
               f"{_pct(threshold)})."]
    return Candidate("harmful", f"item:{item.id}", severity, probability, reasons, item_id=item.id,
                     story_id=item.story_id, source_id=item.source_id)


def reach(item: Item) -> int | None:
    """Views when known, else interactions (likes + comments + shares); None when nothing is known."""
    interactions = [n for n in (item.likes, item.comments, item.shares) if n is not None]
    known = [n for n in (item.views, sum(interactions) if interactions else None) if n is not None]
    return max(known) if known else None


def negative_press(item: Item, analysis: Analysis, settings: Settings) -> Candidate | None:
    """A press article about the province with negative sentiment, which the department may have to answer under
    the Press Law. Known reach below the threshold raises nothing; unknown reach raises a flag one step lower."""
    rule = rule_for(settings, "negative_press")
    if (rule is None or item.source_type not in PRESS_TYPES or analysis.sentiment != "negative"
            or analysis.sentiment_uncertain or not analysis.relevant):
        return None
    audience = reach(item)
    threshold = rule.threshold or 0
    outlet = item.outlet or SOURCE_TYPE_NAMES[item.source_type]
    negative = float((analysis.sentiment_scores or {}).get("negative", 1.0))
    reasons = [f"Bài báo trên {outlet} phản ánh tiêu cực về địa phương (xác suất tiêu cực {_pct(negative)}); cần "
               "xem xét phản hồi, cung cấp thông tin theo Luật Báo chí."]
    if audience is None:
        severity = raise_severity(rule.severity, -1)
        reasons.append("Chưa có số liệu lượt xem, tương tác của bài.")
    elif audience >= threshold:
        severity = rule.severity
        reasons.append(f"Độ lan tỏa {vn_int(audience)} lượt xem/tương tác (ngưỡng {vn_int(int(threshold))}).")
    else:
        return None
    return Candidate("negative_press", f"item:{item.id}", severity, negative, reasons, item_id=item.id,
                     story_id=item.story_id, source_id=item.source_id)


def _watched_names(profile: Profile) -> dict[str, tuple[str, str]]:
    """Every name and alias of the profile's officials and agencies, folded -> (kind, how to show it)."""
    names: dict[str, tuple[str, str]] = {}
    for official in profile.officials:
        shown = f"{official.title} {official.name}"
        for name in (official.name, *official.aliases):
            names[plain(name)] = ("official", shown)
    for agency in profile.agencies:
        for name in (agency.name, *agency.aliases):
            names[plain(name)] = ("agency", agency.name)
    return names


def watchlist(item: Item, analysis: Analysis, settings: Settings, profile: Profile) -> Candidate | None:
    """An official or agency of the profile named in an item with negative sentiment."""
    rule = rule_for(settings, "watchlist")
    if rule is None or analysis.sentiment != "negative" or analysis.sentiment_uncertain:
        return None
    negative = float((analysis.sentiment_scores or {}).get("negative", 1.0))
    if rule.threshold is not None and negative < rule.threshold:
        return None
    known = _watched_names(profile)
    named: dict[str, str] = {}
    for term in analysis.matched_terms or []:
        if not isinstance(term, dict):
            continue
        text = str(term.get("term") or "")
        listed = known.get(plain(text))
        kind = listed[0] if listed else WATCHED_KINDS.get(str(term.get("kind") or ""))
        if kind is None:
            continue
        shown = listed[1] if listed else text
        named.setdefault(shown, "lãnh đạo được theo dõi" if kind == "official" else "cơ quan được theo dõi")
    if not named:
        return None
    reasons = [f"Nêu tên {name} ({what}) với sắc thái tiêu cực (xác suất {_pct(negative)})."
               for name, what in named.items()]
    return Candidate("watchlist", f"item:{item.id}", rule.severity, negative, reasons, item_id=item.id,
                     story_id=item.story_id, source_id=item.source_id)


def raise_flags(session: Session, item_ids: Iterable[int], settings: Settings, profile: Profile,
                assessor: MisinfoAssessor | None = None, now: dt.datetime | None = None,
                claim_matches: dict[int, list[ItemClaimMatch]] | None = None) -> list[Flag]:
    """Raise every flag the rules call for on these items; returns the flags created (existing ones are kept,
    an open one refreshed when its score rose). Without an `assessor` the process's shared one is used, so the
    claim index and the model are loaded once; `claim_matches` are the assessor's, when already computed."""
    assessor = assessor or shared_assessor(settings)
    ids = list(dict.fromkeys(item_ids))
    analyses = latest_analyses(session, ids)
    items = list(session.scalars(select(Item).where(Item.id.in_(ids)).order_by(Item.id))) if ids else []
    probabilities = assessor.probabilities(items)
    created = []
    for item, probability in zip(items, probabilities):
        analysis = analyses.get(item.id)
        assessment = assessor.assess(session, item, now=now, probability=probability,
                                     claim_matches=(claim_matches or {}).get(item.id))
        if analysis is not None:  # the score, its reasons and the claim matched stay on the analysis
            analysis.misinfo_score = assessment.score
            analysis.misinfo_reasons = assessment.reason_texts()
            analysis.claim_id = assessment.claim_match.claim.id if assessment.claim_match else None
        candidates = [misinformation(item, analysis, settings, assessment)]
        if analysis is not None:
            candidates.append(harmful(item, analysis, settings))
            if not assessment.rebuttal:  # a denial of a rumour is not the press or the public against the province
                candidates += [negative_press(item, analysis, settings), watchlist(item, analysis, settings, profile)]
        for candidate in candidates:
            if candidate is not None and (flag := store(session, candidate)) is not None:
                created.append(flag)
    session.flush()
    return created
