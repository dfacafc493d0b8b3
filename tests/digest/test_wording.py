import pytest

from bot.digest.figures import Comparison, Kpi, Sentiments
from bot.digest.wording import change_phrase, flag_sentence, kpi_sentence, sentiment_sentence

SEED = ("Có 119.824 tin liên quan tỉnh Ninh Thuận, trong đó: tích cực: 12.002 (10% tổng số tin), tiêu cực: 11.347 "
        "(9,5% tổng số tin) và trung lập: 96.475 (80,5% tổng số tin)")


def test_the_department_paragraph_word_for_word():
    sentiments = Sentiments.of({"positive": 12002, "negative": 11347, "neutral": 96475})
    assert sentiment_sentence("tỉnh Ninh Thuận", sentiments) == SEED
    assert sentiments.total == 119824 and sum(sentiments.shares.values()) == pytest.approx(100)


@pytest.mark.parametrize("counts, shown", [
    ({"positive": 1, "negative": 1, "neutral": 1}, ["33,4%", "33,3%", "33,3%"]),  # adds up to 100
    ({"positive": 2, "negative": 1, "neutral": 0}, ["66,7%", "33,3%", "0%"]),
    ({"positive": 1, "negative": 0, "neutral": 7}, ["12,5%", "0%", "87,5%"]),
    ({"positive": 1, "negative": 2, "neutral": 3, "unknown": 1}, ["14,3%", "28,6%", "42,8%", "14,3%"]),
])
def test_shares_in_the_sentence_add_up_to_100(counts, shown):
    sentence = sentiment_sentence("tỉnh Khánh Hòa", Sentiments.of(counts))
    assert [part.split("(")[1].split(" ")[0] for part in sentence.split(": ")[2:]] == shown
    if "unknown" in counts:
        assert sentence.endswith("và chưa xác định: 1 (14,3% tổng số tin)")


def test_no_items():
    assert sentiment_sentence("tỉnh Khánh Hòa", Sentiments.of({})) == "Không có tin nào liên quan tỉnh Khánh Hòa"


def _comparison(total: int) -> Comparison:
    return Comparison("cùng kỳ năm trước (tuần 23/2023)", "2023-W23", Sentiments.of({"neutral": total}))


def test_changes_against_earlier_periods():
    assert change_phrase(4550, _comparison(4364)) == "tăng 186 tin (4,3%) so với cùng kỳ năm trước (tuần 23/2023)"
    assert change_phrase(90, _comparison(100)) == "giảm 10 tin (10%) so với cùng kỳ năm trước (tuần 23/2023)"
    assert change_phrase(5, _comparison(0)) == "tăng 5 tin so với cùng kỳ năm trước (tuần 23/2023)"
    assert change_phrase(7, _comparison(7)) == "không đổi so với cùng kỳ năm trước (tuần 23/2023)"
    assert change_phrase(2100, _comparison(1000)) == "tăng 1.100 tin (110%) so với cùng kỳ năm trước (tuần 23/2023)"


def test_kpi_and_flag_sentences():
    assert kpi_sentence(Kpi(verified=3, handled=2, share=66.7, outstanding=[9])) == (
        "Ngăn chặn, xử lý các thông tin xấu, độc, sai sự thật phát hiện và xác minh được: 2/3 trường hợp, đạt 66,7%; "
        "còn 1 trường hợp chưa xử lý (cảnh báo #9).")
    assert "chưa tính tỷ lệ" in kpi_sentence(Kpi())
    counts = {"misinformation": {"moi": 2, "xu_ly": 1}, "harmful": {"dong": 1}}
    assert flag_sentence(counts, ("misinformation", "harmful", "watchlist")) == (
        "Phát hiện 3 trường hợp nghi tin sai sự thật (mới: 2, xử lý: 1); 1 trường hợp thông tin xấu độc (đóng: 1).")
    assert flag_sentence({}, ("misinformation",)) == "Trong kỳ không phát hiện trường hợp nào."
