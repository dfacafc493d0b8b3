import datetime as dt
from pathlib import Path

import pytest
import yaml

from nlp.claim_words import words
from nlp.claims import MATCH, ClaimMatcher, windows
from nlp.similarity import cosine, shingles

POWER_CUT = "Khánh Hòa sẽ cắt điện toàn tỉnh trong 3 ngày liên tục từ ngày 15/6 để sửa chữa đường dây 500kV."
EVACUATION = "UBND tỉnh ra lệnh sơ tán khẩn cấp toàn bộ người dân ven biển Nha Trang trước 18 giờ hôm nay vì sóng thần."
SCAM = "Đường link nhận hỗ trợ 5 triệu đồng cho người dân vùng lũ Khánh Hòa, chỉ cần điền số tài khoản và mã OTP."


@pytest.fixture
def matcher() -> ClaimMatcher:
    m = ClaimMatcher(suggest_threshold=0.55, match_threshold=0.8, window_days=365)
    m.add(1, POWER_CUT, dt.date(2025, 6, 12))
    m.add(2, EVACUATION, dt.date(2025, 3, 4))
    m.add(3, SCAM, None)
    return m


def test_copy_without_diacritics_inside_a_long_post_is_a_match(matcher):
    post = ("Moi nguoi oi, sang nay trong nhom cu dan co nguoi dang lai tin nay. Khanh Hoa se cat dien toan tinh "
            "trong 3 ngay lien tuc tu ngay 15/6 de sua chua duong day 500kV!!! Ai biet that gia the nao khong? "
            "Nha minh co nguoi gia va tre nho nen lo lam.")
    found = matcher.match(post, at=dt.datetime(2025, 6, 14, 8, tzinfo=dt.timezone.utc))
    assert [(m.claim_id, m.level) for m in found] == [(1, MATCH)]
    assert found[0].similarity >= 0.8


def test_retyped_paraphrase_is_a_match_by_its_words(matcher):
    paraphrase = "Nghe nói từ 15/6 cúp điện toàn tỉnh Khánh Hoà 3 ngày liền để sửa đường dây 500kV, mọi người tích nước nha"
    found = matcher.match(paraphrase, at=dt.date(2025, 6, 13))
    assert [(m.claim_id, m.level) for m in found] == [(1, MATCH)]
    char = cosine(shingles(POWER_CUT, punctuation=False), shingles(paraphrase, punctuation=False))
    assert char < 0.6 < found[0].similarity  # the characters alone made it a bare suggestion


def test_retelling_in_other_words_is_found_and_a_loose_one_is_not(matcher):
    retold = "Sóng thần sắp vào, ủy ban tỉnh bắt người dân ven biển Nha Trang di tản khẩn cấp trước 18 giờ hôm nay"
    assert cosine(shingles(EVACUATION, punctuation=False), shingles(retold, punctuation=False)) < 0.7
    assert [(m.claim_id, m.level) for m in matcher.match(retold)] == [(2, MATCH)]
    loose = ("Ai ở Nha Trang ven biển thì chạy gấp đi, tỉnh bắt toàn bộ dân phải di tản khẩn cấp trước 6 giờ chiều "
             "nay, sóng thần sắp vào!!!")
    assert matcher.match(loose) == []  # most of the claim is there, but in a sentence mostly about other things


def test_unrelated_and_merely_related_texts_do_not_match(matcher):
    unrelated = ("Nha Trang đón hơn nửa triệu lượt khách quốc tế trong quý I, tăng 30% so với cùng kỳ; nhiều khách "
                 "sạn kín phòng dịp cuối tuần.")
    related = "Điện lực Khánh Hòa thông báo lịch tạm ngừng cấp điện ngày 15/6 tại phường Lộc Thọ để bảo trì lưới điện."
    assert matcher.match(unrelated) == []
    assert matcher.match(related) == []


def test_thresholds_are_respected():
    paraphrase = "Nghe nói từ 15/6 cúp điện toàn tỉnh Khánh Hoà 3 ngày liền để sửa đường dây, mọi người tích nước nha"
    loose = ClaimMatcher(suggest_threshold=0.5, match_threshold=0.56)
    strict = ClaimMatcher(suggest_threshold=0.8, match_threshold=0.9)
    for m in (loose, strict):
        m.add("power", POWER_CUT)
    similarity = loose.match(paraphrase)[0].similarity
    assert 0.56 <= similarity < 0.8
    assert loose.match(paraphrase)[0].level == MATCH
    assert strict.match(paraphrase) == []
    with pytest.raises(ValueError):
        ClaimMatcher(suggest_threshold=0.9, match_threshold=0.8)


