"""Paraphrases and rebuttals of checked claims: recall, precision and flags on the labelled posts of
tests/misinfo/fixtures/claim_pairs.yaml (split dev / test) and on the demo province (bot/demo/content), which
were not used to choose anything.

All fixture claims and the demo's claims are registered together, so every post meets the others as
distractors. Per split, printed:
- recall of paraphrases and of rumour posts (the right claim found as a suggestion or a match; and as a match),
- false matches of near-topic posts (any claim found), precision over every post found;
- misinformation flags (score at or above the flag threshold and not a rebuttal, as bot.flags raises them, with
  the shipped classifier; every post scored as an unverified social post, the worst case) on rebuttals,
  paraphrases and rumours, and how many of each kind were taken for rebuttals.
On the demo: the items labelled `matches_claim` (recall), those labelled `rebuts_claim` (flags), and the other
items that match a claim.

    .venv/bin/python bench/claims_paraphrase.py
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.claims.matching import ItemClaimMatch
from bot.misinfo import assess
from bot.records import item_record
from config import get_settings
from nlp.claims import MATCH, ClaimMatcher
from nlp.misinfo import DEFAULT_MODEL_DIR, MisinfoClassifier
from nlp.rebuttal import rebuttal
from nlp.signals import detect
from storage.models import Claim, Item

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "misinfo" / "fixtures" / "claim_pairs.yaml"
DEMO = ROOT / "bot" / "demo" / "content"
KINDS = ("paraphrases", "near_topic", "rebuttals", "rumours")


@dataclass
class Post:
    text: str
    kind: str  # paraphrases, near_topic, rebuttals, rumours, demo_match, demo_rebuttal, demo_other
    claim: str | None  # the claim it repeats or rebuts
    source_type: str = "social"


def fixture() -> tuple[dict[str, str], dict[str, list[Post]]]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    claims, splits = {}, {"dev": [], "test": []}
    for claim in data["claims"]:
        claims[claim["id"]] = claim["text"]
        for kind in KINDS:
            splits[claim["split"]] += [Post(text, kind, None if kind == "near_topic" else claim["id"])
                                       for text in claim.get(kind, [])]
    return claims, splits


def _load(name: str) -> dict:
    return yaml.safe_load((DEMO / f"{name}.yaml").read_text(encoding="utf-8"))


def _demo_post(text: str, expected: dict, source_type: str) -> Post:
    if expected.get("matches_claim"):
        return Post(text, "demo_match", expected["matches_claim"], source_type)
    if expected.get("rebuts_claim"):
        return Post(text, "demo_rebuttal", expected["rebuts_claim"], source_type)
    return Post(text, "demo_other", None, source_type)


def demo() -> tuple[dict[str, str], list[Post]]:
    claims = {c["id"]: c["text"] for c in _load("claims")["claims"]}
    outlets = {o["key"]: o["type"] for o in _load("outlets")["outlets"]}
    posts = [_demo_post("\n".join([a["title"], a["lead"], *a["body"]]), a["expected"], outlets[a["outlet"]])
             for a in _load("articles")["articles"]]
    for thread in _load("forum")["threads"]:
        for n, post in enumerate(thread["posts"]):
            text = f"{thread['title']}\n{post['text']}" if n == 0 else post["text"]
            posts.append(_demo_post(text, post.get("expected") or {}, "forum"))
    posts += [_demo_post(m["text"], m.get("expected") or {}, "social") for m in _load("channel")["messages"]]
    posts += [_demo_post(m["text"], m.get("expected") or {}, "social") for m in _load("live")["items"]]
    return claims, posts


class Scorer:
    def __init__(self, claims: dict[str, str]):
        settings = get_settings().misinfo
        self.flag_threshold = settings.flag_threshold
        self.matcher = ClaimMatcher(settings.suggest_threshold, settings.match_threshold)
        self.matcher.add_many((claim_id, text, None) for claim_id, text in claims.items())
        self.claims = {claim_id: Claim(id=n, text=text, verdict="tin_gia", domain="other", text_hash=str(n))
                       for n, (claim_id, text) in enumerate(claims.items(), start=1)}
        self.classifier = MisinfoClassifier.load(DEFAULT_MODEL_DIR)

    def run(self, posts: list[Post], social: bool) -> list[tuple[Post, list, bool, bool]]:
        """(post, its claim matches, flagged, taken for a rebuttal) for every post; `social` scores every post as
        an unverified one."""
        items = [Item(text=p.text, source_type="social" if social else p.source_type) for p in posts]
        column = self.classifier.labels.index("unreliable")
        probabilities = self.classifier.predict_proba([item_record(i) for i in items])[:, column]
        out = []
        for post, item, probability in zip(posts, items, probabilities):
            found = self.matcher.match(post.text)
            matches = [ItemClaimMatch(self.claims[m.claim_id], m.similarity, m.level) for m in found]
            assessment = assess(item, classifier_probability=float(probability), claim_matches=matches,
                                signals=detect(post.text), rebuttal=rebuttal(post.text))
            out.append((post, found, assessment.score >= self.flag_threshold and not assessment.rebuttal,
                        assessment.rebuttal))
        return out


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def report(name: str, results: list[tuple[Post, list, bool, bool]]) -> None:
    print(f"== {name}")
    for kind in ("paraphrases", "rumours", "demo_match"):
        rows = [(p, found) for p, found, _, _ in results if p.kind == kind]
        if rows:
            hit = sum(1 for p, found in rows if any(m.claim_id == p.claim for m in found))
            strong = sum(1 for p, found in rows if any(m.claim_id == p.claim and m.level == MATCH for m in found))
            print(f"  {kind}: recall {_share(hit, len(rows))}, as a match {_share(strong, len(rows))}")
    for kind in ("near_topic", "demo_other"):
        rows = [(p, found) for p, found, _, _ in results if p.kind == kind]
        if rows:
            print(f"  {kind}: matching some claim {_share(sum(1 for _, found in rows if found), len(rows))}")
    found_rows = [(p, found) for p, found, _, _ in results if found and p.kind not in ("rebuttals", "demo_rebuttal")]
    right = sum(1 for p, found in found_rows if p.claim is not None and found[0].claim_id == p.claim)
    print(f"  precision (best claim right, rebuttals left out): {_share(right, len(found_rows))}")
    for kind in ("rebuttals", "demo_rebuttal", "paraphrases", "rumours", "demo_match", "near_topic", "demo_other"):
        rows = [(flagged, rebuts) for p, _, flagged, rebuts in results if p.kind == kind]
        if rows:
            print(f"  {kind}: flagged {_share(sum(f for f, _ in rows), len(rows))}, taken for rebuttals "
                  f"{_share(sum(r for _, r in rows), len(rows))}")


def main() -> None:
    claims, splits = fixture()
    demo_claims, demo_posts = demo()
    scorer = Scorer({**claims, **demo_claims})
    for split, posts in splits.items():
        report(f"{split} ({len(posts)} posts, scored as unverified social posts)", scorer.run(posts, social=True))
    report(f"demo province ({len(demo_posts)} items, their own source types)", scorer.run(demo_posts, social=False))


if __name__ == "__main__":
    main()
