import datetime as dt

import pytest

from bot.claims.matching import ItemClaimMatch
from bot.misinfo import assess, source_tier
from bot.misinfo.score import SIGNAL_WEIGHTS
from nlp.rebuttal import rebuttal
from nlp.signals import detect
from storage.models import Claim, Item, Source

NOW = dt.datetime(2025, 6, 14, 12, tzinfo=dt.timezone.utc)


def _item(text="Một bài đăng bình thường về thời tiết hôm nay.", source_type="social", **kw) -> Item:
    return Item(text=text, source_type=source_type, canonical_url="https://x.example/1", url="https://x.example/1",
                content_hash="x", **kw)


def _claim(verdict="tin_gia") -> Claim:
    return Claim(id=7, text="Khánh Hòa sẽ cắt điện toàn tỉnh trong 3 ngày từ ngày 15/6.", text_hash="h",
                 verdict=verdict, domain="economy_finance", source="Điện lực Khánh Hòa")


def _codes(assessment):
    return {r.code: r for r in assessment.reasons}


def test_classifier_reason_and_prior():
    high = assess(_item(), classifier_probability=0.9, claim_matches=[], signals=[])
    low = assess(_item(), classifier_probability=0.1, claim_matches=[], signals=[])
    none = assess(_item(), classifier_probability=None, claim_matches=[], signals=[])
    assert "giống tin sai sự thật (90%)" in _codes(high)["classifier"].text
    assert "giống tin đáng tin cậy (khả năng sai sự thật 10%)" in _codes(low)["classifier"].text
    assert "Chưa có mô hình" in _codes(none)["classifier"].text
    assert high.score > none.score > low.score


def test_debunked_claim_match_and_suggestion():
    match = assess(_item(), classifier_probability=0.3, signals=[],
                   claim_matches=[ItemClaimMatch(_claim(), 0.92, "match")])
    suggest = assess(_item(), classifier_probability=0.3, signals=[],
                     claim_matches=[ItemClaimMatch(_claim(), 0.6, "suggest")])
    plain = assess(_item(), classifier_probability=0.3, signals=[], claim_matches=[])
    reason = _codes(match)["claim"].text
    assert reason.startswith("Nội dung trùng thông tin đã được kết luận là “Tin giả” #7 theo Điện lực Khánh Hòa")
    assert "(giống 92%)" in reason
    assert "gần giống" in _codes(suggest)["claim"].text
    assert match.score > 0.9 and match.score > suggest.score > plain.score
    assert match.claim_match.claim.id == 7


def test_verified_claim_lowers_the_score():
    true = assess(_item(), classifier_probability=0.6, signals=[],
                  claim_matches=[ItemClaimMatch(_claim("xac_thuc"), 0.9, "match")])
    assert "thông tin đã được xác thực #7" in _codes(true)["claim_true"].text
    assert _codes(true)["claim_true"].weight < 0 and true.score < 0.6


@pytest.mark.parametrize("source_type, options, tier, text", [
    ("portal", {}, "official", "cổng/trang thông tin chính thức"),
    ("provincial_press", {}, "press", "báo chí được cấp phép"),
    ("central_press", {}, "press", "báo chí được cấp phép"),
    ("social", {}, "unverified", "chưa được xác thực"),
    ("forum", {}, "unverified", "chưa được xác thực"),
    ("social", {"tier": "official"}, "official", "cổng/trang thông tin chính thức"),
])
def test_source_tier(source_type, options, tier, text):
    item = _item(source_type=source_type)
    item.source = Source(name="s", kind="feed", type=source_type, url="https://s.example",
                         config={"options": options})
    assert source_tier(item) == tier
    assessment = assess(item, classifier_probability=0.5, claim_matches=[], signals=[])
    assert text in _codes(assessment)[f"tier_{tier}"].text


def test_officers_tip_has_no_tier_weight():
    assessment = assess(_item(source_type="tip"), classifier_probability=0.5, claim_matches=[], signals=[])
    assert not any(r.code.startswith("tier_") for r in assessment.reasons) and assessment.score == 0.5


RUMOUR = ("CHIA SẺ GẤP!!! Nghe nói chủ tịch xã bị bắt, ổ dịch lạ bị giấu nhẹm, sắp cắt điện, ai có tiền "
          "chuyển khoản gấp qua bit.ly/x")


def test_without_a_classifier_wording_signs_each_add_weight_and_unsourced_topics_are_capped():
    assessment = assess(_item(RUMOUR), classifier_probability=None, claim_matches=[], signals=detect(RUMOUR))
    codes = _codes(assessment)
    assert {"call_to_share", "sensational", "hearsay", "cover_up", "suspicious_link"} <= set(codes)
    assert all(codes[c].weight > 0 for c in ("call_to_share", "sensational", "hearsay", "cover_up", "suspicious_link"))
    unsourced = [r for r in assessment.reasons if r.code.startswith("unsourced_")]
    assert len(unsourced) >= 2 and sum(r.weight for r in unsourced) == pytest.approx(0.9)
    assert assessment.score > 0.95


