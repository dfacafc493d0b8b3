"""The misinformation score of one item, with every reason as a Vietnamese sentence an officer understands.

The evidence is combined on the log-odds scale, so each piece adds or removes a known amount and the reasons can be
listed by how much they weighed:
- the classifier (task misinfo) gives the starting point, or a low prior when no model is installed;
- a registered claim the item repeats (tin giả / tin sai sự thật raise it, tin xác thực lowers it);
- the source tier: an official portal or licensed press lowers it, an unverified page or account raises it;
- rumour signs in the wording (nlp.signals): calls to share, sensational wording, hearsay, "they are hiding it",
  links dressed up as government sites, claims about officials, disasters, health or money without a source. They
  add their own weight only when no classifier is installed: the classifier reads the same signs among its features
  (nlp.misinfo), so adding them again would count them twice. With a classifier they are listed as what it weighed;
- engagement velocity: interactions per hour since publication;
- rebuttal framing (nlp.rebuttal): an official denial, a fact-check or a warning repeats the rumour's words but
  does not spread it, so it lowers the score, and a claim it matches is shown as the claim it rebuts. A rebuttal
  never raises a misinformation flag (`Assessment.rebuttal`)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from bot.claims.matching import ItemClaimMatch
from bot.numbers import vn_decimal, vn_int
from config.vocabulary import VERDICTS
from nlp.rebuttal import Rebuttal
from nlp.signals import Signal
from storage.models import Item, utcnow

PRIOR = 0.15  # share of unreliable posts assumed when no classifier is installed
SIGNAL_WEIGHTS = {
    "call_to_share": 0.9, "sensational": 0.5, "hearsay": 0.8, "cover_up": 0.8, "suspicious_link": 1.5,
    "unsourced_officials": 0.35, "unsourced_disaster": 0.45, "unsourced_health": 0.45, "unsourced_money": 0.45,
}
MAX_UNSOURCED = 0.9  # several unsourced topics together count at most this much
CLAIM_WEIGHTS = {"match": 4.0, "suggest": 1.8}
TRUE_CLAIM_WEIGHTS = {"match": -2.5, "suggest": -1.0}
TIERS = {
    # tier: (log-odds, reason)
    "official": (-2.5, "Nguồn là cổng/trang thông tin chính thức của cơ quan nhà nước."),
    "press": (-1.5, "Nguồn là cơ quan báo chí được cấp phép."),
    "unverified": (0.4, "Nguồn là trang, tài khoản mạng xã hội hoặc diễn đàn chưa được xác thực."),
    "tip": (0.0, "Tin do cán bộ báo về."),
}
SOURCE_TYPE_TIERS = {"portal": "official", "provincial_press": "press", "central_press": "press",
                     "social": "unverified", "forum": "unverified", "tip": "tip"}
VELOCITY_STEPS = ((1000.0, 1.0), (200.0, 0.6))  # interactions per hour -> log-odds
REBUTTAL_WEIGHT = -3.0  # denying or debunking wording
REBUTTED_CLAIM_WEIGHT = -1.0  # ... that matches a claim judged false: the rebuttal is of a known rumour


@dataclass(frozen=True)
class Reason:
    code: str
    text: str  # Vietnamese, shown to officers
    weight: float  # its contribution on the log-odds scale


@dataclass
class Assessment:
    score: float
    reasons: list[Reason] = field(default_factory=list)
    claim_match: ItemClaimMatch | None = None
    classifier_probability: float | None = None
    rebuttal: bool = False  # the item denies or debunks (the claim_match, if any): never a misinformation flag

    def reason_texts(self) -> list[str]:
        """The reasons that raised the score, strongest first, then the signs already weighed inside the
        classifier's probability, then those that lowered it."""
        raising = sorted((r for r in self.reasons if r.weight > 0), key=lambda r: -r.weight)
        weighed = [r for r in self.reasons if r.weight == 0]
        lowering = sorted((r for r in self.reasons if r.weight < 0), key=lambda r: r.weight)
        return [r.text for r in raising + weighed + lowering]


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def source_tier(item: Item) -> str:
    """official / press / unverified / tip, from the source's configured `options.tier` if an operator set one
    (an agency's verified fan page), else from the source's type, else the item's own source type."""
    source = item.source
    if source is not None:
        tier = ((source.config or {}).get("options") or {}).get("tier")
        if tier in TIERS:
            return tier
    kind = source.type if source is not None else item.source_type
    return SOURCE_TYPE_TIERS.get(kind, "unverified")


def velocity(item: Item, now: dt.datetime | None = None) -> tuple[int, float] | None:
    """(interactions, hours since publication) when both are known; at least one hour is assumed."""
    counts = [n for n in (item.likes, item.comments, item.shares) if n is not None]
    if not counts or item.published_at is None:
        return None
    seen = now or item.fetched_at or utcnow()
    hours = max((seen - item.published_at).total_seconds() / 3600, 1.0)
    return sum(counts), hours


