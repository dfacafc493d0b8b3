from underthesea import word_tokenize

from nlp.segment import Segmenter


def test_lower_case_names_segment_like_edited_press():
    segmenter = Segmenter(["Vĩnh Hy", "Ninh Chữ", "Bác Ái"])
    press = segmenter.words("Đi Vĩnh Hy với Ninh Chữ ở Phan Rang Tháp Chàm")
    social = segmenter.words("đi vĩnh hy với ninh chữ ở phan rang tháp chàm")
    assert [w.lower() for w in press] == social
    assert "ninh chữ" in social and "phan rang tháp chàm" in social


def test_plain_underthesea_misses_lower_case_names():
    # the problem the Segmenter fixes: underthesea alone does not join these
    assert "ninh chữ" not in word_tokenize("đi vĩnh hy với ninh chữ")
    assert "ninh chữ" in Segmenter(["Ninh Chữ"]).words("đi vĩnh hy với ninh chữ")


def test_ordinary_words_still_segment_and_teencode_is_expanded():
    words = Segmenter().words("học sinh ko dc nghỉ học vs lý do gì")
    assert "học sinh" in words and "không" in words and "được" in words and "với" in words


def test_empty_text():
    assert Segmenter().words("") == []
