from underthesea import ner, word_tokenize

from nlp.entities import link, spans, tag
from nlp.gazetteer import Gazetteer

SENTENCES = [
    "Chủ tịch UBND tỉnh Khánh Hòa làm việc với Công an tỉnh tại Nha Trang",
    "Ông Nguyễn Văn An, Giám đốc Sở Y tế, cho biết bệnh viện đã tiếp nhận 14 ca ngộ độc",
    "A",
    "Xe khách lật trên đèo Khánh Lê, 12 người bị thương",
]


def test_tags_equal_underthesea_ner_on_the_same_words():
    for sentence in SENTENCES:
        assert tag(word_tokenize(sentence)) == [(word, pos, label) for word, pos, _, label in ner(sentence)]


def test_entities_are_linked_to_the_gazetteer(profile):
    gazetteer = Gazetteer(profile)
    text = "Ông Nguyễn Văn An cùng đoàn công tác đến Nha Trang kiểm tra đèo Khánh Lê"
    entities = link(word_tokenize(text), gazetteer.mentions(text))
    by_text = {e.text: e for e in entities}
    assert by_text["Nha Trang"].type == "LOC" and by_text["Nha Trang"].linked["kind"] == "district"
    assert by_text["đèo Khánh Lê"].linked["place"] == "Khánh Vĩnh"
    assert any(e.type == "PER" and "Nguyễn Văn An" in e.text for e in entities)


def test_spans_of_empty_text():
    assert spans(tag([])) == []


def test_names_the_ner_misses_come_from_the_gazetteer(profile):
    gazetteer = Gazetteer(profile)
    text = "hôm qua sở y tế khánh hòa kiểm tra bếp ăn"
    entities = link(word_tokenize(text), gazetteer.mentions(text))
    assert [(e.text, e.type, e.source) for e in entities] == [("sở y tế khánh hòa", "ORG", "gazetteer")]