def _classifier_reason(probability: float | None) -> Reason:
    if probability is None:
        return Reason("classifier", "Chưa có mô hình phân loại tin sai sự thật; điểm chỉ dựa trên các dấu hiệu dưới.",
                      _logit(PRIOR))
    weight = _logit(probability)
    pct = vn_decimal(probability * 100, 0)
    if probability >= 0.5:
        return Reason("classifier", f"Mô hình phân loại đánh giá nội dung giống tin sai sự thật ({pct}%).", weight)
    return Reason("classifier", f"Mô hình phân loại đánh giá nội dung giống tin đáng tin cậy (khả năng sai sự thật "
                                f"{pct}%).", weight)


def _claim_reason(match: ItemClaimMatch, rebuts: bool) -> Reason:
    claim, pct = match.claim, vn_decimal(match.similarity * 100, 0)
    verdict = VERDICTS.get(claim.verdict, claim.verdict)
    closeness = "trùng" if match.level == "match" else "gần giống"
    source = f" theo {claim.source}" if claim.source else ""
    if rebuts and claim.verdict != "xac_thuc":
        return Reason("claim_rebutted", f"Nội dung bác bỏ, cảnh báo về thông tin đã được kết luận là “{verdict}” "
                                        f"#{claim.id}{source} (giống {pct}%): “{_short(claim.text)}”.",
                      REBUTTED_CLAIM_WEIGHT)
    if claim.verdict == "xac_thuc":
        weight = TRUE_CLAIM_WEIGHTS[match.level]
        return Reason("claim_true", f"Nội dung {closeness} thông tin đã được xác thực #{claim.id}{source} "
                                    f"(giống {pct}%).", weight)
    weight = CLAIM_WEIGHTS[match.level] * match.similarity
    return Reason("claim", f"Nội dung {closeness} thông tin đã được kết luận là “{verdict}” #{claim.id}{source} "
                           f"(giống {pct}%): “{_short(claim.text)}”.", weight)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _velocity_reason(found: tuple[int, float] | None, shares: int | None) -> Reason | None:
    if found is None:
        return None
    interactions, hours = found
    rate = interactions / hours
    for floor, weight in VELOCITY_STEPS:
        if rate >= floor:
            shared = f" (trong đó {vn_int(shares)} lượt chia sẻ)" if shares else ""
            return Reason("velocity", f"Lan truyền nhanh: {vn_int(interactions)} lượt tương tác{shared} trong "
                                      f"khoảng {vn_decimal(hours, 0)} giờ sau khi đăng.", weight)
    return None


def _rebuttal_reason(found: Rebuttal) -> Reason:
    words = ", ".join(f"“{w}”" for w in (found.denials or found.warnings)[:3])
    return Reason("rebuttal", f"Nội dung mang tính bác bỏ, cải chính hoặc cảnh báo tin sai (dấu hiệu: {words}), "
                              "không phải lan truyền tin đồn.", REBUTTAL_WEIGHT)


def signal_reasons(signals: list[Signal], counted: bool) -> list[Reason]:
    """One reason per rumour sign; with weight only when `counted` (no classifier has weighed them already)."""
    reasons, unsourced = [], 0.0
    for signal in signals:
        weight = SIGNAL_WEIGHTS.get(signal.code, 0.0)
        if not weight:
            continue
        if signal.code.startswith("unsourced_"):
            weight = max(0.0, min(weight, MAX_UNSOURCED - unsourced))
            unsourced += weight
            if not weight:
                continue
        reasons.append(Reason(signal.code, signal.reason, weight if counted else 0.0))
    return reasons


def assess(item: Item, *, classifier_probability: float | None, claim_matches: list[ItemClaimMatch],
           signals: list[Signal], rebuttal: Rebuttal | None = None, now: dt.datetime | None = None) -> Assessment:
    """Combine everything known about `item` into a score in [0, 1] with its reasons; `rebuttal` is what
    nlp.rebuttal found in its text."""
    reasons = [_classifier_reason(classifier_probability)]
    tier = source_tier(item)
    rebuts = rebuttal is not None and rebuttal.applies(official_source=tier in ("official", "press"))
    if rebuts:
        reasons.append(_rebuttal_reason(rebuttal))
    best = claim_matches[0] if claim_matches else None
    if best is not None:
        reasons.append(_claim_reason(best, rebuts))
    tier_weight, tier_text = TIERS[tier]
    if tier_weight:
        reasons.append(Reason(f"tier_{tier}", tier_text, tier_weight))
    reasons += signal_reasons(signals, counted=classifier_probability is None)
    moving = _velocity_reason(velocity(item, now), item.shares)
    if moving is not None:
        reasons.append(moving)
    total = sum(r.weight for r in reasons)
    score = 1 / (1 + math.exp(-total))
    return Assessment(score=round(score, 4), reasons=reasons, claim_match=best,
                      classifier_probability=classifier_probability, rebuttal=rebuts)