def test_with_a_classifier_wording_signs_are_listed_but_not_counted_twice():
    """The classifier reads the same signs among its features: its probability already holds them."""
    plain = assess(_item(RUMOUR), classifier_probability=0.5, claim_matches=[], signals=[])
    signed = assess(_item(RUMOUR), classifier_probability=0.5, claim_matches=[], signals=detect(RUMOUR))
    codes = _codes(signed)
    assert {"call_to_share", "sensational", "hearsay", "cover_up", "suspicious_link"} <= set(codes)
    assert all(r.weight == 0 for r in signed.reasons if r.code in SIGNAL_WEIGHTS)
    assert signed.score == plain.score
    texts = signed.reason_texts()  # the signs come after what raised the score and before what lowered it
    assert texts[0] == _codes(signed)["tier_unverified"].text and codes["call_to_share"].text in texts[1:]


def test_engagement_velocity():
    fast = _item(likes=2000, comments=300, shares=900, published_at=NOW - dt.timedelta(hours=2))
    slow = _item(likes=20, comments=3, shares=1, published_at=NOW - dt.timedelta(hours=20))
    unknown = _item(likes=5000)
    fast_a = assess(fast, classifier_probability=0.5, claim_matches=[], signals=[], now=NOW)
    assert _codes(fast_a)["velocity"].text == ("Lan truyền nhanh: 3.200 lượt tương tác (trong đó 900 lượt chia sẻ) "
                                               "trong khoảng 2 giờ sau khi đăng.")
    assert "velocity" not in _codes(assess(slow, classifier_probability=0.5, claim_matches=[], signals=[], now=NOW))
    assert "velocity" not in _codes(assess(unknown, classifier_probability=0.5, claim_matches=[], signals=[], now=NOW))


def test_reason_texts_order_raising_then_lowering():
    item = _item(source_type="provincial_press")
    assessment = assess(item, classifier_probability=0.8, claim_matches=[ItemClaimMatch(_claim(), 0.95, "match")],
                        signals=[])
    texts = assessment.reason_texts()
    assert texts[0].startswith("Nội dung trùng thông tin") and texts[-1].startswith("Nguồn là cơ quan báo chí")


def test_a_rebuttal_keeps_the_claim_as_information_and_lowers_the_score():
    text = ("Điện lực Khánh Hòa khẳng định thông tin cắt điện toàn tỉnh 3 ngày từ 15/6 là sai sự thật, đề nghị "
            "người dân không chia sẻ.")
    match = [ItemClaimMatch(_claim(), 0.85, "match")]
    rebutting = assess(_item(text), classifier_probability=0.8, signals=detect(text), claim_matches=match,
                       rebuttal=rebuttal(text))
    spreading = assess(_item(text), classifier_probability=0.8, signals=detect(text), claim_matches=match)
    assert rebutting.rebuttal and not spreading.rebuttal
    codes = _codes(rebutting)
    assert "claim" not in codes and codes["claim_rebutted"].weight < 0 and codes["rebuttal"].weight < 0
    assert codes["claim_rebutted"].text.startswith("Nội dung bác bỏ, cảnh báo về thông tin đã được kết luận là "
                                                   "“Tin giả” #7 theo Điện lực Khánh Hòa (giống 85%)")
    assert "“sai sự thật”" in codes["rebuttal"].text
    assert rebutting.claim_match is match[0]
    assert any("#7" in line for line in rebutting.reason_texts())
    assert rebutting.score < 0.6 < spreading.score


def test_warnings_about_a_rumour_are_a_rebuttal_only_from_an_official_source():
    text = ("Trên mạng xã hội lan truyền tin cắt điện toàn tỉnh 3 ngày. Đề nghị người dân không hoang mang, chỉ theo "
            "dõi thông tin chính thức.")
    portal = assess(_item(text, "portal"), classifier_probability=0.5, signals=[], claim_matches=[],
                    rebuttal=rebuttal(text))
    page = assess(_item(text), classifier_probability=0.5, signals=[], claim_matches=[], rebuttal=rebuttal(text))
    assert portal.rebuttal and not page.rebuttal


def test_a_rumour_asking_or_saying_khong_is_not_a_rebuttal():
    text = "Cắt điện toàn tỉnh 3 ngày từ 15/6 thật không mọi người? Không tích nước là khổ đó!!!"
    found = assess(_item(text), classifier_probability=0.7, signals=detect(text), rebuttal=rebuttal(text),
                   claim_matches=[ItemClaimMatch(_claim(), 0.7, "suggest")])
    assert not found.rebuttal and "claim" in _codes(found)
