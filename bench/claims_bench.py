"""Claim matching at registry scale: the LSH matcher against 100,000 claims, beside brute force on a subset.

Claims are generated in two ways: one in ten from templates of real rumour shapes (power cuts, evacuations, scam
links, fake officials, disease) over the shipped profiles' place names, so those share long stretches of text, the
hard case for an index; the rest join two random stretches of two thirds of the project's own corpus, so the
registry has the character statistics of real Vietnamese posts. Items are paraphrases of registered claims mixed
with texts from the other third of the corpus. Printed: index build rate, items per second with the index at
100,000 claims, how many paraphrases find their claim and how many other texts match some claim, brute force per
item on a subset (and its cost extrapolated to 100,000), the speed-up, and the index's recall against brute force
(every claim scored, `ClaimMatcher.match_all`) on the subset.

    .venv/bin/python bench/claims_bench.py [--claims 100000] [--subset 2000] [--items 400]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from config import load_profile, shipped_profiles
from nlp.claims import ClaimMatcher

ROOT = Path(__file__).resolve().parents[1]

TEMPLATES = [
    "{place} sẽ cắt điện toàn bộ trong {n} ngày liên tục từ ngày {d} để sửa chữa đường dây {kv}kV.",
    "UBND ra lệnh sơ tán khẩn cấp toàn bộ người dân {place} trước {h} giờ hôm nay vì lũ quét.",
    "Đập thủy điện gần {place} sắp vỡ, người dân phải sơ tán ngay vì nước sẽ dâng cao {n} mét.",
    "Bệnh viện ở {place} đang có ổ dịch lạ, {n} người nhập viện nhưng bị giấu thông tin.",
    "Đường link nhận hỗ trợ {n} triệu đồng cho người dân {place}, chỉ cần điền số tài khoản và mã OTP.",
    "Từ ngày {d} người dân {place} phải cập nhật căn cước qua đường link, không cập nhật sẽ bị khóa tài khoản.",
    "Tài khoản Facebook mang tên lãnh đạo {place} kêu gọi chuyển {n} triệu ủng hộ vào số tài khoản cá nhân.",
    "Học sinh {place} được nghỉ học {n} ngày từ ngày {d} vì dịch cúm, sở đã có công văn.",
    "Nước máy ở {place} nhiễm kim loại nặng gấp {n} lần cho phép, công ty cấp nước giấu kết quả.",
    "Giá đất {place} sẽ tăng gấp {n} lần trong năm nay vì sắp có quyết định lên thành phố.",
    "Nhóm bắt cóc trẻ em đi xe {n} chỗ màu trắng đang hoạt động ở {place}, đã bắt hụt {h} cháu.",
    "Cấm hoàn toàn xe máy vào trung tâm {place} từ ngày {d}, vi phạm phạt {n} triệu đồng mỗi lần.",
    "Chợ {place} bị phong tỏa {n} ngày vì có ca tử vong do cúm gia cầm, không ai được ra vào.",
    "Công ty ở {place} huy động vốn lãi {n}% mỗi tháng, cam kết hoàn vốn sau {h} tháng, có giấy phép của tỉnh.",
    "Cá chết hàng loạt ở biển {place} do nhà máy xả thải, ăn hải sản vùng này bị ngộ độc, đã có {n} ca.",
]
PARAPHRASE_PREFIXES = ["Nghe nói ", "CHIA SẺ GẤP: ", "Mọi người ơi, ", "Tin nóng: ", "Có người trong nhóm nói "]
PARAPHRASE_SUFFIXES = [" Share cho người thân biết!!!", " Thật không mọi người?", "", " Ai biết xác nhận giùm."]


def _places() -> list[str]:
    names = set()
    for slug in shipped_profiles():
        profile = load_profile(slug)
        names.update(d.name for d in profile.former_districts)
        names.update(c.name for c in profile.communes)
    return sorted(names)


def _stretch(words: list[str], rng: random.Random) -> str:
    size = rng.randint(6, 14)
    start = rng.randrange(max(1, len(words) - size))
    return " ".join(words[start:start + size])


def make_claims(count: int, corpus: list[str], rng: random.Random) -> list[str]:
    places, seen, claims = _places(), set(), []
    split = [text.split() for text in corpus]
    while len(claims) < count:
        if rng.random() < 0.1:
            text = rng.choice(TEMPLATES).format(
                place=rng.choice(places), n=rng.randint(2, 99), h=rng.randint(2, 23),
                kv=rng.choice((110, 220, 500)), d=f"{rng.randint(1, 28)}/{rng.randint(1, 12)}")
        else:
            text = f"{_stretch(rng.choice(split), rng)}, {_stretch(rng.choice(split), rng)}."
        if text not in seen:
            seen.add(text)
            claims.append(text)
    return claims


def paraphrase(text: str, rng: random.Random) -> str:
    words = text.rstrip(".").split()
    if len(words) > 8:  # drop a word and lower-case, as people retype a rumour
        del words[rng.randrange(1, len(words) - 1)]
    body = " ".join(words)
    if rng.random() < 0.5:
        body = body.lower()
    return rng.choice(PARAPHRASE_PREFIXES) + body + rng.choice(PARAPHRASE_SUFFIXES)


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "nlp" / "corpus").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--subset", type=int, default=2_000)
    parser.add_argument("--items", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(20250615)
    corpus = corpus_texts()
    rng.shuffle(corpus)
    cut = len(corpus) * 2 // 3
    corpus, unrelated = corpus[:cut], corpus[cut:]
    claims = make_claims(args.claims, corpus, rng)
    subset = {i: claims[i] for i in range(args.subset)}
    half = args.items // 2
    sources, items = [], []
    for _ in range(half):
        sources.append(rng.randrange(args.subset))
        items.append(paraphrase(claims[sources[-1]], rng))
    items += rng.sample(unrelated, args.items - half)

    start = time.perf_counter()
    full = ClaimMatcher()
    full.add_many((i, text, None) for i, text in enumerate(claims))
    build = time.perf_counter() - start

    start = time.perf_counter()
    found = [full.match(text) for text in items]
    indexed = (time.perf_counter() - start) / len(items)
    own = sum(1 for n, source in enumerate(sources) if any(m.claim_id == source for m in found[n]))
    stray = sum(1 for matches in found[half:] if matches)

    small = ClaimMatcher()
    small.add_many((i, text, None) for i, text in subset.items())
    start = time.perf_counter()
    brute = [small.match_all(text, limit=len(subset)) for text in items]
    brute_per_item = (time.perf_counter() - start) / len(items)
    extrapolated = brute_per_item * len(claims) / len(subset)

    expected = {(n, m.claim_id) for n, found in enumerate(brute) for m in found}
    got = {(n, m.claim_id) for n, text in enumerate(items) for m in small.match(text, limit=len(subset))}
    recall = len(expected & got) / len(expected) if expected else 1.0

    print(f"claims indexed: {len(claims):,}; build {build:.1f} s ({len(claims) / build:,.0f} claims/s)")
    print(f"items: {len(items)} ({half} paraphrases of registered claims, {len(items) - half} other corpus texts); "
          f"{sum(1 for matches in found if matches)} with a match or suggestion at {len(claims):,} claims: "
          f"{own}/{half} paraphrases find their claim, {stray}/{len(items) - half} other texts match some claim")
    print(f"index, {len(claims):,} claims: {indexed * 1000:.2f} ms/item ({1 / indexed:,.0f} items/s)")
    print(f"brute force, {len(subset):,} claims: {brute_per_item * 1000:.2f} ms/item; extrapolated to "
          f"{len(claims):,} claims: {extrapolated * 1000:.0f} ms/item ({1 / extrapolated:,.2f} items/s)")
    print(f"speed-up of the index at {len(claims):,} claims over brute force: {extrapolated / indexed:,.0f}x")
    print(f"recall of the index against brute force on the {len(subset):,}-claim subset: {recall:.3f} "
          f"({len(expected & got)}/{len(expected)} pairs)")


if __name__ == "__main__":
    main()
