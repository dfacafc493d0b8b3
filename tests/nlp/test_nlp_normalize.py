from nlp.normalize import (emoji_signals, expand_teencode, fix_tone_marks, fold, normalize_social, squeeze_repeats,
                           strip_diacritics)


def test_teencode_expands_whole_words_only():
    assert expand_teencode("ko dc vs ae") == "không được với anh em"
    assert expand_teencode("Ko đc đâu") == "Không được đâu"
    assert expand_teencode("giá 150k/người, k biết") == "giá 150k/người, không biết"
    assert expand_teencode("email a.k@dc.vn") == "email a.k@dc.vn"
    assert expand_teencode("kong, kho") == "kong, kho"


def test_repeated_letters_and_marks_are_squeezed():
    assert squeeze_repeats("đẹp quáaaaa!!!") == "đẹp quá!"
    assert squeeze_repeats("oiiii ngonnnn") == "oi ngon"
    assert squeeze_repeats("xoong nồi, cooc") == "xoong nồi, cooc"


def test_tone_marks_move_to_the_standard_place():
    assert fix_tone_marks("Khánh Hoà thuỷ điện") == "Khánh Hòa thủy điện"
    assert fix_tone_marks("KHOẺ") == "KHỎE"


def test_diacritics_and_fold():
    assert strip_diacritics("Đầm Nha Phu, Khánh Hòa") == "Dam Nha Phu, Khanh Hoa"
    assert fold("  Khánh   HÒA ") == "khánh hòa"


def test_emoji_are_signals_and_stay_in_text():
    text = "vinh hy dep qua 😍😍 nhưng kẹt xe 😡"
    assert emoji_signals(text) == ["emo_pos", "emo_pos", "emo_neg"]
    assert "😍" in normalize_social(text)


def test_normalize_social_combines_everything():
    assert normalize_social("Khánh Hoà đẹp quáaaa, ko đi là phí!!!") == "Khánh Hòa đẹp quá, không đi là phí!"
