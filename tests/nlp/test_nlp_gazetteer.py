import pytest

from nlp.gazetteer import Gazetteer
from nlp.relevance import assess


@pytest.fixture(scope="module")
def gazetteer(profile):
    return Gazetteer(profile)


def names(gazetteer, text, title=None):
    return [(m.term.name, m.term.kind) for m in gazetteer.mentions(text, title)]


def test_names_with_and_without_diacritics(gazetteer):
    assert ("Vịnh Vĩnh Hy", "landmark") in names(gazetteer, "vinh hy dep qua troi nuoc trong veo luon mn")
    assert ("Ủy ban nhân dân tỉnh Khánh Hòa", "agency") in names(gazetteer, "ubnd tinh khanh hoa vua hop")
    assert ("Ủy ban nhân dân tỉnh Khánh Hòa", "agency") in names(gazetteer, "Sáng nay UBND tỉnh Khánh Hoà họp")


def test_unmarked_spelling_inside_marked_text_is_not_a_name(gazetteer):
    assert names(gazetteer, "Em cảm lắm luôn") == []
    assert names(gazetteer, "Trời hôm nay đẹp, cam lam ngon lắm nha mọi người ơi") == []


def test_word_boundaries(gazetteer):
    assert names(gazetteer, "Nha Trangxyz là tên một quán") == []
    assert ("Nha Trang", "district") in names(gazetteer, "Về Nha Trang.")


def test_offsets_point_at_the_text(gazetteer):
    text = "Xe khách lật trên đèo Khánh Lê, 12 người bị thương"
    (mention,) = gazetteer.mentions(text)
    assert text[mention.start:mention.end] == "đèo Khánh Lê"
    assert mention.term.place == "Khánh Vĩnh"


def test_ambiguous_names_need_context(gazetteer):
    assert names(gazetteer, "Lòng bác ái của người dân thật đáng quý") == []
    assert names(gazetteer, "Tai nạn ở Ninh Hải, tỉnh Ninh Bình") == []
    assert ("Ninh Hải", "district") in names(gazetteer, "Mưa lớn ở Ninh Hải (Ninh Thuận cũ)")
    assert ("Bác Ái", "district") in names(gazetteer, "Huyện Bác Ái hỗ trợ đồng bào Raglai")
    assert ("Trường Sa", "district") in names(gazetteer, "Thăm quần đảo Trường Sa")
    assert names(gazetteer, "Trường Sa trong trái tim tôi") == []


def test_longest_name_wins(gazetteer):
    assert names(gazetteer, "Vịnh Nha Trang xanh trong") == [("Vịnh Nha Trang", "landmark")]


def test_relevance_score_places_and_title(gazetteer):
    mentions = gazetteer.mentions("Sạt lở trên đèo Khánh Lê, xã Diên Lạc bị cô lập", title="Mưa lớn ở Khánh Hòa")
    result = assess(mentions, threshold=0.5)
    assert result.relevant and result.score > 0.9
    assert {"name": "Diên Lạc", "level": "commune", "district": "Diên Khánh"} in result.places
    assert {"name": "Khánh Vĩnh", "level": "district", "district": "Khánh Vĩnh"} in result.places
    assert mentions[0].in_title and mentions[0].term.kind == "province"
    weak = assess(gazetteer.mentions("Chợ phiên xã Diên Lạc"), threshold=0.5)
    assert not weak.relevant and 0 < weak.score < 0.5
    assert assess(gazetteer.mentions("Hà Nội mưa to"), threshold=0.5).score == 0.0


def test_relevance_on_the_corpus(gazetteer):
    """Texts the corpus marks as about another province or none are rarely taken as about Khánh Hòa."""
    from nlp.dataset import corpus

    rows = corpus()
    other = [r for r in rows if r["province"] in ("other", "none", "gia_lai", "dien_bien")]
    false_positive = sum(assess(gazetteer.mentions(r["text"]), 0.5).relevant for r in other) / len(other)
    assert false_positive < 0.05


@pytest.mark.parametrize("slug", ["dien_bien", "dong_thap", "gia_lai", "lam_dong"])
def test_every_shipped_profile_builds_and_keeps_to_its_province(slug):
    from config.profile import load_profile

    gazetteer = Gazetteer(load_profile(slug))
    own = load_profile(slug).name
    assert assess(gazetteer.mentions(f"Tin mới từ tỉnh {own}"), 0.5).relevant
    assert not assess(gazetteer.mentions("Nha Trang đón lượng khách kỷ lục"), 0.5).relevant


def test_former_province_counts_for_the_merged_province():
    from config.profile import load_profile

    gazetteer = Gazetteer(load_profile("dong_thap"))
    assert ("Tiền Giang", "former_province") in names(gazetteer, "Tiền Giang mưa lớn")