def test_time_window_is_respected(matcher):
    text = "CẢNH BÁO: " + EVACUATION
    assert [m.claim_id for m in matcher.match(text, at=dt.date(2025, 3, 5))] == [2]
    assert [m.claim_id for m in matcher.match(text, at=dt.date(2025, 3, 4) + dt.timedelta(days=366))] == []
    assert [m.claim_id for m in matcher.match(text, at=dt.date(2024, 3, 1))] == []  # far before the claim
    undated = "Chia sẻ: " + SCAM
    assert [m.claim_id for m in matcher.match(undated, at=dt.date(2035, 1, 1))] == [3]  # no claim date: always


def test_index_agrees_with_brute_force():
    claims = {i: text for i, text in enumerate([POWER_CUT, EVACUATION, SCAM])}
    matcher = ClaimMatcher(suggest_threshold=0.4, match_threshold=0.8)
    matcher.add_many((i, t, None) for i, t in claims.items())
    probes = [
        "Nghe nói từ 15/6 cúp điện toàn tỉnh Khánh Hoà 3 ngày liền để sửa đường dây 500kV",
        "Tin khẩn: tỉnh yêu cầu dân ven biển Nha Trang sơ tán ngay trước 18h vì sóng thần sắp đến!!!",
        "Bấm vào link để nhận 5 triệu tiền hỗ trợ lũ lụt, nhập số tài khoản và mã OTP là xong.",
        "Giá cà phê hôm nay tăng nhẹ ở Tây Nguyên.",
    ]
    for text in probes:
        assert matcher.match(text, limit=10) == matcher.match_all(text, limit=10)


def test_windows_cover_sentences_and_pairs():
    parts = windows("Câu thứ nhất khá dài ở đây. Câu thứ hai cũng dài! Câu ba thì sao?")
    assert "Câu thứ nhất khá dài ở đây." in parts
    assert "Câu thứ nhất khá dài ở đây. Câu thứ hai cũng dài!" in parts
    assert parts[-1] == "Câu thứ nhất khá dài ở đây. Câu thứ hai cũng dài! Câu ba thì sao?"


def test_removed_and_empty_claims(matcher):
    matcher.remove(1)
    assert 1 not in matcher and len(matcher) == 2
    assert matcher.match(POWER_CUT) == []
    with pytest.raises(ValueError):
        matcher.add(9, "!!! ...")


def test_everyday_variants_are_written_one_way():
    assert words("chich vaccine sxh o kcn") == words("tiem vac xin sot xuat huyet o khu cong nghiep")
    assert words("cup dien ca tinh") == words("cat dien ca tinh")
    assert "heo" in words("dich ta lon chau phi") and "lon" in words("ngan hang lon")  # "lớn" stays


PAIRS = yaml.safe_load((Path(__file__).parent / "fixtures" / "claim_pairs.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> ClaimMatcher:
    m = ClaimMatcher()
    m.add_many((c["id"], c["text"], None) for c in PAIRS["claims"])
    for claim_id, text in enumerate((POWER_CUT, EVACUATION, SCAM)):
        m.add(claim_id, text)
    return m


def _posts(kind: str, split: str = "test") -> list[tuple[str, str]]:
    return [(c["id"], text) for c in PAIRS["claims"] if c["split"] == split for text in c.get(kind, [])]


def test_labelled_retellings_are_found_and_near_topic_posts_are_not(registry):
    """The held-out part of the labelled set (nothing was tuned on it): character 4-grams alone found 11 of its
    24 paraphrases, words and characters 18; bench/claims_paraphrase.py prints the full figures."""
    paraphrases = _posts("paraphrases")
    found = [claim_id in [m.claim_id for m in registry.match(text)] for claim_id, text in paraphrases]
    assert sum(found) / len(found) >= 0.75
    assert all(registry.match(text)[0].claim_id == claim_id
               for claim_id, text in paraphrases + _posts("rumours") if registry.match(text))
    for split in ("dev", "test"):
        assert [text for _, text in _posts("near_topic", split) if registry.match(text)] == []


def test_both_indexes_find_what_scoring_every_claim_finds(registry):
    for kind in ("paraphrases", "near_topic", "rebuttals"):
        for _, text in _posts(kind, "dev") + _posts(kind, "test"):
            assert registry.match(text, limit=30) == registry.match_all(text, limit=30)
